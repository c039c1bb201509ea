//! The delegate's tablet: the session and item under discussion, asking to
//! speak or announcing a written opinion, one's place in the list, and the
//! written opinion itself. Anyone who may see the plenum may look; acting
//! needs a delegate of this plenum signed in as the user.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::conduct::floor::{self, EntryAction};
use plenum_app::conduct::opinions::{self, OpinionInput};
use plenum_core::conduct::record::Stance;
use plenum_core::conduct::speakers::{EntryKind, SessionStatus};
use plenum_store::{Delegate, MeetingSession, Opinion, Plenum};
use serde::Deserialize;

use super::view::{form_errors, item_label, Notice, Row, Snapshot};
use super::{session_of, taking_part, watched, FloorQuery, LIVE_ON};
use crate::conduct::citation::Citations;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

/// Who holds the tablet.
pub struct Me {
    pub delegate: Option<Delegate>,
    /// May act: a delegate signed in, with the right to take part.
    pub acts: bool,
}

/// The floor as seen from one delegate's seat.
pub struct TabletView {
    pub f: Snapshot,
    pub me: Me,
    lang: Lang,
}

impl TabletView {
    /// The holder's own entries still in play (speaking or waiting).
    pub fn mine(&self) -> Vec<&Row> {
        let Some(d) = &self.me.delegate else { return Vec::new() };
        self.f.speaking.iter().chain(self.f.waiting.iter()).filter(|r| r.e.delegate_id == d.id).collect()
    }

    /// Has the holder already asked (to speak, or to write) on the current item?
    pub fn asked(&self, kind: &str) -> bool {
        let item = self.f.item.as_ref().map(|i| i.id);
        self.mine().iter().any(|r| r.e.kind.as_str() == kind && Some(r.e.item_id) == item)
    }

    /// "Bạn đứng thứ 3 trong danh sách phát biểu".
    pub fn place_text(&self, place: impl std::fmt::Display) -> String {
        self.lang.t_args("floor-your-place", &[("place", place.to_string())])
    }

    /// Sessions worth switching to from a tablet: those not yet closed, and the one shown.
    pub fn switchable(&self) -> Vec<&MeetingSession> {
        self.f.sessions.iter().filter(|s| s.status != SessionStatus::Closed || s.id == self.f.session_id()).collect()
    }

    pub fn waiting_text(&self) -> String {
        self.lang.t_args("floor-waiting-count", &[("count", self.f.up_next(usize::MAX).count().to_string())])
    }
}

#[derive(Template)]
#[template(path = "floor_tablet.html")]
struct TabletPage {
    c: Chrome,
    v: TabletView,
    live_on: &'static str,
    notice: Option<Notice>,
    errors: Vec<(String, String)>,
    form: OpinionForm,
    stances: Vec<(&'static str, String)>,
    /// The passages of the plenum's drafts, to cite one by choosing it.
    citations: Option<Citations>,
    /// Opinions sent: (opinion, its item, the passage it cites as people read it).
    sent: Vec<(Opinion, String, String)>,
}

impl TabletPage {
    fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|(f, _)| f == field)
    }
}

#[derive(Template)]
#[template(path = "floor_tablet_live.html")]
struct TabletLive {
    c: Chrome,
    v: TabletView,
}

fn stance_label(lang: Lang, s: Stance) -> String {
    match s {
        Stance::Agree => lang.t("floor-stance-agree"),
        Stance::Disagree => lang.t("floor-stance-disagree"),
        Stance::ProposeChange => lang.t("floor-stance-propose-change"),
        Stance::Other => lang.t("floor-stance-other"),
    }
}

#[derive(Deserialize, Default)]
pub struct OpinionForm {
    #[serde(default)]
    session_id: Option<i64>,
    #[serde(default)]
    item_id: String,
    #[serde(default)]
    passage_anchor: String,
    #[serde(default)]
    stance: String,
    #[serde(default)]
    text: String,
    /// `convert` or `keep`, for text that looks legacy-encoded (`pages::pasted`).
    #[serde(default)]
    pasted: String,
}

async fn me(state: &AppState, c: &Chrome, plenum: &Plenum) -> Result<Me, AppError> {
    let (delegate, acts) = floor::seat(&state.app, c.require_user()?, plenum).await?;
    Ok(Me { delegate, acts })
}

async fn view(state: &AppState, c: &Chrome, plenum: Plenum, session: Option<i64>) -> Result<TabletView, AppError> {
    let me = me(state, c, &plenum).await?;
    let group = me.delegate.as_ref().and_then(|d| d.group_id);
    let f = Snapshot::load(state, plenum, session, group, false).await?;
    Ok(TabletView { f, me, lang: c.t.0 })
}

async fn page(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    q: FloorQuery,
    errors: Vec<(String, String)>,
    mut form: OpinionForm,
) -> Result<Response, AppError> {
    let v = view(state, &c, plenum, q.session).await?;
    if form.item_id.is_empty() {
        form.item_id = v.f.item.as_ref().map(|i| i.id.to_string()).unwrap_or_default();
    }
    let f = &v.f;
    let citations = if v.me.acts {
        let citable = opinions::citable(&state.app, c.require_user()?, &f.plenum).await?;
        let labels = state.store.passage_labels(f.plenum.id).await?;
        let heading = |x: &opinions::Citable| {
            let item = f.items.iter().find(|i| i.id == x.document.item_id).map(|i| i.ordinal).unwrap_or_default();
            c.t.0.t_args(
                "tab-passage-group",
                &[
                    ("item", item.to_string()),
                    ("document", x.document.title.clone()),
                    ("version", x.version.to_string()),
                ],
            )
        };
        Some(Citations::new(&citable, &labels, heading))
    } else {
        None
    };
    let sent = match (&v.me.delegate, &citations) {
        (Some(d), Some(cited)) => state
            .store
            .opinions(f.plenum.id)
            .await?
            .into_iter()
            .filter(|o| o.delegate_id == d.id && o.speech_id.is_none())
            .map(|o| {
                let item = f.items.iter().find(|i| i.id == o.item_id).map(item_label).unwrap_or_default();
                let passage = o.passage_anchor.as_deref().map(|a| cited.read(a)).unwrap_or_default();
                (o, item, passage)
            })
            .collect(),
        _ => Vec::new(),
    };
    let notice = Notice::from_code(c.t.0, q.notice.as_deref());
    let stances = Stance::ALL.iter().map(|s| (s.as_str(), stance_label(c.t.0, *s))).collect();
    render(&TabletPage { c, v, live_on: LIVE_ON, notice, errors, form, stances, citations, sent })
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = watched(&state, &c, id).await?;
    page(&state, c, plenum, q, Vec::new(), OpinionForm::default()).await
}

pub async fn fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = watched(&state, &c, id).await?;
    let v = view(&state, &c, plenum, q.session).await?;
    render(&TabletLive { c, v })
}

fn back(plenum: i64, session: i64, notice: &str, anchor: &str) -> Response {
    see_other(&format!("/plenums/{plenum}/tablet?session={session}&notice={notice}#{anchor}"))
}

#[derive(Deserialize)]
pub struct AskForm {
    session_id: i64,
    /// "speak" or "written".
    kind: String,
}

/// Ask to speak on the session's current item, or announce a written opinion on it.
pub async fn ask(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<AskForm>,
) -> Result<Response, AppError> {
    let (user, plenum) = taking_part(&state, &c, id).await?;
    let session = session_of(&state, &plenum, f.session_id).await?;
    match floor::ask(&state.app, &user, session.id, None, None, &f.kind).await.map_err(AppError::from) {
        // Announcing a written opinion leads straight to the form for it.
        Ok(e) if e.kind == EntryKind::Written => Ok(back(plenum.id, session.id, "written", "opinion")),
        Ok(_) => Ok(back(plenum.id, session.id, "requested", "floor")),
        Err(AppError::Conflict(code)) if Notice::code_for(code).is_some() => {
            Ok(back(plenum.id, session.id, code, "floor"))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    session_id: i64,
}

/// Withdraw one's own request. Unlike the chair's console this carries no
/// version: the delegate acts on their own entry only, and the store still
/// refuses unless it is waiting, so a concurrent reorder cannot be undone by it.
pub async fn withdraw(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, eid)): Path<(i64, i64)>,
    Form(f): Form<WithdrawForm>,
) -> Result<Response, AppError> {
    let (user, plenum) = taking_part(&state, &c, id).await?;
    let session = session_of(&state, &plenum, f.session_id).await?;
    match floor::act(&state.app, &user, session.id, eid, -1, EntryAction::Withdraw).await.map_err(AppError::from) {
        Ok(_) => Ok(back(plenum.id, session.id, "withdrawn", "floor")),
        Err(AppError::Conflict(code)) if Notice::code_for(code).is_some() => {
            Ok(back(plenum.id, session.id, code, "floor"))
        }
        Err(e) => Err(e),
    }
}

/// A written opinion: on an item, perhaps on one passage, with a stance.
pub async fn send_opinion(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<OpinionForm>,
) -> Result<Response, AppError> {
    let (user, plenum) = taking_part(&state, &c, id).await?;
    let r = match crate::pages::pasted::resolve("text", &f.text, &f.pasted) {
        Err(e) => Err(AppError::Unprocessable(e)),
        Ok(text) => {
            let o = OpinionInput {
                item_id: f.item_id.trim().parse::<i64>().ok(),
                passage_anchor: Some(f.passage_anchor.clone()),
                stance: f.stance.clone(),
                text,
            };
            opinions::write_own(&state.app, &user, plenum.id, o).await.map_err(AppError::from)
        }
    };
    match r {
        Ok(_) => {
            let session = f.session_id.map(|s| format!("session={s}&")).unwrap_or_default();
            Ok(see_other(&format!("/plenums/{}/tablet?{session}notice=opinion-sent#sent", plenum.id)))
        }
        Err(AppError::Unprocessable(e)) => {
            let errors = form_errors(c.t.0, &e);
            let q = FloorQuery { session: f.session_id, notice: None };
            let mut res = page(&state, c, plenum, q, errors, f).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
