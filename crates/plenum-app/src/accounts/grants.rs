//! Which grants a caller may make, and see: those inside the caller's own
//! administered scope, never above the caller's own role
//! ([`plenum_core::access::granting`]). Making a grant and listing accounts,
//! organizations and grants all ask this one place.

use std::collections::HashMap;

use plenum_core::access::{granting, Grant, GrantScope, Permission, Target};

use crate::{App, AppResult, Error, Principal};

/// The plenums' organizations, read once for a check over many grants.
pub struct Places {
    plenum_orgs: HashMap<i64, i64>,
}

impl Places {
    pub async fn load(app: &App) -> AppResult<Places> {
        let plenum_orgs = app.store.plenums().await?.into_iter().map(|p| (p.id, p.org_id)).collect();
        Ok(Places { plenum_orgs })
    }

    /// Where a scope sits in the tree: its plenum, and the organization path
    /// of that plenum (or of the organization). An organization or plenum
    /// that does not exist has an empty path, which only a system-wide scope covers.
    async fn path(&self, app: &App, scope: GrantScope) -> AppResult<Vec<i64>> {
        let org = match scope.plenum {
            Some(p) => self.plenum_orgs.get(&p).copied(),
            None => scope.org,
        };
        Ok(match org {
            Some(o) => app.org_path(o).await?,
            None => Vec::new(),
        })
    }

    /// Does the caller administer the whole of this grant's scope, with a role at least as high?
    pub async fn within_reach(&self, app: &App, who: &Principal, grant: &Grant) -> AppResult<bool> {
        let path = self.path(app, grant.scope).await?;
        let target = Target { plenum: grant.scope.plenum, org_path: &path };
        Ok(granting(&who.grants, grant, &target).is_some())
    }

    /// Is the scope of this grant a place that exists (system-wide always does)?
    async fn exists(&self, app: &App, scope: GrantScope) -> AppResult<bool> {
        Ok(match (scope.org, scope.plenum) {
            (None, None) => true,
            _ => !self.path(app, scope).await?.is_empty(),
        })
    }
}

/// 403 unless the caller may make this grant; a field error if its
/// organization or plenum does not exist (told only to those who could grant there).
pub async fn require_may_grant(app: &App, who: &Principal, grant: &Grant) -> AppResult<()> {
    who.require_somewhere(Permission::Administer)?;
    let places = Places::load(app).await?;
    if !places.within_reach(app, who, grant).await? {
        return Err(Error::Forbidden);
    }
    if !places.exists(app, grant.scope).await? {
        let field = if grant.scope.plenum.is_some() { "plenum_id" } else { "org_id" };
        return Err(Error::field(field, "not-found"));
    }
    Ok(())
}

/// 403 unless the caller manages the whole of this account: every grant it
/// holds is inside the caller's reach (so an organization's administrator
/// cannot act on an account that also holds a role above or beside them),
/// and an account without any grant is a system-wide administrator's.
pub async fn require_manages(app: &App, who: &Principal, user_id: i64) -> AppResult<()> {
    who.require_somewhere(Permission::Administer)?;
    app.store.user(user_id).await?;
    let grants = app.store.grants_of(user_id).await?;
    let places = Places::load(app).await?;
    let mut manages = who.can_everywhere(Permission::Administer) || !grants.is_empty();
    for g in &grants {
        manages = manages && places.within_reach(app, who, g).await?;
    }
    if manages {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}
