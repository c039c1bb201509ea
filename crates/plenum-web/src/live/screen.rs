//! The live stream of a hall screen opened by its link (no sign-in). It
//! carries only the names of the floor's changes on the link's plenum,
//! never their content (the data is an empty object, as browsers drop an
//! event without data): the screen refetches its fragment, which the link
//! authorizes again. The stream re-reads its link when one of the plenum's
//! screen links is revoked, and every `sse_recheck`, and ends once its link is.

use std::convert::Infallible;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use plenum_app::conduct::screens;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::{Interval, MissedTickBehavior};

use super::resync;
use crate::client::ClientAddr;
use crate::error::AppError;
use crate::fanout::{Fanout, Relayed};
use crate::state::AppState;

struct ScreenStream {
    state: AppState,
    secret: String,
    plenum_id: i64,
    rx: broadcast::Receiver<Relayed>,
    connected: Option<SseEvent>,
    recheck: Interval,
}

impl ScreenStream {
    /// The next frame, or `None` when the stream ends.
    async fn next(&mut self) -> Option<SseEvent> {
        if let Some(frame) = self.connected.take() {
            return Some(frame);
        }
        loop {
            tokio::select! {
                biased;
                r = self.rx.recv() => match r {
                    Ok(Relayed::Change(ev)) if ev.plenum_id == Some(self.plenum_id) => {
                        if ev.action == "screen_link.revoked" && !self.still_open().await {
                            return None;
                        }
                        if crate::pages::FLOOR_LIVE_ON.split_whitespace().any(|a| a == ev.action) {
                            return Some(SseEvent::default().event(ev.action).id(ev.seq.to_string()).data("{}"));
                        }
                    }
                    Ok(Relayed::Change(_)) => {}
                    Ok(Relayed::Lagged(n)) | Err(RecvError::Lagged(n)) => return Some(resync(n)),
                    Err(RecvError::Closed) => return None,
                },
                _ = self.recheck.tick() => {
                    if !self.still_open().await {
                        return None;
                    }
                }
            }
        }
    }

    async fn still_open(&self) -> bool {
        screens::open(&self.state.app, &self.secret).await.is_ok()
    }

    fn into_stream(self) -> impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static {
        stream::unfold(self, |mut s| async move { s.next().await.map(|frame| (Ok(frame), s)) })
    }
}

/// `GET /screen/{secret}/events`: 404 for an unknown or revoked link.
pub async fn events(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let (link, plenum) = screens::open(&state.app, &secret).await?;
    let cfg = &state.config;
    // Counted per link as an account is per user (links are negative, users positive),
    // so a link cannot open more streams than an account.
    let place = state.streams.open(client, -link.id, cfg.max_streams_per_address, cfg.max_streams_per_account)?;
    let rx = Fanout::subscribe(&state.live, &state.app);
    // Nothing is replayed: a fresh screen refetches what it shows on `connected`.
    let connected = SseEvent::default().event("connected").data(r#"{"resumed":false}"#);
    let period = cfg.sse_recheck;
    let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    recheck.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let lifetime = tokio::time::sleep(cfg.sse_max_lifetime);
    let heartbeat = cfg.sse_heartbeat;
    let stream = ScreenStream { state, secret, plenum_id: plenum.id, rx, connected: Some(connected), recheck }
        .into_stream()
        .take_until(lifetime)
        .map(move |frame| {
            let _ = &place;
            frame
        });
    let mut res = Sse::new(stream).keep_alive(KeepAlive::new().interval(heartbeat)).into_response();
    res.headers_mut().insert("x-accel-buffering", header::HeaderValue::from_static("no"));
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
    Ok(res)
}
