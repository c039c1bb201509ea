//! Schema truth: the backup's hand-kept table list against the columns the
//! migrations actually made, and a scratch migration adding a column that the
//! list forgot, which every check must then catch.

use crate::backup::{export_checked, import_checked};
use crate::{schema, Store};

/// The scratch migration: a column no list knows of.
const ADD_COLUMN: &str = "ALTER TABLE plenums ADD COLUMN summary TEXT NOT NULL DEFAULT ''";

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let live = store.live_columns().await.unwrap();
    assert_eq!(schema::differences(&live), Vec::<String>::new(), "schema::TABLES lists the migrations' columns");
    let plenums = live.iter().find(|t| t.name == "plenums").expect("the plenums table is live");
    let names: Vec<&str> = plenums.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "committee_id", "ordinal", "title", "starts_on", "ends_on", "place"]);
    let before = export_checked(store).await.expect("a backup of the migrated schema holds every column");

    store.execute_raw(ADD_COLUMN).await.expect("the scratch migration applies");
    let live = store.live_columns().await.unwrap();
    assert_eq!(
        schema::differences(&live),
        ["table plenums: column summary is in the database but not in schema::TABLES"],
        "the schema check names the forgotten column"
    );
    let dump = store.export().await.unwrap();
    assert!(!dump.table("plenums").unwrap().columns.iter().any(|c| c == "summary"), "the dump walks the list");
    assert_eq!(
        dump.check_against(&live),
        Err("table plenums: column summary is in the database but missing from the backup".into())
    );
    let refused = export_checked(store).await.expect_err("a backup that loses a column is refused");
    assert!(refused.to_string().contains("column summary"), "{refused}");
    let refused =
        import_checked(store, &before).await.expect_err("a restore that would leave a column empty is refused");
    assert!(refused.to_string().contains("column summary"), "{refused}");
}
