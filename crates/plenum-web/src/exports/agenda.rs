//! The agenda printed in Party form (Hướng dẫn 36-HD/VPTW): the plenum's
//! "CHƯƠNG TRÌNH", its dates and place, then one row per item in the order it
//! is taken up, with the half-day of the programme and the body presenting it.
//! As PDF and DOCX, for whoever may read the agenda.

use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::prepare::{agenda, plenums};
use plenum_docs::export::party::{self, Block, PartyDocument, Signature, Table};
use plenum_store::AgendaItem;

use super::{file_name, party_head};
use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::pages::agenda::slot_label;
use crate::pages::Chrome;
use crate::state::AppState;

pub async fn pdf(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (name, doc) = programme(&state, &c, id).await?;
    attachment(FileType::Pdf, &name, move || party::pdf(&[doc])).await
}

pub async fn docx(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (name, doc) = programme(&state, &c, id).await?;
    attachment(FileType::Docx, &name, move || party::docx(&[doc])).await
}

/// The document and its file's name.
async fn programme(state: &AppState, c: &Chrome, id: i64) -> Result<(String, PartyDocument), AppError> {
    let user = c.require_user()?;
    let lang = c.t.0;
    let plenum = plenums::get(&state.app, user, id).await?;
    let items = agenda::items(&state.app, user, id).await?;
    let slots = agenda::slots(&state.app, user, id).await?;
    // The order items are taken up in: by half-day, those not yet placed last, then by number.
    let place = |i: &AgendaItem| i.slot_id.and_then(|s| slots.iter().position(|x| x.id == s)).unwrap_or(usize::MAX);
    let mut ordered: Vec<&AgendaItem> = items.iter().collect();
    ordered.sort_by_key(|i| (place(i), i.ordinal));
    let mut rows = Vec::with_capacity(ordered.len());
    let mut last = None;
    for item in ordered {
        // A half-day is named once, on its first item's row.
        let slot = slots.get(place(item));
        let when = match slot {
            Some(s) if last != Some(s.id) => slot_label(c, s),
            _ => String::new(),
        };
        last = slot.map(|s| s.id);
        rows.push(vec![when, item.ordinal.to_string(), item.title.clone(), item.presenter.clone()]);
    }
    let mut doc = party_head(state, lang, &plenum).await?;
    doc.kind = lang.t("exp-agenda-type");
    doc.summary = plenum.title.clone();
    doc.blocks = vec![
        Block::field(
            lang.t("exp-agenda-dates"),
            format!("{} – {}", c.t.date(&plenum.starts_on), c.t.date(&plenum.ends_on)),
        ),
        Block::field(lang.t("exp-agenda-place"), plenum.place.clone()),
        Block::Table(Table {
            columns: vec![
                lang.t("exp-agenda-col-when"),
                lang.t("exp-col-number"),
                lang.t("exp-col-item"),
                lang.t("exp-agenda-col-presenter"),
            ],
            widths: vec![5, 2, 12, 5],
            rows,
        }),
    ];
    doc.signature =
        Some(Signature { on_behalf: lang.t("exp-sign-for"), title: lang.t("exp-sign-title"), name: String::new() });
    doc.recipients = vec![lang.t("exp-agenda-recipient-delegates"), lang.t("exp-recipient-file")];
    Ok((file_name(lang, "exp-file-agenda", &plenum), doc))
}
