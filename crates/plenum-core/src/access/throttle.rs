//! Failed sign-ins, throttled per (account, client address) and per client
//! address. Never per account alone: that would let anyone lock any account
//! out by failing on purpose; whoever fails is held back, from where they are.
//! Time is given by the caller, so the rule stays pure.

use std::net::IpAddr;

/// At most `max_failures` failed sign-ins within `window_secs`; past that,
/// attempts wait until the oldest failure leaves the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    pub max_failures: usize,
    pub window_secs: u64,
}

/// The two limits every sign-in attempt is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// One account from one address: someone guessing that account's password.
    pub account_at_address: ThrottleRule,
    /// All accounts from one address: someone spraying usernames.
    pub address: ThrottleRule,
}

impl Default for LoginLimits {
    /// Five tries per account and address in 15 minutes are plenty for a
    /// person who mistypes. The per-address limit must not lock out a meeting
    /// room of about 100 tablets behind one NAT address: 300 failures in 15
    /// minutes lets every tablet mistype three times, and still holds a sprayer
    /// to 300 guesses per address per 15 minutes (under 30,000 a day).
    fn default() -> Self {
        LoginLimits {
            account_at_address: ThrottleRule { max_failures: 5, window_secs: 15 * 60 },
            address: ThrottleRule { max_failures: 300, window_secs: 15 * 60 },
        }
    }
}

/// The recent failures of one key (an account at an address, or an address).
/// It never holds more than its rule's `max_failures` times: once full, the
/// key is held back and no further failure can be recorded.
#[derive(Debug, Default, Clone)]
pub struct FailureLog {
    failures: Vec<u64>,
}

impl FailureLog {
    fn prune(&mut self, rule: ThrottleRule, now: u64) {
        self.failures.retain(|&t| now.saturating_sub(t) < rule.window_secs);
    }

    /// Seconds until another attempt is allowed, or `None` if allowed now.
    pub fn blocked_for(&mut self, rule: ThrottleRule, now: u64) -> Option<u64> {
        self.prune(rule, now);
        if self.failures.len() >= rule.max_failures {
            let oldest = self.failures.iter().min().copied().unwrap_or(now);
            Some((oldest + rule.window_secs).saturating_sub(now).max(1))
        } else {
            None
        }
    }

    pub fn record_failure(&mut self, rule: ThrottleRule, now: u64) {
        self.prune(rule, now);
        if self.failures.len() >= rule.max_failures {
            // Bounded memory: the newest failures are the ones that count longest.
            self.failures.remove(0);
        }
        self.failures.push(now);
    }

    /// Nothing left in the window: the entry may be forgotten.
    pub fn is_idle(&mut self, rule: ThrottleRule, now: u64) -> bool {
        self.prune(rule, now);
        self.failures.is_empty()
    }

    /// The latest failure, to choose which entry to forget first.
    pub fn latest(&self) -> u64 {
        self.failures.iter().max().copied().unwrap_or(0)
    }
}

/// Seconds an attempt must wait given both of its logs, or `None`.
pub fn login_wait(limits: &LoginLimits, pair: &mut FailureLog, address: &mut FailureLog, now: u64) -> Option<u64> {
    let a = pair.blocked_for(limits.account_at_address, now);
    let b = address.blocked_for(limits.address, now);
    a.max(b)
}

/// The address a throttle counts: an IPv6 client usually holds a whole /64,
/// so it is counted as one; an IPv4 address mapped into IPv6 counts as itself.
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    const LIMITS: LoginLimits = LoginLimits {
        account_at_address: ThrottleRule { max_failures: 5, window_secs: 900 },
        address: ThrottleRule { max_failures: 20, window_secs: 900 },
    };

    /// A throttle table over the pure rule, as the application keeps one.
    #[derive(Default)]
    struct Table {
        pairs: HashMap<(u8, u8), FailureLog>,
        addresses: HashMap<u8, FailureLog>,
    }

    impl Table {
        /// One attempt by `addr` on `account`: `Err(wait)` if held back, else
        /// `Ok(())` after recording whether it failed.
        fn attempt(&mut self, account: u8, addr: u8, right: bool, now: u64) -> Result<(), u64> {
            let pair = self.pairs.entry((account, addr)).or_default();
            let address = self.addresses.entry(addr).or_default();
            if let Some(w) = login_wait(&LIMITS, pair, address, now) {
                return Err(w);
            }
            if !right {
                pair.record_failure(LIMITS.account_at_address, now);
                address.record_failure(LIMITS.address, now);
            }
            Ok(())
        }
    }

    #[test]
    fn five_failures_hold_back_that_account_from_that_address_only() {
        let mut t = Table::default();
        for i in 0..5 {
            assert_eq!(t.attempt(1, 1, false, 100 + i), Ok(()));
        }
        assert!(t.attempt(1, 1, true, 110).is_err(), "the right password waits too, from there");
        assert_eq!(t.attempt(1, 2, true, 110), Ok(()), "the owner elsewhere still signs in");
        assert_eq!(t.attempt(2, 1, true, 110), Ok(()), "another account from the same address too");
        assert_eq!(t.attempt(1, 1, true, 100 + 900 + 5), Ok(()), "the window passes");
    }

    #[test]
    fn spraying_usernames_from_one_address_is_held_back() {
        let mut t = Table::default();
        for account in 0..20 {
            assert_eq!(t.attempt(account, 7, false, 50), Ok(()));
        }
        assert!(t.attempt(200, 7, true, 51).is_err());
        assert_eq!(t.attempt(200, 8, true, 51), Ok(()));
    }

    #[test]
    fn ipv6_counts_per_64_and_mapped_ipv4_as_itself() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(address_key("::ffff:10.0.0.1".parse().unwrap()), "10.0.0.1".parse::<IpAddr>().unwrap());
    }

    proptest! {
        /// Whatever an attacker does from addresses 1..=3, the owner at address
        /// 0 who never failed signs in; and no address gets more failures into
        /// one window than its limits allow.
        #[test]
        fn attackers_never_lock_out_the_owner_nor_exceed_their_limits(
            attacks in proptest::collection::vec((0u8..4, 1u8..4, 0u64..3_000), 0..400),
        ) {
            let mut t = Table::default();
            let mut accepted: Vec<(u8, u8, u64)> = Vec::new();
            let mut attacks = attacks;
            attacks.sort_by_key(|a| a.2);
            for (account, addr, now) in attacks {
                if t.attempt(account, addr, false, now).is_ok() {
                    accepted.push((account, addr, now));
                }
                prop_assert_eq!(t.attempt(account, 0, true, now), Ok(()));
            }
            for &(account, addr, now) in &accepted {
                let in_window = |a: &&(u8, u8, u64)| a.2 <= now && now - a.2 < 900;
                let pair = accepted.iter().filter(|a| a.0 == account && a.1 == addr).filter(in_window).count();
                let all = accepted.iter().filter(|a| a.1 == addr).filter(in_window).count();
                prop_assert!(pair <= LIMITS.account_at_address.max_failures);
                prop_assert!(all <= LIMITS.address.max_failures);
            }
        }

        /// A log never grows past its rule's limit, however many failures it sees.
        #[test]
        fn a_log_stays_bounded(times in proptest::collection::vec(0u64..10_000, 0..200)) {
            let rule = ThrottleRule { max_failures: 5, window_secs: 900 };
            let mut log = FailureLog::default();
            for t in times {
                log.record_failure(rule, t);
                prop_assert!(log.failures.len() <= rule.max_failures);
            }
        }
    }
}
