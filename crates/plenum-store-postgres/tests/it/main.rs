//! The PostgreSQL backend's integration tests, one module per area. They always
//! run: with PLENUM_TEST_POSTGRES unset they use the local server, and they
//! fail, rather than skipping, when that server cannot be reached.

mod conformance;
mod relay;
mod schema;
mod scratch;

use plenum_store_postgres::{PostgresStore, ScratchDatabase};

pub fn base_url() -> String {
    std::env::var("PLENUM_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A store over a database of its own, dropped with the returned guard.
pub async fn fresh() -> (plenum_store::SqlStore, ScratchDatabase) {
    let db = ScratchDatabase::create(&base_url())
        .await
        .expect("PostgreSQL must be reachable for this suite (set PLENUM_TEST_POSTGRES)");
    (PostgresStore::connect(db.url()).await.unwrap(), db)
}
