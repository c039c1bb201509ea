//! The programme's half-days, added and removed from the office's agenda page.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::prepare::agenda;
use plenum_app::Error as Refused;
use plenum_store::input::NewProgrammeSlot;
use plenum_store::Conflict;

use super::{agenda_page, prepared_plenum, version_of, Problems, RemoveForm, SlotForm};
use crate::error::AppError;
use crate::pages::documents::FormErrors;
use crate::pages::{see_other, Chrome};
use crate::state::AppState;

pub async fn add(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<SlotForm>,
) -> Result<Response, AppError> {
    let plenum = prepared_plenum(&state, &c, id).await?;
    let user = c.require_user()?.clone();
    let new = NewProgrammeSlot {
        plenum_id: id,
        day: f.day.clone(),
        part: f.part.clone(),
        starts_at: f.starts_at.clone(),
        venue: f.venue.clone(),
    };
    let refused = match agenda::add_slot(&state.app, &user, new).await {
        Ok(_) => return Ok(see_other(&format!("/plenums/{id}/agenda#programme-h"))),
        Err(e) => e,
    };
    let (slot, status) = match &refused {
        Refused::Conflict(Conflict::SlotTaken) => {
            (FormErrors::one("part", c.t.s("agenda-slot-taken")), StatusCode::CONFLICT)
        }
        Refused::Invalid(fe) => (FormErrors::from_fields(c.t, "slot", fe), StatusCode::UNPROCESSABLE_ENTITY),
        _ => return Err(refused.into()),
    };
    let problems = Problems { slot, ..Problems::default() };
    agenda_page(&state, c, plenum, None, Some(f), problems, status).await
}

pub async fn remove(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, slot_id)): Path<(i64, i64)>,
    Form(f): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let plenum = prepared_plenum(&state, &c, id).await?;
    let user = c.require_user()?.clone();
    let version = version_of(&f.version);
    let refused = match agenda::remove_slot(&state.app, &user, id, slot_id, version).await {
        Ok(()) => return Ok(see_other(&format!("/plenums/{id}/agenda#programme-h"))),
        Err(e) => e,
    };
    let notice = match &refused {
        Refused::Conflict(Conflict::SlotInUse) => c.t.s("agenda-slot-in-use"),
        Refused::Conflict(Conflict::Stale) => c.t.s("agenda-slot-stale"),
        _ => return Err(refused.into()),
    };
    let problems = Problems { notice: Some(notice), ..Problems::default() };
    agenda_page(&state, c, plenum, None, None, problems, StatusCode::CONFLICT).await
}
