//! A delegate's own opinions and how each was answered, once the office
//! approved the answer: on the tablet, next to the opinion form.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::synthesize::answers;
use plenum_store::Plenum;

use super::view::{change_where, kind_label};
use crate::error::AppError;
use crate::pages::{render, Chrome};
use crate::state::AppState;

struct Row {
    id: i64,
    item: String,
    stance: String,
    text: String,
    answered: bool,
    kind: String,
    reply: String,
    change: String,
    change_text: String,
}

#[derive(Template)]
#[template(path = "synthesis_own.html")]
struct Page {
    c: Chrome,
    plenum: Plenum,
    rows: Vec<Row>,
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let t = c.t;
    let (plenum, own) = answers::own(&state.app, who, id).await?;
    let rows = own
        .into_iter()
        .map(|a| Row {
            id: a.opinion.id,
            item: a.item_title,
            stance: t.s(&format!("desk-stance-{}", a.opinion.stance.as_str())),
            text: a.opinion.text,
            answered: a.answer.is_some(),
            kind: a.answer.as_ref().map(|d| kind_label(t, d.kind)).unwrap_or_default(),
            reply: a.answer.as_ref().map(|d| d.reply.clone()).unwrap_or_default(),
            change: a.change.as_ref().map(|ch| change_where(t, ch)).unwrap_or_default(),
            change_text: a.change.map(|ch| ch.text).unwrap_or_default(),
        })
        .collect();
    render(&Page { c, plenum, rows })
}
