//! Live updates over SSE. A stream starts with a `connected` event, then
//! carries committed changes the subscriber may see (filtered by their roles
//! and, optionally, one plenum), with heartbeats and a maximum lifetime after
//! which the browser reconnects by itself.
//!
//! One relay task per process subscribes to the store and prepares each event
//! once — its scope's organization path and its JSON — for every stream, so a
//! stream's own work per event is a permission check and one SSE frame. With
//! thousands of delegates on one plenum that is most of the server's work
//! (see docs/PERFORMANCE.md).

use std::convert::Infallible;
use std::sync::{Arc, Weak};

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::future;
use futures_util::stream::{self, StreamExt};
use plenum_core::access::{Permission, Target};
use plenum_store::Event;
use serde::Deserialize;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;

use crate::identity::CurrentUser;
use crate::state::{AppState, Inner};

/// Events the relay holds for a stream that is slow to take them (the store's bus holds as many).
const RELAY_CAPACITY: usize = 4096;

#[derive(Deserialize)]
pub struct LiveQuery {
    /// Only this plenum's events.
    plenum: Option<i64>,
}

/// A committed change as every stream needs it.
pub(crate) struct Prepared {
    seq: i64,
    action: String,
    plenum_id: Option<i64>,
    permission: Permission,
    /// The event's organization and its ancestors, for scope checks.
    org_path: Vec<i64>,
    /// The event as JSON, the SSE `data`.
    data: String,
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
                Relayed::Change(Arc::new(prepare(&state, ev).await))
            }
            Err(RecvError::Lagged(n)) => Relayed::Lagged(n),
            Err(RecvError::Closed) => return,
        };
        // No stream open is not an error: nobody is watching live.
        let _ = tx.send(item);
    }
}

async fn prepare(state: &AppState, ev: Event) -> Prepared {
    let org_path = match ev.org_id {
        Some(org) => state.org_path(org).await.unwrap_or_default(),
        None => Vec::new(),
    };
    Prepared {
        seq: ev.seq,
        permission: ev.required_permission(),
        plenum_id: ev.plenum_id,
        org_path,
        data: serde_json::to_string(&ev).unwrap_or_default(),
        action: ev.action,
    }
}

/// May this subscriber see this event?
fn visible(user: &CurrentUser, ev: &Prepared) -> bool {
    user.can(ev.permission, &Target { plenum: ev.plenum_id, org_path: &ev.org_path })
}

/// Too slow to keep up: tell the page to refetch everything it shows.
fn resync(missed: u64) -> SseEvent {
    SseEvent::default().event("resync").data(missed.to_string())
}

pub async fn events(State(state): State<AppState>, user: CurrentUser, Query(q): Query<LiveQuery>) -> Response {
    let rx = subscribe(&state);
    let connected =
        SseEvent::default().event("connected").data(serde_json::json!({"user": user.user.username}).to_string());
    let lifetime = tokio::time::sleep(state.config.sse_max_lifetime);
    let heartbeat = state.config.sse_heartbeat;
    let changes = BroadcastStream::new(rx).filter_map(move |r| {
        let frame = match r {
            Ok(Relayed::Change(ev)) => (q.plenum.is_none_or(|p| ev.plenum_id == Some(p)) && visible(&user, &ev))
                .then(|| SseEvent::default().event(&ev.action).id(ev.seq.to_string()).data(&ev.data)),
            Ok(Relayed::Lagged(n)) | Err(BroadcastStreamRecvError::Lagged(n)) => Some(resync(n)),
        };
        future::ready(frame.map(Ok::<_, Infallible>))
    });
    let stream = stream::once(async move { Ok::<_, Infallible>(connected) }).chain(changes).take_until(lifetime);
    let mut res = Sse::new(stream).keep_alive(KeepAlive::new().interval(heartbeat)).into_response();
    res.headers_mut().insert("x-accel-buffering", header::HeaderValue::from_static("no"));
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
    res
}
