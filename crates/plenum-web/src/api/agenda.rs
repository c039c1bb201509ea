//! API: editing the agenda (edit, move, remove an item, each based on the
//! version read) and the programme's half-days the items are placed in.

use crate::routes::{get, post, Routes};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_app::prepare::agenda;
use plenum_store::input::{ItemChange, NewProgrammeSlot};
use plenum_store::{AgendaItem, ProgrammeSlot};
use serde::Deserialize;
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// This part's paths and schemas, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(item, update_item, move_item, remove_item, slots, add_slot, remove_slot),
    components(schemas(ItemEdit, Move, SlotBody, ProgrammeSlot))
)]
pub struct Api;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/agenda-items/{item_id}", get(item).put(update_item).delete(remove_item))
        .route("/plenums/{id}/agenda-items/{item_id}/move", post(move_item))
        .route("/plenums/{id}/programme", get(slots).post(add_slot))
        .route("/plenums/{id}/programme/{slot_id}", crate::routes::delete(remove_slot))
}

/// An agenda item's fields as edited, with the version they were read at.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ItemEdit {
    /// The item's version when it was read; another version answers 409 `stale`.
    pub version: i64,
    pub ordinal: i64,
    pub title: String,
    /// report, draft, plan, programme, personnel or other.
    pub kind: String,
    #[serde(default)]
    pub presenter: String,
    /// The programme's half-day the item is taken up in; absent or null leaves it unplaced.
    #[serde(default)]
    pub slot_id: Option<i64>,
}

/// Where an item moves.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct Move {
    /// The item's version when it was read; another version answers 409 `stale`.
    pub version: i64,
    /// Its new place in the agenda: 1 is first; past the end is last. An agenda
    /// numbers its items 1–999, so no place lies beyond.
    #[schema(minimum = 1, maximum = 999)]
    pub position: u32,
}

/// The version a removal is based on.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Version {
    /// The version when it was read; another version answers 409 `stale`.
    version: i64,
}

/// One agenda item.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/agenda-items/{item_id}", security(("bearer" = [])),
    responses((status = 200, body = AgendaItem), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn item(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, item_id)): Path<(i64, i64)>,
) -> Result<Json<AgendaItem>, AppError> {
    let items = agenda::items(&state.app, &user, id).await?;
    items.into_iter().find(|i| i.id == item_id).map(Json).ok_or(AppError::NotFound)
}

/// Edit an agenda item (the office): all its fields, based on the version read.
/// 409 `stale` if it changed since, `duplicate` for another item's number.
#[utoipa::path(put, path = "/api/v1/plenums/{id}/agenda-items/{item_id}", request_body = ItemEdit, security(("bearer" = [])),
    responses((status = 200, body = AgendaItem), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn update_item(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, item_id)): Path<(i64, i64)>,
    Json(b): Json<ItemEdit>,
) -> Result<Json<AgendaItem>, AppError> {
    let change =
        ItemChange { ordinal: b.ordinal, title: b.title, kind: b.kind, presenter: b.presenter, slot_id: b.slot_id };
    Ok(Json(agenda::update_item(&state.app, &user, id, item_id, b.version, change).await?))
}

/// Move an agenda item to another place (the office); the agenda's numbers follow the new
/// order. Answers the whole agenda, in order. 409 `stale` if the item changed since it was read.
#[utoipa::path(post, path = "/api/v1/plenums/{id}/agenda-items/{item_id}/move", request_body = Move, security(("bearer" = [])),
    responses((status = 200, body = Vec<AgendaItem>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn move_item(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, item_id)): Path<(i64, i64)>,
    Json(m): Json<Move>,
) -> Result<Json<Vec<AgendaItem>>, AppError> {
    let to = position(m.position)?;
    Ok(Json(agenda::move_item(&state.app, &user, id, item_id, m.version, to).await?))
}

/// A 1-based place as an index; 0 is no place, and none lies past 999.
fn position(p: u32) -> Result<usize, AppError> {
    match p {
        0 | 1000.. => {
            let mut f = plenum_core::FieldErrors::default();
            f.push("position", "out-of-range");
            Err(AppError::Unprocessable(f))
        }
        p => Ok(p as usize - 1),
    }
}

/// Remove an agenda item (the office). Refused with 409 `item-in-use` while opinions,
/// documents, speeches or requests to speak are filed under it, or a session has it
/// as its current item; 409 `stale` if it changed since it was read. The items after it move up.
#[utoipa::path(delete, path = "/api/v1/plenums/{id}/agenda-items/{item_id}", params(Version), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody)))]
pub async fn remove_item(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, item_id)): Path<(i64, i64)>,
    Query(v): Query<Version>,
) -> Result<StatusCode, AppError> {
    agenda::remove_item(&state.app, &user, id, item_id, v.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The programme: the plenum's half-days, by day, morning first.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/programme", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProgrammeSlot>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn slots(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ProgrammeSlot>>, AppError> {
    Ok(Json(agenda::slots(&state.app, &user, id).await?))
}

/// A half-day of the programme.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SlotBody {
    /// YYYY-MM-DD, within the plenum's days.
    pub day: String,
    /// morning or afternoon.
    pub part: String,
    /// HH:MM: a morning starts from 06:00 to before noon, an afternoon from noon to 18:00.
    pub starts_at: String,
    /// hall or groups.
    pub venue: String,
}

/// Add a half-day to the programme (the office). 409 `duplicate` if the day already has that part.
#[utoipa::path(post, path = "/api/v1/plenums/{id}/programme", request_body = SlotBody, security(("bearer" = [])),
    responses((status = 201, body = ProgrammeSlot), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_slot(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<SlotBody>,
) -> Result<(StatusCode, Json<ProgrammeSlot>), AppError> {
    let new = NewProgrammeSlot { plenum_id: id, day: b.day, part: b.part, starts_at: b.starts_at, venue: b.venue };
    Ok((StatusCode::CREATED, Json(agenda::add_slot(&state.app, &user, new).await?)))
}

/// Remove a half-day of the programme (the office). 409 `slot-in-use` while items are placed in it.
#[utoipa::path(delete, path = "/api/v1/plenums/{id}/programme/{slot_id}", params(Version), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody)))]
pub async fn remove_slot(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, slot_id)): Path<(i64, i64)>,
    Query(v): Query<Version>,
) -> Result<StatusCode, AppError> {
    agenda::remove_slot(&state.app, &user, id, slot_id, v.version).await?;
    Ok(StatusCode::NO_CONTENT)
}
