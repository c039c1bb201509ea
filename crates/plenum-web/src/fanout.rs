//! The process's one subscription to the store's committed changes, fanned
//! out to every live stream. Each change is prepared once — its audience, its
//! scope's organization path and its public JSON — so a stream's own work per
//! event is a permission check and one SSE frame. With thousands of delegates
//! on one plenum that is most of the server's work (see docs/PERFORMANCE.md).
//!
//! It depends on the application only, not on the web's state, which holds it.

use std::sync::{Arc, OnceLock, RwLock, Weak};

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
    /// The change's name (`speaker.started`), for streams that send the name alone.
    pub(crate) action: &'static str,
    pub(crate) plenum_id: Option<i64>,
    pub(crate) permission: Permission,
    /// The change's organization and its ancestors, for scope checks.
    pub(crate) org_path: Vec<i64>,
    /// The SSE frame (name, id and the change's public JSON), formatted
    /// once; each stream sends a copy.
    frame: SseEvent,
    /// Whose grants or login the change alters.
    pub(crate) reauthorize: Option<Reauthorize>,
}

impl Prepared {
    /// May this subscriber see this change?
    pub(crate) fn visible_to(&self, user: &CurrentUser) -> bool {
        user.can(self.permission, &Target { plenum: self.plenum_id, org_path: &self.org_path })
    }

    pub(crate) fn frame(&self) -> SseEvent {
        self.frame.clone()
    }
}

#[derive(Clone)]
pub(crate) enum Relayed {
    Change(Arc<Prepared>),
    /// The relay fell this many events behind the store.
    Lagged(u64),
}

/// Streams per shard. Waking a task from inside the runtime puts it on that
/// worker's local queue, which holds 256; past that, tokio moves the excess to
/// the global queue, where every wake from outside the runtime (a database
/// reply, a new connection) then waits behind the whole fan-out. A chair's
/// click at 10,000 open streams answered in 150 ms instead of 10 for that
/// reason (docs/PERFORMANCE.md, run F). Shards of at most this many, with a
/// yield between them, keep each wave on the local queue.
const SHARD: usize = 128;

/// The process's one subscription to the store, fanned out to the streams in
/// shards of at most [`SHARD`].
pub(crate) struct Fanout {
    shards: Arc<RwLock<Vec<broadcast::Sender<Relayed>>>>,
}

impl Fanout {
    /// Subscribe, starting the fan-out on first use. It subscribes to the
    /// store before this returns, so a stream sees every change committed
    /// after its request arrived.
    pub(crate) fn subscribe(cell: &OnceLock<Fanout>, app: &App) -> broadcast::Receiver<Relayed> {
        let fanout = cell.get_or_init(|| {
            let shards = Arc::new(RwLock::new(Vec::new()));
            let store = Arc::downgrade(&app.store);
            tokio::spawn(run(store, app.orgs.clone(), app.store.subscribe(), shards.clone()));
            Fanout { shards }
        });
        fanout.join()
    }

    /// A place in the first shard with room (streams that ended leave room),
    /// or in a new shard.
    fn join(&self) -> broadcast::Receiver<Relayed> {
        let mut shards = self.shards.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(tx) = shards.iter().find(|tx| tx.receiver_count() < SHARD) {
            return tx.subscribe();
        }
        let (tx, rx) = broadcast::channel(CAPACITY);
        shards.push(tx);
        rx
    }
}

/// Runs until the store's bus closes or the store is gone (it holds the
/// store weakly, so a server that stops frees it).
async fn run(
    store: Weak<dyn Store>,
    orgs: Arc<OrgCache>,
    mut rx: broadcast::Receiver<Committed>,
    shards: Arc<RwLock<Vec<broadcast::Sender<Relayed>>>>,
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
        let senders: Vec<broadcast::Sender<Relayed>> =
            shards.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        for tx in &senders {
            // A shard with no stream left is not an error: nobody there is
            // watching live, and nobody was woken, so there is no wave to wait for.
            if tx.send(item.clone()).is_ok() && senders.len() > 1 {
                tokio::task::yield_now().await;
            }
        }
    }
}

pub(crate) async fn prepare(orgs: &OrgCache, store: &dyn Store, c: Committed) -> Prepared {
    let org_path = match c.scope.org_id {
        Some(org) => orgs.path(store, org).await.unwrap_or_default(),
        None => Vec::new(),
    };
    let audience = c.audience();
    let action = c.change.action();
    Prepared {
        seq: c.seq,
        action,
        plenum_id: audience.scope.plenum_id,
        permission: audience.permission,
        org_path,
        frame: SseEvent::default().event(action).id(c.seq.to_string()).data(c.public_json()),
        reauthorize: c.change.reauthorize(),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use plenum_store::input::NewUser;
    use plenum_store::Actor;
    use plenum_store_sqlite::SqliteStore;

    use super::*;

    #[tokio::test]
    async fn streams_fill_shards_of_at_most_a_shard_and_every_shard_gets_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_dir(dir.path()).await.unwrap();
        store.migrate().await.unwrap();
        let store: Arc<dyn Store> = Arc::new(store);
        let app = App::new(store.clone());
        let cell = OnceLock::new();
        let mut streams: Vec<_> = (0..2 * SHARD + 1).map(|_| Fanout::subscribe(&cell, &app)).collect();
        let sizes = |cell: &OnceLock<Fanout>| -> Vec<usize> {
            cell.get().unwrap().shards.read().unwrap().iter().map(|tx| tx.receiver_count()).collect()
        };
        assert_eq!(sizes(&cell), [SHARD, SHARD, 1]);

        // A stream that ends leaves room that the next one takes.
        streams.remove(5);
        streams.push(Fanout::subscribe(&cell, &app));
        assert_eq!(sizes(&cell), [SHARD, SHARD, 1]);

        let new = NewUser { username: "moi".into(), display_name: "Mới".into(), password_hash: "h".into() };
        store.create_user(&Actor::system("test"), new).await.unwrap();
        let (head, _) = store.history_head().await.unwrap();
        for rx in &mut streams {
            let got = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").unwrap();
            assert!(matches!(got, Relayed::Change(c) if c.seq == head));
        }
    }
}
