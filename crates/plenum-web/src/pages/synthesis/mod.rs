//! The synthesis workspace (tổng hợp, tiếp thu, giải trình ý kiến): the
//! office and the presenting bodies answer every opinion, one by one or a
//! group at once; the office reviews, groups similar opinions and enters
//! paper opinions; each delegate reads the answers to their own opinions.

mod act;
mod ask;
mod bodies;
mod own;
mod view;
mod workspace;

use crate::routes::{get, post, Routes};

const BACK: &str = "/plenums/{id}/synthesis";

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/synthesis", get(workspace::show))
        .route("/plenums/{id}/synthesis/fragments/progress", get(workspace::progress))
        .route("/plenums/{id}/synthesis/opinions/{oid}/answer", post(act::answer).back_to(BACK))
        .route("/plenums/{id}/synthesis/opinions/{oid}/review", post(act::review).back_to(BACK))
        .route("/plenums/{id}/synthesis/opinions/{oid}/split", post(act::split_off).back_to(BACK))
        .route("/plenums/{id}/synthesis/groups/{gid}/answer", post(act::answer_group).back_to(BACK))
        .route("/plenums/{id}/synthesis/groups/{gid}/rename", post(act::rename).back_to(BACK))
        .route("/plenums/{id}/synthesis/groups/{gid}/merge", post(act::merge).back_to(BACK))
        .route("/plenums/{id}/synthesis/items/{iid}/suggest", post(act::suggest).back_to(BACK))
        .route("/plenums/{id}/synthesis/paper", post(act::paper).back_to(BACK))
        .route("/plenums/{id}/my-answers", get(own::show))
        .route("/organizations/{id}/bodies", get(bodies::show))
        .route(
            "/organizations/{id}/bodies/{bid}/officers",
            post(bodies::add_officer).back_to("/organizations/{id}/bodies"),
        )
}
