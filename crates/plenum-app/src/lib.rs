//! Plenum's application layer: one function per use case, laid out by the
//! plenum's life (`prepare`, `conduct`, `decide`, `accounts`, `history`).
//!
//! Every use case takes the [`App`] (the shared state, by concern) and the
//! caller's [`Principal`], loads the resource it acts on, checks the caller's
//! permission on that resource's own scope (its plenum, its organization and
//! the organizations above), then calls the core's rules and the store. The
//! web handlers and the command line are adapters over these functions: they
//! parse, call, and render; they decide nothing about who may do what.

pub mod accounts;
pub mod conduct;
pub mod decide;
pub mod demo;
mod error;
pub mod history;
pub mod prepare;
mod principal;
mod scope;
pub mod synthesize;

use std::sync::Arc;

pub use error::{AppResult, Error};
use plenum_store::Store;
pub use principal::{Abilities, Principal};
pub use scope::OrgCache;

use crate::accounts::secrets::{HashingLimits, PasswordWork};
use crate::accounts::throttle::LoginThrottles;

/// The state every use case shares, split by concern: the store, the
/// organization cache that scope checks read, the login throttle and the
/// bounded password hashing.
#[derive(Clone)]
pub struct App {
    pub store: Arc<dyn Store>,
    pub orgs: Arc<OrgCache>,
    pub throttle: Arc<LoginThrottles>,
    pub rules: Rules,
    pub passwords: Arc<PasswordWork>,
    /// Group commit for votes and ballots.
    pub ballot_box: Arc<decide::ballot_box::BallotBox>,
    /// The key that signs published tallies.
    pub signer: Arc<decide::signing::PollSigner>,
}

/// The rules a deployment sets where the regulations fix no number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Attendance a plenum needs, as a share of all members.
    pub attendance: plenum_core::conduct::quorum::Fraction,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { attendance: plenum_core::conduct::quorum::DEFAULT_ATTENDANCE }
    }
}

/// The application's bounds, set by the server's settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppLimits {
    pub hashing: HashingLimits,
    pub login: plenum_core::access::LoginLimits,
}

impl App {
    pub fn new(store: Arc<dyn Store>) -> App {
        App::with_limits(store, AppLimits::default())
    }

    pub fn with_limits(store: Arc<dyn Store>, limits: AppLimits) -> App {
        App::configured(store, limits, Rules::default())
    }

    /// The application under the server's bounds and the deployment's rules.
    pub fn configured(store: Arc<dyn Store>, limits: AppLimits, rules: Rules) -> App {
        App {
            orgs: Arc::new(OrgCache::default()),
            throttle: Arc::new(LoginThrottles::new(limits.login)),
            passwords: Arc::new(PasswordWork::new(limits.hashing)),
            store,
            rules,
            ballot_box: Arc::default(),
            signer: Arc::new(decide::signing::PollSigner::generate()),
        }
    }

    /// The application signing published tallies with `signer` (the key
    /// file every node of a deployment shares).
    pub fn with_signer(mut self, signer: decide::signing::PollSigner) -> App {
        self.signer = Arc::new(signer);
        self
    }

    /// The organization and its ancestors, nearest first.
    pub async fn org_path(&self, org_id: i64) -> anyhow::Result<Vec<i64>> {
        self.orgs.path(self.store.as_ref(), org_id).await
    }
}

/// Seconds since the Unix epoch, the clock of sessions and the login throttle.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}
