//! The agenda: the items put before a plenum.

use plenum_core::prepare::agenda::ItemKind;
use sqlx::AnyConnection;

use crate::change::Change;
use crate::store::{db_err, on_unique, SqlStore};
use crate::{input, Actor, AgendaItem, Conflict, StoreResult};

pub(crate) const ITEM: &str = "SELECT id, plenum_id, ordinal, title, kind, presenter FROM agenda_items";

pub(crate) async fn add_item(store: &SqlStore, actor: &Actor, new: input::NewAgendaItem) -> StoreResult<AgendaItem> {
    let new = new.validate()?;
    let mut tx = store.begin().await?;
    let scope = store.plenum_scope(&mut tx, new.plenum_id).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO agenda_items (plenum_id, ordinal, title, kind, presenter) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(new.plenum_id)
    .bind(new.ordinal)
    .bind(&new.title)
    .bind(&new.kind)
    .bind(&new.presenter)
    .fetch_one(&mut *tx)
    .await
    .map_err(on_unique("agenda_items", &["plenum_id", "ordinal"], Conflict::OrdinalTaken))?;
    let item = AgendaItem {
        id,
        plenum_id: new.plenum_id,
        ordinal: new.ordinal,
        title: new.title,
        kind: ItemKind::try_from(new.kind)?,
        presenter: new.presenter,
    };
    store.commit_change(tx, actor, scope, Change::AgendaItemAdded(item.clone())).await?;
    Ok(item)
}

/// A plenum's items in agenda order.
pub(crate) async fn items(conn: &mut AnyConnection, plenum_id: i64) -> StoreResult<Vec<AgendaItem>> {
    sqlx::query_as(&format!("{ITEM} WHERE plenum_id = $1 ORDER BY ordinal"))
        .bind(plenum_id)
        .fetch_all(conn)
        .await
        .map_err(db_err)
}

/// One item.
pub(crate) async fn item(conn: &mut AnyConnection, id: i64) -> StoreResult<AgendaItem> {
    sqlx::query_as(&format!("{ITEM} WHERE id = $1")).bind(id).fetch_one(conn).await.map_err(db_err)
}

/// The plenum an item belongs to, or a field error naming `field`.
pub(crate) async fn item_plenum(conn: &mut AnyConnection, item_id: i64, field: &str) -> StoreResult<i64> {
    let r: Option<(i64,)> = sqlx::query_as("SELECT plenum_id FROM agenda_items WHERE id = $1")
        .bind(item_id)
        .fetch_optional(conn)
        .await
        .map_err(db_err)?;
    r.map(|r| r.0).ok_or_else(|| crate::store::field(field, "not-found"))
}
