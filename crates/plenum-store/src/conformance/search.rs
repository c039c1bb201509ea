//! The conformance story, part: search. What a delegate wrote or said is
//! found typed without diacritics, the better match first, from the plenums
//! asked for only; a correction is found by its new words and no longer by
//! its old ones; a document is searched in its latest version.

use plenum_core::synthesize::search::{SearchKind, Terms};

use crate::documents::{NewDocument, NewVersion};
use crate::input::*;
use crate::synthesize::search::{SearchHit, SearchQuery};
use crate::{Actor, Store};

async fn find(store: &dyn Store, plenums: &[i64], kinds: &[SearchKind], written: bool, q: &str) -> Vec<SearchHit> {
    let query = SearchQuery {
        terms: Terms::parse(q).unwrap(),
        plenum_ids: plenums.to_vec(),
        kinds: kinds.to_vec(),
        written_opinions: written,
        limit: 50,
        offset: 0,
    };
    store.search(&query).await.unwrap()
}

fn texts(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.text.as_str()).collect()
}

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let actor = Actor::system("conformance");
    let (committee, plenum) = super::eleventh_plenum(store, &actor).await;
    let other = store
        .create_plenum(
            &actor,
            NewPlenum {
                committee_id: committee.id,
                ordinal: 12,
                title: "Hội nghị lần thứ 12".into(),
                starts_on: "2023-05-05".into(),
                ends_on: "2023-05-06".into(),
                place: "Hà Nội".into(),
            },
        )
        .await
        .unwrap();
    let mut setup = Vec::new();
    for p in [&plenum, &other] {
        let item = NewAgendaItem {
            plenum_id: p.id,
            ordinal: 1,
            title: "Báo cáo chính trị".into(),
            kind: "report".into(),
            presenter: "Văn phòng".into(),
        };
        let item = store.add_agenda_item(&actor, item).await.unwrap();
        let delegate = NewDelegate {
            plenum_id: p.id,
            member_id: None,
            user_id: None,
            full_name: "Nguyễn Văn An".into(),
            title: String::new(),
            unit: String::new(),
            kind: "guest".into(),
            group_id: None,
            checkin_code: crate::demo::new_checkin_code(),
        };
        let delegate = store.add_delegate(&actor, delegate).await.unwrap();
        setup.push((item, delegate));
    }
    let ((item, delegate), (other_item, other_delegate)) = (setup[0].clone(), setup[1].clone());
    let session = NewMeetingSession {
        plenum_id: plenum.id,
        kind: "plenary".into(),
        group_id: None,
        title: "Thảo luận tại Hội trường".into(),
        speaking_seconds: 300,
    };
    let session = store.create_meeting_session(&actor, session).await.unwrap();
    let speech = NewSpeech {
        session_id: session.id,
        delegate_id: delegate.id,
        item_id: item.id,
        speaker_entry_id: None,
        seconds: Some(120),
    };
    let speech = store.record_speech(&actor, speech).await.unwrap();
    let opinion = |speech_id: Option<i64>, delegate_id: i64, item_id: i64, text: &str| NewOpinion {
        speech_id,
        delegate_id,
        item_id,
        passage_anchor: None,
        stance: "propose_change".into(),
        text: text.into(),
    };
    let spoken = "Tôi đề nghị tiếp thu ý kiến về công tác xây dựng Đảng.";
    let spoken = store.add_opinion(&actor, opinion(Some(speech.id), delegate.id, item.id, spoken)).await.unwrap();
    let once = "Cần tiếp tục đổi mới phương thức lãnh đạo.";
    store.add_opinion(&actor, opinion(Some(speech.id), delegate.id, item.id, once)).await.unwrap();
    let twice = "Đổi mới, đổi mới nữa, đổi mới mạnh mẽ phương thức lãnh đạo.";
    store.add_opinion(&actor, opinion(Some(speech.id), delegate.id, item.id, twice)).await.unwrap();
    let written = "Đề nghị bổ sung đánh giá về thu ngân sách.";
    let written = store.add_opinion(&actor, opinion(None, delegate.id, item.id, written)).await.unwrap();
    let elsewhere = "Tôi đề nghị tiếp thu, Đảng bộ thống nhất.";
    store.add_opinion(&actor, opinion(None, other_delegate.id, other_item.id, elsewhere)).await.unwrap();

    let opinions = [SearchKind::Opinion];
    let hits = find(store, &[plenum.id], &opinions, true, "tiep thu").await;
    assert_eq!(texts(&hits), [spoken.text.as_str()], "typed without marks, found with them; other plenums absent");
    assert_eq!((hits[0].kind, hits[0].id, hits[0].speech_id), (SearchKind::Opinion, spoken.id, Some(speech.id)));
    assert_eq!(texts(&find(store, &[plenum.id], &opinions, true, "dang").await), [spoken.text.as_str()], "đ is d");
    assert_eq!(texts(&find(store, &[plenum.id], &opinions, true, "ĐẢNG").await), [spoken.text.as_str()]);
    let both = find(store, &[plenum.id, other.id], &opinions, true, "tiếp thu").await;
    assert_eq!(both.len(), 2, "both plenums when both are asked for");
    assert!(both.iter().any(|h| h.plenum_id == other.id));
    assert!(find(store, &[], &opinions, true, "tiep thu").await.is_empty(), "no plenum, nothing");

    let ranked = find(store, &[plenum.id], &opinions, true, "doi moi").await;
    assert_eq!(texts(&ranked), [twice, once], "the better match comes first");
    assert!(ranked[0].score > ranked[1].score);

    assert_eq!(texts(&find(store, &[plenum.id], &opinions, true, "ngan sach").await), [written.text.as_str()]);
    assert!(
        find(store, &[plenum.id], &opinions, false, "ngan sach").await.is_empty(),
        "a written opinion only for those who may read it"
    );
    let page = SearchQuery {
        terms: Terms::parse("doi moi").unwrap(),
        plenum_ids: vec![plenum.id],
        kinds: opinions.to_vec(),
        written_opinions: true,
        limit: 1,
        offset: 1,
    };
    assert_eq!(texts(&store.search(&page).await.unwrap()), [once], "pages by limit and offset");

    // A correction is found by its new words only.
    let change = OpinionChange {
        item_id: item.id,
        passage_anchor: None,
        stance: "propose_change".into(),
        text: "Đề nghị bổ sung đánh giá về chi thường xuyên.".into(),
    };
    store.update_opinion(&actor, written.id, written.version, change).await.unwrap();
    assert!(find(store, &[plenum.id], &opinions, true, "ngan sach").await.is_empty());
    assert_eq!(find(store, &[plenum.id], &opinions, true, "chi thuong xuyen").await[0].id, written.id);

    // Passages, of the latest version only.
    let v1 = "I. MỤC TIÊU\n\n1. Nâng cao năng lực lãnh đạo của Đảng.\n\n2. Phát triển kinh tế.\n";
    let v2 = "I. MỤC TIÊU\n\n1. Nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng.\n\n2. Phát triển kinh tế.\n";
    let version = |text: &str| NewVersion {
        filename: "du-thao.txt".into(),
        content: text.as_bytes().to_vec(),
        ..NewVersion::default()
    };
    let new = NewDocument {
        item_id: item.id,
        title: "Dự thảo Nghị quyết".into(),
        kind: "draft".into(),
        version: version(v1),
    };
    let (document, _) = store.create_document(&actor, new).await.unwrap();
    let passages = [SearchKind::Passage];
    let found = find(store, &[plenum.id], &passages, true, "nang luc lanh dao").await;
    assert_eq!(texts(&found), ["1. Nâng cao năng lực lãnh đạo của Đảng."]);
    assert_eq!((found[0].document_id, found[0].version_number), (Some(document.id), Some(1)));
    store.add_version(&actor, document.id, version(v2)).await.unwrap();
    let found = find(store, &[plenum.id], &passages, true, "nang luc lanh dao").await;
    assert_eq!(texts(&found), ["1. Nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng."], "the latest version only");
    assert_eq!(found[0].version_number, Some(2));
    assert!(found[0].label.is_some());

    // Both kinds together; none asked for, none found.
    let all = find(store, &[plenum.id], &SearchKind::ALL, true, "dang").await;
    assert_eq!(all.len(), 2);
    assert!(all.iter().any(|h| h.kind == SearchKind::Passage) && all.iter().any(|h| h.kind == SearchKind::Opinion));
    assert!(find(store, &[plenum.id], &[], true, "dang").await.is_empty());

    // Rows written before search came have no folded text; migrating folds them.
    store.execute_raw("UPDATE opinions SET folded = NULL").await.unwrap();
    store.execute_raw("UPDATE passages SET folded = NULL").await.unwrap();
    assert!(
        find(store, &[plenum.id], &SearchKind::ALL, true, "dang").await.is_empty(),
        "unfolded rows are not indexed"
    );
    store.migrate().await.unwrap();
    assert_eq!(find(store, &[plenum.id], &SearchKind::ALL, true, "dang").await.len(), 2, "and are once folded");
}
