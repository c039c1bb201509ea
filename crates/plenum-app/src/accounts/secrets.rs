//! Passwords and random secrets. A secret handed out (a session, a token, a
//! one-time link) is stored only as its SHA-256.
//!
//! Every password hashed or verified while serving goes through
//! [`PasswordWork`]: argon2id holds about 19 MiB for each computation, so
//! unbounded concurrency (a burst of failed sign-ins) would grow memory
//! without bound. At most `permits` run at once, off the async workers; at
//! most `queue` more wait; past that the caller is told to come back. Each
//! permit's working memory is allocated once and reused: a fresh 19 MiB per
//! sign-in was kept by the allocator's per-thread arenas after a burst
//! (measured: about 880 MiB held after 200 concurrent failed sign-ins).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

/// Working memory for one computation with the default parameters.
type Memory = Vec<Block>;

fn new_memory() -> Memory {
    vec![Block::default(); Params::default().block_count()]
}

/// [`hash_password`] in the given memory.
fn hash_in(password: &str, memory: &mut [Block]) -> anyhow::Result<String> {
    let fail = |e: &dyn std::fmt::Display| anyhow::anyhow!("hashing failed: {e}");
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_buf).map_err(|e| fail(&e))?;
    let params = Params::default();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, memory)
        .map_err(|e| fail(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| fail(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| fail(&e))?),
    };
    Ok(hash.to_string())
}

/// [`verify_password`] in the given memory; a hash whose parameters need
/// more memory than that is verified the ordinary way.
fn verify_in(hash: &str, password: &str, memory: &mut [Block]) -> bool {
    let Ok(h) = PasswordHash::new(hash) else { return false };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(h.algorithm), Params::try_from(&h)) else { return false };
    let version = h.version.map(Version::try_from).transpose().ok().flatten().unwrap_or_default();
    if params.block_count() > memory.len() {
        return verify_password(hash, password);
    }
    let (Some(salt), Some(expected)) = (h.salt, h.hash) else { return false };
    let mut salt_buf = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_buf) else { return false };
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    if argon.hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, memory).is_err() {
        return false;
    }
    // `Output` compares in constant time.
    Output::new(&out).is_ok_and(|o| o == expected)
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
    /// Working memory not in use; never more than one per permit.
    memory: Arc<Mutex<Vec<Memory>>>,
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
            memory: Arc::default(),
        }
    }

    /// Run one computation under a permit, on the blocking pool. The permit
    /// moves into the computation, so it stays taken until the computation
    /// ends even if the caller has gone.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce(&mut [Block]) -> T + Send + 'static) -> AppResult<T> {
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
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut memory = pool.lock().expect("lock").pop().unwrap_or_else(new_memory);
            let result = work(&mut memory);
            pool.lock().expect("lock").push(memory);
            result
        })
        .await
        .map_err(|e| Error::Internal(e.into()))
    }

    /// Hash a new password (an account created, a link redeemed).
    pub async fn hash(&self, password: String) -> AppResult<String> {
        self.run(move |memory| hash_in(&password, memory)).await?.map_err(Error::Internal)
    }

    /// Check a password against a stored hash; `None` checks against a
    /// dummy hash, so that an unknown name takes as long as a known one.
    pub async fn verify(&self, hash: Option<String>, password: String) -> AppResult<bool> {
        self.run(move |memory| verify_in(hash.as_deref().unwrap_or_else(|| dummy_hash()), &password, memory)).await
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
            async move { work.run(move |_| rx.recv().ok()).await }
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

    #[tokio::test]
    async fn hashes_in_reused_memory_verify_both_ways() {
        let work = PasswordWork::new(HashingLimits { permits: 1, queue: 4 });
        let ours = work.hash("mat-khau-dai".into()).await.unwrap();
        assert!(verify_password(&ours, "mat-khau-dai"), "the ordinary verifier accepts ours");
        let theirs = hash_password("mat-khau-khac").unwrap();
        assert!(work.verify(Some(theirs.clone()), "mat-khau-khac".into()).await.unwrap(), "and ours theirs");
        assert!(!work.verify(Some(theirs), "mat-khau-dai".into()).await.unwrap());
        assert!(!work.verify(Some(ours), "mat-khau-sai".into()).await.unwrap());
        assert!(work.memory.lock().unwrap().len() <= 1, "one working memory per permit");
    }
}
