//! Browser tests: Debian's Chromium, driven through chromedriver with fantoccini,
//! against a real server with the demo plenum (see `common::demo_app`).
//!
//! Needs `/usr/bin/chromedriver` and `/usr/bin/chromium` (Debian packages
//! `chromium-driver` and `chromium`), or their paths in `PLENUM_CHROMEDRIVER` and
//! `PLENUM_CHROMIUM`. A missing driver or browser fails the test; it is never skipped.
//! Screenshots go to `<workspace>/test-artifacts/browser/`.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use plenum_core::access::Role;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------- harness

/// A running chromedriver; asks it to end its sessions and then kills it when dropped,
/// so neither the driver nor its Chromium outlive a failing test.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    async fn start() -> Driver {
        let path = std::env::var("PLENUM_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        assert!(
            Path::new(&path).is_file(),
            "chromedriver not found at {path}: install Debian's `chromium-driver` or set PLENUM_CHROMEDRIVER (browser tests are never skipped)"
        );
        let port = free_port();
        let child = Command::new(&path)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start chromedriver at {path}: {e}"));
        let mut driver = Driver { child, port };
        let status = format!("{}/status", driver.url());
        let http = reqwest::Client::new();
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(res) = http.get(&status).timeout(Duration::from_secs(1)).send().await {
                if res.status().is_success() {
                    return driver;
                }
            }
            if let Ok(Some(exit)) = driver.child.try_wait() {
                panic!("chromedriver at {path} exited at start-up: {exit}");
            }
            assert!(Instant::now() < deadline, "chromedriver on port {port} did not answer {status} within {WAIT:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // chromedriver's /shutdown quits every session's browser, then the driver itself.
        if let Ok(mut s) = TcpStream::connect_timeout(&([127, 0, 0, 1], self.port).into(), Duration::from_secs(1)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = write!(s, "GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port);
            let _ = s.read(&mut [0u8; 512]);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free local port: bind port 0, read the port, let it go.
fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A headless Chromium session with a fresh profile, in Vietnamese like the users' browsers.
struct Browser {
    client: Client,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start(driver: &Driver) -> Browser {
        let chromium = std::env::var("PLENUM_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        assert!(
            Path::new(&chromium).is_file(),
            "Chromium not found at {chromium}: install Debian's `chromium` or set PLENUM_CHROMIUM (browser tests are never skipped)"
        );
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1024,900",
                    // An English browser: pages must still open in Vietnamese.
                    "--lang=en-US",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {"intl.accept_languages": "en-US,en"},
            }
        });
        let caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        let client = ClientBuilder::rustls()
            .expect("rustls connector")
            .capabilities(caps)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session through chromedriver: {e}"));
        Browser { client, _profile: profile }
    }

    async fn close(self) {
        self.client.close().await.unwrap();
    }
}

impl std::ops::Deref for Browser {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join("test-artifacts").join("browser")
}

/// Save the viewport as `test-artifacts/browser/<name>.png`.
async fn shot(client: &Client, name: &str) {
    let dir = artifacts_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.canonicalize().unwrap();
    let png = client.screenshot().await.unwrap();
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    println!("screenshot: {}", path.display());
}

async fn find(client: &Client, css: &str) -> Element {
    client.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no element `{css}`: {e}"))
}

async fn text(client: &Client, css: &str) -> String {
    find(client, css).await.text().await.unwrap()
}

async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.text().await.unwrap());
    }
    out
}

async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn path(client: &Client) -> String {
    client.current_url().await.unwrap().path().to_string()
}

/// Wait until the browser is at `want` (a path), after a click or a submit.
async fn wait_for_path(client: &Client, want: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let now = path(client).await;
        if now == want && client.execute("return document.readyState", vec![]).await.unwrap() == "complete" {
            return;
        }
        assert!(Instant::now() < deadline, "expected to arrive at {want}, still at {now}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn html_lang(client: &Client) -> String {
    find(client, "html").await.attr("lang").await.unwrap().unwrap_or_default()
}

/// Fill the real login form and press its button.
async fn submit_login(client: &Client, username: &str, password: &str) {
    let user = find(client, "#username").await;
    user.clear().await.unwrap();
    user.send_keys(username).await.unwrap();
    find(client, "#password").await.send_keys(password).await.unwrap();
    find(client, "form[action='/login'] button[type=submit]").await.click().await.unwrap();
}

/// Click the link with exactly this text.
async fn click_link(client: &Client, text: &str) {
    client.wait().at_most(WAIT).for_element(Locator::LinkText(text)).await.unwrap_or_else(|e| panic!("no link `{text}`: {e}")).click().await.unwrap();
}

// ---------------------------------------------------------------- tests

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
