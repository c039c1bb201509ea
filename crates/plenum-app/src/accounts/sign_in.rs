//! Signing in: checking a password under the throttle, starting a session,
//! and finding the caller behind a session secret or a bearer token.

use std::net::IpAddr;

use plenum_core::access::SignInKind;
use plenum_store::input::NewSession;
use plenum_store::{Actor, Session, User};

use super::secrets::{new_secret, secret_hash};
use crate::{unix_now, App, AppResult, Error, Principal};

/// The username as the throttle and the store key it: trimmed, NFC, lower case.
fn account_key(username: &str) -> String {
    plenum_core::text::nfc(username.trim()).to_lowercase()
}

/// Check a username and password from a client address, under the
/// failed-sign-in throttle of that account at that address and of that address.
pub async fn check_login(app: &App, username: &str, password: &str, client: IpAddr) -> AppResult<User> {
    let key = account_key(username);
    let now = unix_now();
    if let Some(wait) = app.throttle.blocked_for(&key, client, now) {
        return Err(Error::TooManyRequests(wait));
    }
    let user = app.store.user_by_username(&key).await?;
    // An unknown name is verified against a dummy hash, so timing does not tell which names exist.
    let ok = app.passwords.verify(user.as_ref().map(|u| u.password_hash.clone()), password.to_string()).await?;
    match user {
        // A disabled account is refused as a wrong password is, so the answer does not tell.
        Some(u) if ok && u.disabled_at.is_none() => Ok(u),
        _ => {
            app.throttle.failed(&key, client, now);
            Err(Error::Unauthorized)
        }
    }
}

fn micros(secs: u64) -> i64 {
    secs as i64 * 1_000_000
}

/// How a session is presented, which decides what kind it must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presented {
    /// The browser's session cookie: a web session.
    Cookie,
    /// An `Authorization: Bearer` token: an API token.
    Bearer,
}

/// Start a session for a user (a web session, lasting `hours`; or an API
/// token, which does not expire). Returns the secret to hand out, once.
pub async fn start_session(
    app: &App,
    user: &User,
    kind: SignInKind,
    label: &str,
    hours: i64,
) -> AppResult<(String, Session)> {
    let secret = new_secret();
    let expires_at = kind.expires().then(|| micros(unix_now()) + hours * 3_600_000_000);
    let session = app
        .store
        .create_session(
            &Actor::user(user.id, &user.username),
            NewSession {
                user_id: user.id,
                token_hash: secret_hash(&secret),
                csrf: new_secret(),
                kind,
                expires_at,
                label: label.to_string(),
            },
        )
        .await?;
    Ok((secret, session))
}

/// The caller behind a secret. An unknown or expired cookie is no caller (a
/// visitor); an unknown token, or a secret presented the wrong way, is refused.
pub async fn identify(app: &App, secret: &str, how: Presented) -> AppResult<Option<(Principal, Session)>> {
    identify_by_hash(app, &secret_hash(secret), how).await
}

/// [`identify`] by the secret's hash, for a long-lived request (a live
/// stream) that looks its session up again later without keeping the secret.
pub async fn identify_by_hash(app: &App, token_hash: &str, how: Presented) -> AppResult<Option<(Principal, Session)>> {
    let now = micros(unix_now());
    let Some(session) = app.store.session_by_hash(token_hash, now).await? else {
        return if how == Presented::Cookie { Ok(None) } else { Err(Error::Unauthorized) };
    };
    if (how == Presented::Cookie) != (session.kind == SignInKind::Web) {
        return Err(Error::Unauthorized);
    }
    let user = app.store.user(session.user_id).await?;
    Ok(Some((Principal::load(app, user).await?, session)))
}

/// End the session whose secret this is.
pub async fn sign_out(app: &App, who: &Principal, secret: &str) -> AppResult<()> {
    Ok(app.store.delete_session(&who.actor(), &secret_hash(secret)).await?)
}

/// End every session and token of the caller's own account, this one too
/// (signing out everywhere); their open live streams close with them.
pub async fn sign_out_everywhere(app: &App, who: &Principal) -> AppResult<i64> {
    Ok(app.store.end_sessions(&who.actor(), who.user.id).await?)
}
