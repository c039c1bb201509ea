//! Attendance (điểm danh) of the delegates summoned to a plenum.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Summoned, not yet checked in.
    Expected,
    Present,
    /// Absent, with a reason (vắng mặt có lý do).
    Absent,
    /// Arrived after the opening (đến muộn).
    Late,
    /// Left before the end (về sớm).
    Left,
}

impl Attendance {
    pub const ALL: [Attendance; 5] =
        [Attendance::Expected, Attendance::Present, Attendance::Absent, Attendance::Late, Attendance::Left];

    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Expected => "expected",
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Late => "late",
            Attendance::Left => "left",
        }
    }

    pub fn parse(s: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.as_str() == s.trim())
    }

    /// In the room now: checked in, on time or late, and not gone.
    pub fn in_room(self) -> bool {
        matches!(self, Attendance::Present | Attendance::Late)
    }
}

crate::stored_code!(Attendance, "attendance");

/// Members in the room, out of a list of (is_member, attendance).
pub fn members_present(delegates: impl IntoIterator<Item = (bool, Attendance)>) -> (u32, u32) {
    delegates
        .into_iter()
        .filter(|(member, _)| *member)
        .fold((0, 0), |(present, all), (_, a)| (present + a.in_room() as u32, all + 1))
}

/// The roll call's figures (điểm danh): members and guests by attendance.
/// Only members count towards the quorum; guests are shown apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub members: u32,
    /// Members in the room: present or late.
    pub members_in_room: u32,
    pub members_late: u32,
    pub members_absent: u32,
    pub members_left: u32,
    /// Members not yet checked in.
    pub members_expected: u32,
    pub guests: u32,
    pub guests_in_room: u32,
}

/// Count a list of (is_member, attendance).
pub fn tally(delegates: impl IntoIterator<Item = (bool, Attendance)>) -> Tally {
    let mut t = Tally::default();
    for (member, a) in delegates {
        if !member {
            t.guests += 1;
            t.guests_in_room += a.in_room() as u32;
            continue;
        }
        t.members += 1;
        match a {
            Attendance::Present => t.members_in_room += 1,
            Attendance::Late => {
                t.members_in_room += 1;
                t.members_late += 1;
            }
            Attendance::Absent => t.members_absent += 1,
            Attendance::Left => t.members_left += 1,
            Attendance::Expected => t.members_expected += 1,
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every member is counted exactly once, and the room agrees with `members_present`.
        #[test]
        fn tally_accounts_for_everyone(ds in proptest::collection::vec((any::<bool>(), proptest::sample::select(Attendance::ALL.to_vec())), 0..200)) {
            let t = tally(ds.clone());
            prop_assert_eq!(t.members + t.guests, ds.len() as u32);
            prop_assert_eq!(t.members_in_room - t.members_late + t.members_late + t.members_absent + t.members_left + t.members_expected, t.members);
            prop_assert!(t.members_late <= t.members_in_room);
            prop_assert_eq!((t.members_in_room, t.members), members_present(ds));
        }
    }

    #[test]
    fn late_counts_as_in_the_room_and_left_does_not() {
        let ds = [
            (true, Attendance::Present),
            (true, Attendance::Late),
            (true, Attendance::Left),
            (true, Attendance::Absent),
            (false, Attendance::Present),
        ];
        assert_eq!(members_present(ds), (2, 4), "guests are not members");
    }
}
