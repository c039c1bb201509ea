//! The statistics chart, drawn on the server as inline SVG: one horizontal
//! bar per agenda item, its opinions stacked by stance. The geometry is
//! computed here; the template only writes it out.

use plenum_core::conduct::statistics::ItemStats;

use super::views::STANCES;
use crate::i18n::Tr;

const WIDTH: u32 = 760;
/// Room for the item labels on the left and the totals on the right.
const LEFT: u32 = 64;
const RIGHT: u32 = 44;
/// The legend above the bars.
const TOP: u32 = 34;
const ROW: u32 = 26;
const BAR: u32 = 18;
/// The axis below the bars.
const AXIS: u32 = 26;

pub struct Segment {
    pub x: u32,
    pub width: u32,
    pub stance: &'static str,
    /// The tooltip: "Nội dung 3 — Đề nghị sửa đổi, bổ sung: 4".
    pub title: String,
}

pub struct Bar {
    pub label: String,
    /// The top of the bar, and the baseline of its label text.
    pub y: u32,
    pub text_y: u32,
    pub total: u32,
    pub total_x: u32,
    pub segments: Vec<Segment>,
}

pub struct Tick {
    pub x: u32,
    pub value: u32,
}

pub struct LegendEntry {
    pub x: u32,
    pub stance: &'static str,
    pub name: String,
}

pub struct Chart {
    pub width: u32,
    pub height: u32,
    /// Where the bars start and end, for the axis and the grid.
    pub left: u32,
    pub top: u32,
    pub bar: u32,
    pub axis_y: u32,
    pub right_x: u32,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    pub legend: Vec<LegendEntry>,
    /// The accessible name: what the chart shows and the figures in a sentence.
    pub label: String,
}

/// A round step for the axis: 1, 2 or 5 times a power of ten, giving at most
/// about five ticks.
fn step_for(max: u32) -> u32 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if max <= step * m * 5 {
                return step * m;
            }
        }
        step *= 10;
    }
}

pub fn chart(t: Tr, items: &[ItemStats], summary: &str) -> Chart {
    let counts =
        |i: &ItemStats| [i.by_stance.agree, i.by_stance.disagree, i.by_stance.propose_change, i.by_stance.other];
    let max = items.iter().map(|i| i.opinions).max().unwrap_or(0).max(1);
    let step = step_for(max);
    let scale_max = max.div_ceil(step) * step;
    let span = WIDTH - LEFT - RIGHT;
    let px = |n: u32| n * span / scale_max;
    let names: Vec<String> = STANCES.iter().map(|s| t.s(s.key)).collect();
    let bars = items
        .iter()
        .enumerate()
        .map(|(row, item)| {
            let y = TOP + row as u32 * ROW;
            let label = t.0.t_args("desk-chart-item", &[("ordinal", item.ordinal.to_string())]);
            let mut acc = 0;
            let segments = STANCES
                .iter()
                .zip(counts(item))
                .enumerate()
                .filter(|(_, (_, n))| *n > 0)
                .map(|(k, (s, n))| {
                    // Each edge is placed from the running total, so rounding never opens gaps.
                    let (x0, x1) = (px(acc), px(acc + n));
                    acc += n;
                    Segment {
                        x: LEFT + x0,
                        width: x1 - x0,
                        stance: s.value,
                        title: format!("{label} — {}: {n}", names[k]),
                    }
                })
                .collect();
            Bar { y, text_y: y + BAR - 4, total: item.opinions, total_x: LEFT + px(item.opinions) + 6, segments, label }
        })
        .collect::<Vec<_>>();
    let axis_y = TOP + items.len() as u32 * ROW;
    let ticks = (0..=scale_max / step).map(|k| Tick { x: LEFT + px(k * step), value: k * step }).collect();
    // Each entry after the one before: its swatch, its name (at about 7.5 px a character) and a gap.
    let mut x = LEFT;
    let legend = STANCES
        .iter()
        .zip(names)
        .map(|(s, name)| {
            let entry = LegendEntry { x, stance: s.value, name };
            x += 20 + entry.name.chars().count() as u32 * 15 / 2 + 28;
            entry
        })
        .collect();
    Chart {
        width: WIDTH,
        height: axis_y + AXIS,
        left: LEFT,
        top: TOP,
        bar: BAR,
        axis_y,
        right_x: LEFT + span,
        bars,
        ticks,
        legend,
        label: t.0.t_args("desk-chart-label", &[("summary", summary.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use plenum_core::conduct::statistics::ByStance;

    fn item(ordinal: i64, b: [u32; 4]) -> ItemStats {
        ItemStats {
            item_id: ordinal,
            ordinal,
            title: String::new(),
            speeches: 1,
            opinions: b.iter().sum(),
            by_stance: ByStance { agree: b[0], disagree: b[1], propose_change: b[2], other: b[3] },
        }
    }

    #[test]
    fn bars_are_stacked_without_gaps_and_scaled_to_the_largest() {
        let items = [item(1, [5, 1, 7, 3]), item(2, [0, 0, 0, 0]), item(3, [2, 0, 0, 1])];
        let c = chart(Tr(Lang::Vi), &items, "x");
        let full = &c.bars[0];
        assert_eq!(full.segments.len(), 4);
        for w in full.segments.windows(2) {
            assert_eq!(w[0].x + w[0].width, w[1].x, "segments touch");
        }
        let end = full.segments.last().map(|s| s.x + s.width).unwrap();
        assert!(end <= c.right_x && end > c.left, "the largest bar fits: {end}");
        assert!(c.bars[1].segments.is_empty(), "an item without opinions has no bar");
        assert_eq!(c.bars[2].segments.iter().map(|s| s.stance).collect::<Vec<_>>(), ["agree", "other"]);
        assert!(c.bars[2].segments[0].title.ends_with(": 2"), "{}", c.bars[2].segments[0].title);
        assert_eq!(c.ticks.first().map(|t| t.value), Some(0));
        assert!(c.ticks.last().unwrap().value >= 16);
        assert_eq!(c.height, TOP + 3 * ROW + AXIS);
        for w in c.legend.windows(2) {
            assert!(
                w[0].x + 20 + w[0].name.chars().count() as u32 * 7 < w[1].x,
                "legend entries do not overlap: {} / {}",
                w[0].name,
                w[1].name
            );
        }
        assert!(
            c.legend.last().map(|l| l.x + 20 + l.name.chars().count() as u32 * 8).unwrap() < c.width,
            "the legend fits"
        );
    }

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(step_for(1), 1);
        assert_eq!(step_for(5), 1);
        assert_eq!(step_for(9), 2);
        assert_eq!(step_for(16), 5);
        assert_eq!(step_for(30), 10);
        assert_eq!(step_for(130), 50);
    }
}
