//! The hash-chained history, as each reader may see it. One filter,
//! [`Reader::readable`], decides every path that reads it (the page,
//! `/api/v1/history`): an entry is shown to those who may read the history
//! on the entry's own scope *and* belong to the change's declared audience
//! there. Entries with no scope (accounts, sign-ins, tokens) are for
//! system-wide administrators and auditors only.

pub mod filter;
mod names;

use std::collections::HashMap;

use plenum_core::access::{Permission, Target};
use plenum_core::history::AuditEntry;
use plenum_store::change::Committed;
use plenum_store::{Scope, StoreError};

use crate::{App, AppResult, Error, Principal};
pub use filter::{Filter, Kind};
pub use names::{names, Names};

/// The most entries one read returns.
pub const MAX_PAGE: i64 = 1000;

/// The most stored entries one read looks through to fill its page: past
/// this, the page is shorter and its cursor says where to go on.
pub const SCAN_BUDGET: i64 = 10 * MAX_PAGE;

/// May the caller read the history? For the navigation.
pub fn may_read(who: &Principal) -> bool {
    who.can_somewhere(Permission::ViewHistory)
}

/// A history entry as one reader may see it.
#[derive(Debug)]
pub struct Readable {
    pub entry: AuditEntry,
    /// Whether the reader administers the entry's scope: they get the stored
    /// payload (which the chain's hashes cover); everyone else its public payload.
    pub whole: bool,
    /// The change's public JSON, with the public fields before an edit;
    /// empty for an entry that does not decode.
    pub public: String,
    /// The decoded change, for its sentence; `None` if it does not decode.
    pub change: Option<Committed>,
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

/// One reader's filter over the history, with the organization of each
/// plenum it has met (an entry on one plenum's grant names the plenum only).
struct Reader<'a> {
    app: &'a App,
    who: &'a Principal,
    plenum_orgs: HashMap<i64, Option<i64>>,
}

impl<'a> Reader<'a> {
    fn new(app: &'a App, who: &'a Principal) -> Reader<'a> {
        Reader { app, who, plenum_orgs: HashMap::new() }
    }

    async fn org_of(&mut self, scope: Scope) -> AppResult<Option<i64>> {
        let Some(plenum) = scope.plenum_id.filter(|_| scope.org_id.is_none()) else { return Ok(scope.org_id) };
        if let Some(org) = self.plenum_orgs.get(&plenum) {
            return Ok(*org);
        }
        let org = match self.app.store.plenum(plenum).await {
            Ok(p) => Some(p.org_id),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        self.plenum_orgs.insert(plenum, org);
        Ok(org)
    }

    /// The entry as this reader sees it, or `None` if it is not theirs to
    /// read. An entry that does not decode (a forged one, say) is shown
    /// only to system-wide administrators.
    async fn readable(&mut self, entry: AuditEntry, filter: &Filter) -> AppResult<Option<Readable>> {
        let Ok(c) = Committed::from_entry(&entry) else {
            let root = self.who.can_everywhere(Permission::Administer);
            let shown = root && filter.matches(&entry, None);
            return Ok(shown.then(|| Readable { entry, whole: true, public: String::new(), change: None }));
        };
        if !filter.matches(&entry, Some(&c)) {
            return Ok(None);
        }
        let audience = c.audience();
        let path = match self.org_of(audience.scope).await? {
            Some(org) => self.app.org_path(org).await?,
            None => Vec::new(),
        };
        let target = Target { plenum: audience.scope.plenum_id, org_path: &path };
        if !(self.who.can(Permission::ViewHistory, &target) && self.who.can(audience.permission, &target)) {
            return Ok(None);
        }
        let whole = self.who.can(Permission::Administer, &target);
        Ok(Some(Readable { entry, whole, public: c.history_public_json(), change: Some(c) }))
    }
}

/// Up to `limit` entries after `after` that the reader may see, oldest
/// first, and where the next read goes on (the last stored entry looked at).
#[derive(Debug)]
pub struct After {
    pub entries: Vec<Readable>,
    pub next_after: i64,
}

/// Refuse a filter past its bounds.
fn check(filter: &Filter) -> AppResult<()> {
    if filter.actor.as_ref().is_some_and(|a| a.chars().count() > filter::MAX_ACTOR) {
        let mut e = plenum_core::FieldErrors::default();
        e.push("actor", "too-long");
        return Err(Error::Invalid(e));
    }
    Ok(())
}

/// Entries after `after` that the caller may read and the filter asks for,
/// at most `limit` (1–[`MAX_PAGE`]; past it the request is refused rather
/// than quietly cut short), looking through at most [`SCAN_BUDGET`] stored entries.
pub async fn entries(app: &App, who: &Principal, after: i64, limit: i64, filter: &Filter) -> AppResult<After> {
    who.require_somewhere(Permission::ViewHistory)?;
    if !(1..=MAX_PAGE).contains(&limit) {
        let mut e = plenum_core::FieldErrors::default();
        e.push("limit", "page-size");
        return Err(Error::Invalid(e));
    }
    check(filter)?;
    let mut reader = Reader::new(app, who);
    let mut out = After { entries: Vec::new(), next_after: after.max(0) };
    let mut scanned = 0;
    while (out.entries.len() as i64) < limit && scanned < SCAN_BUDGET {
        let chunk = app.store.history(out.next_after, (SCAN_BUDGET - scanned).min(MAX_PAGE)).await?;
        if chunk.is_empty() {
            break;
        }
        for e in chunk {
            scanned += 1;
            out.next_after = e.seq;
            if let Some(r) = reader.readable(e, filter).await? {
                out.entries.push(r);
                if out.entries.len() as i64 == limit {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// One page of the history, newest first, ending before entry `before` (by
/// default the newest); `older` is where the next page ends.
pub struct Page {
    pub entries: Vec<Readable>,
    pub older: Option<i64>,
}

/// The page of up to `size` entries the caller may read and the filter asks
/// for that ends just before `before`, looking through at most
/// [`SCAN_BUDGET`] stored entries.
pub async fn page_before(
    app: &App,
    who: &Principal,
    before: Option<i64>,
    size: i64,
    filter: &Filter,
) -> AppResult<Page> {
    who.require_somewhere(Permission::ViewHistory)?;
    check(filter)?;
    let size = size.clamp(1, MAX_PAGE);
    let (head, _) = app.store.history_head().await?;
    // Entries below `low` are still to look through.
    let mut low = before.unwrap_or(head + 1).clamp(1, head + 1);
    let mut reader = Reader::new(app, who);
    let mut entries = Vec::new();
    let mut scanned = 0;
    'scan: while low > 1 && (entries.len() as i64) < size && scanned < SCAN_BUDGET {
        let from = (low - 1 - MAX_PAGE.min(SCAN_BUDGET - scanned)).max(0);
        let mut chunk = app.store.history(from, low - 1 - from).await?;
        chunk.reverse();
        for e in chunk {
            scanned += 1;
            low = e.seq;
            if let Some(r) = reader.readable(e, filter).await? {
                entries.push(r);
                if entries.len() as i64 == size {
                    break 'scan;
                }
            }
        }
        low = low.min(from + 1);
    }
    Ok(Page { entries, older: (low > 1).then_some(low) })
}

/// Check the whole chain: the number of entries, or the first that breaks
/// it. The chain is one, so every reader checks all of it; a break names
/// only its place in the chain.
pub async fn verify(app: &App, who: &Principal) -> AppResult<Result<i64, plenum_core::history::ChainBreak>> {
    who.require_somewhere(Permission::ViewHistory)?;
    Ok(plenum_store::verify_history(app.store.as_ref()).await?)
}
