//! The workspace page and its live progress line.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use plenum_app::synthesize::workspace;
use plenum_store::Plenum;

use super::ask::Ask;
use super::view::{self, Filters, ItemView, Typed};
use crate::error::AppError;
use crate::pages::{render, Chrome};
use crate::state::AppState;

/// The changes that move the progress line.
const LIVE_ON: &str = "disposition.recorded disposition.reviewed opinion.added opinion.changed";

#[derive(Template)]
#[template(path = "synthesis.html")]
struct Page {
    c: Chrome,
    plenum: Plenum,
    office: bool,
    progress: String,
    live_on: &'static str,
    filters: Filters,
    view: String,
    items: Vec<ItemView>,
    paper_delegates: Vec<view::Choice>,
    paper_items: Vec<view::Choice>,
    stances: Vec<view::Choice>,
    paper_text: String,
    paper_errors: Vec<(String, String)>,
    filtered: bool,
}

#[derive(Template)]
#[template(path = "synthesis_progress.html")]
struct ProgressFragment {
    progress: String,
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(ask): Query<Ask>,
) -> Result<Response, AppError> {
    page(&state, c, id, &ask, None).await
}

/// The page, with one answer form showing what was typed and why it was refused.
pub(super) async fn page(
    state: &AppState,
    c: Chrome,
    id: i64,
    ask: &Ask,
    typed: Option<Typed>,
) -> Result<Response, AppError> {
    let w = workspace::open(&state.app, c.require_user()?, id, &ask.filter()).await?;
    let t = c.t;
    let paper = typed.as_ref().and_then(|x| x.paper.as_ref());
    let current = |f: fn(&view::Paper) -> &String| paper.map(f).cloned().unwrap_or_default();
    let paper_delegates = view::choices(t.s("syn-paper-choose-delegate"), &w.delegates, &current(|p| &p.delegate_id));
    let paper_items = view::choices(t.s("syn-paper-choose-item"), &w.all_items, &current(|p| &p.item_id));
    let stances = view::stance_choices(t, &current(|p| &p.stance));
    let paper_text = current(|p| &p.text);
    let paper_errors =
        if paper.is_some() { typed.as_ref().map(|x| x.errors.clone()).unwrap_or_default() } else { Vec::new() };
    let refused = typed.is_some();
    let mut res = render(&Page {
        plenum: w.plenum.clone(),
        office: w.office,
        progress: view::progress_line(t, &w.progress),
        live_on: LIVE_ON,
        filters: view::filters(t, &w, &w.all_items, ask),
        view: ask.query(),
        items: view::items(t, &w, typed.as_ref()),
        paper_delegates,
        paper_items,
        stances,
        paper_text,
        paper_errors,
        filtered: !ask.query().split('&').all(|kv| kv.ends_with('=')),
        c,
    })?;
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub async fn progress(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let p = workspace::progress(&state.app, c.require_user()?, id).await?;
    render(&ProgressFragment { progress: view::progress_line(c.t, &p) })
}
