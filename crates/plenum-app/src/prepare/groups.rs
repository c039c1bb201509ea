//! Discussion groups (tổ thảo luận).

use plenum_core::prepare::groups::plan_group;
use plenum_store::input::NewGroup;
use plenum_store::DiscussionGroup;

use super::plenums;
use crate::{App, AppResult, Principal};

/// The groups with their members.
pub async fn list(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<DiscussionGroup>> {
    plenums::get(app, who, plenum_id).await?;
    Ok(app.store.groups(plenum_id).await?)
}

/// A group as the office proposes it.
#[derive(Debug, Clone, Default)]
pub struct GroupProposal {
    pub name: String,
    pub leader: Option<i64>,
    pub secretary: Option<i64>,
    pub members: Vec<i64>,
}

/// Form a group from summoned members, by the core's planning rule (the office).
pub async fn form(app: &App, who: &Principal, plenum_id: i64, plan: &GroupProposal) -> AppResult<DiscussionGroup> {
    plenums::prepared(app, who, plenum_id).await?;
    let eligible: Vec<i64> = app.store.delegates(plenum_id).await?.iter().filter_map(|d| d.member_id).collect();
    let taken: Vec<String> = app.store.groups(plenum_id).await?.into_iter().map(|g| g.name).collect();
    let g = plan_group(&plan.name, plan.leader, plan.secretary, &plan.members, &eligible, &taken)?;
    let new = NewGroup {
        plenum_id,
        name: g.name,
        leader_member_id: Some(g.leader),
        secretary_member_id: Some(g.secretary),
        member_ids: g.members,
    };
    Ok(app.store.create_group(&who.actor(), new).await?)
}
