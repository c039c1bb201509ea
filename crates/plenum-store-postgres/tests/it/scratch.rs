//! Scratch databases go when their test does.

use plenum_store_postgres::ScratchDatabase;
use sqlx::Connection;

use crate::base_url;

async fn exists(name: &str) -> bool {
    let mut conn = sqlx::PgConnection::connect(&base_url()).await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    n == 1
}

#[tokio::test]
async fn a_scratch_database_is_dropped_with_its_guard_even_while_connected() {
    let db = ScratchDatabase::create(&base_url()).await.unwrap();
    let name = db.name().to_string();
    assert!(exists(&name).await, "created");
    let store = plenum_store_postgres::PostgresStore::connect(db.url()).await.unwrap();
    plenum_store::Maintenance::migrate(&store).await.unwrap();
    drop(db);
    assert!(!exists(&name).await, "dropped, though the store still held connections");
}
