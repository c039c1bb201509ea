//! API: the floor — meeting sessions and their speaker lists.
//!
//! Changes to a session or its list carry the session `version` the caller
//! last read; if another console changed it since, the answer is 409 with
//! code `stale` and nothing changes. Read the list again and retry.

use crate::routes::{get, post, Routes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_app::conduct::floor::{self, EntryAction};
use plenum_app::conduct::sessions;
use plenum_store::input::{NewMeetingSession, SessionChange};
use plenum_store::{MeetingSession, SpeakerEntry, Speech};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// This part's paths and schemas, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(sessions, create_session, session, update_session, speakers, request_floor, entry_action),
    components(schemas(
        MeetingSession,
        SpeakerEntry,
        Speech,
        SessionBody,
        SessionPatch,
        SpeakerRequest,
        EntryActionBody,
        SpeakerList
    ))
)]
pub struct Api;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/sessions", get(sessions).post(create_session))
        .route("/sessions/{id}", get(session).patch(update_session))
        .route("/sessions/{id}/speakers", get(speakers).post(request_floor))
        .route("/sessions/{id}/speakers/{entry}/{action}", post(entry_action))
}

/// A new meeting session.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SessionBody {
    /// "plenary" or "group".
    pub kind: String,
    /// The discussion group, for a group session.
    pub group_id: Option<i64>,
    pub title: String,
    /// The default speaking time (30–3600 s); 300 if left out.
    pub speaking_seconds: Option<i64>,
}

/// A change to a session; fields left out stay as they are.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SessionPatch {
    /// The session's version as last read.
    pub version: i64,
    /// The item under discussion; `0` clears it.
    pub current_item_id: Option<i64>,
    /// planned, open or closed.
    pub status: Option<String>,
    /// The default speaking time for new requests, 30–3600 s.
    pub speaking_seconds: Option<i64>,
}

/// A request to speak (or a notice of a written opinion).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SpeakerRequest {
    /// "speak" (the default) or "written".
    #[serde(default = "speak")]
    pub kind: String,
    /// The item; the session's current item if left out.
    pub item_id: Option<i64>,
    /// Whose request: the caller's own delegate if left out. Only the chair
    /// and secretaries may name another delegate.
    pub delegate_id: Option<i64>,
}

fn speak() -> String {
    "speak".into()
}

/// The body of an action on one entry.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct EntryActionBody {
    /// The session's version as last read.
    pub version: i64,
    /// `move`: the new index among the waiting entries (0 = next).
    pub to: Option<i64>,
    /// `time`: the new speaking time in seconds (30–3600).
    pub seconds: Option<i64>,
}

/// A session and its list: speaking and waiting entries first, in order,
/// then those done or withdrawn. The session was read first, so acting with
/// its `version` either matches this list or is refused as stale.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SpeakerList {
    pub session: MeetingSession,
    pub entries: Vec<SpeakerEntry>,
    /// After `stop`: the speech recorded, with its actual length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech: Option<Speech>,
}

async fn list(
    state: &AppState,
    user: &CurrentUser,
    session_id: i64,
    speech: Option<Speech>,
) -> Result<SpeakerList, AppError> {
    let (session, entries) = floor::speaker_list(&state.app, user, session_id).await?;
    Ok(SpeakerList { session, entries, speech })
}

/// The plenum's sessions: plenary and group sittings.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/sessions", security(("bearer" = [])),
    responses((status = 200, body = Vec<MeetingSession>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn sessions(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<MeetingSession>>, AppError> {
    Ok(Json(sessions::list(&state.app, &user, id).await?))
}

/// Create a session (the chair). It starts planned; open it with PATCH.
#[utoipa::path(post, path = "/api/v1/plenums/{id}/sessions", request_body = SessionBody, security(("bearer" = [])),
    responses((status = 201, body = MeetingSession), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_session(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<SessionBody>,
) -> Result<(StatusCode, Json<MeetingSession>), AppError> {
    let new = NewMeetingSession {
        plenum_id: id,
        kind: b.kind,
        group_id: b.group_id,
        title: b.title,
        speaking_seconds: b.speaking_seconds.unwrap_or(plenum_core::conduct::speakers::DEFAULT_SPEAKING_SECONDS),
    };
    Ok((StatusCode::CREATED, Json(sessions::create(&state.app, &user, new).await?)))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}", security(("bearer" = [])),
    responses((status = 200, body = MeetingSession), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn session(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<MeetingSession>, AppError> {
    Ok(Json(sessions::get(&state.app, &user, id).await?.1))
}

/// Open or close a session, set its current item or default speaking time (the chair).
#[utoipa::path(patch, path = "/api/v1/sessions/{id}", request_body = SessionPatch, security(("bearer" = [])),
    responses((status = 200, body = MeetingSession), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, description = "`stale`: changed by someone else since `version`; `someone-speaking`: cannot close while someone has the floor", body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)))]
pub async fn update_session(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<SessionPatch>,
) -> Result<Json<MeetingSession>, AppError> {
    let change =
        SessionChange { current_item_id: b.current_item_id, status: b.status, speaking_seconds: b.speaking_seconds };
    Ok(Json(sessions::update(&state.app, &user, id, b.version, change).await?))
}

/// The speaker list, with the session (and its version) read just before it.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/speakers", security(("bearer" = [])),
    responses((status = 200, body = SpeakerList), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn speakers(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<SpeakerList>, AppError> {
    Ok(Json(list(&state, &user, id, None).await?))
}

/// Ask for the floor, or announce a written opinion; joins the end of the list.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/speakers", request_body = SpeakerRequest, security(("bearer" = [])),
    responses((status = 201, body = SpeakerEntry), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, description = "`already-requested` or `session-closed`", body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn request_floor(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<SpeakerRequest>,
) -> Result<(StatusCode, Json<SpeakerEntry>), AppError> {
    let entry = floor::ask(&state.app, &user, id, b.delegate_id, b.item_id, &b.kind).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// Act on one entry: `give-floor`, `stop` (records the speech with its
/// actual length), `withdraw`, `move` (with `to`) or `time` (with `seconds`).
/// The chair may do all; a delegate may withdraw their own request.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/speakers/{entry}/{action}", request_body = EntryActionBody, security(("bearer" = [])),
    params(("id" = i64, Path, description = "session"), ("entry" = i64, Path, description = "speaker entry"),
        ("action" = String, Path, description = "give-floor, stop, withdraw, move or time")),
    responses((status = 200, body = SpeakerList), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, description = "`stale`, `someone-speaking`, `session-not-open`, `session-closed`, `not-waiting` or `not-speaking`; nothing changed", body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)))]
pub async fn entry_action(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, entry, action)): Path<(i64, i64, String)>,
    Json(b): Json<EntryActionBody>,
) -> Result<Json<SpeakerList>, AppError> {
    let action = EntryAction::parse(&action, b.to, b.seconds)?;
    let speech = floor::act(&state.app, &user, id, entry, b.version, action).await?;
    Ok(Json(list(&state, &user, id, speech).await?))
}
