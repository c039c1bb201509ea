//! The tables, in dependency order, with their column types. The portable
//! backup walks this list, so a column added in a migration must be added
//! here. [`differences`] compares the list with the live database's own
//! description of its tables, column by column, and the conformance story
//! requires none on every backend; a backup is checked the same way
//! ([`crate::backup::Backup::check_against`]) before it is written or restored.

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

impl Col {
    /// Whether the column holds NULL (the `Opt` types).
    pub fn nullable(self) -> bool {
        matches!(self, Col::OptInt | Col::OptText)
    }
}

/// A column as the live database describes it (SQLite's `pragma_table_info`,
/// PostgreSQL's `information_schema.columns`), in the table's column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveColumn {
    pub name: String,
    pub nullable: bool,
}

/// A table of the live database with its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveTable {
    pub name: String,
    pub columns: Vec<LiveColumn>,
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
        columns: &[
            ("id", Int),
            ("username", Text),
            ("display_name", Text),
            ("password_hash", Text),
            ("created_at", Int),
            ("disabled_at", OptInt),
        ],
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
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("name", Text),
            ("term", Text),
            ("term_label", Text),
            ("starts_on", Text),
        ],
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
        name: "bodies",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("org_id", Int), ("name", Text), ("created_at", Int)],
    },
    Table {
        name: "body_officers",
        order_by: "body_id, user_id",
        serial: None,
        columns: &[("body_id", Int), ("user_id", Int)],
    },
    Table {
        name: "programme_slots",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("day", Text),
            ("part", Text),
            ("starts_at", Text),
            ("venue", Text),
            ("version", Int),
        ],
    },
    Table {
        name: "agenda_items",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("ordinal", Int),
            ("title", Text),
            ("kind", Text),
            ("presenter", Text),
            ("version", Int),
            ("slot_id", OptInt),
            ("body_id", OptInt),
        ],
    },
    Table {
        name: "discussion_groups",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("name", Text),
            ("leader_member_id", OptInt),
            ("secretary_member_id", OptInt),
        ],
    },
    Table {
        name: "group_members",
        order_by: "group_id, member_id",
        serial: None,
        columns: &[("group_id", Int), ("member_id", Int)],
    },
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
        columns: &[
            ("id", Int),
            ("version_id", Int),
            ("ordinal", Int),
            ("anchor", Text),
            ("label", Text),
            ("level", Int),
            ("text", Text),
            // The text folded for search (plenum_core::text::fold).
            ("folded", OptText),
        ],
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
        name: "sitting_attendance",
        order_by: "delegate_id, sitting",
        serial: None,
        columns: &[
            ("delegate_id", Int),
            ("sitting", Int),
            ("attendance", Text),
            ("attendance_reason", Text),
            ("attendance_at", OptInt),
        ],
    },
    Table {
        name: "current_sittings",
        order_by: "plenum_id",
        serial: None,
        columns: &[("plenum_id", Int), ("sitting", Int)],
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
            ("folded", OptText),
        ],
    },
    Table {
        name: "opinion_groups",
        order_by: "id",
        serial: Some("id"),
        columns: &[("id", Int), ("plenum_id", Int), ("item_id", Int), ("title", Text), ("created_at", Int)],
    },
    Table {
        name: "opinion_groupings",
        order_by: "opinion_id",
        serial: None,
        columns: &[("opinion_id", Int), ("group_id", Int)],
    },
    Table {
        name: "dispositions",
        order_by: "opinion_id",
        serial: None,
        columns: &[
            ("opinion_id", Int),
            ("plenum_id", Int),
            ("kind", Text),
            ("reply", Text),
            ("document_id", OptInt),
            ("change_anchor", OptText),
            ("status", Text),
            ("review_note", Text),
            ("drafted_by", OptInt),
            ("updated_at", Int),
            ("version", Int),
        ],
    },
    Table {
        name: "issued_documents",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("committee_id", Int),
            ("kind", Text),
            ("number", Int),
            ("issued_on", Text),
            ("title", Text),
            ("body", Text),
            ("signer_for", Text),
            ("signer_title", Text),
            ("signer_name", Text),
            ("recipients", Text),
            ("version", Int),
        ],
    },
    Table {
        name: "screen_links",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("label", Text),
            ("secret_hash", Text),
            ("created_at", Int),
            ("revoked_at", OptInt),
        ],
    },
    // A secret poll's rows: the roll apart from the ballots, and the
    // ballots by their random id, so a backup keeps no casting order.
    Table {
        name: "polls",
        order_by: "id",
        serial: Some("id"),
        columns: &[
            ("id", Int),
            ("plenum_id", Int),
            ("uid", Text),
            ("item_id", OptInt),
            ("title", Text),
            ("kind", Text),
            ("method", Text),
            ("rules", Text),
            ("seats", OptInt),
            ("candidates", Text),
            ("runoff", Int),
            ("show_live", Int),
            ("deadline", OptInt),
            ("counting_committee", Text),
            ("state", Text),
            ("members", OptInt),
            ("excluded", OptInt),
            ("present", OptInt),
            ("issued", OptInt),
            ("hands", OptText),
            ("opened_at", OptInt),
            ("closed_at", OptInt),
            ("result", OptText),
            ("published", OptText),
            ("created_at", Int),
            ("version", Int),
        ],
    },
    Table {
        name: "open_votes",
        order_by: "poll_id, delegate_id",
        serial: None,
        columns: &[("poll_id", Int), ("delegate_id", Int), ("choice", Text)],
    },
    Table {
        name: "poll_roll",
        order_by: "poll_id, delegate_id",
        serial: None,
        columns: &[("poll_id", Int), ("delegate_id", Int)],
    },
    Table {
        name: "ballots",
        order_by: "poll_id, id",
        serial: None,
        columns: &[("poll_id", Int), ("id", Text), ("content", Text), ("leaf", Text)],
    },
    Table {
        name: "tallied_ballots",
        order_by: "poll_id, id",
        serial: None,
        columns: &[("poll_id", Int), ("id", Text), ("content", Text)],
    },
    Table {
        name: "poll_leaves",
        order_by: "poll_id, leaf",
        serial: None,
        columns: &[("poll_id", Int), ("leaf", Text)],
    },
    Table {
        name: "paper_entries",
        order_by: "poll_id, counter, sheet",
        serial: None,
        columns: &[("poll_id", Int), ("counter", Int), ("sheet", Int), ("content", Text), ("entered_by", Int)],
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

/// Group (table, column, nullable) rows, ordered by table, into tables.
pub fn live_tables(rows: impl IntoIterator<Item = (String, String, bool)>) -> Vec<LiveTable> {
    let mut out: Vec<LiveTable> = Vec::new();
    for (table, name, nullable) in rows {
        if out.last().is_none_or(|t| t.name != table) {
            out.push(LiveTable { name: table, columns: Vec::new() });
        }
        out.last_mut().expect("pushed above").columns.push(LiveColumn { name, nullable });
    }
    out
}

/// Every way [`TABLES`] and the live database disagree, one line each: a
/// table or column on one side only, or a column NULL may fill on one side
/// only. Empty when the list is the truth.
pub fn differences(live: &[LiveTable]) -> Vec<String> {
    let mut out = Vec::new();
    for l in live {
        if !TABLES.iter().any(|t| t.name == l.name) {
            out.push(format!("table {} is in the database but not in schema::TABLES", l.name));
        }
    }
    for t in TABLES {
        let Some(l) = live.iter().find(|l| l.name == t.name) else {
            out.push(format!("table {} is in schema::TABLES but not in the database", t.name));
            continue;
        };
        for c in &l.columns {
            match t.columns.iter().find(|(name, _)| *name == c.name) {
                None => out
                    .push(format!("table {}: column {} is in the database but not in schema::TABLES", t.name, c.name)),
                Some((_, ty)) if ty.nullable() != c.nullable => out.push(format!(
                    "table {}: column {} is {} in the database but {} in schema::TABLES",
                    t.name,
                    c.name,
                    if c.nullable { "nullable" } else { "NOT NULL" },
                    if ty.nullable() { "nullable" } else { "NOT NULL" },
                )),
                Some(_) => {}
            }
        }
        for (name, _) in t.columns {
            if !l.columns.iter().any(|c| c.name == *name) {
                out.push(format!("table {}: column {name} is in schema::TABLES but not in the database", t.name));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live_as_listed() -> Vec<LiveTable> {
        TABLES
            .iter()
            .map(|t| LiveTable {
                name: t.name.to_string(),
                columns: t
                    .columns
                    .iter()
                    .map(|(name, ty)| LiveColumn { name: name.to_string(), nullable: ty.nullable() })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn the_list_agrees_with_itself() {
        assert_eq!(differences(&live_as_listed()), Vec::<String>::new());
    }

    #[test]
    fn a_column_on_one_side_only_is_named() {
        let mut live = live_as_listed();
        let plenums = live.iter_mut().find(|t| t.name == "plenums").unwrap();
        plenums.columns.push(LiveColumn { name: "summary".into(), nullable: false });
        plenums.columns.retain(|c| c.name != "place");
        assert_eq!(
            differences(&live),
            [
                "table plenums: column summary is in the database but not in schema::TABLES",
                "table plenums: column place is in schema::TABLES but not in the database",
            ]
        );
    }

    #[test]
    fn nullability_and_tables_are_compared_too() {
        let mut live = live_as_listed();
        live.retain(|t| t.name != "audit_head");
        live.push(LiveTable { name: "unlisted".into(), columns: vec![] });
        let members = live.iter_mut().find(|t| t.name == "members").unwrap();
        members.columns.iter_mut().find(|c| c.name == "user_id").unwrap().nullable = false;
        assert_eq!(
            differences(&live),
            [
                "table unlisted is in the database but not in schema::TABLES",
                "table members: column user_id is NOT NULL in the database but nullable in schema::TABLES",
                "table audit_head is in schema::TABLES but not in the database",
            ]
        );
    }
}
