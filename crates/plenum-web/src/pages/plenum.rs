//! A plenum's page: its agenda, discussion groups and committee.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::prepare::plenums;
use plenum_app::Abilities;
use plenum_store::{AgendaItem, Committee, Member, Plenum};

use super::{render, Chrome};
use crate::error::AppError;
use crate::state::AppState;

pub struct GroupView {
    pub name: String,
    pub leader: String,
    pub secretary: String,
    pub size: usize,
}

#[derive(Template)]
#[template(path = "plenum.html")]
struct PlenumPage {
    c: Chrome,
    plenum: Plenum,
    committee: Committee,
    items: Vec<AgendaItem>,
    groups: Vec<GroupView>,
    members: usize,
    standing: Vec<Member>,
    /// Which working pages of the plenum the user may open.
    can: Abilities,
    /// The office, or an officer of a presenting body: the synthesis workspace.
    synthesis: bool,
}

#[derive(Template)]
#[template(path = "plenum_agenda.html")]
struct AgendaFragment {
    c: Chrome,
    items: Vec<AgendaItem>,
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (plenum, can) = plenums::open(&state.app, c.require_user()?, id).await?;
    let committee = state.store.committee(plenum.committee_id).await?;
    let members = state.store.members(committee.id).await?;
    let name_of = |id: Option<i64>| {
        id.and_then(|id| members.iter().find(|m| m.id == id)).map(|m| m.full_name.clone()).unwrap_or_default()
    };
    let groups = state
        .store
        .groups(id)
        .await?
        .into_iter()
        .map(|g| GroupView {
            leader: name_of(g.leader_member_id),
            secretary: name_of(g.secretary_member_id),
            size: g.member_ids.len(),
            name: g.name,
        })
        .collect();
    let items = state.store.agenda_items(id).await?;
    let standing = members.iter().filter(|m| m.standing).cloned().collect();
    let synthesis = plenum_app::synthesize::workspace::may_open(&state.app, c.require_user()?, id).await?;
    render(&PlenumPage { c, plenum, committee, items, groups, members: members.len(), standing, can, synthesis })
}

/// The agenda table alone, swapped in live when an item is added.
pub async fn agenda_fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let items = plenum_app::prepare::agenda::items(&state.app, c.require_user()?, id).await?;
    render(&AgendaFragment { c, items })
}
