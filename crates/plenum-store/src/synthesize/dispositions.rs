//! Dispositions: written by the presenting body or the office, reviewed by
//! the office. Every step is a history entry.

use async_trait::async_trait;
use plenum_core::synthesize::disposition::{check, may_review, ReviewStatus, MAX_REPLY};
use plenum_core::text::nfc;
use sqlx::AnyConnection;

use super::{Disposition, NewDisposition};
use crate::change::Change;
use crate::store::{db_err, field, now_micros, stale, SqlStore};
use crate::{Actor, Dispositions, StoreResult};

const COLUMNS: &str =
    "opinion_id, plenum_id, kind, reply, document_id, change_anchor, status, review_note, drafted_by, updated_at, version";

async fn current(conn: &mut AnyConnection, opinion_id: i64) -> StoreResult<Option<Disposition>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM dispositions WHERE opinion_id = $1"))
        .bind(opinion_id)
        .fetch_optional(conn)
        .await
        .map_err(db_err)
}

/// The change a taken-in opinion names must be a passage of a document of
/// the opinion's own item.
async fn check_change(conn: &mut AnyConnection, item_id: i64, change: &Option<(i64, String)>) -> StoreResult<()> {
    let Some((document_id, anchor)) = change else { return Ok(()) };
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM passages p JOIN document_versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
         WHERE d.id = $1 AND d.item_id = $2 AND p.anchor = $3",
    )
    .bind(document_id)
    .bind(item_id)
    .bind(anchor)
    .fetch_optional(conn)
    .await
    .map_err(db_err)?;
    found.map(|_| ()).ok_or_else(|| field("change", "not-found"))
}

#[async_trait]
impl Dispositions for SqlStore {
    async fn dispositions(&self, plenum_id: i64) -> StoreResult<Vec<Disposition>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM dispositions WHERE plenum_id = $1 ORDER BY opinion_id"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn record_disposition(&self, actor: &Actor, new: NewDisposition) -> StoreResult<Disposition> {
        let draft = check(&new.kind, &new.reply, new.change.clone())?;
        let mut tx = self.begin().await?;
        let (plenum_id, item_id): (i64, i64) = sqlx::query_as("SELECT plenum_id, item_id FROM opinions WHERE id = $1")
            .bind(new.opinion_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        check_change(&mut tx, item_id, &draft.change).await?;
        let before = current(&mut tx, new.opinion_id).await?;
        if before.as_ref().map(|d| d.version) != new.expected_version {
            return Err(stale());
        }
        let (document_id, anchor) = draft.change.clone().unzip();
        // A new or changed answer waits for the office's review again.
        let sql = if before.is_some() {
            format!(
                "UPDATE dispositions SET kind = $1, reply = $2, document_id = $3, change_anchor = $4, status = 'drafted',
                 drafted_by = $5, updated_at = $6, version = version + 1 WHERE opinion_id = $7 AND plenum_id = $8
                 RETURNING {COLUMNS}"
            )
        } else {
            format!(
                "INSERT INTO dispositions (kind, reply, document_id, change_anchor, status, drafted_by, updated_at,
                 opinion_id, plenum_id, review_note, version)
                 VALUES ($1, $2, $3, $4, 'drafted', $5, $6, $7, $8, '', 1) RETURNING {COLUMNS}"
            )
        };
        let after: Disposition = sqlx::query_as(&sql)
            .bind(draft.kind.as_str())
            .bind(&draft.reply)
            .bind(document_id)
            .bind(anchor)
            .bind(actor.user_id)
            .bind(now_micros())
            .bind(new.opinion_id)
            .bind(plenum_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        match before {
            Some(b) => {
                self.commit_edit(
                    tx,
                    actor,
                    scope,
                    Change::DispositionRecorded(b),
                    Change::DispositionRecorded(after.clone()),
                )
                .await?
            }
            None => self.commit_change(tx, actor, scope, Change::DispositionRecorded(after.clone())).await?,
        };
        Ok(after)
    }

    async fn review_disposition(
        &self,
        actor: &Actor,
        opinion_id: i64,
        expected_version: i64,
        to: ReviewStatus,
        note: &str,
    ) -> StoreResult<Disposition> {
        let note = nfc(note.trim());
        if note.chars().count() > MAX_REPLY {
            return Err(field("note", "too-long"));
        }
        if to == ReviewStatus::Returned && note.is_empty() {
            // Returning says what to change, or the body cannot act on it.
            return Err(field("note", "required"));
        }
        let mut tx = self.begin().await?;
        let before = current(&mut tx, opinion_id).await?.ok_or(crate::StoreError::NotFound)?;
        if before.version != expected_version {
            return Err(stale());
        }
        if !may_review(before.status, to) {
            return Err(field("status", "invalid-choice"));
        }
        let after: Disposition = sqlx::query_as(&format!(
            "UPDATE dispositions SET status = $1, review_note = $2, updated_at = $3, version = version + 1
             WHERE opinion_id = $4 RETURNING {COLUMNS}"
        ))
        .bind(to.as_str())
        .bind(&note)
        .bind(now_micros())
        .bind(opinion_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let scope = self.plenum_scope(&mut tx, before.plenum_id).await?;
        self.commit_edit(
            tx,
            actor,
            scope,
            Change::DispositionReviewed(before),
            Change::DispositionReviewed(after.clone()),
        )
        .await?;
        Ok(after)
    }
}
