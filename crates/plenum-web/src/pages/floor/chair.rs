//! The chair's console: pick or create a session, open and close it, set its
//! current item and default speaking time, and run the speaker list.
//!
//! Every form carries the session version it was rendered with. When another
//! console changed the list first, the store refuses the change as stale and
//! the console comes back with the fresh list and a message saying so
//! (Post/Redirect/Get with `?notice=stale`): nothing is overwritten unseen.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::conduct::floor::{self, EntryAction};
use plenum_app::conduct::sessions;
use plenum_store::input::{NewMeetingSession, SessionChange};
use plenum_store::{Delegate, DiscussionGroup, Plenum};
use serde::Deserialize;

use super::view::{form_errors, Notice, Snapshot};
use super::{presided, session_of, FloorQuery, LIVE_ON};
use crate::conduct::floor::minutes_to_seconds;
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "floor_chair.html")]
struct ChairPage {
    c: Chrome,
    f: Snapshot,
    live_on: &'static str,
    notice: Option<Notice>,
    errors: Vec<(String, String)>,
    groups: Vec<DiscussionGroup>,
    delegates: Vec<Delegate>,
    create: CreateForm,
}

#[derive(Template)]
#[template(path = "floor_chair_live.html")]
struct ChairLive {
    c: Chrome,
    f: Snapshot,
}

#[derive(Deserialize, Default)]
pub struct CreateForm {
    #[serde(default)]
    group_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    minutes: String,
    /// Set when the form comes back with errors, so it is shown open.
    #[serde(skip)]
    open: bool,
}

async fn page(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    session: Option<i64>,
    notice: Option<Notice>,
    errors: Vec<(String, String)>,
    create: CreateForm,
) -> Result<Response, AppError> {
    let groups = state.store.groups(plenum.id).await?;
    let delegates = state.store.delegates(plenum.id).await?;
    let f = Snapshot::load(state, plenum, session, None, true).await?;
    render(&ChairPage { c, f, live_on: LIVE_ON, notice, errors, groups, delegates, create })
}

/// The page again, with field errors, answering 422.
async fn with_errors(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    session: Option<i64>,
    e: &plenum_core::FieldErrors,
    create: CreateForm,
) -> Result<Response, AppError> {
    let errors = form_errors(c.t.0, e);
    let mut res = page(state, c, plenum, session, None, errors, create).await?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = presided(&state, &c, id).await?;
    let notice = Notice::from_code(c.t.0, q.notice.as_deref());
    page(&state, c, plenum, q.session, notice, Vec::new(), CreateForm::default()).await
}

/// The console's live part: session settings, the speaker and the list.
pub async fn fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = presided(&state, &c, id).await?;
    let f = Snapshot::load(&state, plenum, q.session, None, true).await?;
    render(&ChairLive { c, f })
}

/// Back to the console on the same session, with a notice if refused.
fn back(plenum: i64, session: i64, notice: Option<&str>) -> Response {
    let notice = notice.map(|n| format!("&notice={n}")).unwrap_or_default();
    see_other(&format!("/plenums/{plenum}/chair?session={session}{notice}#floor"))
}

/// After an action: back to the console, with the refusal named, or the
/// page again with field errors.
async fn settle(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    session: i64,
    r: Result<(), AppError>,
) -> Result<Response, AppError> {
    match r {
        Ok(()) => Ok(back(plenum.id, session, None)),
        Err(AppError::Conflict(code)) if Notice::code_for(code).is_some() => Ok(back(plenum.id, session, Some(code))),
        Err(AppError::Unprocessable(e)) => {
            with_errors(state, c, plenum, Some(session), &e, CreateForm::default()).await
        }
        Err(e) => Err(e),
    }
}

pub async fn create_session(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(mut f): Form<CreateForm>,
) -> Result<Response, AppError> {
    let (user, plenum) = presided(&state, &c, id).await?;
    let group_id = f.group_id.trim().parse::<i64>().ok();
    let seconds = minutes_to_seconds(&f.minutes).unwrap_or(0);
    let new = NewMeetingSession {
        plenum_id: plenum.id,
        kind: if group_id.is_some() { "group" } else { "plenary" }.into(),
        group_id,
        title: f.title.clone(),
        speaking_seconds: seconds,
    };
    match sessions::create(&state.app, &user, new).await {
        Ok(s) => Ok(back(plenum.id, s.id, None)),
        Err(plenum_app::Error::Invalid(e)) => {
            f.open = true;
            with_errors(&state, c, plenum, None, &e, f).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct SessionForm {
    version: i64,
    current_item_id: Option<String>,
    minutes: Option<String>,
    status: Option<String>,
}

pub async fn update_session(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, sid)): Path<(i64, i64)>,
    Form(f): Form<SessionForm>,
) -> Result<Response, AppError> {
    let (user, plenum) = presided(&state, &c, id).await?;
    session_of(&state, &plenum, sid).await?;
    let change = SessionChange {
        // The "no item" choice is 0, which clears the current item.
        current_item_id: f.current_item_id.as_deref().and_then(|v| v.trim().parse().ok()),
        speaking_seconds: f.minutes.as_deref().map(|m| minutes_to_seconds(m).unwrap_or(0)),
        status: f.status,
    };
    let r = sessions::update(&state.app, &user, sid, f.version, change).await.map(|_| ()).map_err(AppError::from);
    settle(&state, c, plenum, sid, r).await
}

#[derive(Deserialize)]
pub struct AddForm {
    delegate_id: i64,
    kind: String,
}

/// The chair puts someone on the list, on the current item.
pub async fn add_speaker(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, sid)): Path<(i64, i64)>,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    let (user, plenum) = presided(&state, &c, id).await?;
    session_of(&state, &plenum, sid).await?;
    let r = floor::ask(&state.app, &user, sid, Some(f.delegate_id), None, &f.kind)
        .await
        .map(|_| ())
        .map_err(AppError::from);
    settle(&state, c, plenum, sid, r).await
}

#[derive(Deserialize)]
pub struct EntryForm {
    version: i64,
    to: Option<i64>,
    minutes: Option<String>,
}

pub async fn entry_action(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, sid, eid, action)): Path<(i64, i64, i64, String)>,
    Form(f): Form<EntryForm>,
) -> Result<Response, AppError> {
    let (user, plenum) = presided(&state, &c, id).await?;
    session_of(&state, &plenum, sid).await?;
    let seconds = f.minutes.as_deref().map(|m| minutes_to_seconds(m).unwrap_or(0));
    let action = EntryAction::parse(&action, f.to, seconds)?;
    let r = floor::act(&state.app, &user, sid, eid, f.version, action).await.map(|_| ()).map_err(AppError::from);
    settle(&state, c, plenum, sid, r).await
}
