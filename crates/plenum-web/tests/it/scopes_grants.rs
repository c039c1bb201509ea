//! Grants and their scopes: an administrator grants, and lists accounts and
//! organizations, only inside their own scope (issue 7, flaw 3).

use serde_json::{json, Value};

use crate::common::{self, demo_app, password};

/// A district under the demo plenum's organization, and an administrator of
/// that district only, signed in. Returns the district, the demo
/// organization above it, and the district administrator's client and CSRF token.
async fn district_admin(app: &common::TestApp) -> (i64, i64, reqwest::Client, String) {
    let plenum = app.store.plenums().await.unwrap().remove(0);
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let district = json!({"name": "Đảng bộ quận Ba Đình", "short_name": "QU Ba Đình", "level": "district", "parent_id": plenum.org_id});
    let res = admin
        .post(app.url("/api/v1/organizations"))
        .header("x-csrf-token", &csrf)
        .json(&district)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let district = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let account = json!({"username": "qtbadinh", "display_name": "Quản trị Ba Đình", "password": "mat-khau-quan", "role": "admin", "org_id": district});
    let res = admin.post(app.url("/api/v1/users")).header("x-csrf-token", &csrf).json(&account).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let (c, csrf) = app.login("qtbadinh", "mat-khau-quan").await;
    (district, plenum.org_id, c, csrf)
}

async fn create_user(c: &reqwest::Client, app: &common::TestApp, csrf: &str, body: Value) -> reqwest::StatusCode {
    c.post(app.url("/api/v1/users")).header("x-csrf-token", csrf).json(&body).send().await.unwrap().status()
}

#[tokio::test]
async fn a_district_administrator_grants_inside_the_district_only() {
    let app = demo_app().await;
    let (district, parent, c, csrf) = district_admin(&app).await;
    let plenum = app.demo_plenum_id().await;
    let new = |name: &str, role: &str, org: Option<i64>, plenum: Option<i64>| json!({"username": name, "display_name": "x", "password": "mat-khau-moi", "role": role, "org_id": org, "plenum_id": plenum});
    assert_eq!(create_user(&c, &app, &csrf, new("toan-quoc", "admin", None, None)).await, 403, "a system-wide admin");
    assert_eq!(create_user(&c, &app, &csrf, new("cap-tren", "guest", Some(parent), None)).await, 403, "the parent");
    assert_eq!(create_user(&c, &app, &csrf, new("hn-plenum", "guest", None, Some(plenum))).await, 403, "its plenum");
    assert_eq!(create_user(&c, &app, &csrf, new("vp-badinh", "secretary", Some(district), None)).await, 201);
    assert!(app.store.user_by_username("toan-quoc").await.unwrap().is_none());

    // The form refuses the same, and offers no system-wide choice.
    let page = c.get(app.url("/users")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains(r#"value="all""#), "no system-wide scope on the form");
    let form = [
        ("csrf", csrf.as_str()),
        ("username", "toan-quoc-2"),
        ("display_name", "x"),
        ("password", "mat-khau-moi"),
        ("role", "admin"),
        ("scope", "all"),
    ];
    let res = c.post(app.url("/users")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(app.store.user_by_username("toan-quoc-2").await.unwrap().is_none());
}

#[tokio::test]
async fn a_district_administrator_lists_the_districts_accounts_and_organizations_only() {
    let app = demo_app().await;
    let (district, _, c, csrf) = district_admin(&app).await;
    let body = json!({"username": "vp-badinh", "display_name": "x", "password": "mat-khau-moi", "role": "secretary", "org_id": district});
    assert_eq!(create_user(&c, &app, &csrf, body).await, 201);

    let users: Vec<Value> = c.get(app.url("/api/v1/users")).send().await.unwrap().json().await.unwrap();
    let mut names: Vec<&str> = users.iter().map(|u| u["username"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["qtbadinh", "vp-badinh"]);
    let page = c.get(app.url("/users")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("<code>vp-badinh</code>") && !page.contains("<code>thuky</code>"));

    let orgs: Vec<Value> = c.get(app.url("/api/v1/organizations")).send().await.unwrap().json().await.unwrap();
    let ids: Vec<i64> = orgs.iter().map(|o| o["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [district]);
    let page = c.get(app.url("/organizations")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Đảng bộ quận Ba Đình"), "the district is the tree's root");

    // The system-wide administrator still sees every account.
    let (admin, _) = app.login("admin", &password("admin")).await;
    let users: Vec<Value> = admin.get(app.url("/api/v1/users")).send().await.unwrap().json().await.unwrap();
    assert!(users.iter().any(|u| u["username"] == "thuky") && users.iter().any(|u| u["username"] == "vp-badinh"));
}
