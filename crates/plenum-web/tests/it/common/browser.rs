//! Browser-test support: chromedriver and headless Chromium (Debian packages),
//! driven with fantoccini; screenshots kept under test-artifacts/browser/.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub const WAIT: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------- harness

/// A running chromedriver; asks it to end its sessions and then kills it when dropped,
/// so neither the driver nor its Chromium outlive a failing test.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub async fn start() -> Driver {
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

    pub fn url(&self) -> String {
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
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A headless Chromium session with a fresh profile, in Vietnamese like the users' browsers.
pub struct Browser {
    client: Client,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn start(driver: &Driver) -> Browser {
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

    pub async fn close(self) {
        self.client.close().await.unwrap();
    }
}

impl std::ops::Deref for Browser {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join("test-artifacts").join("browser")
}

/// Save the viewport as `test-artifacts/browser/<name>.png`.
pub async fn shot(client: &Client, name: &str) {
    let dir = artifacts_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.canonicalize().unwrap();
    let png = client.screenshot().await.unwrap();
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    println!("screenshot: {}", path.display());
}

pub async fn find(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element `{css}`: {e}"))
}

/// Live pages swap fragments in at any moment, so an element found may be gone
/// by the time it is read: read again rather than fail on a stale reference.
async fn reading<T, F, Fut>(what: &str, mut read: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        match read().await {
            Ok(v) => return v,
            Err(e) if Instant::now() >= deadline => panic!("could not read `{what}`: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

pub async fn text(client: &Client, css: &str) -> String {
    reading(css, || async { find(client, css).await.text().await }).await
}

pub async fn texts(client: &Client, css: &str) -> Vec<String> {
    reading(css, || async {
        let mut out = Vec::new();
        for e in client.find_all(Locator::Css(css)).await? {
            out.push(e.text().await?);
        }
        Ok(out)
    })
    .await
}

pub async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.unwrap().len()
}

pub async fn path(client: &Client) -> String {
    client.current_url().await.unwrap().path().to_string()
}

/// Wait until the browser is at `want` (a path), after a click or a submit.
pub async fn wait_for_path(client: &Client, want: &str) {
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

pub async fn html_lang(client: &Client) -> String {
    find(client, "html").await.attr("lang").await.unwrap().unwrap_or_default()
}

/// Fill the real login form and press its button.
pub async fn submit_login(client: &Client, username: &str, password: &str) {
    let user = find(client, "#username").await;
    user.clear().await.unwrap();
    user.send_keys(username).await.unwrap();
    find(client, "#password").await.send_keys(password).await.unwrap();
    find(client, "form[action='/login'] button[type=submit]").await.click().await.unwrap();
}

/// Click the link with exactly this text.
pub async fn click_link(client: &Client, text: &str) {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText(text))
        .await
        .unwrap_or_else(|e| panic!("no link `{text}`: {e}"))
        .click()
        .await
        .unwrap();
}

// ---------------------------------------------------------------- tests

/// Poll until `css`'s text satisfies `ok` (the page changes by itself, over SSE).
pub async fn until_text(client: &Client, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                if ok(&t) {
                    return t;
                }
            }
        }
        assert!(Instant::now() < deadline, "waited for {what} (`{css}`)");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The text of `css` inside a live region, which may be swapped while read.
pub async fn read(client: &Client, css: &str) -> String {
    until_text(client, css, css, |_| true).await
}

/// Click `css` inside a live region, trying again if the region was swapped under the click.
pub async fn press(client: &Client, css: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            if el.click().await.is_ok() {
                return;
            }
        }
        assert!(Instant::now() < deadline, "could not press `{css}`");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Mark the page, to prove later that it was never reloaded.
pub async fn mark(client: &Client) {
    client.execute("window.__floorMark = 'still here'", vec![]).await.unwrap();
}

pub async fn not_reloaded(client: &Client, who: &str) {
    let v = client.execute("return window.__floorMark || null", vec![]).await.unwrap();
    assert_eq!(v, json!("still here"), "the {who} page was not reloaded");
}

pub async fn sign_in(driver: &Driver, app: &super::TestApp, who: &str) -> Browser {
    let b = Browser::start(driver).await;
    b.goto(&app.url("/login")).await.unwrap();
    submit_login(&b, who, &super::password(who)).await;
    wait_for_path(&b, "/").await;
    b
}
