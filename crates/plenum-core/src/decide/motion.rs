//! An open vote on a motion (biểu quyết): by show of hands or from tablets,
//! in the hall or in writing (QĐ 168-QĐ/TW art. 30: the same thresholds).

use serde::Serialize;

use super::rules::{Base, RuleSet};
use super::{count, voters, TallyError};

/// A motion's result, with the sentence that explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MotionResult {
    pub passed: bool,
    /// What the share was counted against: all members less the excluded,
    /// the members present, or the votes cast, as the rule set says.
    pub base: u64,
    /// The fewest yes votes that pass.
    pub required: u64,
    pub yes: u64,
    /// "40/70 ủy viên tán thành, quá 1/2 tổng số → thông qua".
    pub explanation_vi: String,
    pub explanation_en: String,
}

/// Counts a motion under `rules`. `present` are the members present who may
/// vote; `yes`, `no` and `abstain` are their votes (a member present may also
/// not vote at all). Refused when a count is negative, more are excluded than
/// there are members, more are present than may vote, or more votes are
/// counted than members are present.
pub fn tally(
    rules: &RuleSet,
    members: i64,
    excluded: i64,
    present: i64,
    yes: i64,
    no: i64,
    abstain: i64,
) -> Result<MotionResult, TallyError> {
    let (members, voting) = voters(rules, members, excluded)?;
    let present = count("present", present)?;
    let (yes, no, abstain) = (count("yes", yes)?, count("no", no)?, count("abstain", abstain)?);
    if present > voting {
        return Err(TallyError::PresentAboveVoters { present, voters: voting, members, excluded: members - voting });
    }
    let votes = yes + no + abstain;
    if votes > present {
        return Err(TallyError::VotesAbovePresent { votes, present });
    }
    let base = match rules.base {
        Base::Members => voting,
        Base::Present => present,
        Base::ValidBallots => votes,
    };
    let required = rules.required(base);
    let passed = yes >= required;
    let (vi_share, en_share) = (rules.majority.words_vi(passed), rules.majority.words_en(passed));
    let (vi_base, en_base) = (rules.base.words_vi(), rules.base.words_en());
    let (explanation_vi, explanation_en) = if passed {
        (
            format!("{yes}/{base} ủy viên tán thành, {vi_share} {vi_base} → thông qua"),
            format!("{yes} of {base} members in favour, {en_share} {en_base} → passed"),
        )
    } else {
        (
            format!("{yes}/{base} ủy viên tán thành, {vi_share} {vi_base} (cần {required}) → không thông qua"),
            format!("{yes} of {base} members in favour, {en_share} {en_base} ({required} needed) → not passed"),
        )
    };
    Ok(MotionResult { passed, base, required, yes, explanation_vi, explanation_en })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_issue_example_passes_against_seventy() {
        let r = tally(&RuleSet::party_committee(), 72, 2, 65, 40, 10, 5).unwrap();
        assert!(r.passed);
        assert_eq!((r.base, r.required, r.yes), (70, 36, 40));
        assert_eq!(r.explanation_vi, "40/70 ủy viên tán thành, quá 1/2 tổng số → thông qua");
        assert_eq!(r.explanation_en, "40 of 70 members in favour, more than 1/2 of all members → passed");
    }

    #[test]
    fn absent_members_count_against_a_resolution() {
        // 35 of 70 is half, not more than half, though all 35 present agree.
        let r = tally(&RuleSet::party_committee(), 70, 0, 35, 35, 0, 0).unwrap();
        assert!(!r.passed);
        assert_eq!(r.explanation_vi, "35/70 ủy viên tán thành, chưa quá 1/2 tổng số (cần 36) → không thông qua");
        // Counted against those present, the same votes pass.
        let r = tally(&RuleSet::present_majority(), 70, 0, 35, 35, 0, 0).unwrap();
        assert!(r.passed);
        assert_eq!((r.base, r.required), (35, 18));
        assert_eq!(r.explanation_vi, "35/35 ủy viên tán thành, quá 1/2 số có mặt → thông qua");
    }

    #[test]
    fn two_thirds_of_seventy_is_forty_seven() {
        let r = tally(&RuleSet::two_thirds(), 70, 0, 70, 47, 23, 0).unwrap();
        assert!(r.passed);
        assert_eq!(r.required, 47);
        assert_eq!(r.explanation_vi, "47/70 ủy viên tán thành, đạt ít nhất 2/3 tổng số → thông qua");
        let r = tally(&RuleSet::two_thirds(), 70, 0, 70, 46, 24, 0).unwrap();
        assert!(!r.passed);
        assert_eq!(
            r.explanation_en,
            "46 of 70 members in favour, less than 2/3 of all members (47 needed) → not passed"
        );
    }

    #[test]
    fn impossible_counts_are_refused_with_a_code() {
        let p = RuleSet::party_committee();
        let code = |r: Result<MotionResult, TallyError>| r.unwrap_err().code();
        assert_eq!(code(tally(&p, 70, 0, 65, -1, 0, 0)), "negative-count");
        assert_eq!(code(tally(&p, -70, 0, 0, 0, 0, 0)), "negative-count");
        assert_eq!(code(tally(&p, 70, 71, 0, 0, 0, 0)), "excluded-above-members");
        assert_eq!(code(tally(&p, 72, 2, 71, 0, 0, 0)), "present-above-voters");
        assert_eq!(code(tally(&p, 70, 0, 60, 40, 15, 6)), "votes-above-present");
        let none = RuleSet { exclusions: vec![], ..p };
        assert_eq!(code(tally(&none, 72, 2, 60, 40, 0, 0)), "no-exclusions-in-rules");
        let e = tally(&none, 70, 0, 60, 40, 15, 6).unwrap_err();
        assert!(e.message_vi().contains("chỉ 60 ủy viên có mặt"), "{}", e.message_vi());
        assert!(e.message_en().contains("only 60 members are present"), "{e}");
        let e = tally(&none, 70, 0, 60, -3, 0, 0).unwrap_err();
        assert_eq!(e.message_en(), "yes: a count cannot be negative (-3)");
    }

    #[test]
    fn the_votes_cast_can_be_the_base() {
        let rules = RuleSet { name: "cast".into(), base: Base::ValidBallots, ..RuleSet::party_committee() };
        let r = tally(&rules, 70, 0, 60, 20, 10, 9).unwrap();
        assert_eq!((r.base, r.required, r.passed), (39, 20, true));
        // Nothing passes when nobody votes.
        let r = tally(&rules, 70, 0, 60, 0, 0, 0).unwrap();
        assert_eq!((r.base, r.required, r.passed), (0, 1, false));
    }

    fn rule_sets() -> impl Strategy<Value = RuleSet> {
        prop_oneof![
            Just(RuleSet::party_committee()),
            Just(RuleSet::two_thirds()),
            Just(RuleSet::present_majority()),
            Just(RuleSet { name: "cast".into(), base: Base::ValidBallots, ..RuleSet::party_committee() }),
        ]
    }

    /// Members, excluded, present, yes, no, abstain: a possible vote with room
    /// for one more yes vote.
    fn votes() -> impl Strategy<Value = (i64, i64, i64, i64, i64, i64)> {
        (1i64..300)
            .prop_flat_map(|m| (Just(m), 0..=m))
            .prop_flat_map(|(m, x)| (Just(m), Just(x), 1..=(m - x).max(1)))
            .prop_filter("someone may vote", |(m, x, _)| m > x)
            .prop_flat_map(|(m, x, p)| (Just(m), Just(x), Just(p), 0..p))
            .prop_flat_map(|(m, x, p, y)| (Just(m), Just(x), Just(p), Just(y), 0..=(p - y - 1)))
            .prop_flat_map(|(m, x, p, y, n)| (Just(m), Just(x), Just(p), Just(y), Just(n), 0..=(p - y - n - 1)))
    }

    proptest! {
        #[test]
        fn one_more_yes_never_turns_a_pass_into_a_fail(rules in rule_sets(), (m, x, p, y, n, a) in votes()) {
            let before = tally(&rules, m, x, p, y, n, a).unwrap();
            // The member who did not vote, or who abstained or voted no, now votes yes.
            let more = tally(&rules, m, x, p, y + 1, n, a).unwrap();
            prop_assert!(!before.passed || more.passed);
            if n > 0 {
                let switched = tally(&rules, m, x, p, y + 1, n - 1, a).unwrap();
                prop_assert!(!before.passed || switched.passed);
            }
        }

        #[test]
        fn a_motion_passes_exactly_when_yes_reaches_the_required(rules in rule_sets(), (m, x, p, y, n, a) in votes()) {
            let r = tally(&rules, m, x, p, y, n, a).unwrap();
            prop_assert_eq!(r.passed, r.yes >= r.required);
            prop_assert_eq!(r.yes, y as u64);
            prop_assert!(r.required >= 1);
            prop_assert!(r.base <= (m - x) as u64);
            prop_assert_eq!(r.explanation_vi.ends_with("→ thông qua"), r.passed);
        }
    }
}
