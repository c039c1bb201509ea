//! The published tally of a secret poll: every ballot's content in shuffled
//! order, every commitment in ascending order, the Merkle root over them,
//! the result, all signed with the deployment's poll key, so anyone can
//! recount it offline (`plenum verify-poll`) and each voter can check their
//! receipt is among the commitments.

use plenum_core::decide::poll::{parse_ballot, Choice, PollKind};
use plenum_core::decide::published::{Contents, PublishedPoll};
use plenum_store::decide::Closed;

use super::polls::{candidates_of, rules_held};
use crate::{App, AppResult, Error};

/// The signed published tally, as JSON.
pub fn publish(app: &App, closed: &Closed) -> AppResult<String> {
    let poll = &closed.poll;
    let contents = match poll.kind {
        PollKind::Motion => Contents::Motion(closed.contents.iter().filter_map(|c| Choice::parse(c)).collect()),
        PollKind::Election | PollKind::Nomination => {
            Contents::Election(closed.contents.iter().filter_map(|c| parse_ballot(c)).collect())
        }
    };
    let closed_at = poll.closed_at.map(rfc3339).unwrap_or_default();
    let mut p = PublishedPoll {
        poll_uid: poll.uid.clone(),
        title: poll.title.clone(),
        rules: rules_held(poll),
        members: poll.members.unwrap_or(0),
        excluded: poll.excluded.unwrap_or(0),
        present: poll.present,
        seats: poll.seats,
        candidates: candidates_of(poll),
        runoff: poll.runoff.0,
        roll_count: closed.roll.len() as i64,
        contents,
        leaves: closed.leaves.clone(),
        closed_at,
        ..PublishedPoll::default()
    };
    // The kind, the root over the leaves (refused if a stored commitment is
    // not one), the published order (the contents' own, ascending, which
    // carries no casting order) and the result as anyone will recount it.
    p.seal().map_err(|e| Error::Internal(anyhow::anyhow!("sealing the published tally: {e}")))?;
    app.signer.sign(&mut p);
    serde_json::to_string(&p).map_err(|e| Error::Internal(e.into()))
}

/// Microseconds since the epoch as RFC 3339 UTC, to the second.
fn rfc3339(micros: i64) -> String {
    jiff::Timestamp::from_second(micros.div_euclid(1_000_000)).map(|t| t.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_as_rfc3339() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_796_601_600_123_456), "2026-12-07T00:00:00Z");
    }
}
