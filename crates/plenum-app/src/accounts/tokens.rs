//! API tokens for scripts and other systems.

use plenum_core::access::SignInKind;
use plenum_store::input::NewSession;
use plenum_store::Actor;

use super::secrets::{new_secret, secret_hash};
use crate::{App, AppResult, Error};

/// A new bearer token for an account, issued by the operator of the
/// database (the command line), who needs no grant. Returns the secret, shown once.
pub async fn create(app: &App, operator: &Actor, username: &str, label: &str) -> AppResult<String> {
    let user = app.store.user_by_username(username).await?.ok_or(Error::NotFound)?;
    let secret = new_secret();
    app.store
        .create_session(
            operator,
            NewSession {
                user_id: user.id,
                token_hash: secret_hash(&secret),
                csrf: new_secret(),
                kind: SignInKind::Api,
                expires_at: None,
                label: label.to_string(),
            },
        )
        .await?;
    Ok(secret)
}
