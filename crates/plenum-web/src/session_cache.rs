//! Who a session secret belongs to, remembered for a moment. In a vote storm
//! every delegate's tablet sends its vote at once; without this, each
//! request would read the session, the account and its grants before the
//! vote itself.
//!
//! An entry lives at most [`TTL`], so an account signed out, disabled or
//! re-granted elsewhere (another node, the command line) keeps its old
//! standing for at most that long. On this node it is shorter: signing out
//! and disabling forget the account's entries at once, and every change
//! that asks live streams to re-check a login (`Reauthorize`) forgets them
//! as soon as the relay delivers it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use plenum_store::change::Reauthorize;
use plenum_store::Store;
use tokio::sync::broadcast::error::RecvError;

use crate::identity::CurrentUser;

/// The longest a cached session is believed without reading it again.
pub const TTL: Duration = Duration::from_secs(2);
/// At most this many secrets are remembered: a plenum of thousands of
/// delegates, each on one or two devices.
pub const CAPACITY: usize = 20_000;

struct Entry {
    user: CurrentUser,
    read_at: Instant,
}

/// Sessions by their secret's hash.
pub(crate) struct SessionCache {
    entries: Arc<Mutex<HashMap<String, Entry>>>,
    ttl: Duration,
    capacity: usize,
    /// The task that forgets accounts on `Reauthorize`, started with the first entry.
    listening: OnceLock<()>,
}

impl Default for SessionCache {
    fn default() -> Self {
        SessionCache::new(TTL, CAPACITY)
    }
}

impl SessionCache {
    pub(crate) fn new(ttl: Duration, capacity: usize) -> SessionCache {
        SessionCache { entries: Default::default(), ttl, capacity, listening: OnceLock::new() }
    }

    /// The caller behind this hash, if read less than the TTL ago and
    /// presented the same way (a cookie secret is not good as a bearer token).
    pub(crate) fn get(&self, token_hash: &str, via_cookie: bool) -> Option<CurrentUser> {
        self.get_at(token_hash, via_cookie, Instant::now())
    }

    fn get_at(&self, token_hash: &str, via_cookie: bool, now: Instant) -> Option<CurrentUser> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = entries.get(token_hash).map(|e| now.saturating_duration_since(e.read_at) < self.ttl)?;
        if !fresh {
            entries.remove(token_hash);
            return None;
        }
        // A web session that ran out in the meantime is not believed either.
        let now_micros =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64);
        entries
            .get(token_hash)
            .map(|e| e.user.clone())
            .filter(|u| u.via_cookie == via_cookie && u.session.expires_at.is_none_or(|t| t > now_micros))
    }

    /// Remember what was just read from the store. Past the bound, the
    /// expired entries go first, then (if still full) all of them: a full
    /// cache is rare and refilling it costs one read per caller.
    pub(crate) fn put(&self, store: &Arc<dyn Store>, token_hash: String, user: CurrentUser) {
        self.listening.get_or_init(|| self.listen(store));
        self.put_at(token_hash, user, Instant::now());
    }

    fn put_at(&self, token_hash: String, user: CurrentUser, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.capacity && !entries.contains_key(&token_hash) {
            entries.retain(|_, e| now.saturating_duration_since(e.read_at) < self.ttl);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(token_hash, Entry { user, read_at: now });
    }

    /// Forget every session of an account.
    pub(crate) fn forget_user(&self, user_id: i64) {
        forget(&self.entries, user_id);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Forget an account's sessions whenever a committed change asks logins
    /// to be re-checked; forget everything if the relay's events were lost.
    fn listen(&self, store: &Arc<dyn Store>) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let entries = Arc::downgrade(&self.entries);
        let mut rx = store.subscribe();
        runtime.spawn(async move {
            loop {
                let event = rx.recv().await;
                let Some(entries) = entries.upgrade() else { return };
                match event {
                    Ok(c) => match c.change.reauthorize() {
                        Some(Reauthorize::Account(user_id) | Reauthorize::LoginEnded { user_id, .. }) => {
                            forget(&entries, user_id)
                        }
                        None => {}
                    },
                    Err(RecvError::Lagged(_)) => entries.lock().unwrap_or_else(|e| e.into_inner()).clear(),
                    Err(RecvError::Closed) => return,
                }
            }
        });
    }
}

fn forget(entries: &Mutex<HashMap<String, Entry>>, user_id: i64) {
    entries.lock().unwrap_or_else(|e| e.into_inner()).retain(|_, e| e.user.principal.user.id != user_id);
}

#[cfg(test)]
mod tests {
    use plenum_app::Principal;
    use plenum_core::access::SignInKind;
    use plenum_store::{Session, User};

    use super::*;

    fn caller(user_id: i64, via_cookie: bool) -> CurrentUser {
        let user = User {
            id: user_id,
            username: format!("u{user_id}"),
            display_name: String::new(),
            password_hash: String::new(),
            created_at: 0,
            disabled_at: None,
        };
        let kind = if via_cookie { SignInKind::Web } else { SignInKind::Api };
        let session = Session { id: user_id, user_id, kind, csrf: String::new(), expires_at: None };
        CurrentUser { principal: Principal { user, grants: Vec::new() }, session, via_cookie }
    }

    #[test]
    fn an_entry_is_believed_until_its_ttl_and_not_after() {
        let cache = SessionCache::new(Duration::from_secs(2), 10);
        let t0 = Instant::now();
        cache.put_at("h".into(), caller(7, false), t0);
        let at = |s: u64| t0 + Duration::from_millis(s);
        assert_eq!(cache.get_at("h", false, at(1_999)).map(|u| u.principal.user.id), Some(7));
        assert!(cache.get_at("h", false, at(2_000)).is_none(), "expired at the TTL");
        assert_eq!(cache.len(), 0, "an expired entry is dropped when found");
    }

    #[test]
    fn a_secret_is_only_good_the_way_it_was_presented() {
        let cache = SessionCache::new(Duration::from_secs(2), 10);
        let now = Instant::now();
        cache.put_at("h".into(), caller(7, true), now);
        assert!(cache.get_at("h", false, now).is_none());
        assert!(cache.get_at("h", true, now).is_some());
    }

    #[test]
    fn the_cache_never_holds_more_than_its_bound() {
        let cache = SessionCache::new(Duration::from_secs(2), 100);
        let t0 = Instant::now();
        for i in 0..250 {
            cache.put_at(format!("h{i}"), caller(i, false), t0);
            assert!(cache.len() <= 100, "{} entries after {} puts", cache.len(), i + 1);
            // The newest is always kept.
            assert!(cache.get_at(&format!("h{i}"), false, t0).is_some());
        }
        // Full again, half of it read a second later.
        let cache = SessionCache::new(Duration::from_secs(2), 100);
        for i in 0..100 {
            let at = if i < 50 { t0 } else { t0 + Duration::from_secs(1) };
            cache.put_at(format!("h{i}"), caller(i, false), at);
        }
        assert_eq!(cache.len(), 100);
        // Past the first half's TTL, a full cache makes room by dropping the expired entries only.
        let later = t0 + Duration::from_millis(2_500);
        cache.put_at("fresh".into(), caller(1000, false), later);
        assert_eq!(cache.len(), 51);
        assert!(cache.get_at("h99", false, later).is_some());
        assert!(cache.get_at("h0", false, later).is_none());
    }

    #[test]
    fn forgetting_an_account_drops_all_its_sessions_only() {
        let cache = SessionCache::new(Duration::from_secs(2), 10);
        let now = Instant::now();
        cache.put_at("a1".into(), caller(1, false), now);
        let mut other_device = caller(1, true);
        other_device.session.id = 99;
        cache.put_at("a2".into(), other_device, now);
        cache.put_at("b".into(), caller(2, false), now);
        cache.forget_user(1);
        assert!(cache.get_at("a1", false, now).is_none());
        assert!(cache.get_at("a2", true, now).is_none());
        assert!(cache.get_at("b", false, now).is_some());
    }
}
