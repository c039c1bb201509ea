//! The records the store hands out.

use plenum_core::access::{GrantScope, SignInKind};
use plenum_core::conduct::attendance::Attendance;
use plenum_core::conduct::speakers::{EntryKind, EntryStatus, SessionKind, SessionStatus};
use plenum_core::prepare::agenda::ItemKind;
use plenum_core::prepare::programme::{DayPart, Venue};
use plenum_core::prepare::roster::DelegateKind;
use serde::{Deserialize, Serialize};

/// Who is making a change; recorded in the history.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn user(id: i64, username: &str) -> Actor {
        Actor { user_id: Some(id), name: username.to_string() }
    }
    /// Changes made from the command line or by the demo loader.
    pub fn system(what: &str) -> Actor {
        Actor { user_id: None, name: format!("system:{what}") }
    }
}

/// A person who can log in (tài khoản).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub created_at: i64,
    /// When the account was disabled (microseconds since the Unix epoch); a
    /// disabled account signs in no more and its tokens are refused.
    #[serde(default)]
    pub disabled_at: Option<i64>,
}

/// A login session (cookie) or an API token.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Session {
    pub id: i64,
    pub user_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: SignInKind,
    pub csrf: String,
    pub expires_at: Option<i64>,
}

/// A Party organization (Đảng bộ / tổ chức đảng).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Organization {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub short_name: String,
    pub level: String,
}

/// An executive committee elected for a term (Ban Chấp hành, khóa).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Committee {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub term: String,
    pub term_label: String,
    pub starts_on: String,
}

/// A member of a committee (ủy viên Ban Chấp hành); `standing` marks the
/// standing committee (Ban Thường vụ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Member {
    pub id: i64,
    pub committee_id: i64,
    pub full_name: String,
    pub title: String,
    pub unit: String,
    pub standing: bool,
    pub user_id: Option<i64>,
}

/// One meeting of a committee (Hội nghị lần thứ N).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Plenum {
    pub id: i64,
    pub committee_id: i64,
    pub org_id: i64,
    pub ordinal: i64,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
}

/// One item put before the plenum (nội dung).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct AgendaItem {
    pub id: i64,
    pub plenum_id: i64,
    pub ordinal: i64,
    pub title: String,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: ItemKind,
    pub presenter: String,
    /// Raised by every change to the item; an edit names the version it was based on.
    /// Entries recorded before items had versions read as version 1.
    #[serde(default = "first_version")]
    pub version: i64,
    /// The half-day of the programme the item is taken up in, if placed.
    #[serde(default)]
    pub slot_id: Option<i64>,
    /// The body that presents it and answers its opinions: the one the presenter names.
    #[serde(default)]
    pub body_id: Option<i64>,
}

fn first_version() -> i64 {
    1
}

/// A half-day of the programme (buổi làm việc): its day, morning or
/// afternoon, start time, and whether it sits in the hall or in groups.
/// The roll call of a sitting names the same (day, part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct ProgrammeSlot {
    pub id: i64,
    pub plenum_id: i64,
    /// YYYY-MM-DD.
    pub day: String,
    /// morning or afternoon.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub part: DayPart,
    /// HH:MM.
    pub starts_at: String,
    /// hall or groups.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub venue: Venue,
    pub version: i64,
}

/// A discussion group (tổ thảo luận) with its leader and secretary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct DiscussionGroup {
    pub id: i64,
    pub plenum_id: i64,
    pub name: String,
    pub leader_member_id: Option<i64>,
    pub secretary_member_id: Option<i64>,
    #[sqlx(skip)]
    pub member_ids: Vec<i64>,
}

/// A committed change in the history's plain form (action, scope, stored payload):
/// what `commit_change` returns and what the conformance stories read; live
/// subscribers get the decoded [`crate::change::Committed`] instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Event {
    pub seq: i64,
    pub action: String,
    pub org_id: Option<i64>,
    pub plenum_id: Option<i64>,
    pub payload: serde_json::Value,
}

/// Where a change happened, for the history and for event filtering.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    pub org_id: Option<i64>,
    pub plenum_id: Option<i64>,
}

impl From<GrantScope> for Scope {
    fn from(s: GrantScope) -> Self {
        Scope { org_id: s.org, plenum_id: s.plenum }
    }
}

/// A person summoned to a plenum (đại biểu): a voting member or an invited guest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Delegate {
    pub id: i64,
    pub plenum_id: i64,
    pub member_id: Option<i64>,
    pub user_id: Option<i64>,
    pub full_name: String,
    pub title: String,
    pub unit: String,
    /// A member (votes) or a guest.
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: DelegateKind,
    pub group_id: Option<i64>,
    /// Never serialized, so never in the history: a change decodes without it.
    #[serde(skip_serializing, default)]
    pub checkin_code: String,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub attendance: Attendance,
    pub attendance_reason: String,
    pub attendance_at: Option<i64>,
    pub version: i64,
}

/// One delegate's roll entry at one sitting (buổi) of the plenum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct SittingAttendance {
    pub delegate_id: i64,
    pub sitting: i64,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub attendance: Attendance,
    pub attendance_reason: String,
    pub attendance_at: Option<i64>,
}

/// A sitting of the plenary hall or of one discussion group (phiên họp).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct MeetingSession {
    pub id: i64,
    pub plenum_id: i64,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: SessionKind,
    pub group_id: Option<i64>,
    pub title: String,
    pub current_item_id: Option<i64>,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub status: SessionStatus,
    /// The default speaking time.
    pub speaking_seconds: i64,
    /// Bumped by every change to the session or its speaker list (optimistic concurrency).
    pub version: i64,
}

/// One entry of a speaker list (đăng ký phát biểu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct SpeakerEntry {
    pub id: i64,
    pub session_id: i64,
    pub item_id: i64,
    pub delegate_id: i64,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: EntryKind,
    pub position: i64,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub status: EntryStatus,
    pub allotted_seconds: i64,
    pub requested_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub version: i64,
}

/// One person speaking once (lượt phát biểu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Speech {
    pub id: i64,
    pub plenum_id: i64,
    pub session_id: i64,
    pub delegate_id: i64,
    pub item_id: i64,
    pub speaker_entry_id: Option<i64>,
    /// Actual speaking time, when timed.
    pub seconds: Option<i64>,
    pub created_at: i64,
}

/// One point made (ý kiến), in a speech or in writing (`speech_id` empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Opinion {
    pub id: i64,
    pub plenum_id: i64,
    pub speech_id: Option<i64>,
    pub delegate_id: i64,
    pub item_id: i64,
    pub passage_anchor: Option<String>,
    /// agree, disagree, propose_change or other.
    #[schema(value_type = String)]
    pub stance: plenum_core::conduct::record::Stance,
    pub text: String,
    pub created_at: i64,
    pub version: i64,
}

/// A link that opens one plenum's hall screen (projector page) without
/// signing in, read-only, until the office revokes it. Its secret is shown
/// once when it is made; only its hash is stored, and never handed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct ScreenLink {
    pub id: i64,
    pub plenum_id: i64,
    /// Where the screen is, as the office names it ("Hội trường tầng 2").
    pub label: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}
