//! A closed poll's record in Party form, DOCX and PDF, at one address per
//! poll: the counting minutes (biên bản kiểm phiếu) of a ballot on people,
//! with a signature line for each member of its counting committee, or the
//! result sheet of a vote on a motion. For whoever may see the plenum. The
//! same handlers answer the pages' and the API's addresses.

use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::decide::outcome::{self, Outcome};
use plenum_app::decide::polls;
use plenum_core::decide::poll::{PollKind, PollMethod};
use plenum_docs::export::minutes::{self, BallotKind, CountingMinutes, Header, Person, ResultSheet};
use plenum_docs::export::party::{self, PartyDocument};
use plenum_store::decide::Poll;
use plenum_store::Plenum;
use utoipa::OpenApi;

use super::synthesis::FileBody;
use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::pages::Chrome;
use crate::routes::{get, Routes};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(minutes_docx, minutes_pdf))]
pub struct Api;

pub fn router() -> Routes {
    Routes::new()
        .route("/polls/{id}/minutes.docx", get(minutes_docx))
        .route("/polls/{id}/minutes.pdf", get(minutes_pdf))
}

/// A closed poll's record as DOCX: the counting minutes of a ballot on
/// people, the result sheet of a vote on a motion.
#[utoipa::path(get, path = "/api/v1/polls/{id}/minutes.docx", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, description = "The counting minutes or the result sheet in Party form",
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = inline(FileBody)),
        (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn minutes_docx(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, FileType::Docx).await
}

/// A closed poll's record as PDF: the counting minutes of a ballot on
/// people, the result sheet of a vote on a motion.
#[utoipa::path(get, path = "/api/v1/polls/{id}/minutes.pdf", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, description = "The counting minutes or the result sheet in Party form", content_type = "application/pdf", body = inline(FileBody)),
        (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn minutes_pdf(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, FileType::Pdf).await
}

async fn file(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    as_type: FileType,
) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let (poll, plenum) = polls::get(&state.app, user, id).await?;
    let outcome = outcome::of(&state.app, &poll).await?.ok_or_else(|| AppError::field("poll", "not-closed"))?;
    let header = header(&state, &c, &plenum, &poll).await?;
    let minutes = matches!(outcome, Outcome::Election { .. });
    let doc = match &outcome {
        Outcome::Election { issued, result } => {
            minutes::counting_minutes(&counting(&state, &poll, header, *issued, result.clone()).await?)
        }
        Outcome::Motion { counts, result } => minutes::result_sheet(&ResultSheet {
            header,
            title: poll.title.clone(),
            method: method_words(poll.method).into(),
            rules_name: polls::rules_held(&poll).name,
            members: u(poll.members),
            excluded: u(poll.excluded),
            present: u(poll.present),
            yes: counts.yes.max(0) as u64,
            no: counts.no.max(0) as u64,
            abstain: counts.abstain.max(0) as u64,
            not_voting: counts.not_voting.max(0) as u64,
            result: result.clone(),
        }),
    };
    let name = format!("{} - {}", if minutes { "Biên bản kiểm phiếu" } else { "Kết quả biểu quyết" }, poll.title);
    render(as_type, &name, doc).await
}

async fn render(as_type: FileType, name: &str, doc: PartyDocument) -> Result<Response, AppError> {
    match as_type {
        FileType::Pdf => attachment(as_type, name, move || party::pdf(&[doc])).await,
        _ => attachment(as_type, name, move || party::docx(&[doc])).await,
    }
}

fn u(n: Option<i64>) -> u64 {
    n.unwrap_or(0).max(0) as u64
}

/// How the vote was taken, in the minutes' words (Party documents are in Vietnamese).
fn method_words(m: PollMethod) -> &'static str {
    match m {
        PollMethod::Hands => "giơ tay",
        PollMethod::Electronic => "biểu quyết điện tử",
        PollMethod::Written => "lấy ý kiến bằng văn bản",
        PollMethod::Secret => "bỏ phiếu kín điện tử",
        PollMethod::Paper => "bỏ phiếu kín bằng phiếu giấy",
    }
}

/// The head: the Party organization and the committee, the plenum's city,
/// and the day the poll closed in Hà Nội.
async fn header(state: &AppState, c: &Chrome, plenum: &Plenum, poll: &Poll) -> Result<Header, AppError> {
    let head = super::party_head(state, c.t.0, plenum).await?;
    let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").map_err(|e| AppError::Internal(e.into()))?;
    let closed = poll.closed_at.unwrap_or_else(plenum_store::store::now_micros);
    let at = jiff::Timestamp::from_microsecond(closed).map_err(|e| AppError::Internal(e.into()))?.to_zoned(tz);
    Ok(Header {
        issuer_parent: head.issuer_parent,
        issuer: head.issuer,
        place: plenum.place.rsplit(',').next().unwrap_or_default().trim().to_string(),
        date: (at.year() as i32, at.month() as u8, at.day() as u8),
        plenum_title: plenum.title.clone(),
    })
}

async fn counting(
    state: &AppState,
    poll: &Poll,
    header: Header,
    issued: i64,
    result: plenum_core::decide::ElectionResult,
) -> Result<CountingMinutes, AppError> {
    let roster = state.store.delegates(poll.plenum_id).await?;
    let committee = polls::committee_of(poll);
    let counting_committee = committee
        .iter()
        .enumerate()
        .filter_map(|(i, id)| roster.iter().find(|d| d.id == *id).map(|d| (i, d)))
        .map(|(i, d)| Person {
            name: d.full_name.clone(),
            role: if i == 0 { "Trưởng ban".into() } else { "Ủy viên".into() },
        })
        .collect();
    let root = match poll.method {
        PollMethod::Secret => poll
            .published
            .as_deref()
            .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
            .and_then(|v| v["root"].as_str().map(str::to_string)),
        _ => None,
    };
    let (summoned, present) = (u(poll.members), u(poll.present));
    Ok(CountingMinutes {
        header,
        kind: if poll.kind == PollKind::Nomination { BallotKind::Nomination } else { BallotKind::Election },
        title: poll.title.clone(),
        round: if poll.runoff.0 { 2 } else { 1 },
        mode: if poll.method == PollMethod::Paper { "phiếu giấy" } else { "điện tử" }.into(),
        rules_name: polls::rules_held(poll).name,
        seats: poll.seats.map(|s| s.max(0) as u64),
        candidates: polls::candidates_of(poll),
        counting_committee,
        summoned,
        excluded: u(poll.excluded),
        present,
        absent: summoned.saturating_sub(u(poll.excluded)).saturating_sub(present),
        issued: issued.max(0) as u64,
        result,
        confidence: Vec::new(),
        root,
    })
}
