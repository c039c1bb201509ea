//! API: documents of agenda items, their versions, passages and bytes.
//! Uploads are `multipart/form-data` with a `file` part; a cookie session
//! puts its CSRF token in the `X-CSRF-Token` header or the `csrf` query parameter.

use crate::routes::{get, post, Routes};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use plenum_app::prepare::documents;
use plenum_core::prepare::document::MAX_DOCUMENT_BYTES;
use plenum_store::documents::{Document, DocumentVersion, NewVersion, Passage};
use plenum_store::AgendaItem;
use serde::Serialize;
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::download::content_disposition;
use crate::error::AppError;
use crate::state::AppState;

/// This part's paths and schemas, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(list, create_document, add_version, version, content),
    components(schemas(
        ItemDocuments,
        DocumentEntry,
        Created,
        VersionDetail,
        NewDocumentForm,
        NewVersionForm,
        Document,
        DocumentVersion,
        Passage
    ))
)]
pub struct Api;

/// Room for the form's other fields next to the largest accepted file; a
/// larger body is cut off and reported as a file that is too large.
pub const UPLOAD_BODY_LIMIT: usize = MAX_DOCUMENT_BYTES + 1024 * 1024;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/documents", get(list))
        .route("/items/{item_id}/documents", post(create_document).body_limit(UPLOAD_BODY_LIMIT))
        .route("/documents/{id}/versions", post(add_version).body_limit(UPLOAD_BODY_LIMIT))
        .route("/document-versions/{id}", get(version))
        .route("/document-versions/{id}/content", get(content))
}

/// An agenda item with its documents.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ItemDocuments {
    pub item: AgendaItem,
    pub documents: Vec<DocumentEntry>,
}

/// A document with its versions, oldest first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DocumentEntry {
    pub document: Document,
    pub versions: Vec<DocumentVersion>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    pub document: Document,
    pub version: DocumentVersion,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct VersionDetail {
    pub document: Document,
    pub version: DocumentVersion,
    /// Empty for a PDF.
    pub passages: Vec<Passage>,
}

/// A new document and its first version.
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
pub struct NewDocumentForm {
    title: String,
    /// draft, report, submission or other.
    kind: String,
    note: Option<String>,
    /// PDF, DOCX, Markdown or plain text (UTF-8), at most 20 MB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// A new version of a document.
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
pub struct NewVersionForm {
    note: Option<String>,
    /// The latest version number the uploader saw; if another version was added since, the upload is refused (409 `stale`).
    based_on: Option<i64>,
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// A multipart upload as read: its text fields and its file.
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: std::collections::HashMap<String, String>,
    pub filename: String,
    pub content: Vec<u8>,
}

impl Upload {
    pub fn field(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// The file as a version to store, to be read by `deadline`.
    pub fn version(&mut self, deadline: plenum_docs::upload::Deadline) -> NewVersion {
        NewVersion {
            filename: std::mem::take(&mut self.filename),
            content: std::mem::take(&mut self.content),
            note: self.field("note"),
            based_on: self.field("based_on").trim().parse().ok(),
            deadline,
        }
    }

    /// Past the limit the rest of a file is not kept: one byte over is enough
    /// for the store's check to refuse it with its usual message.
    fn overflow(&mut self) {
        self.content.resize(MAX_DOCUMENT_BYTES + 1, 0);
    }
}

/// A multipart body, taken as a result so that a route checks permissions
/// before it complains about the body.
pub type MultipartBody = Result<Multipart, axum::extract::multipart::MultipartRejection>;

/// Read a multipart form. The file part keeps at most one byte more than
/// the limit, and a body cut off at the route's limit counts as a file too large.
pub async fn read_upload(mp: MultipartBody) -> Result<Upload, AppError> {
    let mut mp = mp.map_err(|_| AppError::BadRequest("bad-multipart"))?;
    let mut up = Upload::default();
    let too_large = |e: &axum::extract::multipart::MultipartError| e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if too_large(&e) => {
                up.overflow();
                break;
            }
            Err(_) => return Err(AppError::BadRequest("bad-multipart")),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            up.filename = field.file_name().unwrap_or_default().to_string();
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = (MAX_DOCUMENT_BYTES + 1).saturating_sub(up.content.len());
                        up.content.extend_from_slice(&chunk[..chunk.len().min(room)]);
                    }
                    Ok(None) => break,
                    Err(e) if too_large(&e) => {
                        up.overflow();
                        return Ok(up);
                    }
                    Err(_) => return Err(AppError::BadRequest("bad-multipart")),
                }
            }
        } else {
            match field.text().await {
                Ok(text) => {
                    up.fields.insert(name, text);
                }
                Err(e) if too_large(&e) => {
                    up.overflow();
                    break;
                }
                Err(_) => return Err(AppError::BadRequest("bad-multipart")),
            }
        }
    }
    Ok(up)
}

/// Every agenda item of a plenum with its documents and their versions.
pub async fn plenum_documents(
    state: &AppState,
    user: &CurrentUser,
    plenum_id: i64,
) -> Result<Vec<ItemDocuments>, AppError> {
    Ok(documents::of_plenum(&state.app, user, plenum_id)
        .await?
        .into_iter()
        .map(|i| ItemDocuments {
            item: i.item,
            documents: i
                .documents
                .into_iter()
                .map(|(document, versions)| DocumentEntry { document, versions })
                .collect(),
        })
        .collect())
}

/// The agenda items with their documents and versions.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/documents", security(("bearer" = [])),
    responses((status = 200, body = Vec<ItemDocuments>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ItemDocuments>>, AppError> {
    Ok(Json(plenum_documents(&state, &user, id).await?))
}

/// File a new document under an agenda item, with its first version (the office).
#[utoipa::path(post, path = "/api/v1/items/{item_id}/documents", security(("bearer" = [])),
    request_body(content = NewDocumentForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_document(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(item_id): Path<i64>,
    mp: MultipartBody,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let filing = documents::may_file(&state.app, &user, item_id).await?;
    let mut up = read_upload(mp).await?;
    let (document, version) = documents::file(
        &state.app,
        &user,
        &filing,
        up.field("title"),
        up.field("kind"),
        up.version(state.config.limits.read_deadline()),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { document, version })))
}

/// Upload a new version of a document (the office).
#[utoipa::path(post, path = "/api/v1/documents/{id}/versions", security(("bearer" = [])),
    request_body(content = NewVersionForm, content_type = "multipart/form-data"),
    responses((status = 201, body = DocumentVersion), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_version(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    mp: MultipartBody,
) -> Result<(StatusCode, Json<DocumentVersion>), AppError> {
    let revision = documents::may_revise(&state.app, &user, id).await?;
    let mut up = read_upload(mp).await?;
    Ok((
        StatusCode::CREATED,
        Json(documents::revise(&state.app, &user, &revision, up.version(state.config.limits.read_deadline())).await?),
    ))
}

/// A version's metadata and passages.
#[utoipa::path(get, path = "/api/v1/document-versions/{id}", security(("bearer" = [])),
    responses((status = 200, body = VersionDetail), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn version(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<VersionDetail>, AppError> {
    let (document, version, passages) = documents::passages(&state.app, &user, id).await?;
    Ok(Json(VersionDetail { passages, document, version }))
}

/// The uploaded file. A PDF or text is shown in the browser (and may be
/// framed by our own pages); a DOCX is downloaded.
#[utoipa::path(get, path = "/api/v1/document-versions/{id}/content", security(("bearer" = [])),
    responses((status = 200, description = "The file's bytes, with its sniffed media type"), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn content(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (version, bytes) = documents::content(&state.app, &user, id).await?;
    let disposition = if version.media_type.contains("wordprocessingml") { "attachment" } else { "inline" };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&version.media_type).map_err(|e| AppError::Internal(e.into()))?,
    );
    h.insert(header::CONTENT_DISPOSITION, content_disposition(disposition, &version.filename));
    // Our document page shows it in a frame; nothing else may.
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'self'"));
    // A version never changes once stored.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400, immutable"));
    Ok(res)
}
