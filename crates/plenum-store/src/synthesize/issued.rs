//! The documents a plenum issues: numbered from the committee's register on
//! first save, then edited in place.

use async_trait::async_trait;
use plenum_core::synthesize::issued::{IssuedKind, IssuedText};

use super::IssuedDocument;
use crate::change::Change;
use crate::store::{db_err, on_unique, stale, SqlStore};
use crate::{Actor, Conflict, IssuedDocuments, StoreResult};

const COLUMNS: &str = "id, plenum_id, committee_id, kind, number, issued_on, title, body, signer_for, signer_title,
     signer_name, recipients, version";

#[async_trait]
impl IssuedDocuments for SqlStore {
    async fn issued_document(&self, plenum_id: i64, kind: IssuedKind) -> StoreResult<Option<IssuedDocument>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM issued_documents WHERE plenum_id = $1 AND kind = $2"))
            .bind(plenum_id)
            .bind(kind.as_str())
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)
    }

    async fn save_issued_document(
        &self,
        actor: &Actor,
        plenum_id: i64,
        kind: IssuedKind,
        text: IssuedText,
        issued_on: &str,
        expected_version: Option<i64>,
    ) -> StoreResult<IssuedDocument> {
        let text = text.check()?;
        let mut tx = self.begin().await?;
        let before: Option<IssuedDocument> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM issued_documents WHERE plenum_id = $1 AND kind = $2"))
                .bind(plenum_id)
                .bind(kind.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        if before.as_ref().map(|d| d.version) != expected_version {
            return Err(stale());
        }
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let after: IssuedDocument = match &before {
            Some(b) => sqlx::query_as(&format!(
                "UPDATE issued_documents SET title = $1, body = $2, signer_for = $3, signer_title = $4, signer_name = $5,
                 recipients = $6, version = version + 1 WHERE id = $7 RETURNING {COLUMNS}"
            ))
            .bind(&text.title)
            .bind(&text.body)
            .bind(&text.signer_for)
            .bind(&text.signer_title)
            .bind(&text.signer_name)
            .bind(&text.recipients)
            .bind(b.id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?,
            None => {
                // The next number in the committee's register for this kind
                // (per term: a committee is one term), read under the chain
                // head's lock, so two saves never take the same number.
                let (committee_id,): (i64,) = sqlx::query_as("SELECT committee_id FROM plenums WHERE id = $1")
                    .bind(plenum_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let (last,): (Option<i64>,) =
                    sqlx::query_as("SELECT MAX(number) FROM issued_documents WHERE committee_id = $1 AND kind = $2")
                        .bind(committee_id)
                        .bind(kind.as_str())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_err)?;
                sqlx::query_as(&format!(
                    "INSERT INTO issued_documents (plenum_id, committee_id, kind, number, issued_on, title, body, signer_for,
                     signer_title, signer_name, recipients, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) RETURNING {COLUMNS}"
                ))
                .bind(plenum_id)
                .bind(committee_id)
                .bind(kind.as_str())
                .bind(last.unwrap_or(0) + 1)
                .bind(issued_on)
                .bind(&text.title)
                .bind(&text.body)
                .bind(&text.signer_for)
                .bind(&text.signer_title)
                .bind(&text.signer_name)
                .bind(&text.recipients)
                .fetch_one(&mut *tx)
                .await
                .map_err(on_unique("issued_documents", &["plenum_id", "kind"], Conflict::Stale))?
            }
        };
        match before {
            Some(b) => {
                self.commit_edit(
                    tx,
                    actor,
                    scope,
                    Change::IssuedDocumentSaved(b),
                    Change::IssuedDocumentSaved(after.clone()),
                )
                .await?
            }
            None => self.commit_change(tx, actor, scope, Change::IssuedDocumentSaved(after.clone())).await?,
        };
        Ok(after)
    }
}
