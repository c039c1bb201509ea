//! The documents of a plenum, item by item, and the office's uploads. An
//! upload that is refused re-renders the page with the problem next to the
//! form it came from, which stays open with what was typed (a browser never
//! lets a page refill a file field, so the file must be chosen again).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use plenum_app::prepare::{documents, plenums};
use plenum_store::documents::{Document, DocumentVersion, DOCUMENT_KINDS};
use plenum_store::{AgendaItem, Plenum};

use super::{size_label, FormErrors};
use crate::api::documents::{plenum_documents, read_upload, MultipartBody};
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

/// An upload form's state: closed and empty, or open again after a refusal.
#[derive(Default)]
pub struct UploadForm {
    pub open: bool,
    pub title: String,
    pub kind: String,
    pub note: String,
    pub errors: FormErrors,
}

pub struct DocView {
    pub doc: Document,
    pub versions: Vec<DocumentVersion>,
    pub form: UploadForm,
}

pub struct ItemView {
    pub item: AgendaItem,
    pub documents: Vec<DocView>,
    pub form: UploadForm,
}

#[derive(Template)]
#[template(path = "documents.html")]
struct LibraryPage {
    c: Chrome,
    plenum: Plenum,
    items: Vec<ItemView>,
    can_prepare: bool,
    kinds: [&'static str; 4],
    /// The fragment of the form a refused upload came from, announced at the top.
    refused_at: String,
}

impl LibraryPage {
    fn doc_kind(&self, kind: &str) -> String {
        self.c.t.s(&format!("doc-kind-{kind}"))
    }
    fn size(&self, bytes: &i64) -> String {
        size_label(self.c.t, *bytes)
    }
    fn when(&self, at: &i64) -> String {
        self.c.t.moment(at)
    }
}

/// Which form a refused upload came from.
enum Refused {
    Item(i64, UploadForm),
    Document(i64, UploadForm),
}

async fn page(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    refused: Option<Refused>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let can_prepare = state.app.abilities(user, &plenum).await?.prepare;
    let refused_at = match &refused {
        Some(Refused::Item(id, _)) => format!("item-{id}"),
        Some(Refused::Document(id, _)) => format!("doc-{id}"),
        None => String::new(),
    };
    let mut refused = refused;
    let mut take = |item: Option<i64>, doc: Option<i64>| match refused.take() {
        Some(Refused::Item(id, f)) if Some(id) == item => f,
        Some(Refused::Document(id, f)) if Some(id) == doc => f,
        other => {
            refused = other;
            UploadForm::default()
        }
    };
    let mut items = Vec::new();
    for entry in plenum_documents(state, user, plenum.id).await? {
        let documents = entry
            .documents
            .into_iter()
            .map(|d| DocView { form: take(None, Some(d.document.id)), doc: d.document, versions: d.versions })
            .collect();
        items.push(ItemView { form: take(Some(entry.item.id), None), item: entry.item, documents });
    }
    let mut res = render(&LibraryPage { c, plenum, items, can_prepare, kinds: DOCUMENT_KINDS, refused_at })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let plenum = plenums::get(&state.app, c.require_user()?, id).await?;
    page(&state, c, plenum, None, StatusCode::OK).await
}

/// What a refused store call becomes: the page again, with the form open.
async fn refused(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    e: plenum_app::Error,
    form: impl FnOnce(FormErrors) -> Refused,
) -> Result<Response, AppError> {
    let (errors, status) = match e {
        plenum_app::Error::Invalid(f) => {
            (FormErrors::from_fields(c.t, "document", &f), StatusCode::UNPROCESSABLE_ENTITY)
        }
        plenum_app::Error::Conflict(code) => {
            (FormErrors::one("file", crate::error::message(c.t.0, code.code())), StatusCode::CONFLICT)
        }
        other => return Err(other.into()),
    };
    page(state, c, plenum, Some(form(errors)), status).await
}

pub async fn create(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, item_id)): Path<(i64, i64)>,
    mp: MultipartBody,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let filing = documents::may_file(&state.app, &user, item_id).await?;
    if filing.plenum.id != id {
        return Err(AppError::NotFound);
    }
    let mut up = read_upload(mp).await?;
    let (title, kind, note) = (up.field("title"), up.field("kind"), up.field("note"));
    let plenum = filing.plenum.clone();
    match documents::file(
        &state.app,
        &user,
        &filing,
        title.clone(),
        kind.clone(),
        up.version(state.config.limits.read_deadline()),
    )
    .await
    {
        Ok((doc, v)) => Ok(see_other(&format!("/documents/{}/versions/{}", doc.id, v.number))),
        Err(e) => {
            refused(&state, c, plenum, e, |errors| {
                Refused::Item(item_id, UploadForm { open: true, title, kind, note, errors })
            })
            .await
        }
    }
}

pub async fn add_version(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    mp: MultipartBody,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let revision = documents::may_revise(&state.app, &user, id).await?;
    let mut up = read_upload(mp).await?;
    let note = up.field("note");
    let plenum = revision.plenum.clone();
    match documents::revise(&state.app, &user, &revision, up.version(state.config.limits.read_deadline())).await {
        Ok(v) => Ok(see_other(&format!("/documents/{}/versions/{}", revision.document.id, v.number))),
        Err(e) => {
            refused(&state, c, plenum, e, |errors| {
                Refused::Document(id, UploadForm { open: true, note, errors, ..Default::default() })
            })
            .await
        }
    }
}
