//! The failed-sign-in throttle, kept in memory: per (account, client address)
//! and per client address, by the rule in `plenum_core::access::throttle`.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;

use plenum_core::access::{address_key, login_wait, FailureLog, LoginLimits, ThrottleRule};

/// Accounts at addresses, and addresses, with their recent failed sign-ins.
#[derive(Debug)]
pub struct LoginThrottles {
    limits: LoginLimits,
    tables: Mutex<Tables>,
}

#[derive(Debug, Default)]
struct Tables {
    pairs: HashMap<(String, IpAddr), FailureLog>,
    addresses: HashMap<IpAddr, FailureLog>,
}

/// A spray of usernames or addresses must not grow the tables without
/// bound: past this many entries in a table, idle entries are dropped, then
/// the ones whose latest failure is oldest. Each entry holds at most its
/// limit's timestamps (300 × 8 bytes for an address).
const MAX_TRACKED: usize = 10_000;

impl Default for LoginThrottles {
    fn default() -> Self {
        LoginThrottles::new(LoginLimits::default())
    }
}

impl LoginThrottles {
    pub fn new(limits: LoginLimits) -> LoginThrottles {
        LoginThrottles { limits, tables: Mutex::new(Tables::default()) }
    }

    /// Seconds this account must wait before trying again from this
    /// address, if it is throttled there.
    pub fn blocked_for(&self, account: &str, client: IpAddr, now: u64) -> Option<u64> {
        let client = address_key(client);
        let mut t = self.tables.lock().expect("lock");
        let Tables { pairs, addresses } = &mut *t;
        let mut none = FailureLog::default();
        let mut none2 = FailureLog::default();
        let pair = pairs.get_mut(&(account.to_string(), client)).unwrap_or(&mut none);
        let address = addresses.get_mut(&client).unwrap_or(&mut none2);
        login_wait(&self.limits, pair, address, now)
    }

    pub fn failed(&self, account: &str, client: IpAddr, now: u64) {
        let client = address_key(client);
        let mut t = self.tables.lock().expect("lock");
        record(&mut t.pairs, (account.to_string(), client), self.limits.account_at_address, now);
        record(&mut t.addresses, client, self.limits.address, now);
    }

    /// Entries held, for tests of the bound.
    pub fn tracked(&self) -> usize {
        let t = self.tables.lock().expect("lock");
        t.pairs.len() + t.addresses.len()
    }
}

fn record<K: Eq + Hash + Clone>(map: &mut HashMap<K, FailureLog>, key: K, rule: ThrottleRule, now: u64) {
    if !map.contains_key(&key) && map.len() >= MAX_TRACKED {
        map.retain(|_, log| !log.is_idle(rule, now));
        if map.len() >= MAX_TRACKED {
            if let Some(oldest) = map.iter().min_by_key(|(_, log)| log.latest()).map(|(k, _)| k.clone()) {
                map.remove(&oldest);
            }
        }
    }
    map.entry(key).or_default().record_failure(rule, now);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_stay_bounded_under_a_spray() {
        let t = LoginThrottles::default();
        for i in 0..(MAX_TRACKED as u32 + 500) {
            let addr = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            t.failed(&format!("u{i}"), addr, 1_000);
        }
        assert!(t.tracked() <= 2 * MAX_TRACKED, "{}", t.tracked());
    }
}
