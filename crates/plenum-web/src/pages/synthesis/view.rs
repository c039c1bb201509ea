//! The workspace as its template shows it: every label already in the
//! reader's language, so the template only lays it out.

use plenum_app::synthesize::{ChangeChoice, ItemWork, OpinionWork, Trace, Workspace};
use plenum_core::conduct::record::Stance;
use plenum_core::synthesize::disposition::{DispositionKind, Progress, ReviewStatus, TraceFlag};

use crate::i18n::Tr;

/// An option of a select: value, label, selected.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    fn new(value: impl ToString, label: impl Into<String>, current: &str) -> Choice {
        let value = value.to_string();
        Choice { selected: value == current, value, label: label.into() }
    }
}

/// What was typed in one opinion's forms that the server refused, and why.
#[derive(Default)]
pub struct Typed {
    pub opinion_id: i64,
    /// The answer form's kind, reply and change, when it was that form.
    pub answer: Option<(String, String, String)>,
    /// The paper opinion form, when it was that form.
    pub paper: Option<Paper>,
    /// The group answer form, when it was that form: the group, and its kind, reply and change.
    pub group: Option<(i64, String, String, String)>,
    pub errors: Vec<(String, String)>,
}

/// A paper opinion as typed.
#[derive(Default)]
pub struct Paper {
    pub delegate_id: String,
    pub item_id: String,
    pub stance: String,
    pub text: String,
}

/// Options with `current` selected, after a first "choose" option.
pub fn choices(choose: String, all: &[(i64, String)], current: &str) -> Vec<Choice> {
    let mut out = vec![Choice::new("", choose, current)];
    out.extend(all.iter().map(|(id, label)| Choice::new(id, label.clone(), current)));
    out
}

pub fn stance_choices(t: Tr, current: &str) -> Vec<Choice> {
    Stance::ALL.iter().map(|s| Choice::new(s.as_str(), t.s(&format!("desk-stance-{}", s.as_str())), current)).collect()
}

pub struct OpinionView {
    pub id: i64,
    pub delegate: String,
    pub discussion_group: String,
    pub stance: String,
    pub passage: String,
    pub source: String,
    pub text: String,
    pub group_id: Option<i64>,
    pub group_title: String,
    /// The answer, if any: its kind's label, reply and review state.
    pub answered: bool,
    pub kind_label: String,
    pub reply: String,
    pub status: String,
    pub status_label: String,
    pub review_note: String,
    /// The version the forms send back; empty when not answered yet.
    pub version: String,
    pub trace: Option<ChangeView>,
    pub flag: String,
    /// The answer form's choices, with what is current (or was typed) selected.
    pub kinds: Vec<Choice>,
    pub changes: Vec<Choice>,
    pub typed_reply: String,
    pub errors: Vec<(String, String)>,
    pub may_answer: bool,
    pub may_approve: bool,
    pub may_return: bool,
}

pub struct ChangeView {
    pub where_: String,
    pub text: String,
}

pub struct GroupView {
    pub id: i64,
    pub title: String,
    pub size: usize,
    /// The other groups of the item, to merge into.
    pub others: Vec<Choice>,
    /// The group answer form's choices, with what was typed when it was refused.
    pub kinds: Vec<Choice>,
    pub changes: Vec<Choice>,
    pub typed_reply: String,
    pub errors: Vec<(String, String)>,
}

pub struct ItemView {
    pub id: i64,
    pub ordinal: i64,
    pub title: String,
    pub body: String,
    pub progress: String,
    pub counts: String,
    pub groups: Vec<GroupView>,
    pub opinions: Vec<OpinionView>,
}

/// "112/130 ý kiến đã xử lý (5 chờ duyệt)".
pub fn progress_line(t: Tr, p: &Progress) -> String {
    t.0.t_args(
        "syn-progress",
        &[("approved", p.approved.to_string()), ("total", p.total.to_string()), ("pending", p.awaiting().to_string())],
    )
}

pub fn kind_label(t: Tr, k: DispositionKind) -> String {
    t.s(&format!("syn-kind-{}", k.as_str()))
}

fn kinds(t: Tr, current: &str) -> Vec<Choice> {
    let mut out = vec![Choice::new("", t.s("syn-kind-choose"), current)];
    out.extend(DispositionKind::ALL.iter().map(|k| Choice::new(k.as_str(), kind_label(t, *k), current)));
    out
}

/// The value a change choice is sent as: "document:anchor".
pub fn change_value(document_id: i64, anchor: &str) -> String {
    format!("{document_id}:{anchor}")
}

pub fn change_where(t: Tr, c: &ChangeChoice) -> String {
    t.0.t_args(
        "syn-change-where",
        &[("document", c.document_title.clone()), ("version", c.version.to_string()), ("label", c.label.clone())],
    )
}

fn changes(t: Tr, all: &[ChangeChoice], current: &str) -> Vec<Choice> {
    let mut out = vec![Choice::new("", t.s("syn-change-none"), current)];
    out.extend(all.iter().map(|c| Choice::new(change_value(c.document_id, &c.anchor), change_where(t, c), current)));
    out
}

pub fn flag_text(t: Tr, f: TraceFlag) -> String {
    t.s(match f {
        TraceFlag::NoChange => "syn-flag-no-change",
        TraceFlag::Unchanged => "syn-flag-unchanged",
    })
}

fn opinion(t: Tr, o: &OpinionWork, item: &ItemWork, office: bool, typed: Option<&Typed>) -> OpinionView {
    let d = o.disposition.as_ref();
    let current_kind = d.map(|d| d.kind.as_str().to_string()).unwrap_or_default();
    let current_change =
        d.and_then(|d| Some(change_value(d.document_id?, d.change_anchor.as_deref()?))).unwrap_or_default();
    let typed = typed.filter(|x| x.opinion_id == o.opinion.id && x.paper.is_none() && x.group.is_none());
    let answer = typed.and_then(|x| x.answer.as_ref());
    let status = d.map(|d| d.status);
    let (trace, flag) = match &o.trace {
        Some(Trace::Changed(c)) => {
            (Some(ChangeView { where_: change_where(t, c), text: c.text.clone() }), String::new())
        }
        Some(Trace::Flagged(f)) => (None, flag_text(t, *f)),
        None => (None, String::new()),
    };
    let group = o.group_id.and_then(|g| item.groups.iter().find(|x| x.id == g));
    OpinionView {
        id: o.opinion.id,
        delegate: o.delegate.clone(),
        discussion_group: o.discussion_group.clone().unwrap_or_default(),
        stance: t.s(&format!("desk-stance-{}", o.opinion.stance.as_str())),
        passage: o.passage.clone().unwrap_or_default(),
        source: t.s(if o.spoken { "syn-spoken" } else { "syn-written" }),
        text: o.opinion.text.clone(),
        group_id: o.group_id,
        group_title: group.map(|g| g.title.clone()).unwrap_or_default(),
        answered: d.is_some(),
        kind_label: d.map(|d| kind_label(t, d.kind)).unwrap_or_default(),
        reply: d.map(|d| d.reply.clone()).unwrap_or_default(),
        status: status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        status_label: status.map(|s| t.s(&format!("syn-status-{}", s.as_str()))).unwrap_or_default(),
        review_note: d.map(|d| d.review_note.clone()).unwrap_or_default(),
        version: d.map(|d| d.version.to_string()).unwrap_or_default(),
        trace,
        flag,
        kinds: kinds(t, answer.map_or(&current_kind, |x| &x.0)),
        changes: changes(t, &item.changes, answer.map_or(&current_change, |x| &x.2)),
        typed_reply: answer.map_or_else(|| d.map(|d| d.reply.clone()).unwrap_or_default(), |x| x.1.clone()),
        errors: typed.map(|x| x.errors.clone()).unwrap_or_default(),
        may_answer: office || status != Some(ReviewStatus::Approved),
        may_approve: office && matches!(status, Some(ReviewStatus::Drafted | ReviewStatus::Returned)),
        may_return: office && status == Some(ReviewStatus::Drafted),
    }
}

pub fn items(t: Tr, w: &Workspace, typed: Option<&Typed>) -> Vec<ItemView> {
    w.items
        .iter()
        .map(|i| ItemView {
            id: i.item.id,
            ordinal: i.item.ordinal,
            title: i.item.title.clone(),
            body: i.body.as_ref().map(|b| b.name.clone()).unwrap_or_else(|| i.item.presenter.clone()),
            progress: progress_line(t, &i.progress),
            counts: t.0.t_args(
                "syn-item-counts",
                &[
                    ("speeches", i.speeches.to_string()),
                    ("opinions", i.progress.total.to_string()),
                    ("taken", i.taken_in.to_string()),
                    ("explained", i.explained.to_string()),
                ],
            ),
            groups: i
                .groups
                .iter()
                .map(|g| {
                    let refused = typed.filter(|x| x.group.as_ref().is_some_and(|t| t.0 == g.id));
                    let form = refused.and_then(|x| x.group.clone()).unwrap_or_default();
                    GroupView {
                        id: g.id,
                        title: g.title.clone(),
                        size: g.opinion_ids.len(),
                        others: i
                            .groups
                            .iter()
                            .filter(|o| o.id != g.id)
                            .map(|o| Choice::new(o.id, o.title.clone(), ""))
                            .collect(),
                        kinds: kinds(t, &form.1),
                        changes: changes(t, &i.changes, &form.3),
                        typed_reply: form.2,
                        errors: refused.map(|x| x.errors.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
            opinions: i.opinions.iter().map(|o| opinion(t, o, i, w.office, typed)).collect(),
        })
        .collect()
}

/// The filter form's selects.
pub struct Filters {
    pub items: Vec<Choice>,
    pub groups: Vec<Choice>,
    pub stances: Vec<Choice>,
    pub dispositions: Vec<Choice>,
    pub delegates: Vec<Choice>,
    pub q: String,
}

pub fn filters(t: Tr, w: &Workspace, all_items: &[(i64, String)], ask: &super::ask::Ask) -> Filters {
    let any = |key: &str, current: &str| vec![Choice::new("", t.s(key), current)];
    let mut items = any("syn-any-item", &ask.item);
    items.extend(all_items.iter().map(|(id, title)| Choice::new(id, title.clone(), &ask.item)));
    let mut groups = any("syn-any-group", &ask.group);
    groups.extend(w.discussion_groups.iter().map(|(id, n)| Choice::new(id, n.clone(), &ask.group)));
    let mut stances = any("syn-any-stance", &ask.stance);
    stances.extend(stance_choices(t, &ask.stance));
    let mut dispositions = any("syn-any-disposition", &ask.disposition);
    dispositions.push(Choice::new("none", t.s("syn-unanswered"), &ask.disposition));
    dispositions
        .extend(DispositionKind::ALL.iter().map(|k| Choice::new(k.as_str(), kind_label(t, *k), &ask.disposition)));
    dispositions.extend(
        ReviewStatus::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), t.s(&format!("syn-status-{}", s.as_str())), &ask.disposition)),
    );
    dispositions.push(Choice::new("flagged", t.s("syn-flagged"), &ask.disposition));
    let mut delegates = any("syn-any-delegate", &ask.delegate);
    delegates.extend(w.delegates.iter().map(|(id, n)| Choice::new(id, n.clone(), &ask.delegate)));
    Filters { items, groups, stances, dispositions, delegates, q: ask.q.clone() }
}
