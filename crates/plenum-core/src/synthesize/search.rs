//! Full-text search over the record (tìm kiếm): a query typed with or without
//! diacritics ("tiep thu" finds "tiếp thu", "dang" finds "Đảng"). The query is
//! folded as the indexed text is ([`crate::text::fold`]) and cut into plain
//! terms, so no search-engine syntax of the user's ever reaches the database;
//! the terms are then quoted by each backend.

use std::ops::Range;

use crate::text::fold::{fold, Folded};

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most terms a query may have.
pub const MAX_TERMS: usize = 12;
/// The most hits one page of results may hold.
pub const MAX_LIMIT: i64 = 50;
/// How many characters of context a snippet shows around its first hit.
pub const SNIPPET_CHARS: usize = 160;

/// What a hit is: a passage of a document, or an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchKind {
    /// A passage of a document's latest version (điều, mục, đoạn).
    Passage,
    /// An opinion (ý kiến), spoken or written.
    Opinion,
}

impl SearchKind {
    pub const ALL: [SearchKind; 2] = [SearchKind::Passage, SearchKind::Opinion];

    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Passage => "passage",
            SearchKind::Opinion => "opinion",
        }
    }

    pub fn parse(s: &str) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

crate::stored_code!(SearchKind, "search kind");

/// Why a query was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing to search for: no letter or digit.
    Empty,
    /// More than [`MAX_QUERY_CHARS`] characters.
    TooLong,
    /// More than [`MAX_TERMS`] terms.
    TooManyTerms,
}

impl QueryError {
    /// The message key (`error-…`) of the field error.
    pub fn code(self) -> &'static str {
        match self {
            QueryError::Empty => "required",
            QueryError::TooLong => "search-too-long",
            QueryError::TooManyTerms => "search-too-many-terms",
        }
    }
}

/// A query's terms, folded: each a run of letters and digits, nothing else,
/// so it is safe to quote as a term in FTS5 and in a `tsquery`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms(Vec<String>);

impl Terms {
    /// Fold and split a query; repeated terms count once.
    pub fn parse(query: &str) -> Result<Terms, QueryError> {
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong);
        }
        let folded = fold(query);
        let mut terms: Vec<String> = Vec::new();
        for t in folded.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
            if !terms.iter().any(|x| x == t) {
                terms.push(t.to_string());
            }
        }
        match terms.len() {
            0 => Err(QueryError::Empty),
            n if n > MAX_TERMS => Err(QueryError::TooManyTerms),
            _ => Ok(Terms(terms)),
        }
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// An FTS5 query: every term quoted, all of them required.
    pub fn fts5(&self) -> String {
        self.0.iter().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
    }

    /// The terms separated by spaces, for PostgreSQL's `plainto_tsquery`,
    /// which reads no operators.
    pub fn plain(&self) -> String {
        self.0.join(" ")
    }
}

/// A stretch of a text around its first hit, with the hits to mark, as byte
/// ranges of `text` (not HTML: the page escapes the text and marks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
    /// Whether text was left out before and after the snippet.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Where `term` occurs in `folded` as a whole word, as the index matches it
/// ("ho" in "hồ sơ", not in "hóa"), as ranges of the original.
fn words(folded: &Folded, term: &str, original: &str) -> Vec<Range<usize>> {
    let text = &folded.text;
    let boundary_before = |at: usize| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
    let boundary_after = |at: usize| !text[at..].chars().next().is_some_and(char::is_alphanumeric);
    text.match_indices(term)
        .filter(|(at, m)| boundary_before(*at) && boundary_after(at + m.len()))
        .filter_map(|(at, m)| folded.original_range(at, at + m.len(), original))
        .collect()
}

/// The snippet of `original` around the first place a term occurs, every
/// term's occurrences in it marked. Terms are matched as folded whole words,
/// so "dang" marks "Đảng"; overlapping marks are merged.
pub fn snippet(original: &str, terms: &Terms) -> Snippet {
    let folded = Folded::new(original);
    let mut hits: Vec<Range<usize>> = terms.as_slice().iter().flat_map(|t| words(&folded, t, original)).collect();
    hits.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for h in hits {
        match merged.last_mut() {
            Some(last) if h.start <= last.end => last.end = last.end.max(h.end),
            _ => merged.push(h),
        }
    }
    let first = merged.first().map_or(0, |r| r.start);
    // A window of SNIPPET_CHARS characters starting a quarter before the first hit.
    let start = char_back(original, first, SNIPPET_CHARS / 4);
    let end = char_forward(original, start, SNIPPET_CHARS);
    let marks = merged
        .into_iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start..r.end - start)
        .collect();
    Snippet { text: original[start..end].to_string(), marks, cut_before: start > 0, cut_after: end < original.len() }
}

/// The byte offset `n` characters before `at`.
fn char_back(s: &str, at: usize, n: usize) -> usize {
    s[..at].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at`.
fn char_forward(s: &str, at: usize, n: usize) -> usize {
    s[at..].char_indices().nth(n).map_or(s.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_query_is_folded_into_plain_terms() {
        let t = Terms::parse("  Tiếp THU, \"Đảng\" OR dang* NEAR(x) ").unwrap();
        assert_eq!(t.as_slice(), ["tiep", "thu", "dang", "or", "near", "x"]);
        assert_eq!(Terms::parse("tiếp thu").unwrap().fts5(), "\"tiep\" \"thu\"");
        assert_eq!(Terms::parse("tiếp thu").unwrap().plain(), "tiep thu");
    }

    #[test]
    fn empty_long_and_wordy_queries_are_refused() {
        assert_eq!(Terms::parse(" ,.;\"* "), Err(QueryError::Empty));
        assert_eq!(Terms::parse(&"a".repeat(MAX_QUERY_CHARS + 1)), Err(QueryError::TooLong));
        assert!(Terms::parse(&"ạ".repeat(MAX_QUERY_CHARS)).is_ok(), "the bound counts characters, not bytes");
        let words: Vec<String> = (0..=MAX_TERMS).map(|i| format!("w{i}")).collect();
        assert_eq!(Terms::parse(&words.join(" ")), Err(QueryError::TooManyTerms));
        assert!(Terms::parse(&words[..MAX_TERMS].join(" ")).is_ok());
    }

    #[test]
    fn the_snippet_marks_every_term_on_the_original() {
        let text = "Tôi đề nghị tiếp thu ý kiến của Đảng bộ về việc tiếp thu.";
        let s = snippet(text, &Terms::parse("tiep thu dang").unwrap());
        let marked: Vec<&str> = s.marks.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["tiếp", "thu", "Đảng", "tiếp", "thu"]);
        assert!(!s.cut_before && !s.cut_after);
    }

    #[test]
    fn only_whole_words_are_marked() {
        let text = "Hồ sơ số hóa, hơn thế, cơ sở thông tin.";
        let s = snippet(text, &Terms::parse("ho so").unwrap());
        let marked: Vec<&str> = s.marks.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["Hồ", "sơ", "số", "sở"], "not hóa, hơn, thông");
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_hit() {
        let text = format!("{} Đảng {}", "mở đầu ".repeat(100), "kết thúc ".repeat(100));
        let s = snippet(&text, &Terms::parse("dang").unwrap());
        assert!(s.cut_before && s.cut_after);
        assert!(s.text.chars().count() <= SNIPPET_CHARS);
        assert_eq!(&s.text[s.marks[0].clone()], "Đảng");
    }

    proptest! {
        #[test]
        fn marks_lie_inside_the_snippet_on_char_boundaries(s in "\\PC{0,300}", q in "[a-zđ ]{1,12}") {
            if let Ok(terms) = Terms::parse(&q) {
                let sn = snippet(&s, &terms);
                prop_assert!(s.contains(&sn.text));
                for r in &sn.marks {
                    prop_assert!(r.start < r.end && r.end <= sn.text.len());
                    prop_assert!(sn.text.is_char_boundary(r.start) && sn.text.is_char_boundary(r.end));
                }
                prop_assert!(sn.marks.windows(2).all(|w| w[0].end < w[1].start));
            }
        }
    }
}
