//! What every handler shares.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock, Weak};
use std::time::Duration;

use plenum_core::access::LoginThrottle;
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
        }
    }
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Arc<dyn Store>,
    pub config: WebConfig,
    throttles: Mutex<HashMap<String, LoginThrottle>>,
    /// Organization → parent, for scope checks. Organizations are never
    /// moved or deleted, so entries stay valid; a miss reloads.
    parents: RwLock<HashMap<i64, Option<i64>>>,
    /// Live events, prepared once for all SSE streams (started by the first stream).
    pub(crate) live: OnceLock<crate::live::Relay>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> AppState {
        AppState(Arc::new(Inner {
            store,
            config,
            throttles: Mutex::default(),
            parents: RwLock::default(),
            live: OnceLock::new(),
        }))
    }

    /// A handle that does not keep the state alive (for background tasks).
    pub(crate) fn downgrade(&self) -> Weak<Inner> {
        Arc::downgrade(&self.0)
    }

    pub(crate) fn upgrade(weak: &Weak<Inner>) -> Option<AppState> {
        weak.upgrade().map(AppState)
    }

    /// The organization and its ancestors, nearest first.
    pub async fn org_path(&self, org_id: i64) -> anyhow::Result<Vec<i64>> {
        if !self.parents.read().expect("lock").contains_key(&org_id) {
            let orgs = self.store.organizations().await?;
            let mut map = self.parents.write().expect("lock");
            for o in orgs {
                map.insert(o.id, o.parent_id);
            }
        }
        let map = self.parents.read().expect("lock");
        let mut path = Vec::new();
        let mut at = Some(org_id);
        while let Some(id) = at {
            if path.contains(&id) || !map.contains_key(&id) {
                break;
            }
            path.push(id);
            at = map[&id];
        }
        Ok(path)
    }

    /// Seconds the account must wait before trying again, if it is throttled.
    pub fn login_blocked_for(&self, key: &str, now: u64) -> Option<u64> {
        self.throttles.lock().expect("lock").entry(key.to_string()).or_default().blocked_for(now)
    }

    pub fn login_failed(&self, key: &str, now: u64) {
        let mut map = self.throttles.lock().expect("lock");
        map.entry(key.to_string()).or_default().record_failure(now);
        // Keep the table from growing without bound under a spray of usernames.
        if map.len() > 10_000 {
            map.retain(|_, t| !t.is_idle(now));
        }
    }
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}
