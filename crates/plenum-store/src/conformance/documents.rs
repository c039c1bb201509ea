//! The conformance story, part: documents. An office uploads a draft, then
//! revised versions; refused uploads leave nothing behind; passages keep
//! their anchors where the words did not change; the bytes come back exactly,
//! in the store and in the backup.

use std::time::Duration;

use plenum_core::prepare::passages::{split, text_paragraphs};

use crate::documents::{NewDocument, NewVersion};
use crate::input::*;
use crate::{verify_history, Actor, Conflict, Store, StoreError};

const V1: &str = "DỰ THẢO\nKẾ HOẠCH\n\nI. MỤC ĐÍCH\n\n1. Quán triệt Nghị quyết.\n\n2. Công tác quy hoạch\n\na) Lập quy hoạch sử dụng đất.\n\nb) Phê duyệt kế hoạch hằng năm.\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Các quận ủy báo cáo kết quả.\n";
// Version 2 inserts a point (renumbering the next), edits I.2.b and drops II.1.
const V2: &str = "DỰ THẢO\nKẾ HOẠCH\n\nI. MỤC ĐÍCH\n\n1. Lấy ý kiến Nhân dân.\n\n2. Quán triệt Nghị quyết.\n\n3. Công tác quy hoạch\n\na) Lập quy hoạch sử dụng đất.\n\nb) Phê duyệt kế hoạch hằng năm đúng thời hạn.\n\nII. TỔ CHỨC THỰC HIỆN\n";

fn codes(e: &StoreError) -> Vec<(String, &'static str)> {
    match e {
        StoreError::Invalid(f) => f.0.iter().map(|x| (x.field.clone(), x.code)).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn upload(name: &str, content: &[u8]) -> NewVersion {
    NewVersion { filename: name.into(), content: content.to_vec(), ..NewVersion::default() }
}

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let actor = Actor::system("conformance");
    let (_, plenum) = super::eleventh_plenum(store, &actor).await;
    let mut items = Vec::new();
    for ordinal in [2, 1] {
        let item = NewAgendaItem {
            plenum_id: plenum.id,
            ordinal,
            title: format!("Nội dung {ordinal}"),
            kind: "plan".into(),
            presenter: "Văn phòng".into(),
        };
        items.push(store.add_agenda_item(&actor, item).await.unwrap());
    }
    let (item2, item1) = (items[0].clone(), items[1].clone());
    let mut live = store.subscribe();
    let (changes_before, _) = store.history_head().await.unwrap();

    // Refused uploads: every problem named at once, nothing saved.
    let bad = store
        .create_document(
            &actor,
            NewDocument {
                item_id: item1.id,
                title: "  ".into(),
                kind: "memo".into(),
                version: upload("anh.png", b"\x89PNG\r\n\x1a\n\0\0"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        codes(&bad),
        vec![("title".into(), "required"), ("kind".into(), "invalid-choice"), ("file".into(), "document-type")]
    );
    let mut huge = b"%PDF-1.7\n".to_vec();
    huge.resize(plenum_core::prepare::document::MAX_DOCUMENT_BYTES + 1, b'0');
    let big = store
        .create_document(
            &actor,
            NewDocument {
                item_id: item1.id,
                title: "Lớn".into(),
                kind: "report".into(),
                version: upload("lon.pdf", &huge),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(codes(&big), vec![("file".into(), "document-too-large")]);
    let nowhere = store
        .create_document(
            &actor,
            NewDocument {
                item_id: 999_999,
                title: "X".into(),
                kind: "draft".into(),
                version: upload("a.txt", b"1. A"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(codes(&nowhere), vec![("item_id".into(), "not-found")]);
    assert!(store.documents(plenum.id).await.unwrap().is_empty(), "refused uploads saved nothing");
    assert_eq!(store.history_head().await.unwrap().0, changes_before, "and wrote no history");

    // Version 1 of a draft, split into passages.
    let (doc, v1) = store
        .create_document(
            &actor,
            NewDocument {
                item_id: item1.id,
                title: " Dự thảo Kế hoạch ".into(),
                kind: "draft".into(),
                version: NewVersion {
                    filename: "C:\\Users\\vp\\du-thao.txt".into(),
                    content: V1.as_bytes().to_vec(),
                    note: "Trình Hội nghị".into(),
                    ..NewVersion::default()
                },
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (doc.title.as_str(), doc.kind.as_str(), doc.item_id, doc.plenum_id, doc.latest),
        ("Dự thảo Kế hoạch", "draft", item1.id, plenum.id, 1)
    );
    assert_eq!(
        (v1.number, v1.filename.as_str(), v1.media_type.as_str()),
        (1, "du-thao.txt", "text/plain; charset=utf-8"),
        "the client's path is dropped"
    );
    assert_eq!((v1.size, v1.note.as_str()), (V1.len() as i64, "Trình Hội nghị"));
    let p1 = store.passages(v1.id).await.unwrap();
    assert_eq!(
        p1.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(),
        vec!["¶1", "I", "I.1", "I.2", "I.2.a", "I.2.b", "II", "II.1"]
    );
    assert_eq!(v1.passages, p1.len() as i64);
    let expected = split(&text_paragraphs(V1));
    assert_eq!(
        p1.iter().map(|p| (&p.anchor, p.level, &p.text)).collect::<Vec<_>>(),
        expected.iter().map(|p| (&p.anchor, p.level, &p.text)).collect::<Vec<_>>()
    );
    // Earlier events may still be arriving (PostgreSQL relays them through NOTIFY).
    let ev = loop {
        let ev = tokio::time::timeout(Duration::from_secs(5), live.recv())
            .await
            .expect("event arrives")
            .map(crate::Event::from)
            .unwrap();
        if ev.action.starts_with("document.") {
            break ev;
        }
    };
    assert_eq!((ev.action.as_str(), ev.plenum_id), ("document.created", Some(plenum.id)));
    assert_eq!(ev.payload["version"]["number"], 1);
    assert!(ev.payload["version"].get("content").is_none(), "the bytes are not broadcast");

    // Version 2: numbered 2; unchanged words keep their anchors, though renumbered.
    let v2 = store
        .add_version(&actor, doc.id, NewVersion { based_on: Some(1), ..upload("du-thao-2.txt", V2.as_bytes()) })
        .await
        .unwrap();
    assert_eq!(v2.number, 2);
    let p2 = store.passages(v2.id).await.unwrap();
    let anchor = |ps: &[crate::documents::Passage], label: &str| {
        ps.iter().find(|p| p.label == label).unwrap_or_else(|| panic!("{label}")).anchor.clone()
    };
    assert_eq!(
        anchor(&p2, "I.2"),
        anchor(&p1, "I.1"),
        "\"Quán triệt Nghị quyết.\" moved from I.1 to I.2 and kept its anchor"
    );
    assert_eq!(anchor(&p2, "I.3.a"), anchor(&p1, "I.2.a"));
    assert_eq!(anchor(&p2, "II"), anchor(&p1, "II"));
    assert_ne!(anchor(&p2, "I.3.b"), anchor(&p1, "I.2.b"), "edited words, new anchor");
    assert!(!p2.iter().any(|p| p.anchor == anchor(&p1, "II.1")), "the dropped point is gone");
    assert_eq!(store.passages(v1.id).await.unwrap(), p1, "version 1 is untouched");

    // An upload based on an outdated version is refused, not silently stacked on top.
    let stale = store
        .add_version(&actor, doc.id, NewVersion { based_on: Some(1), ..upload("cu.txt", b"1. Cu.") })
        .await
        .unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(Conflict::Stale)), "{stale:?}");
    let refused = store.add_version(&actor, doc.id, upload("rong.txt", b" \n ")).await.unwrap_err();
    assert_eq!(codes(&refused), vec![("file".into(), "document-no-text")]);
    assert!(matches!(
        store.add_version(&actor, 999_999, upload("a.txt", b"1. A")).await.unwrap_err(),
        StoreError::NotFound
    ));

    // Version 3 is a PDF: no passages, the bytes kept exactly.
    let pdf: Vec<u8> = b"%PDF-1.4\n".iter().copied().chain((0..=255u8).cycle().take(3000)).collect();
    let v3 = store.add_version(&actor, doc.id, upload("du-thao-3.pdf", &pdf)).await.unwrap();
    assert_eq!((v3.number, v3.media_type.as_str(), v3.passages, v3.size), (3, "application/pdf", 0, pdf.len() as i64));
    assert_eq!(store.document_content(v3.id).await.unwrap(), pdf, "binary content round-trips");
    assert_eq!(store.document_content(v1.id).await.unwrap(), V1.as_bytes());
    assert!(store.passages(v3.id).await.unwrap().is_empty());
    let versions = store.document_versions(doc.id).await.unwrap();
    assert_eq!(versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(versions[2], store.document_version(v3.id).await.unwrap());
    assert!(matches!(store.document_version(999_999).await.unwrap_err(), StoreError::NotFound));

    assert_eq!(store.document_item(item1.id).await.unwrap(), item1);
    assert!(matches!(store.document_item(999_999).await.unwrap_err(), StoreError::NotFound));

    // The plenum's documents, in agenda order.
    let (report, _) = store
        .create_document(
            &actor,
            NewDocument {
                item_id: item2.id,
                title: "Tờ trình".into(),
                kind: "submission".into(),
                version: upload("to-trinh.md", "## I. Lý do\n\n1. Cần thiết.".as_bytes()),
            },
        )
        .await
        .unwrap();
    let docs = store.documents(plenum.id).await.unwrap();
    assert_eq!(
        docs.iter().map(|d| (d.id, d.latest)).collect::<Vec<_>>(),
        vec![(doc.id, 3), (report.id, 1)],
        "item 1 before item 2"
    );
    assert_eq!(store.document_versions(report.id).await.unwrap()[0].media_type, "text/markdown; charset=utf-8");

    // One history entry per stored change; the backup carries the bytes.
    let n = verify_history(store).await.unwrap().expect("intact chain");
    assert_eq!(n, changes_before + 4, "two documents and two further versions");
    let backup = store.export().await.unwrap();
    let rows = &backup.table("document_versions").unwrap().rows;
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter().any(|r| r.contains(&serde_json::Value::from(hex::encode(&pdf)))),
        "the PDF's bytes are in the backup"
    );
    assert_eq!(backup.table("passages").unwrap().rows.len(), p1.len() + p2.len() + 2);
}
