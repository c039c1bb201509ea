//! Groups of similar opinions. The product suggests them for an item; the
//! office accepts them, then splits, merges and renames. Every step stores
//! the item's groups whole, so an opinion is never in two.

use plenum_core::synthesize::{cluster, OpinionText, DEFAULT_THRESHOLD};
use plenum_store::synthesize::{GroupDraft, GroupEdit, OpinionGroup};

use super::workspace::Access;
use crate::{App, AppResult, Error, Principal};

/// The office's access and the item's current groups.
async fn of_item(app: &App, who: &Principal, plenum_id: i64, item_id: i64) -> AppResult<Vec<OpinionGroup>> {
    let access = Access::of(app, who, plenum_id).await?;
    access.require_office()?;
    let item = app.store.document_item(item_id).await?;
    if item.plenum_id != plenum_id {
        return Err(Error::NotFound);
    }
    Ok(app.store.opinion_groups(plenum_id).await?.into_iter().filter(|g| g.item_id == item_id).collect())
}

/// The groups the product suggests for an item's opinions: those making the
/// same point (`synthesize::cluster`), each of two or more, titled by
/// `title` and a number; an opinion alone is left out of every group.
pub async fn suggest(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    item_id: i64,
    title: &str,
) -> AppResult<Vec<GroupDraft>> {
    of_item(app, who, plenum_id, item_id).await?;
    let opinions: Vec<_> = app.store.opinions(plenum_id).await?.into_iter().filter(|o| o.item_id == item_id).collect();
    let owned: Vec<(String, String)> = opinions.iter().map(|o| (o.id.to_string(), o.text.clone())).collect();
    // Grouping is quadratic in the item's opinions: off the async workers.
    let numbers = tokio::task::spawn_blocking(move || {
        let texts: Vec<OpinionText<'_>> = owned.iter().map(|(id, text)| OpinionText { id, item: None, text }).collect();
        cluster(&texts, DEFAULT_THRESHOLD)
    })
    .await
    .map_err(|e| Error::Internal(e.into()))?
    .map_err(|_| {
        let mut e = plenum_core::FieldErrors::default();
        e.push("groups", "too-many");
        Error::Invalid(e)
    })?;
    let mut groups: Vec<Vec<i64>> = Vec::new();
    for (o, n) in opinions.iter().zip(numbers) {
        if groups.len() <= n {
            groups.resize(n + 1, Vec::new());
        }
        groups[n].push(o.id);
    }
    Ok(groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .enumerate()
        .map(|(i, opinion_ids)| GroupDraft { title: format!("{title} {}", i + 1), opinion_ids })
        .collect())
}

/// Suggest the item's groups and accept them at once, replacing its groups;
/// the office then renames, merges and splits.
pub async fn suggest_and_accept(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    item_id: i64,
    title: &str,
) -> AppResult<usize> {
    let groups = suggest(app, who, plenum_id, item_id, title).await?;
    let count = groups.len();
    app.store.set_opinion_groups(&who.actor(), item_id, groups).await?;
    Ok(count)
}

/// Store these groups as the item's (the suggestion accepted, as edited).
pub async fn accept(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    item_id: i64,
    groups: Vec<GroupDraft>,
) -> AppResult<()> {
    of_item(app, who, plenum_id, item_id).await?;
    Ok(app.store.set_opinion_groups(&who.actor(), item_id, groups).await?)
}

/// Rename one group.
pub async fn rename(app: &App, who: &Principal, plenum_id: i64, group_id: i64, title: &str) -> AppResult<()> {
    let item_id = item_of(app, who, plenum_id, group_id).await?;
    let edit = GroupEdit::Rename { group_id, title: title.to_string() };
    Ok(app.store.edit_opinion_groups(&who.actor(), item_id, edit).await?)
}

/// Merge a group into another of the same item: one group, the target's title.
pub async fn merge(app: &App, who: &Principal, plenum_id: i64, group_id: i64, into: i64) -> AppResult<()> {
    let item_id = item_of(app, who, plenum_id, group_id).await?;
    Ok(app.store.edit_opinion_groups(&who.actor(), item_id, GroupEdit::Merge { from: group_id, into }).await?)
}

/// Take one opinion out of its group (splitting it off): it stands alone.
pub async fn split_off(app: &App, who: &Principal, plenum_id: i64, opinion_id: i64) -> AppResult<()> {
    Access::of(app, who, plenum_id).await?.require_office()?;
    let opinion = app.store.opinion(opinion_id).await?;
    if opinion.plenum_id != plenum_id {
        return Err(Error::NotFound);
    }
    let edit = GroupEdit::SplitOff { opinion_id };
    Ok(app.store.edit_opinion_groups(&who.actor(), opinion.item_id, edit).await?)
}

/// The item of a group, for the office only: anyone else is refused
/// before learning whether the group exists.
async fn item_of(app: &App, who: &Principal, plenum_id: i64, group_id: i64) -> AppResult<i64> {
    Access::of(app, who, plenum_id).await?.require_office()?;
    let groups = app.store.opinion_groups(plenum_id).await?;
    groups.iter().find(|g| g.id == group_id).map(|g| g.item_id).ok_or(Error::NotFound)
}
