//! The agenda: the items put before a plenum.

use async_trait::async_trait;
use plenum_core::prepare::agenda::{close_gap, may_remove, reorder, ItemKind, ItemUse};
use sqlx::AnyConnection;

use crate::change::{data, Change};
use crate::store::{db_err, field, on_unique, stale, SqlStore};
use crate::synthesize::body_named;
use crate::{input, Actor, AgendaItem, Conflict, ProgrammeSlot, StoreResult};

/// An item's columns, in the order of [`AgendaItem`].
const COLUMNS: &str = "id, plenum_id, ordinal, title, kind, presenter, version, slot_id, body_id";
pub(crate) const ITEM: &str =
    "SELECT id, plenum_id, ordinal, title, kind, presenter, version, slot_id, body_id FROM agenda_items";

pub(crate) async fn add_item(store: &SqlStore, actor: &Actor, new: input::NewAgendaItem) -> StoreResult<AgendaItem> {
    let new = new.validate()?;
    let mut tx = store.begin().await?;
    let scope = store.plenum_scope(&mut tx, new.plenum_id).await?;
    // The presenter names a body of the plenum's organization.
    let body_id = body_named(&mut tx, scope.org_id.unwrap_or_default(), &new.presenter).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO agenda_items (plenum_id, ordinal, title, kind, presenter, version, body_id)
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
    )
    .bind(new.plenum_id)
    .bind(new.ordinal)
    .bind(&new.title)
    .bind(&new.kind)
    .bind(&new.presenter)
    .bind(body_id)
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
        version: 1,
        slot_id: None,
        body_id,
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

/// Give an item a new number and raise its version.
async fn renumber(conn: &mut AnyConnection, id: i64, ordinal: i64) -> StoreResult<()> {
    sqlx::query("UPDATE agenda_items SET ordinal = $1, version = version + 1 WHERE id = $2")
        .bind(ordinal)
        .bind(id)
        .execute(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Claim an item at `expected` inside the writing transaction: its version is
/// raised, or the change is refused as stale (the item changed, or is gone).
async fn claim(conn: &mut AnyConnection, id: i64, expected: i64) -> StoreResult<AgendaItem> {
    sqlx::query_as(&format!(
        "UPDATE agenda_items SET version = version + 1 WHERE id = $1 AND version = $2
         RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(expected)
    .fetch_optional(conn)
    .await
    .map_err(db_err)?
    .ok_or_else(stale)
}

/// A number no item holds, to park an item on while the others move:
/// the agenda's numbers are unique at every statement, on both backends.
fn parked(id: i64) -> i64 {
    -id
}

async fn count(conn: &mut AnyConnection, sql: &str, id: i64) -> StoreResult<u32> {
    let (n,): (i64,) = sqlx::query_as(sql).bind(id).fetch_one(conn).await.map_err(db_err)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// What of the record points to an item.
async fn item_use(conn: &mut AnyConnection, id: i64) -> StoreResult<ItemUse> {
    Ok(ItemUse {
        opinions: count(conn, "SELECT COUNT(*) FROM opinions WHERE item_id = $1", id).await?,
        documents: count(conn, "SELECT COUNT(*) FROM documents WHERE item_id = $1", id).await?,
        speeches: count(conn, "SELECT COUNT(*) FROM speeches WHERE item_id = $1", id).await?,
        speaker_entries: count(conn, "SELECT COUNT(*) FROM speaker_entries WHERE item_id = $1", id).await?,
        sessions: count(conn, "SELECT COUNT(*) FROM meeting_sessions WHERE current_item_id = $1", id).await?,
    })
}

/// The slot an item is placed in must be of the item's own plenum.
async fn check_slot(conn: &mut AnyConnection, plenum_id: i64, slot_id: Option<i64>) -> StoreResult<()> {
    let Some(slot_id) = slot_id else { return Ok(()) };
    let r: Option<(i64,)> = sqlx::query_as("SELECT plenum_id FROM programme_slots WHERE id = $1")
        .bind(slot_id)
        .fetch_optional(conn)
        .await
        .map_err(db_err)?;
    match r {
        Some((p,)) if p == plenum_id => Ok(()),
        _ => Err(field("slot_id", "not-found")),
    }
}

const SLOT: &str = "SELECT id, plenum_id, day, part, starts_at, venue, version FROM programme_slots";

#[async_trait]
impl crate::Agenda for SqlStore {
    async fn agenda_item(&self, id: i64) -> StoreResult<AgendaItem> {
        item(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn update_agenda_item(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        change: input::ItemChange,
    ) -> StoreResult<AgendaItem> {
        let mut tx = self.begin().await?;
        let before = item(&mut tx, id).await?;
        let change = change.validate(before.plenum_id)?;
        check_slot(&mut tx, before.plenum_id, change.slot_id).await?;
        let scope = self.plenum_scope(&mut tx, before.plenum_id).await?;
        let body_id = body_named(&mut tx, scope.org_id.unwrap_or_default(), &change.presenter).await?;
        let after: Option<AgendaItem> = sqlx::query_as(&format!(
            "UPDATE agenda_items SET ordinal = $1, title = $2, kind = $3, presenter = $4, slot_id = $5,
             version = version + 1, body_id = $8 WHERE id = $6 AND version = $7
             RETURNING {COLUMNS}"
        ))
        .bind(change.ordinal)
        .bind(&change.title)
        .bind(&change.kind)
        .bind(&change.presenter)
        .bind(change.slot_id)
        .bind(id)
        .bind(expected_version)
        .bind(body_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(on_unique("agenda_items", &["plenum_id", "ordinal"], Conflict::OrdinalTaken))?;
        let after = after.ok_or_else(stale)?;
        let data = data::AgendaItemChanged { before, item: after.clone() };
        self.commit_change(tx, actor, scope, Change::AgendaItemChanged(data)).await?;
        Ok(after)
    }

    async fn move_agenda_item(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        to: usize,
    ) -> StoreResult<Vec<AgendaItem>> {
        let mut tx = self.begin().await?;
        let moved = claim(&mut tx, id, expected_version).await?;
        let scope = self.plenum_scope(&mut tx, moved.plenum_id).await?;
        let agenda: Vec<(i64, i64)> =
            items(&mut tx, moved.plenum_id).await?.iter().map(|i| (i.id, i.ordinal)).collect();
        let changes = reorder(&agenda, id, to).ok_or_else(stale)?;
        // Park every moving item first, so no new number meets an old one.
        for (i, _) in &changes {
            sqlx::query("UPDATE agenda_items SET ordinal = $1 WHERE id = $2")
                .bind(parked(*i))
                .bind(*i)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        for (i, o) in &changes {
            renumber(&mut tx, *i, *o).await?;
        }
        let after = items(&mut tx, moved.plenum_id).await?;
        let changed = after.iter().filter(|i| i.id == id || changes.iter().any(|(c, _)| *c == i.id)).cloned().collect();
        let data = data::AgendaReordered { plenum_id: moved.plenum_id, item_id: id, items: changed };
        self.commit_change(tx, actor, scope, Change::AgendaReordered(data)).await?;
        Ok(after)
    }

    async fn item_use(&self, id: i64) -> StoreResult<ItemUse> {
        item_use(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn remove_agenda_item(&self, actor: &Actor, id: i64, expected_version: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let gone = claim(&mut tx, id, expected_version).await?;
        // Counted inside the writing transaction: no opinion can be filed under it in between.
        may_remove(item_use(&mut tx, id).await?).map_err(|u| crate::StoreError::Conflict(Conflict::ItemInUse(u)))?;
        let scope = self.plenum_scope(&mut tx, gone.plenum_id).await?;
        sqlx::query("DELETE FROM agenda_items WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(db_err)?;
        let agenda: Vec<(i64, i64)> = items(&mut tx, gone.plenum_id).await?.iter().map(|i| (i.id, i.ordinal)).collect();
        let mut renumbered = Vec::new();
        for (i, o) in close_gap(&agenda, gone.ordinal) {
            renumber(&mut tx, i, o).await?;
            renumbered.push(item(&mut tx, i).await?);
        }
        let data = data::AgendaItemRemoved { item: gone, renumbered };
        self.commit_change(tx, actor, scope, Change::AgendaItemRemoved(data)).await?;
        Ok(())
    }

    async fn add_programme_slot(&self, actor: &Actor, new: input::NewProgrammeSlot) -> StoreResult<ProgrammeSlot> {
        let mut tx = self.begin().await?;
        let plenum = super::plenums::plenum(&mut tx, new.plenum_id).await?;
        let new = new.validate((&plenum.starts_on, &plenum.ends_on))?;
        let scope = self.plenum_scope(&mut tx, plenum.id).await?;
        let slot: ProgrammeSlot = sqlx::query_as(
            "INSERT INTO programme_slots (plenum_id, day, part, starts_at, venue, version) VALUES ($1, $2, $3, $4, $5, 1)
             RETURNING id, plenum_id, day, part, starts_at, venue, version",
        )
        .bind(plenum.id)
        .bind(&new.day)
        .bind(&new.part)
        .bind(&new.starts_at)
        .bind(&new.venue)
        .fetch_one(&mut *tx)
        .await
        .map_err(on_unique("programme_slots", &["plenum_id", "day", "part"], Conflict::SlotTaken))?;
        self.commit_change(tx, actor, scope, Change::ProgrammeSlotAdded(slot.clone())).await?;
        Ok(slot)
    }

    async fn programme_slots(&self, plenum_id: i64) -> StoreResult<Vec<ProgrammeSlot>> {
        // 'afternoon' sorts before 'morning' as text: order the part by hand.
        sqlx::query_as(&format!("{SLOT} WHERE plenum_id = $1 ORDER BY day, CASE part WHEN 'morning' THEN 0 ELSE 1 END"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn remove_programme_slot(&self, actor: &Actor, id: i64, expected_version: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let slot: ProgrammeSlot = sqlx::query_as(&format!("{SLOT} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?
            .ok_or(crate::StoreError::NotFound)?;
        if slot.version != expected_version {
            return Err(stale());
        }
        if count(&mut tx, "SELECT COUNT(*) FROM agenda_items WHERE slot_id = $1", id).await? > 0 {
            return Err(crate::StoreError::Conflict(Conflict::SlotInUse));
        }
        let scope = self.plenum_scope(&mut tx, slot.plenum_id).await?;
        sqlx::query("DELETE FROM programme_slots WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(db_err)?;
        self.commit_change(tx, actor, scope, Change::ProgrammeSlotRemoved(slot)).await?;
        Ok(())
    }
}
