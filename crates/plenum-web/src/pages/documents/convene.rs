//! Convening a plenum of a committee (the office's work); its agenda is built in `pages::agenda`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::prepare::plenums;
use plenum_app::Error as Refused;
use plenum_core::FieldErrors;
use plenum_store::input::NewPlenum;
use plenum_store::Committee;
use serde::Deserialize;

use super::FormErrors;
use crate::error::AppError;
use crate::pages::numbers::{form_number, join_checks};
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ConveneForm {
    #[serde(default)]
    committee_id: String,
    #[serde(default)]
    ordinal: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    #[serde(default)]
    place: String,
}

#[derive(Template)]
#[template(path = "prepare_convene.html")]
struct ConvenePage {
    c: Chrome,
    committees: Vec<Committee>,
    form: ConveneForm,
    errors: FormErrors,
}

/// The committees whose organization the user prepares plenums for.
async fn committees(state: &AppState, c: &Chrome) -> Result<Vec<Committee>, AppError> {
    Ok(plenums::conveners(&state.app, c.require_user()?).await?)
}

async fn convene_page(
    state: &AppState,
    c: Chrome,
    form: ConveneForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let committees = committees(state, &c).await?;
    let mut res = render(&ConvenePage { c, committees, form, errors })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn form(State(state): State<AppState>, c: Chrome) -> Result<Response, AppError> {
    let mut form = ConveneForm::default();
    // One committee: choose it already.
    if let [only] = committees(&state, &c).await?.as_slice() {
        form.committee_id = only.id.to_string();
    }
    convene_page(&state, c, form, FormErrors::default(), StatusCode::OK).await
}

pub async fn submit(
    State(state): State<AppState>,
    c: Chrome,
    Form(f): Form<ConveneForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    // 403 for whoever convenes nowhere.
    committees(&state, &c).await?;
    let mut e = FieldErrors::default();
    let mut committee_id = f.committee_id.trim().parse::<i64>().ok();
    // A committee the caller may not convene in is refused before any field is looked at.
    if let Some(id) = committee_id {
        match plenums::convener_of(&state.app, &user, id).await {
            Ok(_) => {}
            Err(Refused::Invalid(_)) => committee_id = None,
            Err(other) => return Err(other.into()),
        }
    }
    if committee_id.is_none() {
        e.push("committee_id", "invalid-choice");
    }
    let ordinal = form_number(&mut e, "ordinal", &f.ordinal);
    let new = NewPlenum {
        committee_id: committee_id.unwrap_or(0),
        ordinal,
        title: f.title.clone(),
        starts_on: f.starts_on.clone(),
        ends_on: f.ends_on.clone(),
        place: f.place.clone(),
    };
    // Report every problem at once: the store's checks join the form's own.
    if let Err(more) = new.clone().validate() {
        join_checks(&mut e, more);
    }
    if !e.is_empty() {
        let errors = FormErrors::from_fields(c.t, "plenum", &e);
        return convene_page(&state, c, f, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match plenums::convene(&state.app, &user, new).await {
        Ok(p) => Ok(see_other(&format!("/plenums/{}/agenda", p.id))),
        Err(Refused::Conflict(plenum_store::Conflict::OrdinalTaken)) => {
            let errors = FormErrors::one("ordinal", c.t.s("prep-plenum-ordinal-taken"));
            convene_page(&state, c, f, errors, StatusCode::CONFLICT).await
        }
        Err(Refused::Invalid(fe)) => {
            let errors = FormErrors::from_fields(c.t, "plenum", &fe);
            convene_page(&state, c, f, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(other.into()),
    }
}
