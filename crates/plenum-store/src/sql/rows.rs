//! Column lists and row shapes shared by both backends' SQL.

use crate::{Delegate, MeetingSession, Opinion, SpeakerEntry, Speech};

pub const DELEGATE_COLS: &str =
    "id, plenum_id, member_id, user_id, full_name, title, unit, kind, group_id, checkin_code, attendance, attendance_reason, attendance_at, version";
pub type DelegateRow = (
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
    String,
    String,
    Option<i64>,
    i64,
);

pub fn delegate(r: DelegateRow) -> Delegate {
    let (
        id,
        plenum_id,
        member_id,
        user_id,
        full_name,
        title,
        unit,
        kind,
        group_id,
        checkin_code,
        attendance,
        attendance_reason,
        attendance_at,
        version,
    ) = r;
    Delegate {
        id,
        plenum_id,
        member_id,
        user_id,
        full_name,
        title,
        unit,
        kind,
        group_id,
        checkin_code,
        attendance,
        attendance_reason,
        attendance_at,
        version,
    }
}

pub const SESSION_COLS: &str =
    "id, plenum_id, kind, group_id, title, current_item_id, status, speaking_seconds, version";
pub type SessionRow = (i64, i64, String, Option<i64>, String, Option<i64>, String, i64, i64);

pub fn session(r: SessionRow) -> MeetingSession {
    let (id, plenum_id, kind, group_id, title, current_item_id, status, speaking_seconds, version) = r;
    MeetingSession { id, plenum_id, kind, group_id, title, current_item_id, status, speaking_seconds, version }
}

pub const ENTRY_COLS: &str = "id, session_id, item_id, delegate_id, kind, position, status, allotted_seconds, requested_at, started_at, ended_at, version";
pub type EntryRow = (i64, i64, i64, i64, String, i64, String, i64, i64, Option<i64>, Option<i64>, i64);

pub fn entry(r: EntryRow) -> SpeakerEntry {
    let (
        id,
        session_id,
        item_id,
        delegate_id,
        kind,
        position,
        status,
        allotted_seconds,
        requested_at,
        started_at,
        ended_at,
        version,
    ) = r;
    SpeakerEntry {
        id,
        session_id,
        item_id,
        delegate_id,
        kind,
        position,
        status,
        allotted_seconds,
        requested_at,
        started_at,
        ended_at,
        version,
    }
}

pub const SPEECH_COLS: &str = "id, plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at";
pub type SpeechRow = (i64, i64, i64, i64, i64, Option<i64>, Option<i64>, i64);

pub fn speech(r: SpeechRow) -> Speech {
    let (id, plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at) = r;
    Speech { id, plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at }
}

pub const OPINION_COLS: &str =
    "id, plenum_id, speech_id, delegate_id, item_id, passage_anchor, stance, text, created_at, version";
pub type OpinionRow = (i64, i64, Option<i64>, i64, i64, Option<String>, String, String, i64, i64);

pub fn opinion(r: OpinionRow) -> Opinion {
    let (id, plenum_id, speech_id, delegate_id, item_id, passage_anchor, stance, text, created_at, version) = r;
    Opinion { id, plenum_id, speech_id, delegate_id, item_id, passage_anchor, stance, text, created_at, version }
}

/// The error for a change based on an outdated read.
pub fn stale() -> crate::StoreError {
    crate::StoreError::Conflict("stale")
}

/// A field error in one call.
pub fn field(name: &str, code: &'static str) -> crate::StoreError {
    let mut f = plenum_core::FieldErrors::default();
    f.push(name, code);
    crate::StoreError::Invalid(f)
}
