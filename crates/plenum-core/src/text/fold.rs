//! Folding Vietnamese for matching and search: lower case, no tone or vowel
//! marks, and đ/Đ as d. Neither SQLite FTS5's `remove_diacritics` nor
//! PostgreSQL's `unaccent` folds đ (it is a letter of its own, not d with a
//! combining mark), so both backends index the text folded here, and the
//! original is highlighted through [`Folded::original_range`].

use unicode_normalization::char::decompose_canonical;

/// One character folded: lower case, marks dropped, đ as d.
fn fold_char(c: char, out: &mut String) {
    match c {
        'đ' | 'Đ' => out.push('d'),
        _ => decompose_canonical(c, |d| {
            if !is_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Combining marks (the Vietnamese tone and vowel marks are all in the
/// first block).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}')
}

/// The folded text of `s`: "Đảng bộ Thành phố" → "dang bo thanh pho".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folded text that remembers where each of its bytes came from, so a match
/// found in the folded text can be shown on the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the
    /// character it came from; one more entry holds the original's length.
    origin: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            let before = text.len();
            fold_char(c, &mut text);
            origin.extend(std::iter::repeat_n(at, text.len() - before));
        }
        origin.push(original.len());
        Folded { text, origin }
    }

    /// The original's byte range for the folded range `start..end`, widened
    /// to whole characters. `None` when the range is not inside the text.
    pub fn original_range(&self, start: usize, end: usize, original: &str) -> Option<std::ops::Range<usize>> {
        if start > end || end > self.text.len() {
            return None;
        }
        let from = self.origin[start];
        let to = if end == start {
            from
        } else {
            let last = self.origin[end - 1];
            last + original[last..].chars().next().map_or(0, char::len_utf8)
        };
        Some(from..to)
    }

    /// Every place a folded query occurs, as ranges of the original.
    pub fn find_all(&self, folded_query: &str, original: &str) -> Vec<std::ops::Range<usize>> {
        if folded_query.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(folded_query)
            .filter_map(|(at, m)| self.original_range(at, at + m.len(), original))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_marks_case_and_d_bar() {
        assert_eq!(fold("Đảng bộ Thành phố Hà Nội"), "dang bo thanh pho ha noi");
        assert_eq!(fold("tiếp thu, giải trình"), "tiep thu, giai trinh");
        assert_eq!(fold("ĐỔI MỚI"), "doi moi");
        // The same word typed with combining marks folds the same.
        assert_eq!(fold("Vie\u{323}\u{302}t"), fold("Việt"));
    }

    #[test]
    fn a_match_maps_back_to_the_original_characters() {
        let original = "Ý kiến tiếp thu của Đảng";
        let folded = Folded::new(original);
        let hits = folded.find_all(&fold("tiep thu"), original);
        assert_eq!(hits.len(), 1);
        assert_eq!(&original[hits[0].clone()], "tiếp thu");
        let hits = folded.find_all("dang", original);
        assert_eq!(&original[hits[0].clone()], "Đảng");
    }

    proptest! {
        #[test]
        fn every_range_lands_on_char_boundaries(s in "\\PC{0,40}", a in 0usize..80, b in 0usize..80) {
            let folded = Folded::new(&s);
            prop_assert_eq!(&folded.text, &fold(&s));
            let (a, b) = (a.min(b), a.max(b));
            if let Some(r) = folded.original_range(a, b, &s) {
                prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                prop_assert!(r.start <= r.end && r.end <= s.len());
            }
        }
    }
}
