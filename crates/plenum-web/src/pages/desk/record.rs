//! The desk page: choose a session, record a speech, then its opinions one
//! after another; the session's record so far, newest first, kept live.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use plenum_app::conduct::opinions::{self, OpinionInput};
use plenum_app::conduct::recording;
use plenum_app::conduct::speeches::{self, SpeechInput};
use plenum_core::conduct::record::RecordingScope;
use plenum_core::conduct::speakers::SessionStatus;
use plenum_core::FieldErrors;
use plenum_store::{AgendaItem, Delegate, MeetingSession, Opinion, Plenum, Speech};
use serde::Deserialize;

use super::views::{
    desk_errors, has_error, resolve_speaker, speakers, speech_views, Lookup, Speaker, SpeechView, StanceOption, STANCES,
};
use crate::auth::CurrentUser;
use crate::conduct::desk::minutes_to_seconds;
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

/// What the desk knows of a plenum for one recorder.
pub struct Ctx {
    pub plenum: Plenum,
    pub scope: RecordingScope,
    /// The sessions this recorder may record in.
    pub sessions: Vec<MeetingSession>,
    all_sessions: Vec<MeetingSession>,
    pub items: Vec<AgendaItem>,
    pub delegates: Vec<Delegate>,
    /// (anchor, label) of the plenum's passages, for showing citations.
    pub labels: Vec<(String, String)>,
}

impl Ctx {
    pub async fn load(state: &AppState, user: &CurrentUser, plenum_id: i64) -> Result<Ctx, AppError> {
        let (plenum, scope) = recording::desk(&state.app, user, plenum_id).await?;
        let (all_sessions, items, delegates, labels) = tokio::try_join!(
            state.store.meeting_sessions(plenum_id),
            state.store.agenda_items(plenum_id),
            state.store.delegates(plenum_id),
            state.store.passage_labels(plenum_id)
        )?;
        let sessions = all_sessions.iter().filter(|s| scope.allows(s.group_id)).cloned().collect();
        Ok(Ctx { plenum, scope, sessions, all_sessions, items, delegates, labels })
    }

    /// A session of this plenum: 404 if there is none, 403 if it is not this recorder's.
    pub fn session(&self, id: i64) -> Result<MeetingSession, AppError> {
        match self.all_sessions.iter().find(|s| s.id == id) {
            None => Err(AppError::NotFound),
            Some(s) if self.scope.allows(s.group_id) => Ok(s.clone()),
            Some(_) => Err(AppError::Forbidden),
        }
    }

    /// The one to open with: the first open session, else the first at all.
    fn default_session(&self) -> Option<MeetingSession> {
        self.sessions.iter().find(|s| s.status == SessionStatus::Open).or(self.sessions.first()).cloned()
    }

    fn has_item(&self, id: i64) -> bool {
        self.items.iter().any(|i| i.id == id)
    }
}

#[derive(Deserialize, Default)]
pub struct DeskQuery {
    session: Option<i64>,
    /// The speech whose opinions are being recorded.
    speech: Option<i64>,
    /// The item the next opinion is about.
    item: Option<i64>,
}

#[derive(Deserialize, Default, Clone)]
pub struct SpeechForm {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    pub speaker: String,
    #[serde(default)]
    pub item_id: String,
    #[serde(default)]
    pub minutes: String,
}

#[derive(Deserialize, Default, Clone)]
pub struct OpinionForm {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    speech_id: String,
    #[serde(default)]
    pub item_id: String,
    /// The item the form showed as the speech's own, beside its number and speaker.
    #[serde(default)]
    speech_item_id: String,
    #[serde(default)]
    pub passage_anchor: String,
    #[serde(default)]
    pub stance: String,
    #[serde(default)]
    pub text: String,
    /// `convert` or `keep`, for text that looks legacy-encoded (`pages::pasted`).
    #[serde(default)]
    pub pasted: String,
}

/// The session's record, as the page and its live fragment show it.
pub struct SpeechLog {
    pub plenum_id: i64,
    pub session_id: i64,
    /// The speech receiving opinions, highlighted.
    pub current: Option<i64>,
    pub speeches: Vec<SpeechView>,
    pub opinions: usize,
}

impl SpeechLog {
    pub fn count(&self, t: &crate::i18n::Tr) -> String {
        t.0.t_args(
            "desk-count",
            &[("speeches", self.speeches.len().to_string()), ("opinions", self.opinions.to_string())],
        )
    }

    pub fn is_current(&self, speech_id: &i64) -> bool {
        self.current == Some(*speech_id)
    }

    pub fn src(&self) -> String {
        let current = self.current.map(|s| format!("&speech={s}")).unwrap_or_default();
        format!("/plenums/{}/desk/fragments/speeches?session={}{current}", self.plenum_id, self.session_id)
    }
}

#[derive(Template)]
#[template(path = "desk_speeches.html")]
struct LogFragment {
    c: Chrome,
    log: SpeechLog,
}

#[derive(Template)]
#[template(path = "desk.html")]
struct DeskPage {
    c: Chrome,
    plenum: Plenum,
    sessions: Vec<MeetingSession>,
    session: Option<MeetingSession>,
    items: Vec<AgendaItem>,
    speakers: Vec<Speaker>,
    stances: &'static [StanceOption],
    speech_form: SpeechForm,
    speech_errors: Vec<(String, String)>,
    current: Option<SpeechView>,
    opinion_form: OpinionForm,
    opinion_errors: Vec<(String, String)>,
    /// The id of the field that gets the focus.
    focus: &'static str,
    log: Option<SpeechLog>,
}

impl DeskPage {
    fn status(&self, status: &str) -> String {
        match status {
            "open" => self.c.t.s("desk-status-open"),
            "closed" => self.c.t.s("desk-status-closed"),
            _ => self.c.t.s("desk-status-planned"),
        }
    }
    fn speech_invalid(&self, field: &str) -> bool {
        has_error(&self.speech_errors, field)
    }
    fn opinion_invalid(&self, field: &str) -> bool {
        has_error(&self.opinion_errors, field)
    }
}

/// What a form post brings back to the page: the typed values and their problems.
#[derive(Default)]
struct Entry {
    speech_form: Option<SpeechForm>,
    speech_errors: Vec<(String, String)>,
    opinion_form: Option<OpinionForm>,
    opinion_errors: Vec<(String, String)>,
}

/// The first field with a problem, by its element id; else where work continues.
fn focus_for(entry: &Entry, adding_opinions: bool) -> &'static str {
    const SPEECH: [(&str, &str); 5] = [
        ("speaker", "speaker"),
        ("delegate_id", "speaker"),
        ("item_id", "speech-item"),
        ("minutes", "minutes"),
        ("seconds", "minutes"),
    ];
    const OPINION: [(&str, &str); 4] =
        [("item_id", "opinion-item"), ("passage_anchor", "anchor"), ("stance", "stance-1"), ("text", "opinion-text")];
    let first = |errors: &[(String, String)], fields: &[(&'static str, &'static str)]| {
        fields.iter().find(|(f, _)| has_error(errors, f)).map(|(_, id)| *id)
    };
    first(&entry.speech_errors, &SPEECH)
        .or_else(|| first(&entry.opinion_errors, &OPINION))
        .or_else(|| (!entry.opinion_errors.is_empty()).then_some("opinion-text"))
        .unwrap_or(if adding_opinions { "opinion-text" } else { "speaker" })
}

async fn page(
    state: &AppState,
    c: Chrome,
    ctx: Ctx,
    session: Option<MeetingSession>,
    q: DeskQuery,
    entry: Entry,
    status: StatusCode,
) -> Result<Response, AppError> {
    let Some(session) = session else {
        let focus = focus_for(&entry, false);
        let page = DeskPage {
            c,
            plenum: ctx.plenum,
            sessions: ctx.sessions,
            session: None,
            items: ctx.items,
            speakers: Vec::new(),
            stances: &STANCES,
            speech_form: SpeechForm::default(),
            speech_errors: Vec::new(),
            current: None,
            opinion_form: OpinionForm::default(),
            opinion_errors: Vec::new(),
            focus,
            log: None,
        };
        return Ok((status, render(&page)?).into_response());
    };
    let (speeches, opinions) =
        tokio::try_join!(state.store.speeches(ctx.plenum.id), state.store.opinions(ctx.plenum.id))?;
    let log = session_log(c.t, &ctx, &session, q.speech, &speeches, &opinions);
    let current_id = log.current;
    let current = log.speeches.iter().find(|s| Some(s.id) == current_id).map(|s| SpeechView {
        id: s.id,
        number: s.number,
        speaker: s.speaker.clone(),
        item_ordinal: s.item_ordinal,
        item_id: s.item_id,
        time: s.time.clone(),
        length: s.length.clone(),
        opinions: Vec::new(),
    });
    let newest_item = speeches.iter().rev().find(|s| s.session_id == session.id).map(|s| s.item_id);
    let default_item = session.current_item_id.or(newest_item).or(ctx.items.first().map(|i| i.id)).unwrap_or_default();
    let speech_form =
        entry.speech_form.clone().unwrap_or(SpeechForm { item_id: default_item.to_string(), ..Default::default() });
    let opinion_item =
        q.item.filter(|i| ctx.has_item(*i)).or(current.as_ref().map(|s| s.item_id)).unwrap_or(default_item);
    let opinion_form =
        entry.opinion_form.clone().unwrap_or(OpinionForm { item_id: opinion_item.to_string(), ..Default::default() });
    let focus = focus_for(&entry, q.speech.is_some() && current.is_some());
    let page = DeskPage {
        c,
        speakers: speakers(&ctx.delegates, session.group_id),
        plenum: ctx.plenum,
        sessions: ctx.sessions,
        session: Some(session),
        items: ctx.items,
        stances: &STANCES,
        speech_form,
        speech_errors: entry.speech_errors,
        current,
        opinion_form,
        opinion_errors: entry.opinion_errors,
        focus,
        log: Some(log),
    };
    Ok((status, render(&page)?).into_response())
}

/// The session's speeches, newest first; the current one is the asked-for
/// speech if it is in this session, else the newest.
fn session_log(
    t: crate::i18n::Tr,
    ctx: &Ctx,
    session: &MeetingSession,
    wanted: Option<i64>,
    speeches: &[Speech],
    opinions: &[Opinion],
) -> SpeechLog {
    let lookup = Lookup::new(&ctx.items, &ctx.delegates, &ctx.labels);
    let views = speech_views(t, &lookup, session.id, speeches, opinions);
    let current = wanted.filter(|w| views.iter().any(|s| s.id == *w)).or(views.first().map(|s| s.id));
    let opinions = views.iter().map(|s| s.opinions.len()).sum();
    SpeechLog { plenum_id: ctx.plenum.id, session_id: session.id, current, speeches: views, opinions }
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<DeskQuery>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let ctx = Ctx::load(&state, &user, id).await?;
    let session = match q.session {
        Some(sid) => Some(ctx.session(sid)?),
        None => ctx.default_session(),
    };
    page(&state, c, ctx, session, q, Entry::default(), StatusCode::OK).await
}

fn form_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// Record a speech, then go on to its opinions.
pub async fn add_speech(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<SpeechForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let ctx = Ctx::load(&state, &user, id).await?;
    let session = ctx.session(form_id(&f.session_id)?)?;
    let mut e = FieldErrors::default();
    let delegate_id = resolve_speaker(&speakers(&ctx.delegates, session.group_id), &f.speaker);
    if delegate_id.is_none() {
        e.push("speaker", if f.speaker.trim().is_empty() { "required" } else { "not-found" });
    }
    let item_id = f.item_id.trim().parse::<i64>().ok().filter(|i| ctx.has_item(*i));
    if item_id.is_none() {
        e.push("item_id", "invalid-choice");
    }
    let seconds = minutes_to_seconds(&f.minutes).unwrap_or_else(|code| {
        e.push("minutes", code);
        None
    });
    if let (Some(delegate_id), Some(item_id), true) = (delegate_id, item_id, e.is_empty()) {
        let new = SpeechInput { delegate_id, item_id: Some(item_id), speaker_entry_id: None, seconds };
        match speeches::record(&state.app, &user, session.id, new).await {
            Ok(s) => return Ok(see_other(&format!("/plenums/{id}/desk?session={}&speech={}", session.id, s.id))),
            Err(plenum_app::Error::Invalid(fe)) => e = fe,
            Err(other) => return Err(other.into()),
        }
    }
    let entry = Entry { speech_errors: desk_errors(c.t, &e), speech_form: Some(f), ..Default::default() };
    page(&state, c, ctx, Some(session), DeskQuery::default(), entry, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// Record one opinion of a speech, then ready the form for the next one.
pub async fn add_opinion(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<OpinionForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let ctx = Ctx::load(&state, &user, id).await?;
    let session = ctx.session(form_id(&f.session_id)?)?;
    let speech = state.store.speech(form_id(&f.speech_id)?).await?;
    if speech.session_id != session.id {
        return Err(AppError::NotFound);
    }
    // An item left at what the form showed as the speech's own is the speech's
    // item as stored: a page out of step with the speech cannot file the
    // opinion under another speech's item. Only an item chosen on purpose is
    // taken as given (an opinion may be about another item than the speech's).
    // An unreadable item becomes 0, which the store reports as a field error with the others.
    let item_id = (f.item_id.trim() != f.speech_item_id.trim()).then(|| f.item_id.trim().parse::<i64>().unwrap_or(0));
    let e = match crate::pages::pasted::resolve("text", &f.text, &f.pasted) {
        Err(fe) => fe,
        Ok(text) => {
            let new = OpinionInput {
                item_id,
                passage_anchor: Some(f.passage_anchor.clone()),
                stance: f.stance.clone(),
                text,
            };
            match opinions::add_to_speech(&state.app, &user, speech.id, new).await {
                Ok(o) => {
                    return Ok(see_other(&format!(
                        "/plenums/{id}/desk?session={}&speech={}&item={}",
                        session.id, speech.id, o.item_id
                    )))
                }
                Err(plenum_app::Error::Invalid(fe)) => fe,
                Err(other) => return Err(other.into()),
            }
        }
    };
    let entry = Entry { opinion_errors: desk_errors(c.t, &e), opinion_form: Some(f), ..Default::default() };
    let q = DeskQuery { session: Some(session.id), speech: Some(speech.id), item: None };
    page(&state, c, ctx, Some(session), q, entry, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The session's record alone, refetched live when anything is recorded.
pub async fn speeches_fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<DeskQuery>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let ctx = Ctx::load(&state, &user, id).await?;
    let session = ctx.session(q.session.ok_or(AppError::NotFound)?)?;
    let (speeches, opinions) = tokio::try_join!(state.store.speeches(id), state.store.opinions(id))?;
    let log = session_log(c.t, &ctx, &session, q.speech, &speeches, &opinions);
    render(&LogFragment { c, log })
}
