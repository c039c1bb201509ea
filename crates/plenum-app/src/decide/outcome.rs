//! Counting a closed poll under the rule set it was created with, and
//! sealing the result: for a secret poll, with the signed published tally.

use plenum_core::decide::poll::{count_choices, parse_ballot, Choice, Hands, PollKind, PollMethod};
use plenum_core::decide::{election, motion, Election, ElectionResult, MotionResult, TallyError};
use plenum_store::decide::{Closed, Poll};
use serde::Serialize;

use super::polls::{candidates_of, rules_held};
use crate::{App, AppResult, Error, Principal};

/// A poll's result.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    Motion {
        counts: Hands,
        result: MotionResult,
    },
    Election {
        /// Ballots issued: paper ballots the committee issued, or members
        /// marked as having voted.
        issued: i64,
        result: ElectionResult,
    },
}

/// The counts of a motion from what the poll holds.
fn motion_counts(poll: &Poll, contents: &[String], votes: &[(i64, Choice)]) -> Hands {
    let present = poll.present.unwrap_or(0);
    let mut counts = match poll.method {
        PollMethod::Hands => poll.hands.as_deref().and_then(|h| serde_json::from_str(h).ok()).unwrap_or_default(),
        PollMethod::Electronic | PollMethod::Written => count_choices(votes.iter().map(|(_, c)| c)),
        PollMethod::Secret | PollMethod::Paper => {
            let choices: Vec<Choice> = contents.iter().filter_map(|c| Choice::parse(c)).collect();
            count_choices(&choices)
        }
    };
    if poll.method != PollMethod::Hands {
        counts.not_voting = (present - counts.yes - counts.no - counts.abstain).max(0);
    }
    counts
}

/// Count a poll from its tally (`contents`, a secret or paper poll's
/// ballots), its named votes, or its show of hands.
pub fn count(poll: &Poll, contents: &[String], votes: &[(i64, Choice)], issued: i64) -> Result<Outcome, TallyError> {
    let rules = rules_held(poll);
    let (members, excluded, present) =
        (poll.members.unwrap_or(0), poll.excluded.unwrap_or(0), poll.present.unwrap_or(0));
    match poll.kind {
        PollKind::Motion => {
            let counts = motion_counts(poll, contents, votes);
            let result = motion::tally(&rules, members, excluded, present, counts.yes, counts.no, counts.abstain)?;
            Ok(Outcome::Motion { counts, result })
        }
        PollKind::Election | PollKind::Nomination => {
            let ballots = contents.iter().filter_map(|c| parse_ballot(c)).collect();
            let e = Election {
                members,
                excluded,
                present: Some(present),
                seats: poll.seats.unwrap_or(1),
                candidates: candidates_of(poll),
                ballots,
                runoff: poll.runoff.0,
            };
            Ok(Outcome::Election { issued, result: election::tally(&rules, &e)? })
        }
    }
}

/// Ballots issued: on paper, as the committee counted them; electronically,
/// the members marked on the roll.
fn issued_of(closed: &Closed) -> i64 {
    match closed.poll.method {
        PollMethod::Paper => closed.poll.issued.unwrap_or(0),
        _ => closed.roll.len() as i64,
    }
}

/// Count a just-closed poll and record its result; a secret poll's result
/// is published with its signed commitments.
pub async fn seal(app: &App, who: &Principal, closed: Closed) -> AppResult<Poll> {
    let outcome = count(&closed.poll, &closed.contents, &closed.votes, issued_of(&closed))
        .map_err(|e| Error::field("poll", refusal_code(&e)))?;
    let published = match closed.poll.method {
        PollMethod::Secret => Some(super::publish::publish(app, &closed)?),
        _ => None,
    };
    let result = serde_json::to_string(&outcome).unwrap_or_default();
    Ok(app.store.seal_poll(&who.actor(), closed.poll.id, result, published).await?)
}

/// A closed poll's outcome, counted again from what is stored.
pub async fn of(app: &App, poll: &Poll) -> AppResult<Option<Outcome>> {
    if poll.state != plenum_core::decide::poll::PollState::Closed {
        return Ok(None);
    }
    let (contents, _) = app.store.tallied(poll.id).await?;
    let votes = app.store.named_votes(poll.id).await?;
    let issued = match poll.method {
        PollMethod::Paper => poll.issued.unwrap_or(0),
        _ => app.store.roll(poll.id).await?.len() as i64,
    };
    Ok(count(poll, &contents, &votes, issued).ok())
}

/// The field code a refused count shows as.
fn refusal_code(e: &TallyError) -> &'static str {
    match e {
        TallyError::VotesAbovePresent { .. } => "votes-above-present",
        TallyError::BallotsAbovePresent { .. } | TallyError::BallotsAboveVoters { .. } => "ballots-above-present",
        _ => "count-refused",
    }
}
