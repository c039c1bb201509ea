//! Appending to the hash chain inside every writing transaction, and reading it.

#[doc(hidden)]
#[macro_export]
macro_rules! impl_history {
    ($Store:ty, $DB:ty) => {
        impl $Store {
            /// Append the history entry for this change, relay its event, commit,
            /// then publish. Every writing method ends here, so no change is
            /// committed without its entry and no event leaves before its commit.
            async fn commit_change(
                &self,
                mut tx: ::sqlx::Transaction<'static, $DB>,
                actor: &$crate::Actor,
                action: &str,
                scope: $crate::Scope,
                data: ::serde_json::Value,
            ) -> $crate::StoreResult<$crate::Event> {
                use $crate::sql::db_err;
                let (seq, prev): (i64, String) =
                    ::sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_err)?;
                let at = $crate::sql::now_micros();
                let payload = $crate::sql::json!({"org_id": scope.org_id, "plenum_id": scope.plenum_id, "data": data}).to_string();
                let hash = ::plenum_core::history::entry_hash(&prev, seq, at, Some(&actor.name), action, &payload);
                ::sqlx::query("INSERT INTO audit_log (seq, at, actor, action, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(seq)
                    .bind(at)
                    .bind(&actor.name)
                    .bind(action)
                    .bind(&payload)
                    .bind(&prev)
                    .bind(&hash)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                ::sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(&mut *tx).await.map_err(db_err)?;
                let ev = $crate::Event { seq, action: action.to_string(), org_id: scope.org_id, plenum_id: scope.plenum_id, payload: data };
                self.relay(&mut tx, &ev).await.map_err(db_err)?;
                tx.commit().await.map_err(db_err)?;
                self.published(ev.clone());
                Ok(ev)
            }

            async fn begin(&self) -> $crate::StoreResult<::sqlx::Transaction<'static, $DB>> {
                self.writer().begin().await.map_err($crate::sql::db_err)
            }
        }

        #[$crate::sql::async_trait]
        impl $crate::History for $Store {
            async fn history(&self, after: i64, limit: i64) -> $crate::StoreResult<Vec<::plenum_core::history::AuditEntry>> {
                let rows: Vec<(i64, i64, Option<String>, String, String, String, String)> = ::sqlx::query_as(
                    "SELECT seq, at, actor, action, payload, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(after)
                .bind(limit)
                .fetch_all(self.reader())
                .await
                .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(seq, at, actor, action, payload, prev_hash, hash)| ::plenum_core::history::AuditEntry {
                        seq,
                        at,
                        actor,
                        action,
                        payload,
                        prev_hash,
                        hash,
                    })
                    .collect())
            }

            async fn history_head(&self) -> $crate::StoreResult<(i64, String)> {
                ::sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
                    .fetch_one(self.reader())
                    .await
                    .map_err($crate::sql::db_err)
            }

            fn subscribe(&self) -> ::tokio::sync::broadcast::Receiver<$crate::Event> {
                self.event_sender().subscribe()
            }
        }
    };
}
