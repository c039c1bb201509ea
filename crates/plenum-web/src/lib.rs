//! Plenum's web server: pages, the JSON API, live events. Start it with
//! [`launch::Application::build`] and any listener — tests bind port 0.

pub mod api;
mod assets;
mod audience;
pub mod auth;
pub mod conduct;
pub mod demo;
pub mod error;
pub mod i18n;
mod identity;
pub mod launch;
pub mod limits;
mod live;
mod pages;
mod state;

use std::future::Future;

use axum::extract::{DefaultBodyLimit, State};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use axum::{Json, Router};
pub use state::{AppState, WebConfig};
use tokio::net::TcpListener;

use crate::error::AppError;

pub fn router(state: AppState) -> Router {
    Router::new()
        .nest("/api/v1", api::router().layer(DefaultBodyLimit::max(state.config.limits.json_body_bytes)))
        .route("/api/openapi.json", get(api::openapi_json))
        .route("/healthz", get(health))
        .route("/static/{*path}", get(assets::serve))
        .route("/events", get(live::events))
        .merge(pages::router())
        .fallback(|| async { AppError::NotFound })
        .layer(from_fn_with_state(state.clone(), auth::identify_and_guard))
        .layer(from_fn(error::render_errors))
        .layer(from_fn(security_headers))
        .with_state(state)
}

async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::header::{HeaderValue, REFERRER_POLICY, SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
    // Behind a TLS-terminating proxy the request says so; cookies then get
    // `Secure` even when the `secure_cookies` setting was left off.
    let over_tls = req
        .headers()
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if !h.contains_key(X_FRAME_OPTIONS) {
        h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if over_tls {
        let cookies: Vec<HeaderValue> = h.get_all(SET_COOKIE).iter().cloned().collect();
        h.remove(SET_COOKIE);
        for c in cookies {
            let text = c.to_str().unwrap_or_default();
            let secured = if text.to_ascii_lowercase().split(';').any(|p| p.trim() == "secure") {
                c.clone()
            } else {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(c.clone())
            };
            h.append(SET_COOKIE, secured);
        }
    }
    res
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
    // `into_make_service` hands each connection a shared handle to the router.
    // Serving the `Router` itself rebuilds its route tables for every
    // connection: about 12 KiB held per open live-event stream (measured with
    // plenum-load, docs/PERFORMANCE.md).
    axum::serve(listener, router(state).into_make_service()).with_graceful_shutdown(shutdown).await
}
