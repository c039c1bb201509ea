//! One open stream: its user, what it has already been sent, and its
//! re-authorization. A stream re-reads its login and grants when a change
//! concerns its user (a role granted, a sign-out) and at a fixed interval
//! (`sse_recheck`, which also catches expiry); it closes once its login is
//! gone. Other changes cost it no database read.

use std::collections::VecDeque;
use std::convert::Infallible;

use axum::response::sse::Event as SseEvent;
use futures_util::stream::{self, Stream};
use plenum_store::change::Reauthorize;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::{Interval, MissedTickBehavior};

use super::replay::Backlog;
use super::resync;
use crate::auth::CurrentUser;
use crate::fanout::{Prepared, Relayed};
use crate::state::AppState;

pub(crate) struct Subscriber {
    state: AppState,
    user: CurrentUser,
    /// The hash of the secret the stream was opened with, to look its login up again.
    secret_hash: Option<String>,
    plenum: Option<i64>,
    rx: broadcast::Receiver<Relayed>,
    pending: VecDeque<SseEvent>,
    /// The last history entry sent or replayed; live events up to it are duplicates.
    last: i64,
    recheck: Interval,
}

/// What a change means for this stream.
enum Step {
    Send(SseEvent),
    Skip,
    Close,
}

impl Subscriber {
    pub(crate) fn new(
        state: AppState,
        user: CurrentUser,
        secret_hash: Option<String>,
        plenum: Option<i64>,
        rx: broadcast::Receiver<Relayed>,
        connected: SseEvent,
        backlog: Backlog,
    ) -> Subscriber {
        let period = state.config.sse_recheck;
        let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        recheck.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut pending = backlog.frames;
        pending.push_front(connected);
        Subscriber { state, user, secret_hash, plenum, rx, pending, last: backlog.last, recheck }
    }

    pub(crate) fn into_stream(self) -> impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static {
        stream::unfold(self, |mut s| async move { s.next().await.map(|frame| (Ok(frame), s)) })
    }

    /// The next frame, or `None` when the stream ends.
    async fn next(&mut self) -> Option<SseEvent> {
        loop {
            if let Some(frame) = self.pending.pop_front() {
                return Some(frame);
            }
            tokio::select! {
                biased;
                r = self.rx.recv() => match r {
                    Ok(Relayed::Change(ev)) => match self.step(&ev).await {
                        Step::Send(frame) => return Some(frame),
                        Step::Skip => {}
                        Step::Close => return None,
                    },
                    Ok(Relayed::Lagged(n)) | Err(RecvError::Lagged(n)) => return Some(resync(n)),
                    Err(RecvError::Closed) => return None,
                },
                _ = self.recheck.tick() => {
                    if !self.reauthorize().await {
                        return None;
                    }
                }
            }
        }
    }

    async fn step(&mut self, ev: &Prepared) -> Step {
        if ev.seq <= self.last {
            return Step::Skip;
        }
        self.last = ev.seq;
        let me = self.user.user.id;
        let recheck = match ev.reauthorize {
            Some(Reauthorize::LoginEnded { session_id, .. }) if session_id == self.user.session.id => {
                return Step::Close
            }
            Some(Reauthorize::LoginEnded { user_id, .. }) => user_id == me,
            Some(Reauthorize::Account(user_id)) => user_id == me,
            None => false,
        };
        if recheck && !self.reauthorize().await {
            return Step::Close;
        }
        if self.plenum.is_none_or(|p| ev.plenum_id == Some(p)) && ev.visible_to(&self.user) {
            Step::Send(ev.frame())
        } else {
            Step::Skip
        }
    }

    /// Read the login and grants again; false once the login is gone (or cannot be checked).
    async fn reauthorize(&mut self) -> bool {
        let Some(hash) = &self.secret_hash else { return false };
        match crate::auth::session_user(&self.state, hash, self.user.via_cookie).await {
            Ok(Some(u)) if u.session.id == self.user.session.id => {
                self.user = u;
                true
            }
            Ok(_) => false,
            Err(e) => {
                tracing::warn!(error = ?e, "cannot re-check a live stream's login; closing it");
                false
            }
        }
    }
}
