//! Reading one version of a document: its passages (each with its anchor as
//! `id`, so `#anchor` links land on it), what changed since the previous
//! version, word by word, and for delegates a form on each passage to send a
//! written opinion about it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::conduct::opinions;
use plenum_app::prepare::documents;
use plenum_core::prepare::revision::{compare, PassageChange, Segment};
use plenum_store::documents::{Document, DocumentVersion, Passage};
use plenum_store::{AgendaItem, Delegate, Opinion, Plenum};
use serde::Deserialize;

use super::{size_label, FormErrors};
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

const STANCES: [&str; 4] = ["propose_change", "agree", "disagree", "other"];

/// The passage form a delegate filled in, kept when it is refused.
#[derive(Deserialize, Default, Clone)]
pub struct OpinionForm {
    #[serde(default)]
    anchor: String,
    #[serde(default)]
    stance: String,
    #[serde(default)]
    text: String,
}

pub struct PassageView {
    pub p: Passage,
    /// "same", "edited" or "added" against the previous version.
    pub status: &'static str,
    /// The words of an edited passage: ("same" | "ins" | "del", text).
    pub words: Vec<(&'static str, String)>,
    /// The label in the previous version, when it differs.
    pub was: String,
    /// Opinions on this passage, by anyone.
    pub opinions: usize,
    /// The signed-in delegate's own opinions on it.
    pub mine: Vec<Opinion>,
    pub form: OpinionForm,
    pub errors: FormErrors,
}

#[derive(Template)]
#[template(path = "document_version.html")]
struct VersionPage {
    c: Chrome,
    plenum: Plenum,
    item: AgendaItem,
    doc: Document,
    version: DocumentVersion,
    versions: Vec<DocumentVersion>,
    is_pdf: bool,
    passages: Vec<PassageView>,
    /// The number of the version compared against.
    previous: Option<i64>,
    removed: Vec<Passage>,
    edited: usize,
    added: usize,
    /// The signed-in user speaks as this delegate.
    delegate: Option<Delegate>,
    /// The passage an opinion was just sent on.
    sent: String,
}

impl VersionPage {
    fn stance(&self, s: &str) -> String {
        self.c.t.s(&format!("doc-stance-{s}"))
    }
    fn stances(&self) -> [&'static str; 4] {
        STANCES
    }
    fn doc_kind(&self) -> String {
        self.c.t.s(&format!("doc-kind-{}", self.doc.kind))
    }
    fn size(&self) -> String {
        size_label(self.c.t, self.version.size)
    }
    fn when(&self) -> String {
        self.c.t.moment(&self.version.created_at)
    }
    fn any_changes(&self) -> bool {
        self.edited + self.added + self.removed.len() > 0
    }
    /// The edited and added passages, to jump to.
    fn changed(&self) -> Vec<&PassageView> {
        self.passages.iter().filter(|p| p.status != "same").collect()
    }
    fn level(&self, level: &i64) -> i64 {
        (*level).clamp(1, 5)
    }
}

#[derive(Deserialize)]
pub struct Shown {
    /// The anchor of a passage an opinion was just sent on.
    sent: Option<String>,
}

/// The version of a document by its number.
async fn version_of(
    state: &AppState,
    doc: &Document,
    number: i64,
) -> Result<(DocumentVersion, Vec<DocumentVersion>), AppError> {
    let versions = state.store.document_versions(doc.id).await?;
    let v = versions.iter().find(|v| v.number == number).cloned().ok_or(AppError::NotFound)?;
    Ok((v, versions))
}

/// Open the latest version.
pub async fn latest(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (doc, _) = documents::document(&state.app, c.require_user()?, id).await?;
    Ok(see_other(&format!("/documents/{}/versions/{}", doc.id, doc.latest)))
}

fn segments(words: Vec<Segment>) -> Vec<(&'static str, String)> {
    words
        .into_iter()
        .map(|s| match s {
            Segment::Same(t) => ("same", t),
            Segment::Inserted(t) => ("ins", t),
            Segment::Deleted(t) => ("del", t),
        })
        .collect()
}

async fn page(
    state: &AppState,
    c: Chrome,
    id: i64,
    number: i64,
    sent: String,
    refused: Option<(OpinionForm, FormErrors)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let (doc, plenum) = documents::document(&state.app, &user, id).await?;
    let (version, versions) = version_of(state, &doc, number).await?;
    let item = state.store.document_item(doc.item_id).await?;
    let current = state.store.passages(version.id).await?;
    let before = versions.iter().rev().find(|v| v.number < number && v.passages > 0);
    let old = match before {
        Some(v) => state.store.passages(v.id).await?,
        None => Vec::new(),
    };
    let delegate = opinions::writer(&state.app, &user, &plenum).await?;
    let opinions: Vec<Opinion> = state
        .store
        .opinions(plenum.id)
        .await?
        .into_iter()
        .filter(|o| o.item_id == doc.item_id && o.passage_anchor.is_some())
        .collect();
    let revision = compare(&old, &current);
    let (mut edited, mut added) = (0, 0);
    let mut refused = refused;
    let mut passages = Vec::with_capacity(current.len());
    for (p, change) in current.into_iter().zip(revision.changes) {
        let (status, words, was) = match (before.is_some(), change) {
            (false, _) => ("same", Vec::new(), String::new()),
            (true, PassageChange::Unchanged { renumbered_from }) => {
                ("same", Vec::new(), renumbered_from.unwrap_or_default())
            }
            (true, PassageChange::Edited { from_label, words }) => {
                edited += 1;
                ("edited", segments(words), if from_label == p.label { String::new() } else { from_label })
            }
            (true, PassageChange::Added) => {
                added += 1;
                ("added", Vec::new(), String::new())
            }
        };
        let on_this = |o: &&Opinion| o.passage_anchor.as_deref() == Some(p.anchor.as_str());
        let mine = delegate
            .as_ref()
            .map(|d| opinions.iter().filter(on_this).filter(|o| o.delegate_id == d.id).cloned().collect())
            .unwrap_or_default();
        let (form, errors) = match refused.take() {
            Some((f, e)) if f.anchor == p.anchor => (f, e),
            other => {
                refused = other;
                (OpinionForm { stance: "propose_change".into(), ..Default::default() }, FormErrors::default())
            }
        };
        passages.push(PassageView {
            opinions: opinions.iter().filter(on_this).count(),
            mine,
            status,
            words,
            was,
            form,
            errors,
            p,
        });
    }
    let removed = revision.removed.into_iter().map(|i| old[i].clone()).collect();
    let page = VersionPage {
        is_pdf: version.media_type == "application/pdf",
        previous: before.map(|v| v.number),
        c,
        plenum,
        item,
        doc,
        version,
        versions,
        passages,
        removed,
        edited,
        added,
        delegate,
        sent,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, number)): Path<(i64, i64)>,
    Query(q): Query<Shown>,
) -> Result<Response, AppError> {
    page(&state, c, id, number, q.sent.unwrap_or_default(), None, StatusCode::OK).await
}

/// A delegate's written opinion on one passage: no speech, the passage's anchor, a stance and the text.
pub async fn send_opinion(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, number)): Path<(i64, i64)>,
    Form(f): Form<OpinionForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let sent = opinions::on_passage(&state.app, &user, id, number, &f.anchor, f.stance.clone(), f.text.clone()).await;
    match sent {
        Ok(_) => Ok(see_other(&format!("/documents/{id}/versions/{number}?sent={}#{}", f.anchor, f.anchor))),
        Err(plenum_app::Error::Invalid(fe)) => {
            let errors = FormErrors::from_fields(c.t, "opinion", &fe);
            page(&state, c, id, number, String::new(), Some((f, errors)), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
