//! Polls through the API: the chair creates, opens and closes them; a member
//! votes (an open vote) or casts a secret ballot and gets a receipt; the
//! counting committee enters paper ballots; anyone who may see the plenum
//! reads the result, the signed published tally and a receipt's inclusion
//! proof, and the key that signs them.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use plenum_app::decide::{cast, outcome, paper, polls};
use plenum_core::decide::poll::{Choice, Difference, Hands, PollState};
use plenum_core::decide::published::{Inclusion, PublishedPoll};
use plenum_core::decide::receipt;
use plenum_store::decide::Poll;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::routes::{get, post, put, Routes};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    paths(
        list,
        create,
        show,
        set_committee,
        open,
        close,
        vote,
        ballot,
        enter_paper,
        paper_sheets,
        published,
        proof,
        poll_key
    ),
    components(schemas(
        PollBody,
        NewPollBody,
        CommitteeBody,
        OpenBody,
        CloseBody,
        HandsBody,
        VoteBody,
        BallotBody,
        ReceiptBody,
        PaperBody,
        PaperSheetsBody,
        PaperEntryBody,
        DifferenceBody,
        ProofBody,
        PollKeyBody
    ))
)]
pub struct Api;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/polls", get(list).post(create))
        .route("/polls/{id}", get(show))
        .route("/polls/{id}/counting-committee", put(set_committee))
        .route("/polls/{id}/open", post(open))
        .route("/polls/{id}/close", post(close))
        .route("/polls/{id}/vote", post(vote))
        .route("/polls/{id}/ballot", post(ballot))
        .route("/polls/{id}/paper", get(paper_sheets).post(enter_paper))
        .route("/polls/{id}/published.json", get(published))
        .route("/polls/{id}/proof", get(proof))
        .route("/poll-key", get(poll_key))
}

/// A poll as the API shows it. The result appears once it is closed.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PollBody {
    pub id: i64,
    pub plenum_id: i64,
    /// The poll's public name in receipts and the published tally.
    pub uid: String,
    pub item_id: Option<i64>,
    pub title: String,
    /// motion, election or nomination.
    pub kind: String,
    /// hands, electronic, written, secret or paper.
    pub method: String,
    /// draft, open or closed.
    pub state: String,
    /// The rule set it is held under, fixed at creation.
    #[schema(value_type = Object)]
    pub rules: serde_json::Value,
    pub seats: Option<i64>,
    pub candidates: Vec<String>,
    pub runoff: bool,
    pub show_live: bool,
    pub deadline: Option<i64>,
    /// Delegate ids.
    pub counting_committee: Vec<i64>,
    pub members: Option<i64>,
    pub excluded: Option<i64>,
    pub present: Option<i64>,
    /// How many have voted, never who or how.
    pub voted: i64,
    /// Null until the poll is closed.
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
    pub version: i64,
}

async fn body(state: &AppState, poll: Poll) -> Result<PollBody, AppError> {
    let voted = state.app.store.participation(poll.id).await?;
    let result = outcome::of(&state.app, &poll).await?.map(|o| serde_json::to_value(&o).unwrap_or_default());
    Ok(PollBody {
        id: poll.id,
        plenum_id: poll.plenum_id,
        uid: poll.uid.clone(),
        item_id: poll.item_id,
        title: poll.title.clone(),
        kind: poll.kind.as_str().into(),
        method: poll.method.as_str().into(),
        state: poll.state.as_str().into(),
        rules: serde_json::from_str(&poll.rules).unwrap_or_default(),
        seats: poll.seats,
        candidates: polls::candidates_of(&poll),
        runoff: poll.runoff.0,
        show_live: poll.show_live.0,
        deadline: poll.deadline,
        counting_committee: polls::committee_of(&poll),
        members: poll.members,
        excluded: poll.excluded,
        present: poll.present,
        voted,
        result,
        version: poll.version,
    })
}

/// The polls of a plenum.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/polls", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = [PollBody]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<PollBody>>, AppError> {
    let mut out = Vec::new();
    for p in polls::list(&state.app, &user, id).await? {
        out.push(body(&state, p).await?);
    }
    Ok(Json(out))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewPollBody {
    #[schema(max_length = 500)]
    pub title: String,
    pub item_id: Option<i64>,
    /// motion, election or nomination.
    pub kind: String,
    /// hands, electronic, written, secret or paper. Votes on people are secret or paper.
    pub method: String,
    /// A built-in rule set's name (party-committee, two-thirds, present-majority); the default is party-committee.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub rules: String,
    pub seats: Option<i64>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub candidates: Vec<String>,
    #[serde(default)]
    pub runoff: bool,
    #[serde(default)]
    pub show_live: bool,
    /// A written vote's deadline, microseconds since the epoch.
    pub deadline: Option<i64>,
}

/// Create a poll (the chair).
#[utoipa::path(post, path = "/api/v1/plenums/{id}/polls", params(("id" = i64, Path)), request_body = NewPollBody, security(("bearer" = [])),
    responses((status = 200, body = PollBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<NewPollBody>,
) -> Result<Json<PollBody>, AppError> {
    if b.candidates.len() > polls::MAX_CANDIDATES {
        return Err(AppError::field("candidates", "too-many"));
    }
    let form = polls::PollForm {
        title: b.title,
        item_id: b.item_id,
        kind: b.kind,
        method: b.method,
        rules: b.rules,
        seats: b.seats,
        candidates: b.candidates,
        runoff: b.runoff,
        show_live: b.show_live,
        deadline: b.deadline,
    };
    let poll = polls::create(&state.app, &user, id, form).await?;
    Ok(Json(body(&state, poll).await?))
}

/// One poll.
#[utoipa::path(get, path = "/api/v1/polls/{id}", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = PollBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<PollBody>, AppError> {
    let (poll, _) = polls::get(&state.app, &user, id).await?;
    Ok(Json(body(&state, poll).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CommitteeBody {
    /// Delegate ids: members of the plenum who are not candidates.
    #[schema(max_items = 25)]
    pub delegates: Vec<i64>,
    pub version: i64,
}

/// Name the counting committee of a poll not yet open (the chair).
#[utoipa::path(put, path = "/api/v1/polls/{id}/counting-committee", params(("id" = i64, Path)), request_body = CommitteeBody, security(("bearer" = [])),
    responses((status = 200, body = PollBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn set_committee(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<CommitteeBody>,
) -> Result<Json<PollBody>, AppError> {
    let poll = polls::set_committee(&state.app, &user, id, b.version, b.delegates).await?;
    Ok(Json(body(&state, poll).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct OpenBody {
    /// Members excluded from the base under the rule set.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100000)]
    pub excluded: i64,
    pub version: i64,
}

/// Open a poll: the members, those excluded and those present are counted now.
#[utoipa::path(post, path = "/api/v1/polls/{id}/open", params(("id" = i64, Path)), request_body = OpenBody, security(("bearer" = [])),
    responses((status = 200, body = PollBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<OpenBody>,
) -> Result<Json<PollBody>, AppError> {
    let poll = polls::open(&state.app, &user, id, b.version, b.excluded).await?;
    Ok(Json(body(&state, poll).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HandsBody {
    #[schema(minimum = 0, maximum = 100000)]
    pub yes: i64,
    #[schema(minimum = 0, maximum = 100000)]
    pub no: i64,
    #[schema(minimum = 0, maximum = 100000)]
    pub abstain: i64,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100000)]
    pub not_voting: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CloseBody {
    pub version: i64,
    /// A show of hands as counted.
    pub hands: Option<HandsBody>,
    /// Paper ballots the counting committee issued.
    #[schema(minimum = 0, maximum = 100000)]
    pub issued: Option<i64>,
}

/// Close a poll and count it under its rule set; a secret poll's tally is
/// published and signed.
#[utoipa::path(post, path = "/api/v1/polls/{id}/close", params(("id" = i64, Path)), request_body = CloseBody, security(("bearer" = [])),
    responses((status = 200, body = PollBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<CloseBody>,
) -> Result<Json<PollBody>, AppError> {
    let hands = b.hands.map(|h| Hands { yes: h.yes, no: h.no, abstain: h.abstain, not_voting: h.not_voting });
    let poll = polls::close(&state.app, &user, id, b.version, hands, b.issued).await?;
    Ok(Json(body(&state, poll).await?))
}

fn choice_of(raw: &str) -> Result<Choice, AppError> {
    Choice::parse(raw.trim()).ok_or_else(|| AppError::field("choice", "invalid-choice"))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct VoteBody {
    /// yes, no or abstain.
    pub choice: String,
}

/// A member's named vote on an open poll. 422 `already-voted` on a second one.
#[utoipa::path(post, path = "/api/v1/polls/{id}/vote", params(("id" = i64, Path)), request_body = VoteBody, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn vote(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<VoteBody>,
) -> Result<axum::http::StatusCode, AppError> {
    cast::vote(&state.app, &user, id, choice_of(&b.choice)?).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BallotBody {
    /// On a motion: yes, no or abstain.
    pub choice: Option<String>,
    /// On an election: the names crossed out; every other name is kept.
    #[schema(max_items = 100)]
    pub crossed: Option<Vec<String>>,
}

fn marked(b: BallotBody) -> Result<cast::Marked, AppError> {
    match (b.choice, b.crossed) {
        (Some(c), None) => Ok(cast::Marked::Choice(choice_of(&c)?)),
        (None, Some(names)) if names.len() <= polls::MAX_CANDIDATES => Ok(cast::Marked::Crossed(names)),
        (None, Some(_)) => Err(AppError::field("crossed", "too-many")),
        _ => Err(AppError::field("ballot", "wrong-form")),
    }
}

/// The receipt of a cast ballot, shown once.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReceiptBody {
    /// The ballot's commitment, 64 hex digits. After the close, `GET
    /// /api/v1/polls/{id}/proof?receipt=` proves it is in the published
    /// tally. It proves the ballot was recorded, not what it holds.
    pub receipt: String,
}

/// Cast a secret ballot.
#[utoipa::path(post, path = "/api/v1/polls/{id}/ballot", params(("id" = i64, Path)), request_body = BallotBody, security(("bearer" = [])),
    responses((status = 200, body = ReceiptBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn ballot(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<BallotBody>,
) -> Result<Response, AppError> {
    let receipt = cast::cast(&state.app, &user, id, marked(b)?).await?;
    // Shown once: nothing between here and the voter keeps it.
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(ReceiptBody { receipt })).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PaperBody {
    /// 1 or 2: which of the two independent entries this is.
    #[schema(minimum = 1, maximum = 2)]
    pub counter: i64,
    /// The number on the sheet.
    #[schema(minimum = 1, maximum = 10000)]
    pub sheet: i64,
    pub choice: Option<String>,
    #[schema(max_items = 100)]
    pub crossed: Option<Vec<String>>,
    /// The sheet lacks the counting committee's stamp.
    #[serde(default)]
    pub unstamped: bool,
}

/// Enter one paper ballot as one counter read it (the counting committee).
#[utoipa::path(post, path = "/api/v1/polls/{id}/paper", params(("id" = i64, Path)), request_body = PaperBody, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn enter_paper(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<PaperBody>,
) -> Result<axum::http::StatusCode, AppError> {
    let (counter, sheet, unstamped) = (b.counter, b.sheet, b.unstamped);
    let m = marked(BallotBody { choice: b.choice, crossed: b.crossed })?;
    paper::enter(&state.app, &user, id, counter, sheet, m, unstamped).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PaperEntryBody {
    pub counter: i64,
    pub sheet: i64,
    pub content: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DifferenceBody {
    pub sheet: i64,
    pub first: Option<String>,
    pub second: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PaperSheetsBody {
    pub entries: Vec<PaperEntryBody>,
    /// Every sheet the two counters entered differently; the poll closes when none is left.
    pub differences: Vec<DifferenceBody>,
}

/// The paper ballots as entered, and where the two entries differ.
#[utoipa::path(get, path = "/api/v1/polls/{id}/paper", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = PaperSheetsBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn paper_sheets(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<PaperSheetsBody>, AppError> {
    let (_, entries, differences) = paper::sheets(&state.app, &user, id).await?;
    Ok(Json(PaperSheetsBody {
        entries: entries
            .into_iter()
            .map(|e| PaperEntryBody { counter: e.counter, sheet: e.sheet, content: e.content })
            .collect(),
        differences: differences
            .into_iter()
            .map(|Difference { sheet, first, second }| DifferenceBody { sheet, first, second })
            .collect(),
    }))
}

async fn published_of(state: &AppState, user: &CurrentUser, id: i64) -> Result<PublishedPoll, AppError> {
    let (poll, _) = polls::get(&state.app, user, id).await?;
    if poll.state != PollState::Closed {
        return Err(AppError::field("poll", "not-closed"));
    }
    let text = poll.published.ok_or(AppError::NotFound)?;
    serde_json::from_str(&text).map_err(|e| AppError::Internal(anyhow::anyhow!("a stored published tally: {e}")))
}

/// The signed published tally of a closed secret poll: every ballot's
/// content, every commitment, the Merkle root and the result, for `plenum
/// verify-poll`.
#[utoipa::path(get, path = "/api/v1/polls/{id}/published.json", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Object), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn published(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = published_of(&state, &user, id).await?;
    let name = format!("attachment; filename=\"poll-{}.json\"", p.poll_uid);
    Ok(([(header::CONTENT_DISPOSITION, name)], Json(p)).into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProofQuery {
    /// The receipt code shown when casting.
    #[param(max_length = 200)]
    pub receipt: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProofBody {
    pub index: u64,
    pub size: u64,
    /// Sibling hashes, hex, from the leaf up (RFC 6962 §2.1.1).
    pub proof: Vec<String>,
    pub root: String,
    /// The published tally's signature over its statement, and the key.
    pub signature: String,
    pub public_key: String,
}

/// Proof that the ballot with this receipt is in the published tally.
#[utoipa::path(get, path = "/api/v1/polls/{id}/proof", params(("id" = i64, Path), ProofQuery), security(("bearer" = [])),
    responses((status = 200, body = ProofBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn proof(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<ProofQuery>,
) -> Result<Json<ProofBody>, AppError> {
    let leaf = receipt::parse_receipt(&q.receipt).ok_or_else(|| AppError::field("receipt", "bad-receipt"))?;
    let p = published_of(&state, &user, id).await?;
    let Inclusion { index, size, proof, root } = p.inclusion(&leaf).ok_or(AppError::NotFound)?;
    Ok(Json(ProofBody { index, size, proof, root, signature: p.signature, public_key: p.public_key }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PollKeyBody {
    /// The ed25519 public key that signs published tallies, hex.
    pub public_key: String,
    pub fingerprint: String,
}

/// The key that signs published tallies.
#[utoipa::path(get, path = "/api/v1/poll-key", security(("bearer" = [])),
    responses((status = 200, body = PollKeyBody)))]
pub async fn poll_key(State(state): State<AppState>, _user: CurrentUser) -> Json<PollKeyBody> {
    Json(PollKeyBody { public_key: state.app.signer.public_hex(), fingerprint: state.app.signer.fingerprint() })
}
