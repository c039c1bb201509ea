//! Bounds at the edge, each set small through the web settings: the
//! failed-sign-in throttle (per account and address, per address, with
//! `X-Forwarded-For` only from trusted proxies), bounded password hashing,
//! connections that dawdle or crowd in, and live streams per account.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use plenum_web::WebConfig;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::sse::SseReader;
use crate::common::{self, client, password, TestApp, TestDatabase};

/// A watchdog for a wait that would otherwise hang; never a performance bound.
const HANG: Duration = Duration::from_secs(30);

async fn app_with(web: WebConfig) -> TestApp {
    common::launch_with(Arc::new(TestDatabase::sqlite()), true, web).await
}

/// A client whose connections come from `from` (any address on loopback).
fn client_from(from: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(from.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn api_login(c: &reqwest::Client, app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    c.post(app.url("/api/v1/session")).json(&json!({"username": username, "password": password})).send().await.unwrap()
}

async fn api_login_via(app: &TestApp, forwarded_for: &str, username: &str, password: &str) -> u16 {
    client()
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn failing_from_one_address_does_not_lock_the_account_out_elsewhere() {
    let app = common::demo_app().await;
    let attacker = client_from("127.0.0.1");
    for _ in 0..5 {
        assert_eq!(api_login(&attacker, &app, "kiemtra", "sai-mat-khau").await.status(), 401);
    }
    let res = api_login(&attacker, &app, "kiemtra", &password("kiemtra")).await;
    assert_eq!(res.status(), 429, "the address that failed waits, even with the right password");
    assert!(res.headers().contains_key("retry-after"));
    let owner = client_from("127.0.0.2");
    assert_eq!(api_login(&owner, &app, "kiemtra", &password("kiemtra")).await.status(), 200, "the owner signs in");
}

#[tokio::test]
async fn spraying_usernames_from_one_address_is_throttled() {
    let mut web = WebConfig::default();
    web.app_limits.login.address.max_failures = 10;
    let app = app_with(web).await;
    let sprayer = client_from("127.0.0.1");
    for i in 0..10 {
        assert_eq!(api_login(&sprayer, &app, &format!("nguoi-{i}"), "sai-mat-khau").await.status(), 401);
    }
    assert_eq!(api_login(&sprayer, &app, "admin", &password("admin")).await.status(), 429);
    let elsewhere = client_from("127.0.0.3");
    assert_eq!(api_login(&elsewhere, &app, "admin", &password("admin")).await.status(), 200);
}

#[tokio::test]
async fn forwarded_for_names_the_client_only_from_a_trusted_proxy() {
    // Not trusted: the header is the client's own word, and changing it escapes nothing.
    let app = common::demo_app().await;
    for i in 0..5 {
        assert_eq!(api_login_via(&app, &format!("203.0.113.{i}"), "thuky", "sai-mat-khau").await, 401);
    }
    assert_eq!(api_login_via(&app, "198.51.100.77", "thuky", &password("thuky")).await, 429);

    // Behind a trusted proxy on loopback: the client is the address the proxy recorded.
    let web = WebConfig { trusted_proxies: vec!["127.0.0.0/8".parse().unwrap()], ..WebConfig::default() };
    let app = app_with(web).await;
    for _ in 0..5 {
        assert_eq!(api_login_via(&app, "203.0.113.5", "thuky", "sai-mat-khau").await, 401);
    }
    assert_eq!(api_login_via(&app, "203.0.113.5", "thuky", &password("thuky")).await, 429);
    // A client that writes a fake first hop is still the hop the proxy appended.
    assert_eq!(api_login_via(&app, "198.51.100.7, 203.0.113.5", "thuky", &password("thuky")).await, 429);
    assert_eq!(api_login_via(&app, "198.51.100.7", "thuky", &password("thuky")).await, 200);
}

/// Sign-ins at once: with one permit and no room to wait, some are turned
/// away with 503 and `Retry-After` rather than queued without bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ins_past_the_hashing_queue_are_told_to_come_back() {
    let mut web = WebConfig::default();
    web.app_limits.hashing.permits = 1;
    web.app_limits.hashing.queue = 0;
    let app = Arc::new(app_with(web).await);
    let attempts: Vec<_> = (0..24)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                client()
                    .post(app.url("/api/v1/session"))
                    .header("accept-language", "en")
                    .json(&json!({"username": format!("khong-co-{i}"), "password": "sai-mat-khau"}))
                    .send()
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut busy = None;
    let mut refused = 0;
    for a in attempts {
        let res = a.await.unwrap();
        match res.status().as_u16() {
            401 => refused += 1,
            503 => busy = Some(res),
            other => panic!("unexpected {other}"),
        }
    }
    assert!(refused >= 1, "the one with the permit is checked");
    let busy = busy.expect("some are turned away");
    assert!(busy.headers().contains_key("retry-after"));
    let v: Value = busy.json().await.unwrap();
    assert_eq!(v["error"]["code"], "busy");
    assert_eq!(v["error"]["message"], "The server is busy. Try again in a moment.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_form_past_the_hashing_queue_says_so() {
    let mut web = WebConfig::default();
    web.app_limits.hashing.permits = 1;
    web.app_limits.hashing.queue = 0;
    let app = Arc::new(app_with(web).await);
    let c = client();
    let page = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let token = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let attempts: Vec<_> = (0..24)
        .map(|_| {
            let (c, token) = (c.clone(), token.clone());
            let url = app.url("/login");
            tokio::spawn(async move {
                c.post(url)
                    .form(&[("username", "daibieu"), ("password", "sai-mat-khau"), ("csrf", &token)])
                    .send()
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut busy = None;
    for a in attempts {
        let res = a.await.unwrap();
        if res.status() == 503 {
            busy = Some(res);
        }
    }
    let busy = busy.expect("some are turned away");
    assert!(busy.headers().contains_key("retry-after"));
    let html = busy.text().await.unwrap();
    assert!(html.contains("Máy chủ đang bận. Xin thử lại sau giây lát."), "{html}");
    assert!(html.contains("value=\"daibieu\""), "the form comes back with the name kept");
}

/// Read until the server closes the connection; what it sent, if anything.
async fn until_closed(mut s: TcpStream) -> String {
    let mut got = Vec::new();
    tokio::time::timeout(HANG, s.read_to_end(&mut got))
        .await
        .expect("the server closes the connection")
        .map(|_| String::from_utf8_lossy(&got).into_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_connection_that_sends_half_a_header_or_nothing_is_closed() {
    let web = WebConfig { header_read_timeout: Duration::from_millis(300), ..WebConfig::default() };
    let app = app_with(web).await;
    let addr = app.base.trim_start_matches("http://").to_string();

    let mut trickle = TcpStream::connect(&addr).await.unwrap();
    trickle.write_all(b"GET /healthz HTTP/1.1\r\nHost: plenum\r\nX-Slow: ").await.unwrap();
    let idle = TcpStream::connect(&addr).await.unwrap();
    until_closed(trickle).await;
    until_closed(idle).await;

    // After a complete request, a kept-alive connection left idle is closed too.
    let mut kept = TcpStream::connect(&addr).await.unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: plenum\r\n\r\n").await.unwrap();
    let answered = until_closed(kept).await;
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
}

#[tokio::test]
async fn connections_past_the_per_address_bound_are_refused() {
    let web = WebConfig { max_connections_per_address: 2, ..WebConfig::default() };
    let app = app_with(web).await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let first = TcpStream::connect(&addr).await.unwrap();
    let _second = TcpStream::connect(&addr).await.unwrap();
    let mut third = TcpStream::connect(&addr).await.unwrap();
    third.write_all(b"GET /healthz HTTP/1.1\r\nHost: plenum\r\nAccept-Language: en\r\n\r\n").await.unwrap();
    let answer = until_closed(third).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("retry-after:"), "{answer}");
    assert!(answer.contains("\"too-many-connections\""), "{answer}");

    // Another address is not held back; a closed connection gives its place back.
    let other = client_from("127.0.0.4").get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(other.status(), 200);
    drop(first);
    let deadline = tokio::time::Instant::now() + HANG;
    loop {
        let res = client_from("127.0.0.1").get(app.url("/healthz")).send().await.unwrap();
        if res.status() == 200 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the place never came back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn stream(app: &TestApp, c: &reqwest::Client) -> reqwest::Response {
    c.get(app.url("/api/v1/events")).send().await.unwrap()
}

#[tokio::test]
async fn a_third_stream_for_one_account_is_refused() {
    // Heartbeats often, so the server soon notices a stream the client dropped.
    let web =
        WebConfig { max_streams_per_account: 2, sse_heartbeat: Duration::from_millis(100), ..WebConfig::default() };
    let app = app_with(web).await;
    let (c, _) = app.login("daibieu", &password("daibieu")).await;
    let mut first = SseReader::new(stream(&app, &c).await);
    assert_eq!(first.next(10).await.expect("connected").0, "connected");
    let mut second = SseReader::new(stream(&app, &c).await);
    assert_eq!(second.next(10).await.expect("connected").0, "connected");
    let third = stream(&app, &c).await;
    assert_eq!(third.status(), 429);
    assert!(third.headers().contains_key("retry-after"));
    assert_eq!(third.json::<Value>().await.unwrap()["error"]["code"], "too-many-streams");
    // Another account is not held back by this one's streams.
    let (other, _) = app.login("chutri", &password("chutri")).await;
    assert_eq!(stream(&app, &other).await.status(), 200);
    // An ended stream gives its place back.
    drop(first);
    let deadline = tokio::time::Instant::now() + HANG;
    loop {
        let res = stream(&app, &c).await;
        if res.status() == 200 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the place never came back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
