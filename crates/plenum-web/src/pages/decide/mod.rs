//! Pages: deciding (biểu quyết, bầu cử). The plenum's polls and the chair's
//! form to create one; one poll, with the chair's forms to run it, the
//! member's ballot on the tablet and, once closed, its result; the hall
//! screen's view of it; and the counting committee's paper entry.
//!
//! Nothing here reveals a choice before the poll closes, except the running
//! count of an open, named vote the chair chose to show live; a secret
//! ballot's receipt is shown once, in the answer to the cast, and never kept.

mod list;
mod paper;
mod poll;
mod view;

use crate::routes::{get, post, Routes};

const POLL: &str = "/polls/{id}";

/// The changes that alter what a poll's pages show. A vote itself is not a
/// change anyone hears of, so the participation line is also refetched
/// every few seconds (`data-live-every`).
pub(crate) const LIVE_ON: &str = "poll.created poll.opened poll.closed poll.sealed poll.changed paper_ballot.entered";

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/polls", get(list::show).post(list::create))
        .route("/polls/{id}", get(poll::show))
        .route("/polls/{id}/committee", post(poll::committee).back_to(POLL))
        .route("/polls/{id}/open", post(poll::open).back_to(POLL))
        .route("/polls/{id}/close", post(poll::close).back_to(POLL))
        .route("/polls/{id}/runoff", post(poll::runoff).back_to(POLL))
        .route("/polls/{id}/vote", post(poll::vote).back_to(POLL))
        .route("/polls/{id}/review", post(poll::review).back_to(POLL))
        .route("/polls/{id}/cast", post(poll::cast).back_to(POLL))
        .route("/polls/{id}/participation", get(poll::participation))
        .route("/polls/{id}/projector", get(poll::projector))
        .route("/polls/{id}/fragments/projector", get(poll::projector_fragment))
        .route("/polls/{id}/paper", get(paper::show).post(paper::enter))
}
