//! Named rule sets: what a vote counts against, and what share it needs.
//!
//! Rules differ between bodies and change over time, so every threshold is
//! kept in a rule set the office can choose and define (shared/DOMAIN.md,
//! "Rules"). The default, "party-committee", is the Party's:
//! - a resolution passes only when more than half of all current members
//!   agree, absent members counting against it (Điều lệ Đảng 2011, art. 9(5);
//!   Quy định 24-QĐ/TW §9.3.3, replaced by 294-QĐ/TW (2025); QĐ 168-QĐ/TW
//!   art. 30, which applies the same thresholds to written votes);
//! - a candidate is elected with more than half of all members summoned, less
//!   the excluded ones (Điều lệ Đảng art. 12(3); Quyết định 190-QĐ/TW (2024)
//!   art. 30);
//! - members suspended, prosecuted or detained, or on leave from Party work
//!   and absent, are left out of the base, as the election rules do
//!   (Quyết định 190-QĐ/TW). This exclusion still needs checking against the
//!   text, so the list is part of the rule set and can be edited.
//!
//! Some decisions need at least two thirds: admitting a member (Điều lệ Đảng
//! art. 4), dissolving an organization or expelling a member (art. 38(3)).
//! That is the built-in "two-thirds".

use serde::{Deserialize, Serialize};

use super::TallyError;

/// What the required share is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Base {
    /// All members less the excluded ones: absent members count against a
    /// decision (Điều lệ Đảng art. 9(5)); the Party's rule.
    Members,
    /// The members present.
    Present,
    /// The valid votes cast: yes, no and abstain on a motion; the valid
    /// ballots in an election.
    ValidBallots,
}

impl Base {
    pub const ALL: [Base; 3] = [Base::Members, Base::Present, Base::ValidBallots];

    pub fn as_str(self) -> &'static str {
        match self {
            Base::Members => "members",
            Base::Present => "present",
            Base::ValidBallots => "valid-ballots",
        }
    }

    /// "tổng số" in "quá 1/2 tổng số".
    pub(crate) fn words_vi(self) -> &'static str {
        match self {
            Base::Members => "tổng số",
            Base::Present => "số có mặt",
            Base::ValidBallots => "số phiếu hợp lệ",
        }
    }

    pub(crate) fn words_en(self) -> &'static str {
        match self {
            Base::Members => "all members",
            Base::Present => "the members present",
            Base::ValidBallots => "the valid votes",
        }
    }
}

/// The share a decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Majority {
    /// More than half (quá 1/2): Điều lệ Đảng art. 9(5), art. 12(3).
    #[serde(rename = "more-than-1/2")]
    MoreThanHalf,
    /// At least two thirds (ít nhất 2/3): Điều lệ Đảng art. 4, art. 38(3).
    #[serde(rename = "at-least-2/3")]
    AtLeastTwoThirds,
}

impl Majority {
    pub const ALL: [Majority; 2] = [Majority::MoreThanHalf, Majority::AtLeastTwoThirds];

    pub fn as_str(self) -> &'static str {
        match self {
            Majority::MoreThanHalf => "more-than-1/2",
            Majority::AtLeastTwoThirds => "at-least-2/3",
        }
    }

    /// The fewest votes that reach this share of `base`, in integers: more
    /// than half of 70 is 36, at least 2/3 of 70 is 47. Never less than one,
    /// so nothing passes on no votes at all.
    pub fn required(self, base: u64) -> u64 {
        let n = match self {
            Majority::MoreThanHalf => base / 2 + 1,
            Majority::AtLeastTwoThirds => (base as u128 * 2).div_ceil(3) as u64,
        };
        n.max(1)
    }

    /// "quá 1/2" / "đạt 2/3" and their negations.
    pub(crate) fn words_vi(self, reached: bool) -> &'static str {
        match (self, reached) {
            (Majority::MoreThanHalf, true) => "quá 1/2",
            (Majority::MoreThanHalf, false) => "chưa quá 1/2",
            (Majority::AtLeastTwoThirds, true) => "đạt ít nhất 2/3",
            (Majority::AtLeastTwoThirds, false) => "chưa đạt 2/3",
        }
    }

    pub(crate) fn words_en(self, reached: bool) -> &'static str {
        match (self, reached) {
            (Majority::MoreThanHalf, true) => "more than 1/2 of",
            (Majority::MoreThanHalf, false) => "not more than 1/2 of",
            (Majority::AtLeastTwoThirds, true) => "at least 2/3 of",
            (Majority::AtLeastTwoThirds, false) => "less than 2/3 of",
        }
    }
}

/// Who is left out of the base of all members (Quyết định 190-QĐ/TW; to be
/// checked against the text, shared/DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exclusion {
    /// Suspended from Party activity (đình chỉ sinh hoạt đảng).
    Suspended,
    /// Prosecuted (bị khởi tố).
    Prosecuted,
    /// Detained (bị tạm giam).
    Detained,
    /// On leave from Party work and absent (nghỉ công tác và vắng mặt).
    OnLeaveAbsent,
}

impl Exclusion {
    pub const ALL: [Exclusion; 4] =
        [Exclusion::Suspended, Exclusion::Prosecuted, Exclusion::Detained, Exclusion::OnLeaveAbsent];

    pub fn as_str(self) -> &'static str {
        match self {
            Exclusion::Suspended => "suspended",
            Exclusion::Prosecuted => "prosecuted",
            Exclusion::Detained => "detained",
            Exclusion::OnLeaveAbsent => "on-leave-absent",
        }
    }
}

/// A named rule set. A vote records the one it was held under (a copy, not a
/// reference), so editing a rule set later never changes a past result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Lower case letters, digits and hyphens, e.g. "party-committee".
    pub name: String,
    pub base: Base,
    /// The share: more than 1/2, or at least 2/3 (also read as "fraction").
    #[serde(alias = "fraction")]
    pub majority: Majority,
    /// Who is left out of all members. With none, no member may be given as
    /// excluded.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
}

impl RuleSet {
    /// The default rule set's name.
    pub const DEFAULT: &'static str = "party-committee";
    /// The built-in rule sets, by name.
    pub const BUILT_IN: [&'static str; 3] = ["party-committee", "two-thirds", "present-majority"];

    /// More than half of all members less the exclusions: passing a resolution
    /// (Điều lệ Đảng art. 9(5); QĐ 294-QĐ/TW; QĐ 168-QĐ/TW art. 30) and
    /// electing a candidate (Điều lệ art. 12(3); QĐ 190-QĐ/TW art. 30).
    pub fn party_committee() -> RuleSet {
        RuleSet {
            name: "party-committee".into(),
            base: Base::Members,
            majority: Majority::MoreThanHalf,
            exclusions: Exclusion::ALL.to_vec(),
        }
    }

    /// At least two thirds of all members less the exclusions: admitting a
    /// member (Điều lệ Đảng art. 4), dissolving an organization or expelling a
    /// member (art. 38(3)).
    pub fn two_thirds() -> RuleSet {
        RuleSet { name: "two-thirds".into(), majority: Majority::AtLeastTwoThirds, ..RuleSet::party_committee() }
    }

    /// More than half of the members present: for bodies whose own rules count
    /// that way (not a Party committee's resolution, which counts all members).
    pub fn present_majority() -> RuleSet {
        RuleSet { name: "present-majority".into(), base: Base::Present, ..RuleSet::party_committee() }
    }

    /// A built-in rule set by name.
    pub fn by_name(name: &str) -> Result<RuleSet, TallyError> {
        match name {
            "party-committee" => Ok(RuleSet::party_committee()),
            "two-thirds" => Ok(RuleSet::two_thirds()),
            "present-majority" => Ok(RuleSet::present_majority()),
            _ => Err(TallyError::UnknownRules(name.to_string())),
        }
    }

    /// Whether a rule set the office defined is well formed.
    pub fn check(&self) -> Result<(), TallyError> {
        let bad = |en, vi| Err(TallyError::BadRules { name: self.name.clone(), en, vi });
        if self.name.is_empty() || self.name.len() > 64 {
            return bad("the name must have 1 to 64 characters", "tên cần có từ 1 đến 64 ký tự");
        }
        if !self.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return bad(
                "the name may hold only lower case letters, digits and hyphens",
                "tên chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối",
            );
        }
        for (i, e) in self.exclusions.iter().enumerate() {
            if self.exclusions[..i].contains(e) {
                return bad("an exclusion is listed twice", "một trường hợp loại trừ được ghi hai lần");
            }
        }
        Ok(())
    }

    /// The fewest votes that pass against `base`.
    pub fn required(&self, base: u64) -> u64 {
        self.majority.required(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn seventy_members_need_thirty_six_or_forty_seven() {
        assert_eq!(Majority::MoreThanHalf.required(70), 36);
        assert_eq!(Majority::AtLeastTwoThirds.required(70), 47);
        assert_eq!(Majority::MoreThanHalf.required(11), 6);
        assert_eq!(Majority::MoreThanHalf.required(10), 6);
        assert_eq!(Majority::AtLeastTwoThirds.required(71), 48);
        assert_eq!(Majority::AtLeastTwoThirds.required(3), 2);
        // Nothing passes on no votes, whatever the base.
        assert_eq!(Majority::AtLeastTwoThirds.required(0), 1);
        assert_eq!(Majority::MoreThanHalf.required(0), 1);
    }

    #[test]
    fn built_in_rule_sets_are_found_by_name_and_well_formed() {
        for name in RuleSet::BUILT_IN {
            let r = RuleSet::by_name(name).unwrap();
            assert_eq!(r.name, name);
            r.check().unwrap();
        }
        assert_eq!(RuleSet::by_name("party-committee").unwrap(), RuleSet::party_committee());
        let e = RuleSet::by_name("majority").unwrap_err();
        assert_eq!(e.code(), "unknown-rules");
        assert!(e.message_en().contains("party-committee, two-thirds, present-majority"), "{e}");
    }

    #[test]
    fn a_defined_rule_set_reads_from_json_and_is_checked() {
        let r: RuleSet = serde_json::from_str(
            r#"{"name":"congress-admission","base":"valid-ballots","majority":"at-least-2/3","exclusions":["detained"]}"#,
        )
        .unwrap();
        assert_eq!(r.base, Base::ValidBallots);
        assert_eq!(r.majority, Majority::AtLeastTwoThirds);
        r.check().unwrap();
        let aliased: RuleSet =
            serde_json::from_str(r#"{"name":"x","base":"members","fraction":"more-than-1/2"}"#).unwrap();
        assert_eq!(aliased.majority, Majority::MoreThanHalf);
        assert!(serde_json::from_str::<RuleSet>(
            r#"{"name":"x","base":"members","majority":"more-than-1/2","quorum":1}"#
        )
        .is_err());
        let twice = RuleSet { exclusions: vec![Exclusion::Detained, Exclusion::Detained], ..r.clone() };
        assert_eq!(twice.check().unwrap_err().code(), "bad-rules");
        let named = RuleSet { name: "Quy chế".into(), ..r };
        assert!(named.check().unwrap_err().message_vi().contains("chữ thường"));
        for b in Base::ALL {
            assert_eq!(serde_json::to_value(b).unwrap(), b.as_str());
        }
        for m in Majority::ALL {
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
        for e in Exclusion::ALL {
            assert_eq!(serde_json::to_value(e).unwrap(), e.as_str());
        }
    }

    proptest! {
        #[test]
        fn required_is_the_least_count_reaching_the_share(base in 1u64..1_000_000) {
            let half = Majority::MoreThanHalf.required(base);
            prop_assert!(2 * half > base && 2 * (half - 1) <= base);
            let two_thirds = Majority::AtLeastTwoThirds.required(base);
            prop_assert!(3 * two_thirds >= 2 * base && 3 * (two_thirds - 1) < 2 * base);
            prop_assert!(half <= base && two_thirds <= base);
        }
    }
}
