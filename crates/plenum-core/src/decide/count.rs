//! One vote to count, motion or election, as `plenum tally` reads it and as a
//! published secret poll holds it. Both go through [`tally`], so a recount of
//! a published poll gives what `plenum tally` gives for the same input.

use serde::{Deserialize, Serialize};

use super::election::{self, Election, ElectionResult};
use super::motion::{self, MotionResult};
use super::rules::RuleSet;
use super::TallyError;

/// A motion's counts, as given.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotionCounts {
    pub members: i64,
    #[serde(default)]
    pub excluded: i64,
    pub present: i64,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
}

/// A vote to count under a rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    Motion { rules: RuleSet, counts: MotionCounts },
    Election { rules: RuleSet, election: Election },
}

/// The result, written as `plenum tally` writes it: the motion's or the
/// election's result object, with no wrapper.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Counted {
    Motion(MotionResult),
    Election(ElectionResult),
}

impl Counted {
    /// As a JSON value, the form a published poll keeps its result in.
    pub fn to_json(&self) -> serde_json::Value {
        // Plain structs of numbers, strings and lists: serializing cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Counts `count` with the motion or election rules.
pub fn tally(count: &Count) -> Result<Counted, TallyError> {
    match count {
        Count::Motion { rules, counts: c } => {
            motion::tally(rules, c.members, c.excluded, c.present, c.yes, c.no, c.abstain).map(Counted::Motion)
        }
        Count::Election { rules, election } => election::tally(rules, election).map(Counted::Election),
    }
}
