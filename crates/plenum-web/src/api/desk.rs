//! Recording through the API: speeches and the opinions they carry, written
//! opinions from delegates, and corrections with optimistic concurrency.

use crate::routes::{get, patch, post, Routes};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_app::conduct::opinions::{self, Correction, OpinionInput};
use plenum_app::conduct::speeches::{self, SpeechInput};
use plenum_store::{Opinion, Speech};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// This part's paths and schemas, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(speeches, record_speech, add_opinion, write_opinion, correct_opinion),
    components(schemas(SpeechRecord, SpeechBody, OpinionBody, WrittenOpinionBody, OpinionPatch, Speech, Opinion))
)]
pub struct Api;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/speeches", get(speeches))
        .route("/sessions/{id}/speeches", post(record_speech))
        .route("/speeches/{id}/opinions", post(add_opinion))
        .route("/plenums/{id}/opinions", post(write_opinion))
        .route("/opinions/{id}", patch(correct_opinion))
}

/// A speech with the opinions it carried, in the order they were recorded.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SpeechRecord {
    #[serde(flatten)]
    pub speech: Speech,
    pub opinions: Vec<Opinion>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpeechFilter {
    /// Only this meeting session's speeches.
    session: Option<i64>,
}

/// The plenum's recorded speeches with their opinions, oldest first.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/speeches", params(("id" = i64, Path), SpeechFilter), security(("bearer" = [])),
    responses((status = 200, body = Vec<SpeechRecord>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn speeches(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(f): Query<SpeechFilter>,
) -> Result<Json<Vec<SpeechRecord>>, AppError> {
    let records = speeches::list(&state.app, &user, id, f.session).await?;
    Ok(Json(records.into_iter().map(|r| SpeechRecord { speech: r.speech, opinions: r.opinions }).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SpeechBody {
    /// The speaker, a delegate of the session's plenum.
    pub delegate_id: i64,
    /// The item spoken on; by default the session's current item.
    pub item_id: Option<i64>,
    /// Actual speaking time, if timed.
    pub seconds: Option<i64>,
    /// The speaker-list entry the speech answers, if any.
    pub speaker_entry_id: Option<i64>,
}

/// Record a speech in a session (secretaries; a group secretary in their own group's sessions).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/speeches", params(("id" = i64, Path)), request_body = SpeechBody, security(("bearer" = [])),
    responses((status = 201, body = Speech), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn record_speech(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<SpeechBody>,
) -> Result<(StatusCode, Json<Speech>), AppError> {
    let s = SpeechInput {
        delegate_id: b.delegate_id,
        item_id: b.item_id,
        seconds: b.seconds,
        speaker_entry_id: b.speaker_entry_id,
    };
    Ok((StatusCode::CREATED, Json(speeches::record(&state.app, &user, id, s).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OpinionBody {
    /// The item the opinion is about; by default the speech's item.
    pub item_id: Option<i64>,
    /// A passage of the item's draft, e.g. "II.2.a".
    pub passage_anchor: Option<String>,
    /// agree, disagree, propose_change or other.
    #[serde(default)]
    pub stance: String,
    #[serde(default)]
    pub text: String,
}

/// Record one opinion a speech carried; the speaker is the speech's.
#[utoipa::path(post, path = "/api/v1/speeches/{id}/opinions", params(("id" = i64, Path)), request_body = OpinionBody, security(("bearer" = [])),
    responses((status = 201, body = Opinion), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_opinion(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<OpinionBody>,
) -> Result<(StatusCode, Json<Opinion>), AppError> {
    let o = OpinionInput { item_id: b.item_id, passage_anchor: b.passage_anchor, stance: b.stance, text: b.text };
    Ok((StatusCode::CREATED, Json(opinions::add_to_speech(&state.app, &user, id, o).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct WrittenOpinionBody {
    pub item_id: i64,
    pub passage_anchor: Option<String>,
    /// agree, disagree, propose_change or other.
    #[serde(default)]
    pub stance: String,
    #[serde(default)]
    pub text: String,
}

/// Send a written opinion as the caller's own delegate (members of the plenum).
#[utoipa::path(post, path = "/api/v1/plenums/{id}/opinions", params(("id" = i64, Path)), request_body = WrittenOpinionBody, security(("bearer" = [])),
    responses((status = 201, body = Opinion), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn write_opinion(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<WrittenOpinionBody>,
) -> Result<(StatusCode, Json<Opinion>), AppError> {
    let o = OpinionInput { item_id: Some(b.item_id), passage_anchor: b.passage_anchor, stance: b.stance, text: b.text };
    Ok((StatusCode::CREATED, Json(opinions::write_own(&state.app, &user, id, o).await?)))
}

/// A correction. Absent fields stay as they are; an empty `passage_anchor` clears it.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct OpinionPatch {
    /// The version the correction was made from; a newer one on the server means 409 `stale`.
    pub version: i64,
    pub item_id: Option<i64>,
    pub passage_anchor: Option<String>,
    pub stance: Option<String>,
    pub text: Option<String>,
}

/// Correct an opinion (whoever may record where it was given). Refused with
/// 409 `stale` if someone changed it since `version`; nothing is overwritten.
#[utoipa::path(patch, path = "/api/v1/opinions/{id}", params(("id" = i64, Path)), request_body = OpinionPatch, security(("bearer" = [])),
    responses((status = 200, body = Opinion), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn correct_opinion(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(p): Json<OpinionPatch>,
) -> Result<Json<Opinion>, AppError> {
    let c = Correction { item_id: p.item_id, passage_anchor: p.passage_anchor, stance: p.stance, text: p.text };
    Ok(Json(opinions::correct(&state.app, &user, id, p.version, c).await?))
}
