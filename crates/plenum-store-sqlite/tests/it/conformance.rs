//! The shared conformance story on SQLite.

use plenum_store_sqlite::SqliteStore;

#[tokio::test]
async fn conformance_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::run(&store).await;
}

#[tokio::test]
async fn backup_restores_into_a_fresh_sqlite_database() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let source = SqliteStore::open_dir(a.path()).await.unwrap();
    source.migrate().await.unwrap();
    plenum_store::demo::load(&source).await.unwrap();
    let backup = plenum_store::Portability::export(&source).await.unwrap();
    let target = SqliteStore::open_dir(b.path()).await.unwrap();
    plenum_store::conformance::restore_into(&target, &backup).await;
}

#[tokio::test]
async fn conduct_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::conduct::run(&store).await;
}

#[tokio::test]
async fn documents_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::documents::run(&store).await;
}

#[tokio::test]
async fn desk_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::desk::run(&store).await;
}

#[tokio::test]
async fn delegates_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::delegates::run(&store).await;
}
