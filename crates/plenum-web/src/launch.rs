//! Starting Plenum: open the backend the database URL names, bring its schema
//! up to date, load the demo if asked, and serve on a listener the caller bound.
//! `plenum serve` and the integration tests both start the server through
//! [`Application::build`], so the tests exercise the path production takes.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use plenum_app::decide::signing::PollSigner;
use plenum_store::Store;
use plenum_store_postgres::PostgresStore;
use plenum_store_sqlite::SqliteStore;
use tokio::net::TcpListener;

use crate::{AppState, WebConfig};

/// What the server needs to start, already resolved from the layered settings.
#[derive(Clone)]
pub struct Launch {
    /// `sqlite://PATH` or `postgres://USER@HOST/DB`.
    pub database_url: String,
    /// Load the demo plenum into an empty database.
    pub demo: bool,
    pub web: WebConfig,
    /// The rules the regulations leave to the deployment (attendance).
    pub rules: plenum_app::Rules,
    /// The key that signs published tallies.
    pub poll_key: PollKey,
}

/// Where the poll signing key comes from.
#[derive(Debug, Clone, Default)]
pub enum PollKey {
    /// Made for this run only (tests): published tallies verify, but a
    /// restart signs with another key.
    #[default]
    Ephemeral,
    /// The data folder's key file, made on first start.
    DataFolder(std::path::PathBuf),
    /// A configured key file, which must exist: every node is given the same.
    Configured(std::path::PathBuf),
}

impl PollKey {
    fn signer(&self) -> anyhow::Result<PollSigner> {
        match self {
            PollKey::Ephemeral => Ok(PollSigner::generate()),
            PollKey::DataFolder(path) => PollSigner::load_or_create(path),
            PollKey::Configured(path) => PollSigner::load(path),
        }
    }
}

/// The database URL may carry a password; never print it.
impl std::fmt::Debug for Launch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Launch").field("database_url", &redact(&self.database_url)).field("demo", &self.demo).finish()
    }
}

/// A migrated store and a bound listener, ready to serve.
pub struct Application {
    listener: TcpListener,
    store: Arc<dyn Store>,
    web: WebConfig,
    rules: plenum_app::Rules,
    signer: PollSigner,
    loaded_demo: bool,
}

impl Application {
    pub async fn build(launch: &Launch, listener: TcpListener) -> anyhow::Result<Application> {
        let signer = launch.poll_key.signer()?;
        let store = open_backend(&launch.database_url).await?;
        store.migrate().await?;
        let loaded_demo = launch.demo && store.is_empty().await?;
        if loaded_demo {
            crate::demo::load(store.as_ref()).await?;
        }
        Ok(Application { listener, store, web: launch.web.clone(), rules: launch.rules, signer, loaded_demo })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// Whether this start loaded the demo (it is loaded into an empty database only).
    pub fn loaded_demo(&self) -> bool {
        self.loaded_demo
    }

    /// Serve until `shutdown` resolves.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let app = plenum_app::App::configured(self.store, self.web.app_limits, self.rules).with_signer(self.signer);
        let state = AppState::with_app(app, self.web);
        crate::serve(self.listener, state, shutdown).await
    }
}

/// Open the database a URL names, refusing schemes we do not support rather
/// than guessing (a typo must not silently create an empty SQLite file).
pub async fn open_backend(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or("");
    match scheme {
        "sqlite" => {
            let path = url.trim_start_matches("sqlite://").split('?').next().unwrap_or("");
            if let Some(parent) = std::path::Path::new(path).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
            Ok(Arc::new(SqliteStore::connect(url).await?))
        }
        "postgres" | "postgresql" => Ok(Arc::new(PostgresStore::connect(url).await?)),
        other => anyhow::bail!(
            "unsupported database URL {:?}: the scheme {:?} is not one Plenum knows; use sqlite://PATH or postgres://USER@HOST/DB",
            redact(url),
            other
        ),
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Logging for the server: `PLENUM_LOG` filters (default `info,sqlx=warn`), to standard error.
pub fn init_logging(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("PLENUM_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}

/// Logging for tests: silent unless `TEST_LOG` is set, so a passing run stays
/// readable; `TEST_LOG=debug` (or any filter) shows what the server did.
pub fn init_test_logging() {
    use tracing_subscriber::EnvFilter;
    let Ok(filter) = std::env::var("TEST_LOG") else { return };
    let filter = EnvFilter::try_new(&filter).unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
}
