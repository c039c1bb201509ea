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
