//! The shared conformance story on PostgreSQL. It always runs: with
//! PLENUM_TEST_POSTGRES unset it uses the local server, and it fails, rather
//! than skipping, when that server cannot be reached.

use plenum_store_postgres::{create_scratch_database, PostgresStore};

fn base_url() -> String {
    std::env::var("PLENUM_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

async fn fresh() -> plenum_store::SqlStore {
    let url = create_scratch_database(&base_url())
        .await
        .expect("PostgreSQL must be reachable for this suite (set PLENUM_TEST_POSTGRES)");
    PostgresStore::connect(&url).await.unwrap()
}

#[tokio::test]
async fn conformance_story_on_postgres() {
    let store = fresh().await;
    plenum_store::conformance::run(&store).await;
}

#[tokio::test]
async fn backup_restores_into_a_fresh_postgres_database() {
    let source = fresh().await;
    source.migrate().await.unwrap();
    plenum_store::demo::load(&source).await.unwrap();
    let backup = plenum_store::Portability::export(&source).await.unwrap();
    let target = fresh().await;
    plenum_store::conformance::restore_into(&target, &backup).await;
}

#[tokio::test]
async fn conduct_story_on_postgres() {
    let store = fresh().await;
    plenum_store::conformance::conduct::run(&store).await;
}

#[tokio::test]
async fn documents_story_on_postgres() {
    let store = fresh().await;
    plenum_store::conformance::documents::run(&store).await;
}

#[tokio::test]
async fn desk_story_on_postgres() {
    let store = fresh().await;
    plenum_store::conformance::desk::run(&store).await;
}

#[tokio::test]
async fn delegates_story_on_postgres() {
    let store = fresh().await;
    plenum_store::conformance::delegates::run(&store).await;
}

#[tokio::test]
async fn concurrency_story_on_postgres() {
    let store = fresh().await;
    plenum_store::conformance::concurrency::run(&store).await;
}
