//! Correcting one opinion. The form carries the version it was read at; if
//! someone changed the opinion since, the correction is refused, the saved
//! text is shown beside the typed one, and the typed text stays in the form.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use plenum_app::conduct::opinions::{self, Correction};
use plenum_store::{AgendaItem, Opinion, Plenum};
use serde::Deserialize;

use super::record::Ctx;
use super::views::{desk_errors, has_error, Lookup, OpinionView, StanceOption, STANCES};
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    item_id: String,
    #[serde(default)]
    passage_anchor: String,
    #[serde(default)]
    stance: String,
    #[serde(default)]
    text: String,
}

impl EditForm {
    /// The form as saved; the cited passage is shown by its label, which resolves back on saving.
    fn of(o: &Opinion, lookup: &Lookup) -> EditForm {
        EditForm {
            version: o.version.to_string(),
            item_id: o.item_id.to_string(),
            passage_anchor: lookup.opinion(o).anchor,
            stance: o.stance.as_str().to_string(),
            text: o.text.clone(),
        }
    }
}

/// Where an opinion was given, and where to go back to.
struct Place {
    /// Who gave it and where, e.g. "Nguyễn Văn An · Thảo luận Tổ 1".
    context: String,
    back: String,
}

#[derive(Template)]
#[template(path = "desk_edit.html")]
struct EditPage {
    c: Chrome,
    plenum: Plenum,
    opinion_id: i64,
    place: Place,
    items: Vec<AgendaItem>,
    stances: &'static [StanceOption],
    form: EditForm,
    errors: Vec<(String, String)>,
    /// After a refused stale correction: the opinion as it is now saved.
    saved: Option<OpinionView>,
}

impl EditPage {
    fn invalid(&self, field: &str) -> bool {
        has_error(&self.errors, field)
    }
}

/// The opinion, checked to be this plenum's and within the recorder's groups,
/// with what the page needs around it.
async fn load(state: &AppState, c: &Chrome, plenum_id: i64, oid: i64) -> Result<(Ctx, Opinion, Place), AppError> {
    let user = c.require_user()?.clone();
    let ctx = Ctx::load(state, &user, plenum_id).await?;
    let opinion = state.store.opinion(oid).await?;
    if opinion.plenum_id != plenum_id {
        return Err(AppError::NotFound);
    }
    // Whoever may record where it was given may correct it.
    opinions::correctable(&state.app, &user, oid).await?;
    let speaker = Lookup::new(&ctx.items, &ctx.delegates, &ctx.labels).name(opinion.delegate_id);
    let (context, back) = match opinion.speech_id {
        Some(sid) => {
            let session = ctx.session(state.store.speech(sid).await?.session_id)?;
            (
                format!("{speaker} · {}", session.title),
                format!("/plenums/{plenum_id}/desk?session={}&speech={sid}#opinion-{oid}", session.id),
            )
        }
        None => (format!("{speaker} · {}", c.t.s("desk-written")), format!("/plenums/{plenum_id}/desk")),
    };
    Ok((ctx, opinion, Place { context, back }))
}

fn page(
    c: Chrome,
    ctx: Ctx,
    opinion_id: i64,
    place: Place,
    form: EditForm,
    errors: Vec<(String, String)>,
    saved: Option<OpinionView>,
) -> EditPage {
    EditPage { c, plenum: ctx.plenum, opinion_id, place, items: ctx.items, stances: &STANCES, form, errors, saved }
}

pub async fn form(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, oid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (ctx, opinion, place) = load(&state, &c, id, oid).await?;
    let form = EditForm::of(&opinion, &Lookup::new(&ctx.items, &ctx.delegates, &ctx.labels));
    render(&page(c, ctx, oid, place, form, Vec::new(), None))
}

pub async fn save(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, oid)): Path<(i64, i64)>,
    Form(mut f): Form<EditForm>,
) -> Result<Response, AppError> {
    let (ctx, _, place) = load(&state, &c, id, oid).await?;
    let user = c.require_user()?.clone();
    // An unreadable version cannot be current: it is refused as stale, with the saved text shown.
    let version = f.version.trim().parse::<i64>().unwrap_or(0);
    let change = Correction {
        stance: Some(f.stance.clone()),
        text: Some(f.text.clone()),
        passage_anchor: Some(f.passage_anchor.clone()),
        item_id: Some(f.item_id.trim().parse().unwrap_or(0)),
    };
    match opinions::correct(&state.app, &user, oid, version, change).await {
        Ok(_) => Ok(see_other(&place.back)),
        Err(plenum_app::Error::Invalid(e)) => {
            let errors = desk_errors(c.t, &e);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page(c, ctx, oid, place, f, errors, None))?).into_response())
        }
        Err(plenum_app::Error::Conflict(plenum_store::Conflict::Stale)) => {
            // Keep what was typed; offer to save it over the version now shown.
            let now = state.store.opinion(oid).await?;
            f.version = now.version.to_string();
            let saved = Lookup::new(&ctx.items, &ctx.delegates, &ctx.labels).opinion(&now);
            let errors = vec![(String::new(), c.t.s("desk-stale"))];
            Ok((StatusCode::CONFLICT, render(&page(c, ctx, oid, place, f, errors, Some(saved)))?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
