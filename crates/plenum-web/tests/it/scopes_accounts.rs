//! Disabling an account, and signing out everywhere (issue 7): both end the
//! account's sessions, tokens and live streams at once.

use serde_json::{json, Value};

use crate::common::sse::SseReader;
use crate::common::{client, demo_app, password, TestApp};

/// A bearer token for a demo account, as `plenum token create` makes one.
async fn token(app: &TestApp, username: &str) -> String {
    let actor = plenum_store::Actor::system("test");
    plenum_app::accounts::tokens::create(&plenum_app::App::new(app.store.clone()), &actor, username, "test")
        .await
        .unwrap()
}

/// A live stream of this client's, past its `connected` event.
async fn stream(app: &TestApp, c: &reqwest::Client) -> SseReader {
    let res = c.get(app.url("/api/v1/events")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let mut s = SseReader::new(res);
    assert_eq!(s.next(30).await.expect("connected").0, "connected");
    s
}

/// Add an agenda item the stream's user may see: a stream still open carries it.
async fn add_item(app: &TestApp, ordinal: i64) {
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let id = app.demo_plenum_id().await;
    let item = json!({"ordinal": ordinal, "title": format!("Nội dung {ordinal}"), "kind": "other"});
    let url = app.url(&format!("/api/v1/plenums/{id}/agenda-items"));
    assert_eq!(office.post(url).header("x-csrf-token", csrf).json(&item).send().await.unwrap().status(), 201);
}

/// The stream has ended: an item it would carry does not come (the wait only detects a hang).
async fn ended(s: &mut SseReader) {
    while let Some((event, _)) = s.next(60).await {
        assert_ne!(event, "agenda_item.added", "the stream still carries changes");
    }
}

async fn login_status(app: &TestApp, username: &str, pw: &str) -> (u16, Value) {
    let res = client()
        .post(app.url("/api/v1/session"))
        .json(&json!({"username": username, "password": pw}))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[tokio::test]
async fn a_disabled_account_loses_its_sessions_tokens_and_streams_and_cannot_sign_in() {
    let app = demo_app().await;
    let delegate = app.store.user_by_username("daibieu").await.unwrap().unwrap();
    let (session, _) = app.login("daibieu", &password("daibieu")).await;
    let bearer = token(&app, "daibieu").await;
    let mut live = stream(&app, &session).await;

    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let url = app.url(&format!("/api/v1/users/{}/disable", delegate.id));
    assert_eq!(admin.post(&url).header("x-csrf-token", &csrf).send().await.unwrap().status(), 204);

    assert_eq!(session.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "the cookie session");
    let me = client().get(app.url("/api/v1/me")).bearer_auth(&bearer).send().await.unwrap();
    assert_eq!(me.status(), 401, "the token");
    add_item(&app, 14).await;
    ended(&mut live).await;

    let (status, refused) = login_status(&app, "daibieu", &password("daibieu")).await;
    let (wrong_status, wrong) = login_status(&app, "chutri", "sai-mat-khau").await;
    assert_eq!((status, wrong_status), (401, 401));
    assert_eq!(refused, wrong, "a disabled account answers as a wrong password does");

    let users = admin.get(app.url("/users")).send().await.unwrap().text().await.unwrap();
    assert!(users.contains("Đã khóa"), "the users page shows the account disabled");
}

#[tokio::test]
async fn an_account_is_disabled_only_by_administrators_of_all_it_holds() {
    let app = demo_app().await;
    let plenum = app.store.plenums().await.unwrap().remove(0);
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let account = json!({"username": "qthn", "display_name": "Quản trị Hà Nội", "password": "mat-khau-hn", "role": "admin", "org_id": plenum.org_id});
    let res = admin.post(app.url("/api/v1/users")).header("x-csrf-token", &csrf).json(&account).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let (local, local_csrf) = app.login("qthn", "mat-khau-hn").await;
    let disable = |name: &'static str| {
        let (app, local, csrf) = (&app, &local, &local_csrf);
        async move {
            let id = app.store.user_by_username(name).await.unwrap().unwrap().id;
            let url = app.url(&format!("/api/v1/users/{id}/disable"));
            local.post(url).header("x-csrf-token", csrf).send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(disable("admin").await, 403, "a system-wide account");
    assert_eq!(disable("daibieu").await, 204, "a delegate of the organization's plenum");
    let (office, office_csrf) = app.login("thuky", &password("thuky")).await;
    let id = app.store.user_by_username("khachmoi").await.unwrap().unwrap().id;
    let url = app.url(&format!("/api/v1/users/{id}/disable"));
    assert_eq!(office.post(url).header("x-csrf-token", office_csrf).send().await.unwrap().status(), 403, "the office");

    // The form on the users page works without script.
    let id = app.store.user_by_username("khachmoi").await.unwrap().unwrap().id;
    let page = local.get(app.url("/users")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!(r#"action="/users/{id}/disable""#)));
    let res = local.post(app.url(&format!("/users/{id}/disable"))).form(&[("csrf", &local_csrf)]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(app.store.user(id).await.unwrap().disabled_at.is_some());
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_token_and_stream_of_the_account() {
    let app = demo_app().await;
    let (here, csrf) = app.login("daibieu", &password("daibieu")).await;
    let (there, _) = app.login("daibieu", &password("daibieu")).await;
    let (other, _) = app.login("chutri", &password("chutri")).await;
    let bearer = token(&app, "daibieu").await;
    let mut live = stream(&app, &there).await;

    let res = here.delete(app.url("/api/v1/sessions")).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(res.status(), 204);
    for c in [&here, &there] {
        assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
    }
    let me = client().get(app.url("/api/v1/me")).bearer_auth(&bearer).send().await.unwrap();
    assert_eq!(me.status(), 401, "the token too");
    assert_eq!(other.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200, "other accounts stay");
    add_item(&app, 14).await;
    ended(&mut live).await;
    assert_eq!(login_status(&app, "daibieu", &password("daibieu")).await.0, 200, "signing in again works");

    // The page's button, without script.
    let (c, csrf) = app.login("daibieu", &password("daibieu")).await;
    let home = c.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains(r#"action="/logout/everywhere""#));
    let res = c.post(app.url("/logout/everywhere")).form(&[("csrf", &csrf)]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
}
