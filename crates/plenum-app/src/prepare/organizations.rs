//! Organizations, committees by term and their members.

use plenum_core::access::Permission;
use plenum_store::input::NewOrganization;
use plenum_store::{Committee, Member, Organization};

use crate::{App, AppResult, Error, Principal};

/// The organizations the caller administers: the whole tree for a
/// system-wide administrator, an organization's administrator their own
/// organization and what is below it.
pub async fn list(app: &App, who: &Principal) -> AppResult<Vec<Organization>> {
    who.require_somewhere(Permission::Administer)?;
    let mut out = Vec::new();
    for org in app.store.organizations().await? {
        if app.require_on_org(who, Permission::Administer, org.id).await.is_ok() {
            out.push(org);
        }
    }
    Ok(out)
}

/// Create an organization. Under a parent, the caller must administer the
/// parent; at the top (or under a parent that does not exist, which the
/// store then reports as a field error) only a system-wide administrator may.
pub async fn create(app: &App, who: &Principal, new: NewOrganization) -> AppResult<Organization> {
    let known_parent = match new.parent_id {
        Some(p) => app.store.organizations().await?.iter().any(|o| o.id == p).then_some(p),
        None => None,
    };
    match known_parent {
        Some(p) => app.require_on_org(who, Permission::Administer, p).await?,
        None if who.can_everywhere(Permission::Administer) => {}
        None => return Err(Error::Forbidden),
    }
    Ok(app.store.create_organization(&who.actor(), new).await?)
}

/// An organization, for those who may see its plenums.
pub async fn get(app: &App, who: &Principal, org_id: i64) -> AppResult<Organization> {
    let org = app.store.organization(org_id).await?;
    app.require_on_org(who, Permission::ViewPlenum, org_id).await?;
    Ok(org)
}

/// An organization's committees, newest term first.
pub async fn committees(app: &App, who: &Principal, org_id: i64) -> AppResult<Vec<Committee>> {
    get(app, who, org_id).await?;
    Ok(app.store.committees(org_id).await?)
}

/// A committee's members.
pub async fn members(app: &App, who: &Principal, committee_id: i64) -> AppResult<Vec<Member>> {
    let c = app.store.committee(committee_id).await?;
    app.require_on_org(who, Permission::ViewPlenum, c.org_id).await?;
    Ok(app.store.members(committee_id).await?)
}
