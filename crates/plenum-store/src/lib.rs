//! The storage boundary. Each backend crate (SQLite, PostgreSQL) implements
//! [`Store`] by expanding the shared SQL in [`sql`] with its own connection
//! handling, migrations and event relay. [`conformance`] is the one story every
//! backend must pass.

pub mod backup;
pub mod conformance;
pub mod demo;
mod error;
pub mod input;
mod model;
pub mod schema;
pub mod sql;

use async_trait::async_trait;
pub use error::{StoreError, StoreResult};
pub use model::*;
use plenum_core::access::Grant;
use plenum_core::history::AuditEntry;
use tokio::sync::broadcast;

/// Accounts, role grants, login sessions and API tokens.
#[async_trait]
pub trait Accounts {
    async fn create_user(&self, actor: &Actor, new: input::NewUser) -> StoreResult<User>;
    async fn user_by_username(&self, username: &str) -> StoreResult<Option<User>>;
    async fn user(&self, id: i64) -> StoreResult<User>;
    async fn users(&self) -> StoreResult<Vec<User>>;
    async fn grant_role(&self, actor: &Actor, user_id: i64, grant: Grant) -> StoreResult<()>;
    async fn grants_of(&self, user_id: i64) -> StoreResult<Vec<Grant>>;
    /// Store a session or token by the SHA-256 of its secret; the secret itself is never stored.
    async fn create_session(&self, actor: &Actor, new: input::NewSession) -> StoreResult<Session>;
    /// A live (unexpired) session by its secret's hash.
    async fn session_by_hash(&self, token_hash: &str, now: i64) -> StoreResult<Option<Session>>;
    async fn delete_session(&self, actor: &Actor, token_hash: &str) -> StoreResult<()>;
}

/// Organizations, committees by term and their members.
#[async_trait]
pub trait Organizations {
    async fn create_organization(&self, actor: &Actor, new: input::NewOrganization) -> StoreResult<Organization>;
    async fn organizations(&self) -> StoreResult<Vec<Organization>>;
    async fn organization(&self, id: i64) -> StoreResult<Organization>;
    async fn create_committee(&self, actor: &Actor, new: input::NewCommittee) -> StoreResult<Committee>;
    async fn committees(&self, org_id: i64) -> StoreResult<Vec<Committee>>;
    async fn committee(&self, id: i64) -> StoreResult<Committee>;
    async fn add_member(&self, actor: &Actor, new: input::NewMember) -> StoreResult<Member>;
    async fn members(&self, committee_id: i64) -> StoreResult<Vec<Member>>;
    /// Tie a member to the account they sign in with.
    async fn link_member(&self, actor: &Actor, member_id: i64, user_id: i64) -> StoreResult<()>;
}

/// Plenums, their agenda and discussion groups.
#[async_trait]
pub trait Plenums {
    async fn create_plenum(&self, actor: &Actor, new: input::NewPlenum) -> StoreResult<Plenum>;
    async fn plenums(&self) -> StoreResult<Vec<Plenum>>;
    async fn plenum(&self, id: i64) -> StoreResult<Plenum>;
    async fn add_agenda_item(&self, actor: &Actor, new: input::NewAgendaItem) -> StoreResult<AgendaItem>;
    async fn agenda_items(&self, plenum_id: i64) -> StoreResult<Vec<AgendaItem>>;
    async fn create_group(&self, actor: &Actor, new: input::NewGroup) -> StoreResult<DiscussionGroup>;
    async fn groups(&self, plenum_id: i64) -> StoreResult<Vec<DiscussionGroup>>;
}

/// The hash-chained history and the live events derived from it.
#[async_trait]
pub trait History {
    /// Entries with `seq > after`, oldest first, at most `limit`.
    async fn history(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEntry>>;
    /// The chain head: the last sequence number and its hash.
    async fn history_head(&self) -> StoreResult<(i64, String)>;
    /// Events committed from now on, on this node or (PostgreSQL) any node.
    fn subscribe(&self) -> broadcast::Receiver<Event>;
}

/// Moving all data between backends.
#[async_trait]
pub trait Portability {
    async fn export(&self) -> StoreResult<backup::Backup>;
    /// Load a backup into an empty database.
    async fn import(&self, backup: &backup::Backup) -> StoreResult<()>;
    async fn is_empty(&self) -> StoreResult<bool>;
}

/// Schema upkeep and low-level access for the CLI and tests.
#[async_trait]
pub trait Maintenance {
    async fn migrate(&self) -> anyhow::Result<()>;
    /// Run raw SQL. Only tests use it, to tamper with the history on purpose.
    async fn execute_raw(&self, sql: &str) -> anyhow::Result<u64>;
    /// The application's table names, sorted.
    async fn table_names(&self) -> anyhow::Result<Vec<String>>;
}

/// Everything a backend provides.
pub trait Store: Accounts + Organizations + Plenums + History + Portability + Maintenance + Send + Sync + 'static {
    /// "sqlite" or "postgres", as reported by `/healthz`.
    fn backend(&self) -> &'static str;
}

/// Walk the whole history and check the hash chain against its head.
/// Returns the number of entries, or the first broken one.
pub async fn verify_history(store: &dyn Store) -> anyhow::Result<Result<i64, plenum_core::history::ChainBreak>> {
    const PAGE: i64 = 1000;
    let mut verifier = plenum_core::history::ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = store.history(after, PAGE).await?;
        for e in &page {
            if let Err(b) = verifier.push(e) {
                return Ok(Err(b));
            }
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = last.seq,
            _ => break,
        }
    }
    let (head_seq, head_hash) = store.history_head().await?;
    Ok(verifier.finish(head_seq, &head_hash))
}
