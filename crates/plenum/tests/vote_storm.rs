//! The server is killed (SIGKILL) while 2,000 members vote at once, then
//! started again on the same database: every vote it acknowledged is
//! counted, nobody is counted twice, and those whose vote was cut off can
//! vote now (or are told they already did). On SQLite and on PostgreSQL;
//! PostgreSQL must be reachable (`PLENUM_TEST_POSTGRES`), else the test fails.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::stream::{self, StreamExt};
use plenum_load::server::ServerUnderTest;
use plenum_load::votes::{self, Answer, Seeded};
use plenum_store::{Casting, Polls, SqlStore};

const VOTERS: usize = 2_000;
/// Requests in flight at once, as from a hall of tablets.
const CONCURRENCY: usize = 256;
/// The server is killed once this many votes were acknowledged.
const KILL_AFTER: usize = 300;

fn postgres_base() -> String {
    std::env::var("PLENUM_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn plenum_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_plenum"))
}

/// A fresh database: the data folder's SQLite file, or a scratch PostgreSQL database.
struct Database {
    store: SqlStore,
    url: Option<String>,
    _scratch: Option<plenum_store_postgres::ScratchDatabase>,
}

async fn database(postgres: bool, data: &Path) -> Database {
    if postgres {
        let db = plenum_store_postgres::ScratchDatabase::create(&postgres_base())
            .await
            .expect("PostgreSQL must be reachable (PLENUM_TEST_POSTGRES)");
        let store = plenum_store_postgres::PostgresStore::connect(db.url()).await.unwrap();
        store.migrate().await.unwrap();
        Database { store, url: Some(db.url().to_string()), _scratch: Some(db) }
    } else {
        let store = plenum_store_sqlite::SqliteStore::open_dir(data).await.unwrap();
        store.migrate().await.unwrap();
        Database { store, url: None, _scratch: None }
    }
}

/// Every voter votes once, all at once; the server is killed after
/// [`KILL_AFTER`] acknowledgements. Each voter's answer, in voter order.
async fn storm_and_kill(server: ServerUnderTest, seeded: &Seeded, poll: i64, secret: bool) -> Vec<Answer> {
    let client = votes::client(CONCURRENCY);
    let base = server.base.clone();
    let acknowledged = AtomicUsize::new(0);
    let storm = stream::iter(seeded.voters.iter().enumerate())
        .map(|(i, v)| {
            let (client, base, acknowledged) = (&client, &base, &acknowledged);
            async move {
                let a = votes::vote(client, base, poll, v, secret).await;
                if matches!(a, Answer::Recorded(_)) {
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                }
                (i, a)
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect::<Vec<_>>();
    let kill = async {
        while acknowledged.load(Ordering::SeqCst) < KILL_AFTER {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        // `stop` sends SIGKILL: no shutdown, no flush.
        server.stop().await;
    };
    let (mut answers, ()) = tokio::join!(storm, kill);
    answers.sort_by_key(|(i, _)| *i);
    answers.into_iter().map(|(_, a)| a).collect()
}

struct AfterKill {
    seeded: Seeded,
    poll: i64,
    answers: Vec<Answer>,
    store: SqlStore,
    server: ServerUnderTest,
    _dir: tempfile::TempDir,
    _db: Database,
}

async fn kill_during_storm(postgres: bool, secret: bool) -> AfterKill {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = database(postgres, &data).await;
    let seeded = votes::seed(&db.store, VOTERS).await.unwrap();
    let server = ServerUnderTest::plenum_on(&plenum_bin(), &data, db.url.as_deref()).await.unwrap();
    let client = votes::client(4);
    let poll = votes::open_poll(&client, &server.base, &seeded, secret).await.unwrap();
    let answers = storm_and_kill(server, &seeded, poll, secret).await;

    let acknowledged = answers.iter().filter(|a| matches!(a, Answer::Recorded(_))).count();
    let cut_off = answers.iter().filter(|a| matches!(a, Answer::Failed(_))).count();
    assert!(acknowledged >= KILL_AFTER, "only {acknowledged} votes were acknowledged");
    assert!(cut_off > 0, "the server was killed after the storm ended: nothing was in flight");
    assert_eq!(
        acknowledged + cut_off,
        VOTERS,
        "a first vote was refused: {:?}",
        answers.iter().find(|a| matches!(a, Answer::AlreadyVoted))
    );

    let server = ServerUnderTest::plenum_on(&plenum_bin(), &data, db.url.as_deref()).await.unwrap();
    // Read what survived as the restarted server sees it, straight from the database.
    let store = match &db.url {
        Some(url) => plenum_store_postgres::PostgresStore::connect(url).await.unwrap(),
        None => plenum_store_sqlite::SqliteStore::open_dir(&data).await.unwrap(),
    };
    AfterKill { seeded, poll, answers, store, server, _dir: dir, _db: db }
}

/// Those cut off vote again: each is recorded now, or refused as a second vote.
async fn cut_off_vote_again(k: &AfterKill, secret: bool) -> Vec<Answer> {
    let client = votes::client(CONCURRENCY);
    let again: Vec<_> =
        k.seeded.voters.iter().zip(&k.answers).filter(|(_, a)| matches!(a, Answer::Failed(_))).collect();
    let answers: Vec<Answer> = stream::iter(again)
        .map(|(v, _)| votes::vote(&client, &k.server.base, k.poll, v, secret))
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    for a in &answers {
        assert!(matches!(a, Answer::Recorded(_) | Answer::AlreadyVoted), "a voter cut off could not vote again: {a:?}");
    }
    answers
}

async fn named_votes_survive_a_kill(postgres: bool) {
    let k = kill_during_storm(postgres, false).await;
    let counted = k.store.named_votes(k.poll).await.unwrap();
    let delegates: Vec<i64> = counted.iter().map(|(d, _)| *d).collect();
    let distinct: BTreeSet<i64> = delegates.iter().copied().collect();
    assert_eq!(distinct.len(), delegates.len(), "a member is counted twice");
    for (v, a) in k.seeded.voters.iter().zip(&k.answers) {
        if matches!(a, Answer::Recorded(_)) {
            assert!(distinct.contains(&v.delegate_id), "an acknowledged vote of delegate {} is lost", v.delegate_id);
        }
    }

    cut_off_vote_again(&k, false).await;
    let counted = k.store.named_votes(k.poll).await.unwrap();
    let distinct: BTreeSet<i64> = counted.iter().map(|(d, _)| *d).collect();
    assert_eq!(counted.len(), VOTERS, "every member has exactly one vote once all have voted");
    assert_eq!(distinct.len(), VOTERS);
    assert_eq!(k.store.participation(k.poll).await.unwrap(), VOTERS as i64);
    k.server.stop().await;
}

async fn secret_ballots_survive_a_kill(postgres: bool) {
    let k = kill_during_storm(postgres, true).await;
    let again = cut_off_vote_again(&k, true).await;
    let roll = k.store.roll(k.poll).await.unwrap();
    assert_eq!(roll.iter().collect::<HashSet<_>>().len(), roll.len(), "a member is on the roll twice");
    assert_eq!(roll.len(), VOTERS, "everyone has voted or was told they had");

    // Close the poll as the chair, then hold the receipts against the tally's leaves.
    let client = votes::client(4);
    let url = format!("{}/api/v1/polls/{}", k.server.base, k.poll);
    let poll: serde_json::Value =
        client.get(&url).bearer_auth(&k.seeded.chair_token).send().await.unwrap().json().await.unwrap();
    let r = client
        .post(format!("{url}/close"))
        .bearer_auth(&k.seeded.chair_token)
        .json(&serde_json::json!({ "version": poll["version"] }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "closing: {} {}", r.status(), r.text().await.unwrap());
    let (ballots, leaves) = k.store.tallied(k.poll).await.unwrap();
    let leaves: HashSet<&String> = leaves.iter().collect();
    let receipts: Vec<&String> = k
        .answers
        .iter()
        .chain(&again)
        .filter_map(|a| match a {
            Answer::Recorded(Some(r)) => Some(r),
            _ => None,
        })
        .collect();
    for r in &receipts {
        assert!(leaves.contains(r), "an acknowledged ballot's receipt {r} is not in the tally");
    }
    // A cast cut off between its roll mark and its ballot leaves a mark
    // without a ballot, never a ballot without a mark.
    assert!(ballots.len() <= roll.len(), "{} ballots for {} on the roll", ballots.len(), roll.len());
    assert!(ballots.len() >= receipts.len());
    k.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn named_votes_acknowledged_before_a_kill_are_counted_once_on_sqlite() {
    named_votes_survive_a_kill(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn named_votes_acknowledged_before_a_kill_are_counted_once_on_postgres() {
    named_votes_survive_a_kill(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secret_ballots_acknowledged_before_a_kill_are_in_the_tally_on_sqlite() {
    secret_ballots_survive_a_kill(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secret_ballots_acknowledged_before_a_kill_are_in_the_tally_on_postgres() {
    secret_ballots_survive_a_kill(true).await;
}
