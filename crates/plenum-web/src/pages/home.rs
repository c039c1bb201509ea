//! The start page: the plenums the user may see.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use plenum_core::access::Permission;
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
    let mut plenums = Vec::new();
    for p in state.store.plenums().await? {
        if user.can_on_plenum(&state, Permission::ViewPlenum, &p).await {
            plenums.push(p);
        }
    }
    let can_convene = user.can_somewhere(Permission::Prepare);
    render(&HomePage { c, plenums, can_convene })
}
