//! The headers every response carries (a Content-Security-Policy without
//! `unsafe-inline`, no framing but the hall screen where configured), and
//! where CSRF tokens live: never in a URL, never adopted from the client.

use std::sync::Arc;

use plenum_web::WebConfig;
use reqwest::multipart::{Form, Part};

use crate::common::{self, client, demo_app, password, TestDatabase};

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

fn assert_locked_down(res: &reqwest::Response, what: &str) {
    let csp = header(res, "content-security-policy");
    for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'"] {
        assert!(csp.contains(directive), "{what}: {directive} in {csp:?}");
    }
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp:?}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{what}: {csp:?}");
    assert_eq!(header(res, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(res, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(res, "referrer-policy"), "same-origin", "{what}");
}

#[tokio::test]
async fn every_response_has_a_strict_policy_and_no_page_is_framed() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    assert_locked_down(&client().get(app.url("/login")).send().await.unwrap(), "the login page");
    assert_locked_down(&client().get(app.url("/healthz")).send().await.unwrap(), "the API");
    assert_locked_down(&client().get(app.url("/nowhere")).send().await.unwrap(), "a 404");
    let (c, _) = app.login("khachmoi", &password("khachmoi")).await;
    for path in [format!("/plenums/{id}"), format!("/plenums/{id}/projector"), "/static/live.js".to_string()] {
        let res = c.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_locked_down(&res, &path);
    }
}

#[tokio::test]
async fn the_hall_screen_may_be_framed_where_configured_and_nothing_else() {
    let web = WebConfig { projector_frame_ancestors: Some("'self' https://hall.example".into()), ..Default::default() };
    let app = common::launch_with(Arc::new(TestDatabase::sqlite()), true, web).await;
    let id = app.demo_plenum_id().await;
    let (c, _) = app.login("khachmoi", &password("khachmoi")).await;
    let res = c.get(app.url(&format!("/plenums/{id}/projector"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = header(&res, "content-security-policy");
    assert!(csp.ends_with("frame-ancestors 'self' https://hall.example"), "{csp}");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header(&res, "x-frame-options"), "", "the policy decides, not the older header");
    let tablet = c.get(app.url(&format!("/plenums/{id}/tablet"))).send().await.unwrap();
    assert_locked_down(&tablet, "the tablet");
}

/// The token a page's form carries.
fn form_token(html: &str) -> String {
    html.split("name=\"csrf\" value=\"").nth(1).expect("a CSRF field").split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_login_page_issues_its_own_token_never_one_the_client_brought() {
    let app = demo_app().await;
    let planted = "planted-by-a-sibling-site";
    let res = client().get(app.url("/login")).header("cookie", format!("plenum_csrf={planted}")).send().await.unwrap();
    let set: Vec<String> =
        res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let issued = set.iter().find_map(|c| c.strip_prefix("plenum_csrf=")).expect("a token cookie").to_string();
    assert!(!issued.starts_with(planted), "{set:?}");
    let token = form_token(&res.text().await.unwrap());
    assert_ne!(token, planted);
    assert!(issued.starts_with(&token), "the form's token is the cookie's: {issued} / {token}");
}

#[tokio::test]
async fn upload_forms_carry_the_token_in_the_body_not_the_url() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    for path in [format!("/plenums/{id}/delegates"), format!("/plenums/{id}/documents")] {
        let html = c.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("enctype=\"multipart/form-data\""), "{path} has an upload form");
        assert!(!html.contains("csrf="), "{path}: no token in a URL");
        assert!(!html.contains(".xls,"), "{path}: .xls is not accepted");
        for form in html.split("<form").skip(1).filter(|f| f.contains("multipart/form-data")) {
            let first_field = form.split("<input").nth(1).unwrap_or_default();
            assert!(first_field.contains("name=\"csrf\""), "{path}: the token is the first field: {form}");
        }
    }
    let csv = "ho_ten,don_vi\nNguyễn Văn A,Sở Tư pháp\n";
    let url = app.url(&format!("/plenums/{id}/delegates/import"));
    // The token in the URL no longer counts: a form must carry it.
    let in_url = Form::new().part("file", Part::bytes(csv.as_bytes().to_vec()).file_name("ds.csv"));
    let res = c.post(format!("{url}?csrf={csrf}")).multipart(in_url).send().await.unwrap();
    assert_eq!(res.status(), 400, "a token in the URL is refused");
    let late =
        Form::new().part("file", Part::bytes(csv.as_bytes().to_vec()).file_name("ds.csv")).text("csrf", csrf.clone());
    assert_eq!(c.post(&url).multipart(late).send().await.unwrap().status(), 400, "the token must come first");
    let wrong = Form::new()
        .text("csrf", "not-the-token")
        .part("file", Part::bytes(csv.as_bytes().to_vec()).file_name("ds.csv"));
    assert_eq!(c.post(&url).multipart(wrong).send().await.unwrap().status(), 400);
    let right =
        Form::new().text("csrf", csrf.clone()).part("file", Part::bytes(csv.as_bytes().to_vec()).file_name("ds.csv"));
    assert_eq!(c.post(&url).multipart(right).send().await.unwrap().status(), 200, "the preview");
}
