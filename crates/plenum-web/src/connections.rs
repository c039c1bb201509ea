//! Serving connections: HTTP/1.1 over hyper, with a bound on how long a
//! connection may take to send a request's head, and on how many connections
//! are open in all and from one client address.
//!
//! hyper's header-read timer starts whenever a connection waits for a
//! request's head: on a new connection and between requests on a kept-alive
//! one. So the same timeout closes a connection that trickles its headers and
//! one that sits idle. A live stream is a response in progress, so it is not
//! idle: it keeps its own lifetime (`sse_max_lifetime`).

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_service::Service;

use crate::error::AppError;
use crate::WebConfig;

/// The address of the connection's peer, as every request carries it.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr(pub SocketAddr);

/// Open connections, in all and by client address.
#[derive(Debug, Default)]
struct Open {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// Counts connections; an admitted connection holds a [`Held`] while it lives.
#[derive(Debug, Clone)]
struct Connections {
    open: Arc<Mutex<Open>>,
    max_total: usize,
    max_per_address: usize,
}

struct Held {
    open: Arc<Mutex<Open>>,
    address: IpAddr,
}

impl Connections {
    fn admit(&self, address: IpAddr) -> Option<Held> {
        let address = plenum_core::access::address_key(address);
        let mut open = self.open.lock().expect("lock");
        let here = open.by_address.get(&address).copied().unwrap_or(0);
        if open.total >= self.max_total || here >= self.max_per_address {
            return None;
        }
        open.total += 1;
        *open.by_address.entry(address).or_default() += 1;
        Some(Held { open: self.open.clone(), address })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut open = self.open.lock().expect("lock");
        open.total -= 1;
        if let Some(n) = open.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                open.by_address.remove(&self.address);
            }
        }
    }
}

/// Serve `app` on `listener` until `shutdown` resolves, then let open
/// connections finish their requests.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    config: &WebConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let connections = Connections {
        open: Arc::default(),
        max_total: config.max_connections,
        max_per_address: config.max_connections_per_address,
    };
    // Past a bound, the connection gets one answer (in the caller's language,
    // JSON on the API) and is closed.
    let refusal = crate::error_only_router(|| AppError::Unavailable("too-many-connections", 1));
    let header_timeout = config.header_read_timeout;
    let (stop_tx, stop_rx) = watch::channel(false);
    let (done_tx, done_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let held = connections.admit(peer.ip());
        let app = if held.is_some() { app.clone() } else { refusal.clone() };
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let _done = done;
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                let mut req = req.map(Body::new);
                req.extensions_mut().insert(PeerAddr(peer));
                let mut app = app.clone();
                async move { Ok::<_, Infallible>(app.call(req).await.unwrap_or_else(|e| match e {})) }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
            if held.is_none() {
                builder.keep_alive(false);
            }
            let _held = held;
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                r = conn.as_mut() => { if let Err(e) = r { tracing::debug!(error = %e, "connection ended"); } return; }
                _ = stop.wait_for(|s| *s) => conn.as_mut().graceful_shutdown(),
            }
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended");
            }
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_are_bounded_per_address_and_in_all() {
        let c = Connections { open: Arc::default(), max_total: 3, max_per_address: 2 };
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let (a1, _a2) = (c.admit(a).unwrap(), c.admit(a).unwrap());
        assert!(c.admit(a).is_none(), "a third from one address");
        let _b1 = c.admit(b).unwrap();
        assert!(c.admit(b).is_none(), "a fourth in all");
        drop(a1);
        assert!(c.admit(a).is_some(), "a closed connection gives its place back");
    }
}
