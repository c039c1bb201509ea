//! The scale-out backend. Several `plenum` nodes share one PostgreSQL database;
//! each writing transaction calls `pg_notify`, which PostgreSQL delivers only
//! at commit, and every node (the writer included) LISTENs and rebroadcasts to
//! its own SSE subscribers. So an event is seen once per node, after commit.

use plenum_store::Event;
use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};
use tokio::sync::broadcast;

mod migrations;
mod scratch;

pub use scratch::ScratchDatabase;

/// The NOTIFY channel.
const CHANNEL: &str = "plenum_events";
/// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger events
/// travel without their payload and views refetch what they show.
const MAX_NOTIFY: usize = 7900;

pub struct PostgresStore {
    pool: PgPool,
    events: broadcast::Sender<Event>,
}

impl PostgresStore {
    pub const BACKEND: &'static str = "postgres";

    pub async fn connect(url: &str) -> anyhow::Result<PostgresStore> {
        let pool = PgPoolOptions::new().max_connections(16).connect(url).await?;
        let (events, _) = broadcast::channel(4096);
        let mut listener = PgListener::connect_with(&pool).await?;
        listener.listen(CHANNEL).await?;
        let tx = events.clone();
        tokio::spawn(async move {
            loop {
                // `recv` reconnects by itself after a lost connection.
                match listener.recv().await {
                    Ok(n) => match serde_json::from_str::<Event>(n.payload()) {
                        Ok(ev) => {
                            let _ = tx.send(ev);
                        }
                        Err(e) => tracing::warn!(error = %e, "undecodable event notification"),
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, "event listener lost its connection; retrying");
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            }
        });
        Ok(PostgresStore { pool, events })
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        migrations::migrator().run(&self.pool).await?;
        Ok(())
    }

    /// Run raw SQL; for tests that tamper with the history on purpose.
    pub async fn execute_raw(&self, sql: &str) -> anyhow::Result<u64> {
        Ok(sqlx::query(sql).execute(&self.pool).await?.rows_affected())
    }

    pub async fn table_names(&self) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT table_name::TEXT FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx\\_%' ORDER BY table_name",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn event_sender(&self) -> &broadcast::Sender<Event> {
        &self.events
    }

    async fn relay(&self, tx: &mut Transaction<'static, Postgres>, ev: &Event) -> Result<(), sqlx::Error> {
        let mut text = serde_json::to_string(ev).unwrap_or_default();
        if text.len() > MAX_NOTIFY {
            let slim = Event { payload: serde_json::Value::Null, ..ev.clone() };
            text = serde_json::to_string(&slim).unwrap_or_default();
        }
        sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(text).execute(&mut **tx).await?;
        Ok(())
    }

    /// Nothing to do: the LISTEN task delivers our own notifications too.
    fn published(&self, _ev: Event) {}

    /// Move each sequence past the imported ids.
    async fn after_import(&self, tx: &mut Transaction<'static, Postgres>) -> Result<(), sqlx::Error> {
        for t in plenum_store::schema::TABLES {
            if let Some(col) = t.serial {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', '{1}'), COALESCE((SELECT MAX({1}) FROM {0}), 0) + 1, false)",
                    t.name, col
                );
                sqlx::query(&sql).execute(&mut **tx).await?;
            }
        }
        Ok(())
    }
}

plenum_store::impl_store_sql!(PostgresStore, Postgres);

#[async_trait::async_trait]
impl plenum_store::LiveSchema for PostgresStore {
    async fn live_columns(&self) -> anyhow::Result<Vec<plenum_store::schema::LiveTable>> {
        let rows: Vec<(String, String, bool)> = sqlx::query_as(
            "SELECT table_name::TEXT, column_name::TEXT, is_nullable = 'YES' FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx\\_%' ORDER BY table_name, ordinal_position",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(plenum_store::schema::live_tables(rows))
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
