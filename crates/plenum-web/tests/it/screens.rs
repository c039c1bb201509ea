//! The hall screen's link (kiosk link): the office makes one, a browser with
//! no account opens the hall screen with it, live; the link reaches no other
//! route, as a bearer token or a session cookie; once revoked it opens
//! nothing, and a stream open on it ends.

use crate::common;

use common::sse::SseReader;
use common::{client, demo_app, password, TestApp};
use plenum_store::input::NewSpeakerEntry;
use plenum_store::Actor;

/// Make a link as the office; its secret, read from the page that shows it once.
pub(crate) async fn make_link(app: &TestApp, plenum: i64, label: &str) -> String {
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let res = c
        .post(app.url(&format!("/plenums/{plenum}/screens")))
        .form(&[("csrf", csrf.as_str()), ("label", label)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let secret = html.split("/screen/").nth(1).expect("the link is shown").split('"').next().unwrap().to_string();
    assert_eq!(secret.len(), 64, "{secret}");
    secret
}

/// A page's answer to the secret as a session cookie leads to the sign-in page.
async fn lands_on_sign_in(app: &TestApp, mut res: reqwest::Response, secret: &str) -> bool {
    for _ in 0..2 {
        if res.status() != 303 {
            return false;
        }
        let to = res.headers()["location"].to_str().unwrap().to_string();
        if to.starts_with("/login") {
            return true;
        }
        res = client().get(app.url(&to)).header("cookie", format!("plenum_session={secret}")).send().await.unwrap();
    }
    false
}

#[tokio::test(flavor = "multi_thread")]
async fn a_screen_link_opens_the_hall_screen_and_nothing_else() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let secret = make_link(&app, plenum, "Hội trường tầng 2").await;

    // A browser nobody signed in on.
    let kiosk = client();
    let res = kiosk.get(app.url(&format!("/screen/{secret}"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("set-cookie").is_none(), "the link signs nobody in");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"projector\""), "the hall screen");
    assert!(html.contains(&format!("data-live-events=\"/screen/{secret}/events\"")), "with a stream of its own");
    let fragment = kiosk.get(app.url(&format!("/screen/{secret}/fragment"))).send().await.unwrap();
    assert_eq!(fragment.status(), 200);
    assert!(fragment.text().await.unwrap().contains("p-item-title"));
    assert_eq!(kiosk.get(app.url(&format!("/screen/{}", "0".repeat(64)))).send().await.unwrap().status(), 404);

    // Presented as a bearer token or as a session cookie, the secret opens no
    // other route of the server: each is refused as not signed in.
    let public = ["/login", "/logout", "/lang/", "/healthz", "/static/", "/favicon.ico", "/api/openapi.json", "/d/"];
    let mut failures = Vec::new();
    let mut tried = 0;
    for (method, pattern) in plenum_web::routes::table() {
        if pattern.starts_with("/screen/")
            || public.iter().any(|p| pattern.starts_with(p))
            || pattern == "/api/v1/session"
        {
            continue;
        }
        // Any id will do: who is calling is decided before anything is looked up.
        let path: String =
            pattern.split('/').map(|seg| if seg.starts_with('{') { "1" } else { seg }).collect::<Vec<_>>().join("/");
        for how in ["bearer", "cookie"] {
            let req = client().request(method.clone(), app.url(&path));
            let req = match how {
                "bearer" => req.header("authorization", format!("Bearer {secret}")),
                _ => req.header("cookie", format!("plenum_session={secret}")),
            };
            let res = req.header("content-type", "application/json").body("{}").send().await.unwrap();
            let status = res.status().as_u16();
            let refused = match (pattern.starts_with("/api/"), method.as_str()) {
                (true, _) => status == 401,
                // A page sends to the sign-in page (a form's address first to its page,
                // which then does); a form post without a session fails its CSRF check.
                (false, "GET") => lands_on_sign_in(&app, res, &secret).await,
                (false, _) => status == 400 || lands_on_sign_in(&app, res, &secret).await,
            };
            tried += 1;
            if !refused {
                failures.push(format!("{how} {method} {path} → {status}"));
            }
        }
    }
    assert!(tried > 100, "every route is tried ({tried})");
    assert!(failures.is_empty(), "a screen link reached:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_link_opens_nothing_and_its_open_stream_ends() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let secret = make_link(&app, plenum, "Hội trường").await;
    let kiosk = client();
    let res = kiosk.get(app.url(&format!("/screen/{secret}/events"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let mut stream = SseReader::new(res);
    assert_eq!(stream.next(5).await.map(|e| e.0).as_deref(), Some("connected"));

    // A change on the floor arrives by its name alone, without its content.
    let hall =
        app.store.meeting_sessions(plenum).await.unwrap().into_iter().find(|s| s.kind.as_str() == "plenary").unwrap();
    let delegate = app.store.delegates(plenum).await.unwrap().remove(0);
    let entry = NewSpeakerEntry {
        session_id: hall.id,
        item_id: hall.current_item_id.unwrap(),
        delegate_id: delegate.id,
        kind: "speak".into(),
    };
    app.store.request_floor(&Actor::system("test"), entry).await.unwrap();
    let (event, data) = stream.next(5).await.expect("the floor's change");
    assert_eq!((event.as_str(), data.as_str()), ("speaker.requested", "{}"));

    // The office revokes it: the page, the fragment and the open stream stop.
    let link = app.store.screen_links(plenum).await.unwrap().remove(0);
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let res = c
        .post(app.url(&format!("/plenums/{plenum}/screens/{}/revoke", link.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(stream.ends_within(5).await, "the open stream ends");
    for path in [format!("/screen/{secret}"), format!("/screen/{secret}/fragment"), format!("/screen/{secret}/events")]
    {
        assert_eq!(kiosk.get(app.url(&path)).send().await.unwrap().status(), 404, "{path}");
    }
    let page =
        c.get(app.url(&format!("/plenums/{plenum}/screens?revoked=1"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Đã thu hồi đường dẫn."), "{page}");
}
