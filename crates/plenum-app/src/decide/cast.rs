//! Voting from a tablet: a named vote on an open poll, or a secret ballot
//! with its receipt. Only a member of the committee votes, never a guest,
//! and (except in a written vote) only once checked in.

use std::collections::BTreeMap;

use plenum_core::access::Permission;
use plenum_core::decide::poll::{ballot_content, motion_content, Choice, PollKind, PollState};
use plenum_core::decide::receipt;
use plenum_core::decide::{Ballot, Mark};
use plenum_core::prepare::roster::DelegateKind;
use plenum_core::text::nfc;
use plenum_store::decide::{Cast, Poll};
use plenum_store::Delegate;

use super::polls::candidates_of;
use crate::{App, AppResult, Error, Principal};

/// What a voter marks on a secret ballot.
#[derive(Debug, Clone)]
pub enum Marked {
    /// On a motion.
    Choice(Choice),
    /// On an election: the names crossed out; every other name is kept.
    Crossed(Vec<String>),
}

/// The caller's own delegate, if they may vote in this poll now. The
/// permission comes first, so who may not vote learns nothing of the poll.
pub async fn voter(app: &App, who: &Principal, poll: &Poll) -> AppResult<Delegate> {
    let plenum = app.plenum_for(who, poll.plenum_id, Permission::Participate).await?;
    // May take part, but is no delegate of this plenum: nothing to vote as.
    let delegate = app
        .store
        .delegate_for_user(plenum.id, who.user.id)
        .await?
        .ok_or_else(|| Error::field("delegate", "not-a-delegate"))?;
    if delegate.kind != DelegateKind::Member {
        return Err(Error::field("delegate", "guest-votes-not"));
    }
    if poll.state != PollState::Open {
        return Err(Error::field("poll", "not-open"));
    }
    if poll.method.needs_presence() && !delegate.attendance.in_room() {
        return Err(Error::field("delegate", "not-checked-in"));
    }
    Ok(delegate)
}

fn refused_again(cast: Cast) -> AppResult<()> {
    match cast {
        Cast::Recorded => Ok(()),
        Cast::AlreadyVoted => Err(Error::field("poll", "already-voted")),
    }
}

/// A named vote on an open poll (electronic or written).
pub async fn vote(app: &App, who: &Principal, poll_id: i64, choice: Choice) -> AppResult<()> {
    let poll = app.store.poll(poll_id).await?;
    let d = voter(app, who, &poll).await?;
    if !poll.method.is_named() || poll.kind != PollKind::Motion {
        return Err(Error::field("poll", "not-named"));
    }
    refused_again(app.ballot_box.vote(&app.store, poll.id, d.id, choice).await?)
}

/// The stored content of a marked ballot, checked against the poll.
pub fn content_of(poll: &Poll, marked: &Marked) -> AppResult<String> {
    match (poll.kind, marked) {
        (PollKind::Motion, Marked::Choice(c)) => Ok(motion_content(*c)),
        (PollKind::Election | PollKind::Nomination, Marked::Crossed(names)) => {
            let candidates = candidates_of(poll);
            let mut crossed = Vec::new();
            for n in names {
                let n = nfc(n.trim());
                if !candidates.contains(&n) {
                    return Err(Error::field("crossed", "unknown-candidate"));
                }
                if !crossed.contains(&n) {
                    crossed.push(n);
                }
            }
            // A list with no surplus is marked agree/disagree, not crossed out.
            let ballot = if candidates.len() as i64 <= poll.seats.unwrap_or(0) {
                let marks: BTreeMap<String, Mark> = candidates
                    .iter()
                    .map(|c| (c.clone(), if crossed.contains(c) { Mark::Disagree } else { Mark::Agree }))
                    .collect();
                Ballot { marks: Some(marks), ..Ballot::default() }
            } else {
                Ballot { crossed: Some(crossed), ..Ballot::default() }
            };
            Ok(ballot_content(&ballot))
        }
        _ => Err(Error::field("ballot", "wrong-form")),
    }
}

/// Cast a secret ballot. The answer is the receipt code, shown once: the
/// ballot's commitment, which the published tally includes after close.
pub async fn cast(app: &App, who: &Principal, poll_id: i64, marked: Marked) -> AppResult<String> {
    let poll = app.store.poll(poll_id).await?;
    let d = voter(app, who, &poll).await?;
    if poll.method != plenum_core::decide::poll::PollMethod::Secret {
        return Err(Error::field("poll", "not-secret"));
    }
    let content = content_of(&poll, &marked)?;
    // The nonce is never stored: without it no one can test a guessed
    // content against the commitment.
    let nonce: [u8; 32] = rand::random();
    let leaf = receipt::receipt_code(&receipt::commitment(&poll.uid, &nonce, &content));
    refused_again(app.ballot_box.ballot(&app.store, poll.id, d.id, content, leaf.clone()).await?)?;
    Ok(leaf)
}

/// Whether the caller has voted in this poll (for their tablet).
pub async fn has_voted(app: &App, who: &Principal, poll: &Poll) -> AppResult<bool> {
    match app.store.delegate_for_user(poll.plenum_id, who.user.id).await? {
        Some(d) => Ok(app.store.has_voted(poll.id, d.id).await?),
        None => Ok(false),
    }
}
