//! The office's agenda page: items added, edited, moved and removed, each
//! change based on the version the page showed, and the programme's
//! half-days the items are placed in.

mod items;
mod programme;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use plenum_app::prepare::{agenda, plenums};
use plenum_core::prepare::agenda::ItemKind;
use plenum_core::prepare::programme::{DayPart, Venue};
use plenum_store::{AgendaItem, Plenum, ProgrammeSlot};
use serde::Deserialize;

use crate::error::AppError;
use crate::pages::documents::FormErrors;
use crate::pages::{render, Chrome};
use crate::routes::{get, post, Routes};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/agenda", get(show).post(items::add))
        .route("/plenums/{id}/agenda/{item_id}", get(items::edit_form).post(items::update))
        .route("/plenums/{id}/agenda/{item_id}/move", post(items::move_item).back_to("/plenums/{id}/agenda"))
        .route("/plenums/{id}/agenda/{item_id}/remove", post(items::remove).back_to("/plenums/{id}/agenda"))
        .route("/plenums/{id}/programme", post(programme::add).back_to("/plenums/{id}/agenda"))
        .route("/plenums/{id}/programme/{slot_id}/remove", post(programme::remove).back_to("/plenums/{id}/agenda"))
}

/// The add-item form as typed.
#[derive(Deserialize, Default)]
pub struct ItemForm {
    #[serde(default)]
    pub ordinal: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub presenter: String,
    /// The half-day's id, or empty for none.
    #[serde(default)]
    pub slot_id: String,
}

/// The add-half-day form as typed.
#[derive(Deserialize, Default)]
pub struct SlotForm {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub part: String,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub venue: String,
}

/// A removal (of an item or a half-day), with the version the page showed.
#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    version: String,
}

/// The version a form says it was read at; an unreadable one is an old page's.
fn version_of(raw: &str) -> i64 {
    raw.trim().parse().unwrap_or(-1)
}

/// A half-day as the page names it: "Sáng 10/12/2026, 08:00 · Hội trường".
pub struct SlotView {
    pub slot: ProgrammeSlot,
    pub label: String,
    /// How many items are placed in it, and that in words.
    pub items: usize,
    pub items_label: String,
}

/// The half-days with their labels in the page's language.
pub fn slot_views(c: &Chrome, slots: Vec<ProgrammeSlot>, items: &[AgendaItem]) -> Vec<SlotView> {
    slots
        .into_iter()
        .map(|slot| {
            let placed = items.iter().filter(|i| i.slot_id == Some(slot.id)).count();
            SlotView {
                label: slot_label(c, &slot),
                items: placed,
                items_label: c.t.0.t_count("agenda-slot-items", placed as u64),
                slot,
            }
        })
        .collect()
}

pub fn slot_label(c: &Chrome, s: &ProgrammeSlot) -> String {
    c.t.0.t_args(
        "agenda-slot-label",
        &[
            ("part", c.t.s(&format!("agenda-part-{}", s.part.as_str()))),
            ("day", c.t.date(&s.day)),
            ("time", s.starts_at.clone()),
            ("venue", c.t.s(&format!("agenda-venue-{}", s.venue.as_str()))),
        ],
    )
}

/// Bodies that already present items, offered as suggestions.
pub fn presenters(items: &[AgendaItem]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|i| i.presenter.clone()).filter(|p| !p.is_empty()).collect();
    out.sort();
    out.dedup();
    out
}

/// One row of the agenda table, with the half-day it is placed in.
pub struct Row {
    pub item: AgendaItem,
    pub slot: String,
}

/// What went wrong with the whole agenda (a move based on an old page), shown above the table.
#[derive(Default)]
pub struct Problems {
    pub notice: Option<String>,
    pub item: FormErrors,
    pub slot: FormErrors,
}

#[derive(Template)]
#[template(path = "agenda_prepare.html")]
struct AgendaPage {
    c: Chrome,
    plenum: Plenum,
    rows: Vec<Row>,
    slots: Vec<SlotView>,
    kinds: Vec<&'static str>,
    /// (code, label) of each part of the day and each venue.
    parts: Vec<(&'static str, String)>,
    venues: Vec<(&'static str, String)>,
    /// Bodies that already present items, offered as suggestions.
    presenters: Vec<String>,
    form: ItemForm,
    /// The add-item form's problems.
    errors: FormErrors,
    slot_form: SlotForm,
    slot_errors: FormErrors,
    /// A problem with the agenda as a whole (a move based on an old page).
    notice: Option<String>,
}

async fn prepared_plenum(state: &AppState, c: &Chrome, id: i64) -> Result<Plenum, AppError> {
    Ok(plenums::prepared(&state.app, c.require_user()?, id).await?)
}

/// The agenda page, with the forms as typed and their problems.
pub async fn agenda_page(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    form: Option<ItemForm>,
    slot_form: Option<SlotForm>,
    problems: Problems,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let items = agenda::items(&state.app, &user, plenum.id).await?;
    let slots = slot_views(&c, agenda::slots(&state.app, &user, plenum.id).await?, &items);
    let presenters = presenters(&items);
    let form = form.unwrap_or_else(|| ItemForm {
        ordinal: (items.iter().map(|i| i.ordinal).max().unwrap_or(0) + 1).to_string(),
        kind: "report".into(),
        ..Default::default()
    });
    let slot_form = slot_form.unwrap_or_else(|| SlotForm {
        day: plenum.starts_on.clone(),
        part: "morning".into(),
        starts_at: "08:00".into(),
        venue: "hall".into(),
    });
    let rows = items
        .into_iter()
        .map(|item| Row {
            slot: slots.iter().find(|s| Some(s.slot.id) == item.slot_id).map(|s| s.label.clone()).unwrap_or_default(),
            item,
        })
        .collect();
    let parts = DayPart::ALL.iter().map(|p| (p.as_str(), c.t.s(&format!("agenda-part-{}", p.as_str())))).collect();
    let venues = Venue::ALL.iter().map(|v| (v.as_str(), c.t.s(&format!("agenda-venue-{}", v.as_str())))).collect();
    let page = AgendaPage {
        c,
        plenum,
        rows,
        slots,
        kinds: ItemKind::ALL.iter().map(|k| k.as_str()).collect(),
        parts,
        venues,
        presenters,
        form,
        errors: problems.item,
        slot_form,
        slot_errors: problems.slot,
        notice: problems.notice,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let plenum = prepared_plenum(&state, &c, id).await?;
    agenda_page(&state, c, plenum, None, None, Problems::default(), StatusCode::OK).await
}
