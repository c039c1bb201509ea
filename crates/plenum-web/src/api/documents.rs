//! API: documents.

use axum::Router;
use utoipa::OpenApi;

use crate::state::AppState;

/// This part's paths and schemas, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi()]
pub struct Api;

pub fn router() -> Router<AppState> {
    Router::new()
}
