//! Pages: the floor. The chair's console, the delegate's tablet and the hall's
//! projector, each a server-rendered page whose live part is a fragment
//! refetched over SSE (`static/live.js`), with the speaking clock kept running
//! by `static/floor.js`. A reload shows the same state: everything is stored.

mod chair;
mod projector;
mod screens;
mod tablet;
mod view;

use crate::routes::{get, post, Routes};
use plenum_store::{MeetingSession, Plenum};
use serde::Deserialize;

use super::Chrome;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// The pages the chair's and the tablet's forms belong to.
const CHAIR: &str = "/plenums/{id}/chair";
const TABLET: &str = "/plenums/{id}/tablet";

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/chair", get(chair::show))
        .route("/plenums/{id}/fragments/chair", get(chair::fragment))
        .route("/plenums/{id}/chair/sessions", post(chair::create_session).back_to(CHAIR))
        .route("/plenums/{id}/chair/sessions/{sid}", post(chair::update_session).back_to(CHAIR))
        .route("/plenums/{id}/chair/sessions/{sid}/speakers", post(chair::add_speaker).back_to(CHAIR))
        .route("/plenums/{id}/chair/sessions/{sid}/speakers/{eid}/{action}", post(chair::entry_action).back_to(CHAIR))
        .route("/plenums/{id}/tablet", get(tablet::show))
        .route("/plenums/{id}/fragments/tablet", get(tablet::fragment))
        .route("/plenums/{id}/tablet/speakers", post(tablet::ask).back_to(TABLET))
        .route("/plenums/{id}/tablet/speakers/{eid}/withdraw", post(tablet::withdraw).back_to(TABLET))
        .route("/plenums/{id}/tablet/opinions", post(tablet::send_opinion).back_to(TABLET))
        .route("/plenums/{id}/projector", get(projector::show))
        .route("/plenums/{id}/fragments/projector", get(projector::fragment))
        .route("/plenums/{id}/screens", get(screens::list).post(screens::create))
        .route("/plenums/{id}/screens/{lid}/revoke", post(screens::revoke).back_to("/plenums/{id}/screens"))
        .route("/screen/{secret}", get(projector::by_link))
        .route("/screen/{secret}/fragment", get(projector::fragment_by_link))
        .route("/screen/{secret}/events", get(crate::live::screen::events))
}

/// The actions that change what a floor view shows.
pub(crate) const LIVE_ON: &str = "session.created session.changed speaker.requested speaker.reordered speaker.started speaker.stopped speaker.withdrawn speaker.time_changed";

/// `?session=…&notice=…` on every floor page.
#[derive(Deserialize, Default)]
pub struct FloorQuery {
    session: Option<i64>,
    notice: Option<String>,
}

/// The signed-in user and the plenum they preside (the chair's console).
async fn presided(state: &AppState, c: &Chrome, id: i64) -> Result<(CurrentUser, Plenum), AppError> {
    let user = c.require_user()?.clone();
    let plenum = plenum_app::conduct::sessions::presided(&state.app, &user, id).await?;
    Ok((user, plenum))
}

/// The signed-in user and the plenum they see (the projector, the tablet's view).
async fn watched(state: &AppState, c: &Chrome, id: i64) -> Result<(CurrentUser, Plenum), AppError> {
    let user = c.require_user()?.clone();
    let plenum = plenum_app::prepare::plenums::get(&state.app, &user, id).await?;
    Ok((user, plenum))
}

/// The signed-in user and the plenum they take part in (the tablet's actions).
async fn taking_part(state: &AppState, c: &Chrome, id: i64) -> Result<(CurrentUser, Plenum), AppError> {
    let user = c.require_user()?.clone();
    let plenum = plenum_app::conduct::floor::participant(&state.app, &user, id).await?;
    Ok((user, plenum))
}

/// One of the plenum's sessions; another plenum's is not found.
async fn session_of(state: &AppState, plenum: &Plenum, session_id: i64) -> Result<MeetingSession, AppError> {
    let session = state.store.meeting_session(session_id).await?;
    if session.plenum_id != plenum.id {
        return Err(AppError::NotFound);
    }
    Ok(session)
}
