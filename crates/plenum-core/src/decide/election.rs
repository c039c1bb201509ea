//! Counting an election by cross-out ballot, after Quyết định 190-QĐ/TW (2024)
//! as shared/DOMAIN.md gives it:
//! - votes are counted from valid ballots only;
//! - to be elected, a candidate needs more than half of all members summoned,
//!   less the excluded ones (Điều lệ Đảng art. 12(3); QĐ 190 art. 30): with
//!   11 members, 5 votes out of 10 ballots is not elected, 6 is;
//! - if more pass that bar than there are seats, the highest totals win; a tie
//!   at the last seat means a new round among the tied candidates only, where
//!   the highest total wins and more than half is not required (the meeting
//!   decides whether to hold further rounds);
//! - the candidate list exceeds the seats by at most 30% (art. 14). Small
//!   lists, such as 4 candidates for 3 seats, exceed it, so it is a warning to
//!   the chair, never a refusal.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::ballot::{Ballot, InvalidReason};
use super::rules::{Base, RuleSet};
use super::{count, voters, TallyError};

/// A list longer than the seats by more than 30% (QĐ 190-QĐ/TW art. 14): a
/// warning for the chair, never a refusal, since small lists (4 for 3) exceed
/// it. A runoff lists only the tied, so it is never warned.
pub fn surplus_warning(listed: u64, seats: u64, runoff: bool) -> Option<Warning> {
    if runoff || listed <= seats || (listed - seats) * 100 <= MAX_SURPLUS_PERCENT * seats {
        return None;
    }
    let surplus = listed - seats;
    Some(Warning {
        code: "surplus-above-30-percent",
        message_vi: format!(
            "{listed} ứng cử viên cho {seats} chỗ: số dư {surplus} vượt quá 30% số cần bầu (QĐ 190-QĐ/TW, Điều 14)"
        ),
        message_en: format!(
            "{listed} candidates for {seats} seats: the surplus of {surplus} is more than 30% of the seats (QĐ 190-QĐ/TW, art. 14)"
        ),
    })
}

/// The largest surplus of candidates over seats, in percent (QĐ 190 art. 14).
pub const MAX_SURPLUS_PERCENT: u64 = 30;

/// An election round as the counting committee enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Election {
    /// All members summoned (ủy viên được triệu tập).
    pub members: i64,
    /// Members left out of the base under the rule set's exclusions.
    #[serde(default)]
    pub excluded: i64,
    /// Members present; needed only when the rule set counts against them.
    #[serde(default)]
    pub present: Option<i64>,
    /// Seats to fill in this round.
    pub seats: i64,
    /// The list, in ballot order; in a runoff, the tied candidates only.
    pub candidates: Vec<String>,
    /// The ballots returned.
    pub ballots: Vec<Ballot>,
    /// A new round among candidates tied at the last seat: the highest totals
    /// win and the threshold does not apply.
    #[serde(default)]
    pub runoff: bool,
}

/// Ballots returned, valid and invalid, with the number for each reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotCount {
    pub returned: u64,
    pub valid: u64,
    pub invalid: u64,
    /// Every reason, by its code, with how many ballots it made invalid.
    pub invalid_reasons: BTreeMap<&'static str, u64>,
}

/// One candidate's count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateResult {
    pub name: String,
    pub votes: u64,
    /// Votes against the base (the number summoned, less the excluded, under
    /// the Party's rules), in percent with two decimals, as the minutes write it.
    pub percent_of_base: f64,
    pub passes_threshold: bool,
}

/// Something the chair should see, which does not stop the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message_vi: String,
    pub message_en: String,
}

/// A round's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElectionResult {
    pub ballots: BallotCount,
    pub base: u64,
    /// The fewest votes that elect (shown in a runoff too, where it does not apply).
    pub threshold: u64,
    /// In list order.
    pub candidates: Vec<CandidateResult>,
    /// In order of votes, then of the list.
    pub elected: Vec<String>,
    /// Tied at the last seat: they go to a new round, in list order.
    pub runoff: Vec<String>,
    /// Seats not filled in this round.
    pub unfilled: u64,
    pub warnings: Vec<Warning>,
}

/// Counts one round of an election under `rules`.
pub fn tally(rules: &RuleSet, e: &Election) -> Result<ElectionResult, TallyError> {
    let (members, voting) = voters(rules, e.members, e.excluded)?;
    let present = e.present.map(|p| count("present", p)).transpose()?;
    if let Some(present) = present {
        if present > voting {
            return Err(TallyError::PresentAboveVoters {
                present,
                voters: voting,
                members,
                excluded: members - voting,
            });
        }
    }
    let seats = count("seats", e.seats)?;
    if seats == 0 {
        return Err(TallyError::NoSeats);
    }
    let mut seen = HashSet::new();
    for name in &e.candidates {
        if name.trim().is_empty() {
            return Err(TallyError::EmptyName);
        }
        if !seen.insert(name) {
            return Err(TallyError::DuplicateCandidate(name.clone()));
        }
    }
    let listed = e.candidates.len() as u64;
    if seats > listed {
        return Err(TallyError::SeatsAboveCandidates { seats, candidates: listed });
    }
    let returned = e.ballots.len() as u64;
    if returned > voting {
        return Err(TallyError::BallotsAboveVoters { ballots: returned, voters: voting });
    }
    if let Some(present) = present.filter(|p| returned > *p) {
        return Err(TallyError::BallotsAbovePresent { ballots: returned, present });
    }

    let mut votes = vec![0u64; e.candidates.len()];
    let mut reasons: BTreeMap<InvalidReason, u64> = InvalidReason::ALL.iter().map(|r| (*r, 0)).collect();
    let mut valid = 0;
    for (i, ballot) in e.ballots.iter().enumerate() {
        match ballot.read(i + 1, &e.candidates, seats)? {
            Ok(kept) => {
                valid += 1;
                for (v, k) in votes.iter_mut().zip(kept) {
                    *v += u64::from(k);
                }
            }
            Err(reason) => *reasons.entry(reason).or_default() += 1,
        }
    }

    let base = match rules.base {
        Base::Members => voting,
        Base::Present => present.ok_or_else(|| TallyError::PresentMissing { rules: rules.name.clone() })?,
        Base::ValidBallots => valid,
    };
    let threshold = rules.required(base);
    let candidates: Vec<CandidateResult> = e
        .candidates
        .iter()
        .zip(&votes)
        .map(|(name, &v)| CandidateResult {
            name: name.clone(),
            votes: v,
            percent_of_base: percent(v, base),
            passes_threshold: v >= threshold,
        })
        .collect();

    // Who may win: those over the threshold; in a runoff, anyone with a vote.
    let mut eligible: Vec<usize> = (0..candidates.len())
        .filter(|&i| if e.runoff { votes[i] > 0 } else { candidates[i].passes_threshold })
        .collect();
    // By votes, highest first; a stable sort keeps the list's order among equals.
    eligible.sort_by(|a, b| votes[*b].cmp(&votes[*a]));
    let seats_usize = seats as usize;
    let (elected, runoff) = if eligible.len() <= seats_usize {
        (eligible, Vec::new())
    } else if votes[eligible[seats_usize]] < votes[eligible[seats_usize - 1]] {
        // No tie at the last seat: the highest totals fill the seats.
        eligible.truncate(seats_usize);
        (eligible, Vec::new())
    } else {
        // A tie at the last seat: those above it are elected, the tied go to a new round.
        let last = votes[eligible[seats_usize - 1]];
        let elected: Vec<usize> = eligible.iter().copied().filter(|&i| votes[i] > last).collect();
        let mut tied: Vec<usize> = eligible.iter().copied().filter(|&i| votes[i] == last).collect();
        tied.sort_unstable();
        (elected, tied)
    };
    let names = |ix: Vec<usize>| ix.into_iter().map(|i| e.candidates[i].clone()).collect::<Vec<_>>();
    let unfilled = seats - elected.len() as u64;

    let warnings: Vec<Warning> = surplus_warning(listed, seats, e.runoff).into_iter().collect();

    Ok(ElectionResult {
        ballots: BallotCount {
            returned,
            valid,
            invalid: returned - valid,
            invalid_reasons: reasons.into_iter().map(|(r, n)| (r.as_str(), n)).collect(),
        },
        base,
        threshold,
        candidates,
        elected: names(elected),
        runoff: names(runoff),
        unfilled,
        warnings,
    })
}

/// `votes` against `base` in percent, rounded half up to two decimals with
/// integers (so 6 of 11 is 54.55).
fn percent(votes: u64, base: u64) -> f64 {
    if base == 0 {
        return 0.0;
    }
    let hundredths = (votes as u128 * 20_000 + base as u128) / (2 * base as u128);
    hundredths as f64 / 100.0
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_surplus_warning_is_for_more_than_thirty_percent() {
        assert!(surplus_warning(4, 3, false).is_some(), "4 for 3 is 33%");
        assert!(surplus_warning(13, 10, false).is_none(), "exactly 30% is allowed");
        assert!(surplus_warning(14, 10, false).is_some());
        assert!(surplus_warning(3, 3, false).is_none());
        assert!(surplus_warning(5, 1, true).is_none(), "a runoff lists only the tied");
    }

    use super::*;
    use crate::decide::ballot::Mark;
    use proptest::prelude::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    fn crossed(n: &[&str]) -> Ballot {
        Ballot { crossed: Some(names(n)), ..Ballot::default() }
    }

    fn election(members: i64, seats: i64, list: &[&str], ballots: Vec<Ballot>) -> Election {
        Election { members, excluded: 0, present: None, seats, candidates: names(list), ballots, runoff: false }
    }

    fn votes_of(r: &ElectionResult) -> Vec<u64> {
        r.candidates.iter().map(|c| c.votes).collect()
    }

    #[test]
    fn the_issue_example() {
        let e: Election = serde_json::from_str(
            r#"{"members":11,"excluded":0,"seats":3,"candidates":["A","B","C","D"],
                "ballots":[{"crossed":["D"]},{"crossed":["C","D"]},{"crossed":[],"issued_by_committee":false}],"runoff":false}"#,
        )
        .unwrap();
        let r = tally(&RuleSet::party_committee(), &e).unwrap();
        assert_eq!((r.ballots.returned, r.ballots.valid, r.ballots.invalid), (3, 2, 1));
        assert_eq!(r.ballots.invalid_reasons["not-issued"], 1);
        assert_eq!((r.base, r.threshold), (11, 6));
        assert_eq!(votes_of(&r), vec![2, 2, 1, 0]);
        assert!(r.elected.is_empty() && r.runoff.is_empty());
        assert_eq!(r.unfilled, 3);
        // 4 candidates for 3 seats is a surplus of 33%: a warning, not a refusal.
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].code, "surplus-above-30-percent");
    }

    #[test]
    fn with_eleven_members_five_votes_of_ten_ballots_do_not_elect_and_six_do() {
        // A kept on 6 ballots, B on 5; both crossed out on the rest.
        let mut ballots = Vec::new();
        for i in 0..10 {
            let mut x = vec!["C"];
            if i >= 6 {
                x.push("A");
            }
            if i >= 5 {
                x.push("B");
            }
            ballots.push(crossed(&x));
        }
        let r = tally(&RuleSet::party_committee(), &election(11, 2, &["A", "B", "C"], ballots)).unwrap();
        assert_eq!(r.threshold, 6);
        assert_eq!(votes_of(&r), vec![6, 5, 0]);
        assert_eq!(r.elected, names(&["A"]));
        assert_eq!(r.unfilled, 1);
        assert!(r.runoff.is_empty());
        assert_eq!(r.candidates[0].percent_of_base, 54.55);
        assert!(r.candidates[0].passes_threshold && !r.candidates[1].passes_threshold);
    }

    #[test]
    fn the_highest_totals_win_and_a_tie_at_the_last_seat_goes_to_a_runoff() {
        // 5 candidates for 3 seats, 10 members, 10 ballots each keeping 3 names.
        let list = ["A", "B", "C", "D", "E"];
        let mut ballots = vec![crossed(&["D", "E"]); 4]; // A B C
        ballots.extend(vec![crossed(&["C", "E"]); 3]); // A B D
        ballots.extend(vec![crossed(&["B", "C"]); 3]); // A D E
        let r = tally(&RuleSet::party_committee(), &election(10, 3, &list, ballots)).unwrap();
        assert_eq!(votes_of(&r), vec![10, 7, 4, 6, 3]);
        // A and B pass; D (6) also passes the threshold of 6; C does not.
        assert_eq!(r.threshold, 6);
        assert_eq!(r.elected, names(&["A", "B", "D"]));
        assert!(r.runoff.is_empty());

        let mut ballots = vec![crossed(&["D", "E"]); 3]; // A B C
        ballots.extend(vec![crossed(&["C", "E"]); 3]); // A B D
        ballots.extend(vec![crossed(&["B", "E"]); 3]); // A C D
        ballots.push(crossed(&["B", "C", "D", "E"])); // A
        let r = tally(&RuleSet::party_committee(), &election(10, 3, &list, ballots)).unwrap();
        assert_eq!(votes_of(&r), vec![10, 6, 6, 6, 0]);
        assert_eq!(r.elected, names(&["A"]));
        assert_eq!(r.runoff, names(&["B", "C", "D"]));
        assert_eq!(r.unfilled, 2);

        // The runoff among the tied for the 2 seats left: the highest totals win, no threshold.
        let runoff = Election {
            runoff: true,
            ..election(10, 2, &["B", "C", "D"], vec![crossed(&["D"]), crossed(&["C"]), crossed(&["D"])])
        };
        let r = tally(&RuleSet::party_committee(), &runoff).unwrap();
        assert_eq!(votes_of(&r), vec![3, 2, 1]);
        assert_eq!(r.elected, names(&["B", "C"]));
        assert!(r.warnings.is_empty());
        assert!(!r.candidates[0].passes_threshold);
        // Tied again at the last seat: another list, and nothing elected on it.
        let again = Election { ballots: vec![crossed(&["D"]), crossed(&["C"])], ..runoff };
        let r = tally(&RuleSet::party_committee(), &again).unwrap();
        assert_eq!(r.elected, names(&["B"]));
        assert_eq!(r.runoff, names(&["C", "D"]));
        assert_eq!(r.unfilled, 1);
    }

    #[test]
    fn a_list_without_surplus_is_marked_agree_or_disagree() {
        let ballot = |m: &[(&str, Mark)]| Ballot {
            marks: Some(m.iter().map(|(n, k)| (n.to_string(), *k)).collect()),
            ..Ballot::default()
        };
        let ballots = vec![
            ballot(&[("A", Mark::Agree), ("B", Mark::Disagree), ("C", Mark::Both)]),
            ballot(&[("A", Mark::Agree), ("B", Mark::Agree), ("C", Mark::Agree)]),
            ballot(&[("A", Mark::Agree), ("B", Mark::Agree)]),
            ballot(&[("A", Mark::Disagree), ("B", Mark::Disagree), ("C", Mark::Disagree)]),
            ballot(&[("A", Mark::Agree), ("C", Mark::Agree)]),
        ];
        let r = tally(&RuleSet::party_committee(), &election(7, 3, &["A", "B", "C"], ballots)).unwrap();
        assert_eq!(r.ballots.valid, 5);
        assert_eq!(votes_of(&r), vec![4, 2, 2]);
        assert_eq!(r.threshold, 4);
        assert_eq!(r.elected, names(&["A"]));
        assert_eq!(r.unfilled, 2);
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn impossible_elections_are_refused() {
        let p = RuleSet::party_committee();
        let code = |e: Election| tally(&p, &e).unwrap_err().code();
        assert_eq!(code(election(11, 5, &["A", "B", "C", "D"], vec![])), "seats-above-candidates");
        assert_eq!(code(election(11, 0, &["A"], vec![])), "no-seats");
        assert_eq!(code(election(11, -1, &["A"], vec![])), "negative-count");
        assert_eq!(code(election(11, 1, &["A", "A"], vec![])), "duplicate-candidate");
        assert_eq!(code(election(11, 1, &["A", " "], vec![])), "empty-name");
        assert_eq!(code(election(11, 1, &["A", "B"], vec![crossed(&["Z"])])), "unknown-candidate");
        assert_eq!(code(election(2, 1, &["A", "B"], vec![crossed(&["A"]); 3])), "ballots-above-voters");
        let e = Election { present: Some(2), ..election(11, 1, &["A", "B"], vec![crossed(&["A"]); 3]) };
        assert_eq!(code(e), "ballots-above-present");
        let e = Election { present: Some(12), ..election(11, 1, &["A", "B"], vec![]) };
        assert_eq!(code(e), "present-above-voters");
        let e = election(11, 1, &["A", "B"], vec![]);
        assert_eq!(tally(&RuleSet::present_majority(), &e).unwrap_err().code(), "present-missing");
    }

    #[test]
    fn excluded_members_leave_the_base() {
        let e = Election { excluded: 2, ..election(13, 1, &["A", "B"], vec![crossed(&["B"]); 6]) };
        let r = tally(&RuleSet::party_committee(), &e).unwrap();
        assert_eq!((r.base, r.threshold), (11, 6));
        assert_eq!(r.elected, names(&["A"]));
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent(6, 11), 54.55);
        assert_eq!(percent(1, 3), 33.33);
        assert_eq!(percent(2, 3), 66.67);
        assert_eq!(percent(1, 8), 12.5);
        assert_eq!(percent(0, 0), 0.0);
    }

    /// An election with random ballots: members, seats, the list, and for each
    /// ballot the names crossed out (by position) and whether it was issued.
    fn elections() -> impl Strategy<Value = Election> {
        (1usize..8)
            .prop_flat_map(|c| {
                (Just(c), 1..=c, proptest::collection::vec((proptest::bits::u8::between(0, c), any::<bool>()), 0..40))
            })
            .prop_flat_map(|(c, s, raw)| (Just(c), Just(s), Just(raw.clone()), raw.len() as i64..80, any::<bool>()))
            .prop_map(|(c, s, raw, members, runoff)| {
                let list: Vec<String> = (0..c).map(|i| format!("C{i}")).collect();
                let ballots = raw
                    .into_iter()
                    .map(|(bits, issued)| Ballot {
                        crossed: Some((0..c).filter(|i| bits & (1 << i) != 0).map(|i| list[i].clone()).collect()),
                        marks: None,
                        issued_by_committee: issued,
                    })
                    .collect();
                Election { members, excluded: 0, present: None, seats: s as i64, candidates: list, ballots, runoff }
            })
    }

    proptest! {
        #[test]
        fn tallies_add_up_and_seats_are_never_exceeded(e in elections()) {
            let r = tally(&RuleSet::party_committee(), &e).unwrap();
            let seats = e.seats as u64;
            // Ballots add up, and every invalid one has one reason.
            prop_assert_eq!(r.ballots.valid + r.ballots.invalid, r.ballots.returned);
            prop_assert_eq!(r.ballots.invalid_reasons.values().sum::<u64>(), r.ballots.invalid);
            // Every valid ballot is counted exactly once, recounted here from the rules as
            // DOMAIN.md states them: issued, keeping no more names than seats, and not every
            // name crossed out on a list with a surplus.
            let surplus = e.candidates.len() as u64 > seats;
            let mut valid = 0u64;
            let mut expected = vec![0u64; e.candidates.len()];
            for b in &e.ballots {
                let crossed = b.crossed.as_ref().unwrap();
                let kept: Vec<usize> = (0..e.candidates.len()).filter(|i| !crossed.contains(&e.candidates[*i])).collect();
                if b.issued_by_committee && kept.len() as u64 <= seats && !(surplus && kept.is_empty()) {
                    valid += 1;
                    for i in kept {
                        expected[i] += 1;
                    }
                }
            }
            prop_assert_eq!(r.ballots.valid, valid);
            prop_assert_eq!(r.candidates.iter().map(|c| c.votes).collect::<Vec<_>>(), expected);
            for c in &r.candidates {
                prop_assert!(c.votes <= r.ballots.valid);
            }
            // Never more elected than seats; the unfilled are the rest.
            prop_assert!(r.elected.len() as u64 <= seats);
            prop_assert_eq!(r.elected.len() as u64 + r.unfilled, seats);
            // A runoff only for more tied than the seats left, none of them elected.
            prop_assert!(r.runoff.is_empty() || r.runoff.len() as u64 > r.unfilled);
            prop_assert!(r.runoff.iter().all(|n| !r.elected.contains(n)));
            let votes = |n: &String| r.candidates.iter().find(|c| &c.name == n).unwrap().votes;
            if !e.runoff {
                prop_assert!(r.elected.iter().chain(&r.runoff).all(|n| votes(n) >= r.threshold));
            }
            // Whoever is elected has at least as many votes as anyone not elected and eligible.
            for w in &r.elected {
                for c in r.candidates.iter().filter(|c| !r.elected.contains(&c.name)) {
                    prop_assert!(votes(w) > c.votes || (!e.runoff && !c.passes_threshold) || (e.runoff && c.votes == 0));
                }
            }
            // Elected in order of votes.
            prop_assert!(r.elected.windows(2).all(|p| votes(&p[0]) >= votes(&p[1])));
        }

        #[test]
        fn one_more_valid_ballot_for_a_candidate_never_unelects_them(e in elections(), who in 0usize..8) {
            let who = who % e.candidates.len();
            let before = tally(&RuleSet::party_committee(), &e).unwrap();
            let mut more = e.clone();
            more.members += 1;
            let cross: Vec<String> = e.candidates.iter().enumerate().filter(|(i, _)| *i != who).map(|(_, n)| n.clone()).collect();
            more.ballots.push(Ballot { crossed: Some(cross), ..Ballot::default() });
            let after = tally(&RuleSet::party_committee(), &more).unwrap();
            let name = &e.candidates[who];
            prop_assert_eq!(after.candidates[who].votes, before.candidates[who].votes + 1);
            if before.elected.contains(name) && !e.runoff {
                // One more member raises the threshold by at most one, which the new vote meets.
                prop_assert!(after.candidates[who].passes_threshold);
            }
        }
    }
}
