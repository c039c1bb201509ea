//! Plenums, their agenda and groups; the history.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_app::history;
use plenum_app::prepare::{agenda, groups as discussion_groups, plenums};
use plenum_store::input::{NewAgendaItem, NewPlenum};
use plenum_store::{AgendaItem, DiscussionGroup, Plenum};
use serde::{Deserialize, Serialize};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// The plenums the caller may see.
#[utoipa::path(get, path = "/api/v1/plenums", security(("bearer" = [])), responses((status = 200, body = Vec<Plenum>)))]
pub async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<Plenum>>, AppError> {
    Ok(Json(plenums::visible(&state.app, &user).await?))
}

#[utoipa::path(get, path = "/api/v1/plenums/{id}", security(("bearer" = [])),
    responses((status = 200, body = Plenum), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn get_one(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Plenum>, AppError> {
    Ok(Json(plenums::get(&state.app, &user, id).await?))
}

/// Convene a plenum of a committee (the office).
#[utoipa::path(post, path = "/api/v1/plenums", request_body = NewPlenum, security(("bearer" = [])),
    responses((status = 201, body = Plenum), (status = 403, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(new): Json<NewPlenum>,
) -> Result<(StatusCode, Json<Plenum>), AppError> {
    Ok((StatusCode::CREATED, Json(plenums::convene(&state.app, &user, new).await?)))
}

/// The agenda, in order.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/agenda-items", security(("bearer" = [])),
    responses((status = 200, body = Vec<AgendaItem>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn agenda(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<AgendaItem>>, AppError> {
    Ok(Json(agenda::items(&state.app, &user, id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ItemBody {
    pub ordinal: i64,
    pub title: String,
    /// report, draft, plan, programme, personnel or other.
    pub kind: String,
    #[serde(default)]
    pub presenter: String,
}

/// Add an agenda item (the office).
#[utoipa::path(post, path = "/api/v1/plenums/{id}/agenda-items", request_body = ItemBody, security(("bearer" = [])),
    responses((status = 201, body = AgendaItem), (status = 403, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_item(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<ItemBody>,
) -> Result<(StatusCode, Json<AgendaItem>), AppError> {
    let new = NewAgendaItem { plenum_id: id, ordinal: b.ordinal, title: b.title, kind: b.kind, presenter: b.presenter };
    Ok((StatusCode::CREATED, Json(agenda::add_item(&state.app, &user, new).await?)))
}

/// The discussion groups with their members.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/groups", security(("bearer" = [])),
    responses((status = 200, body = Vec<DiscussionGroup>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn groups(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<DiscussionGroup>>, AppError> {
    Ok(Json(discussion_groups::list(&state.app, &user, id).await?))
}

/// One history entry.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Entry {
    pub seq: i64,
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Entries after this sequence number.
    after: Option<i64>,
    /// At most this many (1–1000, default 100); outside that range 422.
    limit: Option<i64>,
    /// Only the entries of this plenum.
    plenum: Option<i64>,
    /// Only the entries by this user name (at most 100 characters).
    actor: Option<String>,
    /// Only this kind of change: organization, preparation, delegates, attendance, floor, record,
    /// documents, accounts or sign-ins; another value is 422.
    kind: Option<String>,
    /// From this day on (YYYY-MM-DD, in Hà Nội's time).
    from: Option<String>,
    /// Up to and including this day (YYYY-MM-DD, in Hà Nội's time).
    to: Option<String>,
    /// Whether sign-ins come with the other changes when no `kind` is asked for (default true;
    /// the history page hides them by default).
    sign_ins: Option<bool>,
}

impl Page {
    /// The filter asked for; a bad field is 422 with its name and the code `invalid`.
    fn filter(&self) -> Result<history::Filter, AppError> {
        let ask = crate::pages::history::Ask {
            before: None,
            plenum: self.plenum.map(|p| p.to_string()).unwrap_or_default(),
            actor: self.actor.clone().unwrap_or_default(),
            kind: self.kind.clone().unwrap_or_default(),
            from: self.from.clone().unwrap_or_default(),
            to: self.to.clone().unwrap_or_default(),
            sign_ins: if self.sign_ins.unwrap_or(true) { "1".into() } else { String::new() },
        };
        ask.filter().map_err(|problems| {
            let mut e = plenum_core::FieldErrors::default();
            for (field, _) in problems {
                e.push(field, "invalid");
            }
            AppError::Unprocessable(e)
        })
    }
}

/// The hash-chained history (administrators and auditors): up to `limit` entries after `after`
/// whose scope and audience the reader belongs to and that the filter asks for, with the stored
/// payload on scopes they administer and the public payload elsewhere (with `before`, the public
/// fields before an edit, where the entry kept them). A read looks through a bounded number of
/// stored entries; the `x-next-after` header says where the next read goes on.
#[utoipa::path(get, path = "/api/v1/history", params(Page), security(("bearer" = [])),
    responses((status = 200, body = Vec<Entry>,
        headers(("x-next-after" = i64, description = "The `after` of the next read"))),
        (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(p): Query<Page>,
) -> Result<([(&'static str, String); 1], Json<Vec<Entry>>), AppError> {
    let filter = p.filter()?;
    let read = history::entries(&state.app, &user, p.after.unwrap_or(0), p.limit.unwrap_or(100), &filter).await?;
    let entries = read
        .entries
        .into_iter()
        .map(|r| Entry {
            payload: r.payload().to_string(),
            seq: r.entry.seq,
            at: r.entry.at,
            actor: r.entry.actor,
            action: r.entry.action,
            prev_hash: r.entry.prev_hash,
            hash: r.entry.hash,
        })
        .collect();
    Ok(([("x-next-after", read.next_after.to_string())], Json(entries)))
}
