//! Accounts (administrators only).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_app::accounts::users;
use plenum_core::access::Grant;
use plenum_store::User;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub password: String,
    /// admin, secretary, chair, delegate, guest, group_secretary, task_officer or auditor.
    pub role: String,
    /// Where the role applies: an organization (and all below it) …
    pub org_id: Option<i64>,
    /// … or one plenum. Neither means everywhere (admins only).
    pub plenum_id: Option<i64>,
}

/// All accounts.
#[utoipa::path(get, path = "/api/v1/users", security(("bearer" = [])),
    responses((status = 200, body = Vec<User>), (status = 403, body = super::ErrorBody)))]
pub async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<User>>, AppError> {
    Ok(Json(users::list(&state.app, &user).await?))
}

/// Create an account with a role.
#[utoipa::path(post, path = "/api/v1/users", request_body = NewAccount, security(("bearer" = [])),
    responses((status = 201, body = User), (status = 403, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(a): Json<NewAccount>,
) -> Result<(StatusCode, Json<User>), AppError> {
    users::manage(&user)?;
    let role = users::role(&a.role)?;
    let scope = plenum_core::access::GrantScope { org: a.org_id, plenum: a.plenum_id };
    let account = users::NewAccount {
        username: a.username,
        display_name: a.display_name,
        password: a.password,
        grant: Grant { role, scope },
    };
    let created = users::create(&state.app, &user, account).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Disable an account: it signs in no more, and its sessions, tokens and live streams end.
/// For administrators of every scope the account holds a role in.
#[utoipa::path(post, path = "/api/v1/users/{id}/disable", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn disable(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    users::disable(&state.app, &user, id).await?;
    state.sessions.forget_user(id);
    Ok(StatusCode::NO_CONTENT)
}
