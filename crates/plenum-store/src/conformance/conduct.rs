//! The conformance story, part: conduct. The floor: a meeting session's
//! speaker list, taken through a sitting by two consoles at once.

use std::time::Duration;

use plenum_core::access::Permission;
use plenum_core::conduct::speakers::spoken_seconds;

use super::field_codes;
use crate::input::*;
use crate::{Actor, MeetingSession, Store, StoreError};

/// The list as (delegate, status) pairs, in the store's order.
async fn list(store: &dyn Store, session: i64) -> Vec<(i64, String)> {
    store
        .speaker_entries(session)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.delegate_id, e.status.as_str().to_string()))
        .collect()
}

async fn version(store: &dyn Store, session: i64) -> i64 {
    store.meeting_session(session).await.unwrap().version
}

fn conflict(r: Result<impl std::fmt::Debug, StoreError>) -> &'static str {
    match r {
        Err(StoreError::Conflict(c)) => c.code(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let chair = Actor::system("conformance-chair");
    let other_console = Actor::system("conformance-second-console");

    // A plenum with two items, one group and four delegates.
    let (committee, plenum) = super::eleventh_plenum(store, &chair).await;
    let mut items = Vec::new();
    for ordinal in 1..=2 {
        let item = NewAgendaItem {
            plenum_id: plenum.id,
            ordinal,
            title: format!("Nội dung {ordinal}"),
            kind: "draft".into(),
            presenter: String::new(),
        };
        items.push(store.add_agenda_item(&chair, item).await.unwrap().id);
    }
    let mut members = Vec::new();
    for i in 1..=4 {
        let m = NewMember {
            committee_id: committee.id,
            full_name: format!("Đại biểu {i}"),
            title: String::new(),
            unit: String::new(),
            standing: false,
            user_id: None,
        };
        members.push(store.add_member(&chair, m).await.unwrap().id);
    }
    let new_delegates = (0..4)
        .map(|i| NewDelegate {
            plenum_id: plenum.id,
            member_id: Some(members[i]),
            user_id: None,
            full_name: format!("Đại biểu {}", i + 1),
            title: String::new(),
            unit: String::new(),
            kind: "member".into(),
            group_id: None,
            checkin_code: crate::demo::new_checkin_code(),
        })
        .collect();
    let d: Vec<i64> =
        store.import_delegates(&chair, plenum.id, new_delegates).await.unwrap().iter().map(|x| x.id).collect();
    let group = store
        .create_group(
            &chair,
            NewGroup {
                plenum_id: plenum.id,
                name: "Tổ 1".into(),
                leader_member_id: Some(members[0]),
                secretary_member_id: Some(members[1]),
                member_ids: members.clone(),
            },
        )
        .await
        .unwrap();

    // Sessions: the kind must match the group; speaking time 30 s – 1 h.
    let bad = store
        .create_meeting_session(
            &chair,
            NewMeetingSession {
                plenum_id: plenum.id,
                kind: "group".into(),
                group_id: None,
                title: " ".into(),
                speaking_seconds: 10,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        field_codes(&bad),
        vec![
            ("title".into(), "required"),
            ("group_id".into(), "group-mismatch"),
            ("speaking_seconds".into(), "speaking-time")
        ]
    );
    let group_session = store
        .create_meeting_session(
            &chair,
            NewMeetingSession {
                plenum_id: plenum.id,
                kind: "group".into(),
                group_id: Some(group.id),
                title: "Thảo luận Tổ 1".into(),
                speaking_seconds: 420,
            },
        )
        .await
        .unwrap();
    let hall = store
        .create_meeting_session(
            &chair,
            NewMeetingSession {
                plenum_id: plenum.id,
                kind: "plenary".into(),
                group_id: None,
                title: "Thảo luận tại Hội trường".into(),
                speaking_seconds: 300,
            },
        )
        .await
        .unwrap();
    assert_eq!((hall.status.as_str(), hall.version, hall.current_item_id), ("planned", 1, None));
    assert_eq!(
        store.meeting_sessions(plenum.id).await.unwrap().iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![group_session.id, hall.id]
    );

    // Delegates join the list before the session opens; it keeps their order.
    let mut live = store.subscribe();
    let subscribed_at = store.history_head().await.unwrap().0;
    let ask = |delegate_id: i64, kind: &str| NewSpeakerEntry {
        session_id: hall.id,
        item_id: items[0],
        delegate_id,
        kind: kind.into(),
    };
    let first = store.request_floor(&chair, ask(d[0], "speak")).await.unwrap();
    assert_eq!(
        (first.status.as_str(), first.allotted_seconds),
        ("waiting", 300),
        "the session's default speaking time"
    );
    store.request_floor(&chair, ask(d[1], "speak")).await.unwrap();
    let written = store.request_floor(&chair, ask(d[2], "written")).await.unwrap();
    let fourth = store.request_floor(&chair, ask(d[3], "speak")).await.unwrap();
    assert_eq!(conflict(store.request_floor(&chair, ask(d[0], "speak")).await), "already-requested");
    let bad_kind = store.request_floor(&chair, ask(d[0], "sing")).await.unwrap_err();
    assert_eq!(field_codes(&bad_kind), vec![("kind".into(), "invalid-choice")]);
    let waiting = |ids: &[i64]| ids.iter().map(|i| (*i, "waiting".to_string())).collect::<Vec<_>>();
    assert_eq!(list(store, hall.id).await, waiting(&[d[0], d[1], d[2], d[3]]), "in order of asking");
    assert_eq!(version(store, hall.id).await, 5, "each request bumped the version; refused ones did not");
    // On PostgreSQL, notifications of changes committed just before subscribing
    // may still be in flight; skip those (they are older than the subscription).
    let ev = super::next_event(&mut live, subscribed_at).await;
    assert_eq!((ev.action.as_str(), ev.plenum_id), ("speaker.requested", Some(plenum.id)));

    // No floor before the session opens.
    assert_eq!(conflict(store.give_floor(&chair, hall.id, 5, first.id).await), "session-not-open");
    assert_eq!(version(store, hall.id).await, 5, "a refused change leaves the version");

    // Open the session on item 1; a second console still holding version 5 is refused.
    let open = SessionChange { status: Some("open".into()), current_item_id: Some(items[0]), speaking_seconds: None };
    let opened = store.update_meeting_session(&chair, hall.id, 5, open).await.unwrap();
    assert_eq!((opened.status.as_str(), opened.current_item_id, opened.version), ("open", Some(items[0]), 6));
    let late = SessionChange { current_item_id: Some(items[1]), speaking_seconds: Some(600), status: None };
    assert_eq!(conflict(store.update_meeting_session(&other_console, hall.id, 5, late).await), "stale");
    assert_eq!(store.meeting_session(hall.id).await.unwrap(), opened, "the stale change altered nothing");
    let committed = loop {
        let c = tokio::time::timeout(Duration::from_secs(5), live.recv()).await.expect("event arrives").unwrap();
        if c.change.action() == "session.changed" {
            break c;
        }
    };
    assert_eq!(
        committed.audience().permission,
        Permission::ViewPlenum,
        "every viewer of the plenum follows the session live"
    );
    let bad_time = store
        .update_meeting_session(
            &chair,
            hall.id,
            6,
            SessionChange { speaking_seconds: Some(3601), ..Default::default() },
        )
        .await
        .unwrap_err();
    assert_eq!(field_codes(&bad_time), vec![("speaking_seconds".into(), "speaking-time")]);

    // Reorder: the fourth goes first. The same move from a stale console changes nothing.
    store.reorder_speaker(&chair, hall.id, 6, fourth.id, 0).await.unwrap();
    assert_eq!(list(store, hall.id).await, waiting(&[d[3], d[0], d[1], d[2]]));
    assert_eq!(conflict(store.reorder_speaker(&other_console, hall.id, 6, written.id, 0).await), "stale");
    assert_eq!(list(store, hall.id).await, waiting(&[d[3], d[0], d[1], d[2]]), "stale reorder left the order");
    store.reorder_speaker(&chair, hall.id, 7, first.id, 99).await.unwrap();
    assert_eq!(list(store, hall.id).await, waiting(&[d[3], d[1], d[2], d[0]]), "past the end means last");
    let v = version(store, hall.id).await;

    // Give the floor; nobody else gets it until the speaker is stopped.
    let speaking = store.give_floor(&chair, hall.id, v, fourth.id).await.unwrap();
    assert_eq!(speaking.status.as_str(), "speaking");
    assert!(speaking.started_at.is_some());
    let v = v + 1;
    assert_eq!(conflict(store.give_floor(&chair, hall.id, v, first.id).await), "someone-speaking");
    assert_eq!(list(store, hall.id).await[0], (d[3], "speaking".to_string()));
    assert_eq!(list(store, hall.id).await[3], (d[0], "waiting".to_string()), "the refused one still waits");
    assert_eq!(
        conflict(
            store
                .update_meeting_session(
                    &chair,
                    hall.id,
                    v,
                    SessionChange { status: Some("closed".into()), ..Default::default() }
                )
                .await
        ),
        "someone-speaking",
        "a session cannot close over an unfinished speech"
    );

    // The speaker's time can be changed while they speak; out of range is refused.
    let longer = store.set_allotted(&chair, hall.id, v, fourth.id, 600).await.unwrap();
    assert_eq!(longer.allotted_seconds, 600);
    let v = v + 1;
    edit_keeps_the_row_before(store, 600).await;
    let bad = store.set_allotted(&chair, hall.id, v, fourth.id, 20).await.unwrap_err();
    assert_eq!(field_codes(&bad), vec![("allotted_seconds".into(), "speaking-time")]);
    assert_eq!(conflict(store.set_allotted(&other_console, hall.id, v - 1, fourth.id, 900).await), "stale");
    assert_eq!(store.speaker_entry(fourth.id).await.unwrap().allotted_seconds, 600);

    // Stop: the speech is recorded with the seconds actually spoken.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let speech = store.stop_speaker(&chair, hall.id, v, fourth.id).await.unwrap();
    let v = v + 1;
    let done = store.speaker_entry(fourth.id).await.unwrap();
    assert_eq!(done.status.as_str(), "done");
    let seconds = speech.seconds.expect("a timed speech");
    assert_eq!(
        seconds,
        spoken_seconds(done.started_at.unwrap(), done.ended_at.unwrap()),
        "from the recorded start and end"
    );
    assert!(seconds >= 1, "at least the 0.6 s waited, rounded");
    assert_eq!(
        (speech.delegate_id, speech.item_id, speech.session_id, speech.speaker_entry_id),
        (d[3], items[0], hall.id, Some(fourth.id))
    );
    assert_eq!(store.speeches(plenum.id).await.unwrap(), vec![speech.clone()]);
    assert_eq!(conflict(store.stop_speaker(&chair, hall.id, v, fourth.id).await), "not-speaking");
    assert_eq!(store.speeches(plenum.id).await.unwrap().len(), 1, "stopping twice records nothing more");

    // Two consoles race: both read version v; the first gives the floor, the second's withdraw is refused.
    let second = store.speaker_entries(hall.id).await.unwrap().into_iter().find(|e| e.delegate_id == d[1]).unwrap();
    store.give_floor(&chair, hall.id, v, second.id).await.unwrap();
    assert_eq!(conflict(store.withdraw_speaker(&other_console, hall.id, v, second.id).await), "stale");
    assert_eq!(
        store.speaker_entry(second.id).await.unwrap().status.as_str(),
        "speaking",
        "the second console overwrote nothing"
    );
    let v = v + 1;

    // Written opinions are never given the floor; withdrawing works once.
    store.stop_speaker(&chair, hall.id, v, second.id).await.unwrap();
    let v = v + 1;
    assert_eq!(conflict(store.give_floor(&chair, hall.id, v, written.id).await), "not-waiting");
    store.withdraw_speaker(&chair, hall.id, v, written.id).await.unwrap();
    let v = v + 1;
    assert_eq!(conflict(store.withdraw_speaker(&chair, hall.id, v, written.id).await), "not-waiting");
    assert_eq!(
        list(store, hall.id).await,
        vec![(d[0], "waiting".into()), (d[3], "done".into()), (d[1], "done".into()), (d[2], "withdrawn".into())],
        "waiting first, then the rest in order"
    );
    let other_session = store.speaker_entries(group_session.id).await.unwrap();
    assert!(other_session.is_empty(), "lists are per session");
    assert_eq!(
        store.give_floor(&chair, group_session.id, 1, first.id).await.unwrap_err().to_string(),
        "conflict: session-not-open"
    );

    // Closing: the list is frozen and asking to speak is refused without a trace.
    let closed: MeetingSession = store
        .update_meeting_session(
            &chair,
            hall.id,
            v,
            SessionChange { status: Some("closed".into()), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(conflict(store.request_floor(&chair, ask(d[2], "speak")).await), "session-closed");
    assert_eq!(store.meeting_session(hall.id).await.unwrap(), closed, "a refused request changes nothing");
    assert_eq!(store.speaker_entries(hall.id).await.unwrap().len(), 4);

    // Every accepted change is in the history, none of the refused ones.
    let actions: Vec<String> = store
        .history(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("speaker."))
        .collect();
    let count = |a: &str| actions.iter().filter(|x| *x == a).count();
    assert_eq!(
        (
            count("speaker.requested"),
            count("speaker.reordered"),
            count("speaker.started"),
            count("speaker.stopped"),
            count("speaker.withdrawn"),
            count("speaker.time_changed")
        ),
        (4, 2, 2, 2, 1, 1)
    );
    assert!(crate::verify_history(store).await.unwrap().is_ok());
}

/// The last entry, an edit of a speaker's time, records the row before it
/// for the history (never on the live event) and the chain still verifies.
async fn edit_keeps_the_row_before(store: &dyn Store, seconds: i64) {
    use crate::change::{Change, Committed};
    let (head, _) = store.history_head().await.unwrap();
    let last = store.history(head - 1, 1).await.unwrap().remove(0);
    let c = Committed::from_entry(&last).unwrap();
    match (&c.before, &c.change) {
        (Some(Change::SpeakerTimeChanged(was)), Change::SpeakerTimeChanged(now)) => {
            assert_eq!(now.entry.allotted_seconds, seconds);
            assert_ne!(was.entry.allotted_seconds, seconds, "the time as it was");
            assert_eq!(was.entry.id, now.entry.id);
        }
        other => panic!("an edit with its row before: {other:?}"),
    }
    assert!(!c.public_json().contains("\"before\""), "live events carry the new row only");
    assert!(c.history_public_json().contains("\"before\""), "history readers see what it was");
    assert!(crate::verify_history(store).await.unwrap().is_ok(), "entries with a row before verify");
}
