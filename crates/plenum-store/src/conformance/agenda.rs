//! The conformance story, part: the agenda edited. The office edits, moves
//! and removes items, each based on the version it read; an item the record
//! points to stays; the programme's half-days are set and items placed in them.

use plenum_core::prepare::agenda::ItemUse;
use plenum_core::prepare::programme::DayPart;

use crate::change::{Change, Committed};
use crate::documents::{NewDocument, NewVersion};
use crate::input::*;
use crate::{verify_history, Actor, AgendaItem, Conflict, Store, StoreError};

fn codes(e: &StoreError) -> Vec<(String, &'static str)> {
    match e {
        StoreError::Invalid(f) => f.0.iter().map(|x| (x.field.clone(), x.code)).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn edit(i: &AgendaItem) -> ItemChange {
    ItemChange {
        ordinal: i.ordinal,
        title: i.title.clone(),
        kind: i.kind.as_str().into(),
        presenter: i.presenter.clone(),
        slot_id: i.slot_id,
    }
}

/// The agenda as (ordinal, title), in order.
async fn order(store: &dyn Store, plenum_id: i64) -> Vec<(i64, String)> {
    store.agenda_items(plenum_id).await.unwrap().into_iter().map(|i| (i.ordinal, i.title)).collect()
}

/// The change the last history entry records.
async fn last_change(store: &dyn Store) -> Change {
    let (seq, _) = store.history_head().await.unwrap();
    let entry = store.history(seq - 1, 1).await.unwrap().remove(0);
    Committed::from_entry(&entry).unwrap().change
}

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let actor = Actor::system("conformance");
    let (_, plenum) = super::eleventh_plenum(store, &actor).await;
    let mut items = Vec::new();
    for (ordinal, title) in [(1, "Báo cáo kinh tế - xã hội"), (2, "Dự thảo Kế hoạch"), (3, "Công tác cán bộ")]
    {
        let new = NewAgendaItem {
            plenum_id: plenum.id,
            ordinal,
            title: title.into(),
            kind: "report".into(),
            presenter: "Văn phòng".into(),
        };
        items.push(store.add_agenda_item(&actor, new).await.unwrap());
    }
    assert!(items.iter().all(|i| i.version == 1 && i.slot_id.is_none()), "a new item is version 1, unplaced");

    // Edit: based on the version read; the history keeps the item before and after.
    let mut change = edit(&items[1]);
    change.title = "Dự thảo Kế hoa\u{323}ch hành động".into();
    change.kind = "plan".into();
    let edited = store.update_agenda_item(&actor, items[1].id, 1, change.clone()).await.unwrap();
    assert_eq!((edited.version, edited.title.as_str()), (2, "Dự thảo Kế hoạch hành động"), "NFC on the way in");
    match last_change(store).await {
        Change::AgendaItemChanged(c) => assert_eq!((c.before, c.item), (items[1].clone(), edited.clone())),
        other => panic!("expected the edit in the history, got {other:?}"),
    }
    let stale = store.update_agenda_item(&actor, items[1].id, 1, change.clone()).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "an edit based on version 1: {stale:?}");
    let taken = store.update_agenda_item(&actor, items[1].id, 2, ItemChange { ordinal: 3, ..change.clone() }).await;
    assert!(matches!(taken, Err(StoreError::Conflict(Conflict::OrdinalTaken))), "another item's number: {taken:?}");
    let bad = store
        .update_agenda_item(
            &actor,
            items[1].id,
            2,
            ItemChange { ordinal: 0, title: " ".into(), kind: "memo".into(), ..change.clone() },
        )
        .await
        .unwrap_err();
    assert_eq!(
        codes(&bad),
        vec![("ordinal".into(), "out-of-range"), ("title".into(), "required"), ("kind".into(), "invalid-choice")]
    );
    assert_eq!(store.agenda_item(items[1].id).await.unwrap(), edited, "refused edits change nothing");

    // Move: the third item first; the numbers follow the new order.
    let stale = store.move_agenda_item(&actor, items[2].id, 7, 0).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "a move based on an old read: {stale:?}");
    let after = store.move_agenda_item(&actor, items[2].id, 1, 0).await.unwrap();
    let titles: Vec<(i64, &str)> = after.iter().map(|i| (i.ordinal, i.title.as_str())).collect();
    assert_eq!(
        titles,
        vec![(1, "Công tác cán bộ"), (2, "Báo cáo kinh tế - xã hội"), (3, "Dự thảo Kế hoạch hành động")]
    );
    match last_change(store).await {
        Change::AgendaReordered(r) => assert_eq!(r.items.len(), 3, "every renumbered item: {r:?}"),
        other => panic!("expected the move in the history, got {other:?}"),
    }

    // The programme: half-days within the plenum's days, mornings before afternoons.
    let slot = |day: &str, part: &str, starts_at: &str| NewProgrammeSlot {
        plenum_id: plenum.id,
        day: day.into(),
        part: part.into(),
        starts_at: starts_at.into(),
        venue: "hall".into(),
    };
    let afternoon = store.add_programme_slot(&actor, slot("2023-01-05", "afternoon", "14h00")).await.unwrap();
    let morning = store.add_programme_slot(&actor, slot("2023-01-05", "morning", "8:00")).await.unwrap();
    assert_eq!(afternoon.starts_at, "14:00", "the time written the one way");
    let days: Vec<(String, DayPart)> =
        store.programme_slots(plenum.id).await.unwrap().into_iter().map(|s| (s.day, s.part)).collect();
    assert_eq!(days, vec![("2023-01-05".into(), DayPart::Morning), ("2023-01-05".into(), DayPart::Afternoon)]);
    let twice = store.add_programme_slot(&actor, slot("2023-01-05", "morning", "09:00")).await;
    assert!(matches!(twice, Err(StoreError::Conflict(Conflict::SlotTaken))), "one morning a day: {twice:?}");
    let bad = store.add_programme_slot(&actor, slot("2023-01-07", "afternoon", "07:30")).await.unwrap_err();
    assert_eq!(codes(&bad), vec![("day".into(), "outside-plenum"), ("starts_at".into(), "time-outside-part")]);

    // Placing an item in a half-day; a half-day with items stays.
    let first = store.agenda_items(plenum.id).await.unwrap().remove(0);
    let placed = store
        .update_agenda_item(&actor, first.id, first.version, ItemChange { slot_id: Some(morning.id), ..edit(&first) })
        .await
        .unwrap();
    assert_eq!(placed.slot_id, Some(morning.id));
    let nowhere = store
        .update_agenda_item(&actor, first.id, placed.version, ItemChange { slot_id: Some(999_999), ..edit(&placed) })
        .await
        .unwrap_err();
    assert_eq!(codes(&nowhere), vec![("slot_id".into(), "not-found")]);
    let kept = store.remove_programme_slot(&actor, morning.id, morning.version).await;
    assert!(matches!(kept, Err(StoreError::Conflict(Conflict::SlotInUse))), "{kept:?}");
    let stale = store.remove_programme_slot(&actor, afternoon.id, afternoon.version + 1).await;
    assert!(matches!(stale, Err(StoreError::Conflict(Conflict::Stale))), "{stale:?}");
    store.remove_programme_slot(&actor, afternoon.id, afternoon.version).await.unwrap();
    assert_eq!(store.programme_slots(plenum.id).await.unwrap().len(), 1);

    // An item with a document and an opinion stays, and says why.
    let held = store.agenda_items(plenum.id).await.unwrap().remove(1);
    store
        .create_document(
            &actor,
            NewDocument {
                item_id: held.id,
                title: "Báo cáo".into(),
                kind: "report".into(),
                version: NewVersion {
                    filename: "bao-cao.txt".into(),
                    content: "I. KẾT QUẢ\n\n1. Tăng trưởng.\n".as_bytes().to_vec(),
                    ..NewVersion::default()
                },
            },
        )
        .await
        .unwrap();
    let delegate = store
        .add_delegate(
            &actor,
            NewDelegate {
                plenum_id: plenum.id,
                member_id: None,
                user_id: None,
                full_name: "Nguyễn Văn An".into(),
                title: String::new(),
                unit: String::new(),
                kind: "guest".into(),
                group_id: None,
                checkin_code: crate::demo::new_checkin_code(),
            },
        )
        .await
        .unwrap();
    let opinion = NewOpinion {
        speech_id: None,
        delegate_id: delegate.id,
        item_id: held.id,
        passage_anchor: None,
        stance: "agree".into(),
        text: "Nhất trí với báo cáo.".into(),
    };
    store.add_opinion(&actor, opinion).await.unwrap();
    let uses = ItemUse { opinions: 1, documents: 1, ..ItemUse::default() };
    assert_eq!(store.item_use(held.id).await.unwrap(), uses);
    let (head, _) = store.history_head().await.unwrap();
    let refused = store.remove_agenda_item(&actor, held.id, held.version).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(Conflict::ItemInUse(u))) if u == uses),
        "an item with opinions and documents stays: {refused:?}"
    );
    assert_eq!(store.history_head().await.unwrap().0, head, "a refused removal leaves no entry");
    assert_eq!(store.agenda_item(held.id).await.unwrap(), held, "nor any change to the item");

    // A free item goes; the items after it move up.
    let free = store.agenda_items(plenum.id).await.unwrap().remove(0);
    let stale = store.remove_agenda_item(&actor, free.id, free.version - 1).await;
    assert!(matches!(stale, Err(StoreError::Conflict(Conflict::Stale))), "{stale:?}");
    store.remove_agenda_item(&actor, free.id, free.version).await.unwrap();
    assert_eq!(
        order(store, plenum.id).await,
        vec![(1, "Báo cáo kinh tế - xã hội".into()), (2, "Dự thảo Kế hoạch hành động".into())]
    );
    match last_change(store).await {
        Change::AgendaItemRemoved(r) => {
            assert_eq!(r.item.id, free.id);
            assert_eq!(r.renumbered.iter().map(|i| i.ordinal).collect::<Vec<_>>(), vec![1, 2]);
        }
        other => panic!("expected the removal in the history, got {other:?}"),
    }
    assert!(matches!(store.agenda_item(free.id).await, Err(StoreError::NotFound)));
    assert!(verify_history(store).await.unwrap().is_ok(), "the history verifies");
}
