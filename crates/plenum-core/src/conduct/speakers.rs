//! The speaker list: its order, who speaks next, and the speaking clock.

/// An entry's place and state, as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub id: i64,
    pub position: i64,
    pub waiting: bool,
    /// Asked for the floor (rather than announcing a written opinion).
    pub speaks: bool,
}

/// The next speaker: the waiting request for the floor with the lowest position.
pub fn next_speaker(slots: &[Slot]) -> Option<i64> {
    slots.iter().filter(|s| s.waiting && s.speaks).min_by_key(|s| (s.position, s.id)).map(|s| s.id)
}

/// Move `id` to index `to` among the waiting entries (0 = first) and return
/// the new positions of every waiting entry, numbered 1, 2, 3… Entries already
/// spoken keep theirs. `None` if `id` is not waiting.
pub fn reorder(slots: &[Slot], id: i64, to: usize) -> Option<Vec<(i64, i64)>> {
    let mut waiting: Vec<&Slot> = slots.iter().filter(|s| s.waiting).collect();
    waiting.sort_by_key(|s| (s.position, s.id));
    let from = waiting.iter().position(|s| s.id == id)?;
    let moved = waiting.remove(from);
    waiting.insert(to.min(waiting.len()), moved);
    Some(waiting.iter().enumerate().map(|(i, s)| (s.id, i as i64 + 1)).collect())
}

/// Seconds left on the clock (negative once over time).
pub fn remaining_seconds(allotted: i64, started_at_micros: i64, now_micros: i64) -> i64 {
    allotted - (now_micros - started_at_micros).max(0) / 1_000_000
}

/// Seconds actually spoken, rounded to the nearest second.
pub fn spoken_seconds(started_at_micros: i64, ended_at_micros: i64) -> i64 {
    ((ended_at_micros - started_at_micros).max(0) + 500_000) / 1_000_000
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slot(id: i64, position: i64, waiting: bool, speaks: bool) -> Slot {
        Slot { id, position, waiting, speaks }
    }

    #[test]
    fn next_is_the_first_waiting_request_to_speak() {
        let s = [slot(1, 1, false, true), slot(2, 2, true, false), slot(3, 3, true, true), slot(4, 4, true, true)];
        assert_eq!(next_speaker(&s), Some(3), "done entries and written opinions are passed over");
        assert_eq!(next_speaker(&[]), None);
    }

    #[test]
    fn moving_the_last_to_the_front() {
        let s = [slot(10, 1, true, true), slot(11, 2, true, true), slot(12, 3, true, true)];
        assert_eq!(reorder(&s, 12, 0), Some(vec![(12, 1), (10, 2), (11, 3)]));
        assert_eq!(reorder(&s, 99, 0), None);
    }

    #[test]
    fn the_clock() {
        assert_eq!(remaining_seconds(300, 0, 60_000_000), 240);
        assert_eq!(remaining_seconds(300, 0, 301_000_000), -1, "over time goes negative");
        assert_eq!(spoken_seconds(0, 125_600_000), 126);
    }

    proptest! {
        #[test]
        fn reordering_keeps_every_waiting_entry_once(n in 1usize..20, pick in 0usize..20, to in 0usize..25) {
            let slots: Vec<Slot> = (0..n as i64).map(|i| slot(i + 1, (i * 7) % 11, i % 3 != 0, true)).collect();
            let waiting: Vec<i64> = slots.iter().filter(|s| s.waiting).map(|s| s.id).collect();
            prop_assume!(!waiting.is_empty());
            let id = waiting[pick % waiting.len()];
            let out = reorder(&slots, id, to).unwrap();
            let mut ids: Vec<i64> = out.iter().map(|p| p.0).collect();
            ids.sort_unstable();
            let mut expected = waiting.clone();
            expected.sort_unstable();
            prop_assert_eq!(ids, expected);
            let positions: Vec<i64> = out.iter().map(|p| p.1).collect();
            prop_assert_eq!(positions, (1..=out.len() as i64).collect::<Vec<_>>());
            prop_assert_eq!(out[to.min(out.len() - 1)].0, id);
        }
    }
}
