//! Deciding: polls, the named votes of open ones, and the secret ballots,
//! kept apart from the roll of who has voted (see `docs/THREAT-MODEL.md`).

mod casting;
mod paper;
mod polls;

use plenum_core::decide::poll::{Choice, PollKind, PollMethod, PollState};
use serde::{Deserialize, Serialize};

/// A poll as stored. `rules`, `candidates`, `counting_committee`, `hands`,
/// `result` and `published` are JSON, written and read by the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Poll {
    pub id: i64,
    pub plenum_id: i64,
    /// The public random name of the poll, in receipts and the published result.
    pub uid: String,
    pub item_id: Option<i64>,
    pub title: String,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: PollKind,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub method: PollMethod,
    /// The rule set held under, copied in at creation (JSON).
    pub rules: String,
    pub seats: Option<i64>,
    /// The candidates' names (JSON list).
    pub candidates: String,
    /// A runoff round among the candidates tied at the last seat.
    #[sqlx(try_from = "i64")]
    #[schema(value_type = bool)]
    pub runoff: Flag,
    /// Whether an open vote's running count shows before it closes.
    #[sqlx(try_from = "i64")]
    #[schema(value_type = bool)]
    pub show_live: Flag,
    /// A written vote's deadline, in microseconds since the epoch.
    pub deadline: Option<i64>,
    /// The delegates of the counting committee (JSON list of ids).
    pub counting_committee: String,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub state: PollState,
    pub members: Option<i64>,
    pub excluded: Option<i64>,
    pub present: Option<i64>,
    pub issued: Option<i64>,
    pub hands: Option<String>,
    pub opened_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub result: Option<String>,
    pub published: Option<String>,
    pub created_at: i64,
    pub version: i64,
}

/// A yes/no column. Both backends keep it as the integer 0 or 1: the `Any`
/// driver hands SQLite's booleans over as integers, which a `bool` does not read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Flag(pub bool);

impl TryFrom<i64> for Flag {
    type Error = String;
    fn try_from(n: i64) -> Result<Flag, String> {
        match n {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            _ => Err(format!("a flag is 0 or 1, not {n}")),
        }
    }
}

pub(crate) const COLUMNS: &str = "id, plenum_id, uid, item_id, title, kind, method, rules, seats, candidates, runoff, \
     show_live, deadline, counting_committee, state, members, excluded, present, issued, hands, opened_at, closed_at, \
     result, published, created_at, version";

/// A poll to create, checked by the application.
#[derive(Debug, Clone)]
pub struct NewPoll {
    pub plenum_id: i64,
    pub uid: String,
    pub item_id: Option<i64>,
    pub title: String,
    pub kind: PollKind,
    pub method: PollMethod,
    pub rules: String,
    pub seats: Option<i64>,
    pub candidates: String,
    pub runoff: bool,
    pub show_live: bool,
    pub deadline: Option<i64>,
}

/// The figures a poll opens with: all members, those excluded from the
/// base, and those present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub members: i64,
    pub excluded: i64,
    pub present: i64,
}

/// What the chair closes a poll with.
#[derive(Debug, Clone, Default)]
pub struct Closing {
    /// A show of hands as counted (JSON of `Hands`).
    pub hands: Option<String>,
    /// Paper ballots the counting committee issued.
    pub issued: Option<i64>,
    /// Members present at the close, when more came in since the opening.
    pub present: Option<i64>,
}

/// A poll just closed: its ballots' contents in shuffled order, its
/// commitments in ascending order, the roll, and the named votes.
#[derive(Debug, Clone)]
pub struct Closed {
    pub poll: Poll,
    pub contents: Vec<String>,
    pub leaves: Vec<String>,
    pub roll: Vec<i64>,
    pub votes: Vec<(i64, Choice)>,
}

/// One paper ballot as one counter entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PaperEntry {
    pub counter: i64,
    pub sheet: i64,
    pub content: String,
    pub entered_by: i64,
}

/// How one cast went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    Recorded,
    /// The member had already voted; nothing changed.
    AlreadyVoted,
}
