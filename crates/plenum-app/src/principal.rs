//! Who is calling, and the checks every use case makes on the resource's scope.

use plenum_core::access::{allowed, allowed_somewhere, Grant, Permission, Target};
use plenum_store::{Actor, Plenum, User};

use crate::{App, AppResult, Error};

/// The caller of a use case: an account and the roles it holds. The web's
/// sign-in extractor builds one per request; the command line builds the
/// system's own.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    pub grants: Vec<Grant>,
}

impl Principal {
    /// The account with the grants it holds now.
    pub async fn load(app: &App, user: User) -> AppResult<Principal> {
        let grants = app.store.grants_of(user.id).await?;
        Ok(Principal { user, grants })
    }

    /// How the history names this caller.
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.username)
    }

    /// Does a grant give `p` on `target`?
    pub fn can(&self, p: Permission, target: &Target<'_>) -> bool {
        allowed(&self.grants, p, target)
    }

    /// Does the caller hold `p` anywhere at all? For lists whose rows are
    /// then filtered one by one, and for what has no narrower scope.
    pub fn can_somewhere(&self, p: Permission) -> bool {
        allowed_somewhere(&self.grants, p)
    }

    /// Holds `p` everywhere: a grant with neither organization nor plenum.
    pub fn can_everywhere(&self, p: Permission) -> bool {
        self.grants.iter().any(|g| g.role.permits(p) && g.scope.org.is_none() && g.scope.plenum.is_none())
    }

    pub(crate) fn require_somewhere(&self, p: Permission) -> AppResult<()> {
        if self.can_somewhere(p) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

/// What the caller may do on one plenum, for pages that show only the
/// buttons that will work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Abilities {
    pub view: bool,
    pub prepare: bool,
    pub preside: bool,
    pub record: bool,
    pub participate: bool,
}

impl App {
    /// May the caller `p` on this plenum (checked against the plenum and its organization's ancestry)?
    pub async fn may_on_plenum(&self, who: &Principal, p: Permission, plenum: &Plenum) -> AppResult<bool> {
        let path = self.org_path(plenum.org_id).await?;
        Ok(who.can(p, &Target { plenum: Some(plenum.id), org_path: &path }))
    }

    /// 403 unless the caller may `p` on this plenum.
    pub async fn require_on_plenum(&self, who: &Principal, p: Permission, plenum: &Plenum) -> AppResult<()> {
        if self.may_on_plenum(who, p, plenum).await? {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// 403 unless the caller may `p` on this organization (or one above it).
    pub async fn require_on_org(&self, who: &Principal, p: Permission, org_id: i64) -> AppResult<()> {
        let path = self.org_path(org_id).await?;
        if who.can(p, &Target { plenum: None, org_path: &path }) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// A plenum, after checking the caller may `p` on it.
    pub async fn plenum_for(&self, who: &Principal, plenum_id: i64, p: Permission) -> AppResult<Plenum> {
        let plenum = self.store.plenum(plenum_id).await?;
        self.require_on_plenum(who, p, &plenum).await?;
        Ok(plenum)
    }

    /// What the caller may do on this plenum.
    pub async fn abilities(&self, who: &Principal, plenum: &Plenum) -> AppResult<Abilities> {
        let path = self.org_path(plenum.org_id).await?;
        let target = Target { plenum: Some(plenum.id), org_path: &path };
        let can = |p| who.can(p, &target);
        Ok(Abilities {
            view: can(Permission::ViewPlenum),
            prepare: can(Permission::Prepare),
            preside: can(Permission::Preside),
            record: can(Permission::Record),
            participate: can(Permission::Participate),
        })
    }
}
