//! Live updates over SSE. A stream starts with a `connected` event, then
//! carries committed changes the subscriber may see (filtered by each change's
//! declared audience and, optionally, one plenum), with heartbeats and a
//! maximum lifetime after which the browser reconnects by itself.
//!
//! One relay task per process subscribes to the store and prepares each change
//! once — its audience, its scope's organization path and its public JSON —
//! for every stream, so a stream's own work per event is a permission check
//! and one SSE frame. With thousands of delegates on one plenum that is most
//! of the server's work (see docs/PERFORMANCE.md).
//!
//! Each frame's `id` is the change's place in the history. A browser that
//! reconnects sends it back as `Last-Event-ID` and is replayed what it missed
//! from the stored history ([`replay`]), so resuming survives a restart and
//! works across nodes. Open streams are re-authorized ([`Subscriber`]).

mod open;
mod replay;
mod subscriber;

use std::sync::{Arc, Weak};

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::StreamExt;
use plenum_core::access::{Permission, Target};
use plenum_store::change::{Committed, Reauthorize};
use plenum_store::Event;
use serde::Deserialize;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

use crate::identity::CurrentUser;
use crate::state::{AppState, Inner};
pub(crate) use open::OpenStreams;
use subscriber::Subscriber;

use crate::client::ClientAddr;
use crate::error::AppError;

/// Events the relay holds for a stream that is slow to take them (the store's bus holds as many).
const RELAY_CAPACITY: usize = 4096;

#[derive(Deserialize)]
pub struct LiveQuery {
    /// Only this plenum's events.
    plenum: Option<i64>,
    /// Resume after this history entry, for clients that cannot send `Last-Event-ID`.
    last_event_id: Option<i64>,
}

/// A committed change as every stream needs it.
pub(crate) struct Prepared {
    seq: i64,
    action: &'static str,
    plenum_id: Option<i64>,
    permission: Permission,
    /// The change's organization and its ancestors, for scope checks.
    org_path: Vec<i64>,
    /// The change's public JSON, the SSE `data`.
    data: String,
    /// Whose grants or login the change alters.
    reauthorize: Option<Reauthorize>,
}

impl Prepared {
    /// May this subscriber see this change?
    fn visible_to(&self, user: &CurrentUser) -> bool {
        user.can(self.permission, &Target { plenum: self.plenum_id, org_path: &self.org_path })
    }

    fn frame(&self) -> SseEvent {
        SseEvent::default().event(self.action).id(self.seq.to_string()).data(&self.data)
    }
}

#[derive(Clone)]
pub(crate) enum Relayed {
    Change(Arc<Prepared>),
    /// The relay fell this many events behind the store.
    Lagged(u64),
}

/// The process's one subscription to the store, fanned out to the streams.
pub(crate) struct Relay {
    tx: broadcast::Sender<Relayed>,
}

/// Subscribe to the relay, starting it on first use. The relay subscribes to
/// the store before this returns, so a stream sees every change committed
/// after its request arrived.
fn subscribe(state: &AppState) -> broadcast::Receiver<Relayed> {
    let relay = state.live.get_or_init(|| {
        let (tx, _) = broadcast::channel(RELAY_CAPACITY);
        tokio::spawn(relay(state.downgrade(), state.store.subscribe(), tx.clone()));
        Relay { tx }
    });
    relay.tx.subscribe()
}

/// Runs until the store's bus closes or the server's state is gone.
async fn relay(state: Weak<Inner>, mut rx: broadcast::Receiver<Event>, tx: broadcast::Sender<Relayed>) {
    loop {
        let item = match rx.recv().await {
            Ok(ev) => {
                let Some(state) = AppState::upgrade(&state) else { return };
                match decode(ev) {
                    Some(c) => Relayed::Change(Arc::new(prepare(&state, c).await)),
                    None => continue,
                }
            }
            Err(RecvError::Lagged(n)) => Relayed::Lagged(n),
            Err(RecvError::Closed) => return,
        };
        // No stream open is not an error: nobody is watching live.
        let _ = tx.send(item);
    }
}

/// The change an event announces. The store relays only entries that
/// decode; one that still does not is dropped (events fail closed).
fn decode(ev: Event) -> Option<Committed> {
    let seq = ev.seq;
    Committed::from_event(ev)
        .map_err(|error| tracing::warn!(seq, %error, "change not delivered: it does not decode"))
        .ok()
}

pub(crate) async fn prepare(state: &AppState, c: Committed) -> Prepared {
    let org_path = match c.scope.org_id {
        Some(org) => state.org_path(org).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let audience = c.audience();
    Prepared {
        seq: c.seq,
        action: c.change.action(),
        plenum_id: audience.scope.plenum_id,
        permission: audience.permission,
        org_path,
        data: c.public_json(),
        reauthorize: c.change.reauthorize(),
    }
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
    let rx = subscribe(&state);
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
