//! How a committed change reaches live views: the one place that decides it
//! for each backend. [`SqlStore::commit_change`](crate::SqlStore) calls
//! [`LiveRelay::in_transaction`] just before commit and
//! [`LiveRelay::after_commit`] just after.

use sqlx::AnyConnection;
use tokio::sync::broadcast;

use crate::Event;

/// The NOTIFY channel PostgreSQL nodes listen on.
pub const PG_CHANNEL: &str = "plenum_events";
/// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger events
/// travel without their payload and views refetch what they show.
const PG_MAX_NOTIFY: usize = 7900;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveRelay {
    /// SQLite: one process owns the file, so an event only needs a local
    /// broadcast, sent after commit.
    LocalBroadcast,
    /// PostgreSQL: `pg_notify` inside the writing transaction, which the server
    /// delivers only at commit; every node (the writer included) listens on
    /// [`PG_CHANNEL`] and rebroadcasts to its own subscribers
    /// (`plenum-store-postgres`), so an event is seen once per node, after commit.
    PgNotify,
}

impl LiveRelay {
    /// Inside the writing transaction, after its history entry.
    pub(crate) async fn in_transaction(self, tx: &mut AnyConnection, ev: &Event) -> Result<(), sqlx::Error> {
        match self {
            LiveRelay::LocalBroadcast => Ok(()),
            LiveRelay::PgNotify => {
                let mut text = serde_json::to_string(ev).unwrap_or_default();
                if text.len() > PG_MAX_NOTIFY {
                    let slim = Event { payload: serde_json::Value::Null, ..ev.clone() };
                    text = serde_json::to_string(&slim).unwrap_or_default();
                }
                sqlx::query("SELECT pg_notify($1, $2)").bind(PG_CHANNEL).bind(text).execute(tx).await?;
                Ok(())
            }
        }
    }

    /// After commit.
    pub(crate) fn after_commit(self, events: &broadcast::Sender<Event>, ev: Event) {
        match self {
            // No receivers is not an error: nobody is watching live.
            LiveRelay::LocalBroadcast => {
                let _ = events.send(ev);
            }
            // Nothing to do: the LISTEN task delivers our own notifications too.
            LiveRelay::PgNotify => {}
        }
    }
}
