//! The embedded default backend. SQLite runs in WAL mode with foreign keys on,
//! a busy timeout and `synchronous=FULL` (a user told "saved" must stay saved),
//! set on every connection either pool opens, and `secure_delete`, so a
//! secret poll's working ballots, purged at its close, are overwritten in
//! the file rather than left in its free pages. All writes go through one
//! connection, whose transactions are the single point of order; reads use a
//! separate pool.

use std::path::Path;

use async_trait::async_trait;
use plenum_store::history::live::LiveRelay;
use plenum_store::relay::RelaySettings;
use plenum_store::{Backend, SqlStore};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, AnyPool, Executor};

mod migrations;

/// The per-connection settings. The busy timeout comes first, so the others
/// wait for a lock rather than fail while another connection holds it.
const PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";

/// How many connections read at once.
const READERS: u32 = 8;

/// Leaves out the full-text indexes (virtual tables) and their shadow tables
/// (`opinions_fts_data`, …): they are rebuilt from the rows, never backed up.
const NOT_AN_INDEX: &str = "NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' \
     AND (m.name = v.name OR m.name LIKE v.name || '\\_%' ESCAPE '\\'))";

/// Opens SQLite databases as a [`SqlStore`].
pub struct SqliteStore;

impl SqliteStore {
    pub const BACKEND: &'static str = "sqlite";

    /// Open (creating if missing) the database named by a `sqlite://` URL.
    pub async fn connect(url: &str) -> anyhow::Result<SqlStore> {
        sqlx::any::install_default_drivers();
        let url = with_create_mode(url);
        let writer = pool(1).connect(&url).await?;
        let reader = pool(READERS).connect(&url).await?;
        Ok(SqlStore::new(writer, reader, Box::new(Sqlite), RelaySettings::default()).await)
    }

    /// Open the database file `plenum.sqlite3` in a data folder.
    pub async fn open_dir(dir: &Path) -> anyhow::Result<SqlStore> {
        std::fs::create_dir_all(dir)?;
        SqliteStore::connect(&format!("sqlite://{}", dir.join("plenum.sqlite3").display())).await
    }
}

/// A pool whose every connection gets [`PRAGMAS`] before first use.
fn pool(max: u32) -> AnyPoolOptions {
    AnyPoolOptions::new().max_connections(max).after_connect(|conn, _| {
        Box::pin(async move {
            conn.execute(PRAGMAS).await?;
            Ok(())
        })
    })
}

/// sqlx opens an SQLite file read-write but does not create it unless told to.
fn with_create_mode(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

struct Sqlite;

#[async_trait]
impl Backend for Sqlite {
    fn name(&self) -> &'static str {
        SqliteStore::BACKEND
    }

    fn migrator(&self) -> sqlx::migrate::Migrator {
        migrations::migrator()
    }

    fn live(&self) -> LiveRelay {
        LiveRelay::LocalNudge
    }

    async fn after_import(&self, _tx: &mut AnyConnection) -> Result<(), sqlx::Error> {
        Ok(())
    }

    async fn table_names(&self, pool: &AnyPool) -> Result<Vec<String>, sqlx::Error> {
        let rows: Vec<(String,)> = sqlx::query_as(&format!(
            "SELECT name FROM sqlite_master m WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%' AND {NOT_AN_INDEX} ORDER BY name",
        ))
        .fetch_all(pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// From `pragma_table_info`. A rowid primary key reports `notnull = 0` yet never holds NULL.
    async fn live_columns(&self, pool: &AnyPool) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT m.name, c.name, CAST(c.\"notnull\" = 0 AND c.pk = 0 AS INTEGER)
             FROM sqlite_master m JOIN pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx_%' AND {NOT_AN_INDEX}
             ORDER BY m.name, c.cid",
        ))
        .fetch_all(pool)
        .await
    }
}
