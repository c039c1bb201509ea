//! Paper ballots, for the counting committee (ban kiểm phiếu): two counters
//! each enter every sheet; the page lists the entries and where the two differ.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::decide::paper;
use plenum_core::decide::poll::{parse_ballot, Difference, PollKind};
use plenum_store::decide::{PaperEntry, Poll};

use super::list::refusal;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

type Fields = Vec<(String, String)>;

/// One entry as read: counter, sheet, and what the sheet says.
pub struct EntryView {
    pub counter: i64,
    pub sheet: i64,
    pub reads: String,
}

pub struct DifferenceView {
    pub sheet: i64,
    pub first: String,
    pub second: String,
}

#[derive(Template)]
#[template(path = "decide_paper.html")]
struct Page {
    c: Chrome,
    poll: Poll,
    candidates: Vec<String>,
    entries: Vec<EntryView>,
    differences: Vec<DifferenceView>,
    errors: Vec<(String, String)>,
}

impl Page {
    fn is_motion(&self) -> bool {
        self.poll.kind == PollKind::Motion
    }
}

/// A stored sheet in words: the choice, or the names crossed out.
fn reads(t: Tr, content: &str) -> String {
    if let Some(b) = parse_ballot(content) {
        let mut parts = Vec::new();
        if !b.issued_by_committee {
            parts.push(t.s("dec-unstamped"));
        }
        if let Some(crossed) = b.crossed {
            parts.push(if crossed.is_empty() {
                t.s("dec-crossed-none")
            } else {
                t.0.t_args("dec-crossed-list", &[("names", crossed.join(", "))])
            });
        }
        if let Some(marks) = b.marks {
            let against: Vec<String> =
                marks.into_iter().filter(|(_, m)| *m == plenum_core::decide::Mark::Disagree).map(|(n, _)| n).collect();
            parts.push(if against.is_empty() {
                t.s("dec-crossed-none")
            } else {
                t.0.t_args("dec-crossed-list", &[("names", against.join(", "))])
            });
        }
        parts.join(" · ")
    } else if plenum_core::decide::poll::Choice::parse(content).is_some() {
        t.s(&format!("dec-choice-{content}"))
    } else {
        content.to_string()
    }
}

async fn page(state: &AppState, c: Chrome, id: i64, errors: Vec<(String, String)>) -> Result<Response, AppError> {
    let (poll, entries, differences) = paper::sheets(&state.app, c.require_user()?, id).await?;
    let t = c.t;
    let entries = entries
        .iter()
        .map(|e: &PaperEntry| EntryView { counter: e.counter, sheet: e.sheet, reads: reads(t, &e.content) })
        .collect();
    let missing = t.s("dec-sheet-missing");
    let differences = differences
        .iter()
        .map(|d: &Difference| DifferenceView {
            sheet: d.sheet,
            first: d.first.as_deref().map(|x| reads(t, x)).unwrap_or_else(|| missing.clone()),
            second: d.second.as_deref().map(|x| reads(t, x)).unwrap_or_else(|| missing.clone()),
        })
        .collect();
    let refused = !errors.is_empty();
    let candidates = plenum_app::decide::polls::candidates_of(&poll);
    let mut res = render(&Page { c, poll, candidates, entries, differences, errors })?;
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    page(&state, c, id, Vec::new()).await
}

fn text<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

pub async fn enter(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let r = async {
        let who = c.require_user()?;
        let poll = paper::counting(&state.app, who, id).await?;
        let counter = text(&f, "counter").parse().map_err(|_| AppError::field("counter", "invalid-choice"))?;
        let sheet = text(&f, "sheet").parse().map_err(|_| AppError::field("sheet", "not-a-number"))?;
        let marked = super::poll::marked(&poll, &f)?;
        paper::enter(&state.app, who, id, counter, sheet, marked, !text(&f, "unstamped").is_empty()).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match r {
        Ok(()) => Ok(see_other(&format!("/polls/{id}/paper"))),
        Err(e) => {
            let errors = refusal(c.t, e)?;
            page(&state, c, id, errors).await
        }
    }
}
