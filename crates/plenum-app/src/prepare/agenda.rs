//! A plenum's agenda and its programme: the office adds, edits, moves and
//! removes items, and sets the half-days the plenum sits in.

use plenum_core::prepare::agenda::ItemUse;
use plenum_store::input::{ItemChange, NewAgendaItem, NewProgrammeSlot};
use plenum_store::{AgendaItem, Plenum, ProgrammeSlot, StoreError};

use super::plenums;
use crate::{App, AppResult, Error, Principal};

/// The agenda, in order.
pub async fn items(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<AgendaItem>> {
    plenums::get(app, who, plenum_id).await?;
    Ok(app.store.agenda_items(plenum_id).await?)
}

/// Add an item to the agenda (the office).
pub async fn add_item(app: &App, who: &Principal, new: NewAgendaItem) -> AppResult<AgendaItem> {
    plenums::prepared(app, who, new.plenum_id).await?;
    Ok(app.store.add_agenda_item(&who.actor(), new).await?)
}

/// An item with its plenum, for those who prepare that plenum. An item of
/// `plenum_id` only: an item of another plenum is not found under this one.
pub async fn prepared_item(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    item_id: i64,
) -> AppResult<(Plenum, AgendaItem)> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    match app.store.agenda_item(item_id).await {
        Ok(item) if item.plenum_id == plenum.id => Ok((plenum, item)),
        Ok(_) | Err(StoreError::NotFound) => Err(Error::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// Edit an item, based on the version the editor read.
pub async fn update_item(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    item_id: i64,
    expected_version: i64,
    change: ItemChange,
) -> AppResult<AgendaItem> {
    prepared_item(app, who, plenum_id, item_id).await?;
    Ok(app.store.update_agenda_item(&who.actor(), item_id, expected_version, change).await?)
}

/// Move an item to position `to` (0 = first); the agenda, in its new order.
pub async fn move_item(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    item_id: i64,
    expected_version: i64,
    to: usize,
) -> AppResult<Vec<AgendaItem>> {
    prepared_item(app, who, plenum_id, item_id).await?;
    Ok(app.store.move_agenda_item(&who.actor(), item_id, expected_version, to).await?)
}

/// What of the record holds an item, so the office sees why it stays.
pub async fn item_use(app: &App, who: &Principal, plenum_id: i64, item_id: i64) -> AppResult<ItemUse> {
    prepared_item(app, who, plenum_id, item_id).await?;
    Ok(app.store.item_use(item_id).await?)
}

/// Remove an item nothing of the record points to.
pub async fn remove_item(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    item_id: i64,
    expected_version: i64,
) -> AppResult<()> {
    prepared_item(app, who, plenum_id, item_id).await?;
    Ok(app.store.remove_agenda_item(&who.actor(), item_id, expected_version).await?)
}

/// The programme's half-days, for whoever may see the plenum.
pub async fn slots(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<ProgrammeSlot>> {
    plenums::get(app, who, plenum_id).await?;
    Ok(app.store.programme_slots(plenum_id).await?)
}

/// Add a half-day to the programme (the office).
pub async fn add_slot(app: &App, who: &Principal, new: NewProgrammeSlot) -> AppResult<ProgrammeSlot> {
    plenums::prepared(app, who, new.plenum_id).await?;
    Ok(app.store.add_programme_slot(&who.actor(), new).await?)
}

/// Remove a half-day no item is placed in.
pub async fn remove_slot(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    slot_id: i64,
    expected_version: i64,
) -> AppResult<()> {
    plenums::prepared(app, who, plenum_id).await?;
    if !app.store.programme_slots(plenum_id).await?.iter().any(|s| s.id == slot_id) {
        return Err(Error::NotFound);
    }
    Ok(app.store.remove_programme_slot(&who.actor(), slot_id, expected_version).await?)
}
