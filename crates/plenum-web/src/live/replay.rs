//! What a reconnecting stream missed, read back from the stored history.
//! Replay is bounded by the configuration (`sse_replay_events`,
//! `sse_replay_age`); past the bound, or when the history is not the one the
//! client saw, the stream gets `resync` and the page refetches what it shows.

use std::collections::VecDeque;

use axum::response::sse::Event as SseEvent;
use plenum_store::change::Committed;

use super::resync;
use crate::auth::CurrentUser;
use crate::fanout::prepare;
use crate::state::AppState;

/// History entries read at a time.
const PAGE: i64 = 500;

/// Frames to send before the live feed, and the last history entry they cover:
/// live events up to it are already accounted for.
#[derive(Default)]
pub(crate) struct Backlog {
    pub frames: VecDeque<SseEvent>,
    pub last: i64,
}

/// Every change after `after` that this user may see, or `resync` past the bound.
pub(crate) async fn missed(state: &AppState, user: &CurrentUser, plenum: Option<i64>, after: i64) -> Backlog {
    match read(state, user, plenum, after).await {
        Ok(backlog) => backlog,
        Err((missed, head)) => Backlog { frames: VecDeque::from([resync(missed)]), last: head },
    }
}

/// The replayed frames, or (`Err`) how many were missed and the head to resume after.
async fn read(state: &AppState, user: &CurrentUser, plenum: Option<i64>, after: i64) -> Result<Backlog, (u64, i64)> {
    let head = match state.store.history_head().await {
        Ok((head, _)) => head,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the history head to replay a stream");
            return Err((0, 0));
        }
    };
    // A client ahead of the history saw another database (or one since restored).
    if after > head {
        return Err((0, head));
    }
    let missed = (head - after) as u64;
    if missed > state.config.sse_replay_events {
        return Err((missed, head));
    }
    let oldest = plenum_app::unix_now().saturating_sub(state.config.sse_replay_age.as_secs()) as i64 * 1_000_000;
    let mut backlog = Backlog { frames: VecDeque::new(), last: after };
    while backlog.last < head {
        let page = state.store.history(backlog.last, PAGE.min(head - backlog.last)).await.map_err(|e| {
            tracing::warn!(error = %e, "cannot read the history to replay a stream");
            (missed, head)
        })?;
        let Some(first) = page.first() else { break };
        if backlog.last == after && first.at < oldest {
            return Err((missed, head));
        }
        for e in &page {
            backlog.last = e.seq;
            // An entry that does not decode is never delivered.
            let Ok(c) = Committed::from_entry(e) else { continue };
            let ev = prepare(&state.orgs, state.store.as_ref(), c).await;
            if plenum.is_none_or(|p| ev.plenum_id == Some(p)) && ev.visible_to(user) {
                backlog.frames.push_back(ev.frame());
            }
        }
    }
    Ok(backlog)
}
