//! Accounts and their role grants.

use plenum_core::access::{Grant, Permission};
use plenum_store::input::NewUser;
use plenum_store::{Actor, Organization, Plenum, User};

use super::grants::{require_manages, require_may_grant, Places};
use crate::{App, AppResult, Error, Principal};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// A pass phrase is far shorter; a longer one is only work for the hasher.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// An account to create, with its first role.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub grant: Grant,
}

/// An account as an administrator sees it: with the grants inside their reach.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    pub grants: Vec<Grant>,
}

/// The accounts an administrator manages: those holding a grant inside the
/// administrator's reach, with only those grants. A system-wide administrator
/// sees every account, also one left without any grant (which belongs to no
/// organization, so no office would expect to see it); an organization's
/// administrator sees the accounts of their organization and below it, and
/// nothing of the accounts elsewhere.
pub async fn accounts(app: &App, who: &Principal) -> AppResult<Vec<Account>> {
    who.require_somewhere(Permission::Administer)?;
    let everywhere = who.can_everywhere(Permission::Administer);
    let places = Places::load(app).await?;
    let mut out = Vec::new();
    for user in app.store.users().await? {
        let mut grants = Vec::new();
        for g in app.store.grants_of(user.id).await? {
            if places.within_reach(app, who, &g).await? {
                grants.push(g);
            }
        }
        if everywhere || !grants.is_empty() {
            out.push(Account { user, grants });
        }
    }
    Ok(out)
}

/// Where the caller may grant a role: everywhere (system-wide administrators
/// only), the organizations they administer and those organizations' plenums.
#[derive(Debug, Clone)]
pub struct Reach {
    pub everywhere: bool,
    pub orgs: Vec<Organization>,
    pub plenums: Vec<Plenum>,
}

pub async fn reach(app: &App, who: &Principal) -> AppResult<Reach> {
    let orgs = crate::prepare::organizations::list(app, who).await?;
    let mut plenums = Vec::new();
    for p in app.store.plenums().await? {
        if app.may_on_plenum(who, Permission::Administer, &p).await? {
            plenums.push(p);
        }
    }
    Ok(Reach { everywhere: who.can_everywhere(Permission::Administer), orgs, plenums })
}

/// The accounts an administrator manages (see [`accounts`]).
pub async fn list(app: &App, who: &Principal) -> AppResult<Vec<User>> {
    Ok(accounts(app, who).await?.into_iter().map(|a| a.user).collect())
}

/// May the caller manage accounts? For the pages' navigation.
pub fn may_manage(who: &Principal) -> bool {
    who.can_somewhere(Permission::Administer)
}

/// 403 unless the caller manages accounts: for a form that checks its own
/// fields before it creates the account.
pub fn manage(who: &Principal) -> AppResult<()> {
    who.require_somewhere(Permission::Administer)
}

/// A role by its code, or a field error.
pub fn role(code: &str) -> AppResult<plenum_core::access::Role> {
    plenum_core::access::Role::parse(code).ok_or_else(|| Error::field("role", "invalid-choice"))
}

/// Create an account and its first role grant (administrators, inside their
/// own reach: see [`super::grants`]).
pub async fn create(app: &App, who: &Principal, account: NewAccount) -> AppResult<User> {
    require_may_grant(app, who, &account.grant).await?;
    add(app, &who.actor(), account).await
}

/// Create an account without a permission check: for the operator of the
/// database (the command line) and the demo loader.
pub async fn add(app: &App, actor: &Actor, a: NewAccount) -> AppResult<User> {
    let length = a.password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(Error::field("password", "too-short"));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(Error::field("password", "too-long"));
    }
    let password_hash = app.passwords.hash(a.password).await?;
    let user = app
        .store
        .create_user(actor, NewUser { username: a.username, display_name: a.display_name, password_hash })
        .await?;
    app.store.grant_role(actor, user.id, a.grant).await?;
    Ok(user)
}

/// Disable an account (its administrators, per [`require_manages`]): it signs
/// in no more, and its sessions, tokens and live streams end now.
pub async fn disable(app: &App, who: &Principal, user_id: i64) -> AppResult<()> {
    require_manages(app, who, user_id).await?;
    Ok(app.store.disable_user(&who.actor(), user_id).await?)
}
