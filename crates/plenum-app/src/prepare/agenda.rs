//! A plenum's agenda.

use plenum_store::input::NewAgendaItem;
use plenum_store::AgendaItem;

use super::plenums;
use crate::{App, AppResult, Principal};

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
