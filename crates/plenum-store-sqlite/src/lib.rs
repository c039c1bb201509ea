//! The embedded default backend. SQLite runs in WAL mode with foreign keys on,
//! a busy timeout and `synchronous=FULL` (a user told "saved" must stay saved).
//! All writes go through one connection, whose transactions are the single
//! point of order; reads use a separate pool.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use plenum_store::Event;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use tokio::sync::broadcast;

mod migrations;

pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    events: broadcast::Sender<Event>,
}

impl SqliteStore {
    pub const BACKEND: &'static str = "sqlite";

    /// Open (creating if missing) the database named by a `sqlite://` URL.
    pub async fn connect(url: &str) -> anyhow::Result<SqliteStore> {
        let opts = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let writer = SqlitePoolOptions::new().max_connections(1).connect_with(opts.clone()).await?;
        let reader = SqlitePoolOptions::new().max_connections(8).connect_with(opts).await?;
        let (events, _) = broadcast::channel(4096);
        Ok(SqliteStore { writer, reader, events })
    }

    /// Open the database file `plenum.sqlite3` in a data folder.
    pub async fn open_dir(dir: &Path) -> anyhow::Result<SqliteStore> {
        std::fs::create_dir_all(dir)?;
        SqliteStore::connect(&format!("sqlite://{}", dir.join("plenum.sqlite3").display())).await
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        migrations::migrator().run(&self.writer).await?;
        Ok(())
    }

    /// Run raw SQL; for tests that tamper with the history on purpose.
    pub async fn execute_raw(&self, sql: &str) -> anyhow::Result<u64> {
        Ok(sqlx::query(sql).execute(&self.writer).await?.rows_affected())
    }

    /// The names of all tables, for checking the backup schema list.
    pub async fn table_names(&self) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%' ORDER BY name",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    fn event_sender(&self) -> &broadcast::Sender<Event> {
        &self.events
    }

    async fn relay(&self, _tx: &mut Transaction<'static, Sqlite>, _ev: &Event) -> Result<(), sqlx::Error> {
        Ok(())
    }

    /// One process owns an SQLite file, so events only need a local broadcast.
    fn published(&self, ev: Event) {
        // No receivers is not an error: nobody is watching live.
        let _ = self.events.send(ev);
    }

    async fn after_import(&self, _tx: &mut Transaction<'static, Sqlite>) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

plenum_store::impl_store_sql!(SqliteStore, Sqlite);

#[async_trait::async_trait]
impl plenum_store::LiveSchema for SqliteStore {
    /// From `pragma_table_info`. A rowid primary key reports `notnull = 0` yet never holds NULL.
    async fn live_columns(&self) -> anyhow::Result<Vec<plenum_store::schema::LiveTable>> {
        let rows: Vec<(String, String, bool)> = sqlx::query_as(
            "SELECT m.name, c.name, c.\"notnull\" = 0 AND c.pk = 0 FROM sqlite_master m JOIN pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx_%' ORDER BY m.name, c.cid",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(plenum_store::schema::live_tables(rows))
    }
}
