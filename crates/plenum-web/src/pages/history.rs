//! The history page: the hash-chained log, newest first, with the chain's state.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use plenum_app::history;
use serde::Deserialize;

use super::{render, Chrome};
use crate::error::AppError;
use crate::state::AppState;

const PAGE: i64 = 50;

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    c: Chrome,
    entries: Vec<history::Readable>,
    intact: bool,
    verdict: String,
    older: Option<i64>,
}

#[derive(Deserialize)]
pub struct Before {
    before: Option<i64>,
}

pub async fn list(State(state): State<AppState>, c: Chrome, Query(q): Query<Before>) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let history::Page { entries, older } = history::page_before(&state.app, user, q.before, PAGE).await?;
    let (intact, verdict) = match history::verify(&state.app, user).await? {
        Ok(n) => (true, c.t.0.t_args("history-intact", &[("count", n.to_string())])),
        Err(b) => (false, c.t.0.t_args("history-broken", &[("seq", b.seq().to_string()), ("detail", b.to_string())])),
    };
    render(&HistoryPage { c, entries, intact, verdict, older })
}
