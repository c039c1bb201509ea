//! The SQL both backends share. The statements are portable between SQLite and
//! PostgreSQL (`$n` parameters, `RETURNING`, 64-bit integers), so they are
//! written once here and expanded by each backend crate with
//! [`impl_store_sql!`](crate::impl_store_sql). Macros rather than generic
//! functions: sqlx's generic executor bounds would be longer than the SQL.
//!
//! A backend type provides these inherent items:
//! - `fn writer(&self) -> &sqlx::Pool<DB>` — the connection(s) that write;
//! - `fn reader(&self) -> &sqlx::Pool<DB>` — the read pool;
//! - `async fn relay(&self, tx: &mut sqlx::Transaction<'static, DB>, ev: &Event) -> Result<(), sqlx::Error>`
//!   — runs inside the writing transaction (PostgreSQL: `pg_notify`, delivered at commit);
//! - `fn published(&self, ev: Event)` — runs after commit (SQLite: local broadcast);
//! - `fn event_sender(&self) -> &tokio::sync::broadcast::Sender<Event>`;
//! - `async fn after_import(&self, tx: &mut sqlx::Transaction<'static, DB>) -> Result<(), sqlx::Error>`;
//! - `const BACKEND: &'static str`.

mod accounts;
mod delegates;
pub mod documents;
mod floor;
mod history;
mod organizations;
mod plenums;
mod portability;
mod records;
pub mod rows;

pub use async_trait::async_trait;
pub use serde_json::json;

use crate::StoreError;
use plenum_core::FieldErrors;

/// Turn a database error into the store's error, keeping constraint
/// violations distinguishable so the HTTP edge can answer 4xx.
pub fn db_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Database(d) => match d.kind() {
            sqlx::error::ErrorKind::UniqueViolation => StoreError::Conflict("duplicate"),
            sqlx::error::ErrorKind::ForeignKeyViolation => {
                let mut f = FieldErrors::default();
                f.push("reference", "not-found");
                StoreError::Invalid(f)
            }
            sqlx::error::ErrorKind::CheckViolation => StoreError::Conflict("check"),
            _ => StoreError::Backend(e.to_string()),
        },
        _ => StoreError::Backend(e.to_string()),
    }
}

/// Now, in microseconds since the Unix epoch.
pub fn now_micros() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_micros() as i64).unwrap_or(0)
}

/// Expand every store trait for a backend type.
#[macro_export]
macro_rules! impl_store_sql {
    ($Store:ty, $DB:ty) => {
        $crate::impl_history!($Store, $DB);
        $crate::impl_accounts!($Store);
        $crate::impl_organizations!($Store);
        $crate::impl_plenums!($Store);
        $crate::impl_delegates!($Store, $DB);
        $crate::impl_floor!($Store, $DB);
        $crate::impl_records!($Store, $DB);
        $crate::impl_documents!($Store, $DB);
        $crate::impl_portability!($Store, $DB);
        #[$crate::sql::async_trait]
        impl $crate::Maintenance for $Store {
            async fn migrate(&self) -> ::anyhow::Result<()> {
                <$Store>::migrate(self).await
            }
            async fn execute_raw(&self, sql: &str) -> ::anyhow::Result<u64> {
                <$Store>::execute_raw(self, sql).await
            }
            async fn table_names(&self) -> ::anyhow::Result<Vec<String>> {
                <$Store>::table_names(self).await
            }
        }
        impl $crate::Store for $Store {
            fn backend(&self) -> &'static str {
                <$Store>::BACKEND
            }
        }
    };
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
