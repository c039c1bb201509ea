//! Every address a form posts to opens as a page too. A refused form is shown
//! again at the address it was posted to; reopening that address (history, a
//! restored tab, a reload declined) is a GET, and must land on a page, never
//! on the browser's bare "HTTP ERROR 405".

use crate::common;

use common::{demo_app, password};

/// A concrete value for a path parameter of the demo plenum, by the segment
/// before it and its name.
fn value(before: &str, name: &str, ids: &Ids) -> String {
    match (before, name) {
        ("plenums", "id") => ids.plenum.to_string(),
        ("documents", "id") => ids.document.to_string(),
        ("users", "id") => ids.user.to_string(),
        ("organizations", "id") => ids.org.to_string(),
        (_, "did") => ids.delegate.to_string(),
        (_, "sid") => ids.session.to_string(),
        (_, "item_id") => ids.item.to_string(),
        (_, "oid") => ids.opinion.to_string(),
        (_, "code") => ids.code.clone(),
        (_, "number") => "1".into(),
        (_, "action") => "stop".into(),
        // No such entry or link: the form's page does not depend on it.
        (_, "eid") | (_, "lid") => "999999".into(),
        (_, "secret") => "0".repeat(64),
        _ => panic!("no demo value for {{{name}}} after {before}"),
    }
}

struct Ids {
    plenum: i64,
    document: i64,
    user: i64,
    org: i64,
    delegate: i64,
    session: i64,
    item: i64,
    opinion: i64,
    code: String,
}

fn concrete(pattern: &str, ids: &Ids) -> String {
    let segments: Vec<&str> = pattern.split('/').collect();
    segments
        .iter()
        .enumerate()
        .map(|(i, seg)| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => value(segments[i - 1], name, ids),
            None => seg.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test(flavor = "multi_thread")]
async fn no_form_address_answers_405_to_a_get() {
    let app = demo_app().await;
    let store = &app.store;
    let plenum = store.plenums().await.unwrap()[0].clone();
    let document = store.documents(plenum.id).await.unwrap().remove(0);
    let delegate = store.delegates(plenum.id).await.unwrap().remove(0);
    let session = store.meeting_sessions(plenum.id).await.unwrap().remove(0);
    let opinion = store.opinions(plenum.id).await.unwrap().remove(0);
    let user = store.users().await.unwrap().into_iter().find(|u| u.username == "khachmoi").unwrap();
    let ids = Ids {
        plenum: plenum.id,
        document: document.id,
        user: user.id,
        org: plenum.org_id,
        delegate: delegate.id,
        session: session.id,
        item: document.item_id,
        opinion: opinion.id,
        code: delegate.checkin_code.clone(),
    };
    // The office's administrator, who may open every page a form belongs to.
    let (c, _) = app.login("admin", &password("admin")).await;

    let forms: Vec<String> = plenum_web::routes::table()
        .into_iter()
        .filter(|(m, p)| m.as_str() == "POST" && !p.starts_with("/api/"))
        .map(|(_, p)| p)
        .collect();
    assert!(forms.len() > 20, "the page forms are found in the route table ({})", forms.len());

    let mut failures = Vec::new();
    for pattern in &forms {
        let path = concrete(pattern, &ids);
        let res = c.get(app.url(&path)).send().await.unwrap();
        let status = res.status();
        if status == 405 || status.is_server_error() {
            failures.push(format!("GET {path} → {status}"));
        } else if status.is_redirection() {
            // Followed to the page (a document sends on to its latest version).
            let (mut res, mut to) = (res, path.clone());
            for _ in 0..3 {
                let Some(next) = res.headers().get("location") else { break };
                to = next.to_str().unwrap().to_string();
                res = c.get(app.url(&to)).send().await.unwrap();
            }
            let html = res.headers().get("content-type").is_some_and(|v| v.to_str().unwrap().starts_with("text/html"));
            if res.status() != 200 || !html {
                failures.push(format!("GET {path} → {to} → {}", res.status()));
            }
        }
    }
    assert!(failures.is_empty(), "form addresses without a page:\n{}", failures.join("\n"));

    // Opening the sign-out form's address is not signing out.
    let res = c.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.status(), 200, "still signed in after opening /logout");
}
