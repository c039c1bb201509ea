//! What every handler shares.

use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use plenum_app::App;
use plenum_store::Store;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure`; on when Plenum is served over TLS (directly or behind a proxy).
    pub secure_cookies: bool,
    /// How long a login lasts.
    pub session_hours: i64,
    /// SSE: a comment line this often keeps proxies from closing the stream.
    pub sse_heartbeat: Duration,
    /// SSE: the longest a stream stays open; the browser then reconnects.
    pub sse_max_lifetime: Duration,
    /// SSE: how often an open stream re-reads its login and grants, besides
    /// when a change concerns its user.
    pub sse_recheck: Duration,
    /// SSE: a reconnecting stream is replayed at most this many missed changes…
    pub sse_replay_events: u64,
    /// …none older than this; past either bound it gets `resync`.
    pub sse_replay_age: Duration,
    /// What one request may send.
    pub limits: crate::limits::Limits,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            session_hours: 12,
            sse_heartbeat: Duration::from_secs(15),
            sse_max_lifetime: Duration::from_secs(3600),
            sse_recheck: Duration::from_secs(300),
            sse_replay_events: 10_000,
            sse_replay_age: Duration::from_secs(30 * 60),
            limits: crate::limits::Limits::default(),
        }
    }
}

/// The web server's state, by concern: the application (store, organization
/// cache, login throttle), the web's settings, and the live relay.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    /// The store, the organization cache and the login throttle, which every use case shares.
    pub app: App,
    pub config: WebConfig,
    /// Live events, prepared once for all SSE streams (started by the first stream).
    pub(crate) live: OnceLock<crate::live::Relay>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// Handlers read the store and the organization tree through the application's state.
impl std::ops::Deref for Inner {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> AppState {
        AppState(Arc::new(Inner { app: App::new(store), config, live: OnceLock::new() }))
    }

    /// A handle that does not keep the state alive (for background tasks).
    pub(crate) fn downgrade(&self) -> Weak<Inner> {
        Arc::downgrade(&self.0)
    }

    pub(crate) fn upgrade(weak: &Weak<Inner>) -> Option<AppState> {
        weak.upgrade().map(AppState)
    }
}
