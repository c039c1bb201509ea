//! Sittings (buổi họp): a plenum runs over one or more days, each with a
//! morning and an afternoon sitting, and the roll is called at each. The
//! sittings follow from the plenum's first and last day; they are numbered
//! from 1 in order, and attendance is kept per sitting.

use serde::Serialize;

/// The most days a plenum's sittings span: a Party committee plenum lasts a
/// few days, so a longer range is a mistake in its dates, not more sittings.
pub const MAX_DAYS: usize = 15;

/// The half of a day a sitting takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    /// Buổi sáng.
    Morning,
    /// Buổi chiều.
    Afternoon,
}

impl Half {
    pub fn as_str(self) -> &'static str {
        match self {
            Half::Morning => "morning",
            Half::Afternoon => "afternoon",
        }
    }
}

/// One sitting: its number (from 1), its day (YYYY-MM-DD) and its half.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sitting {
    pub number: i64,
    pub day: String,
    pub half: Half,
}

/// A calendar day, for stepping from the first day to the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(u32, u32, u32);

impl Day {
    /// A real day written YYYY-MM-DD (checked as every date field is, `text::date`).
    fn parse(s: &str) -> Option<Day> {
        let s = s.trim();
        let mut errors = crate::FieldErrors::default();
        crate::text::date(&mut errors, "day", s);
        if !errors.is_empty() {
            return None;
        }
        let n = |r: std::ops::Range<usize>| s.get(r)?.parse().ok();
        Some(Day(n(0..4)?, n(5..7)?, n(8..10)?))
    }

    fn next(self) -> Day {
        let Day(y, m, d) = self;
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let last = match m {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        match (d < last, m < 12) {
            (true, _) => Day(y, m, d + 1),
            (false, true) => Day(y, m + 1, 1),
            (false, false) => Day(y + 1, 1, 1),
        }
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

/// The plenum's sittings, a morning and an afternoon for each day from
/// `starts_on` to `ends_on` (at most [`MAX_DAYS`] days). Dates that do not
/// parse, or end before they start, still give the one day's two sittings
/// of `starts_on`, or none if that does not parse either.
pub fn sittings(starts_on: &str, ends_on: &str) -> Vec<Sitting> {
    let Some(first) = Day::parse(starts_on) else { return Vec::new() };
    let last = Day::parse(ends_on).filter(|l| *l >= first).unwrap_or(first);
    let mut out = Vec::new();
    let mut day = first;
    for _ in 0..MAX_DAYS {
        for half in [Half::Morning, Half::Afternoon] {
            out.push(Sitting { number: out.len() as i64 + 1, day: day.to_string(), half });
        }
        if day == last {
            break;
        }
        day = day.next();
    }
    out
}

/// The sitting of this number, if the plenum has it.
pub fn sitting(starts_on: &str, ends_on: &str, number: i64) -> Option<Sitting> {
    sittings(starts_on, ends_on).into_iter().find(|s| s.number == number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_two_day_plenum_has_four_sittings() {
        let s = sittings("2026-12-07", "2026-12-08");
        let got: Vec<_> = s.iter().map(|s| (s.number, s.day.as_str(), s.half)).collect();
        assert_eq!(
            got,
            [
                (1, "2026-12-07", Half::Morning),
                (2, "2026-12-07", Half::Afternoon),
                (3, "2026-12-08", Half::Morning),
                (4, "2026-12-08", Half::Afternoon)
            ]
        );
        assert_eq!(sitting("2026-12-07", "2026-12-08", 3).unwrap().half, Half::Morning);
        assert_eq!(sitting("2026-12-07", "2026-12-08", 5), None);
        assert_eq!(sitting("2026-12-07", "2026-12-08", 0), None);
    }

    #[test]
    fn days_cross_months_and_leap_years() {
        let days = |a, b| sittings(a, b).into_iter().map(|s| s.day).step_by(2).collect::<Vec<_>>();
        assert_eq!(days("2024-02-28", "2024-03-01"), ["2024-02-28", "2024-02-29", "2024-03-01"]);
        assert_eq!(days("2025-12-31", "2026-01-01"), ["2025-12-31", "2026-01-01"]);
        assert_eq!(days("2025-02-28", "2025-03-01"), ["2025-02-28", "2025-03-01"]);
    }

    #[test]
    fn odd_dates_give_few_sittings_never_many() {
        assert_eq!(sittings("2026-12-08", "2026-12-07").len(), 2, "ends before it starts: the first day");
        assert_eq!(sittings("2026-12-07", "not a date").len(), 2);
        assert!(sittings("", "2026-12-07").is_empty());
        assert_eq!(sittings("2020-01-01", "2029-12-31").len(), 2 * MAX_DAYS);
    }

    proptest! {
        /// Sittings are numbered 1, 2, … in order, two a day, each day once, within the bound.
        #[test]
        fn sittings_are_numbered_in_order(y in 1990u32..2100, m in 1u32..=12, d in 1u32..=28, len in 0usize..40) {
            let first = Day(y, m, d);
            let mut last = first;
            for _ in 0..len { last = last.next(); }
            let s = sittings(&first.to_string(), &last.to_string());
            prop_assert_eq!(s.len(), 2 * (len + 1).min(MAX_DAYS));
            for (i, x) in s.iter().enumerate() {
                prop_assert_eq!(x.number, i as i64 + 1);
                prop_assert_eq!(x.half, if i % 2 == 0 { Half::Morning } else { Half::Afternoon });
                prop_assert!(Day::parse(&x.day).is_some());
            }
            prop_assert!(s.windows(2).all(|w| w[0].day <= w[1].day));
        }
    }
}
