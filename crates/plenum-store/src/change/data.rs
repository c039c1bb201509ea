//! What a change carries when its history entry is not a whole row: the
//! payloads the store writes by hand, given names and types so that a
//! misspelled or missing field makes the entry undecodable instead of silent.

use plenum_core::access::{Role, SignInKind};
use serde::{Deserialize, Serialize};

use crate::documents::DocumentVersion;
use crate::{AgendaItem, SpeakerEntry, Speech};

/// An account was created; the password hash never enters the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountCreated {
    pub id: i64,
    pub username: String,
    pub display_name: String,
}

/// A role was granted to an account, on the entry's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGranted {
    pub user_id: i64,
    pub role: Role,
}

/// A login session or an API token was started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginStarted {
    pub session_id: i64,
    pub user_id: i64,
    pub kind: SignInKind,
    pub label: String,
}

/// A login session or token was deleted: its holder signed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginEnded {
    pub session_id: i64,
    pub user_id: i64,
}

/// An account was disabled; its sessions and tokens (this many) were ended with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDisabled {
    pub user_id: i64,
    pub sessions_ended: i64,
}

/// An account's holder signed out everywhere: every session and token (this many) ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedOutEverywhere {
    pub user_id: i64,
    pub sessions_ended: i64,
}

/// A committee member was tied to the account they sign in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLinked {
    pub member_id: i64,
    pub user_id: i64,
}

/// A delegate was tied to an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegateLinked {
    pub delegate_id: i64,
    pub user_id: i64,
}

/// A delegate's attendance was recorded (điểm danh), with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceChange {
    pub delegate_id: i64,
    pub attendance: plenum_core::conduct::attendance::Attendance,
    pub reason: String,
    pub version: i64,
    /// The sitting (buổi) it was recorded at; entries from before sittings were the first's.
    #[serde(default = "first_sitting")]
    pub sitting: i64,
}

fn first_sitting() -> i64 {
    1
}

/// The roll moved to another sitting of the plenum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SittingOpened {
    pub plenum_id: i64,
    pub sitting: i64,
}

/// Delegates added at once from a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegatesImported {
    pub count: i64,
    pub ids: Vec<i64>,
}

/// A delegate's one-time sign-in link was issued (or withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkIssued {
    pub delegate_id: i64,
    pub issued: bool,
}

/// A delegate's one-time sign-in link was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkUsed {
    pub delegate_id: i64,
}

/// A speaker-list entry changed (requested, started, its time changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryChange {
    pub entry: SpeakerEntry,
    pub session_version: i64,
}

/// The waiting entries of a session were put in a new order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakersReordered {
    pub session_id: i64,
    pub order: Vec<i64>,
    pub session_version: i64,
}

/// A speaker was stopped and their speech recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerStopped {
    pub entry_id: i64,
    pub speech: Speech,
    pub session_version: i64,
}

/// A waiting entry was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerWithdrawn {
    pub entry_id: i64,
    pub session_version: i64,
}

/// A document was created with its first version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCreated {
    pub document: crate::documents::Document,
    pub version: DocumentVersion,
}

/// A document got its next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionAdded {
    pub document_id: i64,
    pub item_id: i64,
    pub version: DocumentVersion,
}

/// An agenda item was edited: the item before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemChanged {
    pub before: AgendaItem,
    pub item: AgendaItem,
}

/// An agenda item moved: the items whose number changed, as they are now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaReordered {
    pub plenum_id: i64,
    pub item_id: i64,
    pub items: Vec<AgendaItem>,
}

/// An agenda item was removed; the items after it moved up, as they are now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemRemoved {
    pub item: AgendaItem,
    pub renumbered: Vec<AgendaItem>,
}

/// A hall screen's link was created or revoked. Its secret's hash is never recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenLinkChange {
    pub link_id: i64,
    pub label: String,
}

/// An account became an officer of a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyOfficer {
    pub body_id: i64,
    pub body: String,
    pub user_id: i64,
}

/// A group as set: its title and how many opinions it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSize {
    pub title: String,
    pub opinions: i64,
}

/// An item's groups of similar opinions were set (accepted, split, merged or renamed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionGroupsSet {
    pub item_id: i64,
    pub groups: Vec<GroupSize>,
}

/// One member's named vote in an open poll, as the history records it at close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedVote {
    pub delegate_id: i64,
    pub choice: plenum_core::decide::poll::Choice,
}

/// A poll closed. The roll of a secret poll lists who voted, as a whole,
/// never how; `votes` are an open poll's named votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollClosed {
    pub poll_id: i64,
    pub plenum_id: i64,
    pub roll: Vec<i64>,
    pub votes: Vec<NamedVote>,
    /// Ballots in the tally (secret and paper polls).
    pub ballots: i64,
}

/// One paper ballot as one counter entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperBallotEntered {
    pub poll_id: i64,
    pub plenum_id: i64,
    pub counter: i64,
    pub sheet: i64,
    pub content: String,
}
