//! Schema truth on PostgreSQL: `information_schema.columns` against the backup's table list.

use crate::fresh;

#[tokio::test]
async fn a_column_the_backup_forgot_is_caught_on_postgres() {
    let (store, _db) = fresh().await;
    plenum_store::conformance::columns::run(&store).await;
}
