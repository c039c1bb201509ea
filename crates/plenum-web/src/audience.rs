//! Who may read a committed change, for every reader of the history: the
//! same declaration ([`plenum_store::change::Change::permission`] on the
//! change's scope) decides what a live stream carries and what the history
//! page and `/api/v1/history` show.

use plenum_core::access::{Permission, Target};
use plenum_core::history::AuditEntry;
use plenum_store::change::Committed;

use crate::auth::CurrentUser;
use crate::state::AppState;

/// A history entry as one reader may see it.
pub struct Readable {
    pub entry: AuditEntry,
    /// Whether the reader administers the entry's scope: they get the stored
    /// payload (which the chain's hashes cover); everyone else its public payload.
    pub whole: bool,
    /// The change's public JSON; empty for an entry that does not decode.
    pub public: String,
}

impl Readable {
    /// The payload this reader is shown.
    pub fn payload(&self) -> &str {
        if self.whole {
            &self.entry.payload
        } else {
            &self.public
        }
    }
}

/// The entries this user may read: those whose audience they belong to, on
/// whose scope they may read the history. An entry that does not decode (a
/// forged one, say) is shown only to system-wide administrators.
pub async fn readable(state: &AppState, user: &CurrentUser, entries: Vec<AuditEntry>) -> Vec<Readable> {
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let Ok(c) = Committed::from_entry(&entry) else {
            if user.can(Permission::Administer, &Target::default()) {
                out.push(Readable { entry, whole: true, public: String::new() });
            }
            continue;
        };
        let audience = c.audience();
        let path = match audience.scope.org_id {
            Some(org) => state.org_path(org).await.unwrap_or_default(),
            None => Vec::new(),
        };
        let target = Target { plenum: audience.scope.plenum_id, org_path: &path };
        if user.can(Permission::ViewHistory, &target) && user.can(audience.permission, &target) {
            let whole = user.can(Permission::Administer, &target);
            out.push(Readable { entry, whole, public: c.public_json() });
        }
    }
    out
}
