//! Plenums; the [`Plenums`](crate::Plenums) part of the store, whose agenda
//! and groups live in their own modules.

use async_trait::async_trait;
use sqlx::AnyConnection;

use crate::change::Change;
use crate::store::{db_err, field, on_unique, SqlStore};
use crate::{input, Actor, AgendaItem, Conflict, DiscussionGroup, Plenum, Scope, StoreResult};

const PLENUM: &str = "SELECT p.id, p.committee_id, c.org_id, p.ordinal, p.title, p.starts_on, p.ends_on, p.place
     FROM plenums p JOIN committees c ON c.id = p.committee_id";

/// One plenum, read on `conn`.
pub(crate) async fn plenum(conn: &mut AnyConnection, id: i64) -> StoreResult<Plenum> {
    sqlx::query_as(&format!("{PLENUM} WHERE p.id = $1")).bind(id).fetch_one(conn).await.map_err(db_err)
}

#[async_trait]
impl crate::Plenums for SqlStore {
    async fn create_plenum(&self, actor: &Actor, new: input::NewPlenum) -> StoreResult<Plenum> {
        let new = new.validate()?;
        let mut tx = self.begin().await?;
        let (org_id,): (i64,) = sqlx::query_as("SELECT org_id FROM committees WHERE id = $1")
            .bind(new.committee_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?
            .ok_or_else(|| field("committee_id", "not-found"))?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO plenums (committee_id, ordinal, title, starts_on, ends_on, place)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.committee_id)
        .bind(new.ordinal)
        .bind(&new.title)
        .bind(&new.starts_on)
        .bind(&new.ends_on)
        .bind(&new.place)
        .fetch_one(&mut *tx)
        .await
        .map_err(on_unique("plenums", &["committee_id", "ordinal"], Conflict::OrdinalTaken))?;
        let p = Plenum {
            id,
            committee_id: new.committee_id,
            org_id,
            ordinal: new.ordinal,
            title: new.title,
            starts_on: new.starts_on,
            ends_on: new.ends_on,
            place: new.place,
        };
        let scope = Scope { org_id: Some(org_id), plenum_id: Some(id) };
        self.commit_change(tx, actor, scope, Change::PlenumCreated(p.clone())).await?;
        Ok(p)
    }

    async fn plenums(&self) -> StoreResult<Vec<Plenum>> {
        sqlx::query_as(&format!("{PLENUM} ORDER BY p.starts_on DESC, p.id DESC"))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn plenum(&self, id: i64) -> StoreResult<Plenum> {
        plenum(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn add_agenda_item(&self, actor: &Actor, new: input::NewAgendaItem) -> StoreResult<AgendaItem> {
        super::agenda::add_item(self, actor, new).await
    }

    async fn agenda_items(&self, plenum_id: i64) -> StoreResult<Vec<AgendaItem>> {
        super::agenda::items(&mut *self.reader().acquire().await.map_err(db_err)?, plenum_id).await
    }

    async fn create_group(&self, actor: &Actor, new: input::NewGroup) -> StoreResult<DiscussionGroup> {
        super::groups::create(self, actor, new).await
    }

    async fn groups(&self, plenum_id: i64) -> StoreResult<Vec<DiscussionGroup>> {
        super::groups::of_plenum(&mut *self.reader().acquire().await.map_err(db_err)?, plenum_id).await
    }
}
