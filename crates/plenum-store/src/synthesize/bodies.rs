//! Bodies and their officers.

use async_trait::async_trait;
use sqlx::AnyConnection;

use super::Body;
use crate::change::{data, Change};
use crate::store::{db_err, now_micros, SqlStore};
use crate::{Actor, Bodies, Scope, StoreResult};

/// The body of this name in the organization, made if there is none yet:
/// an agenda item's presenter names a body.
pub(crate) async fn body_named(conn: &mut AnyConnection, org_id: i64, name: &str) -> StoreResult<Option<i64>> {
    if name.trim().is_empty() {
        return Ok(None);
    }
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM bodies WHERE org_id = $1 AND name = $2")
        .bind(org_id)
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    if let Some((id,)) = found {
        return Ok(Some(id));
    }
    let (id,): (i64,) =
        sqlx::query_as("INSERT INTO bodies (org_id, name, created_at) VALUES ($1, $2, $3) RETURNING id")
            .bind(org_id)
            .bind(name)
            .bind(now_micros())
            .fetch_one(conn)
            .await
            .map_err(db_err)?;
    Ok(Some(id))
}

#[async_trait]
impl Bodies for SqlStore {
    async fn bodies(&self, org_id: i64) -> StoreResult<Vec<Body>> {
        sqlx::query_as("SELECT id, org_id, name FROM bodies WHERE org_id = $1 ORDER BY name")
            .bind(org_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn body(&self, id: i64) -> StoreResult<Body> {
        sqlx::query_as("SELECT id, org_id, name FROM bodies WHERE id = $1")
            .bind(id)
            .fetch_one(self.reader())
            .await
            .map_err(db_err)
    }

    async fn body_officers(&self, body_id: i64) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT user_id FROM body_officers WHERE body_id = $1 ORDER BY user_id")
            .bind(body_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    async fn bodies_of_officer(&self, user_id: i64) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT body_id FROM body_officers WHERE user_id = $1 ORDER BY body_id")
            .bind(user_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    async fn add_body_officer(&self, actor: &Actor, body_id: i64, user_id: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let body: Body = sqlx::query_as("SELECT id, org_id, name FROM bodies WHERE id = $1")
            .bind(body_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        let known: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM body_officers WHERE body_id = $1 AND user_id = $2")
            .bind(body_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        if known.is_some() {
            // An officer already: nothing changes, nothing is recorded twice.
            return Ok(());
        }
        sqlx::query("INSERT INTO body_officers (body_id, user_id) VALUES ($1, $2)")
            .bind(body_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let scope = Scope { org_id: Some(body.org_id), plenum_id: None };
        let d = data::BodyOfficer { body_id, body: body.name, user_id };
        self.commit_change(tx, actor, scope, Change::BodyOfficerAdded(d)).await?;
        Ok(())
    }
}
