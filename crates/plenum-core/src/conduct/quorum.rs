//! Whether the members present can still decide anything.
//!
//! A decision passes only when more than half of *all* current members agree,
//! so absent members count against it (Điều lệ Đảng 2011, art. 9(5);
//! Quy định 294-QĐ/TW; QĐ 168-QĐ/TW art. 30). A committee plenum has no fixed
//! quorum in the Charter; the attendance threshold is a setting (2/3 by default,
//! by analogy with a congress, Điều lệ art. 11(6)).

use serde::Serialize;

/// A share of all members, such as 2/3: more than nothing, at most all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fraction {
    num: u32,
    den: u32,
}

impl Fraction {
    /// `num/den`, if it is a share: 0 < num ≤ den ≤ 1000.
    pub fn new(num: u32, den: u32) -> Option<Fraction> {
        (num > 0 && num <= den && den <= 1000).then_some(Fraction { num, den })
    }

    /// "2/3" (spaces allowed around the numbers).
    pub fn parse(s: &str) -> Option<Fraction> {
        let (n, d) = s.split_once('/')?;
        Fraction::new(n.trim().parse().ok()?, d.trim().parse().ok()?)
    }

    pub fn num(self) -> u32 {
        self.num
    }

    pub fn den(self) -> u32 {
        self.den
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

/// Attendance a plenum needs, as a fraction of all members: 2/3 by default,
/// by analogy with a congress (Điều lệ Đảng, art. 11(6)); the Charter fixes
/// none for a committee plenum, so it is a setting (shared/DOMAIN.md, "Rules":
/// every threshold is a setting), `attendance` in the server's configuration.
pub const DEFAULT_ATTENDANCE: Fraction = Fraction { num: 2, den: 3 };

/// The smallest number strictly greater than half of `base`.
pub fn more_than_half(base: u32) -> u32 {
    base / 2 + 1
}

/// The smallest count reaching `num/den` of `base` (e.g. 2/3 of 71 → 48).
pub fn at_least_fraction(base: u32, num: u32, den: u32) -> u32 {
    assert!(den > 0, "fraction with zero denominator");
    ((base as u64 * num as u64).div_ceil(den as u64)) as u32
}

/// The live quorum panel's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuorumStatus {
    pub members: u32,
    pub present: u32,
    /// Votes needed to pass a decision: more than half of all members.
    pub needed_to_pass: u32,
    /// Can the members present still pass a decision at all?
    pub can_pass: bool,
    /// Attendance required by the rule set.
    pub attendance_required: u32,
    pub attendance_met: bool,
}

pub fn quorum(members: u32, present: u32, attendance: Fraction) -> QuorumStatus {
    let needed_to_pass = more_than_half(members);
    let attendance_required = at_least_fraction(members, attendance.num, attendance.den);
    QuorumStatus {
        members,
        present,
        needed_to_pass,
        can_pass: members > 0 && present >= needed_to_pass,
        attendance_required,
        attendance_met: members > 0 && present >= attendance_required,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn eleven_members_need_six() {
        // DOMAIN.md's example: with 11 members, 5 is not enough; 6 is needed.
        assert_eq!(more_than_half(11), 6);
        assert_eq!(more_than_half(10), 6);
        assert_eq!(at_least_fraction(71, 2, 3), 48);
        assert_eq!(at_least_fraction(9, 2, 3), 6);
    }

    #[test]
    fn seventy_one_members_with_forty_present() {
        let q = quorum(71, 40, DEFAULT_ATTENDANCE);
        assert_eq!(q.needed_to_pass, 36);
        assert!(q.can_pass);
        assert!(!q.attendance_met);
    }

    #[test]
    fn a_fraction_is_a_share_of_the_members() {
        assert_eq!(Fraction::parse("2/3"), Some(DEFAULT_ATTENDANCE));
        assert_eq!(Fraction::parse(" 1 / 2 ").map(|f| f.to_string()), Some("1/2".into()));
        for bad in ["0/3", "4/3", "2/0", "2", "a/b", "-1/2", "1/2000", ""] {
            assert_eq!(Fraction::parse(bad), None, "{bad}");
        }
        assert!(quorum(71, 40, Fraction::parse("1/2").unwrap()).attendance_met);
    }

    proptest! {
        #[test]
        fn a_fraction_reads_back_as_written(num in 1u32..=1000, den in 1u32..=1000) {
            match Fraction::new(num, den) {
                Some(f) => prop_assert_eq!(Fraction::parse(&f.to_string()), Some(f)),
                None => prop_assert!(num > den),
            }
        }

        #[test]
        fn more_than_half_is_the_least_majority(n in 0u32..100_000) {
            let m = more_than_half(n);
            prop_assert!(2 * m > n);
            prop_assert!(m == 0 || 2 * (m - 1) <= n);
        }

        #[test]
        fn quorum_is_monotonic_in_presence(n in 1u32..500, p in 0u32..500) {
            let p = p.min(n);
            let a = quorum(n, p, DEFAULT_ATTENDANCE);
            let b = quorum(n, (p + 1).min(n), DEFAULT_ATTENDANCE);
            prop_assert!(!a.can_pass || b.can_pass);
            prop_assert!(!a.attendance_met || b.attendance_met);
        }
    }
}
