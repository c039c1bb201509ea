//! The trace from a taken-in opinion to the draft: the passages that changed
//! between consecutive versions of an item's documents, which an answer may
//! name, and whether the one it names really changed.

use plenum_core::prepare::revision::{compare, PassageChange, Segment};
use plenum_core::synthesize::disposition::{DispositionKind, TraceFlag};
use plenum_store::documents::Document;
use plenum_store::synthesize::Disposition;

use crate::{App, AppResult};

/// A passage of a newer version that differs from the version before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeChoice {
    pub document_id: i64,
    pub document_title: String,
    /// The newer version's number.
    pub version: i64,
    pub anchor: String,
    pub label: String,
    /// The passage as it now reads.
    pub text: String,
    /// Word by word from the older passage; empty for an added passage.
    pub words: Vec<Segment>,
}

/// Where a taken-in answer leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trace {
    Changed(ChangeChoice),
    Flagged(TraceFlag),
}

/// Every changed passage of the documents, newest version first.
pub(crate) async fn changes(app: &App, documents: &[Document]) -> AppResult<Vec<ChangeChoice>> {
    let mut out = Vec::new();
    for doc in documents {
        let versions = app.store.document_versions(doc.id).await?;
        let mut older = None;
        for v in versions.iter().filter(|v| v.passages > 0) {
            let passages = app.store.passages(v.id).await?;
            if let Some(old) = older.replace(passages.clone()) {
                let revision = compare(&old, &passages);
                for (p, change) in passages.iter().zip(&revision.changes) {
                    let words = match change {
                        PassageChange::Unchanged { .. } => continue,
                        PassageChange::Edited { words, .. } => words.clone(),
                        PassageChange::Added => Vec::new(),
                    };
                    out.push(ChangeChoice {
                        document_id: doc.id,
                        document_title: doc.title.clone(),
                        version: v.number,
                        anchor: p.anchor.clone(),
                        label: p.label.clone(),
                        text: p.text.clone(),
                        words,
                    });
                }
            }
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.version));
    Ok(out)
}

/// The trace of an answer: none unless it takes the opinion in.
pub(crate) fn of(d: &Disposition, changes: &[ChangeChoice]) -> Option<Trace> {
    if d.kind != DispositionKind::TakenIn {
        return None;
    }
    let (Some(doc), Some(anchor)) = (d.document_id, d.change_anchor.as_deref()) else {
        return Some(Trace::Flagged(TraceFlag::NoChange));
    };
    Some(match changes.iter().find(|c| c.document_id == doc && c.anchor == anchor) {
        Some(c) => Trace::Changed(c.clone()),
        None => Trace::Flagged(TraceFlag::Unchanged),
    })
}
