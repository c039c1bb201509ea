//! Group commit for votes and ballots. Every cast waits in one queue; a
//! single task takes whatever has gathered (up to [`MAX_BATCH`]) and writes
//! it in one call to the store, then answers each caller. Under a storm the
//! batches grow and the commits per vote fall; a lone vote is written at
//! once. A caller is answered only after its batch committed, so an
//! acknowledged vote is durable.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use plenum_core::decide::poll::Choice;
use plenum_store::decide::Cast;
use plenum_store::{Store, StoreError, StoreResult};
use tokio::sync::{mpsc, oneshot};

/// The most casts written together.
pub const MAX_BATCH: usize = 512;
/// Casts waiting at most; a caller past it waits for room (backpressure).
const QUEUE: usize = 8192;

/// What one caller hands in.
enum Item {
    Vote(Choice),
    /// A secret ballot's content and commitment.
    Ballot(String, String),
}

struct Request {
    poll_id: i64,
    delegate_id: i64,
    item: Item,
    reply: oneshot::Sender<StoreResult<Cast>>,
}

/// The queue, started on first use inside the server's runtime.
#[derive(Default)]
pub struct BallotBox {
    queue: OnceLock<mpsc::Sender<Request>>,
}

impl BallotBox {
    fn sender(&self, store: &Arc<dyn Store>) -> mpsc::Sender<Request> {
        self.queue
            .get_or_init(|| {
                let (tx, rx) = mpsc::channel(QUEUE);
                tokio::spawn(run(store.clone(), rx));
                tx
            })
            .clone()
    }

    async fn put(&self, store: &Arc<dyn Store>, poll_id: i64, delegate_id: i64, item: Item) -> StoreResult<Cast> {
        let (reply, answer) = oneshot::channel();
        let gone = || StoreError::Backend("the ballot box stopped".into());
        self.sender(store).send(Request { poll_id, delegate_id, item, reply }).await.map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }

    /// Record a named vote.
    pub async fn vote(
        &self,
        store: &Arc<dyn Store>,
        poll_id: i64,
        delegate_id: i64,
        choice: Choice,
    ) -> StoreResult<Cast> {
        self.put(store, poll_id, delegate_id, Item::Vote(choice)).await
    }

    /// Cast a secret ballot with its commitment.
    pub async fn ballot(
        &self,
        store: &Arc<dyn Store>,
        poll_id: i64,
        delegate_id: i64,
        content: String,
        leaf: String,
    ) -> StoreResult<Cast> {
        self.put(store, poll_id, delegate_id, Item::Ballot(content, leaf)).await
    }
}

async fn run(store: Arc<dyn Store>, mut rx: mpsc::Receiver<Request>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        write(&*store, std::mem::take(&mut batch)).await;
    }
}

/// Write one batch: per poll, the named votes in one call and the ballots
/// in another. A member casting twice in one batch is the second time
/// refused here, as the database would.
async fn write(store: &dyn Store, batch: Vec<Request>) {
    let mut by_poll: BTreeMap<(i64, bool), Vec<Request>> = BTreeMap::new();
    for r in batch {
        by_poll.entry((r.poll_id, matches!(r.item, Item::Ballot(..)))).or_default().push(r);
    }
    for ((poll_id, secret), requests) in by_poll {
        let mut seen = std::collections::HashSet::new();
        let (first, again): (Vec<Request>, Vec<Request>) =
            requests.into_iter().partition(|r| seen.insert(r.delegate_id));
        for r in again {
            let _ = r.reply.send(Ok(Cast::AlreadyVoted));
        }
        let written = if secret {
            let ballots: Vec<(i64, String, String)> = first
                .iter()
                .map(|r| match &r.item {
                    Item::Ballot(c, l) => (r.delegate_id, c.clone(), l.clone()),
                    Item::Vote(_) => unreachable!("grouped by kind"),
                })
                .collect();
            store.cast_ballots(poll_id, &ballots).await
        } else {
            let votes: Vec<(i64, Choice)> = first
                .iter()
                .map(|r| match &r.item {
                    Item::Vote(c) => (r.delegate_id, *c),
                    Item::Ballot(..) => unreachable!("grouped by kind"),
                })
                .collect();
            store.record_votes(poll_id, &votes).await
        };
        match written {
            Ok(casts) => {
                for (r, c) in first.into_iter().zip(casts) {
                    let _ = r.reply.send(Ok(c));
                }
            }
            Err(e) => {
                for r in first {
                    let _ = r.reply.send(Err(again_of(&e)));
                }
            }
        }
    }
}

/// The same error for every caller of a failed batch.
fn again_of(e: &StoreError) -> StoreError {
    match e {
        StoreError::NotFound => StoreError::NotFound,
        StoreError::Invalid(f) => StoreError::Invalid(f.clone()),
        StoreError::Conflict(c) => StoreError::Conflict(*c),
        StoreError::Backend(m) => StoreError::Backend(m.clone()),
    }
}
