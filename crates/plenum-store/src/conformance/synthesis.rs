//! The conformance story, part: synthesizing the opinions. An item's
//! presenter names a body of the organization; answers are written with
//! optimistic concurrency and reviewed forward only; a taken-in answer names
//! a passage of its own item's draft; groups hold each opinion once; the
//! documents a plenum issues are numbered per committee and kind, one number
//! each. Every step is in the history, which still verifies.

use plenum_core::synthesize::disposition::{DispositionKind, ReviewStatus};
use plenum_core::synthesize::issued::{IssuedKind, IssuedText};

use crate::input::{NewAgendaItem, NewUser};
use crate::synthesize::{GroupDraft, GroupEdit, NewDisposition};
use crate::{verify_history, Actor, Conflict, Store, StoreError};

fn code(e: &StoreError) -> (String, &'static str) {
    match e {
        StoreError::Invalid(f) => (f.0[0].field.clone(), f.0[0].code),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let ids = crate::demo::load(store).await.expect("the demo loads");
    let actor = Actor::system("conformance");
    let plenum = store.plenum(ids.plenum_id).await.unwrap();
    let items = store.agenda_items(plenum.id).await.unwrap();

    // Presenters are bodies of the plenum's organization, one per name.
    let bodies = store.bodies(plenum.org_id).await.unwrap();
    for i in &items {
        let body = bodies.iter().find(|b| Some(b.id) == i.body_id).expect("every item's presenter is a body");
        assert_eq!(body.name, i.presenter);
    }
    let mut names: Vec<&str> = bodies.iter().map(|b| b.name.as_str()).collect();
    names.dedup();
    assert_eq!(names.len(), bodies.len(), "one body per name");
    let new_item = NewAgendaItem {
        plenum_id: plenum.id,
        ordinal: 99,
        title: "Nội dung thêm".into(),
        kind: "other".into(),
        presenter: items[0].presenter.clone(),
    };
    let added = store.add_agenda_item(&actor, new_item).await.unwrap();
    assert_eq!(added.body_id, items[0].body_id, "the same presenter is the same body");
    let body = items[0].body_id.unwrap();
    let new = NewUser { username: "canbo-ubnd".into(), display_name: "Cán bộ".into(), password_hash: "h".into() };
    let user = store.create_user(&actor, new).await.unwrap().id;
    store.add_body_officer(&actor, body, user).await.unwrap();
    let entries = verify_history(store).await.unwrap().unwrap();
    store.add_body_officer(&actor, body, user).await.unwrap();
    assert_eq!(verify_history(store).await.unwrap(), Ok(entries), "an officer twice is recorded once");
    assert_eq!(store.body_officers(body).await.unwrap(), vec![user]);
    assert_eq!(store.bodies_of_officer(user).await.unwrap(), vec![body]);

    // Two opinions of item 1 not answered yet.
    let answered: Vec<i64> = store.dispositions(plenum.id).await.unwrap().iter().map(|d| d.opinion_id).collect();
    let open: Vec<_> = store
        .opinions(plenum.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.item_id == items[0].id && !answered.contains(&o.id))
        .collect();
    let (a, b) = (open[0].id, open[1].id);
    let answer = |opinion_id, kind: &str, reply: &str, expected_version| NewDisposition {
        opinion_id,
        kind: kind.into(),
        reply: reply.into(),
        change: None,
        expected_version,
    };
    let refused = store.record_disposition(&actor, answer(a, "explained", " ", None)).await.unwrap_err();
    assert_eq!(code(&refused), ("reply".into(), "reason-required"), "an explanation gives its reason");
    let d = store.record_disposition(&actor, answer(a, "explained", "Đã có trong Chương trình.", None)).await.unwrap();
    assert_eq!((d.kind, d.status, d.version), (DispositionKind::Explained, ReviewStatus::Drafted, 1));
    let stale = store.record_disposition(&actor, answer(a, "noted", "", None)).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "written over without reading: {stale:?}");
    let d = store.record_disposition(&actor, answer(a, "noted", "Ghi nhận", Some(1))).await.unwrap();
    assert_eq!((d.kind, d.version), (DispositionKind::Noted, 2));

    // Review goes forward only, by the current version; a return says why.
    let refused = store.review_disposition(&actor, a, 2, ReviewStatus::Returned, "").await.unwrap_err();
    assert_eq!(code(&refused), ("note".into(), "required"));
    let stale = store.review_disposition(&actor, a, 1, ReviewStatus::Approved, "").await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)));
    let r = store.review_disposition(&actor, a, 2, ReviewStatus::Returned, "Nêu rõ văn bản").await.unwrap();
    assert_eq!((r.status, r.review_note.as_str()), (ReviewStatus::Returned, "Nêu rõ văn bản"));
    let r = store.review_disposition(&actor, a, r.version, ReviewStatus::Approved, "").await.unwrap();
    assert_eq!(r.status, ReviewStatus::Approved);
    let again = store.review_disposition(&actor, a, r.version, ReviewStatus::Approved, "").await.unwrap_err();
    assert_eq!(code(&again), ("status".into(), "invalid-choice"), "approved once");
    assert!(matches!(
        store.review_disposition(&actor, b, 1, ReviewStatus::Approved, "").await,
        Err(StoreError::NotFound)
    ));

    // A taken-in answer names a passage of its own item's draft.
    let docs = store.documents(plenum.id).await.unwrap();
    let own = docs.iter().find(|d| d.item_id == items[0].id).unwrap();
    let other = docs.iter().find(|d| d.item_id != items[0].id).unwrap();
    let passage_of = |doc: i64| async move {
        let v = store.document_versions(doc).await.unwrap().pop().unwrap();
        store.passages(v.id).await.unwrap().pop().unwrap().anchor
    };
    let elsewhere =
        NewDisposition { change: Some((other.id, passage_of(other.id).await)), ..answer(b, "taken_in", "", None) };
    assert_eq!(code(&store.record_disposition(&actor, elsewhere).await.unwrap_err()), ("change".into(), "not-found"));
    let here = NewDisposition { change: Some((own.id, passage_of(own.id).await)), ..answer(b, "taken_in", "", None) };
    let t = store.record_disposition(&actor, here).await.unwrap();
    assert_eq!(t.document_id, Some(own.id));
    let explained = store.record_disposition(
        &actor,
        NewDisposition { change: Some((own.id, "x".into())), ..answer(b, "explained", "Vì", Some(t.version)) },
    );
    let explained = explained.await.unwrap();
    assert_eq!((explained.document_id, explained.change_anchor), (None, None), "only taken in names a change");

    // Groups: each opinion once, of the item's own opinions only.
    let twice = vec![
        GroupDraft { title: "Nhóm 1".into(), opinion_ids: vec![a, b] },
        GroupDraft { title: "Nhóm 2".into(), opinion_ids: vec![b] },
    ];
    assert_eq!(code(&store.set_opinion_groups(&actor, items[0].id, twice).await.unwrap_err()).1, "duplicate");
    let foreign = store.opinions(plenum.id).await.unwrap().into_iter().find(|o| o.item_id != items[0].id).unwrap().id;
    let wrong = vec![GroupDraft { title: "Nhóm".into(), opinion_ids: vec![a, foreign] }];
    assert_eq!(code(&store.set_opinion_groups(&actor, items[0].id, wrong).await.unwrap_err()).1, "not-found");
    let good = vec![GroupDraft { title: "Về nhà ở xã hội".into(), opinion_ids: vec![a, b] }];
    store.set_opinion_groups(&actor, items[0].id, good).await.unwrap();
    let groups: Vec<_> =
        store.opinion_groups(plenum.id).await.unwrap().into_iter().filter(|g| g.item_id == items[0].id).collect();
    assert_eq!(groups.len(), 1, "the item's groups replaced whole");
    assert_eq!(
        (groups[0].title.as_str(), groups[0].opinion_ids.clone()),
        ("Về nhà ở xã hội", vec![a.min(b), a.max(b)])
    );

    // Edits in place: a rename keeps the group's id; a merge leaves one group; a split one less member.
    let second = vec![
        GroupDraft { title: "Nhóm A".into(), opinion_ids: vec![a] },
        GroupDraft { title: "Nhóm B".into(), opinion_ids: vec![b] },
    ];
    store.set_opinion_groups(&actor, items[0].id, second).await.unwrap();
    let of_item = |all: Vec<crate::synthesize::OpinionGroup>| -> Vec<_> {
        all.into_iter().filter(|g| g.item_id == items[0].id).collect()
    };
    let before = of_item(store.opinion_groups(plenum.id).await.unwrap());
    let (ga, gb) = (before[0].id, before[1].id);
    store
        .edit_opinion_groups(&actor, items[0].id, GroupEdit::Rename { group_id: ga, title: "Về tái định cư".into() })
        .await
        .unwrap();
    let renamed = of_item(store.opinion_groups(plenum.id).await.unwrap());
    assert_eq!((renamed[0].id, renamed[0].title.as_str()), (ga, "Về tái định cư"), "renamed in place");
    let foreign_group = store.edit_opinion_groups(&actor, items[1].id, GroupEdit::Merge { from: gb, into: ga }).await;
    assert!(matches!(foreign_group, Err(StoreError::NotFound)), "another item's groups are not this item's");
    store.edit_opinion_groups(&actor, items[0].id, GroupEdit::Merge { from: gb, into: ga }).await.unwrap();
    let merged = of_item(store.opinion_groups(plenum.id).await.unwrap());
    assert_eq!((merged.len(), merged[0].id, merged[0].opinion_ids.len()), (1, ga, 2));
    store.edit_opinion_groups(&actor, items[0].id, GroupEdit::SplitOff { opinion_id: a }).await.unwrap();
    let split = of_item(store.opinion_groups(plenum.id).await.unwrap());
    assert_eq!(split[0].opinion_ids, vec![b]);
    store.edit_opinion_groups(&actor, items[0].id, GroupEdit::SplitOff { opinion_id: b }).await.unwrap();
    assert!(of_item(store.opinion_groups(plenum.id).await.unwrap()).is_empty(), "a group left empty is gone");

    // Issued documents: numbered per committee and kind from 1 (or after the demo's), once each.
    let text =
        |title: &str| IssuedText { title: title.into(), recipients: "- Lưu VPTU".into(), ..IssuedText::default() };
    let already = store.issued_document(plenum.id, IssuedKind::Resolution).await.unwrap();
    let first = match already {
        Some(d) => d,
        None => store
            .save_issued_document(&actor, plenum.id, IssuedKind::Resolution, text("Nghị quyết"), "2023-01-06", None)
            .await
            .unwrap(),
    };
    let stale = store
        .save_issued_document(&actor, plenum.id, IssuedKind::Resolution, text("Khác"), "2023-01-06", None)
        .await
        .unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "saved once, then edited by version");
    let edited = store
        .save_issued_document(
            &actor,
            plenum.id,
            IssuedKind::Resolution,
            text("Nghị quyết Hội nghị"),
            "2099-01-01",
            Some(first.version),
        )
        .await
        .unwrap();
    assert_eq!(
        (edited.number, edited.issued_on.as_str()),
        (first.number, first.issued_on.as_str()),
        "the number stays"
    );
    assert_eq!(edited.title, "Nghị quyết Hội nghị");
    let conclusion = store
        .save_issued_document(&actor, plenum.id, IssuedKind::Conclusion, text("Thông báo"), "2023-01-06", None)
        .await;
    if let Ok(c) = conclusion {
        assert_eq!(c.committee_id, plenum.committee_id);
        assert!(c.number >= 1);
    }
    let untitled = store
        .save_issued_document(&actor, plenum.id, IssuedKind::SynthesisReport, text(" "), "2023-01-06", None)
        .await
        .unwrap_err();
    assert_eq!(code(&untitled), ("title".into(), "required"));

    assert!(verify_history(store).await.unwrap().is_ok(), "the chain still verifies");
    let actions: Vec<String> = store.history(0, 100_000).await.unwrap().into_iter().map(|e| e.action).collect();
    for a in ["disposition.recorded", "disposition.reviewed", "opinion_groups.set", "issued_document.saved"] {
        assert!(actions.iter().any(|x| x == a), "{a} is in the history");
    }
}
