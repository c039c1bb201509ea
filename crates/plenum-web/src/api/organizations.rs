//! Organizations, committees and members.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use plenum_app::prepare::organizations;
use plenum_store::input::NewOrganization;
use plenum_store::{Committee, Member, Organization};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// The organization tree (administrators).
#[utoipa::path(get, path = "/api/v1/organizations", security(("bearer" = [])),
    responses((status = 200, body = Vec<Organization>), (status = 403, body = super::ErrorBody)))]
pub async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<Organization>>, AppError> {
    Ok(Json(organizations::list(&state.app, &user).await?))
}

/// Create an organization under a parent one level up or more.
#[utoipa::path(post, path = "/api/v1/organizations", request_body = NewOrganization, security(("bearer" = [])),
    responses((status = 201, body = Organization), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(new): Json<NewOrganization>,
) -> Result<(StatusCode, Json<Organization>), AppError> {
    Ok((StatusCode::CREATED, Json(organizations::create(&state.app, &user, new).await?)))
}

/// An organization's committees, newest term first.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/committees", security(("bearer" = [])),
    responses((status = 200, body = Vec<Committee>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn committees(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Committee>>, AppError> {
    Ok(Json(organizations::committees(&state.app, &user, id).await?))
}

/// A committee's members; `standing` marks the standing committee.
#[utoipa::path(get, path = "/api/v1/committees/{id}/members", security(("bearer" = [])),
    responses((status = 200, body = Vec<Member>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn members(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Member>>, AppError> {
    Ok(Json(organizations::members(&state.app, &user, id).await?))
}
