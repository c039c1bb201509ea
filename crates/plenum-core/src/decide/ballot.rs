//! One cross-out ballot (phiếu bầu) and what makes it valid, after Quyết định
//! 190-QĐ/TW (2024), as shared/DOMAIN.md gives it:
//! - the voter crosses out the full name of each candidate they reject; a
//!   list with no surplus uses agree/disagree columns instead;
//! - a ballot is invalid if the counting committee did not issue it (art. 8:
//!   the committee issues the ballots and rules on invalid ones), if it keeps
//!   more names than there are seats, or if, on a list with a surplus, every
//!   name is crossed out;
//! - a name marked both ways, or not at all, gets no vote, and the rest of
//!   that ballot still counts.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::TallyError;

/// A mark in the agree/disagree columns of a list with no surplus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// Ticked "đồng ý": a vote.
    Agree,
    /// Ticked "không đồng ý": no vote.
    Disagree,
    /// Ticked in both columns: that name gets no vote; the rest of the
    /// ballot still counts.
    Both,
    /// Not marked: no vote, as a name left out of the marks.
    None,
}

/// A ballot as the counting committee enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    /// The names crossed out; every other name is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crossed: Option<Vec<String>>,
    /// Agree/disagree marks by name, on a list with no surplus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marks: Option<BTreeMap<String, Mark>>,
    /// Whether the counting committee issued it (its stamp is on it).
    #[serde(default = "issued")]
    pub issued_by_committee: bool,
}

fn issued() -> bool {
    true
}

impl Default for Ballot {
    /// An issued ballot, not yet marked.
    fn default() -> Ballot {
        Ballot { crossed: None, marks: None, issued_by_committee: true }
    }
}

/// The two ways a ballot is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotForm<'a> {
    Crossed(&'a [String]),
    Marks(&'a BTreeMap<String, Mark>),
}

/// Why a ballot is invalid, in the order they are checked; a ballot counts
/// under its first reason only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InvalidReason {
    /// Not issued by the counting committee.
    NotIssued,
    /// Keeps more names than there are seats.
    TooManyKept,
    /// Every name crossed out, on a list with a surplus.
    AllCrossedOut,
}

impl InvalidReason {
    pub const ALL: [InvalidReason; 3] =
        [InvalidReason::NotIssued, InvalidReason::TooManyKept, InvalidReason::AllCrossedOut];

    pub fn as_str(self) -> &'static str {
        match self {
            InvalidReason::NotIssued => "not-issued",
            InvalidReason::TooManyKept => "too-many-kept",
            InvalidReason::AllCrossedOut => "all-crossed-out",
        }
    }

    /// As the counting minutes write it.
    pub fn label_vi(self) -> &'static str {
        match self {
            InvalidReason::NotIssued => "phiếu không do Ban kiểm phiếu phát ra",
            InvalidReason::TooManyKept => "phiếu để lại số người nhiều hơn số lượng cần bầu",
            InvalidReason::AllCrossedOut => "phiếu gạch tên tất cả ứng cử viên",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            InvalidReason::NotIssued => "not issued by the counting committee",
            InvalidReason::TooManyKept => "keeps more names than there are seats",
            InvalidReason::AllCrossedOut => "every name crossed out",
        }
    }
}

/// What a ballot says: for each candidate, in list order, whether it gives a vote.
pub type Votes = Vec<bool>;

impl Ballot {
    /// Its form, or the refusal for a ballot with both forms or neither.
    /// `number` counts ballots from 1, for the message.
    pub fn form(&self, number: usize) -> Result<BallotForm<'_>, TallyError> {
        match (&self.crossed, &self.marks) {
            (Some(c), None) => Ok(BallotForm::Crossed(c)),
            (None, Some(m)) => Ok(BallotForm::Marks(m)),
            _ => Err(TallyError::BallotForm { ballot: number }),
        }
    }

    /// Reads the ballot against the list: its votes if valid, else why not.
    /// Refused (an entry error, not an invalid ballot) when it names someone
    /// not on the list, or names someone twice.
    pub fn read(
        &self,
        number: usize,
        candidates: &[String],
        seats: u64,
    ) -> Result<Result<Votes, InvalidReason>, TallyError> {
        let position = |name: &String| {
            candidates
                .iter()
                .position(|c| c == name)
                .ok_or_else(|| TallyError::UnknownCandidate { ballot: number, name: name.clone() })
        };
        let mut votes = vec![false; candidates.len()];
        let mut rejected = 0;
        match self.form(number)? {
            BallotForm::Crossed(crossed) => {
                let mut seen = HashSet::new();
                for name in crossed {
                    position(name)?;
                    if !seen.insert(name) {
                        return Err(TallyError::NameTwice { ballot: number, name: name.clone() });
                    }
                }
                for (v, c) in votes.iter_mut().zip(candidates) {
                    *v = !seen.contains(c);
                }
                rejected = crossed.len();
            }
            BallotForm::Marks(marks) => {
                // A map has each name once.
                for (name, mark) in marks {
                    let i = position(name)?;
                    votes[i] = *mark == Mark::Agree;
                    rejected += usize::from(*mark == Mark::Disagree);
                }
            }
        }
        if !self.issued_by_committee {
            return Ok(Err(InvalidReason::NotIssued));
        }
        let kept = votes.iter().filter(|v| **v).count() as u64;
        if kept > seats {
            return Ok(Err(InvalidReason::TooManyKept));
        }
        if candidates.len() as u64 > seats && rejected == candidates.len() {
            return Ok(Err(InvalidReason::AllCrossedOut));
        }
        Ok(Ok(votes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    fn crossed(n: &[&str]) -> Ballot {
        Ballot { crossed: Some(names(n)), ..Ballot::default() }
    }

    #[test]
    fn a_cross_out_ballot_votes_for_the_names_kept() {
        let list = names(&["A", "B", "C", "D"]);
        assert_eq!(crossed(&["D"]).read(1, &list, 3).unwrap(), Ok(vec![true, true, true, false]));
        assert_eq!(crossed(&["A", "D"]).read(1, &list, 3).unwrap(), Ok(vec![false, true, true, false]));
        // Crossing out more than needed is allowed, as long as one name is kept.
        assert_eq!(crossed(&["A", "B", "D"]).read(1, &list, 3).unwrap(), Ok(vec![false, false, true, false]));
    }

    #[test]
    fn invalid_ballots_and_their_reasons() {
        let list = names(&["A", "B", "C", "D"]);
        assert_eq!(crossed(&[]).read(1, &list, 3).unwrap(), Err(InvalidReason::TooManyKept));
        assert_eq!(crossed(&["A", "B", "C", "D"]).read(1, &list, 3).unwrap(), Err(InvalidReason::AllCrossedOut));
        let stray = Ballot { crossed: Some(names(&["D"])), issued_by_committee: false, marks: None };
        assert_eq!(stray.read(1, &list, 3).unwrap(), Err(InvalidReason::NotIssued));
        // With no surplus, crossing out every name is a valid ballot against them all.
        let list = names(&["A", "B"]);
        assert_eq!(crossed(&["A", "B"]).read(1, &list, 2).unwrap(), Ok(vec![false, false]));
    }

    #[test]
    fn marks_both_ways_or_none_give_no_vote_and_the_rest_counts() {
        let list = names(&["A", "B", "C"]);
        let b: Ballot = serde_json::from_str(r#"{"marks":{"A":"agree","B":"disagree","C":"both"}}"#).unwrap();
        assert!(b.issued_by_committee);
        assert_eq!(b.read(1, &list, 3).unwrap(), Ok(vec![true, false, false]));
        let b: Ballot = serde_json::from_str(r#"{"marks":{"B":"none"}}"#).unwrap();
        assert_eq!(b.read(1, &list, 3).unwrap(), Ok(vec![false, false, false]));
        let b: Ballot = serde_json::from_str(r#"{"marks":{"A":"disagree","B":"disagree","C":"disagree"}}"#).unwrap();
        assert_eq!(b.read(1, &list, 3).unwrap(), Ok(vec![false, false, false]));
    }

    #[test]
    fn entry_errors_are_refused() {
        let list = names(&["A", "B", "C", "D"]);
        assert_eq!(crossed(&["E"]).read(2, &list, 3).unwrap_err().code(), "unknown-candidate");
        let e = crossed(&["D", "D"]).read(5, &list, 3).unwrap_err();
        assert_eq!(e.message_en(), "ballot 5: \"D\" is entered twice");
        let b: Ballot = serde_json::from_str(r#"{"marks":{"E":"agree"}}"#).unwrap();
        assert_eq!(b.read(1, &list, 3).unwrap_err().message_vi(), "phiếu 1: \"E\" không có trong danh sách bầu cử");
        assert_eq!(Ballot::default().read(1, &list, 3).unwrap_err().code(), "ballot-form");
        let both: Ballot = serde_json::from_str(r#"{"crossed":[],"marks":{}}"#).unwrap();
        assert_eq!(both.read(1, &list, 3).unwrap_err().code(), "ballot-form");
        assert!(serde_json::from_str::<Ballot>(r#"{"crosed":["A"]}"#).is_err());
        assert!(serde_json::from_str::<Ballot>(r#"{"marks":{"A":"yes"}}"#).is_err());
    }
}
