//! How well opinions are grouped, measured on the labelled opinions in
//! `fixtures/opinions.jsonl` (see docs/QUALITY.md): pairwise precision,
//! recall and F1 of the method against two baselines, on the tuning part and
//! on the held-out part separately. The threshold is chosen on the tuning
//! part only; the held-out figures are reported for it. Run with
//! `cargo test -p plenum-core --test cluster_quality -- --nocapture` to see
//! the sweep and the table.

use std::collections::{BTreeMap, BTreeSet};

use plenum_core::synthesize::terms::{is_stop, words};
use plenum_core::synthesize::{cluster, OpinionText, DEFAULT_THRESHOLD};
use plenum_core::text::{fold::fold, nfc};

#[derive(serde::Deserialize)]
struct Labelled {
    id: String,
    item: String,
    text: String,
    cluster: String,
    split: String,
}

fn fixture() -> Vec<Labelled> {
    include_str!("fixtures/opinions.jsonl")
        .lines()
        .enumerate()
        .map(|(n, line)| serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1)))
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct Score {
    precision: f64,
    recall: f64,
    f1: f64,
}

/// Pairwise scores: a pair of opinions is predicted together when both get the
/// same number; a pair with no predicted pairs at all has precision 1.
fn score(gold: &[&str], predicted: &[usize]) -> Score {
    let (mut both, mut gold_pairs, mut predicted_pairs) = (0u32, 0u32, 0u32);
    for i in 0..gold.len() {
        for j in i + 1..gold.len() {
            let g = gold[i] == gold[j];
            let p = predicted[i] == predicted[j];
            gold_pairs += u32::from(g);
            predicted_pairs += u32::from(p);
            both += u32::from(g && p);
        }
    }
    let precision = if predicted_pairs == 0 { 1.0 } else { f64::from(both) / f64::from(predicted_pairs) };
    let recall = if gold_pairs == 0 { 1.0 } else { f64::from(both) / f64::from(gold_pairs) };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Score { precision, recall, f1 }
}

/// Baseline (a): every opinion alone.
fn singletons(part: &[&Labelled]) -> Vec<usize> {
    (0..part.len()).collect()
}

/// Baseline (b): opinions on one item whose folded texts are equal.
fn exact_after_fold(part: &[&Labelled]) -> Vec<usize> {
    let mut seen = BTreeMap::new();
    part.iter()
        .map(|o| {
            let next = seen.len();
            *seen.entry((o.item.clone(), fold(nfc(&o.text).trim()))).or_insert(next)
        })
        .collect()
}

fn method(part: &[&Labelled], threshold: f64) -> Vec<usize> {
    let ops: Vec<OpinionText<'_>> =
        part.iter().map(|o| OpinionText { id: &o.id, item: Some(&o.item), text: &o.text }).collect();
    cluster(&ops, threshold).unwrap()
}

fn split<'a>(all: &'a [Labelled], name: &str) -> Vec<&'a Labelled> {
    all.iter().filter(|o| o.split == name).collect()
}

fn gold<'a>(part: &[&'a Labelled]) -> Vec<&'a str> {
    part.iter().map(|o| o.cluster.as_str()).collect()
}

/// The thresholds tried on the tuning part: 0.05, 0.075, … 0.60.
fn sweep() -> Vec<f64> {
    (2..=24).map(|k| f64::from(k) * 0.025).collect()
}

/// Discourse pairs every kind of opinion uses: sharing one says nothing about the topic.
const GENERIC: [&str; 20] = [
    "lam ro",
    "bo sung",
    "nguyen nhan",
    "giai phap",
    "danh gia",
    "bao cao",
    "ket qua",
    "cu the",
    "thanh pho",
    "trach nhiem",
    "han che",
    "thuc hien",
    "nhiem vu",
    "trong tam",
    "ban soan",
    "soan thao",
    "nhat tri",
    "co ban",
    "tuy nhien",
    "du thao",
];

/// The topic pairs of an opinion: neighbouring words (after folding,
/// acronyms spelled out and boilerplate left out) neither of which is a
/// function word or the number of a year, and not a discourse pair.
fn topic_pairs(text: &str) -> BTreeSet<String> {
    let words = words(text);
    words
        .windows(2)
        .filter(|p| !p.iter().any(|w| is_stop(w) || w == "nam" || w.chars().all(|c| c.is_ascii_digit())))
        .map(|p| format!("{} {}", p[0], p[1]))
        .filter(|p| !GENERIC.contains(&p.as_str()))
        .collect()
}

#[test]
fn the_fixture_is_as_described() {
    let all = fixture();
    assert!(all.len() >= 110);
    let ids: BTreeSet<&str> = all.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "ids are unique");
    let mut clusters: BTreeMap<&str, (usize, BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for o in &all {
        let c = clusters.entry(&o.cluster).or_default();
        c.0 += 1;
        c.1.insert(&o.item);
        c.2.insert(&o.split);
    }
    assert!(
        clusters.values().all(|(_, items, splits)| items.len() == 1 && splits.len() == 1),
        "a cluster has one item and one split"
    );
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for (n, _, _) in clusters.values() {
        *sizes.entry(*n).or_default() += 1;
    }
    let heldout = clusters.values().filter(|(_, _, s)| s.contains("heldout")).count();
    println!(
        "{} opinions, {} clusters, sizes (size: clusters) {sizes:?}, held out {heldout} clusters",
        all.len(),
        clusters.len()
    );
    let share = heldout as f64 / clusters.len() as f64;
    assert!((0.25..=0.35).contains(&share), "held-out share of clusters {share}");

    // Hard negatives: same-item pairs in different clusters that share a topic pair.
    let (mut cross, mut hard) = (0, 0);
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            if a.item == b.item && a.cluster != b.cluster {
                cross += 1;
                if !topic_pairs(&a.text).is_disjoint(&topic_pairs(&b.text)) {
                    hard += 1;
                }
            }
        }
    }
    println!("same-item pairs in different clusters: {cross}, sharing a topic pair (hard negatives): {hard}");
    assert!(hard * 3 >= cross, "at least a third are hard negatives: {hard} of {cross}");
}

#[test]
fn the_method_beats_the_baselines_on_held_out_opinions() {
    let all = fixture();
    let tune = split(&all, "tune");
    let heldout = split(&all, "heldout");

    println!("threshold sweep on the tuning part ({} opinions):", tune.len());
    println!("| threshold | precision | recall | F1 |\n|---|---|---|---|");
    let mut best = (0.0, f64::MIN);
    for t in sweep() {
        let s = score(&gold(&tune), &method(&tune, t));
        println!("| {t:.3} | {:.3} | {:.3} | {:.3} |", s.precision, s.recall, s.f1);
        // The first (lowest) threshold with the best F1 wins a tie.
        if s.f1 > best.1 + 1e-9 {
            best = (t, s.f1);
        }
    }
    println!("best on the tuning part: {:.3} (F1 {:.3})", best.0, best.1);
    assert!((best.0 - DEFAULT_THRESHOLD).abs() < 1e-9, "DEFAULT_THRESHOLD is the threshold chosen on the tuning part");

    println!("| part | method | precision | recall | F1 |\n|---|---|---|---|---|");
    let mut figures = BTreeMap::new();
    for (name, part) in [("tune", &tune), ("heldout", &heldout)] {
        let g = gold(part);
        let pairs =
            (0..g.len()).flat_map(|i| (i + 1..g.len()).map(move |j| (i, j))).filter(|&(i, j)| g[i] == g[j]).count();
        println!(
            "| {name} | ({} opinions, {} clusters, {pairs} same-cluster pairs) | | | |",
            g.len(),
            g.iter().collect::<BTreeSet<_>>().len()
        );
        for (m, predicted) in [
            ("all singletons", singletons(part)),
            ("exact match after fold", exact_after_fold(part)),
            ("TF-IDF + average linkage", method(part, DEFAULT_THRESHOLD)),
        ] {
            let s = score(&g, &predicted);
            println!("| {name} | {m} | {:.3} | {:.3} | {:.3} |", s.precision, s.recall, s.f1);
            figures.insert((name, m), s);
        }
    }
    let f1 = |m| figures[&("heldout", m)].f1;
    let ours = f1("TF-IDF + average linkage");
    assert!(ours > f1("all singletons") && ours > f1("exact match after fold"));
    assert!(ours >= HELD_OUT_F1_FLOOR, "held-out F1 {ours:.3}");
}

/// The held-out F1 must stay at least this (0.897 was measured when the
/// threshold was chosen, docs/QUALITY.md): a change that makes grouping
/// clearly worse fails here.
const HELD_OUT_F1_FLOOR: f64 = 0.80;
