//! axe-core over every page of the product: WCAG 2.2 AA (the tags wcag2a,
//! wcag2aa, wcag21a, wcag21aa and wcag22aa, no rule disabled), at 1366 and
//! 768 px, as each role sees each page, signed out too. The pages are the
//! server's own GET routes, ids taken from the demo plenum, so a new page is
//! checked as soon as it is routed, and a page no role can open fails.
//! Then the states a page list never reaches: forms showing their errors,
//! the desk behind a newer speech, the hall during a speech, search's hits and refusal.

use crate::common;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use common::browser::*;
use common::demo_paths::DemoIds;
use common::{axe, TestApp};
use fantoccini::Client;
use serde_json::{json, Value};

/// Desktop and tablet, with the height each is used at.
const WIDTHS: [(u32, u32); 2] = [(1366, 900), (768, 1024)];

/// Every demo account, one per role, and `None` for the signed-out visitor.
/// The administrator goes first: who may open everything tells the pages
/// from the downloads and fragments, once.
const VIEWERS: [Option<&str>; 9] = [
    Some("admin"),
    Some("thuky"),
    Some("chutri"),
    Some("daibieu"),
    Some("thukyto"),
    Some("kiemtra"),
    Some("khachmoi"),
    Some("canbo"),
    None,
];

/// What axe found, page by page, and how much it checked.
struct Audit {
    script: String,
    failures: Vec<String>,
    checked: usize,
}

impl Audit {
    fn new() -> Audit {
        Audit { script: axe::script(), failures: Vec::new(), checked: 0 }
    }

    /// Check the page as it is now, at each width; a screenshot of each failure.
    async fn check(&mut self, b: &Client, who: &str, what: &str) {
        for (width, height) in WIDTHS {
            b.set_window_size(width, height).await.unwrap();
            let inner = b.execute("return window.innerWidth", vec![]).await.unwrap();
            assert_eq!(inner, json!(width), "the page is laid out {width} px wide");
            let found = axe::violations(b, &self.script).await;
            self.checked += 1;
            if !found.is_empty() {
                let slug: String =
                    what.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect::<String>();
                shot(b, &format!("axe-{who}-{}-{width}", slug.trim_matches('-'))).await;
                let said: Vec<String> = found.iter().map(axe::describe).collect();
                self.failures.push(format!("{what} as {who} at {width} px:\n{}", said.join("\n")));
            }
        }
    }

    fn assert_clean(&self) {
        assert!(self.checked > 0, "axe-core checked nothing");
        assert!(
            self.failures.is_empty(),
            "axe-core found {} page(s) failing WCAG 2.2 AA (screenshots under test-artifacts/browser/axe-*):\n\n{}",
            self.failures.len(),
            self.failures.join("\n\n")
        );
    }
}

fn label(who: Option<&str>) -> &str {
    who.unwrap_or("signed-out")
}

/// A browser for `who`: signed in, or not.
async fn open(driver: &Driver, app: &TestApp, who: Option<&str>) -> Browser {
    match who {
        Some(u) => sign_in(driver, app, u).await,
        None => {
            let b = Browser::start(driver).await;
            b.goto(&app.url("/login")).await.unwrap();
            b
        }
    }
}

/// Every GET route outside the API, the static files and the fragments a live
/// page swaps in (each is checked inside its page): the candidate pages.
fn get_routes() -> Vec<String> {
    plenum_web::routes::table()
        .into_iter()
        .filter(|(m, p)| {
            m.as_str() == "GET" && !p.starts_with("/api/") && !p.starts_with("/static/") && !p.contains("/fragments/")
        })
        .map(|(_, p)| p)
        .collect()
}

/// What an address answers the browser, asked from inside the page (with its
/// cookies), redirects followed: status, final path, and whether the body is
/// a whole HTML page (not a fragment for a live swap, nor a download).
struct Answer {
    status: u64,
    path: String,
    page: bool,
}

async fn ask(b: &Client, path: &str) -> Answer {
    let probe = r#"
        const [path, done] = arguments;
        fetch(path, { credentials: 'same-origin' })
            .then(async (r) => {
                const type = r.headers.get('content-type') || '';
                const body = type.startsWith('text/html') ? await r.text() : '';
                done({ status: r.status, path: new URL(r.url).pathname, page: /^\s*<!doctype html/i.test(body) });
            })
            .catch((e) => done({ error: String(e) }));
    "#;
    let a = b.execute_async(probe, vec![json!(path)]).await.unwrap_or_else(|e| panic!("GET {path}: {e}"));
    assert!(a["error"].is_null(), "GET {path}: {}", a["error"]);
    Answer {
        status: a["status"].as_u64().unwrap(),
        path: a["path"].as_str().unwrap().into(),
        page: a["page"] == json!(true),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_passes_axe_for_every_role_at_both_widths() {
    let started = Instant::now();
    let app = common::demo_app().await;
    let mut ids = DemoIds::load(&app).await;
    // The hall screen opened by its link, as the projector's computer does.
    ids.secret = crate::screens::make_link(&app, ids.plenum, "Hội trường").await;
    let driver = Driver::start().await;
    let mut audit = Audit::new();
    let routes = get_routes();
    assert!(routes.len() > 20, "the pages are found in the route table ({})", routes.len());

    // Per route: whether its answer is a page (decided by the first 200), and who saw it.
    let mut is_page: HashMap<&str, bool> = HashMap::new();
    let mut seen_by: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut broken = Vec::new();
    for who in VIEWERS {
        let b = open(&driver, &app, who).await;
        // A page reached from several routes (a form's address sends on to its page), or an error page, once per role.
        let mut checked = HashSet::new();
        for pattern in &routes {
            if is_page.get(pattern.as_str()) == Some(&false) {
                continue;
            }
            let path = ids.concrete(pattern);
            let answer = ask(&b, &path).await;
            if answer.status >= 500 {
                broken.push(format!("GET {path} as {} → {}", label(who), answer.status));
                continue;
            }
            if answer.status == 200 {
                is_page.entry(pattern).or_insert(answer.page);
                // Signed out, a page sends to the sign-in form: that is not seeing it.
                let to_login = answer.path == "/login" && path != "/login";
                if answer.page && !to_login {
                    seen_by.entry(pattern).or_default().push(label(who));
                }
            }
            if !answer.page {
                continue;
            }
            let key = if answer.status == 200 { answer.path.clone() } else { format!("error {}", answer.status) };
            if checked.insert(key) {
                b.goto(&app.url(&path)).await.unwrap();
                audit.check(&b, label(who), &path).await;
            }
        }
        b.close().await;
    }

    let pages: Vec<&str> = routes.iter().map(String::as_str).filter(|p| is_page.get(p) != Some(&false)).collect();
    for p in &pages {
        match seen_by.get(p) {
            Some(who) => println!("{p}: {}", who.join(", ")),
            None => broken.push(format!("GET {p}: no role could open this page")),
        }
    }
    let skipped: Vec<&str> = routes.iter().map(String::as_str).filter(|p| is_page.get(p) == Some(&false)).collect();
    println!("not pages (downloads and the like): {}", skipped.join(", "));
    println!(
        "axe-core {} checked {} page views ({} routes, {} roles) in {:.0?}",
        axe::version(),
        audit.checked,
        pages.len(),
        VIEWERS.len(),
        started.elapsed()
    );
    assert!(pages.len() > 15, "the pages are told from the downloads ({} pages)", pages.len());
    if !broken.is_empty() {
        audit.failures.push(format!("pages that cannot be visited:\n{}", broken.join("\n")));
    }
    audit.assert_clean();
}

/// Wait until `css` is on the page (an error shown, a notice arrived).
async fn shows(b: &Client, css: &str, what: &str) {
    b.wait()
        .at_most(WAIT)
        .for_element(fantoccini::Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{what}: no `{css}`: {e}"));
}

/// Send the form `form` (a CSS selector) with its text left empty, past the
/// browser's own checks, the way its page sends it (a script may take it over).
async fn send_empty(b: &Client, form: &str) {
    let script = r#"
        const form = document.querySelector(arguments[0]);
        if (!form) return false;
        form.noValidate = true;
        for (const f of form.querySelectorAll('input:not([type=hidden]):not([type=submit]), textarea')) {
            if (f.type === 'radio' || f.type === 'checkbox') f.checked = false; else f.value = '';
        }
        form.requestSubmit();
        return true;
    "#;
    let sent = b.execute(script, vec![json!(form)]).await.unwrap();
    assert_eq!(sent, json!(true), "no form `{form}` on {}", path(b).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn forms_showing_their_errors_pass_axe() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let mut audit = Audit::new();
    // Who sends which form, on which page, empty: each is refused with its errors shown.
    // In order of who, so each role signs in once.
    let forms: [(Option<&str>, String, &str); 10] = [
        (None, "/login".into(), "form[action='/login']"),
        (Some("admin"), "/users".into(), "form[action='/users']"),
        (Some("admin"), "/organizations".into(), "form[action='/organizations']"),
        (Some("thuky"), "/plenums/new".into(), "form[action='/plenums/new']"),
        (Some("thuky"), format!("/plenums/{id}/agenda"), "form[action$='/agenda']"),
        (Some("thuky"), format!("/plenums/{id}/delegates"), "form[action$='/delegates']"),
        (Some("thuky"), format!("/plenums/{id}/desk"), "#speech-form"),
        (Some("thuky"), format!("/plenums/{id}/desk"), "#opinion-form"),
        (Some("thuky"), format!("/plenums/{id}/issued/resolution"), "form[action$='/issued/resolution']"),
        (Some("daibieu"), format!("/plenums/{id}/tablet"), "form[action$='/tablet/opinions']"),
    ];
    let mut browser: Option<(Option<&str>, Browser)> = None;
    for (who, page, form) in forms {
        if browser.as_ref().is_none_or(|(w, _)| *w != who) {
            if let Some((_, b)) = browser.take() {
                b.close().await;
            }
            browser = Some((who, open(&driver, &app, who).await));
        }
        let b = &browser.as_ref().unwrap().1;
        b.goto(&app.url(&page)).await.unwrap();
        send_empty(b, form).await;
        shows(b, ".error", &format!("{form} on {page} sent empty")).await;
        audit.check(b, label(who), &format!("{page} {form} refused")).await;
    }
    if let Some((_, b)) = browser {
        b.close().await;
    }
    audit.assert_clean();
}

async fn eval(b: &Client, expr: &str) -> Value {
    b.execute(&format!("return {expr}"), vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_hall_during_a_speech_and_the_desk_behind_a_newer_one_pass_axe() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let mut audit = Audit::new();

    // The desk, with text typed, when the chair gives the floor and stops: "a newer speech" shows.
    let desk = sign_in(&driver, &app, "thuky").await;
    desk.goto(&app.url(&format!("/plenums/{id}/desk"))).await.unwrap();
    shows(&desk, ".live-status.on", "the desk's live connection").await;
    find(&desk, "#opinion-text").await.send_keys("Đề nghị làm rõ").await.unwrap();

    // Someone speaking: the hall screen, the chair's console, the tablet show the speaker and the clock.
    let floor = common::chair::Floor::give(&app, "Nguyễn Hữu Phúc").await;
    for (who, page) in [("khachmoi", "projector"), ("chutri", "chair"), ("daibieu", "tablet")] {
        let b = sign_in(&driver, &app, who).await;
        b.goto(&app.url(&format!("/plenums/{id}/{page}"))).await.unwrap();
        shows(&b, ".floor-clock[role=timer]", &format!("the {page} during a speech")).await;
        audit.check(&b, who, &format!("{page} during a speech")).await;
        b.close().await;
    }

    floor.stop(&app).await;
    shows(&desk, ".desk-behind", "the notice of a newer speech").await;
    assert_eq!(eval(&desk, "document.activeElement.value").await, json!("Đề nghị làm rõ"));
    audit.check(&desk, "thuky", "desk behind a newer speech").await;
    desk.close().await;
    audit.assert_clean();
}

/// Search from the plenum's page as a person does: type without diacritics,
/// send, read the hits with their words marked; then a query too long.
#[tokio::test(flavor = "multi_thread")]
async fn searching_from_the_plenum_page_and_its_refusal_pass_axe() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let mut audit = Audit::new();
    let b = sign_in(&driver, &app, "khachmoi").await;
    b.goto(&app.url(&format!("/plenums/{id}"))).await.unwrap();
    find(&b, "#plenum-search-q").await.send_keys("dang vien").await.unwrap();
    press(&b, "form[role=search] button[type=submit]").await;
    shows(&b, ".search-hits mark", "the hits, their words marked").await;
    let marked = texts(&b, ".search-hits mark").await;
    assert!(marked.iter().any(|m| m == "đảng" || m == "Đảng"), "{marked:?}");
    shot(&b, "search-results").await;
    audit.check(&b, "khachmoi", "search results").await;
    b.goto(&app.url(&format!("/plenums/{id}/search?q={}", "tiep+".repeat(41)))).await.unwrap();
    shows(&b, ".error[role=alert]", "a query too long refused").await;
    audit.check(&b, "khachmoi", "search refused").await;
    b.close().await;
    audit.assert_clean();
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_what_it_is_there_to_find() {
    // A test that cannot fail is a defect: a field without a label and a
    // picture without a text, added to a page, must be reported.
    let app = common::demo_app().await;
    let driver = Driver::start().await;
    let b = Browser::start(&driver).await;
    b.goto(&app.url("/login")).await.unwrap();
    b.execute(
        "document.querySelector('main').insertAdjacentHTML('beforeend', \
         '<input id=\"bare\"><img src=\"/favicon.ico\">')",
        vec![],
    )
    .await
    .unwrap();
    let found: Vec<String> =
        axe::violations(&b, &axe::script()).await.iter().map(|v| v["id"].as_str().unwrap().to_string()).collect();
    assert!(found.contains(&"label".to_string()), "{found:?}");
    assert!(found.contains(&"image-alt".to_string()), "{found:?}");
    b.close().await;
}
