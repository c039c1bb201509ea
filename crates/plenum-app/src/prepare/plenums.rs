//! Convening plenums, and reading them.

use plenum_core::access::Permission;
use plenum_store::input::NewPlenum;
use plenum_store::{Committee, Plenum, StoreError};

use crate::{Abilities, App, AppResult, Error, Principal};

/// The plenums the caller may see.
pub async fn visible(app: &App, who: &Principal) -> AppResult<Vec<Plenum>> {
    let mut out = Vec::new();
    for p in app.store.plenums().await? {
        if app.may_on_plenum(who, Permission::ViewPlenum, &p).await? {
            out.push(p);
        }
    }
    Ok(out)
}

/// One plenum, for those who may see it.
pub async fn get(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Plenum> {
    app.plenum_for(who, plenum_id, Permission::ViewPlenum).await
}

/// One plenum with what the caller may do on it.
pub async fn open(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, Abilities)> {
    let plenum = get(app, who, plenum_id).await?;
    let can = app.abilities(who, &plenum).await?;
    Ok((plenum, can))
}

/// A plenum the caller prepares (the office's pages).
pub async fn prepared(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Plenum> {
    app.plenum_for(who, plenum_id, Permission::Prepare).await
}

/// May the caller convene a plenum anywhere? For the start page's button.
pub fn may_convene(who: &Principal) -> bool {
    who.can_somewhere(Permission::Prepare)
}

/// The committees whose organization the caller prepares plenums for.
pub async fn conveners(app: &App, who: &Principal) -> AppResult<Vec<Committee>> {
    who.require_somewhere(Permission::Prepare)?;
    let mut out = Vec::new();
    for org in app.store.organizations().await? {
        if app.require_on_org(who, Permission::Prepare, org.id).await.is_ok() {
            out.extend(app.store.committees(org.id).await?);
        }
    }
    Ok(out)
}

/// Convene a plenum of a committee (the office of its organization). An
/// unknown committee is a field error.
pub async fn convene(app: &App, who: &Principal, new: NewPlenum) -> AppResult<Plenum> {
    convener_of(app, who, new.committee_id).await?;
    Ok(app.store.create_plenum(&who.actor(), new).await?)
}

/// The committee to convene a plenum of, if the caller prepares in its
/// organization: 403 otherwise, a field error for an unknown committee.
pub async fn convener_of(app: &App, who: &Principal, committee_id: i64) -> AppResult<Committee> {
    let committee = app.store.committee(committee_id).await.map_err(|e| match e {
        StoreError::NotFound => Error::field("committee_id", "not-found"),
        other => other.into(),
    })?;
    app.require_on_org(who, Permission::Prepare, committee.org_id).await?;
    Ok(committee)
}
