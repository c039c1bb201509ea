//! The conformance story, part: checks inside the write. A write's checks
//! run in its own transaction, against rows it has locked there, so a change
//! that lands between the check and the write cannot slip past it.

use super::field_codes;
use crate::input::*;
use crate::{Actor, Store, StoreError};

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let secretary = Actor::system("conformance-secretary");
    let (_, plenum) = super::eleventh_plenum(store, &secretary).await;
    let item = NewAgendaItem {
        plenum_id: plenum.id,
        ordinal: 1,
        title: "Báo cáo chính trị".into(),
        kind: "report".into(),
        presenter: String::new(),
    };
    let item = store.add_agenda_item(&secretary, item).await.unwrap();
    let delegate = NewDelegate {
        plenum_id: plenum.id,
        member_id: None,
        user_id: None,
        full_name: "Đại biểu 1".into(),
        title: String::new(),
        unit: String::new(),
        kind: "member".into(),
        group_id: None,
        checkin_code: crate::demo::new_checkin_code(),
    };
    let delegate = store.add_delegate(&secretary, delegate).await.unwrap();
    let hall = NewMeetingSession {
        plenum_id: plenum.id,
        kind: "plenary".into(),
        group_id: None,
        title: "Hội trường".into(),
        speaking_seconds: 300,
    };
    let hall = store.create_meeting_session(&secretary, hall).await.unwrap();

    // Two opinions on one speech race a removal of that speech, several times
    // over so that each order of the three gets its chance.
    let mut removed_first = 0;
    let mut filed_first = 0;
    for round in 0..8 {
        let speech = NewSpeech {
            session_id: hall.id,
            delegate_id: delegate.id,
            item_id: item.id,
            speaker_entry_id: None,
            seconds: Some(60),
        };
        let speech = store.record_speech(&secretary, speech).await.unwrap();
        let opinion = |n: usize| NewOpinion {
            speech_id: Some(speech.id),
            delegate_id: delegate.id,
            item_id: item.id,
            passage_anchor: None,
            stance: "agree".into(),
            text: format!("Ý kiến {n} của lượt {round}"),
        };
        let remove = format!("DELETE FROM speeches WHERE id = {}", speech.id);
        let (a, b, removed) = tokio::join!(
            store.add_opinion(&secretary, opinion(1)),
            store.add_opinion(&secretary, opinion(2)),
            store.execute_raw(&remove),
        );
        let removed = matches!(removed, Ok(1));
        for r in [a, b] {
            match r {
                Ok(o) => assert!(!removed, "round {round}: opinion {} filed against a removed speech", o.id),
                Err(e @ StoreError::Invalid(_)) => {
                    assert_eq!(field_codes(&e), vec![("speech_id".into(), "not-found")], "round {round}")
                }
                Err(other) => panic!("round {round}: an opinion failed otherwise: {other:?}"),
            }
        }
        if removed {
            removed_first += 1;
        } else {
            filed_first += 1;
        }
    }
    // Whatever the order, no opinion points at a speech that is gone.
    let speeches: Vec<i64> = store.speeches(plenum.id).await.unwrap().iter().map(|s| s.id).collect();
    for o in store.opinions(plenum.id).await.unwrap() {
        let sid = o.speech_id.expect("every opinion here was spoken");
        assert!(speeches.contains(&sid), "opinion {} cites the missing speech {sid}", o.id);
    }
    assert_eq!(removed_first + filed_first, 8);
}
