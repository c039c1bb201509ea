//! The sittings of a plenum and the roll of each (see [`crate::Sittings`]).

use async_trait::async_trait;
use sqlx::AnyConnection;

use crate::change::{data, Change};
use crate::prepare::delegates::COLUMNS;
use crate::store::{db_err, field, SqlStore};
use crate::{Actor, Delegate, SittingAttendance, StoreResult};

/// The plenum's current sitting, read on `conn` (inside a writing transaction, under its lock).
pub(crate) async fn current(conn: &mut AnyConnection, plenum_id: i64) -> StoreResult<i64> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT sitting FROM current_sittings WHERE plenum_id = $1")
        .bind(plenum_id)
        .fetch_optional(conn)
        .await
        .map_err(db_err)?;
    Ok(row.map_or(1, |r| r.0))
}

/// Keep the delegate's attendance as the roll of `sitting` too.
pub(crate) async fn keep(conn: &mut AnyConnection, d: &Delegate, sitting: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO sitting_attendance (delegate_id, sitting, attendance, attendance_reason, attendance_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (delegate_id, sitting) DO UPDATE SET attendance = excluded.attendance,
             attendance_reason = excluded.attendance_reason, attendance_at = excluded.attendance_at",
    )
    .bind(d.id)
    .bind(sitting)
    .bind(d.attendance.as_str())
    .bind(&d.attendance_reason)
    .bind(d.attendance_at)
    .execute(conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

#[async_trait]
impl crate::Sittings for SqlStore {
    async fn current_sitting(&self, plenum_id: i64) -> StoreResult<i64> {
        current(&mut *self.reader().acquire().await.map_err(db_err)?, plenum_id).await
    }

    async fn open_sitting(&self, actor: &Actor, plenum_id: i64, sitting: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let (starts_on, ends_on): (String, String) =
            sqlx::query_as("SELECT starts_on, ends_on FROM plenums WHERE id = $1")
                .bind(plenum_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        if plenum_core::conduct::sittings::sitting(&starts_on, &ends_on, sitting).is_none() {
            return Err(field("sitting", "invalid-choice"));
        }
        let of = |col: &str, none: &str| {
            format!(
                "COALESCE((SELECT s.{col} FROM sitting_attendance s WHERE s.delegate_id = delegates.id AND s.sitting = $1), {none})"
            )
        };
        let _: Vec<Delegate> = sqlx::query_as(&format!(
            "UPDATE delegates SET attendance = {}, attendance_reason = {}, attendance_at = {}, version = version + 1
             WHERE plenum_id = $2 RETURNING {COLUMNS}",
            of("attendance", "'expected'"),
            of("attendance_reason", "''"),
            of("attendance_at", "NULL"),
        ))
        .bind(sitting)
        .bind(plenum_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO current_sittings (plenum_id, sitting) VALUES ($1, $2)
             ON CONFLICT (plenum_id) DO UPDATE SET sitting = excluded.sitting",
        )
        .bind(plenum_id)
        .bind(sitting)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        self.commit_change(tx, actor, scope, Change::SittingOpened(data::SittingOpened { plenum_id, sitting })).await?;
        Ok(())
    }

    async fn sitting_roll(&self, plenum_id: i64) -> StoreResult<Vec<SittingAttendance>> {
        sqlx::query_as(
            "SELECT s.delegate_id, s.sitting, s.attendance, s.attendance_reason, s.attendance_at
             FROM sitting_attendance s JOIN delegates d ON d.id = s.delegate_id
             WHERE d.plenum_id = $1 ORDER BY s.sitting, s.delegate_id",
        )
        .bind(plenum_id)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)
    }
}
