//! Test support: a real server on port 0 over a fresh database, with the demo loaded.
#![allow(dead_code)]

pub mod browser;
pub mod sse;

use std::sync::Arc;

use plenum_store::Store;
use plenum_store_postgres::{create_scratch_database, PostgresStore};
use plenum_store_sqlite::SqliteStore;
use plenum_web::{AppState, WebConfig};
use tokio::sync::oneshot;

pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
    _stop: oneshot::Sender<()>,
}

pub fn postgres_base_url() -> String {
    std::env::var("PLENUM_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub async fn sqlite_store() -> (Arc<dyn Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    store.migrate().await.unwrap();
    (Arc::new(store), dir)
}

/// A fresh PostgreSQL database; fails (never skips) when the server is unreachable.
pub async fn postgres_url() -> String {
    create_scratch_database(&postgres_base_url()).await.expect("PostgreSQL must be reachable (PLENUM_TEST_POSTGRES)")
}

pub async fn postgres_store(url: &str) -> Arc<dyn Store> {
    let store = PostgresStore::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    Arc::new(store)
}

/// Serve `store` on 127.0.0.1:0 until the returned app is dropped.
pub async fn serve(store: Arc<dyn Store>, dir: Option<tempfile::TempDir>) -> TestApp {
    serve_with(store, dir, WebConfig::default()).await
}

/// [`serve`] with settings of its own.
pub async fn serve_with(store: Arc<dyn Store>, dir: Option<tempfile::TempDir>, config: WebConfig) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::new(store.clone(), config);
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(plenum_web::serve(listener, state, async move {
        let _ = rx.await;
    }));
    TestApp { base, store, _dir: dir, _stop: tx }
}

/// The demo plenum on SQLite, served.
pub async fn demo_app() -> TestApp {
    let (store, dir) = sqlite_store().await;
    plenum_web::demo::load(store.as_ref()).await.unwrap();
    serve(store, Some(dir)).await
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sign in through the API; returns the cookie-carrying client and the CSRF token.
    pub async fn login(&self, username: &str, password: &str) -> (reqwest::Client, String) {
        let c = client();
        let res = c
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "login as {username}");
        let me: serde_json::Value = res.json().await.unwrap();
        (c, me["csrf_token"].as_str().unwrap().to_string())
    }

    pub async fn demo_plenum_id(&self) -> i64 {
        self.store.plenums().await.unwrap()[0].id
    }
}

/// The demo account's password.
pub fn password(username: &str) -> String {
    plenum_web::demo::accounts().into_iter().find(|a| a.username == username).unwrap().password.to_string()
}
