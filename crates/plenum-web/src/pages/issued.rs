//! The office's page for each document the plenum issues (the synthesis
//! report, the resolution, the conclusion notice): its summary, text,
//! signature block and recipients, prefilled from the plenum until first
//! saved; the first save numbers it from the committee's register. Each save
//! is based on the version the page showed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::synthesize::issued;
use plenum_app::Error as Refused;
use plenum_core::synthesize::issued::{number_line, IssuedKind, IssuedText};
use plenum_store::{Conflict, Plenum};
use serde::Deserialize;

use crate::error::AppError;
use crate::exports::synthesis::{default_text, saved_text};
use crate::exports::today;
use crate::pages::documents::FormErrors;
use crate::pages::{render, see_other, Chrome};
use crate::routes::{get, Routes};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new().route("/plenums/{id}/issued/{kind}", get(show).post(save))
}

/// The form as typed, with the version it was read at (empty before the first save).
#[derive(Deserialize, Default)]
pub struct IssuedForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    signer_for: String,
    #[serde(default)]
    signer_title: String,
    #[serde(default)]
    signer_name: String,
    #[serde(default)]
    recipients: String,
}

impl IssuedForm {
    fn of(text: IssuedText, version: Option<i64>) -> IssuedForm {
        IssuedForm {
            version: version.map(|v| v.to_string()).unwrap_or_default(),
            title: text.title,
            body: text.body,
            signer_for: text.signer_for,
            signer_title: text.signer_title,
            signer_name: text.signer_name,
            recipients: text.recipients,
        }
    }

    fn text(&self) -> IssuedText {
        IssuedText {
            title: self.title.clone(),
            body: self.body.clone(),
            signer_for: self.signer_for.clone(),
            signer_title: self.signer_title.clone(),
            signer_name: self.signer_name.clone(),
            recipients: self.recipients.clone(),
        }
    }

    /// The version the form was read at: none before the first save; an
    /// unreadable one is an old page's, which the store refuses as stale.
    fn version(&self) -> Option<i64> {
        match self.version.trim() {
            "" => None,
            v => Some(v.parse().unwrap_or(-1)),
        }
    }
}

/// One of the plenum's documents, for the links between them.
struct Sibling {
    slug: &'static str,
    name: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "synthesis_issued.html")]
struct IssuedPage {
    c: Chrome,
    plenum: Plenum,
    slug: &'static str,
    name: String,
    report: bool,
    /// "Số 01-NQ/TU" once saved.
    number: Option<String>,
    /// The default text, not saved yet.
    draft: bool,
    form: IssuedForm,
    errors: FormErrors,
    notice: Option<String>,
    siblings: Vec<Sibling>,
}

fn kind_of(slug: &str) -> Result<IssuedKind, AppError> {
    IssuedKind::from_slug(slug).ok_or(AppError::NotFound)
}

struct Shown {
    form: Option<IssuedForm>,
    errors: FormErrors,
    notice: Option<String>,
    status: StatusCode,
}

async fn page(state: &AppState, c: Chrome, id: i64, kind: IssuedKind, shown: Shown) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let (plenum, saved) = issued::get(&state.app, &user, id, kind).await?;
    let form = match (shown.form, &saved) {
        (Some(f), _) => f,
        (None, Some(d)) => IssuedForm::of(saved_text(d), Some(d.version)),
        (None, None) => IssuedForm::of(default_text(state, &c, &plenum, kind).await?, None),
    };
    let lang = c.t.0;
    let page = IssuedPage {
        number: saved.as_ref().map(|d| number_line(d.number, kind, &lang.t("exp-issuer-code"))),
        draft: saved.is_none(),
        slug: kind.slug(),
        name: lang.t(&format!("issued-{}", kind.slug())),
        report: kind == IssuedKind::SynthesisReport,
        siblings: IssuedKind::ALL
            .iter()
            .map(|k| Sibling { slug: k.slug(), name: lang.t(&format!("issued-{}", k.slug())), current: *k == kind })
            .collect(),
        form,
        errors: shown.errors,
        notice: shown.notice,
        c,
        plenum,
    };
    let mut res = render(&page)?;
    *res.status_mut() = shown.status;
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, slug)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    // Who is calling is decided before anything is looked up.
    c.require_user()?;
    let kind = kind_of(&slug)?;
    let fresh = Shown { form: None, errors: FormErrors::default(), notice: None, status: StatusCode::OK };
    page(&state, c, id, kind, fresh).await
}

pub async fn save(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, slug)): Path<(i64, String)>,
    Form(mut f): Form<IssuedForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let kind = kind_of(&slug)?;
    let today = today()?;
    let refused = match issued::save(&state.app, &user, id, kind, f.text(), &today, f.version()).await {
        Ok(_) => return Ok(see_other(&format!("/plenums/{id}/issued/{}", kind.slug()))),
        Err(e) => e,
    };
    let shown = match refused {
        Refused::Invalid(e) => Shown {
            form: Some(f),
            errors: FormErrors::from_fields(c.t, "issued", &e),
            notice: None,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        },
        // Someone saved it first: keep what was typed, based on theirs now.
        Refused::Conflict(Conflict::Stale) => {
            let (_, saved) = issued::get(&state.app, &user, id, kind).await?;
            f.version = saved.map(|d| d.version.to_string()).unwrap_or_default();
            Shown {
                form: Some(f),
                errors: FormErrors::default(),
                notice: Some(c.t.s("issued-stale")),
                status: StatusCode::CONFLICT,
            }
        }
        other => return Err(other.into()),
    };
    page(&state, c, id, kind, shown).await
}
