//! Recording through the API: speeches and the opinions they carry, written
//! opinions from delegates, and corrections with optimistic concurrency.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use plenum_core::access::Permission;
use plenum_core::FieldErrors;
use plenum_store::input::{NewOpinion, NewSpeech, OpinionChange};
use plenum_store::{Opinion, Plenum, Speech};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::conduct::desk::{group_of_opinion, require_session, scope_of};
use crate::error::AppError;
use crate::state::AppState;

/// This part's paths and schemas, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(speeches, record_speech, add_opinion, write_opinion, correct_opinion),
    components(schemas(SpeechRecord, SpeechBody, OpinionBody, WrittenOpinionBody, OpinionPatch, Speech, Opinion))
)]
pub struct Api;

pub fn router() -> Router<AppState> {
    Router::new()
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
    let plenum = state.store.plenum(id).await?;
    user.require_on_plenum(&state, Permission::ViewPlenum, &plenum).await?;
    let (speeches, mut opinions) = tokio::try_join!(state.store.speeches(id), state.store.opinions(id))?;
    opinions.retain(|o| o.speech_id.is_some());
    Ok(Json(
        speeches
            .into_iter()
            .filter(|s| f.session.is_none_or(|sid| s.session_id == sid))
            .map(|speech| SpeechRecord {
                opinions: opinions.iter().filter(|o| o.speech_id == Some(speech.id)).cloned().collect(),
                speech,
            })
            .collect(),
    ))
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

fn field(name: &str, code: &'static str) -> AppError {
    let mut f = FieldErrors::default();
    f.push(name, code);
    AppError::Unprocessable(f)
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
    let session = state.store.meeting_session(id).await?;
    let plenum = state.store.plenum(session.plenum_id).await?;
    require_session(&scope_of(&state, &user, &plenum).await?, &session)?;
    let item_id = b.item_id.or(session.current_item_id).ok_or_else(|| field("item_id", "required"))?;
    let new = NewSpeech {
        session_id: session.id,
        delegate_id: b.delegate_id,
        item_id,
        speaker_entry_id: b.speaker_entry_id,
        seconds: b.seconds,
    };
    Ok((StatusCode::CREATED, Json(state.store.record_speech(&user.actor(), new).await?)))
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
    let speech = state.store.speech(id).await?;
    let session = state.store.meeting_session(speech.session_id).await?;
    let plenum = state.store.plenum(speech.plenum_id).await?;
    require_session(&scope_of(&state, &user, &plenum).await?, &session)?;
    let new = NewOpinion {
        speech_id: Some(speech.id),
        delegate_id: speech.delegate_id,
        item_id: b.item_id.unwrap_or(speech.item_id),
        passage_anchor: b.passage_anchor,
        stance: b.stance,
        text: b.text,
    };
    Ok((StatusCode::CREATED, Json(state.store.add_opinion(&user.actor(), new).await?)))
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
    let plenum: Plenum = state.store.plenum(id).await?;
    user.require_on_plenum(&state, Permission::Participate, &plenum).await?;
    // One writes only in one's own name: the account must be a delegate of this plenum.
    let delegate = state.store.delegate_for_user(id, user.user.id).await?.ok_or(AppError::Forbidden)?;
    if !state.store.agenda_items(id).await?.iter().any(|i| i.id == b.item_id) {
        return Err(field("item_id", "not-found"));
    }
    let new = NewOpinion {
        speech_id: None,
        delegate_id: delegate.id,
        item_id: b.item_id,
        passage_anchor: b.passage_anchor,
        stance: b.stance,
        text: b.text,
    };
    Ok((StatusCode::CREATED, Json(state.store.add_opinion(&user.actor(), new).await?)))
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
    let current = state.store.opinion(id).await?;
    let plenum = state.store.plenum(current.plenum_id).await?;
    if !scope_of(&state, &user, &plenum).await?.allows(group_of_opinion(&state, &current).await?) {
        return Err(AppError::Forbidden);
    }
    let change = OpinionChange {
        stance: p.stance.unwrap_or_else(|| current.stance.as_str().to_string()),
        text: p.text.unwrap_or(current.text),
        passage_anchor: p.passage_anchor.or(current.passage_anchor),
        item_id: p.item_id.unwrap_or(current.item_id),
    };
    Ok(Json(state.store.update_opinion(&user.actor(), id, p.version, change).await?))
}
