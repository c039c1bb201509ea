//! Answering opinions: a body's officers (or the office) write each answer,
//! one opinion or a whole group of similar ones at once; the office approves
//! or returns it; each delegate reads the approved answers to their own
//! opinions. Written opinions on paper forms (phiếu góp ý) are entered by
//! the office, in the delegate's name, like the desk records speeches.

use plenum_core::access::Permission;
use plenum_core::conduct::record::RecordingScope;
use plenum_core::synthesize::disposition::{DispositionKind, ReviewStatus, TraceFlag};
use plenum_store::input::NewOpinion;
use plenum_store::synthesize::{Disposition, NewDisposition};
use plenum_store::{AgendaItem, Opinion, Plenum};

use super::trace::{self, ChangeChoice, Trace};
use super::workspace::Access;
use crate::conduct::opinions::OpinionInput;
use crate::conduct::recording::scope_of;
use crate::{App, AppResult, Error, Principal};

/// An answer as written in the workspace.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    pub kind: String,
    pub reply: String,
    /// For a taken-in opinion: the changed passage, as (document, anchor).
    pub change: Option<(i64, String)>,
}

/// The opinion, its item, and the caller's access, if they may answer it.
async fn answerable(app: &App, who: &Principal, opinion_id: i64) -> AppResult<(Opinion, AgendaItem, Access)> {
    let opinion = app.store.opinion(opinion_id).await?;
    let access = Access::of(app, who, opinion.plenum_id).await?;
    let item = app.store.document_item(opinion.item_id).await?;
    if !access.answers(&item) {
        return Err(Error::Forbidden);
    }
    Ok((opinion, item, access))
}

/// Write (or rewrite) the answer to one opinion. A body's officer may not
/// rewrite an answer the office has approved; the office may.
pub async fn answer(
    app: &App,
    who: &Principal,
    opinion_id: i64,
    expected_version: Option<i64>,
    a: AnswerInput,
) -> AppResult<Disposition> {
    let (opinion, _, access) = answerable(app, who, opinion_id).await?;
    let current = app.store.dispositions(opinion.plenum_id).await?.into_iter().find(|d| d.opinion_id == opinion.id);
    if !access.office && current.as_ref().is_some_and(|d| d.status == ReviewStatus::Approved) {
        return Err(Error::Forbidden);
    }
    let new = NewDisposition { opinion_id, kind: a.kind, reply: a.reply, change: a.change, expected_version };
    Ok(app.store.record_disposition(&who.actor(), new).await?)
}

/// The same answer for every opinion of a group of similar opinions, each
/// over its current answer (approved ones are left as they are unless the
/// office writes). Returns how many were written.
pub async fn answer_group(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    group_id: i64,
    a: AnswerInput,
) -> AppResult<usize> {
    let access = Access::of(app, who, plenum_id).await?;
    let group =
        app.store.opinion_groups(plenum_id).await?.into_iter().find(|g| g.id == group_id).ok_or(Error::NotFound)?;
    let item = app.store.document_item(group.item_id).await?;
    if !access.answers(&item) {
        return Err(Error::Forbidden);
    }
    // The answer is checked once, before any opinion is written.
    plenum_core::synthesize::disposition::check(&a.kind, &a.reply, a.change.clone()).map_err(Error::Invalid)?;
    let current = app.store.dispositions(plenum_id).await?;
    let opinions = app.store.opinions(plenum_id).await?;
    let mut written = 0;
    for opinion_id in group.opinion_ids {
        // Each opinion by its own item (one moved since it was grouped is not this group's to answer).
        if !opinions.iter().any(|o| o.id == opinion_id && o.item_id == group.item_id) {
            continue;
        }
        let before = current.iter().find(|d| d.opinion_id == opinion_id);
        if !access.office && before.is_some_and(|d| d.status == ReviewStatus::Approved) {
            continue;
        }
        let new = NewDisposition {
            opinion_id,
            kind: a.kind.clone(),
            reply: a.reply.clone(),
            change: a.change.clone(),
            expected_version: before.map(|d| d.version),
        };
        app.store.record_disposition(&who.actor(), new).await?;
        written += 1;
    }
    Ok(written)
}

/// The office approves an answer, or returns it with a note.
pub async fn review(
    app: &App,
    who: &Principal,
    opinion_id: i64,
    expected_version: i64,
    to: ReviewStatus,
    note: &str,
) -> AppResult<Disposition> {
    let (_, _, access) = answerable(app, who, opinion_id).await?;
    access.require_office()?;
    Ok(app.store.review_disposition(&who.actor(), opinion_id, expected_version, to, note).await?)
}

/// Enter a written opinion from a paper form in a delegate's name (the
/// office, who records the whole plenum). The delegate and the item are
/// checked after the caller, so nobody else learns what the form lacks.
pub async fn enter_paper(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    delegate_id: Option<i64>,
    o: OpinionInput,
) -> AppResult<Opinion> {
    let plenum = app.store.plenum(plenum_id).await?;
    if scope_of(app, who, &plenum).await? != RecordingScope::Plenum {
        return Err(Error::Forbidden);
    }
    let mut missing = plenum_core::FieldErrors::default();
    if delegate_id.is_none() {
        missing.push("delegate_id", "required");
    }
    match o.item_id {
        None => missing.push("item_id", "required"),
        // An item of another plenum is not one of this form's: its record is that plenum's.
        Some(i) if !app.store.agenda_items(plenum.id).await?.iter().any(|x| x.id == i) => {
            missing.push("item_id", "not-found")
        }
        Some(_) => {}
    }
    missing.finish(()).map_err(Error::Invalid)?;
    let new = NewOpinion {
        speech_id: None,
        delegate_id: delegate_id.unwrap_or_default(),
        item_id: o.item_id.unwrap_or_default(),
        passage_anchor: o.passage_anchor,
        stance: o.stance,
        text: o.text,
    };
    Ok(app.store.add_opinion(&who.actor(), new).await?)
}

/// One of the caller's own opinions, with its answer once the office approved it.
#[derive(Debug, Clone)]
pub struct OwnAnswer {
    pub opinion: Opinion,
    pub item_title: String,
    /// Only an approved answer; a draft is the body's and the office's until then.
    pub answer: Option<Disposition>,
    pub change: Option<ChangeChoice>,
}

/// The caller's own opinions on a plenum and how each was answered.
pub async fn own(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, Vec<OwnAnswer>)> {
    let plenum = app.plenum_for(who, plenum_id, Permission::ViewPlenum).await?;
    let Some(me) = app.store.delegate_for_user(plenum.id, who.user.id).await? else {
        return Ok((plenum, Vec::new()));
    };
    let items = app.store.agenda_items(plenum.id).await?;
    let answers = app.store.dispositions(plenum.id).await?;
    let opinions: Vec<Opinion> =
        app.store.opinions(plenum.id).await?.into_iter().filter(|o| o.delegate_id == me.id).collect();
    // The drafts are compared only when one of these answers leads to a change.
    let leads = answers.iter().any(|d| {
        d.kind == DispositionKind::TakenIn
            && d.status == ReviewStatus::Approved
            && opinions.iter().any(|o| o.id == d.opinion_id)
    });
    let changes = if leads { trace::changes(app, &app.store.documents(plenum.id).await?).await? } else { Vec::new() };
    let mut out = Vec::new();
    for o in opinions {
        let answer = answers.iter().find(|d| d.opinion_id == o.id && d.status == ReviewStatus::Approved).cloned();
        let change = match answer.as_ref().and_then(|d| trace::of(d, &changes)) {
            Some(Trace::Changed(c)) => Some(c),
            Some(Trace::Flagged(TraceFlag::NoChange | TraceFlag::Unchanged)) | None => None,
        };
        let item_title = items.iter().find(|i| i.id == o.item_id).map(|i| i.title.clone()).unwrap_or_default();
        out.push(OwnAnswer { opinion: o, item_title, answer, change });
    }
    Ok((plenum, out))
}
