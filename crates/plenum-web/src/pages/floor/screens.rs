//! The office's page for the hall screen's links: make a link for the
//! computer that drives the hall's projector (shown once, with its QR code),
//! see the links made, and revoke one.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use plenum_app::conduct::screens;
use plenum_store::{Plenum, ScreenLink};
use serde::Deserialize;

use crate::conduct::roster::origin;
use crate::error::AppError;
use crate::pages::{labelled_errors, render, see_other, Chrome};
use crate::state::AppState;

/// A link just made: its address, shown this once.
struct Issued {
    label: String,
    url: String,
    qr: String,
}

#[derive(Template)]
#[template(path = "floor_screens.html")]
struct ScreensPage {
    c: Chrome,
    plenum: Plenum,
    links: Vec<ScreenLink>,
    issued: Option<Issued>,
    revoked: bool,
    errors: Vec<(String, String)>,
    label: String,
}

#[derive(Deserialize, Default)]
pub struct ScreensQuery {
    #[serde(default)]
    revoked: Option<String>,
}

#[derive(Deserialize)]
pub struct NewLink {
    #[serde(default)]
    label: String,
}

async fn page(
    state: &AppState,
    c: Chrome,
    id: i64,
    issued: Option<Issued>,
    revoked: bool,
    errors: Vec<(String, String)>,
    label: String,
) -> Result<Response, AppError> {
    let (plenum, links) = screens::list(&state.app, c.require_user()?, id).await?;
    render(&ScreensPage { c, plenum, links, issued, revoked, errors, label })
}

pub async fn list(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<ScreensQuery>,
) -> Result<Response, AppError> {
    page(&state, c, id, None, q.revoked.is_some(), Vec::new(), String::new()).await
}

/// Make a link; the page shows its address once (only its hash is kept).
pub async fn create(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<NewLink>,
) -> Result<Response, AppError> {
    match screens::create(&state.app, c.require_user()?, id, &f.label).await.map_err(AppError::from) {
        Ok((link, secret)) => {
            let url = format!("{}/screen/{secret}", origin(&headers, state.config.secure_cookies));
            let qr = plenum_docs::qr_svg(&url).map_err(|e| AppError::Internal(e.into()))?;
            let issued = Issued { label: link.label, url, qr };
            page(&state, c, id, Some(issued), false, Vec::new(), String::new()).await
        }
        Err(AppError::Unprocessable(e)) => {
            let lang = c.t.0;
            let errors = labelled_errors(lang, &e, |_| lang.t("scr-label"));
            let mut res = page(&state, c, id, None, false, errors, f.label).await?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// Revoke a link: a screen showing it stops at its next request, its live stream at once.
pub async fn revoke(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, lid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    screens::revoke(&state.app, c.require_user()?, id, lid).await?;
    Ok(see_other(&format!("/plenums/{id}/screens?revoked=1")))
}
