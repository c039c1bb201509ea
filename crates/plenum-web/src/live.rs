//! Live updates over SSE. A stream starts with a `connected` event, then
//! carries committed changes the subscriber may see (filtered by each change's
//! declared audience and, optionally, one plenum), with heartbeats and a
//! maximum lifetime after which the browser reconnects by itself.
//!
//! One fan-out task per process ([`crate::fanout`]) prepares each change once
//! for every stream, so a stream's own work per event is a permission check
//! and one SSE frame.
//!
//! Each frame's `id` is the change's place in the history. A browser that
//! reconnects sends it back as `Last-Event-ID` and is replayed what it missed
//! from the stored history ([`replay`]), so resuming survives a restart and
//! works across nodes. Open streams are re-authorized ([`Subscriber`]).

mod open;
mod replay;
pub mod screen;
mod subscriber;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::StreamExt;
use serde::Deserialize;

use crate::fanout::Fanout;
use crate::identity::CurrentUser;
use crate::state::AppState;
pub(crate) use open::OpenStreams;
use subscriber::Subscriber;

use crate::client::ClientAddr;
use crate::error::AppError;

#[derive(Deserialize)]
pub struct LiveQuery {
    /// Only this plenum's events.
    plenum: Option<i64>,
    /// Resume after this history entry, for clients that cannot send `Last-Event-ID`.
    last_event_id: Option<i64>,
}

/// Where a reconnecting client left off: the `Last-Event-ID` header that
/// browsers send by themselves, or the query parameter.
fn resume_after(headers: &HeaderMap, q: &LiveQuery) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(q.last_event_id)
        .filter(|seq| *seq >= 0)
}

pub async fn events(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Query(q): Query<LiveQuery>,
) -> Result<Response, AppError> {
    let cfg = &state.config;
    let place = state.streams.open(client, user.user.id, cfg.max_streams_per_address, cfg.max_streams_per_account)?;
    // Subscribe before reading the history, so nothing committed meanwhile falls in between.
    let rx = Fanout::subscribe(&state.live, &state.app);
    let after = resume_after(&headers, &q);
    let connected = SseEvent::default()
        .event("connected")
        .data(serde_json::json!({"user": user.user.username, "resumed": after.is_some()}).to_string());
    let backlog = match after {
        Some(after) => replay::missed(&state, &user, q.plenum, after).await,
        None => replay::Backlog::default(),
    };
    let secret_hash = crate::auth::presented_secret_hash(&headers);
    let lifetime = tokio::time::sleep(state.config.sse_max_lifetime);
    let heartbeat = state.config.sse_heartbeat;
    let stream = Subscriber::new(state, user, secret_hash, q.plenum, rx, connected, backlog)
        .into_stream()
        .take_until(lifetime)
        // The stream holds its place until it ends, however it ends.
        .map(move |frame| {
            let _ = &place;
            frame
        });
    let mut res = Sse::new(stream).keep_alive(KeepAlive::new().interval(heartbeat)).into_response();
    res.headers_mut().insert("x-accel-buffering", header::HeaderValue::from_static("no"));
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
    Ok(res)
}

/// Too far behind: tell the page to refetch everything it shows.
fn resync(missed: u64) -> SseEvent {
    SseEvent::default().event("resync").data(missed.to_string())
}
