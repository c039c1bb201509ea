//! Signing in, sessions, bearer tokens, CSRF, and the permission checks every
//! route makes.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use plenum_core::access::{allowed, allowed_somewhere, Grant, Permission, Target};
use plenum_store::input::NewSession;
use plenum_store::{Actor, Session, User};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "plenum_session";
/// Double-submit token for forms sent before a session exists (the login form).
pub const PRE_CSRF_COOKIE: &str = "plenum_csrf";

/// argon2id with the crate's defaults.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// A fresh random secret, hex-encoded (256 bits).
pub fn new_secret() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// What the database keeps of a secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn micros(secs: u64) -> i64 {
    secs as i64 * 1_000_000
}

/// Start a session for a user; returns the secret to hand out and the stored session.
pub async fn start_session(
    state: &AppState,
    user: &User,
    kind: &'static str,
    label: &str,
) -> Result<(String, Session), AppError> {
    let secret = new_secret();
    let expires_at =
        (kind == "web").then(|| micros(crate::state::unix_now()) + state.config.session_hours * 3_600_000_000);
    let session = state
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

/// Check a username and password, with the failed-login throttle.
pub async fn check_login(state: &AppState, username: &str, password: &str) -> Result<User, AppError> {
    let key = plenum_core::text::nfc(username.trim()).to_lowercase();
    let now = crate::state::unix_now();
    if let Some(wait) = state.login_blocked_for(&key, now) {
        return Err(AppError::TooManyRequests(wait));
    }
    let user = state.store.user_by_username(&key).await?;
    // Verify against a dummy hash for unknown names, so timing does not tell which names exist.
    let hash = match &user {
        Some(u) => u.password_hash.clone(),
        None => dummy_hash().to_string(),
    };
    let pw = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&hash, &pw)).await.unwrap_or(false);
    match user {
        Some(u) if ok => Ok(u),
        _ => {
            state.login_failed(&key, now);
            Err(AppError::Unauthorized)
        }
    }
}

fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_secret()).unwrap_or_default())
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

/// The signed-in user of a request, with their role grants.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub grants: Vec<Grant>,
    pub session: Session,
    /// The session came from the cookie (so CSRF applies), not a bearer token.
    pub via_cookie: bool,
}

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, &self.user.username)
    }

    pub fn can(&self, p: Permission, target: &Target<'_>) -> bool {
        allowed(&self.grants, p, target)
    }

    pub fn require(&self, p: Permission, target: &Target<'_>) -> Result<(), AppError> {
        if self.can(p, target) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn can_somewhere(&self, p: Permission) -> bool {
        allowed_somewhere(&self.grants, p)
    }

    /// For actions on a plenum: checks `p` against the plenum and its organization's ancestry.
    pub async fn require_on_plenum(
        &self,
        state: &AppState,
        p: Permission,
        plenum: &plenum_store::Plenum,
    ) -> Result<(), AppError> {
        let path = state.org_path(plenum.org_id).await?;
        self.require(p, &Target { plenum: Some(plenum.id), org_path: &path })
    }

    pub async fn can_on_plenum(&self, state: &AppState, p: Permission, plenum: &plenum_store::Plenum) -> bool {
        match state.org_path(plenum.org_id).await {
            Ok(path) => self.can(p, &Target { plenum: Some(plenum.id), org_path: &path }),
            Err(_) => false,
        }
    }

    pub async fn require_on_org(&self, state: &AppState, p: Permission, org_id: i64) -> Result<(), AppError> {
        let path = state.org_path(org_id).await?;
        self.require(p, &Target { plenum: None, org_path: &path })
    }
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
    let now = micros(crate::state::unix_now());
    let Some(session) = state.store.session_by_hash(token_hash, now).await? else { return Ok(None) };
    if via_cookie != (session.kind == "web") {
        return Err(AppError::Unauthorized);
    }
    let user = state.store.user(session.user_id).await?;
    let grants = state.store.grants_of(user.id).await?;
    Ok(Some(CurrentUser { user, grants, session, via_cookie }))
}

async fn resolve(state: &AppState, parts: &Parts) -> Result<Option<CurrentUser>, AppError> {
    let Some((secret, via_cookie)) = presented_secret(&parts.headers) else { return Ok(None) };
    match session_user(state, &secret_hash(secret), via_cookie).await? {
        Some(u) => Ok(Some(u)),
        None if via_cookie => Ok(None),
        None => Err(AppError::Unauthorized),
    }
}

/// Middleware on every route: find who is calling, and refuse state-changing
/// requests that come from a cookie session without its CSRF token (header
/// `X-CSRF-Token`, query `csrf`, or form field `csrf`). Bearer-token calls need
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
            let is_json = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/json"));
            // A JSON login cannot be forged by a cross-site form (its content
            // type forces a CORS preflight), so it needs no pre-session token.
            let exempt = who.is_none() && is_json && parts.uri.path().starts_with("/api/");
            let (given, rebuilt) = presented_token(&parts, body).await?;
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

/// The CSRF token the request presents, and its body (read if it was a form).
async fn presented_token(parts: &Parts, body: Body) -> Result<(Option<String>, Body), AppError> {
    if let Some(h) = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return Ok((Some(h.to_string()), body));
    }
    let from_query = parts
        .uri
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|kv| kv.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
    if from_query.is_some() {
        return Ok((from_query, body));
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, body));
    }
    let bytes =
        axum::body::to_bytes(body, 2 * 1024 * 1024).await.map_err(|_| AppError::BadRequest("body-too-large"))?;
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|kv| kv.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
    Ok((token, Body::from(bytes)))
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
