//! The history page: the hash-chained log, newest first, with the chain's state.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use plenum_core::access::Permission;
use serde::Deserialize;

use super::{render, Chrome};
use crate::error::AppError;
use crate::state::AppState;

const PAGE: i64 = 50;

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    c: Chrome,
    entries: Vec<crate::audience::Readable>,
    intact: bool,
    verdict: String,
    older: Option<i64>,
}

#[derive(Deserialize)]
pub struct Before {
    before: Option<i64>,
}

pub fn history_time(at_micros: &i64) -> String {
    jiff::Timestamp::from_microsecond(*at_micros)
        .ok()
        .and_then(|t| jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").ok().map(|tz| t.to_zoned(tz)))
        .map(|z| z.strftime("%d/%m/%Y %H:%M:%S").to_string())
        .unwrap_or_default()
}

pub async fn list(State(state): State<AppState>, c: Chrome, Query(q): Query<Before>) -> Result<Response, AppError> {
    let user = c.require_user()?;
    if !user.can_somewhere(Permission::ViewHistory) {
        return Err(AppError::Forbidden);
    }
    let (head, _) = state.store.history_head().await?;
    let before = q.before.unwrap_or(head + 1).clamp(1, head + 1);
    let after = (before - 1 - PAGE).max(0);
    let mut entries = state.store.history(after, before - 1 - after).await?;
    entries.reverse();
    let entries = crate::audience::readable(&state, user, entries).await;
    let older = (after > 0).then_some(after + 1);
    let (intact, verdict) = match plenum_store::verify_history(state.store.as_ref()).await? {
        Ok(n) => (true, c.t.0.t_args("history-intact", &[("count", n.to_string())])),
        Err(b) => (false, c.t.0.t_args("history-broken", &[("seq", b.seq().to_string()), ("detail", b.to_string())])),
    };
    render(&HistoryPage { c, entries, intact, verdict, older })
}
