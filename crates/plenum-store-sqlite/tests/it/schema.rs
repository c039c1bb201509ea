//! Schema truth on SQLite: `pragma_table_info` against the backup's table list.

use plenum_store_sqlite::SqliteStore;

#[tokio::test]
async fn a_column_the_backup_forgot_is_caught_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    plenum_store::conformance::columns::run(&store).await;
}
