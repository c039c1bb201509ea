//! The discussion statistics page: the seed's sentence, a chart, and tables
//! per item, per group and per delegate — all computed from the records and
//! refetched live whenever something is recorded.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use plenum_core::conduct::statistics::{summary_en, Statistics};
use plenum_store::Plenum;

use super::chart::{chart, Chart};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::{render, Chrome};
use crate::state::AppState;

/// How many delegates the "most active" table lists.
const TOP_DELEGATES: usize = 10;

pub struct StatsBody {
    pub summary: String,
    pub stats: Statistics,
    pub chart: Chart,
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatsPage {
    c: Chrome,
    plenum: Plenum,
    body: StatsBody,
}

#[derive(Template)]
#[template(path = "statistics_body.html")]
struct StatsFragment {
    c: Chrome,
    body: StatsBody,
}

async fn body(state: &AppState, c: &Chrome, id: i64) -> Result<(Plenum, StatsBody), AppError> {
    let hall = c.t.0.t("stats-hall");
    let (plenum, mut stats) =
        plenum_app::conduct::statistics::of_plenum(&state.app, c.require_user()?, id, &hall).await?;
    stats.by_delegate.truncate(TOP_DELEGATES);
    let summary = match c.t.0 {
        Lang::Vi => stats.summary_vi.clone(),
        Lang::En => summary_en(stats.speeches, stats.opinions, stats.items_discussed),
    };
    let chart = chart(c.t, &stats.by_item, &summary);
    Ok((plenum, StatsBody { summary, stats, chart }))
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (plenum, body) = body(&state, &c, id).await?;
    render(&StatsPage { c, plenum, body })
}

pub async fn fragment(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (_, body) = body(&state, &c, id).await?;
    render(&StatsFragment { c, body })
}
