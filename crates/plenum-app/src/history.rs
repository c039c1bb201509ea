//! The hash-chained history: every change, for administrators and auditors.

use plenum_core::access::Permission;
use plenum_core::history::AuditEntry;

use crate::{App, AppResult, Error, Principal};

/// The most entries one read returns.
pub const MAX_PAGE: i64 = 1000;

/// May the caller read the history? For the navigation.
pub fn may_read(who: &Principal) -> bool {
    who.can_somewhere(Permission::ViewHistory)
}

/// Entries after `after`, at most `limit` (1–[`MAX_PAGE`]; past it the
/// request is refused rather than quietly cut short).
pub async fn entries(app: &App, who: &Principal, after: i64, limit: i64) -> AppResult<Vec<AuditEntry>> {
    who.require_somewhere(Permission::ViewHistory)?;
    if !(1..=MAX_PAGE).contains(&limit) {
        let mut e = plenum_core::FieldErrors::default();
        e.push("limit", "page-size");
        return Err(Error::Invalid(e));
    }
    Ok(app.store.history(after.max(0), limit).await?)
}

/// One page of the history, newest first, ending before entry `before` (by
/// default the newest); `older` is where the next page ends.
pub struct Page {
    pub entries: Vec<AuditEntry>,
    pub older: Option<i64>,
}

/// The page of `size` entries that ends just before `before`.
pub async fn page_before(app: &App, who: &Principal, before: Option<i64>, size: i64) -> AppResult<Page> {
    who.require_somewhere(Permission::ViewHistory)?;
    let (head, _) = app.store.history_head().await?;
    let before = before.unwrap_or(head + 1).clamp(1, head + 1);
    let after = (before - 1 - size).max(0);
    let mut entries = app.store.history(after, before - 1 - after).await?;
    entries.reverse();
    Ok(Page { entries, older: (after > 0).then_some(after + 1) })
}

/// Check the whole chain: the number of entries, or the first that breaks it.
pub async fn verify(app: &App, who: &Principal) -> AppResult<Result<i64, plenum_core::history::ChainBreak>> {
    who.require_somewhere(Permission::ViewHistory)?;
    Ok(plenum_store::verify_history(app.store.as_ref()).await?)
}
