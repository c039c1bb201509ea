//! One error type at the HTTP edge. A handler returns [`AppError`]; the
//! response carries an [`ErrorInfo`] extension, which the API layer renders as
//! `{"error":{"code","message","fields"}}` and the page layer as an HTML page,
//! both in the user's language. The cause of a 500 is logged, never shown.

use askama::Template;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use plenum_core::FieldErrors;
use plenum_store::StoreError;
use serde_json::json;

use crate::i18n::{Lang, Tr};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("invalid input")]
    Unprocessable(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("too many attempts")]
    TooManyRequests(u64),
    /// Past a bound on what one client may hold open (live streams): the
    /// code names which; retry after this many seconds.
    #[error("limit reached: {0}")]
    Limited(&'static str, u64),
    /// The server is at a bound of its own (password hashing, connections):
    /// the code names which; retry after this many seconds.
    #[error("unavailable: {0}")]
    Unavailable(&'static str, u64),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Invalid(f) => AppError::Unprocessable(f),
            StoreError::Conflict(c) => AppError::Conflict(c.code()),
            StoreError::Backend(m) => AppError::Internal(anyhow::anyhow!(m)),
        }
    }
}

impl From<plenum_app::Error> for AppError {
    fn from(e: plenum_app::Error) -> Self {
        use plenum_app::Error as E;
        match e {
            E::Unauthorized => AppError::Unauthorized,
            E::Forbidden => AppError::Forbidden,
            E::NotFound => AppError::NotFound,
            E::Invalid(f) => AppError::Unprocessable(f),
            E::Conflict(c) => AppError::Conflict(c.code()),
            E::TooManyRequests(s) => AppError::TooManyRequests(s),
            E::Busy(s) => AppError::Unavailable("busy", s),
            E::Internal(e) => AppError::Internal(e),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(f: FieldErrors) -> Self {
        AppError::Unprocessable(f)
    }
}

/// What the rendering layers need to know about an error.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub fields: FieldErrors,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) | AppError::Limited(..) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(..) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The machine-readable code; `error-{code}` is its catalog message.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not-found",
            AppError::BadRequest(c) => c,
            AppError::Unprocessable(_) => "invalid-input",
            AppError::Conflict(c) => c,
            AppError::TooManyRequests(_) => "too-many-attempts",
            AppError::Limited(c, _) => c,
            AppError::Unavailable(c, _) => c,
            AppError::Internal(_) => "internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!(error = ?e, "request failed");
        }
        let status = self.status();
        let info = ErrorInfo {
            code: self.code(),
            fields: match &self {
                AppError::Unprocessable(f) => f.clone(),
                _ => FieldErrors::default(),
            },
        };
        let mut res = (status, info.code).into_response();
        if let AppError::TooManyRequests(secs) | AppError::Limited(_, secs) | AppError::Unavailable(_, secs) = self {
            res.headers_mut().insert(header::RETRY_AFTER, secs.into());
        }
        res.extensions_mut().insert(info);
        res
    }
}

/// The localized message for an error code.
pub fn message(lang: Lang, code: &str) -> String {
    let key = format!("error-{code}");
    if lang.has(&key) {
        lang.t(&key)
    } else {
        lang.t("error-internal")
    }
}

/// The localized message for one field problem.
impl AppError {
    /// A refusal naming one field and its problem (422).
    pub fn field(name: &str, code: &'static str) -> AppError {
        let mut e = FieldErrors::default();
        e.push(name, code);
        AppError::Unprocessable(e)
    }
}

pub fn field_message(lang: Lang, code: &str) -> String {
    lang.t(&format!("field-{code}"))
}

/// Outermost layer: an error response becomes JSON under `/api/` and an HTML
/// page elsewhere, in the caller's language. A visitor to a page who is not
/// signed in is sent to the login page instead.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/") || req.uri().path().starts_with("/healthz");
    let lang = if api { Lang::for_api(req.headers()) } else { Lang::from_headers(req.headers()) };
    let path = req.uri().path_and_query().map(|p| p.to_string()).unwrap_or_default();
    let res = next.run(req).await;
    let info = match res.extensions().get::<ErrorInfo>().cloned() {
        Some(info) => info,
        // A request axum refused before any handler ran (a body that is not
        // the JSON asked for, an id that is not a number, no Content-Type, a
        // body past its limit, a method the path lacks) has a plain-text body:
        // an API caller gets the documented JSON error instead, whatever refused it.
        // A handler's own JSON answer (an import's report) is left as it is.
        None if api && (res.status().is_client_error() || res.status().is_server_error()) && !is_json(&res) => {
            ErrorInfo { code: rejection_code(res.status()), fields: FieldErrors::default() }
        }
        None => return res,
    };
    if api {
        api_error(lang, info, res)
    } else {
        page_error(lang, &path, info, res)
    }
}

fn is_json(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// The code of a refusal that carried none, by its status.
fn rejection_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad-request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "body-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported-media-type",
        StatusCode::UNPROCESSABLE_ENTITY => "bad-json-shape",
        StatusCode::REQUEST_TIMEOUT => "request-timeout",
        StatusCode::TOO_MANY_REQUESTS => "too-many-requests",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_client_error() => "bad-request",
        _ => "internal",
    }
}

fn api_error(lang: Lang, info: ErrorInfo, res: Response) -> Response {
    let fields: Vec<_> = info
        .fields
        .0
        .iter()
        .map(|f| json!({"field": f.field, "code": f.code, "message": field_message(lang, f.code)}))
        .collect();
    let body = json!({"error": {"code": info.code, "message": message(lang, info.code), "fields": fields}});
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    (parts, Json(body)).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: Tr,
    status: u16,
    message: String,
}

fn page_error(lang: Lang, path: &str, info: ErrorInfo, res: Response) -> Response {
    if res.status() == StatusCode::UNAUTHORIZED {
        let next = serde_urlencoded::to_string([("next", path)]).unwrap_or_default();
        return Redirect::to(&format!("/login?{next}")).into_response();
    }
    let page = ErrorPage { t: Tr(lang), status: res.status().as_u16(), message: message(lang, info.code) };
    let html = page.render().unwrap_or_else(|_| message(lang, info.code));
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    (parts, Html(html)).into_response()
}
