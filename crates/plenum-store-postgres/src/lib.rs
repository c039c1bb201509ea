//! The scale-out backend. Several `plenum` nodes share one PostgreSQL database;
//! how their events reach each other is [`LiveRelay::PgNotify`]: every node
//! reads committed changes from the history by cursor, and LISTENs here only
//! to be nudged to read.

use std::sync::{Arc, Weak};
use std::time::Duration;

use async_trait::async_trait;
use plenum_store::history::live::{LiveRelay, PG_CHANNEL};
use plenum_store::relay::RelaySettings;
use plenum_store::{Backend, SqlStore};
use sqlx::any::AnyPoolOptions;
use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::{AnyConnection, AnyPool};
use tokio::sync::Notify;

mod migrations;
mod scratch;

pub use scratch::ScratchDatabase;

/// How long the listener waits before connecting again after losing its connection.
const RECONNECT: Duration = Duration::from_secs(1);

/// Opens PostgreSQL databases as a [`SqlStore`].
pub struct PostgresStore;

impl PostgresStore {
    pub const BACKEND: &'static str = "postgres";

    /// Connect; one pool serves reads and writes.
    pub async fn connect(url: &str) -> anyhow::Result<SqlStore> {
        PostgresStore::connect_with(url, RelaySettings::default()).await
    }

    /// Connect, with the live relay reading as `relay` says.
    pub async fn connect_with(url: &str, relay: RelaySettings) -> anyhow::Result<SqlStore> {
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new().max_connections(16).connect(url).await?;
        let store = SqlStore::new(pool.clone(), pool, Box::new(Postgres), relay).await;
        let listener = listener(url).await?;
        let nudge = store.live_feed().nudge();
        tokio::spawn(listen(url.to_string(), listener, Arc::downgrade(&nudge)));
        Ok(store)
    }
}

async fn listener(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(PG_CHANNEL).await?;
    Ok(listener)
}

/// Nudge this node's relay on every notification on [`PG_CHANNEL`], and after
/// every reconnect: what was committed while the listener was away is then
/// read from the history, not lost with the notifications it did not hear.
/// Ends once the store (which holds the nudge) is gone.
async fn listen(url: String, mut listener: PgListener, nudge: Weak<Notify>) {
    loop {
        // `try_recv` reports a lost connection (`Ok(None)`), where `recv`
        // would reconnect silently.
        let lost = match listener.try_recv().await {
            Ok(Some(_)) => None,
            Ok(None) => Some("connection closed".to_string()),
            Err(error) => Some(error.to_string()),
        };
        if let Some(error) = lost {
            tracing::warn!(%error, "event listener lost its connection; reconnecting");
            listener = loop {
                if nudge.strong_count() == 0 {
                    return;
                }
                match self::listener(&url).await {
                    Ok(l) => break l,
                    Err(error) => tracing::warn!(%error, "event listener cannot reconnect; retrying"),
                }
                tokio::time::sleep(RECONNECT).await;
            };
        }
        let Some(nudge) = nudge.upgrade() else { return };
        nudge.notify_one();
    }
}

struct Postgres;

#[async_trait]
impl Backend for Postgres {
    fn name(&self) -> &'static str {
        PostgresStore::BACKEND
    }

    fn migrator(&self) -> sqlx::migrate::Migrator {
        migrations::migrator()
    }

    fn live(&self) -> LiveRelay {
        LiveRelay::PgNotify
    }

    /// Move each sequence past the imported ids.
    async fn after_import(&self, tx: &mut AnyConnection) -> Result<(), sqlx::Error> {
        for t in plenum_store::schema::TABLES {
            if let Some(col) = t.serial {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', '{1}'), COALESCE((SELECT MAX({1}) FROM {0}), 0) + 1, false)",
                    t.name, col
                );
                sqlx::query(&sql).execute(&mut *tx).await?;
            }
        }
        Ok(())
    }

    async fn table_names(&self, pool: &AnyPool) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT table_name::TEXT FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx\\_%' ORDER BY table_name",
        )
        .fetch_all(pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    async fn live_columns(&self, pool: &AnyPool) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT table_name::TEXT, column_name::TEXT, CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END::BIGINT
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx\\_%' ORDER BY table_name, ordinal_position",
        )
        .fetch_all(pool)
        .await
    }
}

/// Create a new, empty database next to the one `base_url` names and return
/// its URL. Tests use this to give every test a database of its own.
pub async fn create_scratch_database(base_url: &str) -> anyhow::Result<String> {
    use rand::Rng;
    let name = format!("plenum_t_{:016x}", rand::thread_rng().gen::<u64>());
    let pool = PgPoolOptions::new().max_connections(1).connect(base_url).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await?;
    pool.close().await;
    let (prefix, _) =
        base_url.rsplit_once('/').ok_or_else(|| anyhow::anyhow!("database URL has no path: {base_url}"))?;
    Ok(format!("{prefix}/{name}"))
}
