//! Delegates summoned to a plenum, their attendance, check-in codes and one-time links.

use async_trait::async_trait;
use plenum_core::conduct::attendance::Attendance;
use sqlx::AnyConnection;

use crate::change::{data, Change};
use crate::store::{db_err, field, now_micros, on_unique, stale, SqlStore};
use crate::{input, Actor, Conflict, Delegate, StoreError, StoreResult};

pub(crate) const COLUMNS: &str = "id, plenum_id, member_id, user_id, full_name, title, unit, kind, group_id, \
     checkin_code, attendance, attendance_reason, attendance_at, version";

async fn insert(conn: &mut AnyConnection, d: &input::NewDelegate) -> StoreResult<Delegate> {
    sqlx::query_as(&format!(
        "INSERT INTO delegates (plenum_id, member_id, user_id, full_name, title, unit, kind, group_id, checkin_code,
             attendance, attendance_reason, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'expected', '', 1) RETURNING {COLUMNS}"
    ))
    .bind(d.plenum_id)
    .bind(d.member_id)
    .bind(d.user_id)
    .bind(&d.full_name)
    .bind(&d.title)
    .bind(&d.unit)
    .bind(&d.kind)
    .bind(d.group_id)
    .bind(&d.checkin_code)
    .fetch_one(conn)
    .await
    .map_err(on_unique("delegates", &["plenum_id", "member_id"], Conflict::AlreadySummoned))
}

/// One delegate, read on `conn`.
pub(crate) async fn delegate(conn: &mut AnyConnection, id: i64) -> StoreResult<Delegate> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM delegates WHERE id = $1"))
        .bind(id)
        .fetch_one(conn)
        .await
        .map_err(db_err)
}

/// The delegate, if it is one of the plenum's; else a field error on `delegate_id`.
pub(crate) async fn delegate_in(conn: &mut AnyConnection, delegate_id: i64, plenum_id: i64) -> StoreResult<Delegate> {
    match delegate(conn, delegate_id).await {
        Ok(d) if d.plenum_id == plenum_id => Ok(d),
        Ok(_) | Err(StoreError::NotFound) => Err(field("delegate_id", "not-found")),
        Err(e) => Err(e),
    }
}

#[async_trait]
impl crate::Delegates for SqlStore {
    async fn add_delegate(&self, actor: &Actor, new: input::NewDelegate) -> StoreResult<Delegate> {
        let new = new.validate()?;
        let mut tx = self.begin().await?;
        let scope = self.plenum_scope(&mut tx, new.plenum_id).await?;
        let d = insert(&mut tx, &new).await?;
        self.commit_change(tx, actor, scope, Change::DelegateAdded(d.clone())).await?;
        Ok(d)
    }

    async fn import_delegates(
        &self,
        actor: &Actor,
        plenum_id: i64,
        new: Vec<input::NewDelegate>,
    ) -> StoreResult<Vec<Delegate>> {
        let mut tx = self.begin().await?;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let mut out = Vec::with_capacity(new.len());
        for d in new {
            let d = d.validate()?;
            if d.plenum_id != plenum_id {
                return Err(field("plenum_id", "invalid-choice"));
            }
            out.push(insert(&mut tx, &d).await?);
        }
        let data = data::DelegatesImported { count: out.len() as i64, ids: out.iter().map(|d| d.id).collect() };
        self.commit_change(tx, actor, scope, Change::DelegatesImported(data)).await?;
        Ok(out)
    }

    async fn delegates(&self, plenum_id: i64) -> StoreResult<Vec<Delegate>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM delegates WHERE plenum_id = $1 ORDER BY kind DESC, id"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn delegate(&self, id: i64) -> StoreResult<Delegate> {
        delegate(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn delegate_by_checkin_code(&self, code: &str) -> StoreResult<Option<Delegate>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM delegates WHERE checkin_code = $1"))
            .bind(code.trim())
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)
    }

    async fn delegate_for_user(&self, plenum_id: i64, user_id: i64) -> StoreResult<Option<Delegate>> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM delegates WHERE plenum_id = $1 AND user_id = $2 ORDER BY id LIMIT 1"
        ))
        .bind(plenum_id)
        .bind(user_id)
        .fetch_optional(self.reader())
        .await
        .map_err(db_err)
    }

    async fn set_attendance(
        &self,
        actor: &Actor,
        delegate_id: i64,
        attendance: Attendance,
        reason: &str,
        expected_version: Option<i64>,
    ) -> StoreResult<Delegate> {
        let mut errors = plenum_core::FieldErrors::default();
        let reason =
            plenum_core::text::optional_line(&mut errors, "attendance_reason", Some(reason), 500).unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let mut tx = self.begin().await?;
        let current = delegate(&mut tx, delegate_id).await?;
        let scope = self.plenum_scope(&mut tx, current.plenum_id).await?;
        let r: Option<Delegate> = sqlx::query_as(&format!(
            "UPDATE delegates SET attendance = $1, attendance_reason = $2, attendance_at = $3, version = version + 1
             WHERE id = $4 AND ($5 < 0 OR version = $5) RETURNING {COLUMNS}"
        ))
        .bind(attendance.as_str())
        .bind(&reason)
        .bind(now_micros())
        .bind(delegate_id)
        .bind(expected_version.unwrap_or(-1))
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let d = r.ok_or_else(stale)?;
        let sitting = crate::conduct::sittings::current(&mut tx, d.plenum_id).await?;
        crate::conduct::sittings::keep(&mut tx, &d, sitting).await?;
        let data = data::AttendanceChange {
            delegate_id: d.id,
            attendance: d.attendance,
            reason: d.attendance_reason.clone(),
            version: d.version,
            sitting,
        };
        let before = Change::AttendanceChanged(data::AttendanceChange {
            delegate_id: current.id,
            attendance: current.attendance,
            reason: current.attendance_reason,
            version: current.version,
            sitting,
        });
        self.commit_edit(tx, actor, scope, before, Change::AttendanceChanged(data)).await?;
        Ok(d)
    }

    async fn set_link_hash(&self, actor: &Actor, delegate_id: i64, link_hash: Option<&str>) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let d = delegate(&mut tx, delegate_id).await?;
        let scope = self.plenum_scope(&mut tx, d.plenum_id).await?;
        sqlx::query("UPDATE delegates SET link_hash = $1 WHERE id = $2")
            .bind(link_hash)
            .bind(delegate_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        // The hash itself is a secret's fingerprint; the history only says a link was issued.
        let data = data::LinkIssued { delegate_id, issued: link_hash.is_some() };
        self.commit_change(tx, actor, scope, Change::LinkIssued(data)).await?;
        Ok(())
    }

    async fn take_link(&self, actor: &Actor, link_hash: &str) -> StoreResult<Option<Delegate>> {
        let mut tx = self.begin().await?;
        let r: Option<Delegate> =
            sqlx::query_as(&format!("UPDATE delegates SET link_hash = NULL WHERE link_hash = $1 RETURNING {COLUMNS}"))
                .bind(link_hash)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let Some(d) = r else { return Ok(None) };
        let scope = self.plenum_scope(&mut tx, d.plenum_id).await?;
        self.commit_change(tx, actor, scope, Change::LinkUsed(data::LinkUsed { delegate_id: d.id })).await?;
        Ok(Some(d))
    }

    async fn link_delegate_user(&self, actor: &Actor, delegate_id: i64, user_id: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let d = delegate(&mut tx, delegate_id).await?;
        let scope = self.plenum_scope(&mut tx, d.plenum_id).await?;
        sqlx::query("UPDATE delegates SET user_id = $1, version = version + 1 WHERE id = $2")
            .bind(user_id)
            .bind(delegate_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let data = data::DelegateLinked { delegate_id, user_id };
        self.commit_change(tx, actor, scope, Change::DelegateLinked(data)).await?;
        Ok(())
    }
}
