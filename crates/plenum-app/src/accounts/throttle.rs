//! The failed-login throttle of every account, kept in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use plenum_core::access::LoginThrottle;

/// Accounts (by normalized username) and their recent failed logins.
#[derive(Debug, Default)]
pub struct LoginThrottles {
    accounts: Mutex<HashMap<String, LoginThrottle>>,
}

/// A spray of usernames must not grow the table without bound: past this
/// many, idle entries are dropped.
const MAX_TRACKED: usize = 10_000;

impl LoginThrottles {
    /// Seconds the account must wait before trying again, if it is throttled.
    pub fn blocked_for(&self, key: &str, now: u64) -> Option<u64> {
        self.accounts.lock().expect("lock").entry(key.to_string()).or_default().blocked_for(now)
    }

    pub fn failed(&self, key: &str, now: u64) {
        let mut map = self.accounts.lock().expect("lock");
        map.entry(key.to_string()).or_default().record_failure(now);
        if map.len() > MAX_TRACKED {
            map.retain(|_, t| !t.is_idle(now));
        }
    }
}
