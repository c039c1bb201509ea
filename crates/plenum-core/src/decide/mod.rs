//! Deciding (biểu quyết, bầu cử): the rule sets a vote is held under, open
//! votes on a motion, and elections by cross-out ballot. Pure counting: the
//! server and `plenum tally` call the same functions. A secret poll's ballots
//! are committed to as Merkle leaves, whose receipts a voter can check
//! ([`receipt`]), and its result is published signed, for anyone to recount
//! ([`published`]).
//!
//! Counts come in as `i64` so that a negative number given by mistake is a
//! refusal naming the field, not a wrapped-around count.

pub mod ballot;
pub mod count;
pub mod election;
pub mod motion;
pub mod poll;
pub mod published;
pub mod receipt;
pub mod rules;

pub use ballot::{Ballot, BallotForm, InvalidReason, Mark};
pub use election::{CandidateResult, Election, ElectionResult, Warning};
pub use motion::MotionResult;
pub use rules::{Base, Exclusion, Majority, RuleSet};

/// Why a count was refused: the input does not describe a possible vote.
/// Each has a stable `code` and a sentence in Vietnamese and in English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    #[error("{field}: a count cannot be negative ({value})")]
    Negative { field: &'static str, value: i64 },
    #[error("{excluded} members excluded, but the committee has only {members}")]
    ExcludedAboveMembers { members: u64, excluded: u64 },
    #[error("the rule set {rules:?} excludes no one, but {excluded} members are given as excluded")]
    NoExclusions { rules: String, excluded: u64 },
    #[error("{present} members present, but only {voters} may vote ({members} members less {excluded} excluded)")]
    PresentAboveVoters { present: u64, voters: u64, members: u64, excluded: u64 },
    #[error("{votes} votes counted (yes, no and abstain), but only {present} members are present")]
    VotesAbovePresent { votes: u64, present: u64 },
    #[error("the rule set {rules:?} counts against the members present: give \"present\"")]
    PresentMissing { rules: String },
    #[error("an election needs at least one seat")]
    NoSeats,
    #[error("{seats} seats, but only {candidates} candidates")]
    SeatsAboveCandidates { seats: u64, candidates: u64 },
    #[error("a candidate's name is empty")]
    EmptyName,
    #[error("the candidate {0:?} is listed twice")]
    DuplicateCandidate(String),
    #[error("ballot {ballot}: {name:?} is not a candidate")]
    UnknownCandidate { ballot: usize, name: String },
    #[error("ballot {ballot}: {name:?} is entered twice")]
    NameTwice { ballot: usize, name: String },
    #[error("ballot {ballot}: give either \"crossed\" (the names crossed out) or \"marks\" (agree/disagree), not both or neither")]
    BallotForm { ballot: usize },
    #[error("{ballots} ballots returned, but only {voters} members may vote")]
    BallotsAboveVoters { ballots: u64, voters: u64 },
    #[error("{ballots} ballots returned, but only {present} members are present")]
    BallotsAbovePresent { ballots: u64, present: u64 },
    #[error("no rule set is named {0:?}; the built-in ones are {names}", names = RuleSet::BUILT_IN.join(", "))]
    UnknownRules(String),
    #[error("rule set {name:?}: {en}")]
    BadRules { name: String, en: &'static str, vi: &'static str },
    #[error("\"{0}\" is needed to count this vote")]
    Missing(&'static str),
}

impl TallyError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            TallyError::Negative { .. } => "negative-count",
            TallyError::ExcludedAboveMembers { .. } => "excluded-above-members",
            TallyError::NoExclusions { .. } => "no-exclusions-in-rules",
            TallyError::PresentAboveVoters { .. } => "present-above-voters",
            TallyError::VotesAbovePresent { .. } => "votes-above-present",
            TallyError::PresentMissing { .. } => "present-missing",
            TallyError::NoSeats => "no-seats",
            TallyError::SeatsAboveCandidates { .. } => "seats-above-candidates",
            TallyError::EmptyName => "empty-name",
            TallyError::DuplicateCandidate(_) => "duplicate-candidate",
            TallyError::UnknownCandidate { .. } => "unknown-candidate",
            TallyError::NameTwice { .. } => "name-twice-on-ballot",
            TallyError::BallotForm { .. } => "ballot-form",
            TallyError::BallotsAboveVoters { .. } => "ballots-above-voters",
            TallyError::BallotsAbovePresent { .. } => "ballots-above-present",
            TallyError::UnknownRules(_) => "unknown-rules",
            TallyError::BadRules { .. } => "bad-rules",
            TallyError::Missing(_) => "missing-field",
        }
    }

    /// The refusal in English.
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The refusal in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            TallyError::Negative { field, value } => format!("{field}: số lượng không thể âm ({value})"),
            TallyError::ExcludedAboveMembers { members, excluded } => {
                format!("{excluded} ủy viên không tính, nhưng Ban Chấp hành chỉ có {members} ủy viên")
            }
            TallyError::NoExclusions { rules, excluded } => {
                format!("bộ quy tắc {rules:?} không loại trừ ai, nhưng có {excluded} ủy viên được ghi là không tính")
            }
            TallyError::PresentAboveVoters { present, voters, members, excluded } => format!(
                "{present} ủy viên có mặt, nhưng chỉ {voters} ủy viên được biểu quyết ({members} ủy viên, trừ {excluded} không tính)"
            ),
            TallyError::VotesAbovePresent { votes, present } => {
                format!("{votes} phiếu biểu quyết (tán thành, không tán thành, không biểu quyết), nhưng chỉ {present} ủy viên có mặt")
            }
            TallyError::PresentMissing { rules } => {
                format!("bộ quy tắc {rules:?} tính trên số ủy viên có mặt: cần cho biết \"present\"")
            }
            TallyError::NoSeats => "cuộc bầu cử cần ít nhất một chỗ".to_string(),
            TallyError::SeatsAboveCandidates { seats, candidates } => {
                format!("bầu {seats} người, nhưng chỉ có {candidates} ứng cử viên")
            }
            TallyError::EmptyName => "tên một ứng cử viên bị bỏ trống".to_string(),
            TallyError::DuplicateCandidate(name) => format!("ứng cử viên {name:?} có tên hai lần trong danh sách"),
            TallyError::UnknownCandidate { ballot, name } => {
                format!("phiếu {ballot}: {name:?} không có trong danh sách bầu cử")
            }
            TallyError::NameTwice { ballot, name } => format!("phiếu {ballot}: {name:?} được nhập hai lần"),
            TallyError::BallotForm { ballot } => format!(
                "phiếu {ballot}: cần ghi hoặc \"crossed\" (các tên bị gạch) hoặc \"marks\" (đồng ý/không đồng ý), không cả hai, không thiếu cả hai"
            ),
            TallyError::BallotsAboveVoters { ballots, voters } => {
                format!("thu vào {ballots} phiếu, nhưng chỉ {voters} ủy viên được bầu")
            }
            TallyError::BallotsAbovePresent { ballots, present } => {
                format!("thu vào {ballots} phiếu, nhưng chỉ {present} ủy viên có mặt")
            }
            TallyError::UnknownRules(name) => {
                format!("không có bộ quy tắc tên {name:?}; các bộ có sẵn: {}", RuleSet::BUILT_IN.join(", "))
            }
            TallyError::BadRules { name, vi, .. } => format!("bộ quy tắc {name:?}: {vi}"),
            TallyError::Missing(field) => format!("cần có \"{field}\" để kiểm phiếu này"),
        }
    }
}

/// `value` as a count, or the refusal naming `field`.
pub(crate) fn count(field: &'static str, value: i64) -> Result<u64, TallyError> {
    u64::try_from(value).map_err(|_| TallyError::Negative { field, value })
}

/// Members who may vote: all members less the excluded ones.
pub(crate) fn voters(rules: &RuleSet, members: i64, excluded: i64) -> Result<(u64, u64), TallyError> {
    let members = count("members", members)?;
    let excluded = count("excluded", excluded)?;
    if excluded > members {
        return Err(TallyError::ExcludedAboveMembers { members, excluded });
    }
    if excluded > 0 && rules.exclusions.is_empty() {
        return Err(TallyError::NoExclusions { rules: rules.name.clone(), excluded });
    }
    Ok((members, members - excluded))
}
