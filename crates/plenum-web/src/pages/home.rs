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
}

pub async fn show(State(state): State<AppState>, c: Chrome) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let mut plenums = Vec::new();
    for p in state.store.plenums().await? {
        if user.can_on_plenum(&state, Permission::ViewPlenum, &p).await {
            plenums.push(p);
        }
    }
    render(&HomePage { c, plenums })
}
