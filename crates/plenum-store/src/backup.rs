//! The portable backup: every table of [`crate::schema::TABLES`], row by row,
//! as JSON values. The same file restores into SQLite or PostgreSQL.

use serde::{Deserialize, Serialize};

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

    pub fn table(&self, name: &str) -> Option<&TableDump> {
        self.tables.iter().find(|t| t.name == name)
    }
}
