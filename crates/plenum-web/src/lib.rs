//! Plenum's web server: pages, the JSON API, live events. Start it with
//! [`launch::Application::build`] and any listener — tests bind port 0.

pub mod api;
mod assets;
pub mod auth;
pub mod client;
pub mod conduct;
mod connections;
mod csrf;
pub mod demo;
mod download;
pub mod error;
mod exports;
mod fanout;
pub mod i18n;
mod identity;
pub mod launch;
pub mod limits;
mod live;
mod pages;
pub mod routes;
mod security;
mod session_cache;
mod state;

use std::future::Future;

use axum::extract::State;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::{Json, Router};
use routes::{get, Routes};
pub use state::{AppState, WebConfig};
use tokio::net::TcpListener;

use crate::error::AppError;

/// Every route of the server, with its table (see [`routes::table`]); API
/// bodies are bounded at `json_body_bytes` unless a route sets its own bound.
fn routes_of_server(json_body_bytes: usize) -> Routes {
    Routes::new()
        .nest("/api/v1", api::router().body_limit(json_body_bytes))
        .route("/api/openapi.json", get(api::openapi_json))
        .route("/healthz", get(health))
        .route("/static/{*path}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .route("/events", get(live::events))
        .merge(pages::router())
}

pub fn router(state: AppState) -> Router {
    routes_of_server(state.config.limits.json_body_bytes)
        .into_router()
        .fallback(|| async { AppError::NotFound })
        .layer(from_fn_with_state(state.clone(), auth::identify_and_guard))
        .layer(from_fn(error::render_errors))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .with_state(state)
}

/// A router that answers every request with one error, rendered as every
/// other error is (JSON on the API, a page elsewhere, in the caller's
/// language): for a connection refused past a bound.
pub(crate) fn error_only_router(error: fn() -> AppError) -> Router {
    Router::new()
        .fallback(move || async move { error() })
        .layer(from_fn(error::render_errors))
        .layer(from_fn(security::default_headers))
}

/// `{"status":"ok","backend":"sqlite"}` once the database answers.
async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    state.store.history_head().await?;
    Ok(Json(serde_json::json!({"status": "ok", "backend": state.store.backend()})))
}

/// Serve until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Each connection gets a clone of one router: a shared handle to its
    // route tables, which are built once here (`with_state`), not per
    // connection (that held about 12 KiB per open live-event stream, measured
    // with plenum-load, docs/PERFORMANCE.md).
    let config = state.config.clone();
    connections::serve(listener, router(state), &config, shutdown).await
}
