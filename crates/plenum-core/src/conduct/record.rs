//! What a secretary records: opinions and their stance.

use serde::{Deserialize, Serialize};

/// The stance of an opinion (ý kiến): agree, disagree, propose a change, other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Agree,
    Disagree,
    ProposeChange,
    Other,
}

impl Stance {
    pub const ALL: [Stance; 4] = [Stance::Agree, Stance::Disagree, Stance::ProposeChange, Stance::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Disagree => "disagree",
            Stance::ProposeChange => "propose_change",
            Stance::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}
