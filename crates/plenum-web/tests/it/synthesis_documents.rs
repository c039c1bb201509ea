//! The documents a plenum issues: the report taking in and explaining the
//! opinions, the resolution and the conclusion notice, in Party form, read
//! back as DOCX and PDF the way the office's software reads them; the
//! office's page that edits and numbers them; and the refusal of everyone else.

use crate::common;

use std::io::Read;

use common::{demo_app, password, TestApp};
use plenum_docs::export::inspect::{docx_text, pdf_text};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PDF: &str = "application/pdf";

/// Text as read back, whitespace collapsed; a line the reader broke after a
/// hyphen ("15-\nNQ/TW") joined again.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace("- ", "-")
}

async fn download(c: &reqwest::Client, app: &TestApp, path: &str, media_type: &str) -> Vec<u8> {
    let res = c.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()["content-type"], media_type, "{path}");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment; filename=\""), "{disposition}");
    res.bytes().await.unwrap().to_vec()
}

/// A part of a DOCX file, as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a DOCX is a zip");
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[tokio::test]
async fn the_synthesis_report_answers_every_opinion_item_by_item_in_party_form() {
    let app = demo_app().await;
    let id = app.store.plenums().await.unwrap()[0].id;
    let items = app.store.agenda_items(id).await.unwrap();
    let opinions = app.store.opinions(id).await.unwrap();
    let speeches = app.store.speeches(id).await.unwrap();
    let (office, _) = app.login("thuky", &password("thuky")).await;

    let docx = download(&office, &app, &format!("/api/v1/plenums/{id}/synthesis-report.docx"), DOCX).await;
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains("Times New Roman"), "the document's font is Times New Roman");
    let pdf = download(&office, &app, &format!("/api/v1/plenums/{id}/synthesis-report.pdf"), PDF).await;
    for (form, text) in [("docx", flat(&docx_text(&docx))), ("pdf", flat(&pdf_text(&pdf)))] {
        let has = |want: &str| assert!(text.contains(&flat(want)), "{form}: {want:?} in {text}");
        has("ĐẢNG CỘNG SẢN VIỆT NAM");
        has("BÁO CÁO");
        has("Tổng hợp, tiếp thu, giải trình ý kiến thảo luận tại Hội nghị lần thứ 11");
        has("Nơi nhận");
        has("T/M BAN THƯỜNG VỤ");
        has("PHÓ BÍ THƯ");
        // The seed's figures for the whole plenum; item 1 has the demo's answers.
        has("Tại Hội nghị có 59 lượt phát biểu với 130 ý kiến về 13 nội dung");
        has("Đã tiếp thu 4 ý kiến, giải trình 2 ý kiến, ghi nhận 1 ý kiến, 0 ý kiến ngoài phạm vi nội dung; còn 123 ý kiến chưa được trả lời");
        // Each item: its title and how many speeches and opinions it had.
        for item in &items {
            let said = speeches.iter().filter(|s| s.item_id == item.id).count();
            let count = opinions.iter().filter(|o| o.item_id == item.id).count();
            has(&flat(&item.title));
            has(&format!("Có {said} lượt phát biểu với {count} ý kiến"));
        }
        has("Đã tiếp thu 4, giải trình 2, ghi nhận 1, ngoài phạm vi 0; còn 8 ý kiến chưa được trả lời");
        // The stored group first, with its speakers.
        has("Nhóm ý kiến: Quản lý đảng viên sinh sống tại chung cư, khu đô thị mới (các đồng chí");
        // A taken-in opinion, its answer and the passage as version 2 reads it.
        has("chi bộ tổ dân phố không nắm được số đảng viên đang sinh sống trên địa bàn");
        has("Tiếp thu: Bổ sung vào phần hạn chế việc quản lý đảng viên sinh sống tại các chung cư");
        has("(bản 2), II.1.b:");
        has("nhất là đảng viên sinh sống tại các chung cư, khu đô thị mới chưa giới thiệu về sinh hoạt nơi cư trú");
        // An explained opinion, with the reason the draft stays.
        has("Đề nghị bổ sung nhiệm vụ năm 2023 về giám sát việc khắc phục sau kiểm tra");
        has("Giải trình: Nhiệm vụ giám sát việc khắc phục sau kiểm tra đã được xác định trong Chương trình kiểm tra, giám sát năm 2023");
        has("Ghi nhận: Văn phòng Thành ủy cập nhật số liệu chính thức");
        has("Chưa có trả lời được duyệt.");
        // An answer the office has not approved is not in the report.
        assert!(!text.contains("căn cứ Báo cáo tổng kết công tác kiểm tra"), "{form}: a drafted answer is left out");
        // Not saved yet: not numbered.
        assert!(!text.contains("-BC/TU"), "{form}: not numbered before it is saved");
    }
    // The pages' address serves the same file.
    let page = download(&office, &app, &format!("/plenums/{id}/synthesis-report.docx"), DOCX).await;
    assert!(flat(&docx_text(&page)).contains("Tại Hội nghị có 59 lượt phát biểu"));
}

#[tokio::test]
async fn the_office_edits_and_saves_the_resolution_which_takes_its_number() {
    let app = demo_app().await;
    let id = app.store.plenums().await.unwrap()[0].id;
    let items = app.store.agenda_items(id).await.unwrap();
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let page_url = app.url(&format!("/plenums/{id}/issued/resolution"));

    // The plenum's page leads the office to the documents.
    let plenum_page = office.get(app.url(&format!("/plenums/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(plenum_page.contains(&format!("/plenums/{id}/issued/synthesis-report")));

    // Before it is saved: the default text, from the plenum, and no number.
    let res = office.get(&page_url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Chưa lấy số"), "not numbered yet");
    assert!(html.contains("T/M BAN CHẤP HÀNH") && html.contains("BÍ THƯ"), "the default signature block");
    assert!(html.contains(&format!("1. {}.", items[0].title)), "the agenda items as numbered paragraphs");
    let default = flat(&pdf_text(&download(&office, &app, &format!("/plenums/{id}/resolution.pdf"), PDF).await));
    assert!(default.contains("NGHỊ QUYẾT"), "{default}");
    assert!(default.contains("II. HỘI NGHỊ QUYẾT NGHỊ"), "{default}");
    assert!(default.contains(&flat(&format!("13. {}.", items[12].title))), "{default}");

    let form = |version: &str, body: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("version", version.to_string()),
            ("title", "Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ Thành phố khóa XVII".to_string()),
            ("body", body.to_string()),
            ("signer_for", "T/M BAN CHẤP HÀNH".to_string()),
            ("signer_title", "BÍ THƯ".to_string()),
            ("signer_name", "Đinh Tiến Dũng".to_string()),
            ("recipients", "- Bộ Chính trị, Ban Bí thư (để báo cáo)\n- Lưu Văn phòng Thành ủy".to_string()),
        ]
    };
    let body = "Hội nghị thống nhất đánh giá kết quả năm 2022.\n\nI. QUYẾT NGHỊ\n\n1. Thông qua Báo cáo đã được tiếp thu, chỉnh lý theo ý kiến thảo luận.";
    // A title left empty is refused with its label, and nothing is numbered.
    let mut empty = form("", body);
    empty[2].1 = String::new();
    let res = office.post(&page_url).form(&empty).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Trích yếu"), "the field's label names the problem");

    let res = office.post(&page_url).form(&form("", body)).send().await.unwrap();
    assert_eq!(res.status(), 303, "saved, back to the page");
    let html = office.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Số 01-NQ/TU"), "the first resolution of the term is numbered 01");
    assert!(html.contains("name=\"version\" value=\"1\""), "the next save is based on version 1");

    // A save based on the page as it was before (no version) is stale: the text typed is kept.
    let res = office.post(&page_url).form(&form("", "Bản khác")).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("vừa được người khác lưu") && html.contains("Bản khác"));

    for (path, read) in
        [(format!("/api/v1/plenums/{id}/resolution.docx"), DOCX), (format!("/api/v1/plenums/{id}/resolution.pdf"), PDF)]
    {
        let bytes = download(&office, &app, &path, read).await;
        let text = flat(&if read == DOCX { docx_text(&bytes) } else { pdf_text(&bytes) });
        for want in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 01-NQ/TU",
            "NGHỊ QUYẾT",
            "Hội nghị thống nhất đánh giá kết quả năm 2022.",
            "I. QUYẾT NGHỊ",
            "1. Thông qua Báo cáo đã được tiếp thu, chỉnh lý theo ý kiến thảo luận.",
            "Đinh Tiến Dũng",
            "Nơi nhận",
            "Bộ Chính trị, Ban Bí thư (để báo cáo)",
        ] {
            assert!(text.contains(want), "{path}: {want:?} in {text}");
        }
        assert!(!text.contains("Bản khác"), "{path}: the stale save changed nothing");
    }

    // The synthesis report and the conclusion have registers of their own.
    let report_url = app.url(&format!("/plenums/{id}/issued/synthesis-report"));
    let mut report = form("", "Phần mở đầu của Báo cáo.");
    report[2].1 = "Tổng hợp, tiếp thu, giải trình ý kiến".into();
    assert_eq!(office.post(&report_url).form(&report).send().await.unwrap().status(), 303);
    let text =
        flat(&docx_text(&download(&office, &app, &format!("/api/v1/plenums/{id}/synthesis-report.docx"), DOCX).await));
    assert!(text.contains("Số 01-BC/TU") && text.contains("Phần mở đầu của Báo cáo."), "{text}");
    assert!(text.contains("Tại Hội nghị có 59 lượt phát biểu"), "the synthesis follows the office's opening");
    let conclusion_url = app.url(&format!("/plenums/{id}/issued/conclusion"));
    let html = office.get(&conclusion_url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("T/L BAN THƯỜNG VỤ") && html.contains("CHÁNH VĂN PHÒNG"));
    assert!(html.contains("Chưa lấy số"));
}

#[tokio::test]
async fn only_the_office_may_read_or_edit_the_plenums_documents() {
    let app = demo_app().await;
    let id = app.store.plenums().await.unwrap()[0].id;
    let mut paths = Vec::new();
    for kind in ["synthesis-report", "resolution", "conclusion"] {
        for ext in ["docx", "pdf"] {
            paths.push(format!("/api/v1/plenums/{id}/{kind}.{ext}"));
            paths.push(format!("/plenums/{id}/{kind}.{ext}"));
        }
        paths.push(format!("/plenums/{id}/issued/{kind}"));
    }
    // The task officer works for the body presenting item 1, and still may not.
    for who in ["daibieu", "canbo", "chutri"] {
        let (c, csrf) = app.login(who, &password(who)).await;
        for path in &paths {
            let status = c.get(app.url(path)).send().await.unwrap().status().as_u16();
            assert!(status == 403 || status == 404, "{who} GET {path}: {status}");
        }
        let plenum_page = c.get(app.url(&format!("/plenums/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(!plenum_page.contains("/issued/"), "{who} is not led to the office's documents");
        let res = c
            .post(app.url(&format!("/plenums/{id}/issued/resolution")))
            .form(&[("csrf", csrf.as_str()), ("version", ""), ("title", "x"), ("body", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{who} may not save the resolution");
    }
    assert!(app
        .store
        .issued_document(id, plenum_core::synthesize::issued::IssuedKind::Resolution)
        .await
        .unwrap()
        .is_none());
    // The administrator may.
    let (admin, _) = app.login("admin", &password("admin")).await;
    download(&admin, &app, &format!("/api/v1/plenums/{id}/conclusion.docx"), DOCX).await;
}
