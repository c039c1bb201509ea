//! One entry of the history as a line of the register: a sentence in the
//! reader's language naming what was done to what, a link to that object,
//! and the fields it set (before and after, for an edit recorded with its
//! row before). Built from what the reader may see of the entry only: the
//! stored payload for administrators of its scope, its public fields for
//! everyone else.

use plenum_app::history::{Kind, Names, Readable};
use plenum_store::change::{Change, Committed};
use serde_json::Value;

use crate::i18n::Lang;

/// A field an entry set, with its value before when the entry kept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub before: Option<String>,
    pub after: String,
}

/// One line of the register.
#[derive(Debug)]
pub struct Line {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub sentence: String,
    pub link: Option<String>,
    pub fields: Vec<Field>,
    /// An edit whose entry predates keeping the row before: only the new row shows.
    pub before_missing: bool,
    pub hash: String,
}

impl Line {
    pub fn new(r: &Readable, names: &Names, lang: Lang) -> Line {
        let e = &r.entry;
        let (kind, sentence, link) = match &r.change {
            Some(c) => {
                let s = sentence(c, names, lang);
                (lang.t(&format!("history-kind-{}", Kind::of(&c.change).as_str())), lang.t_args(s.key, &s.args), s.link)
            }
            None => (String::new(), lang.t_args("history-undecodable", &[("action", e.action.clone())]), None),
        };
        let (fields, before_missing) = fields(r, lang);
        Line {
            seq: e.seq,
            at: e.at,
            actor: e.actor.clone().unwrap_or_default(),
            kind,
            sentence,
            link,
            fields,
            before_missing,
            hash: e.hash.clone(),
        }
    }
}

/// A sentence's message, its arguments and the page of its object.
struct Sentence {
    key: &'static str,
    args: Vec<(&'static str, String)>,
    link: Option<String>,
}

fn plenum_page(c: &Committed, rest: &str) -> Option<String> {
    c.scope.plenum_id.map(|p| format!("/plenums/{p}{rest}"))
}

/// The sentence for a change. No catch-all arm: a new change does not
/// compile until it has one, and every key is checked in both catalogs
/// (`every_key_used_exists_in_both_catalogs`).
fn sentence(c: &Committed, n: &Names, lang: Lang) -> Sentence {
    let item = |id: i64| ("item", n.item(id));
    let delegate = |id: i64| ("name", n.delegate(id));
    let delegate_page = |id: i64| plenum_page(c, &format!("/delegates/{id}"));
    match &c.change {
        Change::OrganizationCreated(o) => Sentence {
            key: "history-do-organization-created",
            args: vec![("name", o.name.clone())],
            link: Some(format!("/organizations/{}", o.id)),
        },
        Change::CommitteeCreated(m) => Sentence {
            key: "history-do-committee-created",
            args: vec![("name", m.name.clone())],
            link: Some(format!("/organizations/{}", m.org_id)),
        },
        Change::MemberAdded(m) => Sentence {
            key: "history-do-member-added",
            args: vec![("name", m.full_name.clone())],
            link: c.scope.org_id.map(|o| format!("/organizations/{o}")),
        },
        Change::MemberLinked(l) => Sentence {
            key: "history-do-member-linked",
            args: vec![("member", format!("#{}", l.member_id)), ("user", n.user(l.user_id))],
            link: Some("/users".into()),
        },
        Change::PlenumCreated(p) => Sentence {
            key: "history-do-plenum-created",
            args: vec![("title", p.title.clone())],
            link: Some(format!("/plenums/{}", p.id)),
        },
        Change::AgendaItemAdded(i) => Sentence {
            key: "history-do-agenda-item-added",
            args: vec![("item", format!("{}. {}", i.ordinal, i.title))],
            link: Some(format!("/plenums/{}/agenda", i.plenum_id)),
        },
        Change::AgendaItemChanged(a) => Sentence {
            key: "history-do-agenda-item-changed",
            args: vec![("item", format!("{}. {}", a.item.ordinal, a.item.title))],
            link: Some(format!("/plenums/{}/agenda/{}", a.item.plenum_id, a.item.id)),
        },
        Change::AgendaReordered(r) => Sentence {
            key: "history-do-agenda-reordered",
            args: vec![(
                "item",
                r.items
                    .iter()
                    .find(|i| i.id == r.item_id)
                    .map_or_else(|| n.item(r.item_id), |i| format!("{}. {}", i.ordinal, i.title)),
            )],
            link: Some(format!("/plenums/{}/agenda", r.plenum_id)),
        },
        Change::AgendaItemRemoved(r) => Sentence {
            key: "history-do-agenda-item-removed",
            args: vec![("item", format!("{}. {}", r.item.ordinal, r.item.title))],
            link: Some(format!("/plenums/{}/agenda", r.item.plenum_id)),
        },
        Change::ProgrammeSlotAdded(s) => Sentence {
            key: "history-do-programme-slot-added",
            args: vec![("day", s.day.clone()), ("start", s.starts_at.clone())],
            link: Some(format!("/plenums/{}/agenda", s.plenum_id)),
        },
        Change::ProgrammeSlotRemoved(s) => Sentence {
            key: "history-do-programme-slot-removed",
            args: vec![("day", s.day.clone()), ("start", s.starts_at.clone())],
            link: Some(format!("/plenums/{}/agenda", s.plenum_id)),
        },
        Change::SittingOpened(s) => Sentence {
            key: "history-do-sitting-opened",
            args: vec![("sitting", s.sitting.to_string())],
            link: Some(format!("/plenums/{}/delegates", s.plenum_id)),
        },
        Change::ScreenLinkCreated(l) => Sentence {
            key: "history-do-screen-link-created",
            args: vec![("label", l.label.clone())],
            link: plenum_page(c, "/screens"),
        },
        Change::ScreenLinkRevoked(l) => Sentence {
            key: "history-do-screen-link-revoked",
            args: vec![("label", l.label.clone())],
            link: plenum_page(c, "/screens"),
        },
        Change::GroupCreated(g) => Sentence {
            key: "history-do-group-created",
            args: vec![("name", g.name.clone())],
            link: Some(format!("/plenums/{}", g.plenum_id)),
        },
        Change::DelegateAdded(d) => Sentence {
            key: "history-do-delegate-added",
            args: vec![("name", d.full_name.clone())],
            link: delegate_page(d.id),
        },
        Change::DelegatesImported(d) => Sentence {
            key: "history-do-delegates-imported",
            args: vec![("count", d.count.to_string())],
            link: plenum_page(c, "/delegates"),
        },
        Change::AttendanceChanged(a) => Sentence {
            key: "history-do-attendance-changed",
            args: vec![delegate(a.delegate_id), ("status", lang.t(&format!("dlg-att-{}", a.attendance.as_str())))],
            link: delegate_page(a.delegate_id),
        },
        Change::LinkIssued(l) if l.issued => Sentence {
            key: "history-do-link-issued",
            args: vec![delegate(l.delegate_id)],
            link: delegate_page(l.delegate_id),
        },
        Change::LinkIssued(l) => Sentence {
            key: "history-do-link-withdrawn",
            args: vec![delegate(l.delegate_id)],
            link: delegate_page(l.delegate_id),
        },
        Change::LinkUsed(l) => Sentence {
            key: "history-do-link-used",
            args: vec![delegate(l.delegate_id)],
            link: delegate_page(l.delegate_id),
        },
        Change::DelegateLinked(l) => Sentence {
            key: "history-do-delegate-linked",
            args: vec![delegate(l.delegate_id), ("user", n.user(l.user_id))],
            link: delegate_page(l.delegate_id),
        },
        Change::MeetingSessionCreated(s) => Sentence {
            key: "history-do-session-created",
            args: vec![("session", s.title.clone())],
            link: Some(format!("/plenums/{}/chair", s.plenum_id)),
        },
        Change::MeetingSessionChanged(s) => Sentence {
            key: "history-do-session-changed",
            args: vec![
                ("session", s.title.clone()),
                ("status", lang.t(&format!("floor-status-{}", s.status.as_str()))),
            ],
            link: Some(format!("/plenums/{}/chair", s.plenum_id)),
        },
        Change::SpeakerRequested(e) => Sentence {
            key: "history-do-speaker-requested",
            args: vec![delegate(e.entry.delegate_id), item(e.entry.item_id)],
            link: plenum_page(c, "/chair"),
        },
        Change::SpeakersReordered(r) => Sentence {
            key: "history-do-speakers-reordered",
            args: vec![("session", n.session(r.session_id))],
            link: plenum_page(c, "/chair"),
        },
        Change::SpeakerStarted(e) => Sentence {
            key: "history-do-speaker-started",
            args: vec![delegate(e.entry.delegate_id), item(e.entry.item_id)],
            link: plenum_page(c, "/chair"),
        },
        Change::SpeakerStopped(s) => Sentence {
            key: "history-do-speaker-stopped",
            args: vec![delegate(s.speech.delegate_id), ("length", lang.length(s.speech.seconds.unwrap_or(0)))],
            link: plenum_page(c, "/desk"),
        },
        Change::SpeakerWithdrawn(w) => Sentence {
            key: "history-do-speaker-withdrawn",
            args: vec![("entry", format!("#{}", w.entry_id))],
            link: plenum_page(c, "/chair"),
        },
        Change::SpeakerTimeChanged(e) => Sentence {
            key: "history-do-speaker-time-changed",
            args: vec![delegate(e.entry.delegate_id), ("length", lang.length(e.entry.allotted_seconds))],
            link: plenum_page(c, "/chair"),
        },
        Change::SpeechRecorded(s) => Sentence {
            key: "history-do-speech-recorded",
            args: vec![delegate(s.delegate_id), item(s.item_id)],
            link: Some(format!("/plenums/{}/desk", s.plenum_id)),
        },
        Change::OpinionAdded(o) => Sentence {
            key: "history-do-opinion-added",
            args: vec![delegate(o.delegate_id), item(o.item_id)],
            link: Some(format!("/plenums/{}/desk/opinions/{}", o.plenum_id, o.id)),
        },
        Change::OpinionChanged(o) => Sentence {
            key: "history-do-opinion-changed",
            args: vec![delegate(o.delegate_id), item(o.item_id)],
            link: Some(format!("/plenums/{}/desk/opinions/{}", o.plenum_id, o.id)),
        },
        Change::DocumentCreated(d) => Sentence {
            key: "history-do-document-created",
            args: vec![("title", d.document.title.clone()), item(d.document.item_id)],
            link: Some(format!("/documents/{}", d.document.id)),
        },
        Change::DocumentVersionAdded(v) => Sentence {
            key: "history-do-document-version-added",
            args: vec![("number", v.version.number.to_string()), ("title", n.document(v.document_id))],
            link: Some(format!("/documents/{}/versions/{}", v.document_id, v.version.number)),
        },
        Change::AccountCreated(a) => Sentence {
            key: "history-do-account-created",
            args: vec![("user", a.username.clone()), ("name", a.display_name.clone())],
            link: Some("/users".into()),
        },
        Change::RoleGranted(r) => Sentence {
            key: "history-do-role-granted",
            args: vec![("user", n.user(r.user_id)), ("role", lang.t(&format!("role-{}", r.role.as_str())))],
            link: Some("/users".into()),
        },
        Change::LoginStarted(l) => Sentence {
            key: "history-do-login-started",
            args: vec![("user", n.user(l.user_id))],
            link: Some("/users".into()),
        },
        Change::TokenCreated(l) => Sentence {
            key: "history-do-token-created",
            args: vec![("user", n.user(l.user_id)), ("label", l.label.clone())],
            link: Some("/users".into()),
        },
        Change::LoginEnded(l) => Sentence {
            key: "history-do-login-ended",
            args: vec![("user", n.user(l.user_id))],
            link: Some("/users".into()),
        },
        Change::AccountDisabled(d) => Sentence {
            key: "history-do-account-disabled",
            args: vec![("user", n.user(d.user_id)), ("count", d.sessions_ended.to_string())],
            link: Some("/users".into()),
        },
        Change::SignedOutEverywhere(d) => Sentence {
            key: "history-do-signed-out-everywhere",
            args: vec![("user", n.user(d.user_id)), ("count", d.sessions_ended.to_string())],
            link: Some("/users".into()),
        },
        Change::BodyOfficerAdded(b) => Sentence {
            key: "history-do-body-officer-added",
            args: vec![("user", n.user(b.user_id)), ("body", b.body.clone())],
            link: Some("/users".into()),
        },
        Change::DispositionRecorded(d) => Sentence {
            key: "history-do-disposition-recorded",
            args: vec![
                ("opinion", format!("#{}", d.opinion_id)),
                ("kind", lang.t(&format!("syn-kind-{}", d.kind.as_str()))),
            ],
            link: Some(format!("/plenums/{}/synthesis#op-{}", d.plenum_id, d.opinion_id)),
        },
        Change::DispositionReviewed(d) => Sentence {
            key: "history-do-disposition-reviewed",
            args: vec![
                ("opinion", format!("#{}", d.opinion_id)),
                ("status", lang.t(&format!("syn-status-{}", d.status.as_str()))),
            ],
            link: Some(format!("/plenums/{}/synthesis#op-{}", d.plenum_id, d.opinion_id)),
        },
        Change::OpinionGroupsSet(g) => Sentence {
            key: "history-do-opinion-groups-set",
            args: vec![item(g.item_id), ("count", g.groups.len().to_string())],
            link: plenum_page(c, &format!("/synthesis#item-{}", g.item_id)),
        },
        Change::IssuedDocumentSaved(d) => Sentence {
            key: "history-do-issued-document-saved",
            args: vec![
                ("kind", lang.t(&format!("history-issued-{}", d.kind.as_str()))),
                ("number", d.number.to_string()),
            ],
            link: Some(format!("/plenums/{}/issued/{}", d.plenum_id, d.kind.slug())),
        },
        Change::PollCreated(p) | Change::PollChanged(p) | Change::PollOpened(p) | Change::PollSealed(p) => Sentence {
            key: match &c.change {
                Change::PollCreated(_) => "history-do-poll-created",
                Change::PollChanged(_) => "history-do-poll-changed",
                Change::PollOpened(_) => "history-do-poll-opened",
                _ => "history-do-poll-sealed",
            },
            args: vec![("title", p.title.clone())],
            link: Some(format!("/polls/{}", p.id)),
        },
        Change::PollClosed(p) => Sentence {
            key: "history-do-poll-closed",
            args: vec![("count", (p.roll.len() + p.votes.len()).to_string())],
            link: Some(format!("/polls/{}", p.poll_id)),
        },
        Change::PaperBallotEntered(e) => Sentence {
            key: "history-do-paper-ballot-entered",
            args: vec![("sheet", e.sheet.to_string()), ("counter", e.counter.to_string())],
            link: Some(format!("/polls/{}/paper", e.poll_id)),
        },
    }
}

/// The fields the entry set, from what this reader may see of it: for an
/// edit with its row before, the fields that changed; otherwise every field
/// of the new row.
fn fields(r: &Readable, lang: Lang) -> (Vec<Field>, bool) {
    let Some(c) = &r.change else { return (Vec::new(), false) };
    let (after, before) = if r.whole {
        (c.change.data(), c.before.as_ref().map(Change::data))
    } else {
        let visible = |ch: &Change| serde_json::to_value(ch.public()).unwrap_or_default();
        (visible(&c.change), c.before.as_ref().map(visible))
    };
    let mut after_flat = Vec::new();
    flatten("", &after, &mut after_flat);
    let edit = is_edit(&c.change);
    let Some(before) = before else {
        let fields = after_flat
            .into_iter()
            .map(|(name, v)| Field { after: value(lang, &name, &v), name: label(lang, &name), before: None })
            .collect();
        return (fields, edit);
    };
    let mut before_flat = Vec::new();
    flatten("", &before, &mut before_flat);
    let fields = after_flat
        .into_iter()
        .filter_map(|(name, v)| {
            let was = before_flat.iter().find(|(n, _)| *n == name).map(|(_, b)| b.clone()).unwrap_or(Value::Null);
            (was != v).then(|| Field {
                before: Some(value(lang, &name, &was)),
                after: value(lang, &name, &v),
                name: label(lang, &name),
            })
        })
        .collect();
    (fields, false)
}

/// The changes that edit a row in place, which record their row before.
fn is_edit(change: &Change) -> bool {
    matches!(
        change,
        Change::OpinionChanged(_)
            | Change::MeetingSessionChanged(_)
            | Change::AttendanceChanged(_)
            | Change::SpeakerTimeChanged(_)
    )
}

/// Objects nested in a payload (an entry's speaker-list row, a document's
/// version) flatten into `entry.status`-like names; lists stay one value.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&name, v, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

/// A field's name in the reader's language, when the catalog has it.
fn label(lang: Lang, name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    let key = format!("history-field-{}", last.replace('_', "-"));
    if lang.has(&key) {
        lang.t(&key)
    } else {
        name.to_string()
    }
}

/// A field's value as read: coded values in words, times as moments.
fn value(lang: Lang, name: &str, v: &Value) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    match v {
        Value::Null => "—".into(),
        Value::String(s) => {
            let key = match last {
                "attendance" => format!("dlg-att-{s}"),
                "stance" => format!("desk-stance-{s}"),
                "role" => format!("role-{s}"),
                _ => String::new(),
            };
            if !key.is_empty() && lang.has(&key) {
                lang.t(&key)
            } else {
                s.clone()
            }
        }
        Value::Number(n) if last.ends_with("_at") => {
            n.as_i64().map(|m| lang.moment(m)).unwrap_or_else(|| n.to_string())
        }
        Value::Bool(b) => lang.t(if *b { "history-yes" } else { "history-no" }),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_rows_flatten_to_dotted_names() {
        let mut out = Vec::new();
        flatten("", &serde_json::json!({"entry": {"status": "done", "id": 3}, "n": [1, 2]}), &mut out);
        assert_eq!(out.len(), 3);
        assert!(out.contains(&("entry.status".into(), Value::from("done"))));
        assert!(out.contains(&("n".into(), serde_json::json!([1, 2]))));
    }
}
