//! The tables, in dependency order, with their column types. The portable
//! backup walks this list, so a table added to a migration must be added here;
//! the conformance story checks the two agree.

/// A column's portable type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Int,
    OptInt,
    Text,
    OptText,
    Bool,
    /// Binary content, hex-encoded in the backup.
    Bytes,
}

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// Ordering for a stable dump.
    pub order_by: &'static str,
    /// The column filled from a sequence on PostgreSQL, reset after an import.
    pub serial: Option<&'static str>,
    pub columns: &'static [(&'static str, Col)],
}

use Col::*;

pub const TABLES: &[Table] = &[
    Table {
        name: "users",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("username", Text), ("display_name", Text), ("password_hash", Text), ("created_at", Int)],
    },
    Table {
        name: "organizations",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("parent_id", OptInt), ("name", Text), ("short_name", Text), ("level", Text)],
    },
    Table {
        name: "committees",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("org_id", Int), ("name", Text), ("term", Text), ("term_label", Text), ("starts_on", Text)],
    },
    Table {
        name: "members",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("committee_id", Int),
            ("full_name", Text),
            ("title", Text),
            ("unit", Text),
            ("standing", Bool),
            ("user_id", OptInt),
        ],
    },
    Table {
        name: "plenums",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("committee_id", Int),
            ("ordinal", Int),
            ("title", Text),
            ("starts_on", Text),
            ("ends_on", Text),
            ("place", Text),
        ],
    },
    Table {
        name: "role_grants",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("user_id", Int), ("role", Text), ("org_id", OptInt), ("plenum_id", OptInt)],
    },
    Table {
        name: "sessions",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("token_hash", Text),
            ("user_id", Int),
            ("kind", Text),
            ("csrf", Text),
            ("label", Text),
            ("created_at", Int),
            ("expires_at", OptInt),
        ],
    },
    Table {
        name: "agenda_items",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("plenum_id", Int), ("ordinal", Int), ("title", Text), ("kind", Text), ("presenter", Text)],
    },
    Table {
        name: "discussion_groups",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("plenum_id", Int), ("name", Text), ("leader_member_id", OptInt), ("secretary_member_id", OptInt)],
    },
    Table { name: "group_members", order_by: "group_id, member_id", serial: None, columns: &[("group_id", Int), ("member_id", Int)] },
    Table {
        name: "documents",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("item_id", Int), ("title", Text), ("kind", Text), ("created_at", Int)],
    },
    Table {
        name: "document_versions",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("document_id", Int),
            ("number", Int),
            ("filename", Text),
            ("media_type", Text),
            ("content", Bytes),
            ("note", Text),
            ("created_at", Int),
        ],
    },
    Table {
        name: "passages",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("version_id", Int), ("ordinal", Int), ("anchor", Text), ("label", Text), ("level", Int), ("text", Text)],
    },
    Table {
        name: "delegates",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("member_id", OptInt),
            ("user_id", OptInt),
            ("full_name", Text),
            ("title", Text),
            ("unit", Text),
            ("kind", Text),
            ("group_id", OptInt),
            ("checkin_code", Text),
            ("link_hash", OptText),
            ("attendance", Text),
            ("attendance_reason", Text),
            ("attendance_at", OptInt),
            ("version", Int),
        ],
    },
    Table {
        name: "meeting_sessions",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("kind", Text),
            ("group_id", OptInt),
            ("title", Text),
            ("current_item_id", OptInt),
            ("status", Text),
            ("speaking_seconds", Int),
            ("version", Int),
        ],
    },
    Table {
        name: "speaker_entries",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("session_id", Int),
            ("item_id", Int),
            ("delegate_id", Int),
            ("kind", Text),
            ("position", Int),
            ("status", Text),
            ("allotted_seconds", Int),
            ("requested_at", Int),
            ("started_at", OptInt),
            ("ended_at", OptInt),
            ("version", Int),
        ],
    },
    Table {
        name: "speeches",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("session_id", Int),
            ("delegate_id", Int),
            ("item_id", Int),
            ("speaker_entry_id", OptInt),
            ("seconds", OptInt),
            ("created_at", Int),
        ],
    },
    Table {
        name: "opinions",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("speech_id", OptInt),
            ("delegate_id", Int),
            ("item_id", Int),
            ("passage_anchor", OptText),
            ("stance", Text),
            ("text", Text),
            ("created_at", Int),
            ("version", Int),
        ],
    },
    Table {
        name: "audit_log",
        order_by: "seq",
        serial: None,
        columns: &[
            ("seq", Int),
            ("at", Int),
            ("actor", OptText),
            ("action", Text),
            ("payload", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
    },
    Table { name: "audit_head", order_by: "id", serial: None, columns: &[("id", Int), ("seq", Int), ("hash", Text)] },
];
