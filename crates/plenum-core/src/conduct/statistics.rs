//! Statistics of the discussion, computed from the recorded speeches and
//! opinions — never kept as counters, so they cannot drift from the records.
//! The model sentence is the seed's: "59 lượt phát biểu với 130 ý kiến về 13 nội dung".

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::record::Stance;

/// A recorded speech, as the statistics need it.
#[derive(Debug, Clone)]
pub struct SpeechFact {
    pub id: i64,
    /// The item under discussion when the speech was given.
    pub item_id: i64,
    /// The discussion group, or `None` for the plenary hall.
    pub group_id: Option<i64>,
    pub delegate_id: i64,
}

/// A recorded opinion; `speech_id` is `None` for a written opinion.
#[derive(Debug, Clone)]
pub struct OpinionFact {
    pub speech_id: Option<i64>,
    pub item_id: i64,
    pub delegate_id: i64,
    pub stance: Stance,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByStance {
    pub agree: u32,
    pub disagree: u32,
    pub propose_change: u32,
    pub other: u32,
}

impl ByStance {
    fn add(&mut self, s: Stance) {
        match s {
            Stance::Agree => self.agree += 1,
            Stance::Disagree => self.disagree += 1,
            Stance::ProposeChange => self.propose_change += 1,
            Stance::Other => self.other += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemStats {
    pub item_id: i64,
    pub ordinal: i64,
    pub title: String,
    pub speeches: u32,
    pub opinions: u32,
    pub by_stance: ByStance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupStats {
    /// `None` is the plenary hall.
    pub group_id: Option<i64>,
    pub name: String,
    pub speeches: u32,
    pub opinions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateStats {
    pub delegate_id: i64,
    pub name: String,
    pub speeches: u32,
    pub opinions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statistics {
    pub speeches: u32,
    pub opinions: u32,
    /// Items with at least one speech or opinion.
    pub items_discussed: u32,
    pub by_item: Vec<ItemStats>,
    pub by_group: Vec<GroupStats>,
    pub by_delegate: Vec<DelegateStats>,
    pub summary_vi: String,
}

/// The names the tables show.
pub struct Names<'a> {
    /// (id, ordinal, title) of every agenda item, in order.
    pub items: &'a [(i64, i64, String)],
    /// (id, name) of every discussion group.
    pub groups: &'a [(i64, String)],
    /// (id, name) of every delegate.
    pub delegates: &'a [(i64, String)],
    /// What to call the plenary hall in the by-group table.
    pub hall: &'a str,
}

/// A speech counts for an item when it carries an opinion on that item, or,
/// carrying none, was given on it. An opinion counts for its group through its
/// speech; written opinions count for no group.
pub fn compute(names: &Names<'_>, speeches: &[SpeechFact], opinions: &[OpinionFact]) -> Statistics {
    let speech_group: BTreeMap<i64, Option<i64>> = speeches.iter().map(|s| (s.id, s.group_id)).collect();
    let mut item_speeches: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    let mut item_opinions: BTreeMap<i64, (u32, ByStance)> = BTreeMap::new();
    let mut with_opinions: BTreeSet<i64> = BTreeSet::new();
    for o in opinions {
        let e = item_opinions.entry(o.item_id).or_default();
        e.0 += 1;
        e.1.add(o.stance);
        if let Some(sid) = o.speech_id {
            item_speeches.entry(o.item_id).or_default().insert(sid);
            with_opinions.insert(sid);
        }
    }
    for s in speeches.iter().filter(|s| !with_opinions.contains(&s.id)) {
        item_speeches.entry(s.item_id).or_default().insert(s.id);
    }

    let by_item: Vec<ItemStats> = names
        .items
        .iter()
        .map(|(id, ordinal, title)| {
            let (n, stance) = item_opinions.get(id).cloned().unwrap_or_default();
            ItemStats {
                item_id: *id,
                ordinal: *ordinal,
                title: title.clone(),
                speeches: item_speeches.get(id).map_or(0, |s| s.len() as u32),
                opinions: n,
                by_stance: stance,
            }
        })
        .collect();
    let items_discussed = by_item.iter().filter(|i| i.speeches > 0 || i.opinions > 0).count() as u32;

    let mut by_group: Vec<GroupStats> = std::iter::once((None, names.hall.to_string()))
        .chain(names.groups.iter().map(|(id, n)| (Some(*id), n.clone())))
        .map(|(group_id, name)| GroupStats {
            group_id,
            name,
            speeches: speeches.iter().filter(|s| s.group_id == group_id).count() as u32,
            opinions: opinions
                .iter()
                .filter(|o| o.speech_id.and_then(|s| speech_group.get(&s).copied()) == Some(group_id))
                .count() as u32,
        })
        .collect();
    // The hall first only if anything happened there; groups keep their order.
    if by_group[0].speeches == 0 && by_group[0].opinions == 0 {
        by_group.remove(0);
    }

    let mut by_delegate: Vec<DelegateStats> = names
        .delegates
        .iter()
        .map(|(id, name)| DelegateStats {
            delegate_id: *id,
            name: name.clone(),
            speeches: speeches.iter().filter(|s| s.delegate_id == *id).count() as u32,
            opinions: opinions.iter().filter(|o| o.delegate_id == *id).count() as u32,
        })
        .filter(|d| d.speeches > 0 || d.opinions > 0)
        .collect();
    by_delegate.sort_by(|a, b| b.opinions.cmp(&a.opinions).then(b.speeches.cmp(&a.speeches)).then(a.name.cmp(&b.name)));

    let (n_speeches, n_opinions) = (speeches.len() as u32, opinions.len() as u32);
    Statistics {
        speeches: n_speeches,
        opinions: n_opinions,
        items_discussed,
        by_item,
        by_group,
        by_delegate,
        summary_vi: summary_vi(n_speeches, n_opinions, items_discussed),
    }
}

/// "59 lượt phát biểu với 130 ý kiến về 13 nội dung".
pub fn summary_vi(speeches: u32, opinions: u32, items: u32) -> String {
    format!("{speeches} lượt phát biểu với {opinions} ý kiến về {items} nội dung")
}

/// "59 speeches with 130 opinions on 13 items".
pub fn summary_en(speeches: u32, opinions: u32, items: u32) -> String {
    let s = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} with {} on {}",
        s(speeches, "speech", "speeches"),
        s(opinions, "opinion", "opinions"),
        s(items, "item", "items")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names<'a>(
        items: &'a [(i64, i64, String)],
        groups: &'a [(i64, String)],
        delegates: &'a [(i64, String)],
    ) -> Names<'a> {
        Names { items, groups, delegates, hall: "Hội trường" }
    }

    #[test]
    fn the_seed_sentence() {
        assert_eq!(summary_vi(59, 130, 13), "59 lượt phát biểu với 130 ý kiến về 13 nội dung");
        assert_eq!(summary_en(1, 2, 1), "1 speech with 2 opinions on 1 item");
    }

    #[test]
    fn a_speech_counts_for_each_item_it_speaks_to() {
        let items = [(1, 1, "A".to_string()), (2, 2, "B".to_string()), (3, 3, "C".to_string())];
        let groups = [(10, "Tổ 1".to_string())];
        let delegates = [(100, "An".to_string()), (101, "Bình".to_string())];
        let speeches = [
            SpeechFact { id: 1, item_id: 1, group_id: Some(10), delegate_id: 100 },
            SpeechFact { id: 2, item_id: 3, group_id: None, delegate_id: 101 },
        ];
        let opinions = [
            OpinionFact { speech_id: Some(1), item_id: 1, delegate_id: 100, stance: Stance::Agree },
            OpinionFact { speech_id: Some(1), item_id: 2, delegate_id: 100, stance: Stance::ProposeChange },
            OpinionFact { speech_id: Some(1), item_id: 2, delegate_id: 100, stance: Stance::Disagree },
            OpinionFact { speech_id: None, item_id: 2, delegate_id: 101, stance: Stance::Other },
        ];
        let s = compute(&names(&items, &groups, &delegates), &speeches, &opinions);
        assert_eq!((s.speeches, s.opinions, s.items_discussed), (2, 4, 3));
        let per_item: Vec<(u32, u32)> = s.by_item.iter().map(|i| (i.speeches, i.opinions)).collect();
        assert_eq!(
            per_item,
            vec![(1, 1), (1, 3), (1, 0)],
            "speech 2 carries no opinion, so it counts for the item it was given on"
        );
        assert_eq!(s.by_item[1].by_stance, ByStance { agree: 0, disagree: 1, propose_change: 1, other: 1 });
        let groups: Vec<(Option<i64>, u32, u32)> =
            s.by_group.iter().map(|g| (g.group_id, g.speeches, g.opinions)).collect();
        assert_eq!(groups, vec![(None, 1, 0), (Some(10), 1, 3)], "the written opinion belongs to no group");
        assert_eq!(s.by_delegate[0].name, "An");
        assert_eq!(s.summary_vi, "2 lượt phát biểu với 4 ý kiến về 3 nội dung");
    }

    proptest! {
        #[test]
        fn tallies_sum_to_the_totals(raw in proptest::collection::vec((0i64..5, 0i64..3, 0u8..4, proptest::bool::ANY), 0..60)) {
            let items: Vec<(i64, i64, String)> = (0..5).map(|i| (i, i + 1, format!("I{i}"))).collect();
            let groups: Vec<(i64, String)> = (1..3).map(|g| (g, format!("G{g}"))).collect();
            let delegates: Vec<(i64, String)> = (0..4).map(|d| (d, format!("D{d}"))).collect();
            let speeches: Vec<SpeechFact> = (0..10).map(|i| SpeechFact { id: i, item_id: i % 5, group_id: if i % 3 == 0 { None } else { Some(1 + i % 2) }, delegate_id: i % 4 }).collect();
            let opinions: Vec<OpinionFact> = raw.iter().enumerate().map(|(n, (item, d, st, written))| OpinionFact {
                speech_id: if *written { None } else { Some(n as i64 % 10) },
                item_id: *item,
                delegate_id: *d,
                stance: Stance::ALL[*st as usize],
            }).collect();
            let s = compute(&names(&items, &groups, &delegates), &speeches, &opinions);
            prop_assert_eq!(s.by_item.iter().map(|i| i.opinions).sum::<u32>(), s.opinions);
            for i in &s.by_item {
                let b = &i.by_stance;
                prop_assert_eq!(b.agree + b.disagree + b.propose_change + b.other, i.opinions);
            }
            prop_assert_eq!(s.by_group.iter().map(|g| g.speeches).sum::<u32>(), s.speeches);
            let spoken = opinions.iter().filter(|o| o.speech_id.is_some()).count() as u32;
            prop_assert_eq!(s.by_group.iter().map(|g| g.opinions).sum::<u32>(), spoken);
            prop_assert_eq!(s.by_delegate.iter().map(|d| d.opinions).sum::<u32>(), s.opinions);
            // Every speech is counted for at least one item.
            prop_assert!(s.by_item.iter().map(|i| i.speeches).sum::<u32>() >= s.speeches);
        }
    }
}
