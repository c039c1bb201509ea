//! An organization's bodies (cơ quan tham mưu) and their officers, for its
//! administrators: an officer answers the opinions on the items the body presents.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::synthesize::bodies::{self, BodyOfficers};
use plenum_store::Organization;
use serde::Deserialize;

use crate::error::AppError;
use crate::pages::{labelled_errors, render, see_other, Chrome};
use crate::state::AppState;

/// A refused form: its body, why (field, message), and what was typed.
type Refused = (i64, Vec<(String, String)>, String);

#[derive(Template)]
#[template(path = "synthesis_bodies.html")]
struct Page {
    c: Chrome,
    org: Organization,
    bodies: Vec<BodyOfficers>,
    refused: Option<Refused>,
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (org, bodies) = bodies::of_organization(&state.app, c.require_user()?, id).await?;
    render(&Page { c, org, bodies, refused: None })
}

#[derive(Deserialize)]
pub struct OfficerForm {
    #[serde(default)]
    username: String,
}

pub async fn add_officer(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, bid)): Path<(i64, i64)>,
    Form(f): Form<OfficerForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?;
    match bodies::add_officer(&state.app, user, Some(id), bid, &f.username).await.map_err(AppError::from) {
        Ok(_) => Ok(see_other(&format!("/organizations/{id}/bodies#body-{bid}"))),
        Err(AppError::Unprocessable(e)) => {
            let lang = c.t.0;
            let errors = labelled_errors(lang, &e, |_| lang.t("body-officer-username"));
            let (org, bodies) = bodies::of_organization(&state.app, user, id).await?;
            let mut res = render(&Page { c, org, bodies, refused: Some((bid, errors, f.username)) })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
