//! Paper ballots: two counters of the counting committee each enter every
//! sheet on their own (QĐ 190-QĐ/TW art. 8: the committee counts and rules
//! on the ballots); the poll closes only once the two entries agree.

use plenum_core::decide::poll::{reconcile, Difference, PollMethod, PollState};
use plenum_core::decide::Ballot;
use plenum_store::decide::{PaperEntry, Poll};

use super::cast::{content_of, Marked};
use super::polls::committee_of;
use crate::{App, AppResult, Error, Principal};

/// The most sheets a paper poll holds.
pub const MAX_SHEETS: i64 = 10_000;

/// The poll, for a member of its counting committee (or its chair).
pub async fn counting(app: &App, who: &Principal, poll_id: i64) -> AppResult<Poll> {
    let poll = app.store.poll(poll_id).await?;
    let plenum = app.store.plenum(poll.plenum_id).await?;
    // Who may count is settled first: a refusal says nothing of how the poll is held.
    if !app.may_on_plenum(who, plenum_core::access::Permission::Preside, &plenum).await? {
        let own = app.store.delegate_for_user(plenum.id, who.user.id).await?;
        if !own.is_some_and(|d| committee_of(&poll).contains(&d.id)) {
            return Err(Error::Forbidden);
        }
    }
    if poll.method != PollMethod::Paper {
        return Err(Error::NotFound);
    }
    Ok(poll)
}

/// Enter one sheet as `counter` (1 or 2) read it. `unstamped` marks a
/// ballot the committee did not issue.
pub async fn enter(
    app: &App,
    who: &Principal,
    poll_id: i64,
    counter: i64,
    sheet: i64,
    marked: Marked,
    unstamped: bool,
) -> AppResult<()> {
    let poll = counting(app, who, poll_id).await?;
    if poll.state != PollState::Open {
        return Err(Error::field("poll", "not-open"));
    }
    if !(1..=2).contains(&counter) {
        return Err(Error::field("counter", "invalid-choice"));
    }
    if !(1..=MAX_SHEETS).contains(&sheet) {
        return Err(Error::field("sheet", "sheet-range"));
    }
    let entries = app.store.paper_entries(poll_id).await?;
    // The two entries must be independent: one person enters under one counter only.
    if entries.iter().any(|e| e.counter != counter && e.entered_by == who.user.id) {
        return Err(Error::field("counter", "same-counter"));
    }
    let mut content = content_of(&poll, &marked)?;
    if unstamped {
        if let Some(mut b) = plenum_core::decide::poll::parse_ballot(&content) {
            b.issued_by_committee = false;
            content = plenum_core::decide::poll::ballot_content(&b);
        } else {
            content =
                plenum_core::decide::poll::ballot_content(&Ballot { issued_by_committee: false, ..Ballot::default() });
        }
    }
    let entry = PaperEntry { counter, sheet, content, entered_by: who.user.id };
    Ok(app.store.enter_paper(&who.actor(), poll_id, entry).await?)
}

/// The two counters' entries compared: every sheet they differ on, and
/// how many sheets the first entered.
pub async fn reconciled(app: &App, poll_id: i64) -> AppResult<(Vec<Difference>, usize)> {
    let entries = app.store.paper_entries(poll_id).await?;
    let of = |n: i64| -> Vec<(i64, String)> {
        entries.iter().filter(|e| e.counter == n).map(|e| (e.sheet, e.content.clone())).collect()
    };
    let (first, second) = (of(1), of(2));
    Ok((reconcile(&first, &second), first.len()))
}

/// The entries and their differences, for the counting committee's page.
pub async fn sheets(app: &App, who: &Principal, poll_id: i64) -> AppResult<(Poll, Vec<PaperEntry>, Vec<Difference>)> {
    let poll = counting(app, who, poll_id).await?;
    let entries = app.store.paper_entries(poll_id).await?;
    let (differences, _) = reconciled(app, poll_id).await?;
    Ok((poll, entries, differences))
}
