//! What every handler shares.

use std::sync::{Arc, OnceLock};
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
    /// Password hashing and the failed-sign-in throttle.
    pub app_limits: plenum_app::AppLimits,
    /// Proxies whose `X-Forwarded-For` names the client (addresses or networks).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The longest a connection may take to send a request's head, counted
    /// from when it starts waiting for one: so also the longest it may stay idle.
    pub header_read_timeout: Duration,
    /// Connections open at once, in all…
    pub max_connections: usize,
    /// …and from one client address (an IPv6 /64 counts as one).
    pub max_connections_per_address: usize,
    /// Live streams open at once from one client address…
    pub max_streams_per_address: usize,
    /// …and for one account.
    pub max_streams_per_account: usize,
    /// Who may embed the hall screen (the projector page) in a frame: a CSP
    /// `frame-ancestors` source list such as `'self' https://hall.example`.
    /// Unset, no page may be framed.
    pub projector_frame_ancestors: Option<String>,
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
            app_limits: plenum_app::AppLimits::default(),
            trusted_proxies: Vec::new(),
            // Long enough for a tablet on a slow hall Wi-Fi to send a request
            // head; a browser reopens an idle connection closed after it.
            header_read_timeout: Duration::from_secs(20),
            // The process may open 20,000 files; the rest is left for the
            // database and uploads.
            max_connections: 16_000,
            // About 100 tablets behind one NAT address, each with a browser's
            // six connections to a host, and room to spare.
            max_connections_per_address: 1_000,
            // The same room, a few live pages per tablet.
            max_streams_per_address: 500,
            // One person's devices and tabs; a shared office account included.
            max_streams_per_account: 16,
            projector_frame_ancestors: None,
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
    pub(crate) live: OnceLock<crate::fanout::Fanout>,
    /// Live streams open, by client address and by account.
    pub(crate) streams: crate::live::OpenStreams,
    /// Sessions read in the last moment, so a burst of requests (a vote) does not read each one again.
    pub(crate) sessions: crate::session_cache::SessionCache,
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
        AppState::with_app(App::with_limits(store, config.app_limits), config)
    }

    pub fn with_app(app: App, config: WebConfig) -> AppState {
        AppState(Arc::new(Inner {
            app,
            config,
            live: OnceLock::new(),
            streams: Default::default(),
            sessions: Default::default(),
        }))
    }
}
