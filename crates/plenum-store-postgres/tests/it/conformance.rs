//! The shared conformance story on PostgreSQL.

use crate::fresh;

#[tokio::test]
async fn conformance_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::run(&store).await;
}

#[tokio::test]
async fn backup_restores_into_a_fresh_postgres_database() {
    let (source, _source_db) = fresh().await;
    source.migrate().await.unwrap();
    plenum_store::demo::load(&source).await.unwrap();
    let backup = plenum_store::Portability::export(&source).await.unwrap();
    let (target, _target_db) = fresh().await;
    plenum_store::conformance::restore_into(&target, &backup).await;
}

#[tokio::test]
async fn conduct_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::conduct::run(&store).await;
}

#[tokio::test]
async fn agenda_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::agenda::run(&store).await;
}

#[tokio::test]
async fn documents_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::documents::run(&store).await;
}

#[tokio::test]
async fn desk_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::desk::run(&store).await;
}

#[tokio::test]
async fn delegates_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::delegates::run(&store).await;
}

#[tokio::test]
async fn concurrency_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::concurrency::run(&store).await;
}

#[tokio::test]
async fn screen_links_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::screens::run(&store).await;
}

#[tokio::test]
async fn synthesis_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::synthesis::run(&store).await;
}

#[tokio::test]
async fn search_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::search::run(&store).await;
}

/// PostgreSQL's physical order (`ctid`) and each row's transaction (`xmin`).
struct Heap<'a>(&'a plenum_store::SqlStore);

#[async_trait::async_trait]
impl plenum_store::conformance::decide::Physical for Heap<'_> {
    async fn scan(&self, table: &str, column: &str, poll_id: i64) -> Vec<plenum_store::conformance::decide::Row> {
        let rows: Vec<(String, String)> =
            sqlx::query_as(&format!("SELECT xmin::text, {column}::text FROM {table} WHERE poll_id = $1 ORDER BY ctid"))
                .bind(poll_id)
                .fetch_all(self.0.reader())
                .await
                .unwrap();
        rows.into_iter().map(|(txn, value)| plenum_store::conformance::decide::Row { txn: Some(txn), value }).collect()
    }
}

#[tokio::test]
async fn decide_story_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::decide::run(&store, &Heap(&store)).await;
}
