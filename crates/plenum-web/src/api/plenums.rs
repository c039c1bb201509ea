//! Plenums, their agenda and groups; the history.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_core::access::Permission;
use plenum_store::input::{NewAgendaItem, NewPlenum};
use plenum_store::{AgendaItem, DiscussionGroup, Plenum};
use serde::{Deserialize, Serialize};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

async fn visible(state: &AppState, user: &CurrentUser, id: i64, p: Permission) -> Result<Plenum, AppError> {
    let plenum = state.store.plenum(id).await?;
    user.require_on_plenum(state, p, &plenum).await?;
    Ok(plenum)
}

/// The plenums the caller may see.
#[utoipa::path(get, path = "/api/v1/plenums", security(("bearer" = [])), responses((status = 200, body = Vec<Plenum>)))]
pub async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<Plenum>>, AppError> {
    let mut out = Vec::new();
    for p in state.store.plenums().await? {
        if user.can_on_plenum(&state, Permission::ViewPlenum, &p).await {
            out.push(p);
        }
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/api/v1/plenums/{id}", security(("bearer" = [])),
    responses((status = 200, body = Plenum), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn get_one(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Plenum>, AppError> {
    Ok(Json(visible(&state, &user, id, Permission::ViewPlenum).await?))
}

/// Convene a plenum of a committee (the office).
#[utoipa::path(post, path = "/api/v1/plenums", request_body = NewPlenum, security(("bearer" = [])),
    responses((status = 201, body = Plenum), (status = 403, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(new): Json<NewPlenum>,
) -> Result<(StatusCode, Json<Plenum>), AppError> {
    let committee = state.store.committee(new.committee_id).await.map_err(|e| match e {
        plenum_store::StoreError::NotFound => {
            let mut f = plenum_core::FieldErrors::default();
            f.push("committee_id", "not-found");
            AppError::Unprocessable(f)
        }
        other => other.into(),
    })?;
    user.require_on_org(&state, Permission::Prepare, committee.org_id).await?;
    Ok((StatusCode::CREATED, Json(state.store.create_plenum(&user.actor(), new).await?)))
}

/// The agenda, in order.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/agenda-items", security(("bearer" = [])),
    responses((status = 200, body = Vec<AgendaItem>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn agenda(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<AgendaItem>>, AppError> {
    visible(&state, &user, id, Permission::ViewPlenum).await?;
    Ok(Json(state.store.agenda_items(id).await?))
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
    visible(&state, &user, id, Permission::Prepare).await?;
    let new = NewAgendaItem { plenum_id: id, ordinal: b.ordinal, title: b.title, kind: b.kind, presenter: b.presenter };
    Ok((StatusCode::CREATED, Json(state.store.add_agenda_item(&user.actor(), new).await?)))
}

/// The discussion groups with their members.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/groups", security(("bearer" = [])),
    responses((status = 200, body = Vec<DiscussionGroup>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn groups(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<DiscussionGroup>>, AppError> {
    visible(&state, &user, id, Permission::ViewPlenum).await?;
    Ok(Json(state.store.groups(id).await?))
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
pub struct Page {
    /// Entries after this sequence number.
    after: Option<i64>,
    /// At most this many (1–1000, default 100).
    limit: Option<i64>,
}

/// The hash-chained history (administrators and auditors): the entries whose audience the reader
/// belongs to, with the stored payload on scopes they administer and the public payload elsewhere.
#[utoipa::path(get, path = "/api/v1/history", params(Page), security(("bearer" = [])),
    responses((status = 200, body = Vec<Entry>), (status = 403, body = super::ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(p): Query<Page>,
) -> Result<Json<Vec<Entry>>, AppError> {
    if !user.can_somewhere(Permission::ViewHistory) {
        return Err(AppError::Forbidden);
    }
    let entries = state.store.history(p.after.unwrap_or(0).max(0), p.limit.unwrap_or(100).clamp(1, 1000)).await?;
    Ok(Json(
        crate::audience::readable(&state, &user, entries)
            .await
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
            .collect(),
    ))
}
