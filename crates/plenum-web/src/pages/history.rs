//! The history page: the hash-chained log as a register, newest first, with
//! the chain's state. Each entry reads as a sentence with its object and
//! what it changed; the register filters by plenum, actor, kind and date
//! through a plain GET form, and hides sign-ins unless asked for.

mod ask;
pub mod line;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use plenum_app::history::{self, Kind};
use plenum_app::prepare::plenums;

pub use ask::Ask;
use line::Line;

use super::{render, Chrome};
use crate::error::AppError;
use crate::state::AppState;

const PAGE: i64 = 50;

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    c: Chrome,
    lines: Vec<Line>,
    intact: bool,
    verdict: String,
    older: Option<i64>,
    ask: Ask,
    /// The filter's query string, without the page's place (`plenum=…&kind=…`).
    query: String,
    problems: Vec<String>,
    plenums: Vec<(i64, String)>,
    kinds: Vec<(&'static str, String)>,
}

pub async fn list(State(state): State<AppState>, c: Chrome, Query(ask): Query<Ask>) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let lang = c.t.0;
    let (lines, older, problems) = match ask.filter() {
        Ok(filter) => {
            let history::Page { entries, older } =
                history::page_before(&state.app, user, ask.before, PAGE, &filter).await?;
            let names = history::names(&state.app, &entries).await?;
            (entries.iter().map(|r| Line::new(r, &names, lang)).collect(), older, Vec::new())
        }
        Err(problems) => (Vec::new(), None, problems.into_iter().map(|(_, key)| lang.t(key)).collect()),
    };
    let (intact, verdict) = match history::verify(&state.app, user).await? {
        Ok(n) => (true, lang.t_args("history-intact", &[("count", n.to_string())])),
        Err(b) => (false, lang.t_args("history-broken", &[("seq", b.seq().to_string()), ("detail", b.to_string())])),
    };
    let plenums = plenums::visible(&state.app, user).await?.into_iter().map(|p| (p.id, p.title)).collect();
    let kinds = Kind::ALL.iter().map(|k| (k.as_str(), lang.t(&format!("history-kind-{}", k.as_str())))).collect();
    let query = ask.query();
    render(&HistoryPage { c, lines, intact, verdict, older, ask, query, problems, plenums, kinds })
}
