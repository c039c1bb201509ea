//! The conformance story, part: documents.

use crate::Store;

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
}
