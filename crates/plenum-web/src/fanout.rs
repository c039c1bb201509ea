//! The process's one subscription to the store's committed changes, fanned
//! out to every live stream. Each change is prepared once — its audience, its
//! scope's organization path and its public JSON — so a stream's own work per
//! event is a permission check and one SSE frame. With thousands of delegates
//! on one plenum that is most of the server's work (see docs/PERFORMANCE.md).
//!
//! It depends on the application only, not on the web's state, which holds it.

use std::sync::{Arc, OnceLock, Weak};

use axum::response::sse::Event as SseEvent;
use plenum_app::{App, OrgCache};
use plenum_core::access::{Permission, Target};
use plenum_store::change::{Committed, Reauthorize};
use plenum_store::Store;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

use crate::identity::CurrentUser;

/// Events held for a stream that is slow to take them (the store's bus holds as many).
const CAPACITY: usize = 4096;

/// A committed change as every stream needs it.
pub(crate) struct Prepared {
    pub(crate) seq: i64,
    pub(crate) action: &'static str,
    pub(crate) plenum_id: Option<i64>,
    pub(crate) permission: Permission,
    /// The change's organization and its ancestors, for scope checks.
    pub(crate) org_path: Vec<i64>,
    /// The change's public JSON, the SSE `data`.
    pub(crate) data: String,
    /// Whose grants or login the change alters.
    pub(crate) reauthorize: Option<Reauthorize>,
}

impl Prepared {
    /// May this subscriber see this change?
    pub(crate) fn visible_to(&self, user: &CurrentUser) -> bool {
        user.can(self.permission, &Target { plenum: self.plenum_id, org_path: &self.org_path })
    }

    pub(crate) fn frame(&self) -> SseEvent {
        SseEvent::default().event(self.action).id(self.seq.to_string()).data(&self.data)
    }
}

#[derive(Clone)]
pub(crate) enum Relayed {
    Change(Arc<Prepared>),
    /// The relay fell this many events behind the store.
    Lagged(u64),
}

/// The process's one subscription to the store, fanned out to the streams.
pub(crate) struct Fanout {
    tx: broadcast::Sender<Relayed>,
}

impl Fanout {
    /// Subscribe, starting the fan-out on first use. It subscribes to the
    /// store before this returns, so a stream sees every change committed
    /// after its request arrived.
    pub(crate) fn subscribe(cell: &OnceLock<Fanout>, app: &App) -> broadcast::Receiver<Relayed> {
        let fanout = cell.get_or_init(|| {
            let (tx, _) = broadcast::channel(CAPACITY);
            let store = Arc::downgrade(&app.store);
            tokio::spawn(run(store, app.orgs.clone(), app.store.subscribe(), tx.clone()));
            Fanout { tx }
        });
        fanout.tx.subscribe()
    }
}

/// Runs until the store's bus closes or the store is gone (it holds the
/// store weakly, so a server that stops frees it).
async fn run(
    store: Weak<dyn Store>,
    orgs: Arc<OrgCache>,
    mut rx: broadcast::Receiver<Committed>,
    tx: broadcast::Sender<Relayed>,
) {
    loop {
        let item = match rx.recv().await {
            Ok(c) => {
                let Some(store) = store.upgrade() else { return };
                Relayed::Change(Arc::new(prepare(&orgs, store.as_ref(), c).await))
            }
            Err(RecvError::Lagged(n)) => Relayed::Lagged(n),
            Err(RecvError::Closed) => return,
        };
        // No stream open is not an error: nobody is watching live.
        let _ = tx.send(item);
    }
}

pub(crate) async fn prepare(orgs: &OrgCache, store: &dyn Store, c: Committed) -> Prepared {
    let org_path = match c.scope.org_id {
        Some(org) => orgs.path(store, org).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let audience = c.audience();
    Prepared {
        seq: c.seq,
        action: c.change.action(),
        plenum_id: audience.scope.plenum_id,
        permission: audience.permission,
        org_path,
        data: c.public_json(),
        reauthorize: c.change.reauthorize(),
    }
}
