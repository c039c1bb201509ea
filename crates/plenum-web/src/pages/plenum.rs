//! A plenum's page: its agenda, discussion groups and committee.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use plenum_core::access::Permission;
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
    can: Abilities,
}

/// Which working pages of the plenum the user may open.
pub struct Abilities {
    pub prepare: bool,
    pub preside: bool,
    pub record: bool,
}

#[derive(Template)]
#[template(path = "plenum_agenda.html")]
struct AgendaFragment {
    c: Chrome,
    items: Vec<AgendaItem>,
}

async fn load_visible(state: &AppState, c: &Chrome, id: i64) -> Result<Plenum, AppError> {
    let user = c.require_user()?;
    let plenum = state.store.plenum(id).await?;
    user.require_on_plenum(state, Permission::ViewPlenum, &plenum).await?;
    Ok(plenum)
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let plenum = load_visible(&state, &c, id).await?;
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
    let user = c.require_user()?;
    let can = Abilities {
        prepare: user.can_on_plenum(&state, Permission::Prepare, &plenum).await,
        preside: user.can_on_plenum(&state, Permission::Preside, &plenum).await,
        record: user.can_on_plenum(&state, Permission::Record, &plenum).await,
    };
    render(&PlenumPage { c, plenum, committee, items, groups, members: members.len(), standing, can })
}

/// The agenda table alone, swapped in live when an item is added.
pub async fn agenda_fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    load_visible(&state, &c, id).await?;
    let items = state.store.agenda_items(id).await?;
    render(&AgendaFragment { c, items })
}
