//! Discussion groups (tổ thảo luận).

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

/// Form a group from summoned members (the office). The store checks it by
/// the core's planning rule inside the write.
pub async fn form(app: &App, who: &Principal, plenum_id: i64, plan: &GroupProposal) -> AppResult<DiscussionGroup> {
    plenums::prepared(app, who, plenum_id).await?;
    let new = NewGroup {
        plenum_id,
        name: plan.name.clone(),
        leader_member_id: plan.leader,
        secretary_member_id: plan.secretary,
        member_ids: plan.members.clone(),
    };
    Ok(app.store.create_group(&who.actor(), new).await?)
}
