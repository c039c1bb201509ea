//! Opinions (ý kiến): those a speech carried, written ones a delegate sends
//! in their own name, and the secretaries' corrections.

use plenum_core::access::Permission;
use plenum_core::FieldErrors;
use plenum_store::documents::{Document, Passage};
use plenum_store::input::{NewOpinion, OpinionChange};
use plenum_store::{Delegate, Opinion, Plenum};

use super::recording::{group_of_opinion, require_session, scope_of};
use crate::{App, AppResult, Error, Principal};

/// An opinion's content as given.
#[derive(Debug, Clone, Default)]
pub struct OpinionInput {
    /// The item it is about; for a speech's opinion, by default the speech's item.
    pub item_id: Option<i64>,
    pub passage_anchor: Option<String>,
    pub stance: String,
    pub text: String,
}

/// Record one opinion a speech carried; the speaker is the speech's
/// (secretaries; a group secretary in their own group's sessions).
pub async fn add_to_speech(app: &App, who: &Principal, speech_id: i64, o: OpinionInput) -> AppResult<Opinion> {
    let speech = app.store.speech(speech_id).await?;
    let session = app.store.meeting_session(speech.session_id).await?;
    let plenum = app.store.plenum(speech.plenum_id).await?;
    require_session(&scope_of(app, who, &plenum).await?, &session)?;
    let new = NewOpinion {
        speech_id: Some(speech.id),
        delegate_id: speech.delegate_id,
        item_id: o.item_id.unwrap_or(speech.item_id),
        passage_anchor: o.passage_anchor,
        stance: o.stance,
        text: o.text,
    };
    Ok(app.store.add_opinion(&who.actor(), new).await?)
}

/// The caller's own delegate on a plenum they take part in. One writes only
/// in one's own name: the account must be a delegate of this plenum.
async fn own_delegate(app: &App, who: &Principal, plenum: &Plenum) -> AppResult<Delegate> {
    app.require_on_plenum(who, Permission::Participate, plenum).await?;
    app.store.delegate_for_user(plenum.id, who.user.id).await?.ok_or(Error::Forbidden)
}

/// May the caller write opinions on this plenum, and as which delegate?
/// For pages that show the form only to those it will accept.
pub async fn writer(app: &App, who: &Principal, plenum: &Plenum) -> AppResult<Option<Delegate>> {
    if app.may_on_plenum(who, Permission::Participate, plenum).await? {
        Ok(app.store.delegate_for_user(plenum.id, who.user.id).await?)
    } else {
        Ok(None)
    }
}

/// Send a written opinion as the caller's own delegate (members of the
/// plenum), on an item of its agenda; a missing or unknown item is reported
/// together with the other fields' problems.
pub async fn write_own(app: &App, who: &Principal, plenum_id: i64, o: OpinionInput) -> AppResult<Opinion> {
    let plenum = app.store.plenum(plenum_id).await?;
    let delegate = own_delegate(app, who, &plenum).await?;
    let mut invalid = FieldErrors::default();
    let items = app.store.agenda_items(plenum_id).await?;
    let item_id = match o.item_id {
        Some(i) if items.iter().any(|x| x.id == i) => i,
        Some(_) => {
            invalid.push("item_id", "not-found");
            0
        }
        None => {
            invalid.push("item_id", "required");
            0
        }
    };
    let new = NewOpinion {
        speech_id: None,
        delegate_id: delegate.id,
        item_id,
        passage_anchor: o.passage_anchor,
        stance: o.stance,
        text: o.text,
    };
    if !invalid.is_empty() {
        if let Err(more) = new.validate() {
            invalid.0.extend(more.0);
        }
        return Err(Error::Invalid(invalid));
    }
    Ok(app.store.add_opinion(&who.actor(), new).await?)
}

/// A written opinion on one passage of a document's version, as the
/// caller's own delegate. An unknown version or passage is not found.
pub async fn on_passage(
    app: &App,
    who: &Principal,
    document_id: i64,
    version_number: i64,
    anchor: &str,
    stance: String,
    text: String,
) -> AppResult<Opinion> {
    let doc = app.store.document(document_id).await?;
    let plenum = app.store.plenum(doc.plenum_id).await?;
    let delegate = own_delegate(app, who, &plenum).await?;
    let versions = app.store.document_versions(doc.id).await?;
    let version = versions.iter().find(|v| v.number == version_number).ok_or(Error::NotFound)?;
    if !app.store.passages(version.id).await?.iter().any(|p| p.anchor == anchor) {
        return Err(Error::NotFound);
    }
    let new = NewOpinion {
        speech_id: None,
        delegate_id: delegate.id,
        item_id: doc.item_id,
        passage_anchor: Some(anchor.to_string()),
        stance,
        text,
    };
    Ok(app.store.add_opinion(&who.actor(), new).await?)
}

/// One document's passages in its latest version that has any: what a
/// delegate's opinion may cite on the document's item.
#[derive(Debug, Clone)]
pub struct Citable {
    pub document: Document,
    /// The number of the version the passages are from.
    pub version: i64,
    pub passages: Vec<Passage>,
}

/// The passages the caller may cite in a written opinion, document by
/// document in agenda order: for delegates of the plenum only, as the form is.
pub async fn citable(app: &App, who: &Principal, plenum: &Plenum) -> AppResult<Vec<Citable>> {
    own_delegate(app, who, plenum).await?;
    let mut out = Vec::new();
    for document in app.store.documents(plenum.id).await? {
        let versions = app.store.document_versions(document.id).await?;
        // The newest version split into passages (a later PDF has none).
        let Some(version) = versions.iter().rev().find(|v| v.passages > 0) else { continue };
        let passages = app.store.passages(version.id).await?;
        out.push(Citable { version: version.number, passages, document });
    }
    Ok(out)
}

/// A correction; fields left out stay as they are.
#[derive(Debug, Clone, Default)]
pub struct Correction {
    pub item_id: Option<i64>,
    pub passage_anchor: Option<String>,
    pub stance: Option<String>,
    pub text: Option<String>,
}

/// An opinion the caller may correct: whoever may record where it was given.
pub async fn correctable(app: &App, who: &Principal, opinion_id: i64) -> AppResult<(Plenum, Opinion)> {
    let current = app.store.opinion(opinion_id).await?;
    let plenum = app.store.plenum(current.plenum_id).await?;
    if !scope_of(app, who, &plenum).await?.allows(group_of_opinion(app, &current).await?) {
        return Err(Error::Forbidden);
    }
    Ok((plenum, current))
}

/// Correct an opinion, as of `version` (a newer one is refused as stale; nothing is overwritten).
pub async fn correct(app: &App, who: &Principal, opinion_id: i64, version: i64, c: Correction) -> AppResult<Opinion> {
    let (_, current) = correctable(app, who, opinion_id).await?;
    let change = OpinionChange {
        stance: c.stance.unwrap_or_else(|| current.stance.as_str().to_string()),
        text: c.text.unwrap_or(current.text),
        passage_anchor: c.passage_anchor.or(current.passage_anchor),
        item_id: c.item_id.unwrap_or(current.item_id),
    };
    Ok(app.store.update_opinion(&who.actor(), opinion_id, version, change).await?)
}
