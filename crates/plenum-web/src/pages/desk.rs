//! The secretary's desk (recording speeches and opinions) and the discussion
//! statistics page.

mod chart;
mod edit;
mod record;
mod stats;
mod views;

use axum::routing::get;
use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plenums/{id}/desk", get(record::show))
        .route("/plenums/{id}/desk/speeches", axum::routing::post(record::add_speech))
        .route("/plenums/{id}/desk/opinions", axum::routing::post(record::add_opinion))
        .route("/plenums/{id}/desk/opinions/{oid}", get(edit::form).post(edit::save))
        .route("/plenums/{id}/desk/fragments/speeches", get(record::speeches_fragment))
        .route("/plenums/{id}/statistics", get(stats::show))
        .route("/plenums/{id}/fragments/statistics", get(stats::fragment))
}
