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

/// What the record already holds of an item. An item that anything of the
/// plenum's record points to is never removed: the opinions, documents and
/// speeches filed under it would lose the item they were about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemUse {
    pub opinions: u32,
    pub documents: u32,
    pub speeches: u32,
    /// Requests to speak on the item, in any session's speaker list.
    pub speaker_entries: u32,
    /// Sessions whose current item it is.
    pub sessions: u32,
}

impl ItemUse {
    /// Nothing of the record points to the item.
    pub fn is_free(&self) -> bool {
        *self == ItemUse::default()
    }
}

/// Whether an item may be removed: refused, with what holds it, while anything points to it.
pub fn may_remove(uses: ItemUse) -> Result<(), ItemUse> {
    if uses.is_free() {
        Ok(())
    } else {
        Err(uses)
    }
}

/// The new ordinals when the item `id` moves to position `to` (0 = first) of
/// an agenda given as (id, ordinal) in agenda order. The items keep the
/// numbers the agenda already uses, handed out again in the new order, so a
/// move never collides with another item's number. Only the items whose
/// ordinal changes are returned; `None` if `id` is not on the agenda.
pub fn reorder(agenda: &[(i64, i64)], id: i64, to: usize) -> Option<Vec<(i64, i64)>> {
    let from = agenda.iter().position(|(i, _)| *i == id)?;
    let mut ids: Vec<i64> = agenda.iter().map(|(i, _)| *i).collect();
    let moved = ids.remove(from);
    ids.insert(to.min(ids.len()), moved);
    Some(
        ids.into_iter()
            .zip(agenda.iter().map(|(_, o)| *o))
            .filter(|(i, o)| agenda.iter().any(|(j, p)| j == i && p != o))
            .collect(),
    )
}

/// The new ordinals once the item numbered `removed` is gone: the items after
/// it move up by one, so the agenda reads "Nội dung 1, 2, 3" without a hole.
/// In ascending order, so each new number is free when it is taken.
pub fn close_gap(agenda: &[(i64, i64)], removed: i64) -> Vec<(i64, i64)> {
    let mut after: Vec<(i64, i64)> = agenda.iter().filter(|(_, o)| *o > removed).map(|(i, o)| (*i, *o - 1)).collect();
    after.sort_by_key(|(_, o)| *o);
    after
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_item_anything_points_to_stays() {
        assert_eq!(may_remove(ItemUse::default()), Ok(()));
        let held = ItemUse { opinions: 2, ..ItemUse::default() };
        assert_eq!(may_remove(held), Err(held));
        let current = ItemUse { sessions: 1, ..ItemUse::default() };
        assert_eq!(may_remove(current), Err(current));
    }

    #[test]
    fn moving_up_swaps_with_the_one_before() {
        let agenda = [(10, 1), (11, 2), (12, 3)];
        assert_eq!(reorder(&agenda, 12, 1), Some(vec![(12, 2), (11, 3)]));
        assert_eq!(reorder(&agenda, 10, 0), Some(vec![]));
        assert_eq!(reorder(&agenda, 10, 99), Some(vec![(11, 1), (12, 2), (10, 3)]));
        assert_eq!(reorder(&agenda, 99, 0), None);
    }

    #[test]
    fn removing_closes_the_gap() {
        let agenda = [(10, 1), (11, 2), (12, 3), (13, 5)];
        assert_eq!(close_gap(&agenda, 2), vec![(12, 2), (13, 4)]);
        assert_eq!(close_gap(&agenda, 5), vec![]);
    }

    /// An agenda of distinct ids with strictly increasing ordinals.
    fn agenda() -> impl Strategy<Value = Vec<(i64, i64)>> {
        proptest::collection::btree_set(1i64..999, 1..12)
            .prop_map(|ordinals| ordinals.into_iter().enumerate().map(|(n, o)| (n as i64 + 100, o)).collect())
    }

    proptest! {
        #[test]
        fn a_move_keeps_the_numbers_and_the_others_order(agenda in agenda(), pick in 0usize..12, to in 0usize..14) {
            let id = agenda[pick % agenda.len()].0;
            let changes = reorder(&agenda, id, to).unwrap();
            let mut after = agenda.clone();
            for (i, o) in &changes {
                after.iter_mut().find(|(j, _)| j == i).unwrap().1 = *o;
            }
            // The same numbers, each used once.
            let mut before_o: Vec<i64> = agenda.iter().map(|(_, o)| *o).collect();
            let mut after_o: Vec<i64> = after.iter().map(|(_, o)| *o).collect();
            before_o.sort();
            after_o.sort();
            prop_assert_eq!(before_o, after_o);
            after.sort_by_key(|(_, o)| *o);
            let order: Vec<i64> = after.iter().map(|(i, _)| *i).collect();
            prop_assert_eq!(order.iter().position(|i| *i == id).unwrap(), to.min(agenda.len() - 1));
            let others: Vec<i64> = order.iter().copied().filter(|i| *i != id).collect();
            let before_others: Vec<i64> = agenda.iter().map(|(i, _)| *i).filter(|i| *i != id).collect();
            prop_assert_eq!(others, before_others);
        }

        #[test]
        fn closing_the_gap_never_collides(agenda in agenda(), pick in 0usize..12) {
            let (gone, removed) = agenda[pick % agenda.len()];
            let mut taken: std::collections::BTreeSet<i64> =
                agenda.iter().filter(|(i, _)| *i != gone).map(|(_, o)| *o).collect();
            for (i, o) in close_gap(&agenda, removed) {
                let old = agenda.iter().find(|(j, _)| *j == i).unwrap().1;
                taken.remove(&old);
                prop_assert!(taken.insert(o), "{} taken twice", o);
            }
        }
    }
}
