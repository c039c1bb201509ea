//! The cursor relay on SQLite: it passes on committed changes in order, skips
//! entries that do not decode, and after a failed read catches up on
//! everything it missed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use plenum_core::history::AuditEntry;
use plenum_store::change::{Change, Committed};
use plenum_store::input::NewUser;
use plenum_store::relay::{CursorRelay, RelaySettings};
use plenum_store::{Accounts, Actor, History, StoreError, StoreResult};
use plenum_store_sqlite::SqliteStore;
use tokio::sync::{broadcast, Notify};

async fn store() -> (Arc<plenum_store::SqlStore>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    store.migrate().await.unwrap();
    (Arc::new(store), dir)
}

async fn add_user(store: &plenum_store::SqlStore, name: &str) {
    let new = NewUser { username: name.into(), display_name: name.into(), password_hash: "h".into() };
    store.create_user(&Actor::system("test"), new).await.unwrap();
}

fn username(c: &Committed) -> &str {
    match &c.change {
        Change::AccountCreated(a) => &a.username,
        other => panic!("an account, not {other:?}"),
    }
}

fn settings() -> RelaySettings {
    // Long polls, so only nudges and retries make the relay read in these tests.
    RelaySettings { batch: 2, poll: Duration::from_secs(600), retry: Duration::from_millis(50) }
}

async fn recv(rx: &mut broadcast::Receiver<Committed>) -> Committed {
    tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.expect("a change in time").unwrap()
}

#[tokio::test]
async fn the_relay_passes_on_what_was_committed_after_its_cursor_in_order() {
    let (store, _dir) = store().await;
    add_user(&store, "truoc").await;
    let (head, _) = store.history_head().await.unwrap();
    let (tx, mut rx) = broadcast::channel(16);
    let mut relay = CursorRelay::new(store.clone(), head, tx, settings());
    assert_eq!(relay.catch_up().await.unwrap(), 0, "nothing after the head");

    for name in ["mot", "hai", "ba"] {
        add_user(&store, name).await;
    }
    // More than one batch: it reads on until it has everything.
    assert_eq!(relay.catch_up().await.unwrap(), 3);
    let got: Vec<(i64, String)> = [recv(&mut rx).await, recv(&mut rx).await, recv(&mut rx).await]
        .iter()
        .map(|c| (c.seq, username(c).to_string()))
        .collect();
    assert_eq!(got, [(head + 1, "mot".into()), (head + 2, "hai".into()), (head + 3, "ba".into())]);
    assert_eq!(relay.cursor(), head + 3);
}

#[tokio::test]
async fn an_entry_that_does_not_decode_is_skipped_and_the_next_one_delivered() {
    let (store, _dir) = store().await;
    let (tx, mut rx) = broadcast::channel(16);
    let mut relay = CursorRelay::new(store.clone(), 0, tx, settings());
    store
        .execute_raw(
            "INSERT INTO audit_log (seq, at, actor, action, payload, prev_hash, hash) \
             VALUES (1, 0, 'x', 'ballot.cast', '{\"org_id\":null,\"plenum_id\":null,\"data\":{}}', 'p', 'h')",
        )
        .await
        .unwrap();
    store.execute_raw("UPDATE audit_head SET seq = 1 WHERE id = 1").await.unwrap();
    add_user(&store, "sau").await;
    assert_eq!(relay.catch_up().await.unwrap(), 1);
    let c = recv(&mut rx).await;
    assert_eq!((c.seq, username(&c)), (2, "sau"));
}

/// A history whose reads fail while `down` is set, as over a lost connection.
struct Flaky {
    inner: Arc<plenum_store::SqlStore>,
    down: AtomicBool,
}

#[async_trait]
impl History for Flaky {
    async fn history(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        if self.down.load(Ordering::SeqCst) {
            return Err(StoreError::Backend("connection lost".into()));
        }
        self.inner.history(after, limit).await
    }
    async fn history_head(&self) -> StoreResult<(i64, String)> {
        self.inner.history_head().await
    }
    fn subscribe(&self) -> broadcast::Receiver<plenum_store::change::Committed> {
        self.inner.subscribe()
    }
}

#[tokio::test]
async fn after_a_lost_connection_the_relay_reads_what_it_missed() {
    let (store, _dir) = store().await;
    let flaky = Arc::new(Flaky { inner: store.clone(), down: AtomicBool::new(false) });
    let (tx, mut rx) = broadcast::channel(16);
    let nudge = Arc::new(Notify::new());
    // Committed before the relay starts, so its first read finds it and no
    // nudge is left over: a read already under way when the history goes down
    // could otherwise see "hai" and make this test pass or fail by timing.
    add_user(&store, "mot").await;
    let task = tokio::spawn(CursorRelay::new(flaky.clone(), 0, tx, settings()).run(nudge.clone()));
    assert_eq!(username(&recv(&mut rx).await), "mot");

    // Down: the nudges for these changes find no connection.
    flaky.down.store(true, Ordering::SeqCst);
    add_user(&store, "hai").await;
    nudge.notify_one();
    add_user(&store, "ba").await;
    nudge.notify_one();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(rx.is_empty(), "nothing while the history cannot be read");

    // Back: without another nudge, the retry reads both, in order.
    flaky.down.store(false, Ordering::SeqCst);
    assert_eq!(username(&recv(&mut rx).await), "hai");
    assert_eq!(username(&recv(&mut rx).await), "ba");
    task.abort();
}
