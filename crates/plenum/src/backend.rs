//! Choosing the storage backend from the database URL's scheme.

use std::sync::Arc;

use plenum_store::Store;
use plenum_store_postgres::PostgresStore;
use plenum_store_sqlite::SqliteStore;

/// Open the database a URL names, refusing schemes we do not support rather
/// than guessing (a typo must not silently create an empty SQLite file).
pub async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or("");
    match scheme {
        "sqlite" => {
            if let Some(parent) = std::path::Path::new(url.trim_start_matches("sqlite://").split('?').next().unwrap_or("")).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
            Ok(Arc::new(SqliteStore::connect(url).await?))
        }
        "postgres" | "postgresql" => Ok(Arc::new(PostgresStore::connect(url).await?)),
        other => anyhow::bail!(
            "unsupported database URL {:?}: the scheme {:?} is not one Plenum knows; use sqlite://PATH or postgres://USER@HOST/DB",
            crate::config::redact(url),
            other
        ),
    }
}
