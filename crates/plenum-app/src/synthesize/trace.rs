//! The trace from a taken-in opinion to the draft: the passages that changed
//! between consecutive versions of an item's documents, which an answer may
//! name, and whether the one it names really changed.

use plenum_core::prepare::revision::{compare, PassageChange, Segment};
use plenum_core::synthesize::disposition::{DispositionKind, TraceFlag};
use plenum_store::documents::{Document, Passage};
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

/// Every changed passage of the documents, newest version first. The
/// versions are read here; comparing them (word by word) is CPU work, done
/// on a blocking thread.
pub(crate) async fn changes(app: &App, documents: &[Document]) -> AppResult<Vec<ChangeChoice>> {
    let mut read = Vec::new();
    for doc in documents {
        let mut versions = Vec::new();
        for v in app.store.document_versions(doc.id).await?.into_iter().filter(|v| v.passages > 0) {
            versions.push((v.number, app.store.passages(v.id).await?));
        }
        if versions.len() > 1 {
            read.push((doc.id, doc.title.clone(), versions));
        }
    }
    if read.is_empty() {
        return Ok(Vec::new());
    }
    tokio::task::spawn_blocking(move || compared(read)).await.map_err(|e| crate::Error::Internal(e.into()))
}

/// A document read for comparing: its id, title, and each version's number with its passages.
type ReadDocument = (i64, String, Vec<(i64, Vec<Passage>)>);

/// The changed passages of each document's consecutive versions.
fn compared(read: Vec<ReadDocument>) -> Vec<ChangeChoice> {
    let mut out = Vec::new();
    for (document_id, title, versions) in read {
        for pair in versions.windows(2) {
            let ((_, old), (number, passages)) = (&pair[0], &pair[1]);
            let revision = compare(old, passages);
            for (p, change) in passages.iter().zip(&revision.changes) {
                let words = match change {
                    PassageChange::Unchanged { .. } => continue,
                    PassageChange::Edited { words, .. } => words.clone(),
                    PassageChange::Added => Vec::new(),
                };
                out.push(ChangeChoice {
                    document_id,
                    document_title: title.clone(),
                    version: *number,
                    anchor: p.anchor.clone(),
                    label: p.label.clone(),
                    text: p.text.clone(),
                    words,
                });
            }
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.version));
    out
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
