//! One poll: the chair's forms to run it, the member's ballot, the result
//! once closed; its live participation line; and the hall screen's view.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use plenum_app::decide::cast::{self, Marked};
use plenum_app::decide::polls;
use plenum_core::access::Permission;
use plenum_core::decide::poll::{Choice, Hands, PollKind, PollMethod, PollState};
use plenum_core::prepare::roster::DelegateKind;
use plenum_store::decide::Poll;
use plenum_store::Plenum;

use super::list::refusal;
use super::view::{self, ResultView};
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

/// A form's fields in order, repeated names kept (the names crossed out,
/// the delegates of the counting committee).
type Fields = Vec<(String, String)>;

fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

fn all<'a>(f: &'a Fields, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    f.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.trim())
}

fn number(f: &Fields, name: &'static str) -> Result<i64, AppError> {
    field(f, name).parse().map_err(|_| AppError::field(name, "not-a-number"))
}

fn version(f: &Fields) -> Result<i64, AppError> {
    field(f, "version").parse().map_err(|_| AppError::BadRequest("version"))
}

/// What the voter marked, read from the ballot's form.
pub(super) fn marked(poll: &Poll, f: &Fields) -> Result<Marked, AppError> {
    match poll.kind {
        PollKind::Motion => {
            Choice::parse(field(f, "choice")).map(Marked::Choice).ok_or_else(|| AppError::field("choice", "required"))
        }
        PollKind::Election | PollKind::Nomination => {
            Ok(Marked::Crossed(all(f, "crossed").filter(|n| !n.is_empty()).map(str::to_string).collect()))
        }
    }
}

/// A candidate on the ballot: name, and whether it is crossed out.
pub struct Mark {
    pub name: String,
    pub crossed: bool,
}

/// The review step: what will be cast, for the voter to confirm.
pub struct Review {
    /// A motion's choice, its value and label.
    pub choice: Option<(String, String)>,
    pub marks: Vec<Mark>,
}

/// A delegate for the counting committee: id, name, chosen.
pub struct Counter {
    pub id: i64,
    pub name: String,
    pub chosen: bool,
}

#[derive(Template)]
#[template(path = "decide_poll.html")]
struct Page {
    c: Chrome,
    plenum: Plenum,
    poll: Poll,
    kind: String,
    method: String,
    state: String,
    live_on: &'static str,
    participation: String,
    preside: bool,
    counters: Vec<Counter>,
    committee_names: Vec<String>,
    may_vote: bool,
    voted: bool,
    candidates: Vec<String>,
    review: Option<Review>,
    receipt: Option<String>,
    running: Option<Hands>,
    result: Option<ResultView>,
    errors: Vec<(String, String)>,
    /// The public key that signs published tallies, shown so a voter can check it.
    poll_key: String,
    /// The chair's warning that the list is longer than QĐ 190-QĐ/TW art. 14 allows.
    surplus: Option<String>,
}

impl Page {
    fn is_motion(&self) -> bool {
        self.poll.kind == PollKind::Motion
    }
    fn is_open(&self) -> bool {
        self.poll.state == PollState::Open
    }
    fn is_draft(&self) -> bool {
        self.poll.state == PollState::Draft
    }
    fn named(&self) -> bool {
        self.poll.method.is_named()
    }
    fn secret_on_tablet(&self) -> bool {
        self.poll.method == PollMethod::Secret
    }
    fn hands(&self) -> bool {
        self.poll.method == PollMethod::Hands
    }
    fn paper(&self) -> bool {
        self.poll.method == PollMethod::Paper
    }
    /// A ballot on people has counting minutes; a motion, a result sheet.
    fn minutes(&self) -> bool {
        self.poll.kind != plenum_core::decide::poll::PollKind::Motion
    }
    /// A closed election with candidates tied at the last seat, whose new
    /// round the chair may create.
    fn runoff_due(&self) -> bool {
        matches!(&self.result, Some(ResultView::Election(e)) if !e.runoff.is_empty() && !e.unfilled.is_empty())
    }
}

/// What the page adds for one answer: a review to confirm, a receipt shown once, or refusals.
#[derive(Default)]
struct Extra {
    review: Option<Review>,
    receipt: Option<String>,
    errors: Vec<(String, String)>,
}

async fn page(state: &AppState, c: Chrome, id: i64, extra: Extra) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let (poll, plenum) = polls::get(&state.app, who, id).await?;
    let preside = state.app.may_on_plenum(who, Permission::Preside, &plenum).await?;
    let t = c.t;
    let voter = cast::voter(&state.app, who, &poll).await.is_ok();
    let voted = cast::has_voted(&state.app, who, &poll).await?;
    let committee = polls::committee_of(&poll);
    let candidates = polls::candidates_of(&poll);
    let (counters, committee_names) = if poll.method.is_secret() {
        let roster = state.store.delegates(plenum.id).await?;
        let counters = roster
            .iter()
            .filter(|d| d.kind == DelegateKind::Member && !candidates.contains(&d.full_name))
            .map(|d| Counter { id: d.id, name: d.full_name.clone(), chosen: committee.contains(&d.id) })
            .collect::<Vec<_>>();
        let names = roster.iter().filter(|d| committee.contains(&d.id)).map(|d| d.full_name.clone()).collect();
        (if preside && poll.state == PollState::Draft { counters } else { Vec::new() }, names)
    } else {
        (Vec::new(), Vec::new())
    };
    let refused = !extra.errors.is_empty();
    let no_store = extra.receipt.is_some();
    let mut res = render(&Page {
        kind: view::kind_label(t, &poll),
        method: view::method_label(t, &poll),
        state: view::state_label(t, &poll),
        live_on: super::LIVE_ON,
        participation: view::participation(state, t, &poll).await?,
        preside,
        counters,
        committee_names,
        may_vote: voter && !voted,
        voted,
        candidates,
        review: extra.review,
        receipt: extra.receipt,
        running: view::running(state, &poll).await?,
        result: view::result_of(state, t, &poll).await?,
        errors: extra.errors,
        poll_key: state.app.signer.public_hex(),
        surplus: (preside && poll.state != PollState::Closed)
            .then(|| {
                let listed = polls::candidates_of(&poll).len() as u64;
                let seats = poll.seats.unwrap_or(0).max(0) as u64;
                plenum_core::decide::election::surplus_warning(listed, seats, poll.runoff.0)
            })
            .flatten()
            .map(|w| if t.0 == crate::i18n::Lang::Vi { w.message_vi } else { w.message_en }),
        poll,
        plenum,
        c,
    })?;
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    if no_store {
        // The receipt is shown once: no cache, no history entry keeps it.
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    page(&state, c, id, Extra::default()).await
}

/// After a chair's or a voter's form: back to the poll, or the poll again
/// with why the form was refused.
async fn done(state: &AppState, c: Chrome, id: i64, r: Result<(), AppError>) -> Result<Response, AppError> {
    match r {
        Ok(()) => Ok(see_other(&format!("/polls/{id}"))),
        Err(e) => {
            let errors = refusal(c.t, e)?;
            page(state, c, id, Extra { errors, ..Extra::default() }).await
        }
    }
}

pub async fn committee(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let r = async {
        let chosen =
            all(&f, "delegate").map(|d| d.parse().map_err(|_| AppError::field("counting_committee", "invalid-choice")));
        let chosen = chosen.collect::<Result<Vec<i64>, _>>()?;
        polls::set_committee(&state.app, c.require_user()?, id, version(&f)?, chosen).await?;
        Ok(())
    }
    .await;
    done(&state, c, id, r).await
}

pub async fn open(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let r = async {
        let excluded = if field(&f, "excluded").is_empty() { 0 } else { number(&f, "excluded")? };
        polls::open(&state.app, c.require_user()?, id, version(&f)?, excluded).await?;
        Ok(())
    }
    .await;
    done(&state, c, id, r).await
}

pub async fn close(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let r = async {
        let who = c.require_user()?;
        let (poll, _) = polls::run(&state.app, who, id).await?;
        let hands = match poll.method {
            PollMethod::Hands => Some(Hands {
                yes: number(&f, "yes")?,
                no: number(&f, "no")?,
                abstain: number(&f, "abstain")?,
                not_voting: number(&f, "not_voting")?,
            }),
            _ => None,
        };
        let issued = match poll.method {
            PollMethod::Paper => Some(number(&f, "issued")?),
            _ => None,
        };
        polls::close(&state.app, who, id, version(&f)?, hands, issued).await?;
        Ok(())
    }
    .await;
    done(&state, c, id, r).await
}

/// The new round among the candidates tied at the last seat: created as a
/// draft, and the chair taken to it.
pub async fn runoff(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(_): Form<Fields>,
) -> Result<Response, AppError> {
    match polls::runoff(&state.app, c.require_user()?, id).await {
        Ok(round) => Ok(see_other(&format!("/polls/{}", round.id))),
        Err(e) => {
            let errors = refusal(c.t, e.into())?;
            page(&state, c, id, Extra { errors, ..Extra::default() }).await
        }
    }
}

/// A named vote: one of the three buttons.
pub async fn vote(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let r = async {
        let who = c.require_user()?;
        // Who may vote is settled before what the form says.
        let (poll, _) = polls::get(&state.app, who, id).await?;
        cast::voter(&state.app, who, &poll).await?;
        let choice = Choice::parse(field(&f, "choice")).ok_or_else(|| AppError::field("choice", "required"))?;
        cast::vote(&state.app, who, id, choice).await?;
        Ok(())
    }
    .await;
    done(&state, c, id, r).await
}

/// The secret ballot as marked, shown back for the voter to confirm;
/// nothing is kept.
pub async fn review(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let (poll, _) = polls::get(&state.app, who, id).await?;
    let r = async {
        cast::voter(&state.app, who, &poll).await?;
        let marked = marked(&poll, &f)?;
        // Checked as the cast will check it, so a mistake shows before the confirmation.
        cast::content_of(&poll, &marked)?;
        Ok::<_, AppError>(marked)
    }
    .await;
    let review = match r {
        Ok(Marked::Choice(ch)) => {
            Review { choice: Some((ch.as_str().into(), c.t.s(&format!("dec-choice-{}", ch.as_str())))), marks: vec![] }
        }
        Ok(Marked::Crossed(names)) => Review {
            choice: None,
            marks: polls::candidates_of(&poll)
                .into_iter()
                .map(|n| Mark { crossed: names.iter().any(|x| x == &n), name: n })
                .collect(),
        },
        Err(e) => {
            let errors = refusal(c.t, e)?;
            return page(&state, c, id, Extra { errors, ..Extra::default() }).await;
        }
    };
    page(&state, c, id, Extra { review: Some(review), ..Extra::default() }).await
}

/// Cast the secret ballot, and show its receipt in this answer only.
pub async fn cast(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let (poll, _) = polls::get(&state.app, who, id).await?;
    let r = async {
        // Who may vote is settled before what the ballot says.
        cast::voter(&state.app, who, &poll).await?;
        Ok::<_, AppError>(cast::cast(&state.app, who, id, marked(&poll, &f)?).await?)
    }
    .await;
    match r {
        Ok(receipt) => page(&state, c, id, Extra { receipt: Some(receipt), ..Extra::default() }).await,
        Err(e) => {
            let errors = refusal(c.t, e)?;
            page(&state, c, id, Extra { errors, ..Extra::default() }).await
        }
    }
}

#[derive(Template)]
#[template(path = "decide_participation.html")]
struct Participation {
    c: Chrome,
    poll: Poll,
    participation: String,
}

/// How many have voted, refetched live: never who, never how.
pub async fn participation(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (poll, _) = polls::get(&state.app, c.require_user()?, id).await?;
    let participation = view::participation(&state, c.t, &poll).await?;
    let mut res = render(&Participation { c, poll, participation })?;
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Template)]
#[template(path = "decide_projector.html")]
struct Projector {
    c: Chrome,
    plenum: Plenum,
    poll: Poll,
    live_on: &'static str,
    participation: String,
    running: Option<Hands>,
    result: Option<ResultView>,
}

#[derive(Template)]
#[template(path = "decide_projector_screen.html")]
struct ProjectorScreen {
    c: Chrome,
    poll: Poll,
    participation: String,
    running: Option<Hands>,
    result: Option<ResultView>,
}

impl Projector {
    fn is_open(&self) -> bool {
        self.poll.state == PollState::Open
    }
}

impl ProjectorScreen {
    fn is_open(&self) -> bool {
        self.poll.state == PollState::Open
    }
}

/// The hall screen: participation while open, the result once closed.
pub async fn projector(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (poll, plenum) = polls::get(&state.app, c.require_user()?, id).await?;
    let participation = view::participation(&state, c.t, &poll).await?;
    let running = view::running(&state, &poll).await?;
    let result = view::result_of(&state, c.t, &poll).await?;
    let mut res = render(&Projector { c, plenum, poll, live_on: super::LIVE_ON, participation, running, result })?;
    res.extensions_mut().insert(crate::security::HallScreen);
    Ok(res)
}

pub async fn projector_fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (poll, _) = polls::get(&state.app, c.require_user()?, id).await?;
    let participation = view::participation(&state, c.t, &poll).await?;
    let running = view::running(&state, &poll).await?;
    let result = view::result_of(&state, c.t, &poll).await?;
    let mut res = render(&ProjectorScreen { c, poll, participation, running, result })?;
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
