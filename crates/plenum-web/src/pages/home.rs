//! The start page: the plenums the user may see.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use plenum_app::prepare::plenums;
use plenum_store::Plenum;

use super::{render, Chrome};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    plenums: Vec<Plenum>,
    /// The office may convene a new plenum.
    can_convene: bool,
}

pub async fn show(State(state): State<AppState>, c: Chrome) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let can_convene = plenums::may_convene(user);
    let plenums = plenums::visible(&state.app, user).await?;
    render(&HomePage { c, plenums, can_convene })
}
