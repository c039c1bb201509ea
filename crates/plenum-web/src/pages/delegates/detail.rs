//! One delegate: details, attendance, the check-in QR code, and a one-time
//! link for their tablet; and the printable sheet of badges.

use crate::routes::{get, post, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use plenum_app::prepare::delegates;
use plenum_store::{Delegate, Plenum};

use super::{group_name, open, prepared, Can, Flash, ROLL};
use crate::conduct::roster::{checkin_url, origin};
use crate::error::AppError;
use crate::pages::{render, Chrome};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/delegates/{did}", get(show))
        .route("/plenums/{id}/delegates/{did}/qr.svg", get(qr))
        .route("/plenums/{id}/delegates/{did}/link", post(issue_link).back_to("/plenums/{id}/delegates/{did}"))
        .route("/plenums/{id}/badges.pdf", get(badges))
}

/// A link just issued, shown once.
pub struct Issued {
    pub url: String,
    pub qr: String,
}

#[derive(Template)]
#[template(path = "delegate.html")]
struct DelegatePage {
    c: Chrome,
    plenum: Plenum,
    can: Can,
    d: Delegate,
    group: String,
    checkin: String,
    qr: String,
    issued: Option<Issued>,
    /// A one-time link may sign this delegate in (their account, if any, holds nothing more).
    linkable: bool,
    notice: Option<String>,
    problem: Option<String>,
    roll: [&'static str; 5],
}

async fn delegate_of(state: &AppState, plenum: &Plenum, did: i64) -> Result<Delegate, AppError> {
    let d = state.store.delegate(did).await?;
    if d.plenum_id != plenum.id {
        return Err(AppError::NotFound);
    }
    Ok(d)
}

fn svg(payload: &str) -> Result<String, AppError> {
    let svg = plenum_docs::qr_svg(payload).map_err(|e| AppError::Internal(e.into()))?;
    // Inline in HTML: the XML declaration is not allowed there.
    Ok(svg.split_once("?>").map(|(_, rest)| rest.trim_start().to_string()).unwrap_or(svg))
}

async fn page(
    state: &AppState,
    c: Chrome,
    headers: &HeaderMap,
    id: i64,
    did: i64,
    issued: Option<Issued>,
    flash: Flash,
) -> Result<Response, AppError> {
    let (plenum, can) = open(state, &c, id).await?;
    let d = delegate_of(state, &plenum, did).await?;
    let group = group_name(&state.store.groups(id).await?, &d);
    let checkin = checkin_url(&origin(headers, state.config.secure_cookies), &d);
    let qr = svg(&checkin)?;
    let linkable = delegates::takes_links(&state.app, &d).await?;
    let (notice, problem) = super::notices(c.t, &flash);
    let page = DelegatePage { c, plenum, can, d, group, checkin, qr, issued, linkable, notice, problem, roll: ROLL };
    let mut res = render(&page)?;
    // The page may carry a one-time link: keep it out of every cache.
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path((id, did)): Path<(i64, i64)>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    page(&state, c, &headers, id, did, None, flash).await
}

/// The check-in QR code alone, for printing elsewhere.
pub async fn qr(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (plenum, _) = open(&state, &c, id).await?;
    let d = delegate_of(&state, &plenum, did).await?;
    let svg = plenum_docs::qr_svg(&checkin_url(&origin(&headers, state.config.secure_cookies), &d))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// Issue a one-time sign-in link for the delegate's tablet; it is shown once.
pub async fn issue_link(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let secret = delegates::issue_link(&state.app, c.require_user()?, id, did).await?;
    let url = format!("{}/d/{secret}", origin(&headers, state.config.secure_cookies));
    let issued = Issued { qr: svg(&url)?, url };
    page(&state, c, &headers, id, did, Some(issued), Flash::default()).await
}

/// Every delegate's badge, 8 to an A4 page, members first.
pub async fn badges(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let plenum = prepared(&state, &c, id).await?;
    let groups = state.store.groups(id).await?;
    let origin = origin(&headers, state.config.secure_cookies);
    let lang = c.t.0;
    let badges: Vec<plenum_docs::Badge> = state
        .store
        .delegates(id)
        .await?
        .iter()
        .map(|d| plenum_docs::Badge {
            event: plenum.title.clone(),
            name: d.full_name.clone(),
            title: d.title.clone(),
            unit: d.unit.clone(),
            kind: lang.t(&format!("dlg-badge-{}", d.kind)),
            group: group_name(&groups, d),
            qr: checkin_url(&origin, d),
        })
        .collect();
    let title = lang.t_args("dlg-badges-title", &[("plenum", plenum.title.clone())]);
    // Typesetting is CPU work; keep it off the async workers.
    let pdf = tokio::task::spawn_blocking(move || plenum_docs::badges_pdf(&title, &badges))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    let disposition = format!("inline; filename=\"the-dai-bieu-{id}.pdf\"");
    Ok(([(header::CONTENT_TYPE, "application/pdf".to_string()), (header::CONTENT_DISPOSITION, disposition)], pdf)
        .into_response())
}
