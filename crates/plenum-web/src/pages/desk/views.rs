//! What the desk shows: speeches with their opinions, speakers by name, stances.

use std::collections::HashMap;

use plenum_core::text::nfc;
use plenum_core::FieldErrors;
use plenum_store::{AgendaItem, Delegate, Opinion, Speech};

use crate::i18n::Tr;

/// A stance as the form offers it, with the digit that picks it.
pub struct StanceOption {
    pub value: &'static str,
    pub key: &'static str,
    pub digit: u8,
}

/// In the order of the number keys 1–4.
pub const STANCES: [StanceOption; 4] = [
    StanceOption { value: "agree", key: "desk-stance-agree", digit: 1 },
    StanceOption { value: "disagree", key: "desk-stance-disagree", digit: 2 },
    StanceOption { value: "propose_change", key: "desk-stance-propose_change", digit: 3 },
    StanceOption { value: "other", key: "desk-stance-other", digit: 4 },
];

/// The catalog key of a stance's name.
pub fn stance_key(stance: &str) -> &'static str {
    STANCES.iter().find(|s| s.value == stance).map_or("desk-stance-other", |s| s.key)
}

pub struct OpinionView {
    pub id: i64,
    pub item_ordinal: i64,
    pub anchor: String,
    pub stance: String,
    pub stance_key: &'static str,
    pub text: String,
}

pub struct SpeechView {
    pub id: i64,
    /// The speech's number in its session, from 1.
    pub number: usize,
    pub speaker: String,
    pub item_ordinal: i64,
    pub item_id: i64,
    /// Time of day it was recorded.
    pub time: String,
    /// Speaking time, if timed.
    pub length: String,
    pub opinions: Vec<OpinionView>,
}

/// Names and ordinals to show records with.
pub struct Lookup {
    ordinals: HashMap<i64, i64>,
    names: HashMap<i64, String>,
    /// Cited anchors as people read them ("II.2.a").
    labels: HashMap<String, String>,
}

impl Lookup {
    pub fn new(items: &[AgendaItem], delegates: &[Delegate], labels: &[(String, String)]) -> Lookup {
        let mut by_anchor = HashMap::new();
        // Newest version first: its label wins for an anchor found in several versions.
        for (anchor, label) in labels {
            by_anchor.entry(anchor.clone()).or_insert_with(|| label.clone());
        }
        Lookup {
            ordinals: items.iter().map(|i| (i.id, i.ordinal)).collect(),
            names: delegates.iter().map(|d| (d.id, d.full_name.clone())).collect(),
            labels: by_anchor,
        }
    }
    pub fn ordinal(&self, item_id: i64) -> i64 {
        self.ordinals.get(&item_id).copied().unwrap_or_default()
    }
    pub fn name(&self, delegate_id: i64) -> String {
        self.names.get(&delegate_id).cloned().unwrap_or_default()
    }
    pub fn opinion(&self, o: &Opinion) -> OpinionView {
        OpinionView {
            id: o.id,
            item_ordinal: self.ordinal(o.item_id),
            anchor: o
                .passage_anchor
                .as_ref()
                .map(|a| self.labels.get(a).cloned().unwrap_or_else(|| a.clone()))
                .unwrap_or_default(),
            stance: o.stance.as_str().to_string(),
            stance_key: stance_key(o.stance.as_str()),
            text: o.text.clone(),
        }
    }
}

/// A speaking time in words ("4 phút 30 giây"), or nothing when none was noted.
pub fn length(t: Tr, seconds: Option<i64>) -> String {
    seconds.map(|s| t.0.length(s)).unwrap_or_default()
}

/// One session's speeches with their opinions, newest first.
pub fn speech_views(
    t: Tr,
    lookup: &Lookup,
    session_id: i64,
    speeches: &[Speech],
    opinions: &[Opinion],
) -> Vec<SpeechView> {
    let mut by_speech: HashMap<i64, Vec<OpinionView>> = HashMap::new();
    for o in opinions {
        if let Some(sid) = o.speech_id {
            by_speech.entry(sid).or_default().push(lookup.opinion(o));
        }
    }
    let mut out: Vec<SpeechView> = speeches
        .iter()
        .filter(|s| s.session_id == session_id)
        .enumerate()
        .map(|(n, s)| SpeechView {
            id: s.id,
            number: n + 1,
            speaker: lookup.name(s.delegate_id),
            item_ordinal: lookup.ordinal(s.item_id),
            item_id: s.item_id,
            time: crate::i18n::time_of_day(s.created_at),
            length: length(t, s.seconds),
            opinions: by_speech.remove(&s.id).unwrap_or_default(),
        })
        .collect();
    out.reverse();
    out
}

/// A delegate as the speaker box offers them: typed by name, with their title beside.
pub struct Speaker {
    pub id: i64,
    /// What the box holds once chosen: the name, or the name with the title
    /// when two delegates share a name.
    pub label: String,
    pub detail: String,
}

/// Every delegate, the session's group first (they are the likely speakers).
pub fn speakers(delegates: &[Delegate], group: Option<i64>) -> Vec<Speaker> {
    let mut same_name: HashMap<String, usize> = HashMap::new();
    for d in delegates {
        *same_name.entry(fold(&d.full_name)).or_default() += 1;
    }
    let mut out: Vec<(bool, Speaker)> = delegates
        .iter()
        .map(|d| {
            let label = if same_name[&fold(&d.full_name)] > 1 {
                format!("{} ({})", d.full_name, d.title)
            } else {
                d.full_name.clone()
            };
            (group.is_none() || d.group_id != group, Speaker { id: d.id, label, detail: d.title.clone() })
        })
        .collect();
    out.sort_by_key(|(later, _)| *later);
    out.into_iter().map(|(_, s)| s).collect()
}

/// Names compare after NFC, trimming, collapsing spaces and ignoring case.
fn fold(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The delegate a typed name means, if exactly one.
pub fn resolve_speaker(speakers: &[Speaker], typed: &str) -> Option<i64> {
    let want = fold(typed);
    let mut hits = speakers.iter().filter(|s| fold(&s.label) == want);
    match (hits.next(), hits.next()) {
        (Some(s), None) => Some(s.id),
        _ => None,
    }
}

/// Field errors for the desk's forms: "Label: problem".
pub fn desk_errors(t: Tr, e: &FieldErrors) -> Vec<(String, String)> {
    crate::pages::labelled_errors(t.0, e, |field| t.s(&format!("desk-label-{field}")))
}

/// Does an error list name this field? (for aria-invalid)
pub fn has_error(errors: &[(String, String)], field: &str) -> bool {
    errors.iter().any(|(f, _)| f == field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plenum_core::conduct::attendance::Attendance;
    use plenum_core::prepare::roster::DelegateKind;

    fn delegate(id: i64, name: &str, title: &str, group: Option<i64>) -> Delegate {
        Delegate {
            id,
            plenum_id: 1,
            member_id: None,
            user_id: None,
            full_name: name.into(),
            title: title.into(),
            unit: String::new(),
            kind: DelegateKind::Member,
            group_id: group,
            checkin_code: String::new(),
            attendance: Attendance::Expected,
            attendance_reason: String::new(),
            attendance_at: None,
            version: 1,
        }
    }

    #[test]
    fn a_typed_name_finds_one_delegate() {
        let ds = [
            delegate(1, "Nguyễn Văn An", "Bí thư", Some(10)),
            delegate(2, "Lê Thị Hoa", "Giám đốc Sở Y tế", Some(11)),
            delegate(3, "Lê Thị Hoa", "Bí thư Huyện ủy", Some(10)),
        ];
        let list = speakers(&ds, Some(10));
        assert_eq!(list.iter().map(|s| s.id).collect::<Vec<_>>(), [1, 3, 2], "the session's group first");
        assert_eq!(
            resolve_speaker(&list, "  nguye\u{302}\u{303}n  văn an "),
            Some(1),
            "case, spaces and composition do not matter"
        );
        assert_eq!(resolve_speaker(&list, "Lê Thị Hoa"), None, "a shared name alone is ambiguous");
        assert_eq!(resolve_speaker(&list, "Lê Thị Hoa (Giám đốc Sở Y tế)"), Some(2));
        assert_eq!(resolve_speaker(&list, "Nguyễn"), None, "no guessing from a part of a name");
        assert_eq!(resolve_speaker(&list, ""), None);
    }
}
