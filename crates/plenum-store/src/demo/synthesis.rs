//! The demo plenum's synthesis, as the office has it a few days after the
//! plenum: item 1's draft revised (version 2) where two passages take in what
//! delegates proposed, those opinions answered as taken in and approved, two
//! explained with their reasons, one noted, two still waiting for review, and
//! the similar opinions on one passage grouped. The rest are not answered yet.

use std::collections::HashMap;

use plenum_core::synthesize::disposition::ReviewStatus;

use super::{Anchors, DemoData};
use crate::documents::NewVersion;
use crate::synthesize::{GroupDraft, NewDisposition};
use crate::{Actor, Store, StoreResult};

/// The item whose draft is revised and whose opinions are answered.
const ITEM: i64 = 1;

/// The passages of item 1's draft that version 2 rewrites: (label, the
/// passage as it reads in version 1, as it reads in version 2).
const EDITS: [(&str, &str, &str); 2] = [
    (
        "II.1.b",
        "b) Chất lượng sinh hoạt chi bộ ở một số nơi chưa cao, nội dung còn đơn điệu; việc quản lý đảng viên ở một số địa bàn dân cư chưa chặt chẽ.",
        "b) Chất lượng sinh hoạt chi bộ ở một số nơi chưa cao, nội dung còn đơn điệu; việc quản lý đảng viên ở một số địa bàn dân cư chưa chặt chẽ, nhất là đảng viên sinh sống tại các chung cư, khu đô thị mới chưa giới thiệu về sinh hoạt nơi cư trú; sự phối hợp giữa đảng ủy nơi đảng viên công tác với cấp ủy nơi cư trú chưa thường xuyên.",
    ),
    (
        "II.1.c",
        "c) Ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của các cơ quan đảng còn chậm, chưa đồng bộ.",
        "c) Ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của các cơ quan đảng còn chậm, chưa đồng bộ; phần mềm quản lý văn bản và cơ sở dữ liệu đảng viên chưa liên thông với nhau và với cơ sở dữ liệu của chính quyền, cơ sở còn phải nhập một dữ liệu nhiều lần.",
    ),
];

/// How one opinion of item 1 is answered: the speaker (member key) and the
/// passage cited find it.
struct Answer {
    speaker: &'static str,
    passage: Option<&'static str>,
    kind: &'static str,
    reply: &'static str,
    /// For a taken-in answer: the label of the rewritten passage.
    change: Option<&'static str>,
    approved: bool,
}

const ANSWERS: [Answer; 9] = [
    Answer {
        speaker: "m17",
        passage: Some("II.1.b"),
        kind: "taken_in",
        reply: "Bổ sung vào phần hạn chế việc quản lý đảng viên sinh sống tại các chung cư, khu đô thị mới chưa sinh hoạt nơi cư trú.",
        change: Some("II.1.b"),
        approved: true,
    },
    Answer {
        speaker: "m31",
        passage: Some("II.1.b"),
        kind: "taken_in",
        reply: "Bổ sung hạn chế trong phối hợp giữa đảng ủy nơi đảng viên công tác với cấp ủy nơi cư trú.",
        change: Some("II.1.b"),
        approved: true,
    },
    Answer {
        speaker: "m45",
        passage: Some("II.1.c"),
        kind: "taken_in",
        reply: "Nêu cụ thể hạn chế về việc các phần mềm trong cơ quan đảng chưa liên thông.",
        change: Some("II.1.c"),
        approved: true,
    },
    Answer {
        speaker: "m67",
        passage: Some("II.1.c"),
        kind: "taken_in",
        reply: "Bổ sung đánh giá việc dữ liệu đảng viên chưa liên thông với cơ sở dữ liệu của chính quyền.",
        change: Some("II.1.c"),
        approved: true,
    },
    Answer {
        speaker: "m06",
        passage: Some("III.1"),
        kind: "explained",
        reply: "Nhiệm vụ giám sát việc khắc phục sau kiểm tra đã được xác định trong Chương trình kiểm tra, giám sát năm 2023 của Ban Chấp hành Đảng bộ Thành phố; Báo cáo chỉ nêu các nhiệm vụ trọng tâm, nên xin giữ như dự thảo.",
        change: None,
        approved: true,
    },
    Answer {
        speaker: "m15",
        passage: Some("III.2"),
        kind: "explained",
        reply: "Cơ chế khuyến khích, bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm đã được Thành ủy cụ thể hóa thành quy định riêng theo Kết luận số 14-KL/TW của Bộ Chính trị; nhiệm vụ 2 của Báo cáo đã bao hàm nội dung này, nên xin giữ như dự thảo.",
        change: None,
        approved: true,
    },
    Answer {
        speaker: "m05",
        passage: None,
        kind: "noted",
        reply: "Văn phòng Thành ủy cập nhật số liệu chính thức trước khi ban hành Báo cáo.",
        change: None,
        approved: true,
    },
    // Drafted by the presenting body, not yet reviewed.
    Answer {
        speaker: "m31",
        passage: Some("I.3"),
        kind: "explained",
        reply: "Nhận định “đạt kết quả toàn diện” căn cứ Báo cáo tổng kết công tác kiểm tra, giám sát năm 2022 của Ủy ban Kiểm tra Thành ủy; các vụ việc do báo chí phản ánh đều đã được kiểm tra, xử lý.",
        change: None,
        approved: false,
    },
    Answer {
        speaker: "m61",
        passage: None,
        kind: "noted",
        reply: "Để đánh giá trong báo cáo chuyên đề về công tác y tế cơ sở.",
        change: None,
        approved: false,
    },
];

/// The one group of similar opinions: the two on party members living in apartment blocks.
const GROUP: (&str, [(&str, &str); 2]) =
    ("Quản lý đảng viên sinh sống tại chung cư, khu đô thị mới", [("m17", "II.1.b"), ("m31", "II.1.b")]);

/// Load the synthesis onto the loaded plenum.
pub(super) async fn load(
    store: &dyn Store,
    actor: &Actor,
    d: &DemoData,
    plenum_id: i64,
    items: &HashMap<i64, i64>,
    delegates: &HashMap<String, i64>,
    anchors: &Anchors,
) -> StoreResult<()> {
    let item_id = items[&ITEM];
    let draft = d.plenum.documents.iter().find(|doc| doc.item == ITEM).expect("item 1 has a draft");
    let document = store
        .documents(plenum_id)
        .await?
        .into_iter()
        .find(|doc| doc.item_id == item_id)
        .expect("item 1's draft is loaded");
    let mut text = draft.text.clone();
    for (label, old, new) in EDITS {
        assert!(text.contains(old), "item 1's draft has passage {label} as written");
        text = text.replace(old, new);
    }
    let v2 = store
        .add_version(
            actor,
            document.id,
            NewVersion {
                filename: format!("du-thao-noi-dung-{ITEM}-lan-2.txt"),
                content: text.into_bytes(),
                note: "Dự thảo đã tiếp thu ý kiến thảo luận".into(),
                based_on: Some(1),
                ..NewVersion::default()
            },
        )
        .await?;
    let changed: HashMap<String, String> =
        store.passages(v2.id).await?.into_iter().map(|p| (p.label, p.anchor)).collect();

    // Item 1's opinions by (speaker, cited anchor).
    let cited = |label: Option<&str>| label.and_then(|l| anchors.get(&ITEM).and_then(|m| m.get(l))).cloned();
    let opinions = store.opinions(plenum_id).await?;
    let find = |speaker: &str, passage: Option<&str>| {
        let delegate = delegates[speaker];
        let anchor = cited(passage);
        opinions
            .iter()
            .find(|o| o.item_id == item_id && o.delegate_id == delegate && o.passage_anchor == anchor)
            .map(|o| o.id)
            .expect("the demo's answers name opinions of item 1")
    };

    for a in &ANSWERS {
        let opinion_id = find(a.speaker, a.passage);
        let change = a.change.map(|label| (document.id, changed[label].clone()));
        let drafted = store
            .record_disposition(
                actor,
                NewDisposition {
                    opinion_id,
                    kind: a.kind.into(),
                    reply: a.reply.into(),
                    change,
                    expected_version: None,
                },
            )
            .await?;
        if a.approved {
            store.review_disposition(actor, opinion_id, drafted.version, ReviewStatus::Approved, "").await?;
        }
    }

    let (title, members) = GROUP;
    let group =
        GroupDraft { title: title.into(), opinion_ids: members.iter().map(|(s, p)| find(s, Some(p))).collect() };
    store.set_opinion_groups(actor, item_id, vec![group]).await?;
    Ok(())
}
