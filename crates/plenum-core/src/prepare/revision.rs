//! What changed between two versions of a draft (dự thảo sửa đổi), passage by
//! passage and, inside a changed passage, word by word. Passages are lined
//! up by anchor, so a passage that was only renumbered or moved counts as
//! unchanged; a run of differing passages between two unchanged ones is
//! paired in order, which is how an edited paragraph shows as an edit rather
//! than as one passage removed and another added.

use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};

use super::passages::Passage;

/// What comparing needs of a passage, whoever stores it.
pub trait Versioned {
    fn anchor(&self) -> &str;
    fn label(&self) -> &str;
    fn text(&self) -> &str;
}

impl Versioned for Passage {
    fn anchor(&self) -> &str {
        &self.anchor
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn text(&self) -> &str {
        &self.text
    }
}

/// A piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Same(String),
    Inserted(String),
    Deleted(String),
}

/// How a passage of the newer version relates to the older one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassageChange {
    /// The same words. `renumbered_from` is the older label when it differs.
    Unchanged {
        renumbered_from: Option<String>,
    },
    /// Edited: the older passage's label and the word diff from it.
    Edited {
        from_label: String,
        words: Vec<Segment>,
    },
    Added,
}

/// The comparison of a version with its predecessor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// One entry per passage of the newer version, in order.
    pub changes: Vec<PassageChange>,
    /// Indexes of the older version's passages that are gone.
    pub removed: Vec<usize>,
}

impl Revision {
    /// True when some passage was edited, added or removed.
    pub fn any(&self) -> bool {
        !self.removed.is_empty() || self.changes.iter().any(|c| !matches!(c, PassageChange::Unchanged { .. }))
    }
}

/// Word-level diff of two texts; neighbouring pieces of one kind are merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let v = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Segment::Same(s)))
            | (ChangeTag::Insert, Some(Segment::Inserted(s)))
            | (ChangeTag::Delete, Some(Segment::Deleted(s))) => s.push_str(v),
            (ChangeTag::Equal, _) => out.push(Segment::Same(v.to_string())),
            (ChangeTag::Insert, _) => out.push(Segment::Inserted(v.to_string())),
            (ChangeTag::Delete, _) => out.push(Segment::Deleted(v.to_string())),
        }
    }
    out
}

/// Pair a run of differing passages in order: the first old with the first
/// new is an edit, and what is left over was removed or added.
fn pair<P: Versioned>(
    old: &[P],
    new: &[P],
    (oi, ol): (usize, usize),
    (ni, nl): (usize, usize),
    changes: &mut [PassageChange],
    removed: &mut Vec<usize>,
) {
    for k in 0..ol.max(nl) {
        match (k < ol, k < nl) {
            (true, true) => {
                let (o, n) = (&old[oi + k], &new[ni + k]);
                changes[ni + k] =
                    PassageChange::Edited { from_label: o.label().to_string(), words: word_diff(o.text(), n.text()) };
            }
            (true, false) => removed.push(oi + k),
            (false, true) => changes[ni + k] = PassageChange::Added,
            (false, false) => {}
        }
    }
}

/// Compare `new` with `old`.
pub fn compare<P: Versioned>(old: &[P], new: &[P]) -> Revision {
    let a: Vec<&str> = old.iter().map(|p| p.anchor()).collect();
    let b: Vec<&str> = new.iter().map(|p| p.anchor()).collect();
    let mut changes = vec![PassageChange::Added; new.len()];
    let mut removed = Vec::new();
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    // Myers reports an edit as a deletion next to an insertion; join each
    // such pair of neighbours into one replacement before pairing passages.
    let mut i = 0;
    while i < ops.len() {
        match (ops[i], ops.get(i + 1).copied()) {
            (DiffOp::Equal { old_index, new_index, len }, _) => {
                for k in 0..len {
                    let (o, n) = (&old[old_index + k], &new[new_index + k]);
                    changes[new_index + k] = PassageChange::Unchanged {
                        renumbered_from: (o.label() != n.label()).then(|| o.label().to_string()),
                    };
                }
            }
            (DiffOp::Delete { old_index, old_len, .. }, Some(DiffOp::Insert { new_index, new_len, .. }))
            | (DiffOp::Insert { new_index, new_len, .. }, Some(DiffOp::Delete { old_index, old_len, .. })) => {
                pair(old, new, (old_index, old_len), (new_index, new_len), &mut changes, &mut removed);
                i += 1;
            }
            (DiffOp::Replace { old_index, old_len, new_index, new_len }, _) => {
                pair(old, new, (old_index, old_len), (new_index, new_len), &mut changes, &mut removed)
            }
            (DiffOp::Delete { old_index, old_len, .. }, _) => removed.extend(old_index..old_index + old_len),
            (DiffOp::Insert { new_index, new_len, .. }, _) => {
                changes[new_index..new_index + new_len].fill(PassageChange::Added);
            }
        }
        i += 1;
    }
    removed.sort_unstable();
    Revision { changes, removed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::passages::{split, text_paragraphs};
    use proptest::prelude::*;

    fn draft(s: &str) -> Vec<Passage> {
        split(&text_paragraphs(s))
    }

    #[test]
    fn an_edit_shows_word_by_word() {
        let w = word_diff("a) Lập quy hoạch sử dụng đất.", "a) Lập và công bố quy hoạch sử dụng đất.");
        assert_eq!(
            w,
            vec![
                Segment::Same("a) Lập ".into()),
                Segment::Inserted("và công bố ".into()),
                Segment::Same("quy hoạch sử dụng đất.".into())
            ]
        );
        let w = word_diff("tỷ lệ trên 90%", "tỷ lệ trên 95%");
        assert_eq!(
            w,
            vec![Segment::Same("tỷ lệ trên ".into()), Segment::Deleted("90%".into()), Segment::Inserted("95%".into())]
        );
    }

    #[test]
    fn passages_line_up_by_anchor() {
        let v1 = draft("I. MỤC TIÊU\n1. Giữ nguyên.\n2. Sửa câu này.\n3. Bỏ đoạn này.\n4. Cuối cùng.");
        let v2 = draft("I. MỤC TIÊU\n1. Thêm mới.\n2. Giữ nguyên.\n3. Sửa lại câu này.\n4. Cuối cùng.");
        let r = compare(&v1, &v2);
        assert!(r.any());
        assert_eq!(r.changes[0], PassageChange::Unchanged { renumbered_from: None });
        assert_eq!(r.changes[1], PassageChange::Added);
        assert_eq!(r.changes[2], PassageChange::Unchanged { renumbered_from: Some("I.1".into()) });
        match &r.changes[3] {
            PassageChange::Edited { from_label, words } => {
                assert_eq!(from_label, "I.2");
                assert!(words.contains(&Segment::Inserted("lại ".into())), "{words:?}");
            }
            other => panic!("expected an edit, got {other:?}"),
        }
        assert_eq!(r.changes[4], PassageChange::Unchanged { renumbered_from: None });
        assert_eq!(r.removed, vec![3], "\"3. Bỏ đoạn này.\" is gone");
    }

    #[test]
    fn the_same_version_has_no_changes() {
        let v = draft("I. A\n1. B\na) C");
        let r = compare(&v, &v);
        assert!(!r.any());
        assert!(compare::<Passage>(&[], &v).changes.iter().all(|c| *c == PassageChange::Added));
        assert_eq!(compare(&v, &[]).removed, vec![0, 1, 2]);
    }

    proptest! {
        /// Every passage of both versions is accounted for exactly once:
        /// the new ones by `changes`, the old ones as unchanged, edited or removed.
        #[test]
        fn every_passage_is_accounted_for(
            a in prop::collection::vec(0u8..12, 0..20),
            b in prop::collection::vec(0u8..12, 0..20),
        ) {
            let text = |v: &[u8]| v.iter().map(|x| format!("{}. mục {x}\n", x % 3 + 1)).collect::<String>();
            let (old, new) = (draft(&text(&a)), draft(&text(&b)));
            let r = compare(&old, &new);
            prop_assert_eq!(r.changes.len(), new.len());
            let kept = r.changes.iter().filter(|c| !matches!(c, PassageChange::Added)).count();
            prop_assert_eq!(kept + r.removed.len(), old.len());
            let mut seen = r.removed.clone();
            seen.dedup();
            prop_assert_eq!(seen.len(), r.removed.len());
        }
    }
}
