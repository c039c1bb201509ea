//! The workspace's forms: answer an opinion or a group, review an answer,
//! group similar opinions, enter a paper opinion. Each goes back to the
//! workspace as it was filtered, at the opinion it acted on; a refused answer
//! or review shows the page again with what was typed and why.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use plenum_app::conduct::opinions::OpinionInput;
use plenum_app::synthesize::answers::{self, AnswerInput};
use plenum_app::synthesize::groups;
use plenum_core::synthesize::disposition::ReviewStatus;
use serde::Deserialize;

use super::ask::Ask;
use super::view::{Paper, Typed};
use super::workspace::page;
use crate::error::AppError;
use crate::pages::{labelled_errors, pasted, see_other, Chrome};
use crate::state::AppState;

/// The workspace's address with the view the form was sent from; the view is
/// read back as a filter first, so nothing else can ride along.
fn back(id: i64, view: &str, anchor: &str) -> Response {
    see_other(&format!("/plenums/{id}/synthesis?{}{anchor}", view_of(view).query()))
}

fn view_of(view: &str) -> Ask {
    serde_urlencoded::from_str(view).unwrap_or_default()
}

/// "document:anchor" as sent by the change select; empty is none.
fn change(raw: &str) -> Result<Option<(i64, String)>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let (doc, anchor) = raw.split_once(':').ok_or_else(|| AppError::field("change", "invalid-choice"))?;
    let doc = doc.parse().map_err(|_| AppError::field("change", "invalid-choice"))?;
    if anchor.is_empty() || anchor.len() > 200 {
        return Err(AppError::field("change", "invalid-choice"));
    }
    Ok(Some((doc, anchor.to_string())))
}

/// A version as the forms send it: empty for "not answered yet".
fn version(raw: &str) -> Result<Option<i64>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        v => v.parse().map(Some).map_err(|_| AppError::BadRequest("version")),
    }
}

/// Show the page again for a refused form, or pass any other refusal on.
async fn refused(
    state: &AppState,
    c: Chrome,
    id: i64,
    view: &str,
    mut typed: Typed,
    e: AppError,
) -> Result<Response, AppError> {
    let lang = c.t.0;
    typed.errors = match e {
        AppError::Unprocessable(f) => labelled_errors(lang, &f, |field| lang.t(&format!("syn-label-{field}"))),
        AppError::Conflict("stale") => vec![(String::new(), lang.t("syn-stale"))],
        other => return Err(other),
    };
    page(state, c, id, &view_of(view), Some(typed)).await
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reply: String,
    #[serde(default)]
    change: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    view: String,
    /// `convert` or `keep`, for a reply that looks legacy-encoded.
    #[serde(default)]
    pasted: String,
}

pub async fn answer(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, oid)): Path<(i64, i64)>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let typed = (f.kind.clone(), f.reply.clone(), f.change.clone());
    let result = async {
        let reply = pasted::resolve("reply", &f.reply, &f.pasted).map_err(AppError::Unprocessable)?;
        let a = AnswerInput { kind: f.kind, reply, change: change(&f.change)? };
        answers::answer(&state.app, c.require_user()?, oid, version(&f.version)?, a).await.map_err(AppError::from)
    }
    .await;
    match result {
        Ok(_) => Ok(back(id, &f.view, &format!("#op-{oid}"))),
        Err(e) => {
            let typed = Typed { opinion_id: oid, answer: Some(typed), ..Typed::default() };
            refused(&state, c, id, &f.view, typed, e).await
        }
    }
}

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    view: String,
}

pub async fn review(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, oid)): Path<(i64, i64)>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, AppError> {
    let to = ReviewStatus::parse(&f.to).filter(|s| *s != ReviewStatus::Drafted).ok_or(AppError::BadRequest("to"))?;
    let expected = version(&f.version)?.ok_or(AppError::BadRequest("version"))?;
    match answers::review(&state.app, c.require_user()?, oid, expected, to, &f.note).await {
        Ok(_) => Ok(back(id, &f.view, &format!("#op-{oid}"))),
        Err(e) => refused(&state, c, id, &f.view, Typed { opinion_id: oid, ..Typed::default() }, e.into()).await,
    }
}

#[derive(Deserialize)]
pub struct ViewOnly {
    #[serde(default)]
    view: String,
}

pub async fn split_off(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, oid)): Path<(i64, i64)>,
    Form(f): Form<ViewOnly>,
) -> Result<Response, AppError> {
    groups::split_off(&state.app, c.require_user()?, id, oid).await?;
    Ok(back(id, &f.view, &format!("#op-{oid}")))
}

pub async fn answer_group(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, gid)): Path<(i64, i64)>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let typed = (gid, f.kind.clone(), f.reply.clone(), f.change.clone());
    let result = async {
        let reply = pasted::resolve("reply", &f.reply, &f.pasted).map_err(AppError::Unprocessable)?;
        let a = AnswerInput { kind: f.kind, reply, change: change(&f.change)? };
        answers::answer_group(&state.app, c.require_user()?, id, gid, a).await.map_err(AppError::from)
    }
    .await;
    match result {
        Ok(_) => Ok(back(id, &f.view, &format!("#group-{gid}"))),
        Err(e) => refused(&state, c, id, &f.view, Typed { group: Some(typed), ..Typed::default() }, e).await,
    }
}

#[derive(Deserialize)]
pub struct RenameForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    view: String,
}

pub async fn rename(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, gid)): Path<(i64, i64)>,
    Form(f): Form<RenameForm>,
) -> Result<Response, AppError> {
    groups::rename(&state.app, c.require_user()?, id, gid, &f.title).await?;
    Ok(back(id, &f.view, &format!("#group-{gid}")))
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
    #[serde(default)]
    view: String,
}

pub async fn merge(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, gid)): Path<(i64, i64)>,
    Form(f): Form<MergeForm>,
) -> Result<Response, AppError> {
    let into = f.into.trim().parse().map_err(|_| AppError::field("into", "invalid-choice"))?;
    groups::merge(&state.app, c.require_user()?, id, gid, into).await?;
    Ok(back(id, &f.view, &format!("#group-{into}")))
}

pub async fn suggest(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, iid)): Path<(i64, i64)>,
    Form(f): Form<ViewOnly>,
) -> Result<Response, AppError> {
    groups::suggest_and_accept(&state.app, c.require_user()?, id, iid, &c.t.s("syn-group-default")).await?;
    Ok(back(id, &f.view, &format!("#item-{iid}")))
}

#[derive(Deserialize)]
pub struct PaperForm {
    #[serde(default)]
    delegate_id: String,
    #[serde(default)]
    item_id: String,
    #[serde(default)]
    stance: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    view: String,
    #[serde(default)]
    pasted: String,
}

pub async fn paper(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<PaperForm>,
) -> Result<Response, AppError> {
    let result = async {
        let delegate = f.delegate_id.trim().parse::<i64>().ok();
        let item_id = f.item_id.trim().parse::<i64>().ok();
        let text = pasted::resolve("text", &f.text, &f.pasted).map_err(AppError::Unprocessable)?;
        let o = OpinionInput { item_id, passage_anchor: None, stance: f.stance.clone(), text };
        Ok::<_, AppError>(answers::enter_paper(&state.app, c.require_user()?, id, delegate, o).await?)
    }
    .await;
    match result {
        Ok(opinion) => Ok(back(id, &f.view, &format!("#op-{}", opinion.id))),
        Err(e) => {
            let paper = Paper { delegate_id: f.delegate_id, item_id: f.item_id, stance: f.stance, text: f.text };
            refused(&state, c, id, &f.view, Typed { paper: Some(paper), ..Typed::default() }, e).await
        }
    }
}
