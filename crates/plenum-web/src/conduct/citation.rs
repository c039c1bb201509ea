//! A cited passage as delegates read it: its label ("II.2.a") and its first
//! words, never the internal anchor an opinion stores.

use std::collections::HashMap;

use plenum_app::conduct::opinions::Citable;
use plenum_store::documents::Passage;

/// Words of a passage shown beside its label: enough to recognise it.
const FIRST_WORDS: usize = 8;

/// The first words of a passage's text, with "…" if there are more.
pub fn first_words(text: &str) -> String {
    let mut words = text.split_whitespace();
    let shown: Vec<&str> = words.by_ref().take(FIRST_WORDS).collect();
    let more = if words.next().is_some() { "…" } else { "" };
    format!("{}{more}", shown.join(" "))
}

/// "II.2.a — Tăng cường công tác xây dựng Đảng về…", or the first words alone
/// for a passage without a label (a paragraph between headings).
pub fn describe(p: &Passage) -> String {
    match (p.label.trim(), first_words(&p.text)) {
        ("", words) => words,
        (label, words) if words.is_empty() => label.to_string(),
        (label, words) => format!("{label} — {words}"),
    }
}

/// One passage to choose from.
pub struct Choice {
    pub anchor: String,
    pub text: String,
}

/// One document's passages, under the heading of its item and title.
pub struct ChoiceGroup {
    pub item_id: i64,
    pub heading: String,
    pub choices: Vec<Choice>,
}

/// The passages a delegate may cite, grouped by document, and what each
/// cited anchor reads as. Anchors of older versions, which `citable` does
/// not hold, fall back to their label in `labels` ((anchor, label), newest first).
pub struct Citations {
    pub groups: Vec<ChoiceGroup>,
    by_anchor: HashMap<String, String>,
}

impl Citations {
    pub fn new(citable: &[Citable], labels: &[(String, String)], heading: impl Fn(&Citable) -> String) -> Citations {
        let mut by_anchor: HashMap<String, String> = HashMap::new();
        let groups = citable
            .iter()
            .map(|c| ChoiceGroup {
                item_id: c.document.item_id,
                heading: heading(c),
                choices: c
                    .passages
                    .iter()
                    .map(|p| {
                        let text = describe(p);
                        by_anchor.entry(p.anchor.clone()).or_insert_with(|| text.clone());
                        Choice { anchor: p.anchor.clone(), text }
                    })
                    .collect(),
            })
            .collect();
        for (anchor, label) in labels {
            by_anchor.entry(anchor.clone()).or_insert_with(|| label.clone());
        }
        Citations { groups, by_anchor }
    }

    /// What a cited anchor reads as; an anchor no passage has any more shows as itself.
    pub fn read(&self, anchor: &str) -> String {
        self.by_anchor.get(anchor).cloned().unwrap_or_else(|| anchor.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(anchor: &str, label: &str, text: &str) -> Passage {
        Passage {
            id: 1,
            version_id: 1,
            ordinal: 1,
            anchor: anchor.into(),
            label: label.into(),
            level: 1,
            text: text.into(),
        }
    }

    #[test]
    fn a_passage_reads_as_its_label_and_first_words() {
        let p = passage("dec01c45fa5c", "II.2.a", "Tăng cường công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức");
        assert_eq!(describe(&p), "II.2.a — Tăng cường công tác xây dựng Đảng về…");
        assert_eq!(describe(&passage("a", "", "Ngắn gọn.")), "Ngắn gọn.");
        assert_eq!(describe(&passage("a", "Điều 3", "")), "Điều 3");
    }

    #[test]
    fn cited_anchors_read_as_passages_and_older_ones_as_their_label() {
        let doc = plenum_store::documents::Document {
            id: 1,
            item_id: 7,
            plenum_id: 1,
            title: "Dự thảo Nghị quyết".into(),
            kind: "draft".into(),
            created_at: 0,
            latest: 2,
        };
        let citable = [Citable { document: doc, version: 2, passages: vec![passage("new", "I.1", "Mở đầu")] }];
        let labels = [("old".to_string(), "I.2".to_string()), ("new".to_string(), "I.1".to_string())];
        let c = Citations::new(&citable, &labels, |c| c.document.title.clone());
        assert_eq!(
            (c.read("new"), c.read("old"), c.read("gone")),
            ("I.1 — Mở đầu".into(), "I.2".into(), "gone".into())
        );
        assert_eq!(c.groups[0].item_id, 7);
        assert_eq!(c.groups[0].heading, "Dự thảo Nghị quyết");
    }
}
