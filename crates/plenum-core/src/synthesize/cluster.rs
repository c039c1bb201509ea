//! Grouping the opinions of a plenum that make the same point, so the
//! secretariat starts its synthesis from groups rather than from a flat list
//! of some hundred opinions (the 11th plenum of the Hanoi Party Committee had
//! 130 on 13 items).
//!
//! Method: each opinion's terms ([`super::terms`]: folded syllables and their
//! pairs, acronyms spelled out, boilerplate left out) weighted by TF-IDF over
//! the opinions given, compared by cosine similarity, and grouped by
//! average-linkage agglomerative clustering until no two groups are more
//! similar than the threshold. Opinions on different agenda items are never
//! grouped: a point about one draft is answered in that draft.
//!
//! The result does not depend on the order of the input: the opinions are
//! sorted (by item, id, text) before anything is computed, and ties between
//! equally similar pairs go to the first in that order.

use std::collections::{BTreeMap, BTreeSet};

use super::terms::terms;

/// At most this many opinions in one call. The similarities of one item's
/// opinions are held as a triangle of `f32` (50 MB at this bound) and the
/// grouping is quadratic in time; a plenum has a few hundred opinions.
pub const MAX_OPINIONS: usize = 5000;

/// The similarity above which two groups are merged, chosen on the tuning
/// part of the labelled opinions (`tests/fixtures/opinions.jsonl`, see
/// docs/QUALITY.md).
pub const DEFAULT_THRESHOLD: f64 = 0.175;

/// One opinion to group: its id (unique in the call), its agenda item if
/// known (opinions without an item form one bucket), and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpinionText<'a> {
    pub id: &'a str,
    pub item: Option<&'a str>,
    pub text: &'a str,
}

/// Why opinions could not be grouped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClusterError {
    #[error("too many opinions: {given} (at most {max})")]
    TooMany { given: usize, max: usize },
    #[error("the threshold must be a number greater than 0 and at most 1")]
    Threshold,
}

/// The group of each opinion, in input order, numbered 0, 1, … in order of
/// first appearance. Two opinions share a number when their groups' average
/// similarity reached `threshold` (in (0, 1]).
pub fn cluster(opinions: &[OpinionText<'_>], threshold: f64) -> Result<Vec<usize>, ClusterError> {
    if opinions.len() > MAX_OPINIONS {
        return Err(ClusterError::TooMany { given: opinions.len(), max: MAX_OPINIONS });
    }
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(ClusterError::Threshold);
    }
    let mut order: Vec<usize> = (0..opinions.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&opinions[a], &opinions[b]);
        (x.item, x.id, x.text).cmp(&(y.item, y.id, y.text))
    });
    let vectors = tf_idf(&order.iter().map(|&i| opinions[i].text).collect::<Vec<_>>());
    // Root (in sorted positions) of each sorted opinion's group.
    let mut group = vec![0usize; order.len()];
    let mut start = 0;
    while start < order.len() {
        let item = opinions[order[start]].item;
        let end = start + order[start..].iter().take_while(|&&i| opinions[i].item == item).count();
        for (k, g) in average_linkage(&vectors[start..end], threshold as f32).into_iter().enumerate() {
            group[start + k] = start + g;
        }
        start = end;
    }
    // Back to input order, numbered by first appearance.
    let mut root_of_input = vec![0usize; opinions.len()];
    for (sorted_at, &input_at) in order.iter().enumerate() {
        root_of_input[input_at] = group[sorted_at];
    }
    let mut numbers = BTreeMap::new();
    Ok(root_of_input
        .into_iter()
        .map(|root| {
            let next = numbers.len();
            *numbers.entry(root).or_insert(next)
        })
        .collect())
}

/// A sparse vector: (term number, weight), sorted by term number, of length 1
/// (or empty, for a text with no content words).
type Vector = Vec<(usize, f32)>;

/// TF-IDF vectors of `texts`: a term's weight is (1 + ln tf) · ln((1 + n) / (1 + df)) + 1),
/// the smoothed IDF, so a term every opinion has still counts a little.
/// Terms are numbered in sorted order, so the vectors do not depend on input order.
fn tf_idf(texts: &[&str]) -> Vec<Vector> {
    let counted: Vec<BTreeMap<String, u32>> = texts
        .iter()
        .map(|t| {
            let mut tf = BTreeMap::new();
            for term in terms(t) {
                *tf.entry(term).or_insert(0) += 1;
            }
            tf
        })
        .collect();
    let vocabulary: BTreeSet<&String> = counted.iter().flat_map(|tf| tf.keys()).collect();
    let number: BTreeMap<&String, usize> = vocabulary.into_iter().enumerate().map(|(n, t)| (t, n)).collect();
    let mut df = vec![0u32; number.len()];
    for tf in &counted {
        for term in tf.keys() {
            df[number[term]] += 1;
        }
    }
    let n = texts.len() as f64;
    counted
        .iter()
        .map(|tf| {
            let mut v: Vector = tf
                .iter()
                .map(|(term, &count)| {
                    let k = number[term];
                    let idf = ((1.0 + n) / (1.0 + f64::from(df[k]))).ln() + 1.0;
                    (k, ((1.0 + f64::from(count).ln()) * idf) as f32)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect()
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The similarities of n items, as the lower triangle (i > j) in one vector.
struct Triangle(Vec<f32>);

impl Triangle {
    fn at(i: usize, j: usize) -> usize {
        let (i, j) = if i > j { (i, j) } else { (j, i) };
        i * (i - 1) / 2 + j
    }
    fn get(&self, i: usize, j: usize) -> f32 {
        self.0[Self::at(i, j)]
    }
    fn set(&mut self, i: usize, j: usize, v: f32) {
        self.0[Self::at(i, j)] = v;
    }
}

/// Average-linkage clustering of `vectors` cut at `threshold`: for each, the
/// smallest index of its group. Uses the nearest-neighbour chain, which makes
/// the same merges as merging the most similar pair each time (average
/// linkage never makes a merged group more similar to a third than its parts
/// were), in O(n²) time. A group whose nearest neighbour is below the
/// threshold is final and leaves the chain.
fn average_linkage(vectors: &[Vector], threshold: f32) -> Vec<usize> {
    let n = vectors.len();
    let mut sim = Triangle(Vec::with_capacity(n * n.saturating_sub(1) / 2));
    for i in 1..n {
        for j in 0..i {
            sim.0.push(cosine(&vectors[i], &vectors[j]));
        }
    }
    let mut size = vec![1usize; n];
    let mut active = vec![true; n];
    // Each index's group so far: merged indexes point to the slot that holds the group.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut chain: Vec<usize> = Vec::new();
    let mut next_start = 0;
    loop {
        if chain.is_empty() {
            while next_start < n && !active[next_start] {
                next_start += 1;
            }
            if next_start == n {
                break;
            }
            chain.push(next_start);
        }
        let a = *chain.last().expect("the chain is not empty");
        let previous = chain.len().checked_sub(2).map(|k| chain[k]);
        // The most similar active group; on a tie the chain's previous one
        // (so the chain ends), else the lowest index.
        let mut best: Option<(usize, f32)> = None;
        for c in (0..n).filter(|&c| c != a && active[c]) {
            let s = sim.get(a, c);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((c, s));
            }
        }
        if let (Some(p), Some((_, s))) = (previous, best) {
            if sim.get(a, p) >= s {
                best = Some((p, sim.get(a, p)));
            }
        }
        match best {
            Some((b, s)) if s >= threshold => {
                if Some(b) == previous {
                    chain.truncate(chain.len() - 2);
                    // Merge b into a's slot or a into b's: the lower index keeps the group.
                    let (keep, gone) = if a < b { (a, b) } else { (b, a) };
                    for c in (0..n).filter(|&c| active[c] && c != keep && c != gone) {
                        let merged = (size[keep] as f32 * sim.get(keep, c) + size[gone] as f32 * sim.get(gone, c))
                            / (size[keep] + size[gone]) as f32;
                        sim.set(keep, c, merged);
                    }
                    size[keep] += size[gone];
                    active[gone] = false;
                    parent[gone] = keep;
                } else {
                    chain.push(b);
                }
            }
            // Nothing reaches the threshold: this group is final.
            _ => {
                chain.pop();
                active[a] = false;
            }
        }
    }
    (0..n)
        .map(|mut i| {
            while parent[i] != i {
                i = parent[i];
            }
            i
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn op<'a>(id: &'a str, item: &'a str, text: &'a str) -> OpinionText<'a> {
        OpinionText { id, item: Some(item), text }
    }

    #[test]
    fn the_same_point_in_other_words_is_grouped() {
        let ops = [
            op(
                "a",
                "1",
                "Tôi cơ bản nhất trí. Tuy nhiên, giải ngân vốn đầu tư công còn chậm, đề nghị làm rõ nguyên nhân.",
            ),
            op("b", "1", "Ô nhiễm không khí ở nội đô vẫn ở mức báo động."),
            op("c", "1", "Đề nghị ban soạn thảo làm rõ nguyên nhân giải ngân vốn ĐTC chậm."),
            op("d", "1", "Tôi cơ bản nhất trí với dự thảo."),
        ];
        assert_eq!(cluster(&ops, DEFAULT_THRESHOLD).unwrap(), vec![0, 1, 0, 2]);
    }

    #[test]
    fn different_items_are_never_grouped() {
        let text = "Giải ngân vốn đầu tư công còn chậm.";
        let ops =
            [op("a", "1", text), op("b", "2", text), op("c", "1", text), OpinionText { id: "d", item: None, text }];
        assert_eq!(cluster(&ops, DEFAULT_THRESHOLD).unwrap(), vec![0, 1, 0, 2]);
    }

    #[test]
    fn bounds_are_checked() {
        assert_eq!(cluster(&[], 0.5).unwrap(), Vec::<usize>::new());
        assert_eq!(cluster(&[op("a", "1", "x")], 0.0), Err(ClusterError::Threshold));
        assert_eq!(cluster(&[op("a", "1", "x")], f64::NAN), Err(ClusterError::Threshold));
        let many = vec![op("a", "1", "x"); MAX_OPINIONS + 1];
        assert_eq!(cluster(&many, 0.5), Err(ClusterError::TooMany { given: MAX_OPINIONS + 1, max: MAX_OPINIONS }));
    }

    #[test]
    fn average_linkage_merges_the_closest_first() {
        // Three points: 0 and 1 close, 2 apart; at a low threshold all merge.
        let v = |w: &[(usize, f32)]| -> Vector { w.to_vec() };
        let vectors = [v(&[(0, 1.0)]), v(&[(0, 0.8), (1, 0.6)]), v(&[(1, 1.0)])];
        assert_eq!(average_linkage(&vectors, 0.7), vec![0, 0, 2]);
        assert_eq!(average_linkage(&vectors, 0.3), vec![0, 0, 0]);
        assert_eq!(average_linkage(&vectors, 0.99), vec![0, 1, 2]);
    }

    const WORDS: [&str; 8] = ["giải ngân", "vốn", "đầu tư công", "chậm", "dữ liệu", "chia sẻ", "ùn tắc", "giao thông"];

    fn opinions() -> impl Strategy<Value = Vec<(String, String)>> {
        prop::collection::vec(
            (
                prop::sample::select(vec!["1", "2", "3"]),
                prop::collection::vec(prop::sample::select(WORDS.to_vec()), 1..6),
            ),
            0..25,
        )
        .prop_map(|v| v.into_iter().map(|(item, words)| (item.to_string(), words.join(" "))).collect())
    }

    /// The groups as sets of ids, which is what must not change.
    fn partition(ops: &[OpinionText<'_>], numbers: &[usize]) -> BTreeSet<BTreeSet<String>> {
        let mut groups: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for (o, &n) in ops.iter().zip(numbers) {
            groups.entry(n).or_default().insert(o.id.to_string());
        }
        groups.into_values().collect()
    }

    proptest! {
        #[test]
        fn any_order_gives_the_same_groups(raw in opinions(), seed in any::<u64>(), threshold in 0.05f64..0.9) {
            let ids: Vec<String> = (0..raw.len()).map(|i| format!("o{i}")).collect();
            let ops: Vec<OpinionText<'_>> =
                raw.iter().zip(&ids).map(|((item, text), id)| OpinionText { id, item: Some(item), text }).collect();
            let mut shuffled = ops.clone();
            // A permutation from the seed (a simple LCG Fisher–Yates, so the case is reproducible).
            let mut state = seed;
            for i in (1..shuffled.len()).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (state >> 33) as usize % (i + 1));
            }
            let a = cluster(&ops, threshold).unwrap();
            let b = cluster(&shuffled, threshold).unwrap();
            prop_assert_eq!(partition(&ops, &a), partition(&shuffled, &b));
            // Every input has one number, numbered by first appearance.
            prop_assert_eq!(a.len(), ops.len());
            let mut seen = 0;
            for &n in &a {
                prop_assert!(n <= seen);
                if n == seen { seen += 1; }
            }
            // Different items never share a group.
            for (x, y) in ops.iter().zip(&a).flat_map(|p| ops.iter().zip(&a).map(move |q| (p, q))) {
                if x.1 == y.1 { prop_assert_eq!(x.0.item, y.0.item); }
            }
        }
    }
}
