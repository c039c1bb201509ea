//! Accounts (administrators only).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use plenum_core::access::{Grant, Permission, Role};
use plenum_store::input::NewUser;
use plenum_store::User;
use serde::Deserialize;

use crate::auth::{hash_password, CurrentUser};
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

/// Create an account and its first role grant. Shared by the page, the API and the CLI.
pub async fn create_with_role(
    state: &AppState,
    actor: &CurrentUser,
    username: &str,
    display_name: &str,
    password: &str,
    grant: Grant,
) -> Result<User, AppError> {
    if password.chars().count() < 8 {
        let mut e = plenum_core::FieldErrors::default();
        e.push("password", "too-short");
        return Err(e.into());
    }
    let pw = password.to_string();
    let password_hash =
        tokio::task::spawn_blocking(move || hash_password(&pw)).await.map_err(|e| AppError::Internal(e.into()))??;
    let user = state
        .store
        .create_user(
            &actor.actor(),
            NewUser { username: username.to_string(), display_name: display_name.to_string(), password_hash },
        )
        .await?;
    state.store.grant_role(&actor.actor(), user.id, grant).await?;
    Ok(user)
}

fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    if user.can_somewhere(Permission::Administer) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// All accounts.
#[utoipa::path(get, path = "/api/v1/users", security(("bearer" = [])),
    responses((status = 200, body = Vec<User>), (status = 403, body = super::ErrorBody)))]
pub async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<User>>, AppError> {
    require_admin(&user)?;
    Ok(Json(state.store.users().await?))
}

/// Create an account with a role.
#[utoipa::path(post, path = "/api/v1/users", request_body = NewAccount, security(("bearer" = [])),
    responses((status = 201, body = User), (status = 403, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(a): Json<NewAccount>,
) -> Result<(StatusCode, Json<User>), AppError> {
    require_admin(&user)?;
    let Some(role) = Role::parse(&a.role) else {
        let mut e = plenum_core::FieldErrors::default();
        e.push("role", "invalid-choice");
        return Err(e.into());
    };
    let scope = plenum_core::access::GrantScope { org: a.org_id, plenum: a.plenum_id };
    let created =
        create_with_role(&state, &user, &a.username, &a.display_name, &a.password, Grant { role, scope }).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
