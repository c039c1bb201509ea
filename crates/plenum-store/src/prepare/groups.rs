//! Discussion groups (tổ thảo luận) of a plenum and their members.

use plenum_core::prepare::groups::plan_group;
use sqlx::AnyConnection;

use crate::change::Change;
use crate::store::{db_err, on_unique, SqlStore};
use crate::{input, Actor, Conflict, DiscussionGroup, StoreResult};

/// Form a group by the core's planning rule, checked inside the writing
/// transaction against the plenum's summoned members and existing groups as
/// they are now. The member delegates not yet in a group are seated in it.
pub(crate) async fn create(store: &SqlStore, actor: &Actor, new: input::NewGroup) -> StoreResult<DiscussionGroup> {
    let mut tx = store.begin().await?;
    let scope = store.plenum_scope(&mut tx, new.plenum_id).await?;
    let eligible: Vec<i64> =
        sqlx::query_scalar("SELECT member_id FROM delegates WHERE plenum_id = $1 AND member_id IS NOT NULL")
            .bind(new.plenum_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?;
    let taken: Vec<String> = sqlx::query_scalar("SELECT name FROM discussion_groups WHERE plenum_id = $1")
        .bind(new.plenum_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?;
    let plan =
        plan_group(&new.name, new.leader_member_id, new.secretary_member_id, &new.member_ids, &eligible, &taken)?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO discussion_groups (plenum_id, name, leader_member_id, secretary_member_id)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(new.plenum_id)
    .bind(&plan.name)
    .bind(plan.leader)
    .bind(plan.secretary)
    .fetch_one(&mut *tx)
    .await
    .map_err(on_unique("discussion_groups", &["plenum_id", "name"], Conflict::GroupNameTaken))?;
    for m in &plan.members {
        sqlx::query("INSERT INTO group_members (group_id, member_id) VALUES ($1, $2)")
            .bind(id)
            .bind(m)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        // A delegate's own group, when set, is where they sit (`group_of`);
        // one set earlier, by import or by hand, is kept.
        sqlx::query("UPDATE delegates SET group_id = $1 WHERE plenum_id = $2 AND member_id = $3 AND group_id IS NULL")
            .bind(id)
            .bind(new.plenum_id)
            .bind(m)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
    }
    let g = DiscussionGroup {
        id,
        plenum_id: new.plenum_id,
        name: plan.name,
        leader_member_id: Some(plan.leader),
        secretary_member_id: Some(plan.secretary),
        member_ids: plan.members,
    };
    store.commit_change(tx, actor, scope, Change::GroupCreated(g.clone())).await?;
    Ok(g)
}

#[derive(sqlx::FromRow)]
struct Membership {
    group_id: i64,
    member_id: i64,
}

/// A plenum's groups with their members.
pub(crate) async fn of_plenum(conn: &mut AnyConnection, plenum_id: i64) -> StoreResult<Vec<DiscussionGroup>> {
    let mut groups: Vec<DiscussionGroup> = sqlx::query_as(
        "SELECT id, plenum_id, name, leader_member_id, secretary_member_id FROM discussion_groups
         WHERE plenum_id = $1 ORDER BY id",
    )
    .bind(plenum_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let links: Vec<Membership> = sqlx::query_as(
        "SELECT gm.group_id, gm.member_id FROM group_members gm JOIN discussion_groups g ON g.id = gm.group_id
         WHERE g.plenum_id = $1 ORDER BY gm.group_id, gm.member_id",
    )
    .bind(plenum_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    for g in &mut groups {
        g.member_ids = links.iter().filter(|l| l.group_id == g.id).map(|l| l.member_id).collect();
    }
    Ok(groups)
}
