//! Logging in and out through the API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum_extra::extract::cookie::CookieJar;
use plenum_core::access::{Grant, SignInKind};
use serde::{Deserialize, Serialize};

use crate::auth::{self, CurrentUser};
use crate::client::ClientAddr;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// Who is signed in, with their roles and the CSRF token to send as
/// `X-CSRF-Token` on state-changing calls made with the session cookie.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[schema(value_type = Vec<Object>)]
    pub grants: Vec<Grant>,
    pub csrf_token: String,
}

fn me_of(u: &CurrentUser) -> Me {
    Me {
        id: u.user.id,
        username: u.user.username.clone(),
        display_name: u.user.display_name.clone(),
        grants: u.grants.clone(),
        csrf_token: u.session.csrf.clone(),
    }
}

/// Log in; sets the session cookie.
#[utoipa::path(post, path = "/api/v1/session", request_body = Credentials,
    responses((status = 200, body = Me), (status = 401, body = super::ErrorBody), (status = 429, body = super::ErrorBody), (status = 503, body = super::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientAddr,
    jar: CookieJar,
    Json(c): Json<Credentials>,
) -> Result<Response, AppError> {
    let user = auth::check_login(&state, &c.username, &c.password, client).await?;
    let (secret, session) = auth::start_session(&state, &user, SignInKind::Web, "api-login").await?;
    let principal = plenum_app::Principal::load(&state.app, user).await?;
    let me = me_of(&CurrentUser { principal, session, via_cookie: true });
    Ok((jar.add(auth::session_cookie(&state, secret)), Json(me)).into_response())
}

/// Log out the current session.
#[utoipa::path(delete, path = "/api/v1/session", responses((status = 204), (status = 401, body = super::ErrorBody)))]
pub async fn logout(State(state): State<AppState>, user: CurrentUser, jar: CookieJar) -> Result<Response, AppError> {
    if let Some(c) = jar.get(auth::SESSION_COOKIE).filter(|_| user.via_cookie) {
        state.store.delete_session(&user.actor(), &auth::secret_hash(c.value())).await?;
        state.sessions.forget_user(user.user.id);
    }
    Ok((jar.remove(axum_extra::extract::cookie::Cookie::build(auth::SESSION_COOKIE).path("/")), StatusCode::NO_CONTENT)
        .into_response())
}

/// Sign out everywhere: end every session and token of the caller's account,
/// this one included; the account's open live streams close.
#[utoipa::path(delete, path = "/api/v1/sessions", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = super::ErrorBody)))]
pub async fn logout_everywhere(
    State(state): State<AppState>,
    user: CurrentUser,
    jar: CookieJar,
) -> Result<Response, AppError> {
    plenum_app::accounts::sign_in::sign_out_everywhere(&state.app, &user).await?;
    state.sessions.forget_user(user.user.id);
    Ok((jar.remove(axum_extra::extract::cookie::Cookie::build(auth::SESSION_COOKIE).path("/")), StatusCode::NO_CONTENT)
        .into_response())
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = Me), (status = 401, body = super::ErrorBody)))]
pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(me_of(&user))
}
