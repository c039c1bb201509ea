//! The load tool end to end, small: every event reaches every subscriber, on
//! the baseline (a child process, as in a real run) and on Plenum itself
//! (served in-process over the demo, so no release build is needed).
//! Nothing here asserts a duration.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use plenum_load::fanout::{self, Executables, Options, Running, Target};
use plenum_load::trigger::PlenumTrigger;
use plenum_store::Store;

fn small() -> Options {
    Options {
        n: 20,
        events: 3,
        gap: Duration::from_millis(10),
        settle: Duration::from_millis(100),
        ..Options::default()
    }
}

#[tokio::test]
async fn every_event_reaches_every_baseline_subscriber() {
    let exes = Executables { load: PathBuf::from(env!("CARGO_BIN_EXE_plenum-load")), plenum: PathBuf::from("unused") };
    let m = fanout::run(Target::Baseline, &exes, &small()).await.unwrap();
    assert_eq!((m.connected, m.failed, m.dropped), (20, 0, 0));
    assert_eq!((m.delivered, m.expected, m.latency.count), (60, 60, 60));
    assert!(m.rss_before_kib > 0 && m.rss_connected_kib > 0);
    let row = fanout::detail_row(&m);
    assert!(row.starts_with("| baseline | 20 | 20 |") && row.contains("| 100.00% |"), "{row}");
}

/// Plenum over the demo on a fresh SQLite folder, served in-process through
/// the same start-up as `plenum serve --demo`.
async fn demo_plenum() -> (tempfile::TempDir, Arc<dyn Store>, Running) {
    use plenum_web::launch::{Application, Launch};
    plenum_web::launch::init_test_logging();
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("plenum.sqlite3").display());
    // The load tool opens every subscriber's stream as one account from one
    // address; lift the per-account and per-address stream bounds for it.
    let web = plenum_web::WebConfig {
        max_streams_per_account: usize::MAX,
        max_streams_per_address: usize::MAX,
        ..plenum_web::WebConfig::default()
    };
    let launch = Launch { database_url, demo: true, web, rules: Default::default(), poll_key: Default::default() };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = Application::build(&launch, listener).await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    let store = app.store();
    tokio::spawn(app.run_until(std::future::pending()));
    (dir, store, Running { target: Target::Plenum, base, pid: std::process::id() })
}

#[tokio::test]
async fn every_agenda_item_reaches_every_delegate_of_the_plenum() {
    let (_dir, store, running) = demo_plenum().await;
    // Two accounts: the demo delegate and one the tool creates, so both paths run.
    let opts = Options { accounts: 2, trigger: PlenumTrigger::AgendaItem, ..small() };
    let m = fanout::measure(&running, &opts).await.unwrap();
    assert_eq!((m.connected, m.failed, m.dropped), (20, 0, 0));
    assert_eq!((m.delivered, m.expected), (60, 60));
    // The warm-up and the three measured items were really committed.
    let plenum = store.plenums().await.unwrap()[0].id;
    let titles: Vec<String> = store.agenda_items(plenum).await.unwrap().into_iter().map(|i| i.title).collect();
    for k in 0..=3 {
        assert!(titles.contains(&format!("Bench item {k}")), "{titles:?}");
    }
}

#[tokio::test]
async fn every_click_of_the_chair_on_the_speaker_list_reaches_every_delegate() {
    let (_dir, store, running) = demo_plenum().await;
    // Warm-up plus four clicks: give the floor, stop, give, stop, give.
    let opts = Options { events: 4, trigger: PlenumTrigger::SpeakerList, ..small() };
    assert_eq!(Options::default().trigger, PlenumTrigger::SpeakerList);
    let m = fanout::measure(&running, &opts).await.unwrap();
    assert_eq!((m.connected, m.failed, m.dropped), (20, 0, 0));
    assert_eq!((m.delivered, m.expected, m.latency.count), (80, 80, 80));
    // Two delegates spoke and their speeches were recorded; a third has the floor.
    let plenum = store.plenums().await.unwrap()[0].id;
    let plenary =
        store.meeting_sessions(plenum).await.unwrap().into_iter().find(|s| s.kind.as_str() == "plenary").unwrap();
    let entries = store.speaker_entries(plenary.id).await.unwrap();
    let count = |status: &str| entries.iter().filter(|e| e.status.as_str() == status).count();
    assert_eq!((count("done"), count("speaking")), (2, 1), "{entries:?}");
    let mut delegates: Vec<i64> = entries.iter().map(|e| e.delegate_id).collect();
    delegates.sort_unstable();
    delegates.dedup();
    assert_eq!(delegates.len(), entries.len(), "one request per delegate");
}
