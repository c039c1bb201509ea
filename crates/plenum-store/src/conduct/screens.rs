//! The hall screen's links (kiosk links): each opens one plenum's projector
//! page, read-only, on a computer nobody signs in on. The office creates
//! and revokes them; only the SHA-256 of a link's secret is kept.

use async_trait::async_trait;

use crate::change::{data, Change};
use crate::store::{db_err, now_micros, SqlStore};
use crate::{Actor, ScreenLink, ScreenLinks, StoreResult};

const COLUMNS: &str = "id, plenum_id, label, created_at, revoked_at";

#[async_trait]
impl ScreenLinks for SqlStore {
    async fn create_screen_link(
        &self,
        actor: &Actor,
        plenum_id: i64,
        label: &str,
        secret_hash: &str,
    ) -> StoreResult<ScreenLink> {
        let mut tx = self.begin().await?;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let link: ScreenLink = sqlx::query_as(&format!(
            "INSERT INTO screen_links (plenum_id, label, secret_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}"
        ))
        .bind(plenum_id)
        .bind(label)
        .bind(secret_hash)
        .bind(now_micros())
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        // The history names the link, never its secret's fingerprint.
        let d = data::ScreenLinkChange { link_id: link.id, label: link.label.clone() };
        self.commit_change(tx, actor, scope, Change::ScreenLinkCreated(d)).await?;
        Ok(link)
    }

    async fn screen_links(&self, plenum_id: i64) -> StoreResult<Vec<ScreenLink>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM screen_links WHERE plenum_id = $1 ORDER BY id DESC"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn revoke_screen_link(&self, actor: &Actor, plenum_id: i64, link_id: i64) -> StoreResult<ScreenLink> {
        let mut tx = self.begin().await?;
        let link: ScreenLink =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM screen_links WHERE id = $1 AND plenum_id = $2"))
                .bind(link_id)
                .bind(plenum_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        if link.revoked_at.is_some() {
            // Revoked already: nothing changes, nothing is recorded twice.
            return Ok(link);
        }
        let link: ScreenLink =
            sqlx::query_as(&format!("UPDATE screen_links SET revoked_at = $1 WHERE id = $2 RETURNING {COLUMNS}"))
                .bind(now_micros())
                .bind(link_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let d = data::ScreenLinkChange { link_id: link.id, label: link.label.clone() };
        self.commit_change(tx, actor, scope, Change::ScreenLinkRevoked(d)).await?;
        Ok(link)
    }

    async fn screen_link_by_secret(&self, secret_hash: &str) -> StoreResult<Option<ScreenLink>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM screen_links WHERE secret_hash = $1 AND revoked_at IS NULL"))
            .bind(secret_hash)
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)
    }
}
