//! Statistics of the discussion at the demo's size (59 speeches, 130 opinions,
//! 13 items, 4 groups, 77 delegates) and at ten times that, next to a floor:
//! one pass over the same records that only counts stances. `compute` runs on
//! every statistics request and fragment refresh, so it should stay close to
//! the floor. Run: `cargo bench -p plenum-core --bench statistics`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use plenum_core::conduct::record::Stance;
use plenum_core::conduct::statistics::{compute, Names, OpinionFact, SpeechFact};

struct Plenum {
    items: Vec<(i64, i64, String)>,
    groups: Vec<(i64, String)>,
    delegates: Vec<(i64, String)>,
    speeches: Vec<SpeechFact>,
    opinions: Vec<OpinionFact>,
}

/// A discussion shaped like the demo's, `scale` times over; spread
/// deterministically so every run measures the same records.
fn plenum(scale: usize) -> Plenum {
    let (n_items, n_groups, n_delegates) = (13, 4, 77 * scale);
    let items = (1..=n_items).map(|i| (i as i64, i as i64, format!("Nội dung {i}"))).collect();
    let groups = (1..=n_groups).map(|g| (g as i64, format!("Tổ {g}"))).collect();
    let delegates = (1..=n_delegates).map(|d| (d as i64, format!("Đại biểu {d:04}"))).collect();
    let speeches: Vec<SpeechFact> = (0..59 * scale)
        .map(|s| SpeechFact {
            id: s as i64 + 1,
            item_id: (s % n_items) as i64 + 1,
            // Four closed group sessions and the plenary hall, as in the demo.
            group_id: (s % 5 != 0).then_some((s % n_groups) as i64 + 1),
            delegate_id: ((s * 7) % n_delegates) as i64 + 1,
        })
        .collect();
    let opinions = (0..130 * scale)
        .map(|o| {
            // Most opinions come from a speech; every tenth is written.
            let speech = (o % 10 != 0).then(|| &speeches[(o * 3) % speeches.len()]);
            OpinionFact {
                speech_id: speech.map(|s| s.id),
                item_id: speech.map_or((o % n_items) as i64 + 1, |s| s.item_id),
                delegate_id: speech.map_or(((o * 11) % n_delegates) as i64 + 1, |s| s.delegate_id),
                stance: Stance::ALL[o % 4],
            }
        })
        .collect();
    Plenum { items, groups, delegates, speeches, opinions }
}

/// The least any statistics can cost: look at every record once.
fn floor(p: &Plenum) -> [u32; 5] {
    let mut counts = [0u32; 5];
    counts[4] = p.speeches.len() as u32;
    for o in &p.opinions {
        counts[o.stance as usize] += 1;
    }
    counts
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("statistics");
    for scale in [1, 10] {
        let p = plenum(scale);
        let names = Names { items: &p.items, groups: &p.groups, delegates: &p.delegates, hall: "Hội trường" };
        let label = format!("{}sp-{}op", p.speeches.len(), p.opinions.len());
        group.bench_with_input(BenchmarkId::new("compute", &label), &p, |b, p| {
            b.iter(|| compute(black_box(&names), black_box(&p.speeches), black_box(&p.opinions)))
        });
        group.bench_with_input(BenchmarkId::new("floor", &label), &p, |b, p| b.iter(|| floor(black_box(p))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
