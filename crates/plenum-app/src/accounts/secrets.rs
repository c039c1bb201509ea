//! Passwords and random secrets. A secret handed out (a session, a token, a
//! one-time link) is stored only as its SHA-256.
//!
//! Every password hashed or verified while serving goes through
//! [`PasswordWork`]: argon2id holds about 19 MiB for each computation, so
//! unbounded concurrency (a burst of failed sign-ins) would grow memory
//! without bound. At most `permits` run at once, off the async workers; at
//! most `queue` more wait; past that the caller is told to come back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::{AppResult, Error};

/// argon2id with the crate's defaults.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// How many password computations run at once, and how many may wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashingLimits {
    /// Computations at once: one per core, as each keeps a core busy.
    pub permits: usize,
    /// Callers waiting for a permit; one more is answered "busy".
    pub queue: usize,
}

impl Default for HashingLimits {
    /// A computation takes tens of milliseconds on one core; 64 waiting per
    /// core means a few seconds' wait at worst, enough for a room of tablets
    /// signing in at once, while the memory in use stays `permits` × 19 MiB.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        HashingLimits { permits: cores, queue: 64 * cores }
    }
}

/// Seconds a caller turned away is asked to wait before trying again.
pub const BUSY_RETRY_SECS: u64 = 2;

/// The one place passwords are hashed and verified while serving.
#[derive(Debug)]
pub struct PasswordWork {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
}

impl Default for PasswordWork {
    fn default() -> Self {
        PasswordWork::new(HashingLimits::default())
    }
}

/// A place in the queue, given back however the wait ends (a caller that
/// disconnects drops its future mid-wait).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl PasswordWork {
    pub fn new(limits: HashingLimits) -> PasswordWork {
        PasswordWork {
            permits: Arc::new(Semaphore::new(limits.permits.max(1))),
            waiting: AtomicUsize::new(0),
            queue: limits.queue,
        }
    }

    /// Run one computation under a permit, on the blocking pool. The permit
    /// moves into the computation, so it stays taken until the computation
    /// ends even if the caller has gone.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(Error::Busy(BUSY_RETRY_SECS));
                }
                let _place = Waiting(&self.waiting);
                self.permits.clone().acquire_owned().await.map_err(|e| Error::Internal(e.into()))?
            }
        };
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| Error::Internal(e.into()))
    }

    /// Hash a new password (an account created, a link redeemed).
    pub async fn hash(&self, password: String) -> AppResult<String> {
        self.run(move || hash_password(&password)).await?.map_err(Error::Internal)
    }

    /// Check a password against a stored hash; `None` checks against a
    /// dummy hash, so that an unknown name takes as long as a known one.
    pub async fn verify(&self, hash: Option<String>, password: String) -> AppResult<bool> {
        self.run(move || verify_password(hash.as_deref().unwrap_or_else(|| dummy_hash()), &password)).await
    }
}

fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_secret()).unwrap_or_default())
}

/// A fresh random secret, hex-encoded (256 bits).
pub fn new_secret() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// What the database keeps of a secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn past_the_queue_callers_are_told_to_come_back() {
        let work = Arc::new(PasswordWork::new(HashingLimits { permits: 1, queue: 0 }));
        // Hold the only permit with a computation that waits for us.
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let held = tokio::spawn({
            let work = work.clone();
            async move { work.run(move || rx.recv().ok()).await }
        });
        while work.permits.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let turned_away = work.hash("mat-khau-dai".into()).await;
        assert!(matches!(turned_away, Err(Error::Busy(s)) if s > 0), "{turned_away:?}");
        tx.send(()).unwrap();
        held.await.unwrap().unwrap();
        assert!(work.verify(None, "x".into()).await.is_ok_and(|ok| !ok), "free again once the permit is back");
    }
}
