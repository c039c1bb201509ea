//! A node's feed of committed changes, read from the history by cursor.
//!
//! The relay keeps the sequence number of the last entry it has passed on and
//! reads the entries after it (`seq > cursor`), decodes them into
//! [`Committed`] changes and broadcasts them. It reads when nudged (on
//! PostgreSQL, by a NOTIFY sent after commit that carries nothing), every
//! `poll` in case a nudge was lost, and again after an error, so a lost
//! connection costs latency, never changes. Writers take the history head's
//! row lock to number their entry and hold it until they commit, so entries
//! become visible in sequence order and a cursor never skips one still in
//! flight.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{broadcast, Notify};

use crate::change::Committed;
use crate::{History, StoreResult};

/// How the relay reads.
#[derive(Debug, Clone, Copy)]
pub struct RelaySettings {
    /// Entries read at a time.
    pub batch: i64,
    /// Read at least this often, even without a nudge.
    pub poll: Duration,
    /// Wait this long after a failed read before trying again.
    pub retry: Duration,
}

impl Default for RelaySettings {
    fn default() -> Self {
        RelaySettings { batch: 500, poll: Duration::from_secs(5), retry: Duration::from_secs(1) }
    }
}

/// Passes on each committed change, decoded once, to the node's subscribers.
pub struct CursorRelay<H: ?Sized> {
    history: Arc<H>,
    cursor: i64,
    tx: broadcast::Sender<Committed>,
    settings: RelaySettings,
}

impl<H> CursorRelay<H>
where
    H: History + Send + Sync + ?Sized + 'static,
{
    /// A relay that passes on what is committed after entry `after` (usually
    /// the head when the node starts).
    pub fn new(history: Arc<H>, after: i64, tx: broadcast::Sender<Committed>, settings: RelaySettings) -> Self {
        CursorRelay { history, cursor: after, tx, settings }
    }

    /// The last entry passed on.
    pub fn cursor(&self) -> i64 {
        self.cursor
    }

    /// Read and broadcast everything committed after the cursor; returns how
    /// many changes were passed on. An entry that does not decode is skipped
    /// (never delivered); a failed read leaves the cursor where it was.
    pub async fn catch_up(&mut self) -> StoreResult<usize> {
        let mut sent = 0;
        loop {
            let page = self.history.history(self.cursor, self.settings.batch).await?;
            for e in &page {
                self.cursor = e.seq;
                match Committed::from_entry(e) {
                    Ok(c) => {
                        // No subscriber is not an error: nobody is watching live.
                        let _ = self.tx.send(c);
                        sent += 1;
                    }
                    Err(error) => tracing::warn!(seq = e.seq, %error, "change not delivered: it does not decode"),
                }
            }
            if (page.len() as i64) < self.settings.batch {
                return Ok(sent);
            }
        }
    }

    /// Catch up on every nudge and every `poll`; runs until its task is aborted.
    /// Nudge with [`Notify::notify_one`], which is kept if the relay is busy reading.
    pub async fn run(mut self, nudge: Arc<Notify>) {
        loop {
            let wait = match self.catch_up().await {
                Ok(_) => self.settings.poll,
                Err(error) => {
                    tracing::warn!(%error, cursor = self.cursor, "cannot read the history; retrying");
                    self.settings.retry
                }
            };
            let _ = tokio::time::timeout(wait, nudge.notified()).await;
        }
    }
}
