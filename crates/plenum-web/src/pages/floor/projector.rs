//! The hall's projector: full screen, high contrast, large type — the current
//! item, the speaker, a big countdown and who speaks next. It follows the
//! current session unless pinned to one (`?session=…`, e.g. a group's room).
//! The hall's own computer opens it by a screen link (`/screen/{secret}`),
//! without anyone signing in: the link opens this page, its fragment and its
//! stream, and nothing else.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use plenum_app::conduct::screens;
use plenum_store::Plenum;

use super::view::{Row, Snapshot};
use super::{watched, FloorQuery, LIVE_ON};
use crate::error::AppError;
use crate::pages::{render, Chrome};
use crate::state::AppState;

/// How many of the waiting speakers the screen lists.
const UP_NEXT: usize = 4;

#[derive(Template)]
#[template(path = "floor_projector.html")]
struct ProjectorPage {
    c: Chrome,
    f: Snapshot,
    live_on: &'static str,
    /// The fragment the screen refetches.
    live_src: String,
    /// A stream of its own (a screen link's); otherwise the signed-in `/events`.
    live_events: Option<String>,
}

#[derive(Template)]
#[template(path = "floor_projector_screen.html")]
struct ProjectorScreen {
    c: Chrome,
    f: Snapshot,
}

impl ProjectorPage {
    fn next(&self) -> Vec<&Row> {
        self.f.up_next(UP_NEXT).collect()
    }
}

impl ProjectorScreen {
    fn next(&self) -> Vec<&Row> {
        self.f.up_next(UP_NEXT).collect()
    }
}

async fn screen(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    q: FloorQuery,
    by_link: Option<&str>,
) -> Result<Response, AppError> {
    let f = Snapshot::load(state, plenum, q.session, None, false).await?;
    let (live_src, live_events) = match by_link {
        Some(secret) => (format!("/screen/{secret}/fragment{}", f.pin), Some(format!("/screen/{secret}/events"))),
        None => (format!("/plenums/{}/fragments/projector{}", f.plenum.id, f.pin), None),
    };
    let mut res = render(&ProjectorPage { c, f, live_on: LIVE_ON, live_src, live_events })?;
    // The hall screen may be embedded where `projector_frame_ancestors` allows.
    res.extensions_mut().insert(crate::security::HallScreen);
    if by_link.is_some() {
        // The address holds the link's secret: keep the page out of caches.
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = watched(&state, &c, id).await?;
    screen(&state, c, plenum, q, None).await
}

pub async fn fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = watched(&state, &c, id).await?;
    let f = Snapshot::load(&state, plenum, q.session, None, false).await?;
    render(&ProjectorScreen { c, f })
}

/// The hall screen by its link, for the hall's computer: nobody signs in.
/// An unknown or revoked link is not found.
pub async fn by_link(
    State(state): State<AppState>,
    c: Chrome,
    Path(secret): Path<String>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = screens::open(&state.app, &secret).await?;
    screen(&state, c, plenum, q, Some(&secret)).await
}

/// The hall screen's live fragment by its link.
pub async fn fragment_by_link(
    State(state): State<AppState>,
    c: Chrome,
    Path(secret): Path<String>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = screens::open(&state.app, &secret).await?;
    let f = Snapshot::load(&state, plenum, q.session, None, false).await?;
    let mut res = render(&ProjectorScreen { c, f })?;
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
