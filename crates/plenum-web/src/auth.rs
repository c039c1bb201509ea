//! Signing in, sessions, bearer tokens and CSRF at the HTTP edge: who is
//! calling. What they may do is decided by the application layer.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use plenum_app::accounts::sign_in::{self, Presented};
use plenum_core::access::SignInKind;
use plenum_store::{Session, User};

use crate::client::ClientAddr;
use crate::error::AppError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "plenum_session";
/// Double-submit token for forms sent before a session exists (the login form).
pub const PRE_CSRF_COOKIE: &str = "plenum_csrf";

pub use plenum_app::accounts::secrets::{hash_password, new_secret, secret_hash, verify_password};

pub use crate::identity::CurrentUser;

/// Start a session for a user; returns the secret to hand out and the stored session.
pub async fn start_session(
    state: &AppState,
    user: &User,
    kind: SignInKind,
    label: &str,
) -> Result<(String, Session), AppError> {
    Ok(sign_in::start_session(&state.app, user, kind, label, state.config.session_hours).await?)
}

/// Check a username and password from a client, with the failed-login throttle.
pub async fn check_login(
    state: &AppState,
    username: &str,
    password: &str,
    client: ClientAddr,
) -> Result<User, AppError> {
    Ok(sign_in::check_login(&state.app, username, password, client.0).await?)
}

pub fn session_cookie(state: &AppState, secret: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(time_hours(state.config.session_hours))
        .build()
}

fn time_hours(h: i64) -> cookie::time::Duration {
    cookie::time::Duration::hours(h)
}

fn cookie_value<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The secret a request presents (a bearer token first, else the session
/// cookie) and whether it came from the cookie.
fn presented_secret(headers: &axum::http::HeaderMap) -> Option<(&str, bool)> {
    let bearer =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    match (bearer, cookie_value(headers, SESSION_COOKIE)) {
        (Some(b), _) => Some((b.trim(), false)),
        (None, Some(c)) => Some((c, true)),
        (None, None) => None,
    }
}

/// The hash of the secret a request presents, so a long-lived request (a live
/// stream) can look its session up again later.
pub(crate) fn presented_secret_hash(headers: &axum::http::HeaderMap) -> Option<String> {
    presented_secret(headers).map(|(secret, _)| secret_hash(secret))
}

/// The user of a live (unexpired) session, with their grants as they are now.
pub(crate) async fn session_user(
    state: &AppState,
    token_hash: &str,
    via_cookie: bool,
) -> Result<Option<CurrentUser>, AppError> {
    let how = if via_cookie { Presented::Cookie } else { Presented::Bearer };
    let found = sign_in::identify_by_hash(&state.app, token_hash, how).await?;
    Ok(found.map(|(principal, session)| CurrentUser { principal, session, via_cookie }))
}

/// The caller of a request: from the session cache if it was read a moment
/// ago (see [`crate::session_cache`] for how long a change may go unseen),
/// else from the store. Live streams re-check through [`session_user`],
/// never the cache.
async fn resolve(state: &AppState, parts: &Parts) -> Result<Option<CurrentUser>, AppError> {
    let Some((secret, via_cookie)) = presented_secret(&parts.headers) else { return Ok(None) };
    let hash = secret_hash(secret);
    if let Some(u) = state.sessions.get(&hash, via_cookie) {
        return Ok(Some(u));
    }
    let found = session_user(state, &hash, via_cookie).await?;
    if let Some(u) = &found {
        state.sessions.put(&state.app.store, hash, u.clone());
    }
    Ok(found)
}

/// Middleware on every route: find who is calling, and refuse state-changing
/// requests that come from a cookie session without its CSRF token (header
/// `X-CSRF-Token`, or form field `csrf`: see [`crate::csrf`]). Bearer-token calls need
/// none; a form sent before signing in must echo the pre-session cookie.
pub async fn identify_and_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match guard(&state, req).await {
        Ok(req) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

async fn guard(state: &AppState, req: Request) -> Result<Request, AppError> {
    let (mut parts, body) = req.into_parts();
    let who = resolve(state, &parts).await?;
    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let mut body = body;
    if unsafe_method {
        let expected = match &who {
            Some(u) if !u.via_cookie => None,
            Some(u) => Some(u.session.csrf.clone()),
            None => cookie_value(&parts.headers, PRE_CSRF_COOKIE).map(str::to_string).or(Some(String::new())),
        };
        if let Some(expected) = expected {
            // A JSON login cannot be forged by a cross-site form (its content
            // type forces a CORS preflight), so it needs no pre-session token;
            // and any other API call without a caller changes nothing: it is
            // refused as not signed in (401), never as a missing token.
            let exempt = who.is_none() && parts.uri.path().starts_with("/api/");
            let (given, rebuilt) = crate::csrf::presented_token(&parts, body).await?;
            body = rebuilt;
            if !exempt && (expected.is_empty() || given.as_deref() != Some(expected.as_str())) {
                return Err(AppError::BadRequest("csrf"));
            }
        }
    }
    if let Some(u) = who {
        parts.extensions.insert(u);
    }
    Ok(Request::from_parts(parts, body))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<CurrentUser>().cloned().ok_or(AppError::Unauthorized)
    }
}

/// The signed-in user if there is one.
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(parts.extensions.get::<CurrentUser>().cloned()))
    }
}

pub fn pre_csrf_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((PRE_CSRF_COOKIE, token)).http_only(true).same_site(SameSite::Strict).secure(secure).path("/").build()
}
