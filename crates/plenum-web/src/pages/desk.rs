//! The secretary's desk (recording speeches and opinions) and the discussion
//! statistics page.

mod chart;
mod edit;
mod record;
mod stats;
mod views;

use crate::routes::{get, post, Routes};

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/desk", get(record::show))
        .route("/plenums/{id}/desk/speeches", post(record::add_speech).back_to("/plenums/{id}/desk"))
        .route("/plenums/{id}/desk/opinions", post(record::add_opinion).back_to("/plenums/{id}/desk"))
        .route("/plenums/{id}/desk/opinions/{oid}", get(edit::form).post(edit::save))
        .route("/plenums/{id}/desk/fragments/speeches", get(record::speeches_fragment))
        .route("/plenums/{id}/statistics", get(stats::show))
        .route("/plenums/{id}/fragments/statistics", get(stats::fragment))
}
