//! Live streams open, by client address and by account, so that no one
//! client or account holds more than its share of the server's streams.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use crate::error::AppError;

#[derive(Debug, Default)]
struct Counts {
    by_address: HashMap<IpAddr, usize>,
    by_account: HashMap<i64, usize>,
}

#[derive(Debug, Default)]
pub(crate) struct OpenStreams(Arc<Mutex<Counts>>);

/// One open stream's place, given back when the stream ends.
pub(crate) struct StreamPlace {
    counts: Arc<Mutex<Counts>>,
    address: IpAddr,
    account: i64,
}

/// A browser retries a refused stream by itself; this many seconds later.
const RETRY_SECS: u64 = 30;

impl OpenStreams {
    /// A place for one more stream, or 429 past either bound.
    pub(crate) fn open(
        &self,
        address: IpAddr,
        account: i64,
        per_address: usize,
        per_account: usize,
    ) -> Result<StreamPlace, AppError> {
        let address = plenum_core::access::address_key(address);
        let mut c = self.0.lock().expect("lock");
        let here = c.by_address.get(&address).copied().unwrap_or(0);
        let mine = c.by_account.get(&account).copied().unwrap_or(0);
        if here >= per_address || mine >= per_account {
            return Err(AppError::Limited("too-many-streams", RETRY_SECS));
        }
        *c.by_address.entry(address).or_default() += 1;
        *c.by_account.entry(account).or_default() += 1;
        Ok(StreamPlace { counts: self.0.clone(), address, account })
    }
}

fn give_back<K: Eq + Hash>(map: &mut HashMap<K, usize>, key: &K) {
    if let Some(n) = map.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            map.remove(key);
        }
    }
}

impl Drop for StreamPlace {
    fn drop(&mut self) {
        let mut c = self.counts.lock().expect("lock");
        give_back(&mut c.by_address, &self.address);
        give_back(&mut c.by_account, &self.account);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_bounded_per_account_and_per_address() {
        let s = OpenStreams::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let first = s.open(a, 1, 3, 2).unwrap();
        let _second = s.open(b, 1, 3, 2).unwrap();
        assert!(s.open(a, 1, 3, 2).is_err(), "a third for one account");
        let _other = s.open(a, 2, 3, 2).unwrap();
        let _other2 = s.open(a, 3, 3, 2).unwrap();
        assert!(s.open(a, 4, 3, 2).is_err(), "a fourth from one address");
        drop(first);
        assert!(s.open(b, 1, 3, 2).is_ok(), "an ended stream gives its place back");
    }
}
