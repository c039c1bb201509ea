//! Every entry the store writes to the history decodes into a typed change:
//! an action the store emits without a `Change` variant (and so without an
//! audience) fails here, because undecodable entries are never delivered.

use crate::common;
use std::collections::BTreeSet;

use plenum_store::change::{Change, Committed};
use plenum_store::Store;

/// Decode the whole history but the entries in `forged`, which must not
/// decode; returns the actions seen.
async fn decode_all(store: &dyn Store, forged: &[i64]) -> BTreeSet<&'static str> {
    let mut seen = BTreeSet::new();
    let mut after = 0;
    loop {
        let page = store.history(after, 500).await.unwrap();
        let Some(last) = page.last() else { break };
        after = last.seq;
        for e in &page {
            if forged.contains(&e.seq) {
                assert!(Committed::from_entry(e).is_err(), "a forged entry is never delivered");
                continue;
            }
            let c = Committed::from_entry(e).unwrap_or_else(|err| panic!("entry {} ({}): {err}", e.seq, e.action));
            let json = c.public_json();
            let read = c.history_public_json();
            for (change, label) in [(Some(&c.change), "after"), (c.before.as_ref(), "before")] {
                if let Some(Change::AttendanceChanged(a)) = change {
                    for out in [&json, &read] {
                        assert!(
                            a.reason.is_empty() || !out.contains(&a.reason),
                            "the reason {label} stays inside: {out}"
                        );
                    }
                }
            }
            assert!(!json.contains("\"before\""), "live events carry no row before an edit: {json}");
            for out in [&json, &read] {
                assert!(!out.contains("password") && !out.contains("checkin_code") && !out.contains("link_hash"));
            }
            let again = Change::decode(c.change.action(), c.change.data()).expect("its own data decodes");
            assert_eq!(again, c.change, "the store can commit a change as action() and data()");
            seen.insert(c.change.action());
        }
    }
    seen
}

#[tokio::test]
async fn every_entry_of_the_demo_and_the_conformance_stories_decodes() {
    let mut seen = BTreeSet::new();
    let (demo, _d) = common::sqlite_store().await;
    plenum_web::demo::load(demo.as_ref()).await.unwrap();
    let plenum = demo.plenums().await.unwrap()[0].id;
    let one = plenum_store::input::NewDelegate {
        plenum_id: plenum,
        member_id: None,
        user_id: None,
        full_name: "Khách mời bổ sung".into(),
        title: String::new(),
        unit: String::new(),
        kind: "guest".into(),
        group_id: None,
        checkin_code: "0123456789abcdef0123456789abcdef".into(),
    };
    demo.add_delegate(&plenum_store::Actor::system("test"), one).await.unwrap();
    seen.extend(decode_all(demo.as_ref(), &[]).await);

    let (story, _s) = common::sqlite_store().await;
    plenum_store::conformance::run(story.as_ref()).await;
    // The story ends by forging entry 7's payload to break the chain.
    seen.extend(decode_all(story.as_ref(), &[7]).await);
    let stores: Vec<_> = futures_util::future::join_all((0..5).map(|_| common::sqlite_store())).await;
    plenum_store::conformance::conduct::run(stores[0].0.as_ref()).await;
    plenum_store::conformance::documents::run(stores[1].0.as_ref()).await;
    plenum_store::conformance::desk::run(stores[2].0.as_ref()).await;
    plenum_store::conformance::delegates::run(stores[3].0.as_ref()).await;
    plenum_store::conformance::screens::run(stores[4].0.as_ref()).await;
    for (store, _dir) in &stores {
        seen.extend(decode_all(store.as_ref(), &[]).await);
    }
    // The stories reach the changes of every stage, accounts included.
    for action in [
        "user.created",
        "role.granted",
        "login.started",
        "login.ended",
        "attendance.changed",
        "speaker.stopped",
        "screen_link.revoked",
    ] {
        assert!(seen.contains(action), "{action} in {seen:?}");
    }
}

#[test]
fn an_unknown_action_does_not_decode() {
    assert!(Change::decode("ballot.cast", serde_json::json!({"ballot": 1})).is_err());
    assert!(Change::decode("attendance.changed", serde_json::json!({"delegate_id": 1})).is_err(), "fields missing");
}

#[test]
fn sign_ins_recorded_under_their_old_names_still_decode_under_the_new_ones() {
    let started = Change::decode(
        "session.started",
        serde_json::json!({"session_id": 1, "user_id": 2, "kind": "web", "label": ""}),
    )
    .unwrap();
    assert_eq!(started.action(), "login.started");
    let ended = Change::decode("session.ended", serde_json::json!({"session_id": 1, "user_id": 2})).unwrap();
    assert_eq!(ended.action(), "login.ended");
    let meeting = Change::decode(
        "session.created",
        serde_json::json!({"id": 1, "plenum_id": 1, "kind": "plenary",
        "group_id": null, "title": "Hội trường", "current_item_id": null, "status": "open", "speaking_seconds": 300,
        "version": 1}),
    );
    assert_eq!(meeting.unwrap().action(), "session.created");
}
