//! The hall's projector: full screen, high contrast, large type — the current
//! item, the speaker, a big countdown and who speaks next. It follows the
//! current session unless pinned to one (`?session=…`, e.g. a group's room).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;

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

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(q): Query<FloorQuery>,
) -> Result<Response, AppError> {
    let (_, plenum) = watched(&state, &c, id).await?;
    let f = Snapshot::load(&state, plenum, q.session, None, false).await?;
    let mut res = render(&ProjectorPage { c, f, live_on: LIVE_ON })?;
    // The hall screen may be embedded where `projector_frame_ancestors` allows.
    res.extensions_mut().insert(crate::security::HallScreen);
    Ok(res)
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
