//! The portable backup: every table of [`crate::schema::TABLES`], row by row,
//! as JSON values. The same file restores into SQLite or PostgreSQL.
//!
//! The dump walks the hand-kept list, so a column a migration added but the
//! list forgot would silently be left out. [`export_checked`] and
//! [`import_checked`] therefore hold every backup against the live
//! database's columns, and refuse one that leaves any out.

use serde::{Deserialize, Serialize};

use crate::schema::LiveTable;
use crate::{LiveSchema, Portability, StoreError, StoreResult};

pub const FORMAT: &str = "plenum-backup/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub tables: Vec<TableDump>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDump {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl Backup {
    /// Check the file is ours and matches this version's schema, table by table.
    pub fn check(&self) -> Result<(), String> {
        if self.format != FORMAT {
            return Err(format!("unknown backup format {:?}, expected {FORMAT:?}", self.format));
        }
        for t in crate::schema::TABLES {
            let dump = self
                .tables
                .iter()
                .find(|d| d.name == t.name)
                .ok_or_else(|| format!("table {} is missing from the backup", t.name))?;
            let expected: Vec<&str> = t.columns.iter().map(|c| c.0).collect();
            if dump.columns != expected {
                return Err(format!("table {}: columns {:?}, expected {:?}", t.name, dump.columns, expected));
            }
            if let Some(i) = dump.rows.iter().position(|r| r.len() != expected.len()) {
                return Err(format!(
                    "table {}: row {} has {} values, expected {}",
                    t.name,
                    i + 1,
                    dump.rows[i].len(),
                    expected.len()
                ));
            }
        }
        Ok(())
    }

    /// Check the backup carries exactly the live database's columns, table by
    /// table; the error names the first table and column that differ.
    pub fn check_against(&self, live: &[LiveTable]) -> Result<(), String> {
        for l in live {
            let dump = self.table(&l.name).ok_or_else(|| format!("table {} is missing from the backup", l.name))?;
            if let Some(c) = l.columns.iter().find(|c| !dump.columns.contains(&c.name)) {
                return Err(format!(
                    "table {}: column {} is in the database but missing from the backup",
                    l.name, c.name
                ));
            }
            if let Some(c) = dump.columns.iter().find(|c| !l.columns.iter().any(|x| &x.name == *c)) {
                return Err(format!("table {}: column {c} is in the backup but not in the database", l.name));
            }
        }
        if let Some(d) = self.tables.iter().find(|d| !live.iter().any(|l| l.name == d.name)) {
            return Err(format!("table {} is in the backup but not in the database", d.name));
        }
        Ok(())
    }

    pub fn table(&self, name: &str) -> Option<&TableDump> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// Export, then check the dump against the database it came from: a backup
/// that would lose a column is an error, never a file.
pub async fn export_checked<S: Portability + LiveSchema + ?Sized>(store: &S) -> StoreResult<Backup> {
    let backup = store.export().await?;
    let live = store.live_columns().await.map_err(|e| StoreError::Backend(format!("{e:#}")))?;
    backup.check_against(&live).map_err(StoreError::Backend)?;
    Ok(backup)
}

/// Check a backup against the target database's columns, then import it.
pub async fn import_checked<S: Portability + LiveSchema + ?Sized>(store: &S, backup: &Backup) -> StoreResult<()> {
    backup.check().map_err(StoreError::Backend)?;
    let live = store.live_columns().await.map_err(|e| StoreError::Backend(format!("{e:#}")))?;
    backup.check_against(&live).map_err(StoreError::Backend)?;
    store.import(backup).await
}
