//! The baseline: the least a server can do to fan one event out over SSE.
//! One tokio broadcast channel, one SSE endpoint with Plenum's framing (a
//! `connected` event first, keep-alive comments, a maximum lifetime), and a
//! POST endpoint that publishes its body as one event with a sequence number.
//! The event is formatted once when published; subscribers only copy it into
//! their SSE frame. Whatever Plenum does beyond this is its own cost.

use std::convert::Infallible;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream::{self, StreamExt};
use tokio::sync::broadcast;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;

/// The event name the baseline publishes under.
pub const EVENT: &str = "bench.tick";

/// Same values as Plenum's defaults (`WebConfig`), so both servers keep the
/// same timers per connection.
const HEARTBEAT: Duration = Duration::from_secs(15);
const MAX_LIFETIME: Duration = Duration::from_secs(3600);

struct Published {
    seq: i64,
    data: String,
}

#[derive(Clone)]
struct Bus {
    tx: broadcast::Sender<Arc<Published>>,
    seq: Arc<AtomicI64>,
}

pub fn router() -> Router {
    // The same capacity as Plenum's event bus.
    let (tx, _) = broadcast::channel(4096);
    let bus = Bus { tx, seq: Arc::new(AtomicI64::new(0)) };
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/events", get(events))
        .route("/publish", post(publish))
        .with_state(bus)
}

async fn publish(State(bus): State<Bus>, body: String) -> (StatusCode, Json<serde_json::Value>) {
    let seq = bus.seq.fetch_add(1, Ordering::SeqCst) + 1;
    let _ = bus.tx.send(Arc::new(Published { seq, data: body }));
    (StatusCode::CREATED, Json(serde_json::json!({ "seq": seq })))
}

async fn events(State(bus): State<Bus>) -> Response {
    let rx = bus.tx.subscribe();
    let connected = SseEvent::default().event("connected").data(r#"{"user":"baseline"}"#);
    let changes = BroadcastStream::new(rx).map(|r| {
        Ok::<_, Infallible>(match r {
            Ok(p) => SseEvent::default().event(EVENT).id(p.seq.to_string()).data(&p.data),
            Err(BroadcastStreamRecvError::Lagged(n)) => SseEvent::default().event("resync").data(n.to_string()),
        })
    });
    let stream = stream::once(async move { Ok::<_, Infallible>(connected) })
        .chain(changes)
        .take_until(tokio::time::sleep(MAX_LIFETIME));
    let mut res = Sse::new(stream).keep_alive(KeepAlive::new().interval(HEARTBEAT)).into_response();
    res.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// Serve the baseline on a loopback address and print `listening on ADDR`
/// (the parent reads it to learn the port).
pub async fn serve(listen: std::net::SocketAddr) -> anyhow::Result<()> {
    anyhow::ensure!(listen.ip().is_loopback(), "the baseline serves on loopback addresses only");
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("baseline listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router().into_make_service()).await?;
    Ok(())
}
