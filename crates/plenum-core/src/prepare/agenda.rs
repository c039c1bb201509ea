//! Agenda items (nội dung) put before a plenum.

use serde::{Deserialize, Serialize};

/// The kind of an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Report,
    Draft,
    Plan,
    Programme,
    Personnel,
    Other,
}

impl ItemKind {
    pub const ALL: [ItemKind; 6] =
        [ItemKind::Report, ItemKind::Draft, ItemKind::Plan, ItemKind::Programme, ItemKind::Personnel, ItemKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Report => "report",
            ItemKind::Draft => "draft",
            ItemKind::Plan => "plan",
            ItemKind::Programme => "programme",
            ItemKind::Personnel => "personnel",
            ItemKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

crate::stored_code!(ItemKind, "agenda item kind");
