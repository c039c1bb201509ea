//! Pages: the floor. The chair's console, the delegate's tablet and the hall's
//! projector, each a server-rendered page whose live part is a fragment
//! refetched over SSE (`static/live.js`), with the speaking clock kept running
//! by `static/floor.js`. A reload shows the same state: everything is stored.

mod chair;
mod projector;
mod tablet;
mod view;

use axum::routing::{get, post};
use axum::Router;
use plenum_core::access::Permission;
use plenum_store::Plenum;
use serde::Deserialize;

use super::Chrome;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plenums/{id}/chair", get(chair::show))
        .route("/plenums/{id}/fragments/chair", get(chair::fragment))
        .route("/plenums/{id}/chair/sessions", post(chair::create_session))
        .route("/plenums/{id}/chair/sessions/{sid}", post(chair::update_session))
        .route("/plenums/{id}/chair/sessions/{sid}/speakers", post(chair::add_speaker))
        .route("/plenums/{id}/chair/sessions/{sid}/speakers/{eid}/{action}", post(chair::entry_action))
        .route("/plenums/{id}/tablet", get(tablet::show))
        .route("/plenums/{id}/fragments/tablet", get(tablet::fragment))
        .route("/plenums/{id}/tablet/speakers", post(tablet::ask))
        .route("/plenums/{id}/tablet/speakers/{eid}/withdraw", post(tablet::withdraw))
        .route("/plenums/{id}/tablet/opinions", post(tablet::send_opinion))
        .route("/plenums/{id}/projector", get(projector::show))
        .route("/plenums/{id}/fragments/projector", get(projector::fragment))
}

/// The actions that change what a floor view shows.
const LIVE_ON: &str = "session.created session.changed speaker.requested speaker.reordered speaker.started speaker.stopped speaker.withdrawn speaker.time_changed";

/// `?session=…&notice=…` on every floor page.
#[derive(Deserialize, Default)]
pub struct FloorQuery {
    session: Option<i64>,
    notice: Option<String>,
}

/// The signed-in user and the plenum, after checking they may `p` there.
async fn plenum_for(state: &AppState, c: &Chrome, id: i64, p: Permission) -> Result<(CurrentUser, Plenum), AppError> {
    let user = c.require_user()?.clone();
    let plenum = state.store.plenum(id).await?;
    user.require_on_plenum(state, p, &plenum).await?;
    Ok((user, plenum))
}
