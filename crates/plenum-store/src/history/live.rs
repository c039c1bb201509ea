//! How a committed change reaches live views. Each node runs one
//! [`CursorRelay`] ([`LiveFeed`]) that reads committed entries from the
//! history after its cursor and broadcasts them as [`Event`]s; a commit only
//! nudges it to read. Nothing about an event is sent inside the writing
//! transaction, so no commit waits on the relay, and a node that missed a
//! nudge reads the entry on its next one, or its next poll.

use std::sync::Arc;

use async_trait::async_trait;
use plenum_core::history::AuditEntry;
use sqlx::AnyPool;
use tokio::sync::{broadcast, Notify};
use tokio::task::JoinHandle;

use crate::change::Committed;
use crate::relay::{CursorRelay, RelaySettings};
use crate::{History, StoreResult};

/// The NOTIFY channel PostgreSQL nodes listen on.
pub const PG_CHANNEL: &str = "plenum_events";
/// Events the node's bus holds for a subscriber that is slow to take them.
const BUS_CAPACITY: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveRelay {
    /// SQLite: one process owns the file, so a commit nudges this node's relay.
    LocalNudge,
    /// PostgreSQL: a commit nudges this node's relay and, by an empty
    /// `NOTIFY` on [`PG_CHANNEL`] sent after commit, every other node's,
    /// whose listener (`plenum-store-postgres`) nudges its own.
    PgNotify,
}

impl LiveRelay {
    /// After commit. A lost NOTIFY costs latency, never a change: the other
    /// nodes read the entry on their next nudge or poll.
    pub(crate) async fn after_commit(self, pool: &AnyPool, feed: &LiveFeed) {
        feed.nudge.notify_one();
        match self {
            LiveRelay::LocalNudge => {}
            // In a transaction of its own: PostgreSQL serializes the commits
            // of transactions that notified, so writers never carry it.
            LiveRelay::PgNotify => {
                if let Err(error) = sqlx::query(&format!("NOTIFY {PG_CHANNEL}")).execute(pool).await {
                    tracing::warn!(%error, "cannot nudge the other nodes; they read the change on their next poll");
                }
            }
        }
    }
}

/// The history as the relay reads it: over the read pool alone, so the relay's
/// task holds no reference back to the store that owns it.
struct Reader {
    pool: AnyPool,
    events: broadcast::Sender<Committed>,
}

#[async_trait]
impl History for Reader {
    async fn history(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        super::entries(&self.pool, after, limit).await
    }

    async fn history_head(&self) -> StoreResult<(i64, String)> {
        super::head(&self.pool).await
    }

    fn subscribe(&self) -> broadcast::Receiver<Committed> {
        self.events.subscribe()
    }
}

/// This node's one relay: its bus, its nudge and its task, which ends with the store.
pub struct LiveFeed {
    events: broadcast::Sender<Committed>,
    nudge: Arc<Notify>,
    task: JoinHandle<()>,
}

impl LiveFeed {
    /// Start relaying what is committed after the current head. A database
    /// not migrated yet has no head, and no history to skip.
    pub(crate) async fn start(pool: AnyPool, settings: RelaySettings) -> LiveFeed {
        let (events, _) = broadcast::channel(BUS_CAPACITY);
        let after = super::head(&pool).await.map(|(seq, _)| seq).unwrap_or(0);
        let reader = Arc::new(Reader { pool, events: events.clone() });
        let nudge = Arc::new(Notify::new());
        let relay = CursorRelay::new(reader, after, events.clone(), settings);
        let task = tokio::spawn(relay.run(nudge.clone()));
        LiveFeed { events, nudge, task }
    }

    /// Events committed from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Committed> {
        self.events.subscribe()
    }

    /// What makes the relay read now; a listener for other nodes' commits holds it.
    pub fn nudge(&self) -> Arc<Notify> {
        self.nudge.clone()
    }
}

impl Drop for LiveFeed {
    fn drop(&mut self) {
        self.task.abort();
    }
}
