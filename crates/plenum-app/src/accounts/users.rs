//! Accounts and their role grants.

use plenum_core::access::{Grant, Permission};
use plenum_store::input::NewUser;
use plenum_store::{Actor, User};

use super::secrets::hash_password_blocking;
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

/// All accounts (administrators).
pub async fn list(app: &App, who: &Principal) -> AppResult<Vec<User>> {
    who.require_somewhere(Permission::Administer)?;
    Ok(app.store.users().await?)
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

/// Create an account and its first role grant (administrators).
pub async fn create(app: &App, who: &Principal, account: NewAccount) -> AppResult<User> {
    who.require_somewhere(Permission::Administer)?;
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
    let password_hash = hash_password_blocking(a.password).await?;
    let user = app
        .store
        .create_user(actor, NewUser { username: a.username, display_name: a.display_name, password_hash })
        .await?;
    app.store.grant_role(actor, user.id, a.grant).await?;
    Ok(user)
}
