//! Delegates, attendance, check-in codes and one-time links.

#[doc(hidden)]
#[macro_export]
macro_rules! impl_delegates {
    ($Store:ty, $DB:ty) => {
        impl $Store {
            async fn insert_delegate(
                tx: &mut ::sqlx::Transaction<'static, $DB>,
                d: &$crate::input::NewDelegate,
            ) -> $crate::StoreResult<$crate::Delegate> {
                use $crate::sql::rows;
                let sql = format!(
                    "INSERT INTO delegates (plenum_id, member_id, user_id, full_name, title, unit, kind, group_id, checkin_code, attendance, attendance_reason, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'expected', '', 1) RETURNING {}",
                    rows::DELEGATE_COLS
                );
                let r: rows::DelegateRow = ::sqlx::query_as(&sql)
                    .bind(d.plenum_id)
                    .bind(d.member_id)
                    .bind(d.user_id)
                    .bind(&d.full_name)
                    .bind(&d.title)
                    .bind(&d.unit)
                    .bind(&d.kind)
                    .bind(d.group_id)
                    .bind(&d.checkin_code)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                Ok(rows::delegate(r))
            }

            async fn plenum_scope(&self, plenum_id: i64) -> $crate::StoreResult<$crate::Scope> {
                let p = $crate::Plenums::plenum(self, plenum_id).await?;
                Ok($crate::Scope { org_id: Some(p.org_id), plenum_id: Some(p.id) })
            }
        }

        #[$crate::sql::async_trait]
        impl $crate::Delegates for $Store {
            async fn add_delegate(&self, actor: &$crate::Actor, new: $crate::input::NewDelegate) -> $crate::StoreResult<$crate::Delegate> {
                let new = new.validate()?;
                let scope = self.plenum_scope(new.plenum_id).await?;
                let mut tx = self.begin().await?;
                let d = Self::insert_delegate(&mut tx, &new).await?;
                self.commit_change(tx, actor, "delegate.added", scope, $crate::sql::json!(&d)).await?;
                Ok(d)
            }

            async fn import_delegates(&self, actor: &$crate::Actor, plenum_id: i64, new: Vec<$crate::input::NewDelegate>) -> $crate::StoreResult<Vec<$crate::Delegate>> {
                let scope = self.plenum_scope(plenum_id).await?;
                let mut tx = self.begin().await?;
                let mut out = Vec::with_capacity(new.len());
                for d in new {
                    let d = d.validate()?;
                    if d.plenum_id != plenum_id {
                        return Err($crate::sql::rows::field("plenum_id", "invalid-choice"));
                    }
                    out.push(Self::insert_delegate(&mut tx, &d).await?);
                }
                let data = $crate::sql::json!({"count": out.len(), "ids": out.iter().map(|d| d.id).collect::<Vec<_>>()});
                self.commit_change(tx, actor, "delegates.imported", scope, data).await?;
                Ok(out)
            }

            async fn delegates(&self, plenum_id: i64) -> $crate::StoreResult<Vec<$crate::Delegate>> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM delegates WHERE plenum_id = $1 ORDER BY kind DESC, id", rows::DELEGATE_COLS);
                let r: Vec<rows::DelegateRow> = ::sqlx::query_as(&sql).bind(plenum_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(rows::delegate).collect())
            }

            async fn delegate(&self, id: i64) -> $crate::StoreResult<$crate::Delegate> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM delegates WHERE id = $1", rows::DELEGATE_COLS);
                let r: rows::DelegateRow = ::sqlx::query_as(&sql).bind(id).fetch_one(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(rows::delegate(r))
            }

            async fn delegate_by_checkin_code(&self, code: &str) -> $crate::StoreResult<Option<$crate::Delegate>> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM delegates WHERE checkin_code = $1", rows::DELEGATE_COLS);
                let r: Option<rows::DelegateRow> = ::sqlx::query_as(&sql).bind(code.trim()).fetch_optional(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.map(rows::delegate))
            }

            async fn delegate_for_user(&self, plenum_id: i64, user_id: i64) -> $crate::StoreResult<Option<$crate::Delegate>> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM delegates WHERE plenum_id = $1 AND user_id = $2 ORDER BY id LIMIT 1", rows::DELEGATE_COLS);
                let r: Option<rows::DelegateRow> =
                    ::sqlx::query_as(&sql).bind(plenum_id).bind(user_id).fetch_optional(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.map(rows::delegate))
            }

            async fn set_attendance(
                &self,
                actor: &$crate::Actor,
                delegate_id: i64,
                attendance: ::plenum_core::conduct::attendance::Attendance,
                reason: &str,
                expected_version: Option<i64>,
            ) -> $crate::StoreResult<$crate::Delegate> {
                use $crate::sql::rows;
                let mut errors = ::plenum_core::FieldErrors::default();
                let reason = ::plenum_core::text::optional_line(&mut errors, "attendance_reason", Some(reason), 500).unwrap_or_default();
                if !errors.is_empty() {
                    return Err(errors.into());
                }
                let current = $crate::Delegates::delegate(self, delegate_id).await?;
                let scope = self.plenum_scope(current.plenum_id).await?;
                let mut tx = self.begin().await?;
                let sql = format!(
                    "UPDATE delegates SET attendance = $1, attendance_reason = $2, attendance_at = $3, version = version + 1
                     WHERE id = $4 AND ($5 < 0 OR version = $5) RETURNING {}",
                    rows::DELEGATE_COLS
                );
                let r: Option<rows::DelegateRow> = ::sqlx::query_as(&sql)
                    .bind(attendance.as_str())
                    .bind(&reason)
                    .bind($crate::sql::now_micros())
                    .bind(delegate_id)
                    .bind(expected_version.unwrap_or(-1))
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let d = rows::delegate(r.ok_or_else(rows::stale)?);
                let data = $crate::sql::json!({"delegate_id": d.id, "attendance": d.attendance, "reason": d.attendance_reason, "version": d.version});
                self.commit_change(tx, actor, "attendance.changed", scope, data).await?;
                Ok(d)
            }

            async fn set_link_hash(&self, actor: &$crate::Actor, delegate_id: i64, link_hash: Option<&str>) -> $crate::StoreResult<()> {
                let d = $crate::Delegates::delegate(self, delegate_id).await?;
                let scope = self.plenum_scope(d.plenum_id).await?;
                let mut tx = self.begin().await?;
                ::sqlx::query("UPDATE delegates SET link_hash = $1 WHERE id = $2")
                    .bind(link_hash)
                    .bind(delegate_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                // The hash itself is a secret's fingerprint; the history only says a link was issued.
                let data = $crate::sql::json!({"delegate_id": delegate_id, "issued": link_hash.is_some()});
                self.commit_change(tx, actor, "delegate.link_issued", scope, data).await?;
                Ok(())
            }

            async fn take_link(&self, actor: &$crate::Actor, link_hash: &str) -> $crate::StoreResult<Option<$crate::Delegate>> {
                use $crate::sql::rows;
                let mut tx = self.begin().await?;
                let sql = format!("UPDATE delegates SET link_hash = NULL WHERE link_hash = $1 RETURNING {}", rows::DELEGATE_COLS);
                let r: Option<rows::DelegateRow> = ::sqlx::query_as(&sql).bind(link_hash).fetch_optional(&mut *tx).await.map_err($crate::sql::db_err)?;
                let Some(r) = r else { return Ok(None) };
                let d = rows::delegate(r);
                let scope = self.plenum_scope(d.plenum_id).await?;
                self.commit_change(tx, actor, "delegate.link_used", scope, $crate::sql::json!({"delegate_id": d.id})).await?;
                Ok(Some(d))
            }

            async fn link_delegate_user(&self, actor: &$crate::Actor, delegate_id: i64, user_id: i64) -> $crate::StoreResult<()> {
                let d = $crate::Delegates::delegate(self, delegate_id).await?;
                let scope = self.plenum_scope(d.plenum_id).await?;
                let mut tx = self.begin().await?;
                ::sqlx::query("UPDATE delegates SET user_id = $1, version = version + 1 WHERE id = $2")
                    .bind(user_id)
                    .bind(delegate_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                self.commit_change(tx, actor, "delegate.user_linked", scope, $crate::sql::json!({"delegate_id": delegate_id, "user_id": user_id})).await?;
                Ok(())
            }
        }
    };
}
