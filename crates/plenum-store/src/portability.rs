//! Export and import of the portable backup, table by table from the schema list.

use async_trait::async_trait;
use sqlx::Row;

use crate::backup::{Backup, TableDump, FORMAT};
use crate::schema::{Col, TABLES};
use crate::store::{db_err, SqlStore};
use crate::{StoreError, StoreResult};

/// A column as the export selects it. Booleans are read as integers: SQLite
/// keeps them as 0/1 and the `Any` driver hands them over as such.
fn select_expr(name: &str, ty: Col) -> String {
    match ty {
        Col::Bool => format!("CAST({name} AS INTEGER) AS {name}"),
        _ => name.to_string(),
    }
}

#[async_trait]
impl crate::Portability for SqlStore {
    async fn export(&self) -> StoreResult<Backup> {
        // One read transaction, so the dump is a consistent snapshot.
        let mut tx = self.reader().begin().await.map_err(db_err)?;
        let mut tables = Vec::new();
        for t in TABLES {
            let cols: Vec<&str> = t.columns.iter().map(|c| c.0).collect();
            let select: Vec<String> = t.columns.iter().map(|(n, ty)| select_expr(n, *ty)).collect();
            let sql = format!("SELECT {} FROM {} ORDER BY {}", select.join(", "), t.name, t.order_by);
            let rows = sqlx::query(&sql).fetch_all(&mut *tx).await.map_err(db_err)?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let mut values = Vec::with_capacity(cols.len());
                for (i, (_, ty)) in t.columns.iter().enumerate() {
                    let v = match ty {
                        Col::Int => serde_json::Value::from(row.try_get::<i64, _>(i).map_err(db_err)?),
                        Col::OptInt => serde_json::Value::from(row.try_get::<Option<i64>, _>(i).map_err(db_err)?),
                        Col::Text => serde_json::Value::from(row.try_get::<String, _>(i).map_err(db_err)?),
                        Col::OptText => serde_json::Value::from(row.try_get::<Option<String>, _>(i).map_err(db_err)?),
                        Col::Bool => serde_json::Value::from(row.try_get::<i64, _>(i).map_err(db_err)? != 0),
                        Col::Bytes => {
                            serde_json::Value::from(hex::encode(row.try_get::<Vec<u8>, _>(i).map_err(db_err)?))
                        }
                    };
                    values.push(v);
                }
                out.push(values);
            }
            tables.push(TableDump {
                name: t.name.to_string(),
                columns: cols.iter().map(|c| c.to_string()).collect(),
                rows: out,
            });
        }
        tx.rollback().await.map_err(db_err)?;
        Ok(Backup { format: FORMAT.to_string(), tables })
    }

    async fn import(&self, backup: &Backup) -> StoreResult<()> {
        backup.check().map_err(StoreError::Backend)?;
        if !self.is_empty().await? {
            return Err(StoreError::Conflict(crate::Conflict::NotEmpty));
        }
        let mut tx = self.begin().await?;
        for t in TABLES.iter().rev() {
            sqlx::query(&format!("DELETE FROM {}", t.name)).execute(&mut *tx).await.map_err(db_err)?;
        }
        for t in TABLES {
            let dump = backup.table(t.name).expect("checked above");
            let cols: Vec<&str> = t.columns.iter().map(|c| c.0).collect();
            let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
            let sql = format!("INSERT INTO {} ({}) VALUES ({})", t.name, cols.join(", "), params.join(", "));
            for (n, row) in dump.rows.iter().enumerate() {
                let mut q = sqlx::query(&sql);
                for ((name, ty), v) in t.columns.iter().zip(row) {
                    let bad =
                        || StoreError::Backend(format!("table {}: row {}: column {} has {}", t.name, n + 1, name, v));
                    q = match ty {
                        Col::Int => q.bind(v.as_i64().ok_or_else(bad)?),
                        Col::OptInt if v.is_null() => q.bind(None::<i64>),
                        Col::OptInt => q.bind(Some(v.as_i64().ok_or_else(bad)?)),
                        Col::Text => q.bind(v.as_str().ok_or_else(bad)?.to_string()),
                        Col::OptText if v.is_null() => q.bind(None::<String>),
                        Col::OptText => q.bind(Some(v.as_str().ok_or_else(bad)?.to_string())),
                        Col::Bool => q.bind(v.as_bool().ok_or_else(bad)?),
                        Col::Bytes => q.bind(v.as_str().and_then(|h| hex::decode(h).ok()).ok_or_else(bad)?),
                    };
                }
                q.execute(&mut *tx).await.map_err(db_err)?;
            }
        }
        self.backend().after_import(&mut tx).await.map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM audit_log)",
        )
        .fetch_one(self.reader())
        .await
        .map_err(db_err)?;
        Ok(n == 0)
    }
}
