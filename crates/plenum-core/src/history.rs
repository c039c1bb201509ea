//! The history: every change is one entry in a hash chain. Each entry's hash
//! covers its own fields and the previous entry's hash, so altering or deleting
//! any entry breaks every link after it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the history (nhật ký thay đổi).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// Microseconds since the Unix epoch, UTC.
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    /// Canonical JSON of what changed.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry: SHA-256 over its fields, each length-prefixed so that
/// no two different entries can produce the same byte string.
pub fn entry_hash(prev_hash: &str, seq: i64, at: i64, actor: Option<&str>, action: &str, payload: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev_hash, &seq.to_string(), &at.to_string(), actor.unwrap_or("\u{0}"), action, payload] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Why the chain is broken, naming the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq}: missing (the chain jumps from {prev} to {seq_found})")]
    Missing { seq: i64, prev: i64, seq_found: i64 },
    #[error("entry {seq}: its hash does not match its contents (altered)")]
    Altered { seq: i64 },
    #[error("entry {seq}: its previous-hash does not match entry {prev}")]
    Unlinked { seq: i64, prev: i64 },
    #[error("entry {seq}: missing at the end (the chain head says {head_seq} entries, the log ends at {last})")]
    Truncated { seq: i64, head_seq: i64, last: i64 },
    #[error("entry {seq}: the chain head's hash does not match the last entry")]
    HeadMismatch { seq: i64 },
}

impl ChainBreak {
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Missing { seq, .. }
            | ChainBreak::Altered { seq }
            | ChainBreak::Unlinked { seq, .. }
            | ChainBreak::Truncated { seq, .. }
            | ChainBreak::HeadMismatch { seq } => *seq,
        }
    }
}

/// Incremental verifier, so a long log can be checked page by page.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_seq: i64,
    last_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier { last_seq: 0, last_hash: GENESIS_HASH.to_string() }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, e: &AuditEntry) -> Result<(), ChainBreak> {
        let expected = self.last_seq + 1;
        if e.seq != expected {
            return Err(ChainBreak::Missing { seq: expected, prev: self.last_seq, seq_found: e.seq });
        }
        if e.hash != entry_hash(&e.prev_hash, e.seq, e.at, e.actor.as_deref(), &e.action, &e.payload) {
            return Err(ChainBreak::Altered { seq: e.seq });
        }
        if e.prev_hash != self.last_hash {
            return Err(ChainBreak::Unlinked { seq: e.seq, prev: self.last_seq });
        }
        self.last_seq = e.seq;
        self.last_hash = e.hash.clone();
        Ok(())
    }

    /// Check the end of the log against the head the store keeps, which
    /// catches entries deleted from the end.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        if head_seq > self.last_seq {
            return Err(ChainBreak::Truncated { seq: self.last_seq + 1, head_seq, last: self.last_seq });
        }
        if head_seq < self.last_seq || head_hash != self.last_hash {
            return Err(ChainBreak::HeadMismatch { seq: self.last_seq });
        }
        Ok(self.last_seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chain(n: usize) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n as i64)
            .map(|seq| {
                let payload = format!("{{\"n\":{seq}}}");
                let hash = entry_hash(&prev, seq, seq * 10, Some("admin"), "test", &payload);
                let e = AuditEntry {
                    seq,
                    at: seq * 10,
                    actor: Some("admin".into()),
                    action: "test".into(),
                    payload,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry], head: (i64, &str)) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for e in entries {
            v.push(e)?;
        }
        v.finish(head.0, head.1)
    }

    #[test]
    fn empty_log_is_intact() {
        assert_eq!(verify(&[], (0, GENESIS_HASH)), Ok(0));
    }

    proptest! {
        #[test]
        fn intact_chain_verifies(n in 1usize..30) {
            let c = chain(n);
            let head = (c[n - 1].seq, c[n - 1].hash.clone());
            prop_assert_eq!(verify(&c, (head.0, &head.1)), Ok(n as i64));
        }

        #[test]
        fn altering_any_entry_names_it(n in 2usize..30, pick in 0usize..30, field in 0u8..4) {
            let mut c = chain(n);
            let i = pick % n;
            let head = (c[n - 1].seq, c[n - 1].hash.clone());
            match field {
                0 => c[i].payload.push(' '),
                1 => c[i].at += 1,
                2 => c[i].action = "forged".into(),
                _ => c[i].actor = None,
            }
            let err = verify(&c, (head.0, &head.1)).unwrap_err();
            prop_assert_eq!(err.seq(), c[i].seq);
        }

        #[test]
        fn deleting_any_entry_names_it(n in 2usize..30, pick in 0usize..30) {
            let mut c = chain(n);
            let i = pick % n;
            let head = (c[n - 1].seq, c[n - 1].hash.clone());
            let removed = c.remove(i).seq;
            let err = verify(&c, (head.0, &head.1)).unwrap_err();
            prop_assert_eq!(err.seq(), removed);
        }
    }

    #[test]
    fn rehashed_forgery_is_caught_by_the_next_link() {
        let mut c = chain(3);
        c[1].payload = "{\"n\":99}".into();
        c[1].hash = entry_hash(&c[1].prev_hash, 2, c[1].at, c[1].actor.as_deref(), &c[1].action, &c[1].payload);
        let head = (3, c[2].hash.clone());
        assert_eq!(verify(&c, (head.0, &head.1)), Err(ChainBreak::Unlinked { seq: 3, prev: 2 }));
    }
}
