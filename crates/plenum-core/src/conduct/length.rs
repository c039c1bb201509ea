//! How long a speech lasted, as people say it: "4 phút 30 giây", never a
//! clock reading with a unit after it ("4:30 phút"). The words for each unit
//! come from the caller (the interface's catalogs); the rule of which parts
//! are said lives here.

/// A unit a length is said in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Hours,
    Minutes,
    Seconds,
}

/// The parts of a length of `seconds`, largest first, leaving out those that
/// are zero: under an hour to the second; from an hour on to the nearest
/// minute, as seconds in a length that long are noise. No time at all is
/// "0 seconds"; a negative length (clocks disagreeing) counts as none.
pub fn parts(seconds: i64) -> Vec<(u64, Unit)> {
    let s = seconds.max(0) as u64;
    let (h, m, s) = if s < 3600 {
        (0, s / 60, s % 60)
    } else {
        let minutes = (s + 30) / 60;
        (minutes / 60, minutes % 60, 0)
    };
    let all = [(h, Unit::Hours), (m, Unit::Minutes), (s, Unit::Seconds)];
    let said: Vec<(u64, Unit)> = all.into_iter().filter(|(n, _)| *n > 0).collect();
    if said.is_empty() {
        vec![(0, Unit::Seconds)]
    } else {
        said
    }
}

/// The length in words, `say` naming each part: `say(7, Unit::Seconds)` is "7 giây".
pub fn words(seconds: i64, say: impl Fn(u64, Unit) -> String) -> String {
    parts(seconds).into_iter().map(|(n, u)| say(n, u)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vi(n: u64, u: Unit) -> String {
        let unit = match u {
            Unit::Hours => "giờ",
            Unit::Minutes => "phút",
            Unit::Seconds => "giây",
        };
        format!("{n} {unit}")
    }

    #[test]
    fn lengths_are_said_in_words() {
        assert_eq!(words(7, vi), "7 giây");
        assert_eq!(words(270, vi), "4 phút 30 giây");
        assert_eq!(words(300, vi), "5 phút");
        assert_eq!(words(3900, vi), "1 giờ 5 phút");
        assert_eq!(words(3600, vi), "1 giờ");
        assert_eq!(words(3929, vi), "1 giờ 5 phút", "seconds past an hour round to the minute");
        assert_eq!(words(3930, vi), "1 giờ 6 phút");
        assert_eq!(words(7170, vi), "2 giờ", "rounding carries into the hour");
        assert_eq!(words(0, vi), "0 giây");
        assert_eq!(words(-3, vi), "0 giây");
    }

    proptest! {
        /// Under an hour the parts add up to the length exactly; past it, to within half a minute.
        #[test]
        fn the_parts_add_up(s in 0i64..200_000) {
            let total: i64 = parts(s).iter().map(|(n, u)| *n as i64 * match u {
                Unit::Hours => 3600,
                Unit::Minutes => 60,
                Unit::Seconds => 1,
            }).sum();
            if s < 3600 { prop_assert_eq!(total, s) } else { prop_assert!((total - s).abs() <= 30) }
        }
    }
}
