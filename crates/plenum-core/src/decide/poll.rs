//! A poll (biểu quyết, bỏ phiếu): what is decided, how, and where it stands.
//! The counting itself is [`super::motion`] and [`super::election`]; this is
//! what the server keeps around it.
//!
//! - Procedural votes are open, by show of hands (QĐ 190-QĐ/TW art. 3): the
//!   secretary enters the counts. An open vote may instead be taken on the
//!   tablets, named, one vote per member present.
//! - A written vote (lấy ý kiến bằng văn bản, QĐ 168-QĐ/TW art. 30) collects
//!   named votes over days, until a deadline, under the same thresholds.
//! - Votes on people are secret (QĐ 190-QĐ/TW art. 3): on the tablets, or on
//!   paper, entered twice by the counting committee (art. 8).

use serde::{Deserialize, Serialize};

use super::ballot::Ballot;

/// What a poll decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PollKind {
    /// A motion: a resolution, an item, a procedural question.
    Motion,
    /// An election: seats and candidates, by cross-out ballot.
    Election,
    /// A nomination ballot (phiếu giới thiệu nhân sự): ranks names, elects no one.
    Nomination,
}

/// How a poll is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PollMethod {
    /// Show of hands; the secretary enters the counts.
    Hands,
    /// Open and named, on the tablets, by the members checked in.
    Electronic,
    /// Open and named, in writing over days until a deadline.
    Written,
    /// Secret, on the tablets.
    Secret,
    /// Secret, on paper; two counters enter every ballot.
    Paper,
}

/// Where a poll stands. It opens once and closes once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PollState {
    Draft,
    Open,
    Closed,
}

/// One member's vote on a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    /// Tán thành.
    Yes,
    /// Không tán thành.
    No,
    /// Không biểu quyết / phiếu trắng.
    Abstain,
}

macro_rules! words {
    ($t:ty { $($v:ident = $s:literal),+ $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
            pub fn parse(s: &str) -> Option<$t> {
                match s { $($s => Some(<$t>::$v),)+ _ => None }
            }
        }
        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(s: String) -> Result<$t, String> {
                <$t>::parse(&s).ok_or_else(|| format!("unknown {}: {s:?}", stringify!($t)))
            }
        }
    };
}
words!(PollKind { Motion = "motion", Election = "election", Nomination = "nomination" });
words!(PollMethod { Hands = "hands", Electronic = "electronic", Written = "written", Secret = "secret", Paper = "paper" });
words!(PollState { Draft = "draft", Open = "open", Closed = "closed" });
words!(Choice { Yes = "yes", No = "no", Abstain = "abstain" });

impl PollMethod {
    /// Whether nothing may link a voter to a ballot.
    pub fn is_secret(self) -> bool {
        matches!(self, PollMethod::Secret | PollMethod::Paper)
    }

    /// Whether members vote themselves, each one named with their choice.
    pub fn is_named(self) -> bool {
        matches!(self, PollMethod::Electronic | PollMethod::Written)
    }

    /// Whether only the members checked in may vote. A written vote reaches
    /// members wherever they are.
    pub fn needs_presence(self) -> bool {
        !matches!(self, PollMethod::Written)
    }

    /// The methods a kind may use. Votes on people are secret (QĐ 190-QĐ/TW art. 3).
    pub fn allowed_for(self, kind: PollKind) -> bool {
        match kind {
            PollKind::Motion => true,
            PollKind::Election | PollKind::Nomination => self.is_secret(),
        }
    }
}

/// A show of hands as the secretary counted it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hands {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    /// Present but raised no hand.
    pub not_voting: i64,
}

/// Counts of named votes.
pub fn count_choices<'a>(choices: impl IntoIterator<Item = &'a Choice>) -> Hands {
    let mut h = Hands::default();
    for c in choices {
        match c {
            Choice::Yes => h.yes += 1,
            Choice::No => h.no += 1,
            Choice::Abstain => h.abstain += 1,
        }
    }
    h
}

/// A ballot's stored content: the choice on a motion, or the cross-out
/// ballot as JSON with its names sorted, so equal ballots read equal.
pub fn motion_content(choice: Choice) -> String {
    choice.as_str().to_string()
}

pub use super::published::ballot_content;

/// An election ballot back from its content.
pub fn parse_ballot(content: &str) -> Option<Ballot> {
    serde_json::from_str(content).ok()
}

/// One sheet where the two entries of paper ballots differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub sheet: i64,
    /// The first counter's content, or `None` if they did not enter the sheet.
    pub first: Option<String>,
    pub second: Option<String>,
}

/// Compare two counters' entries, each `(sheet, content)`, and list every
/// sheet they disagree on, in sheet order: a paper count is closed only when
/// the two independent entries agree (the counting committee's check, QĐ
/// 190-QĐ/TW art. 8).
pub fn reconcile(first: &[(i64, String)], second: &[(i64, String)]) -> Vec<Difference> {
    use std::collections::BTreeMap;
    let mut sheets: BTreeMap<i64, (Option<&String>, Option<&String>)> = BTreeMap::new();
    for (s, c) in first {
        sheets.entry(*s).or_default().0 = Some(c);
    }
    for (s, c) in second {
        sheets.entry(*s).or_default().1 = Some(c);
    }
    sheets
        .into_iter()
        .filter(|(_, (a, b))| a != b)
        .map(|(sheet, (a, b))| Difference { sheet, first: a.cloned(), second: b.cloned() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_round_trip() {
        for k in PollKind::ALL {
            assert_eq!(PollKind::parse(k.as_str()), Some(*k));
        }
        for m in PollMethod::ALL {
            assert_eq!(PollMethod::parse(m.as_str()), Some(*m));
        }
        assert_eq!(Choice::parse("maybe"), None);
    }

    #[test]
    fn votes_on_people_are_secret() {
        assert!(PollMethod::Paper.allowed_for(PollKind::Election));
        assert!(PollMethod::Secret.allowed_for(PollKind::Nomination));
        assert!(!PollMethod::Hands.allowed_for(PollKind::Election));
        assert!(!PollMethod::Electronic.allowed_for(PollKind::Election));
        assert!(PollMethod::Hands.allowed_for(PollKind::Motion));
    }

    #[test]
    fn equal_ballots_have_equal_content() {
        let a = Ballot { crossed: Some(vec!["B".into(), "A".into(), "A".into()]), ..Ballot::default() };
        let b = Ballot { crossed: Some(vec!["A".into(), "B".into()]), ..Ballot::default() };
        assert_eq!(ballot_content(&a), ballot_content(&b));
        assert_eq!(parse_ballot(&ballot_content(&a)).unwrap().crossed.unwrap(), ["A", "B"]);
    }

    #[test]
    fn reconcile_names_each_difference() {
        let one = vec![(1, "a".to_string()), (2, "b".to_string()), (3, "c".to_string())];
        let two = vec![(1, "a".to_string()), (2, "x".to_string()), (4, "d".to_string())];
        let d = reconcile(&one, &two);
        assert_eq!(d.iter().map(|d| d.sheet).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(d[1].second, None);
        assert_eq!(d[2].first, None);
    }

    proptest! {
        #[test]
        fn the_same_entries_reconcile(sheets in proptest::collection::btree_map(1i64..500, "[a-c]{0,3}", 0..50)) {
            let e: Vec<(i64, String)> = sheets.into_iter().collect();
            prop_assert!(reconcile(&e, &e).is_empty());
            let mut changed = e.clone();
            if let Some(first) = changed.first_mut() {
                first.1.push('!');
                prop_assert_eq!(reconcile(&e, &changed).len(), 1);
            }
        }

        #[test]
        fn choices_add_up(cs in proptest::collection::vec(0usize..3, 0..200)) {
            let choices: Vec<Choice> = cs.iter().map(|i| Choice::ALL[*i]).collect();
            let h = count_choices(&choices);
            prop_assert_eq!((h.yes + h.no + h.abstain) as usize, choices.len());
        }
    }
}
