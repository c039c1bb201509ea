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
