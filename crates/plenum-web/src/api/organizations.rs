//! Organizations, committees and members.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_core::access::Permission;
use plenum_store::input::NewOrganization;
use plenum_store::{Committee, Member, Organization};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// The organization tree (administrators).
#[utoipa::path(get, path = "/api/v1/organizations", security(("bearer" = [])),
    responses((status = 200, body = Vec<Organization>), (status = 403, body = super::ErrorBody)))]
pub async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<Organization>>, AppError> {
    if !user.can_somewhere(Permission::Administer) {
        return Err(AppError::Forbidden);
    }
    Ok(Json(state.store.organizations().await?))
}

/// Create an organization under a parent one level up or more.
#[utoipa::path(post, path = "/api/v1/organizations", request_body = NewOrganization, security(("bearer" = [])),
    responses((status = 201, body = Organization), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(new): Json<NewOrganization>,
) -> Result<(StatusCode, Json<Organization>), AppError> {
    match new.parent_id {
        Some(p) if state.store.organizations().await?.iter().any(|o| o.id == p) => {
            user.require_on_org(&state, Permission::Administer, p).await?
        }
        // An unknown parent is reported as a field error by the store; only a system-wide admin gets that far.
        _ if user
            .grants
            .iter()
            .any(|g| g.role.permits(Permission::Administer) && g.scope.org.is_none() && g.scope.plenum.is_none()) => {}
        _ => return Err(AppError::Forbidden),
    }
    Ok((StatusCode::CREATED, Json(state.store.create_organization(&user.actor(), new).await?)))
}

/// An organization's committees, newest term first.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/committees", security(("bearer" = [])),
    responses((status = 200, body = Vec<Committee>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn committees(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Committee>>, AppError> {
    state.store.organization(id).await?;
    user.require_on_org(&state, Permission::ViewPlenum, id).await?;
    Ok(Json(state.store.committees(id).await?))
}

/// A committee's members; `standing` marks the standing committee.
#[utoipa::path(get, path = "/api/v1/committees/{id}/members", security(("bearer" = [])),
    responses((status = 200, body = Vec<Member>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn members(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Member>>, AppError> {
    let c = state.store.committee(id).await?;
    user.require_on_org(&state, Permission::ViewPlenum, c.org_id).await?;
    Ok(Json(state.store.members(id).await?))
}
