//! The conformance story, part: delegates — an import that is all or
//! nothing, attendance with optimistic versions and per sitting, and one-time
//! sign-in links.

use std::time::Duration;

use plenum_core::conduct::attendance::Attendance;

use crate::demo::new_checkin_code;
use crate::input::*;
use crate::{verify_history, Actor, Conflict, Store, StoreError};

fn guest(plenum_id: i64, name: &str) -> NewDelegate {
    NewDelegate {
        plenum_id,
        member_id: None,
        user_id: None,
        full_name: name.into(),
        title: String::new(),
        unit: "Báo Hà Nội mới".into(),
        kind: "guest".into(),
        group_id: None,
        checkin_code: new_checkin_code(),
    }
}

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let actor = Actor::system("conformance");
    let (committee, plenum) = super::eleventh_plenum(store, &actor).await;
    let mut members = Vec::new();
    for i in 1..=3 {
        let m = NewMember {
            committee_id: committee.id,
            full_name: format!("Ủy viên {i}"),
            title: String::new(),
            unit: "Thành ủy".into(),
            standing: false,
            user_id: None,
        };
        members.push(store.add_member(&actor, m).await.unwrap());
    }
    let before = verify_history(store).await.unwrap().unwrap();

    // An import with one bad row saves nothing, and writes no history.
    let member = |i: usize| NewDelegate {
        member_id: Some(members[i].id),
        full_name: members[i].full_name.clone(),
        kind: "member".into(),
        ..guest(plenum.id, "")
    };
    let mut bad = vec![member(0), member(1), guest(plenum.id, "Khách Một")];
    bad.push(NewDelegate { kind: "observer".into(), ..guest(plenum.id, "Khách Hai") });
    let refused = store.import_delegates(&actor, plenum.id, bad).await.unwrap_err();
    assert!(matches!(&refused, StoreError::Invalid(f) if f.0.iter().any(|e| e.field == "kind")), "{refused:?}");
    // A database rule failing on the last row undoes the rows before it, too.
    let twice = vec![member(0), member(1), member(0)];
    let refused = store.import_delegates(&actor, plenum.id, twice).await.unwrap_err();
    assert!(matches!(refused, StoreError::Conflict(Conflict::AlreadySummoned)), "a member summoned twice: {refused:?}");
    assert!(store.delegates(plenum.id).await.unwrap().is_empty(), "refused imports leave nothing behind");
    assert_eq!(verify_history(store).await.unwrap(), Ok(before), "and no history entry");

    // A good import: everyone, in one history entry.
    let mut live = store.subscribe();
    let added = store
        .import_delegates(
            &actor,
            plenum.id,
            vec![member(0), member(1), member(2), guest(plenum.id, "Nguye\u{302}\u{303}n Khách")],
        )
        .await
        .unwrap();
    assert_eq!(added.len(), 4);
    assert_eq!(added[3].full_name, "Nguyễn Khách", "names are NFC");
    assert!(added.iter().all(|d| d.attendance.as_str() == "expected" && d.version == 1));
    let ev = tokio::time::timeout(Duration::from_secs(5), live.recv())
        .await
        .expect("event")
        .map(crate::Event::from)
        .unwrap();
    assert_eq!(
        (ev.action.as_str(), ev.plenum_id, ev.payload["count"].as_i64()),
        ("delegates.imported", Some(plenum.id), Some(4))
    );
    assert_eq!(verify_history(store).await.unwrap(), Ok(before + 1));
    let listed = store.delegates(plenum.id).await.unwrap();
    assert_eq!(listed.iter().filter(|d| d.kind.as_str() == "member").count(), 3);
    assert_eq!(
        listed.iter().map(|d| d.kind.as_str()).collect::<Vec<_>>(),
        ["member", "member", "member", "guest"],
        "members first"
    );
    let found = store
        .delegate_by_checkin_code(&format!(" {} ", added[2].checkin_code))
        .await
        .unwrap()
        .expect("by check-in code");
    assert_eq!(found.id, added[2].id);
    assert!(store.delegate_by_checkin_code("no-such-code").await.unwrap().is_none());

    // Attendance: the version the page showed, or a clear refusal.
    let d = &added[0];
    let present = store.set_attendance(&actor, d.id, Attendance::Present, "", Some(d.version)).await.unwrap();
    assert_eq!((present.attendance.as_str(), present.version), ("present", 2));
    assert!(present.attendance_at.is_some());
    let stale =
        store.set_attendance(&actor, d.id, Attendance::Absent, "Đi công tác", Some(d.version)).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "a second secretary with the old page: {stale:?}");
    assert_eq!(store.delegate(d.id).await.unwrap().attendance.as_str(), "present", "nothing overwritten");
    let absent =
        store.set_attendance(&actor, d.id, Attendance::Absent, "  Đi công tác ", Some(present.version)).await.unwrap();
    assert_eq!(
        (absent.attendance.as_str(), absent.attendance_reason.as_str(), absent.version),
        ("absent", "Đi công tác", 3)
    );
    let left = store.set_attendance(&actor, d.id, Attendance::Left, "", None).await.unwrap();
    assert_eq!(left.version, 4, "without a version the change is unconditional");
    let long = store.set_attendance(&actor, d.id, Attendance::Absent, &"x".repeat(501), None).await.unwrap_err();
    assert!(matches!(long, StoreError::Invalid(_)), "{long:?}");
    let missing = store.set_attendance(&actor, 999_999, Attendance::Present, "", Some(1)).await.unwrap_err();
    assert!(matches!(missing, StoreError::NotFound), "{missing:?}");

    // A one-time link: stored as a hash, used once.
    let g = &added[3];
    store.set_link_hash(&actor, g.id, Some("hash-of-secret")).await.unwrap();
    let used =
        store.take_link(&Actor::system("one-time-link"), "hash-of-secret").await.unwrap().expect("the link works once");
    assert_eq!(used.id, g.id);
    assert!(store.take_link(&actor, "hash-of-secret").await.unwrap().is_none(), "and never again");
    store.set_link_hash(&actor, g.id, Some("second")).await.unwrap();
    store.set_link_hash(&actor, g.id, None).await.unwrap();
    assert!(store.take_link(&actor, "second").await.unwrap().is_none(), "a withdrawn link does not work");

    // The device signs in as the delegate's account.
    let user = store
        .create_user(
            &actor,
            NewUser {
                username: format!("d{}-{}", plenum.id, g.id),
                display_name: g.full_name.clone(),
                password_hash: "!".into(),
            },
        )
        .await
        .unwrap();
    assert!(store.delegate_for_user(plenum.id, user.id).await.unwrap().is_none());
    store.link_delegate_user(&actor, g.id, user.id).await.unwrap();
    let mine = store.delegate_for_user(plenum.id, user.id).await.unwrap().expect("linked");
    assert_eq!((mine.id, mine.user_id), (g.id, Some(user.id)));

    let entries = store.history(before, 100).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "delegates.imported",
            "attendance.changed",
            "attendance.changed",
            "attendance.changed",
            "delegate.link_issued",
            "delegate.link_used",
            "delegate.link_issued",
            "delegate.link_issued",
            "user.created",
            "delegate.user_linked"
        ]
    );
    assert!(
        !entries.iter().any(|e| e.payload.to_string().contains("hash-of-secret")),
        "the link's hash is not in the history"
    );
    assert!(verify_history(store).await.unwrap().is_ok());

    sittings(store, &actor, plenum.id, &added).await;
}

/// Attendance per sitting: the roll of each sitting is kept, a new sitting
/// starts its own, reopening one brings it back, and pages of the last
/// sitting's roll are refused by the version check.
async fn sittings(store: &dyn Store, actor: &Actor, plenum_id: i64, added: &[crate::Delegate]) {
    let (d, e) = (&added[0], &added[1]);
    assert_eq!(store.current_sitting(plenum_id).await.unwrap(), 1, "the first sitting until another is opened");
    let roll = store.sitting_roll(plenum_id).await.unwrap();
    assert_eq!(
        roll.iter().map(|r| (r.sitting, r.delegate_id, r.attendance.as_str())).collect::<Vec<_>>(),
        [(1, d.id, "left")],
        "the first sitting's roll as it stands"
    );
    let before = verify_history(store).await.unwrap().unwrap();
    let old = store.delegate(e.id).await.unwrap();

    // The afternoon (sitting 2): everyone not yet called.
    store.open_sitting(actor, plenum_id, 2).await.unwrap();
    assert_eq!(store.current_sitting(plenum_id).await.unwrap(), 2);
    let now = store.delegates(plenum_id).await.unwrap();
    assert!(now.iter().all(|x| x.attendance == Attendance::Expected && x.attendance_reason.is_empty()));
    let stale = store.set_attendance(actor, e.id, Attendance::Present, "", Some(old.version)).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "a page of the morning's roll: {stale:?}");
    let fresh = now.iter().find(|x| x.id == e.id).unwrap();
    store.set_attendance(actor, e.id, Attendance::Absent, "Ốm", Some(fresh.version)).await.unwrap();

    // Back to the morning: its roll returns, the afternoon's is kept.
    store.open_sitting(actor, plenum_id, 1).await.unwrap();
    let morning = store.delegate(d.id).await.unwrap();
    assert_eq!(morning.attendance, Attendance::Left);
    assert_eq!(store.delegate(e.id).await.unwrap().attendance, Attendance::Expected);
    let roll = store.sitting_roll(plenum_id).await.unwrap();
    assert_eq!(
        roll.iter()
            .map(|r| (r.sitting, r.delegate_id, r.attendance.as_str(), r.attendance_reason.as_str()))
            .collect::<Vec<_>>(),
        [(1, d.id, "left", ""), (2, e.id, "absent", "Ốm")]
    );

    // The plenum runs two days: four sittings, no fifth.
    for bad in [0, 5, -1] {
        let refused = store.open_sitting(actor, plenum_id, bad).await.unwrap_err();
        assert!(matches!(&refused, StoreError::Invalid(f) if f.0.iter().any(|x| x.field == "sitting")), "{refused:?}");
    }
    assert_eq!(store.current_sitting(plenum_id).await.unwrap(), 1, "a refused sitting changes nothing");

    let entries = store.history(before, 100).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|x| x.action.as_str()).collect();
    assert_eq!(actions, ["sitting.opened", "attendance.changed", "sitting.opened"]);
    let payload: serde_json::Value = serde_json::from_str(&entries[1].payload).unwrap();
    assert_eq!(payload["data"]["sitting"], 2, "the roll entry names its sitting");
    assert!(verify_history(store).await.unwrap().is_ok());
}
