//! Every address a form posts to opens as a page too. A refused form is shown
//! again at the address it was posted to; reopening that address (history, a
//! restored tab, a reload declined) is a GET, and must land on a page, never
//! on the browser's bare "HTTP ERROR 405".

use crate::common;

use common::demo_paths::DemoIds;
use common::{demo_app, password};

#[tokio::test(flavor = "multi_thread")]
async fn no_form_address_answers_405_to_a_get() {
    let app = demo_app().await;
    let ids = DemoIds::load(&app).await;
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
        let path = ids.concrete(pattern);
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
