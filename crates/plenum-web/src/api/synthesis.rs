//! Synthesizing through the API: the workspace as data, an opinion's answer
//! written or rewritten with optimistic concurrency, the office's review, and
//! a delegate's own answers.

use crate::routes::{get, post, put, Routes};
use axum::extract::{Path, Query, State};
use axum::Json;
use plenum_app::synthesize::answers::{self, AnswerInput};
use plenum_app::synthesize::workspace::{self, Filter};
use plenum_app::synthesize::Trace;
use plenum_core::conduct::record::Stance;
use plenum_core::synthesize::disposition::ReviewStatus;
use plenum_store::synthesize::{Body, Disposition};
use plenum_store::Opinion;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    paths(synthesis, answer, review, own_answers),
    components(schemas(
        SynthesisBody,
        SynthesisItem,
        OpinionWorkBody,
        ProgressBody,
        ChangeBody,
        AnswerBody,
        ReviewBody,
        OwnAnswerBody,
        Disposition
    ))
)]
pub struct Api;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/synthesis", get(synthesis))
        .route("/plenums/{id}/my-answers", get(own_answers))
        .route("/opinions/{id}/disposition", put(answer))
        .route("/opinions/{id}/disposition/review", post(review))
        .route("/organizations/{id}/bodies", get(bodies))
        .route("/bodies/{id}/officers", post(add_officer))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgressBody {
    pub total: usize,
    /// With an answer, approved or not.
    pub answered: usize,
    pub approved: usize,
    /// Returned to the body by the office.
    pub returned: usize,
}

impl From<plenum_core::synthesize::disposition::Progress> for ProgressBody {
    fn from(p: plenum_core::synthesize::disposition::Progress) -> Self {
        ProgressBody { total: p.total, answered: p.answered, approved: p.approved, returned: p.returned }
    }
}

/// A changed passage of a draft.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ChangeBody {
    pub document_id: i64,
    pub version: i64,
    pub anchor: String,
    pub label: String,
    pub text: String,
}

impl From<&plenum_app::synthesize::ChangeChoice> for ChangeBody {
    fn from(c: &plenum_app::synthesize::ChangeChoice) -> Self {
        ChangeBody {
            document_id: c.document_id,
            version: c.version,
            anchor: c.anchor.clone(),
            label: c.label.clone(),
            text: c.text.clone(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OpinionWorkBody {
    pub opinion: Opinion,
    pub delegate: String,
    pub discussion_group: Option<String>,
    /// The cited passage's label.
    pub passage: Option<String>,
    /// The group of similar opinions it is in.
    pub group_id: Option<i64>,
    pub disposition: Option<Disposition>,
    /// For a taken-in answer: the change it led to.
    pub change: Option<ChangeBody>,
    /// For a taken-in answer without a real change: `no_change` or `unchanged`.
    pub flag: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SynthesisItem {
    pub item_id: i64,
    pub ordinal: i64,
    pub title: String,
    pub body_id: Option<i64>,
    pub speeches: usize,
    pub progress: ProgressBody,
    pub opinions: Vec<OpinionWorkBody>,
    /// The changed passages a taken-in answer may name.
    pub changes: Vec<ChangeBody>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SynthesisBody {
    pub plenum_id: i64,
    /// The office (reviews) or a presenting body's officer (answers).
    pub office: bool,
    pub progress: ProgressBody,
    pub items: Vec<SynthesisItem>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SynthesisFilter {
    item: Option<i64>,
    /// A discussion group the speaker sits in.
    group: Option<i64>,
    /// agree, disagree, propose_change or other.
    stance: Option<String>,
    /// A disposition kind, `none`, a review status, or `flagged`.
    disposition: Option<String>,
    delegate: Option<i64>,
    /// Words to find, without regard to case or marks (at most 200 characters).
    #[param(max_length = 200)]
    q: Option<String>,
}

/// Every opinion of the plenum the caller answers, by item, with its answer and trace.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/synthesis", params(("id" = i64, Path), SynthesisFilter), security(("bearer" = [])),
    responses((status = 200, body = SynthesisBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn synthesis(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(f): Query<SynthesisFilter>,
) -> Result<Json<SynthesisBody>, AppError> {
    let text = f.q.unwrap_or_default();
    if text.chars().count() > 200 {
        return Err(AppError::field("q", "too-long"));
    }
    let stance = match f.stance.as_deref() {
        None | Some("") => None,
        Some(s) => Some(Stance::parse(s).ok_or_else(|| AppError::field("stance", "invalid-choice"))?),
    };
    let filter =
        Filter { item: f.item, group: f.group, stance, disposition: f.disposition, delegate: f.delegate, text };
    let w = workspace::open(&state.app, &user, id, &filter).await?;
    let items = w
        .items
        .iter()
        .map(|i| SynthesisItem {
            item_id: i.item.id,
            ordinal: i.item.ordinal,
            title: i.item.title.clone(),
            body_id: i.item.body_id,
            speeches: i.speeches,
            progress: i.progress.into(),
            changes: i.changes.iter().map(ChangeBody::from).collect(),
            opinions: i
                .opinions
                .iter()
                .map(|o| OpinionWorkBody {
                    opinion: o.opinion.clone(),
                    delegate: o.delegate.clone(),
                    discussion_group: o.discussion_group.clone(),
                    passage: o.passage.clone(),
                    group_id: o.group_id,
                    disposition: o.disposition.clone(),
                    change: match &o.trace {
                        Some(Trace::Changed(c)) => Some(c.into()),
                        _ => None,
                    },
                    flag: match &o.trace {
                        Some(Trace::Flagged(f)) => {
                            serde_json::to_value(f).ok().and_then(|v| v.as_str().map(String::from))
                        }
                        _ => None,
                    },
                })
                .collect(),
        })
        .collect();
    Ok(Json(SynthesisBody { plenum_id: w.plenum.id, office: w.office, progress: w.progress.into(), items }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AnswerBody {
    /// taken_in, explained, noted or out_of_scope.
    pub kind: String,
    /// How it is taken in, or (required for explained) why the draft stays.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub reply: String,
    /// For taken_in: the draft document and the anchor of its changed passage.
    pub document_id: Option<i64>,
    #[schema(max_length = 200)]
    pub change_anchor: Option<String>,
    /// The answer's current version; leave out for an opinion not answered yet.
    pub version: Option<i64>,
}

/// Write or rewrite an opinion's answer (its presenting body's officers, or
/// the office). It waits for the office's approval again. 409 `stale` if the
/// answer changed since `version`.
#[utoipa::path(put, path = "/api/v1/opinions/{id}/disposition", params(("id" = i64, Path)), request_body = AnswerBody, security(("bearer" = [])),
    responses((status = 200, body = Disposition), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<AnswerBody>,
) -> Result<Json<Disposition>, AppError> {
    let change = match (b.document_id, b.change_anchor) {
        (Some(d), Some(a)) if !a.is_empty() && a.len() <= 200 => Some((d, a)),
        (None, None) => None,
        _ => return Err(AppError::field("change_anchor", "invalid-choice")),
    };
    let a = AnswerInput { kind: b.kind, reply: b.reply, change };
    Ok(Json(answers::answer(&state.app, &user, id, b.version, a).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReviewBody {
    /// approved or returned.
    pub to: String,
    /// Required when returning: what the body should change.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub note: String,
    /// The answer's current version.
    pub version: i64,
}

/// The office approves an answer, or returns it with a note.
#[utoipa::path(post, path = "/api/v1/opinions/{id}/disposition/review", params(("id" = i64, Path)), request_body = ReviewBody, security(("bearer" = [])),
    responses((status = 200, body = Disposition), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<ReviewBody>,
) -> Result<Json<Disposition>, AppError> {
    let to = ReviewStatus::parse(&b.to)
        .filter(|s| *s != ReviewStatus::Drafted)
        .ok_or_else(|| AppError::field("to", "invalid-choice"))?;
    Ok(Json(answers::review(&state.app, &user, id, b.version, to, &b.note).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OwnAnswerBody {
    pub opinion: Opinion,
    pub item_title: String,
    /// The approved answer, once there is one.
    pub disposition: Option<Disposition>,
    pub change: Option<ChangeBody>,
}

/// The caller's own opinions on a plenum, each with its approved answer.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/my-answers", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<OwnAnswerBody>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn own_answers(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<OwnAnswerBody>>, AppError> {
    let (_, own) = answers::own(&state.app, &user, id).await?;
    Ok(Json(
        own.into_iter()
            .map(|a| OwnAnswerBody {
                change: a.change.as_ref().map(ChangeBody::from),
                opinion: a.opinion,
                item_title: a.item_title,
                disposition: a.answer,
            })
            .collect(),
    ))
}

/// A body with its officers' user names.
#[derive(Serialize, utoipa::ToSchema)]
pub struct BodyWithOfficers {
    #[serde(flatten)]
    pub body: Body,
    pub officers: Vec<String>,
}

/// An organization's bodies (cơ quan tham mưu), with their officers (its administrators).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/bodies", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<BodyWithOfficers>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn bodies(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<BodyWithOfficers>>, AppError> {
    let (_, list) = plenum_app::synthesize::bodies::of_organization(&state.app, &user, id).await?;
    Ok(Json(
        list.into_iter()
            .map(|b| BodyWithOfficers { body: b.body, officers: b.officers.into_iter().map(|u| u.username).collect() })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OfficerBody {
    /// The account to make an officer of the body.
    #[schema(max_length = 64)]
    pub username: String,
}

/// Make an account an officer of a body (an administrator of its organization).
#[utoipa::path(post, path = "/api/v1/bodies/{id}/officers", params(("id" = i64, Path)), request_body = OfficerBody, security(("bearer" = [])),
    responses((status = 200, body = Body), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_officer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<OfficerBody>,
) -> Result<Json<Body>, AppError> {
    Ok(Json(plenum_app::synthesize::bodies::add_officer(&state.app, &user, None, id, &b.username).await?))
}
