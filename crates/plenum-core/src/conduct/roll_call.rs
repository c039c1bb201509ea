//! The roll call of a long list (70 and more delegates): finding a person by
//! name or unit, filtering by attendance, and marking everyone not yet
//! called present at once.

use super::attendance::Attendance;
use crate::prepare::roster::fold;

/// The longest search a roll call takes, in characters: a name and a unit fit.
pub const MAX_QUERY: usize = 100;

/// What the roll call shows: those whose name or unit holds the search (without
/// regard to case or diacritics, so "tran" finds "Trần" as a secretary types it
/// on any keyboard) and, if one is chosen, only those of that attendance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollFilter {
    /// The search, folded; empty matches everyone.
    query: String,
    pub status: Option<Attendance>,
}

impl RollFilter {
    /// From the page's query string: a search cut to [`MAX_QUERY`] characters,
    /// and a status code (anything unknown or empty shows all).
    pub fn new(query: &str, status: &str) -> RollFilter {
        let query: String = query.chars().take(MAX_QUERY).collect();
        RollFilter { query: fold(&query), status: Attendance::parse(status) }
    }

    /// The text a row is searched in, folded once: its name and unit.
    pub fn haystack(name: &str, unit: &str) -> String {
        fold(&format!("{name} {unit}"))
    }

    /// Does a delegate with this searched text (see [`RollFilter::haystack`]) and attendance show?
    pub fn shows(&self, haystack: &str, attendance: Attendance) -> bool {
        self.status.is_none_or(|s| s == attendance) && haystack.contains(&self.query)
    }

    pub fn is_empty(&self) -> bool {
        self.query.is_empty() && self.status.is_none()
    }
}

/// "Mark all present" marks only those not yet called: a delegate already
/// recorded absent, late or gone keeps what the secretary recorded.
pub fn marked_by_all_present(a: Attendance) -> bool {
    a == Attendance::Expected
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_a_name_or_unit_without_diacritics() {
        let h = RollFilter::haystack("Trần Thị Hồng Nhung", "Sở Tài chính");
        for q in ["tran thi", "NHUNG", "Hồng", "tai chinh", "  sở tài  "] {
            assert!(RollFilter::new(q, "").shows(&h, Attendance::Expected), "{q}");
        }
        assert!(!RollFilter::new("Hải", "").shows(&h, Attendance::Expected));
        assert!(!RollFilter::new("nhung", "present").shows(&h, Attendance::Expected));
        assert!(RollFilter::new("nhung", "expected").shows(&h, Attendance::Expected));
        assert!(RollFilter::new("", "bogus").is_empty(), "an unknown status shows everyone");
    }

    #[test]
    fn mark_all_present_keeps_what_was_recorded() {
        let marked: Vec<_> = Attendance::ALL.into_iter().filter(|a| marked_by_all_present(*a)).collect();
        assert_eq!(marked, [Attendance::Expected]);
    }

    proptest! {
        /// Every part of a delegate's own name finds them, and the empty filter shows everyone.
        #[test]
        fn a_word_of_the_name_finds_its_delegate(name in "[a-zA-Zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ ]{1,40}",
                                                 unit in "\\PC{0,40}", pick in any::<prop::sample::Index>(),
                                                 a in prop::sample::select(Attendance::ALL.to_vec())) {
            let h = RollFilter::haystack(&name, &unit);
            prop_assert!(RollFilter::default().shows(&h, a));
            let words: Vec<&str> = name.split_whitespace().collect();
            if !words.is_empty() {
                let w = words[pick.index(words.len())];
                prop_assert!(RollFilter::new(w, a.as_str()).shows(&h, a), "{w:?} in {name:?}");
            }
        }

        /// A search is bounded, whatever is sent.
        #[test]
        fn the_search_is_bounded(q in "\\PC{0,500}") {
            prop_assert!(RollFilter::new(&q, "").query.chars().count() <= 4 * MAX_QUERY);
        }
    }
}
