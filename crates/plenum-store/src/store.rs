//! The one store implementation both backends share.
//!
//! Every statement is an ordinary function over sqlx's `Any` driver, compiled
//! once. The statements are portable between SQLite and PostgreSQL (`$n`
//! parameters, `RETURNING`, 64-bit integers, text, booleans, bytes); what
//! differs between the two is the small [`Backend`] each backend crate gives.

use async_trait::async_trait;
use sqlx::AnyConnection;
use sqlx::AnyPool;

use crate::history::live::{LiveFeed, LiveRelay};
use crate::relay::RelaySettings;
use crate::{Conflict, Scope, StoreError, StoreResult};
use plenum_core::FieldErrors;

/// A writing transaction.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// What differs between backends; everything else is shared.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    /// "sqlite" or "postgres", as reported by `/healthz`.
    fn name(&self) -> &'static str;
    /// This backend's own embedded migrations.
    fn migrator(&self) -> sqlx::migrate::Migrator;
    /// How committed events reach live views.
    fn live(&self) -> LiveRelay;
    /// Run after a backup was loaded, inside its transaction.
    async fn after_import(&self, tx: &mut AnyConnection) -> Result<(), sqlx::Error>;
    /// The application's table names, sorted.
    async fn table_names(&self, pool: &AnyPool) -> Result<Vec<String>, sqlx::Error>;
    /// Every application table with its columns in order, as
    /// `(table, column, nullable)`, nullable being 0 or 1.
    async fn live_columns(&self, pool: &AnyPool) -> Result<Vec<(String, String, i64)>, sqlx::Error>;
}

/// The store over two pools: `writer` (on SQLite exactly one connection, whose
/// transactions are the single point of order) and `reader`.
pub struct SqlStore {
    writer: AnyPool,
    reader: AnyPool,
    backend: Box<dyn Backend>,
    live: LiveFeed,
}

impl SqlStore {
    /// Starts this node's live relay, reading the history after its current head.
    pub async fn new(writer: AnyPool, reader: AnyPool, backend: Box<dyn Backend>, relay: RelaySettings) -> Self {
        let live = LiveFeed::start(reader.clone(), relay).await;
        SqlStore { writer, reader, backend, live }
    }

    /// The pool writing transactions come from.
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// The pool reads come from.
    pub fn reader(&self) -> &AnyPool {
        &self.reader
    }

    pub(crate) fn backend(&self) -> &dyn Backend {
        &*self.backend
    }

    /// This node's live relay; a backend that relays between nodes nudges it
    /// from its listener.
    pub fn live_feed(&self) -> &LiveFeed {
        &self.live
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        self.backend.migrator().run(&self.writer).await?;
        crate::synthesize::search::fold_missing(&self.writer).await?;
        Ok(())
    }

    /// Run raw SQL; for tests that tamper with the history on purpose.
    pub async fn execute_raw(&self, sql: &str) -> anyhow::Result<u64> {
        Ok(sqlx::query(sql).execute(&self.writer).await?.rows_affected())
    }

    /// The names of all tables, for checking the backup schema list.
    pub async fn table_names(&self) -> anyhow::Result<Vec<String>> {
        Ok(self.backend.table_names(&self.reader).await?)
    }

    /// The organization and plenum a plenum's changes are filed under.
    pub(crate) async fn plenum_scope(&self, conn: &mut AnyConnection, plenum_id: i64) -> StoreResult<Scope> {
        let (org_id,): (i64,) =
            sqlx::query_as("SELECT c.org_id FROM plenums p JOIN committees c ON c.id = p.committee_id WHERE p.id = $1")
                .bind(plenum_id)
                .fetch_one(conn)
                .await
                .map_err(db_err)?;
        Ok(Scope { org_id: Some(org_id), plenum_id: Some(plenum_id) })
    }
}

#[async_trait]
impl crate::Maintenance for SqlStore {
    async fn migrate(&self) -> anyhow::Result<()> {
        SqlStore::migrate(self).await
    }
    async fn execute_raw(&self, sql: &str) -> anyhow::Result<u64> {
        SqlStore::execute_raw(self, sql).await
    }
    async fn table_names(&self) -> anyhow::Result<Vec<String>> {
        SqlStore::table_names(self).await
    }
}

#[async_trait]
impl crate::LiveSchema for SqlStore {
    async fn live_columns(&self) -> anyhow::Result<Vec<crate::schema::LiveTable>> {
        let rows = self.backend.live_columns(&self.reader).await?;
        Ok(crate::schema::live_tables(rows.into_iter().map(|(t, c, n)| (t, c, n != 0))))
    }
}

impl crate::Store for SqlStore {
    fn backend(&self) -> &'static str {
        self.backend.name()
    }
}

/// Turn a database error into the store's error, keeping constraint
/// violations distinguishable so the HTTP edge can answer 4xx.
pub fn db_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Database(d) => match d.kind() {
            sqlx::error::ErrorKind::UniqueViolation => StoreError::Conflict(Conflict::Duplicate),
            sqlx::error::ErrorKind::ForeignKeyViolation => field("reference", "not-found"),
            sqlx::error::ErrorKind::CheckViolation => StoreError::Conflict(Conflict::Check),
            _ => StoreError::Backend(e.to_string()),
        },
        _ => StoreError::Backend(e.to_string()),
    }
}

/// One named uniqueness rule, one conflict: the call site that inserts names
/// the rule it expects, by table and columns, and what breaking it means. The
/// migrations leave the constraints to their default names, which are
/// `{table}_{columns}_key` on PostgreSQL; SQLite names the columns in its message.
pub(crate) fn on_unique(
    table: &'static str,
    columns: &'static [&'static str],
    means: Conflict,
) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| {
        if let sqlx::Error::Database(d) = &e {
            if d.kind() == sqlx::error::ErrorKind::UniqueViolation {
                let pg_name = format!("{table}_{}_key", columns.join("_"));
                let sqlite: Vec<String> = columns.iter().map(|c| format!("{table}.{c}")).collect();
                let sqlite = format!("UNIQUE constraint failed: {}", sqlite.join(", "));
                if d.constraint() == Some(pg_name.as_str()) || d.message() == sqlite {
                    return StoreError::Conflict(means);
                }
            }
        }
        db_err(e)
    }
}

/// Now, in microseconds since the Unix epoch.
pub fn now_micros() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_micros() as i64).unwrap_or(0)
}

/// The error for a change based on an outdated read.
pub fn stale() -> StoreError {
    StoreError::Conflict(Conflict::Stale)
}

/// A field error in one call.
pub fn field(name: &str, code: &'static str) -> StoreError {
    let mut f = FieldErrors::default();
    f.push(name, code);
    StoreError::Invalid(f)
}

/// A backend's embedded migrations, as (version, name, SQL).
pub type MigrationList = &'static [(i64, &'static str, &'static str)];

/// Build sqlx's migrator from a backend's embedded list, so migrations are
/// checksummed and recorded the standard way without the macro feature.
pub fn migrator(list: MigrationList) -> sqlx::migrate::Migrator {
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    use std::borrow::Cow;
    let migrations = list
        .iter()
        .map(|(version, name, sql)| {
            Migration::new(*version, Cow::Borrowed(*name), MigrationType::Simple, Cow::Borrowed(*sql), false)
        })
        .collect();
    Migrator { migrations: Cow::Owned(migrations), ..Migrator::DEFAULT }
}
