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
async fn agenda_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::agenda::run(&store).await;
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

#[tokio::test]
async fn concurrency_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::concurrency::run(&store).await;
}

/// `Any` sets no pragmas of its own: every connection either pool hands out,
/// not just the first, must have the server settings.
#[tokio::test]
async fn every_pooled_connection_has_the_server_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    for (pool, held) in [(store.writer(), 1), (store.reader(), 3)] {
        let mut conns = Vec::new();
        for _ in 0..held {
            conns.push(pool.acquire().await.unwrap());
        }
        for conn in &mut conns {
            let (journal,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&mut **conn).await.unwrap();
            let (synchronous,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(&mut **conn).await.unwrap();
            let (foreign_keys,): (i64,) = sqlx::query_as("PRAGMA foreign_keys").fetch_one(&mut **conn).await.unwrap();
            let (busy,): (i64,) = sqlx::query_as("PRAGMA busy_timeout").fetch_one(&mut **conn).await.unwrap();
            assert_eq!(journal, "wal");
            assert_eq!(synchronous, 2, "synchronous=FULL");
            assert_eq!(foreign_keys, 1);
            assert_eq!(busy, 10_000, "a 10 s busy timeout");
        }
    }
}

#[tokio::test]
async fn screen_links_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::screens::run(&store).await;
}

#[tokio::test]
async fn synthesis_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::synthesis::run(&store).await;
}

#[tokio::test]
async fn search_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::search::run(&store).await;
}

/// SQLite's physical order: a plain scan, in the table's own key order.
struct Scan<'a>(&'a plenum_store::SqlStore);

#[async_trait::async_trait]
impl plenum_store::conformance::decide::Physical for Scan<'_> {
    async fn scan(&self, table: &str, column: &str, poll_id: i64) -> Vec<plenum_store::conformance::decide::Row> {
        let rows: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT CAST({column} AS TEXT) FROM {table} WHERE poll_id = $1"))
                .bind(poll_id)
                .fetch_all(self.0.reader())
                .await
                .unwrap();
        rows.into_iter().map(|(value,)| plenum_store::conformance::decide::Row { txn: None, value }).collect()
    }
}

#[tokio::test]
async fn decide_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::decide::run(&store, &Scan(&store)).await;
    // No insertion-ordered rowid to read back from the ballots' tables.
    for table in ["ballots", "tallied_ballots", "poll_leaves", "poll_roll"] {
        let rowid = sqlx::query(&format!("SELECT rowid FROM {table}")).fetch_all(store.reader()).await;
        assert!(rowid.is_err(), "{table} has a rowid");
    }
}
