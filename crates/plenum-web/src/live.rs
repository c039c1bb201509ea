//! Live updates over SSE. A stream starts with a `connected` event, then
//! carries committed changes the subscriber may see (filtered by their roles
//! and, optionally, one plenum), with heartbeats and a maximum lifetime after
//! which the browser reconnects by itself.

use std::convert::Infallible;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use plenum_core::access::Target;
use plenum_store::Event;
use serde::Deserialize;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;

use crate::auth::CurrentUser;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LiveQuery {
    /// Only this plenum's events.
    plenum: Option<i64>,
}

/// May this subscriber see this event?
async fn visible(state: &AppState, user: &CurrentUser, ev: &Event) -> bool {
    let path = match ev.org_id {
        Some(org) => state.org_path(org).await.unwrap_or_default(),
        None => Vec::new(),
    };
    user.can(ev.required_permission(), &Target { plenum: ev.plenum_id, org_path: &path })
}

pub async fn events(State(state): State<AppState>, user: CurrentUser, Query(q): Query<LiveQuery>) -> Response {
    let rx = state.store.subscribe();
    let connected = SseEvent::default().event("connected").data(serde_json::json!({"user": user.user.username}).to_string());
    let lifetime = tokio::time::sleep(state.config.sse_max_lifetime);
    let heartbeat = state.config.sse_heartbeat;
    let changes = BroadcastStream::new(rx).filter_map(move |r| {
        let (state, user) = (state.clone(), user.clone());
        async move {
            match r {
                Ok(ev) => {
                    if q.plenum.is_some_and(|p| ev.plenum_id != Some(p)) || !visible(&state, &user, &ev).await {
                        return None;
                    }
                    let data = serde_json::to_string(&ev).unwrap_or_default();
                    Some(Ok::<_, Infallible>(SseEvent::default().event(ev.action.clone()).id(ev.seq.to_string()).data(data)))
                }
                // Too slow to keep up: tell the page to refetch everything it shows.
                Err(BroadcastStreamRecvError::Lagged(n)) => Some(Ok(SseEvent::default().event("resync").data(n.to_string()))),
            }
        }
    });
    let stream = stream::once(async move { Ok::<_, Infallible>(connected) }).chain(changes).take_until(lifetime);
    let mut res = Sse::new(stream).keep_alive(KeepAlive::new().interval(heartbeat)).into_response();
    res.headers_mut().insert("x-accel-buffering", header::HeaderValue::from_static("no"));
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
    res
}
