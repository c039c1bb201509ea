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
    pub const ALL: [Attendance; 5] = [Attendance::Expected, Attendance::Present, Attendance::Absent, Attendance::Late, Attendance::Left];

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

/// Members in the room, out of a list of (is_member, attendance).
pub fn members_present(delegates: impl IntoIterator<Item = (bool, Attendance)>) -> (u32, u32) {
    delegates.into_iter().filter(|(member, _)| *member).fold((0, 0), |(present, all), (_, a)| (present + a.in_room() as u32, all + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_counts_as_in_the_room_and_left_does_not() {
        let ds = [(true, Attendance::Present), (true, Attendance::Late), (true, Attendance::Left), (true, Attendance::Absent), (false, Attendance::Present)];
        assert_eq!(members_present(ds), (2, 4), "guests are not members");
    }
}
