//! The conformance story, part: the secretary's desk — speeches and the
//! opinions they carry, corrections under optimistic concurrency.

use crate::input::{NewOpinion, NewSpeech, OpinionChange};
use crate::{Actor, Conflict, Store, StoreError};

fn codes(e: &StoreError) -> Vec<(String, &'static str)> {
    match e {
        StoreError::Invalid(f) => f.0.iter().map(|x| (x.field.clone(), x.code)).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let ids = crate::demo::load(store).await.expect("the demo loads");
    let actor = Actor::system("conformance");
    let plenum = ids.plenum_id;
    let (speeches, opinions) = (store.speeches(plenum).await.unwrap(), store.opinions(plenum).await.unwrap());
    assert_eq!((speeches.len(), opinions.len()), (59, 130), "the seed's discussion");

    // One speech, read back by id.
    let first = &speeches[0];
    assert_eq!(&store.speech(first.id).await.unwrap(), first);
    assert!(matches!(store.speech(i64::MAX).await, Err(StoreError::NotFound)));

    let mut live = store.subscribe();
    let subscribed_at = store.history_head().await.unwrap().0;
    let delegate = ids.delegates["m17"];
    let item = ids.items[&4];
    let speech = store
        .record_speech(
            &actor,
            NewSpeech {
                session_id: ids.group_sessions["g1"],
                delegate_id: delegate,
                item_id: item,
                speaker_entry_id: None,
                seconds: Some(300),
            },
        )
        .await
        .unwrap();
    assert_eq!((speech.plenum_id, speech.seconds), (plenum, Some(300)));
    assert_eq!(store.speech(speech.id).await.unwrap(), speech);
    let ev = super::next_event(&mut live, subscribed_at).await;
    assert_eq!((ev.action.as_str(), ev.plenum_id), ("speech.recorded", Some(plenum)));

    // A bad stance and an empty text: both reported, nothing saved.
    let bad = store
        .add_opinion(
            &actor,
            NewOpinion {
                speech_id: Some(speech.id),
                delegate_id: delegate,
                item_id: item,
                passage_anchor: None,
                stance: "maybe".into(),
                text: "  ".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(codes(&bad), vec![("stance".into(), "invalid-choice"), ("text".into(), "required")]);
    assert_eq!(store.opinions(plenum).await.unwrap().len(), 130, "a refused opinion leaves no trace");

    // An opinion, NFC on the way in, then corrected; a correction from a stale
    // read is refused and the saved text stays.
    let o = store
        .add_opinion(
            &actor,
            NewOpinion {
                speech_id: Some(speech.id),
                delegate_id: delegate,
                item_id: item,
                passage_anchor: Some(" II.1 ".into()),
                stance: "propose_change".into(),
                text: "Đề nghị bổ sung chỉ tiêu ve\u{302}\u{300} nhà ở xã hội.".into(),
            },
        )
        .await
        .unwrap();
    let draft = store.documents(plenum).await.unwrap().into_iter().find(|d| d.item_id == item).unwrap();
    let version = store.document_versions(draft.id).await.unwrap().pop().unwrap();
    let ii1 = store.passages(version.id).await.unwrap().into_iter().find(|p| p.label == "II.1").unwrap().anchor;
    assert_eq!(
        (o.text.as_str(), o.passage_anchor.as_deref(), o.version),
        ("Đề nghị bổ sung chỉ tiêu về nhà ở xã hội.", Some(ii1.as_str()), 1),
        "the label cites the draft's passage"
    );
    let nowhere = NewOpinion {
        speech_id: Some(speech.id),
        delegate_id: delegate,
        item_id: item,
        passage_anchor: Some("IX.99".into()),
        stance: "other".into(),
        text: "Không có mục này.".into(),
    };
    let refused = store.add_opinion(&actor, nowhere).await.unwrap_err();
    assert!(
        matches!(&refused, StoreError::Invalid(f) if f.0[0].field == "passage_anchor" && f.0[0].code == "passage-not-found"),
        "{refused:?}"
    );
    let change =
        |text: &str| OpinionChange { stance: "agree".into(), text: text.into(), passage_anchor: None, item_id: item };
    let fixed = store.update_opinion(&actor, o.id, 1, change("Nhất trí với chỉ tiêu nhà ở xã hội.")).await.unwrap();
    assert_eq!((fixed.version, fixed.stance.as_str(), fixed.passage_anchor.clone()), (2, "agree", None));
    let stale = store.update_opinion(&actor, o.id, 1, change("Bản sửa dựa trên bản cũ.")).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "{stale:?}");
    assert_eq!(store.opinion(o.id).await.unwrap(), fixed, "the stale correction changed nothing");
    let actions: Vec<String> = [super::next_event(&mut live, ev.seq).await, super::next_event(&mut live, ev.seq).await]
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["opinion.added", "opinion.changed"]);

    // Someone else's speech cannot carry this delegate's opinion.
    let someone_else = speeches.iter().find(|s| s.delegate_id != delegate).unwrap();
    let other = store
        .add_opinion(
            &actor,
            NewOpinion {
                speech_id: Some(someone_else.id),
                delegate_id: delegate,
                item_id: item,
                passage_anchor: None,
                stance: "agree".into(),
                text: "x".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(codes(&other), vec![("speech_id".into(), "speech-mismatch")]);
    assert_eq!((store.speeches(plenum).await.unwrap().len(), store.opinions(plenum).await.unwrap().len()), (60, 131));
}
