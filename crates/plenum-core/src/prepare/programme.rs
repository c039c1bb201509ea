//! The programme of a plenum (chương trình hội nghị): the half-days it sits
//! (buổi làm việc), each with its start time and where it sits, in the hall
//! or in the discussion groups, with the agenda items placed in them.
//!
//! A half-day is named by its day and its part of the day, the same key the
//! roll call of each sitting (morning and afternoon of each day) uses, so the
//! programme and the attendance speak of the same sittings.

use serde::{Deserialize, Serialize};

use crate::text::FieldErrors;

/// The part of a day a plenum sits in (buổi sáng, buổi chiều).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    Morning,
    Afternoon,
}

impl DayPart {
    pub const ALL: [DayPart; 2] = [DayPart::Morning, DayPart::Afternoon];

    pub fn as_str(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
        }
    }

    pub fn parse(s: &str) -> Option<DayPart> {
        DayPart::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }

    /// The start times the part allows, in minutes after midnight: a
    /// morning starts from 06:00 to before noon, an afternoon from noon to 18:00.
    fn starts(self) -> std::ops::Range<u32> {
        match self {
            DayPart::Morning => 6 * 60..12 * 60,
            DayPart::Afternoon => 12 * 60..18 * 60 + 1,
        }
    }
}

crate::stored_code!(DayPart, "part of the day");

/// Where a half-day sits: the whole plenum in the hall (hội trường), or in its discussion groups (thảo luận tổ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    Hall,
    Groups,
}

impl Venue {
    pub const ALL: [Venue; 2] = [Venue::Hall, Venue::Groups];

    pub fn as_str(self) -> &'static str {
        match self {
            Venue::Hall => "hall",
            Venue::Groups => "groups",
        }
    }

    pub fn parse(s: &str) -> Option<Venue> {
        Venue::ALL.into_iter().find(|v| v.as_str() == s.trim())
    }
}

crate::stored_code!(Venue, "venue");

/// A start time written "HH:MM" (24-hour), as minutes after midnight.
pub fn parse_time(raw: &str) -> Option<u32> {
    let (h, m) = raw.trim().split_once([':', 'h', 'g'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Minutes after midnight written "HH:MM".
pub fn format_time(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Whether a day falls within the plenum's first and last day (ISO dates, which compare as text).
pub fn within(day: &str, plenum_days: (&str, &str)) -> bool {
    (plenum_days.0..=plenum_days.1).contains(&day)
}

/// Check a half-day's start time against its part of the day (unknown when
/// the part itself was refused). Returns the time written "HH:MM".
pub fn check_start(errors: &mut FieldErrors, part: Option<DayPart>, starts_at: &str) -> String {
    match (parse_time(starts_at), part) {
        (None, _) => {
            errors.push("starts_at", "invalid-time");
            starts_at.trim().to_string()
        }
        (Some(t), Some(p)) if !p.starts().contains(&t) => {
            errors.push("starts_at", "time-outside-part");
            format_time(t)
        }
        (Some(t), _) => format_time(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn times_as_offices_write_them() {
        assert_eq!(parse_time("08:00"), Some(480));
        assert_eq!(parse_time("8:00"), Some(480));
        assert_eq!(parse_time("14h00"), Some(840));
        assert_eq!(parse_time("7g30"), Some(450));
        for bad in ["", "8", "24:00", "12:60", "ab:cd", "8:0", "123:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_morning_starts_before_noon_and_within_the_plenum() {
        let days = ("2026-12-10", "2026-12-11");
        assert!(within("2026-12-10", days) && within("2026-12-11", days));
        assert!(!within("2026-12-09", days) && !within("2026-12-12", days));
        let mut e = FieldErrors::default();
        assert_eq!(check_start(&mut e, Some(DayPart::Morning), "8:00"), "08:00");
        assert_eq!(check_start(&mut e, Some(DayPart::Afternoon), "12:00"), "12:00");
        assert_eq!(check_start(&mut e, None, "21:00"), "21:00");
        assert!(e.is_empty());
        check_start(&mut e, Some(DayPart::Morning), "14:00");
        check_start(&mut e, Some(DayPart::Afternoon), "9:00");
        check_start(&mut e, Some(DayPart::Afternoon), "giờ");
        let codes: Vec<_> = e.0.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["time-outside-part", "time-outside-part", "invalid-time"]);
    }

    proptest! {
        #[test]
        fn a_written_time_reads_back(t in 0u32..24 * 60) {
            prop_assert_eq!(parse_time(&format_time(t)), Some(t));
        }
    }
}
