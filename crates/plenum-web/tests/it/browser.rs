//! Browser tests: Debian's Chromium, driven through chromedriver with fantoccini,
//! against a real server with the demo plenum (see `common::demo_app`).
//!
//! Needs `/usr/bin/chromedriver` and `/usr/bin/chromium` (Debian packages
//! `chromium-driver` and `chromium`), or their paths in `PLENUM_CHROMEDRIVER` and
//! `PLENUM_CHROMIUM`. A missing driver or browser fails the test; it is never skipped.
//! Screenshots go to `<workspace>/test-artifacts/browser/`.

use crate::common;

use common::browser::*;
use plenum_core::access::Role;
use serde_json::json;

const PLENUM_TITLE: &str = "Hội nghị lần thứ 11";

#[tokio::test(flavor = "multi_thread")]
async fn each_role_signs_in_and_sees_their_pages() {
    let app = common::demo_app().await;
    let driver = Driver::start().await;
    let b = Browser::start(&driver).await;

    // The login page, in Vietnamese.
    b.goto(&app.url("/login")).await.unwrap();
    assert_eq!(html_lang(&b).await, "vi");
    assert_eq!(text(&b, "main h1").await, "Đăng nhập");
    assert_eq!(text(&b, "label[for=username]").await, "Tên đăng nhập");
    assert_eq!(text(&b, "label[for=password]").await, "Mật khẩu");
    assert_eq!(text(&b, "header .lang").await, "English");
    shot(&b, "login").await;

    // A wrong password: the Vietnamese message, the name kept, no session.
    submit_login(&b, "daibieu", "not-the-password").await;
    wait_for_path(&b, "/login").await;
    assert_eq!(text(&b, "p.error[role=alert]").await, "Tên đăng nhập hoặc mật khẩu không đúng.");
    assert_eq!(find(&b, "#username").await.prop("value").await.unwrap().as_deref(), Some("daibieu"));
    assert_eq!(find(&b, "#password").await.prop("value").await.unwrap().as_deref(), Some(""));
    assert_eq!(count(&b, "header nav a").await, 0, "no navigation before signing in");
    shot(&b, "login-wrong-password").await;

    for account in plenum_web::demo::accounts() {
        let who = account.username;
        b.delete_all_cookies().await.unwrap();
        b.goto(&app.url("/login")).await.unwrap();
        assert_eq!(text(&b, "main h1").await, "Đăng nhập", "{who}");
        submit_login(&b, who, account.password).await;
        wait_for_path(&b, "/").await;

        // The start page lists the demo plenum.
        assert_eq!(html_lang(&b).await, "vi", "{who}");
        assert_eq!(text(&b, "main h1").await, "Các hội nghị", "{who}");
        let plenums = texts(&b, "ul.plenums h2 a").await;
        assert_eq!(plenums.len(), 1, "{who} sees {plenums:?}");
        assert!(plenums[0].starts_with(PLENUM_TITLE), "{who} sees {plenums:?}");

        // The navigation shows what this role may do, and only that.
        let nav = texts(&b, "header nav a").await;
        let admin = account.role == Role::Admin;
        let history = matches!(account.role, Role::Admin | Role::Auditor);
        assert!(nav.contains(&"Hội nghị".to_string()), "{who}: {nav:?}");
        assert_eq!(nav.contains(&"Tổ chức đảng".to_string()), admin, "{who}: {nav:?}");
        assert_eq!(nav.contains(&"Tài khoản".to_string()), admin, "{who}: {nav:?}");
        assert_eq!(nav.contains(&"Nhật ký thay đổi".to_string()), history, "{who}: {nav:?}");
        assert_eq!(nav.len(), 1 + 2 * admin as usize + history as usize, "{who}: {nav:?}");
        assert_eq!(text(&b, "header nav a[aria-current=page]").await, "Hội nghị", "{who}");
        assert!(!text(&b, "header .user").await.is_empty(), "{who}: display name in the header");
        shot(&b, &format!("home-{who}")).await;

        // The plenum page, reached by clicking its link: 13 agenda items, 4 discussion groups.
        find(&b, "ul.plenums h2 a").await.click().await.unwrap();
        let plenum_id = app.demo_plenum_id().await;
        wait_for_path(&b, &format!("/plenums/{plenum_id}")).await;
        assert!(text(&b, "main h1").await.starts_with(PLENUM_TITLE), "{who}");
        assert_eq!(count(&b, "section[aria-labelledby=agenda-h] table tbody tr").await, 13, "{who}: agenda rows");
        assert_eq!(text(&b, "#agenda-h").await, "Các nội dung trình Hội nghị (13)", "{who}");
        assert_eq!(count(&b, "section[aria-labelledby=groups-h] table tbody tr").await, 4, "{who}: discussion groups");
        assert_eq!(text(&b, "#groups-h").await, "Các tổ thảo luận (4)", "{who}");
        shot(&b, &format!("plenum-{who}")).await;

        // Signing out through the header's button leads back to the login page.
        find(&b, "header form[action='/logout'] button").await.click().await.unwrap();
        wait_for_path(&b, "/login").await;
        assert_eq!(text(&b, "main h1").await, "Đăng nhập", "{who} signed out");
        b.goto(&app.url("/")).await.unwrap();
        wait_for_path(&b, "/login").await;
    }

    // A delegate who opens the accounts page gets the 403 page, in Vietnamese.
    b.delete_all_cookies().await.unwrap();
    b.goto(&app.url("/login")).await.unwrap();
    submit_login(&b, "daibieu", &common::password("daibieu")).await;
    wait_for_path(&b, "/").await;
    b.goto(&app.url("/users")).await.unwrap();
    wait_for_path(&b, "/users").await;
    assert_eq!(html_lang(&b).await, "vi");
    assert_eq!(text(&b, "main h1").await, "Không thực hiện được (403)");
    assert_eq!(text(&b, "main p[role=alert]").await, "Bạn không có quyền thực hiện thao tác này.");
    assert!(b.title().await.unwrap().starts_with("403"));
    shot(&b, "forbidden-daibieu").await;
    click_link(&b, "Về trang đầu").await;
    wait_for_path(&b, "/").await;

    // The language switch: the login page and the start page in English, and back.
    find(&b, "header form[action='/logout'] button").await.click().await.unwrap();
    wait_for_path(&b, "/login").await;
    click_link(&b, "English").await;
    wait_for_path(&b, "/login").await;
    assert_eq!(html_lang(&b).await, "en");
    assert_eq!(text(&b, "main h1").await, "Sign in");
    assert_eq!(text(&b, "header .lang").await, "Tiếng Việt");
    shot(&b, "login-en").await;
    submit_login(&b, "daibieu", &common::password("daibieu")).await;
    wait_for_path(&b, "/").await;
    assert_eq!(html_lang(&b).await, "en");
    assert_eq!(text(&b, "main h1").await, "Plenums");
    assert_eq!(texts(&b, "header nav a").await, ["Plenums"]);
    shot(&b, "home-en").await;
    find(&b, "ul.plenums h2 a").await.click().await.unwrap();
    wait_for_path(&b, &format!("/plenums/{}", app.demo_plenum_id().await)).await;
    assert_eq!(text(&b, "#groups-h").await, "Discussion groups (4)");
    shot(&b, "plenum-en").await;
    click_link(&b, "Tiếng Việt").await;
    wait_for_path(&b, &format!("/plenums/{}", app.demo_plenum_id().await)).await;
    assert_eq!(html_lang(&b).await, "vi");
    assert_eq!(text(&b, "#groups-h").await, "Các tổ thảo luận (4)");

    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn plenum_page_fits_a_tablet() {
    let app = common::demo_app().await;
    let driver = Driver::start().await;
    let b = Browser::start(&driver).await;
    b.set_window_size(768, 1024).await.unwrap();

    b.goto(&app.url("/login")).await.unwrap();
    submit_login(&b, "daibieu", &common::password("daibieu")).await;
    wait_for_path(&b, "/").await;
    find(&b, "ul.plenums h2 a").await.click().await.unwrap();
    wait_for_path(&b, &format!("/plenums/{}", app.demo_plenum_id().await)).await;
    assert_eq!(count(&b, "section[aria-labelledby=agenda-h] table tbody tr").await, 13);

    let inner = b.execute("return window.innerWidth", vec![]).await.unwrap();
    assert!(inner.as_u64().is_some_and(|w| w <= 768), "the window is tablet-sized: innerWidth {inner}");
    let fits = b.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    let widths = b.execute("return [document.documentElement.scrollWidth, window.innerWidth]", vec![]).await.unwrap();
    shot(&b, "plenum-tablet").await;
    assert_eq!(fits, json!(true), "horizontal scrollbar at 768 px: [scrollWidth, innerWidth] = {widths}");

    b.close().await;
}

/// The Content-Security-Policy holds in a real browser: a script or style
/// written into the page (as an injection would) does not run, while the
/// page's own scripts, served from /static/, do.
#[tokio::test(flavor = "multi_thread")]
async fn the_policy_stops_inline_script_and_style_but_not_our_own() {
    let app = common::demo_app().await;
    let driver = Driver::start().await;
    let b = sign_in(&driver, &app, "thuky").await;
    let id = app.demo_plenum_id().await;
    b.goto(&app.url(&format!("/plenums/{id}/desk"))).await.unwrap();
    let injected = b
        .execute(
            "window.__inline = false;
             const s = document.createElement('script');
             s.textContent = 'window.__inline = true';
             document.head.appendChild(s);
             const d = document.createElement('div');
             d.setAttribute('style', 'color: rgb(1, 2, 3)');
             document.body.appendChild(d);
             const handler = document.createElement('img');
             handler.setAttribute('onerror', 'window.__inline = true');
             handler.src = 'data:,not-an-image';
             document.body.appendChild(handler);
             return new Promise(done => setTimeout(() => done([window.__inline, getComputedStyle(d).color]), 300));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(injected[0], json!(false), "an inline script or handler ran: {injected}");
    assert_ne!(injected[1], json!("rgb(1, 2, 3)"), "an inline style applied: {injected}");
    // Our own module script ran under the same policy: the live indicator shows the stream connected.
    find(&b, "[data-live-indicator].on").await;
    shot(&b, "csp-desk").await;
    b.close().await;
}
