//! The synthesis workspace: every opinion of a plenum, spoken and written,
//! by item and by passage, with its speaker, discussion group, stance, group
//! of similar opinions, answer and trace; filtered as the reader asks.

use std::collections::HashMap;

use plenum_core::access::Permission;
use plenum_core::conduct::record::Stance;
use plenum_core::synthesize::disposition::{DispositionKind, Progress, ReviewStatus};
use plenum_core::text::fold::fold;
use plenum_store::synthesize::{Body, Disposition, OpinionGroup};
use plenum_store::{AgendaItem, Opinion, Plenum};

use super::trace::{self, ChangeChoice, Trace};
use crate::{App, AppResult, Error, Principal};

/// What the reader asked to see; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub item: Option<i64>,
    /// A discussion group (tổ) the speaker sits in.
    pub group: Option<i64>,
    pub stance: Option<Stance>,
    /// A disposition kind, "none" (not answered yet), or a review status.
    pub disposition: Option<String>,
    pub delegate: Option<i64>,
    /// Words to find, without regard to case or marks.
    pub text: String,
}

/// One opinion as the workspace shows it.
#[derive(Debug, Clone)]
pub struct OpinionWork {
    pub opinion: Opinion,
    pub delegate: String,
    pub discussion_group: Option<String>,
    /// The cited passage's label ("Điều 3"), when it cites one.
    pub passage: Option<String>,
    pub spoken: bool,
    /// The group of similar opinions it is in.
    pub group_id: Option<i64>,
    pub disposition: Option<Disposition>,
    pub trace: Option<Trace>,
}

/// One item's opinions and what answering them needs.
#[derive(Debug, Clone)]
pub struct ItemWork {
    pub item: AgendaItem,
    pub body: Option<Body>,
    /// Speeches made on the item.
    pub speeches: usize,
    /// Its opinions that pass the filter, by passage, then as made.
    pub opinions: Vec<OpinionWork>,
    pub groups: Vec<OpinionGroup>,
    /// The passages of its drafts that changed, which a taken-in answer names.
    pub changes: Vec<ChangeChoice>,
    /// Over all its opinions, whatever the filter.
    pub progress: Progress,
    /// Its opinions taken in and explained (approved or not), whatever the filter.
    pub taken_in: usize,
    pub explained: usize,
}

/// The workspace of one plenum for one reader.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub plenum: Plenum,
    /// The office: reviews, groups and issues; a body's officer only answers.
    pub office: bool,
    pub items: Vec<ItemWork>,
    /// Every item the reader works on (id, "ordinal. title"), whatever the filter.
    pub all_items: Vec<(i64, String)>,
    pub progress: Progress,
    /// Every delegate and discussion group, for the filters.
    pub delegates: Vec<(i64, String)>,
    pub discussion_groups: Vec<(i64, String)>,
}

/// Who works on which items: the office on all, a body's officer on the items
/// their bodies present. Anyone else is refused.
pub(crate) struct Access {
    pub plenum: Plenum,
    pub office: bool,
    bodies: Vec<i64>,
}

impl Access {
    pub(crate) async fn of(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Access> {
        let plenum = app.store.plenum(plenum_id).await?;
        if app.may_on_plenum(who, Permission::Prepare, &plenum).await? {
            return Ok(Access { plenum, office: true, bodies: Vec::new() });
        }
        app.require_on_plenum(who, Permission::ViewPlenum, &plenum).await?;
        let bodies = app.store.bodies_of_officer(who.user.id).await?;
        let items = app.store.agenda_items(plenum.id).await?;
        if !items.iter().any(|i| i.body_id.is_some_and(|b| bodies.contains(&b))) {
            return Err(Error::Forbidden);
        }
        Ok(Access { plenum, office: false, bodies })
    }

    /// May the reader answer this item's opinions?
    pub(crate) fn answers(&self, item: &AgendaItem) -> bool {
        self.office || item.body_id.is_some_and(|b| self.bodies.contains(&b))
    }

    pub(crate) fn require_office(&self) -> AppResult<()> {
        if self.office {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// May the caller open the workspace (the office, or an officer of a body
/// presenting one of its items)? For the plenum page's links.
pub async fn may_open(app: &App, who: &Principal, plenum_id: i64) -> AppResult<bool> {
    match Access::of(app, who, plenum_id).await {
        Ok(_) => Ok(true),
        Err(Error::Forbidden) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The workspace, filtered.
pub async fn open(app: &App, who: &Principal, plenum_id: i64, filter: &Filter) -> AppResult<Workspace> {
    let access = Access::of(app, who, plenum_id).await?;
    build(app, &access, filter).await
}

/// Only the progress over the items the reader works on: what the live
/// progress line refetches on every answer, without the rest of the workspace.
pub async fn progress(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Progress> {
    let access = Access::of(app, who, plenum_id).await?;
    let items: Vec<i64> =
        app.store.agenda_items(plenum_id).await?.into_iter().filter(|i| access.answers(i)).map(|i| i.id).collect();
    let status: HashMap<i64, ReviewStatus> =
        app.store.dispositions(plenum_id).await?.into_iter().map(|d| (d.opinion_id, d.status)).collect();
    let mut p = Progress::default();
    for o in app.store.opinions(plenum_id).await?.iter().filter(|o| items.contains(&o.item_id)) {
        p.add(status.get(&o.id).copied());
    }
    Ok(p)
}

/// The whole synthesis, unfiltered, for the office's report.
pub async fn whole(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Workspace> {
    let access = Access::of(app, who, plenum_id).await?;
    access.require_office()?;
    build(app, &access, &Filter::default()).await
}

async fn build(app: &App, access: &Access, filter: &Filter) -> AppResult<Workspace> {
    let plenum = &access.plenum;
    let store = &app.store;
    let delegates = store.delegates(plenum.id).await?;
    let discussion_groups = store.groups(plenum.id).await?;
    let group_name: HashMap<i64, &str> = discussion_groups.iter().map(|g| (g.id, g.name.as_str())).collect();
    let speaker: HashMap<i64, _> = delegates.iter().map(|d| (d.id, d)).collect();
    let labels: HashMap<String, String> = store.passage_labels(plenum.id).await?.into_iter().rev().collect();
    let dispositions: HashMap<i64, Disposition> =
        store.dispositions(plenum.id).await?.into_iter().map(|d| (d.opinion_id, d)).collect();
    let groups = store.opinion_groups(plenum.id).await?;
    let in_group: HashMap<i64, i64> = groups.iter().flat_map(|g| g.opinion_ids.iter().map(|o| (*o, g.id))).collect();
    let speeches = store.speeches(plenum.id).await?;
    let opinions = store.opinions(plenum.id).await?;
    let documents = store.documents(plenum.id).await?;
    let org_bodies = store.bodies(plenum.org_id).await?;
    let words = fold(&filter.text);
    let words: Vec<&str> = words.split_whitespace().collect();

    let mut items = Vec::new();
    let mut all_items = Vec::new();
    let mut progress = Progress::default();
    for item in store.agenda_items(plenum.id).await? {
        if !access.answers(&item) {
            continue;
        }
        all_items.push((item.id, format!("{}. {}", item.ordinal, item.title)));
        let docs: Vec<_> = documents.iter().filter(|d| d.item_id == item.id).cloned().collect();
        let changes = trace::changes(app, &docs).await?;
        let mut work = ItemWork {
            body: org_bodies.iter().find(|b| Some(b.id) == item.body_id).cloned(),
            speeches: speeches.iter().filter(|s| s.item_id == item.id).count(),
            opinions: Vec::new(),
            groups: groups.iter().filter(|g| g.item_id == item.id).cloned().collect(),
            progress: Progress::default(),
            taken_in: 0,
            explained: 0,
            changes,
            item,
        };
        for o in opinions.iter().filter(|o| o.item_id == work.item.id) {
            let disposition = dispositions.get(&o.id).cloned();
            work.progress.add(disposition.as_ref().map(|d| d.status));
            match disposition.as_ref().map(|d| d.kind) {
                Some(DispositionKind::TakenIn) => work.taken_in += 1,
                Some(DispositionKind::Explained) => work.explained += 1,
                _ => {}
            }
            let d = speaker.get(&o.delegate_id);
            let shown = OpinionWork {
                delegate: d.map(|d| d.full_name.clone()).unwrap_or_default(),
                discussion_group: d.and_then(|d| d.group_id).and_then(|g| group_name.get(&g)).map(|s| s.to_string()),
                passage: o.passage_anchor.as_ref().and_then(|a| labels.get(a)).cloned(),
                spoken: o.speech_id.is_some(),
                group_id: in_group.get(&o.id).copied(),
                trace: disposition.as_ref().and_then(|d| trace::of(d, &work.changes)),
                disposition,
                opinion: o.clone(),
            };
            let sits_in = d.and_then(|d| d.group_id);
            if passes(filter, &shown, sits_in, &words) {
                work.opinions.push(shown);
            }
        }
        // By passage (those citing none last), then as made.
        work.opinions.sort_by(|a, b| {
            (a.passage.is_none(), &a.passage, a.opinion.id).cmp(&(b.passage.is_none(), &b.passage, b.opinion.id))
        });
        progress = progress.plus(work.progress);
        if filter.item.is_none_or(|i| i == work.item.id) {
            items.push(work);
        }
    }
    Ok(Workspace {
        plenum: plenum.clone(),
        office: access.office,
        items,
        all_items,
        progress,
        delegates: delegates.iter().map(|d| (d.id, d.full_name.clone())).collect(),
        discussion_groups: discussion_groups.iter().map(|g| (g.id, g.name.clone())).collect(),
    })
}

fn passes(f: &Filter, o: &OpinionWork, sits_in: Option<i64>, words: &[&str]) -> bool {
    let disposition_ok = match f.disposition.as_deref() {
        None | Some("") => true,
        Some("none") => o.disposition.is_none(),
        Some(code) => o.disposition.as_ref().is_some_and(|d| {
            d.kind.as_str() == code || d.status.as_str() == code || (code == "flagged" && o.trace_flagged())
        }),
    };
    let text = if words.is_empty() { String::new() } else { fold(&o.opinion.text) };
    disposition_ok
        && f.group.is_none_or(|g| sits_in == Some(g))
        && f.stance.is_none_or(|s| o.opinion.stance == s)
        && f.delegate.is_none_or(|d| o.opinion.delegate_id == d)
        && words.iter().all(|w| text.contains(w) || fold(&o.delegate).contains(w))
}

impl OpinionWork {
    /// Taken in, but the draft shows no change for it.
    pub fn trace_flagged(&self) -> bool {
        matches!(self.trace, Some(Trace::Flagged(_)))
    }

    pub fn approved(&self) -> bool {
        self.disposition.as_ref().is_some_and(|d| d.status == ReviewStatus::Approved)
    }
}
