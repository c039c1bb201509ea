//! One-time tablet links grant only what the delegate record's own kind
//! grants on its plenum: never the roles of an account the delegate has.

use crate::common;

use common::{client, demo_app, password, TestApp};
use plenum_core::access::{Grant, GrantScope, Role};
use plenum_store::{Actor, Delegate};

/// The delegate record linked to a demo account.
async fn delegate_of(app: &TestApp, username: &str) -> Delegate {
    let id = app.demo_plenum_id().await;
    let user = app.store.user_by_username(username).await.unwrap().unwrap();
    app.store.delegate_for_user(id, user.id).await.unwrap().expect("a delegate linked to the account")
}

/// The office asks for a link for this delegate: the response.
async fn issue(app: &TestApp, d: &Delegate) -> reqwest::Response {
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    c.post(app.url(&format!("/plenums/{}/delegates/{}/link", d.plenum_id, d.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
}

/// The secret of a link the office issued.
async fn issued_secret(app: &TestApp, d: &Delegate) -> String {
    let res = issue(app, d).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let link = html.split("class=\"device-link\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    link.rsplit("/d/").next().unwrap().to_string()
}

/// A fresh client opens the link and presses the button: the client and the response.
async fn redeem(app: &TestApp, secret: &str) -> (reqwest::Client, reqwest::Response) {
    let tablet = client();
    let page = tablet.get(app.url(&format!("/d/{secret}"))).send().await.unwrap().text().await.unwrap();
    let token = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let res = tablet.post(app.url(&format!("/d/{secret}"))).form(&[("csrf", token.as_str())]).send().await.unwrap();
    (tablet, res)
}

#[tokio::test]
async fn no_link_is_issued_for_a_delegate_whose_account_holds_other_roles() {
    let app = demo_app().await;
    for username in ["chutri", "thukyto"] {
        let d = delegate_of(&app, username).await;
        let res = issue(&app, &d).await;
        assert_eq!(res.status(), 409, "{username}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Đại biểu này đã có tài khoản; đại biểu đăng nhập bằng tài khoản đó."), "{html}");
        // The delegate's page says so instead of offering the button.
        let (c, _) = app.login("thuky", &password("thuky")).await;
        let page = c
            .get(app.url(&format!("/plenums/{}/delegates/{}", d.plenum_id, d.id)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Đại biểu này đã có tài khoản"), "{username}");
        assert!(!page.contains(&format!("/delegates/{}/link", d.id)), "{username}: no button");
    }
}

#[tokio::test]
async fn a_link_refuses_an_account_given_more_roles_after_it_was_issued() {
    let app = demo_app().await;
    // daibieu's account holds only the delegate's grant: a link may sign its tablet in.
    let d = delegate_of(&app, "daibieu").await;
    let secret = issued_secret(&app, &d).await;
    let daibieu = app.store.user_by_username("daibieu").await.unwrap().unwrap();
    let chair = Grant { role: Role::Chair, scope: GrantScope { org: None, plenum: Some(d.plenum_id) } };
    app.store.grant_role(&Actor::system("test"), daibieu.id, chair).await.unwrap();

    let (tablet, res) = redeem(&app, &secret).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("Đại biểu này đã có tài khoản"));
    assert_eq!(tablet.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "no session at all");
    let (_, again) = redeem(&app, &secret).await;
    assert_eq!(again.status(), 409, "the link is used up");
}

#[tokio::test]
async fn a_link_signs_a_delegate_in_with_the_delegates_grant_only() {
    let app = demo_app().await;
    let d = delegate_of(&app, "daibieu").await;
    let secret = issued_secret(&app, &d).await;
    let (tablet, res) = redeem(&app, &secret).await;
    assert_eq!(res.status(), 303);
    let me: serde_json::Value = tablet.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["username"], "daibieu", "{me}");
    let grants = app.store.grants_of(d.user_id.unwrap()).await.unwrap();
    assert_eq!(
        grants,
        vec![Grant { role: Role::Delegate, scope: GrantScope { org: None, plenum: Some(d.plenum_id) } }]
    );
}
