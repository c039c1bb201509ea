//! Test support: a real server on port 0 over a fresh database, with the demo loaded.
#![allow(dead_code)]

pub mod axe;
pub mod browser;
pub mod chair;
pub mod demo_paths;
pub mod sse;
pub mod voters;

use std::sync::Arc;

use plenum_store::Store;
use plenum_store_postgres::ScratchDatabase;
use plenum_web::launch::{Application, Launch};
use plenum_web::WebConfig;
use tokio::sync::oneshot;

/// Where a test's database lives; dropping it removes the database.
pub enum TestDatabase {
    Sqlite(tempfile::TempDir),
    Postgres(ScratchDatabase),
}

impl TestDatabase {
    /// A fresh, empty SQLite database in a folder of its own.
    pub fn sqlite() -> TestDatabase {
        TestDatabase::Sqlite(tempfile::tempdir().unwrap())
    }

    /// A fresh PostgreSQL database; fails (never skips) when the server is unreachable.
    pub async fn postgres() -> TestDatabase {
        let db = ScratchDatabase::create(&postgres_base_url())
            .await
            .expect("PostgreSQL must be reachable (PLENUM_TEST_POSTGRES)");
        TestDatabase::Postgres(db)
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite(dir) => format!("sqlite://{}", dir.path().join("plenum.sqlite3").display()),
            TestDatabase::Postgres(db) => db.url().to_string(),
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    _stop: oneshot::Sender<()>,
    // Declared last: the database goes after the server has been told to stop.
    db: Arc<TestDatabase>,
}

pub fn postgres_base_url() -> String {
    std::env::var("PLENUM_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Start a server the way `plenum serve` does: open the database by URL,
/// migrate, load the demo if asked, and serve on 127.0.0.1:0 until the
/// returned app is dropped.
pub async fn launch(db: Arc<TestDatabase>, demo: bool) -> TestApp {
    launch_with(db, demo, WebConfig::default()).await
}

/// [`launch`] with web settings of its own.
pub async fn launch_with(db: Arc<TestDatabase>, demo: bool, web: WebConfig) -> TestApp {
    launch_ruled(db, demo, web, plenum_app::Rules::default()).await
}

/// [`launch_with`] under rules of its own (the attendance setting).
pub async fn launch_ruled(db: Arc<TestDatabase>, demo: bool, web: WebConfig, rules: plenum_app::Rules) -> TestApp {
    plenum_web::launch::init_test_logging();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let launch = Launch { database_url: db.url(), demo, web, rules, poll_key: Default::default() };
    let app = Application::build(&launch, listener).await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    let store = app.store();
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    TestApp { base, store, _stop: tx, db }
}

/// A fresh, migrated SQLite store, not served.
pub async fn sqlite_store() -> (Arc<dyn Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = plenum_store_sqlite::SqliteStore::open_dir(dir.path()).await.unwrap();
    store.migrate().await.unwrap();
    (Arc::new(store), dir)
}

/// The demo plenum on a fresh SQLite database, served.
pub async fn demo_app() -> TestApp {
    launch(Arc::new(TestDatabase::sqlite()), true).await
}

/// GET a URL and read its body as JSON, whatever the status.
pub async fn get_json(c: &reqwest::Client, url: &str) -> serde_json::Value {
    c.get(url).send().await.unwrap().json().await.unwrap()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

impl TestApp {
    /// Another server over this app's database, as a second node would be.
    pub async fn another_node(&self) -> TestApp {
        launch(self.db.clone(), false).await
    }

    /// [`TestApp::another_node`] with web settings of its own.
    pub async fn another_node_with(&self, web: WebConfig) -> TestApp {
        launch_with(self.db.clone(), false, web).await
    }

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
