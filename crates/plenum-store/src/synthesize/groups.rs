//! Groups of similar opinions, per item. The office accepts a suggestion,
//! which replaces the item's groups at once (so an opinion is always in at
//! most one group), then renames, merges and splits them in place, each in
//! one writing transaction, so two offices editing at once never undo each
//! other and the other groups keep their ids.

use std::collections::HashSet;

use async_trait::async_trait;
use plenum_core::text::{required_line, FieldErrors};

use super::{GroupDraft, GroupEdit, OpinionGroup};
use crate::change::{data, Change};
use crate::store::{db_err, field, now_micros, SqlStore, Tx};
use crate::{Actor, OpinionGroups, StoreResult};

/// The most groups one item may have, and the longest title.
pub const MAX_GROUPS: usize = 2000;
const MAX_TITLE: usize = 300;

#[async_trait]
impl OpinionGroups for SqlStore {
    async fn opinion_groups(&self, plenum_id: i64) -> StoreResult<Vec<OpinionGroup>> {
        let mut groups: Vec<OpinionGroup> =
            sqlx::query_as("SELECT id, plenum_id, item_id, title FROM opinion_groups WHERE plenum_id = $1 ORDER BY id")
                .bind(plenum_id)
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        let members: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT g.group_id, g.opinion_id FROM opinion_groupings g JOIN opinion_groups o ON o.id = g.group_id
             WHERE o.plenum_id = $1 ORDER BY g.opinion_id",
        )
        .bind(plenum_id)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)?;
        for (group_id, opinion_id) in members {
            if let Some(g) = groups.iter_mut().find(|g| g.id == group_id) {
                g.opinion_ids.push(opinion_id);
            }
        }
        Ok(groups)
    }

    async fn edit_opinion_groups(&self, actor: &Actor, item_id: i64, edit: GroupEdit) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let plenum_id = crate::prepare::item_plenum(&mut tx, item_id, "item_id").await?;
        match edit {
            GroupEdit::Rename { group_id, title } => {
                let mut errors = FieldErrors::default();
                let title = required_line(&mut errors, "title", &title, MAX_TITLE);
                errors.finish(())?;
                group_of_item(&mut tx, item_id, group_id).await?;
                sqlx::query("UPDATE opinion_groups SET title = $1 WHERE id = $2")
                    .bind(&title)
                    .bind(group_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            GroupEdit::Merge { from, into } => {
                if from == into {
                    return Err(field("into", "invalid-choice"));
                }
                group_of_item(&mut tx, item_id, from).await?;
                group_of_item(&mut tx, item_id, into).await?;
                sqlx::query("UPDATE opinion_groupings SET group_id = $1 WHERE group_id = $2")
                    .bind(into)
                    .bind(from)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                sqlx::query("DELETE FROM opinion_groups WHERE id = $1")
                    .bind(from)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            GroupEdit::SplitOff { opinion_id } => {
                let group: Option<(i64,)> = sqlx::query_as(
                    "SELECT m.group_id FROM opinion_groupings m JOIN opinion_groups g ON g.id = m.group_id
                     WHERE m.opinion_id = $1 AND g.item_id = $2",
                )
                .bind(opinion_id)
                .bind(item_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
                // In no group of this item: nothing to split, nothing recorded.
                let Some((group_id,)) = group else { return Ok(()) };
                sqlx::query("DELETE FROM opinion_groupings WHERE opinion_id = $1")
                    .bind(opinion_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                sqlx::query(
                    "DELETE FROM opinion_groups WHERE id = $1
                     AND NOT EXISTS (SELECT 1 FROM opinion_groupings WHERE group_id = $1)",
                )
                .bind(group_id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        let groups = sizes(&mut tx, item_id).await?;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        self.commit_change(tx, actor, scope, Change::OpinionGroupsSet(data::OpinionGroupsSet { item_id, groups }))
            .await?;
        Ok(())
    }

    async fn set_opinion_groups(&self, actor: &Actor, item_id: i64, groups: Vec<GroupDraft>) -> StoreResult<()> {
        if groups.len() > MAX_GROUPS {
            return Err(field("groups", "too-many"));
        }
        let mut errors = FieldErrors::default();
        let mut seen = HashSet::new();
        let mut clean = Vec::with_capacity(groups.len());
        for g in groups {
            let title = required_line(&mut errors, "title", &g.title, MAX_TITLE);
            if g.opinion_ids.iter().any(|id| !seen.insert(*id)) {
                errors.push("groups", "duplicate");
            }
            clean.push(GroupDraft { title, opinion_ids: g.opinion_ids });
        }
        errors.finish(())?;
        let mut tx = self.begin().await?;
        let plenum_id = crate::prepare::item_plenum(&mut tx, item_id, "item_id").await?;
        let on_item: Vec<(i64,)> = sqlx::query_as("SELECT id FROM opinions WHERE item_id = $1")
            .bind(item_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?;
        let on_item: HashSet<i64> = on_item.into_iter().map(|r| r.0).collect();
        if !seen.is_subset(&on_item) {
            return Err(field("groups", "not-found"));
        }
        sqlx::query(
            "DELETE FROM opinion_groupings WHERE group_id IN (SELECT id FROM opinion_groups WHERE item_id = $1)",
        )
        .bind(item_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query("DELETE FROM opinion_groups WHERE item_id = $1")
            .bind(item_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let now = now_micros();
        for g in clean.iter().filter(|g| !g.opinion_ids.is_empty()) {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO opinion_groups (plenum_id, item_id, title, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(plenum_id)
            .bind(item_id)
            .bind(&g.title)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            for opinion_id in &g.opinion_ids {
                sqlx::query("INSERT INTO opinion_groupings (opinion_id, group_id) VALUES ($1, $2)")
                    .bind(opinion_id)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
        }
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let d = data::OpinionGroupsSet { item_id, groups: sizes(&mut tx, item_id).await? };
        self.commit_change(tx, actor, scope, Change::OpinionGroupsSet(d)).await?;
        Ok(())
    }
}

/// The item's groups with their sizes, as the history records them.
async fn sizes(tx: &mut Tx, item_id: i64) -> StoreResult<Vec<data::GroupSize>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT g.title, COUNT(m.opinion_id) FROM opinion_groups g LEFT JOIN opinion_groupings m ON m.group_id = g.id
         WHERE g.item_id = $1 GROUP BY g.id, g.title ORDER BY g.id",
    )
    .bind(item_id)
    .fetch_all(&mut **tx)
    .await
    .map_err(db_err)?;
    Ok(rows.into_iter().map(|(title, opinions)| data::GroupSize { title, opinions }).collect())
}

/// The group, if it is one of the item's.
async fn group_of_item(tx: &mut Tx, item_id: i64, group_id: i64) -> StoreResult<()> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM opinion_groups WHERE id = $1 AND item_id = $2")
        .bind(group_id)
        .bind(item_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_err)?;
    found.map(|_| ()).ok_or(crate::StoreError::NotFound)
}
