//! HTTP tests for preparing a plenum and its documents: convening, the
//! agenda form, uploads (DOCX, PDF, text; refused ones save nothing),
//! reading passages and versions, and delegates' written opinions on passages.

use crate::common;

use std::io::Write;

use common::{client, demo_app, password, TestApp};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A real DOCX (deflated zip) whose body holds these paragraphs.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| format!("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>")).collect();
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    z.start_file("word/document.xml", opts).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

fn file(name: &str, bytes: Vec<u8>, mime: &str) -> Part {
    Part::bytes(bytes).file_name(name.to_string()).mime_str(mime).unwrap()
}

fn new_document(title: &str, kind: &str, part: Part) -> Form {
    document_fields(Form::new(), title, kind, part)
}

/// The same, as the page's form sends it: the CSRF token as its first field.
fn page_document(csrf: &str, title: &str, kind: &str, part: Part) -> Form {
    document_fields(Form::new().text("csrf", csrf.to_string()), title, kind, part)
}

fn document_fields(form: Form, title: &str, kind: &str, part: Part) -> Form {
    form.text("title", title.to_string())
        .text("kind", kind.to_string())
        .text("note", "Trình Hội nghị")
        .part("file", part)
}

async fn item_id(app: &TestApp, ordinal: i64) -> i64 {
    let plenum = app.demo_plenum_id().await;
    app.store.agenda_items(plenum).await.unwrap().into_iter().find(|i| i.ordinal == ordinal).unwrap().id
}

fn field_codes(v: &Value) -> Vec<(String, String)> {
    v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_string(), f["code"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn the_office_uploads_a_docx_a_pdf_and_a_text_draft() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let item = item_id(&app, 5).await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let url = app.url(&format!("/api/v1/items/{item}/documents"));

    // A DOCX draft, split into passages.
    let bytes = docx(&[
        "DỰ THẢO",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Quán triệt Nghị quyết &amp; Kết luận.",
        "a) Tổ chức học tập.",
        "II. NHIỆM VỤ",
    ]);
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .multipart(new_document("Dự thảo Kế hoạch", "draft", file("du-thao.docx", bytes.clone(), DOCX)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["version"]["number"], 1);
    assert_eq!(created["version"]["media_type"], DOCX);
    assert_eq!(created["version"]["passages"], 5);
    let vid = created["version"]["id"].as_i64().unwrap();
    let detail: Value =
        c.get(app.url(&format!("/api/v1/document-versions/{vid}"))).send().await.unwrap().json().await.unwrap();
    let labels: Vec<&str> =
        detail["passages"].as_array().unwrap().iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(labels, vec!["¶1", "I", "I.1", "I.1.a", "II"]);
    assert_eq!(detail["passages"][2]["text"], "1. Quán triệt Nghị quyết & Kết luận.");
    let res = c.get(app.url(&format!("/api/v1/document-versions/{vid}/content"))).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], DOCX);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"), "a DOCX is downloaded");
    assert_eq!(res.bytes().await.unwrap().to_vec(), bytes, "the file comes back byte for byte");

    // A PDF: kept as it is, shown inline, framable by our own pages only.
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec();
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .multipart(new_document("Tờ trình", "submission", file("to-trinh.pdf", pdf.clone(), "application/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(
        (created["version"]["media_type"].as_str(), created["version"]["passages"].as_i64()),
        (Some("application/pdf"), Some(0))
    );
    let pid = created["version"]["id"].as_i64().unwrap();
    let res = c.get(app.url(&format!("/api/v1/document-versions/{pid}/content"))).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(
        res.headers()["content-disposition"],
        "inline; filename=\"to-trinh.pdf\"; filename*=UTF-8''to-trinh.pdf"
    );
    assert_eq!(res.headers()["x-frame-options"], "SAMEORIGIN");
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf);
    let page = c.get(app.url(&format!("/documents/{}/versions/1", created["document"]["id"]))).send().await.unwrap();
    assert_eq!(page.headers()["x-frame-options"], "DENY", "pages themselves are never framed");
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!("<iframe src=\"/api/v1/document-versions/{pid}/content\"")),
        "the PDF is shown inline"
    );

    // A text draft through the page's form (CSRF as its first field, never in the URL).
    let text = "I. MỤC TIÊU\n\n1. Lập quy hoạch.\n\n2. Công bố quy hoạch.\n";
    let form =
        page_document(&csrf, "Dự thảo văn bản", "draft", file("du-thao.txt", text.as_bytes().to_vec(), "text/plain"));
    let res =
        c.post(app.url(&format!("/plenums/{plenum}/items/{item}/documents"))).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/documents/") && to.ends_with("/versions/1"), "{to}");
    let html = c.get(app.url(&to)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(">I.1</a>") && html.contains("1. Lập quy hoạch."), "passages with their labels");

    // The list has them under their item, in the API and on the page.
    let list: Value =
        c.get(app.url(&format!("/api/v1/plenums/{plenum}/documents"))).send().await.unwrap().json().await.unwrap();
    let entry = list.as_array().unwrap().iter().find(|e| e["item"]["id"] == item).unwrap();
    let titles: Vec<&str> =
        entry["documents"].as_array().unwrap().iter().map(|d| d["document"]["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 4, "the demo's draft and three uploads: {titles:?}");
    assert_eq!(&titles[1..], ["Dự thảo Kế hoạch", "Tờ trình", "Dự thảo văn bản"]);
    let html = c.get(app.url(&format!("/plenums/{plenum}/documents"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Dự thảo văn bản") && html.contains("Tờ trình"));
}

#[tokio::test]
async fn refused_uploads_say_why_in_vietnamese_and_save_nothing() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let item = item_id(&app, 2).await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let url = app.url(&format!("/api/v1/items/{item}/documents"));
    let before = app.store.documents(plenum).await.unwrap().len();
    let head = app.store.history_head().await.unwrap().0;

    // An image.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .multipart(new_document("Ảnh", "other", file("anh.png", png.clone(), "image/png")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    assert_eq!(field_codes(&v), vec![("file".to_string(), "document-type".to_string())]);
    assert_eq!(
        v["error"]["fields"][0]["message"],
        "không phải tệp PDF, Word (.docx), Markdown hay văn bản; chỉ nhận các loại tệp này"
    );
    // Declared as a PDF does not make it one.
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .multipart(new_document("Giả PDF", "other", file("gia.pdf", png.clone(), "application/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);

    // Just over the limit.
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(20 * 1024 * 1024 + 1, b'0');
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .multipart(new_document("Lớn", "report", file("lon.pdf", big.clone(), "application/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    assert_eq!(field_codes(&v), vec![("file".to_string(), "document-too-large".to_string())]);
    assert_eq!(v["error"]["fields"][0]["message"], "tệp quá lớn; chỉ nhận tệp tối đa 20 MB");

    // Far over it, through the page: the body is cut off, the form comes back with what was typed.
    big.resize(23 * 1024 * 1024, b'0');
    let form = page_document(&csrf, "Báo cáo rất lớn", "report", file("rat-lon.pdf", big, "application/pdf"));
    let res =
        c.post(app.url(&format!("/plenums/{plenum}/items/{item}/documents"))).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Tệp tài liệu: tệp quá lớn; chỉ nhận tệp tối đa 20 MB"),
        "the Vietnamese message on the page"
    );
    assert!(html.contains("value=\"Báo cáo rất lớn\""), "the typed title is kept");

    // A legacy .doc, an empty title, a text in a legacy encoding: all named.
    let form = Form::new()
        .text("title", " ")
        .text("kind", "draft")
        .part("file", file("cu.doc", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "application/msword"));
    let v: Value =
        c.post(&url).header("x-csrf-token", &csrf).multipart(form).send().await.unwrap().json().await.unwrap();
    assert_eq!(
        field_codes(&v),
        vec![("title".to_string(), "required".to_string()), ("file".to_string(), "document-legacy-office".to_string())]
    );
    let form = new_document("Mã cũ", "draft", file("tcvn3.txt", b"\xd0i\xd2u 1. Ph\xb9m vi".to_vec(), "text/plain"));
    let v: Value =
        c.post(&url).header("x-csrf-token", &csrf).multipart(form).send().await.unwrap().json().await.unwrap();
    assert_eq!(field_codes(&v), vec![("file".to_string(), "document-encoding".to_string())]);

    // Without the CSRF token a cookie session cannot upload.
    let res = c
        .post(&url)
        .multipart(new_document("X", "draft", file("a.txt", b"1. A".to_vec(), "text/plain")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    assert_eq!(app.store.documents(plenum).await.unwrap().len(), before, "nothing saved");
    assert_eq!(app.store.history_head().await.unwrap().0, head, "nothing written to the history");
}

#[tokio::test]
async fn versions_are_numbered_and_changes_marked_word_by_word() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let item = item_id(&app, 6).await;
    let doc = app.store.documents(plenum).await.unwrap().into_iter().find(|d| d.item_id == item).unwrap();
    assert_eq!(doc.latest, 1, "the demo's draft is version 1");
    let v1 = app.store.document_versions(doc.id).await.unwrap().remove(0);
    let p1 = app.store.passages(v1.id).await.unwrap();
    let original = String::from_utf8(app.store.document_content(v1.id).await.unwrap()).unwrap();
    // Take in opinions: insert a new II.1, renumbering the points after it, and edit (the old) II.3.a.
    let mut in_section_two = false;
    let mut edited = String::new();
    for line in original.lines() {
        in_section_two = if line.starts_with("II. ") {
            true
        } else if line.starts_with("III. ") {
            false
        } else {
            in_section_two
        };
        let renumbered = match line.split_once(". ") {
            Some((n, rest)) if in_section_two && n.parse::<u32>().is_ok() => {
                format!("{}. {rest}", n.parse::<u32>().unwrap() + 1)
            }
            _ => line.to_string(),
        };
        edited.push_str(&renumbered.replace(
            "a) Bố trí tái định cư trước khi thu hồi đất;",
            "a) Bố trí đủ quỹ nhà tái định cư trước khi thu hồi đất;",
        ));
        edited.push('\n');
        if line.starts_with("II. ") {
            edited.push_str("\n1. Rà soát, hoàn thiện quy định về đất đai của Thành phố.\n");
        }
    }
    assert_ne!(edited, original);
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let url = app.url(&format!("/api/v1/documents/{}/versions", doc.id));
    let form = Form::new()
        .text("note", "Tiếp thu ý kiến các tổ")
        .text("based_on", "1")
        .part("file", file("du-thao-6-lan-2.txt", edited.clone().into_bytes(), "text/plain"));
    let res = c.post(&url).header("x-csrf-token", &csrf).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let v2: Value = res.json().await.unwrap();
    assert_eq!(v2["number"], 2);

    // Someone who still saw version 1 is told, and nothing is stacked on top.
    let form = Form::new().text("based_on", "1").part("file", file("cu.txt", b"1. Cu.".to_vec(), "text/plain"));
    let res = c.post(&url).header("x-csrf-token", &csrf).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "stale");
    assert_eq!(app.store.document(doc.id).await.unwrap().latest, 2);

    // Unchanged words keep their anchors, so opinions given on version 1 still land.
    let p2 = app.store.passages(v2["id"].as_i64().unwrap()).await.unwrap();
    let by_label =
        |ps: &[plenum_store::documents::Passage], l: &str| ps.iter().find(|p| p.label == l).unwrap().anchor.clone();
    assert_eq!(by_label(&p2, "II.3"), by_label(&p1, "II.2"), "renumbered, same anchor");
    assert_ne!(by_label(&p2, "II.4.a"), by_label(&p1, "II.3.a"), "edited, new anchor");

    // The page marks what changed, word by word, and keeps anchors as ids.
    let html = c.get(app.url(&format!("/documents/{}/versions/2", doc.id))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<ins>đủ quỹ nhà </ins>"), "inserted words marked");
    assert!(html.contains(&format!("id=\"{}\"", by_label(&p2, "II.1"))));
    assert!(html.contains("class=\"passage lv2 added\""), "the new point is marked as added");
    assert!(
        html.contains("Đoạn sửa: <strong>1</strong> · Đoạn thêm: <strong>1</strong> · Đoạn bỏ: <strong>0</strong>"),
        "the summary counts"
    );
    assert!(html.contains("trước là II.2"), "renumbered passages say where they were");
    let html = c.get(app.url(&format!("/documents/{}/versions/1", doc.id))).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("<ins>"), "version 1 has nothing to compare with");
    let res = c.get(app.url(&format!("/documents/{}", doc.id))).send().await.unwrap();
    assert_eq!(
        res.headers()["location"],
        format!("/documents/{}/versions/2", doc.id).as_str(),
        "the document opens at its latest version"
    );
    assert_eq!(c.get(app.url(&format!("/documents/{}/versions/9", doc.id))).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn a_delegate_sends_a_written_opinion_on_a_passage() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let item = item_id(&app, 6).await;
    let doc = app.store.documents(plenum).await.unwrap().into_iter().find(|d| d.item_id == item).unwrap();
    let v1 = app.store.document_versions(doc.id).await.unwrap().remove(0);
    let passage = app.store.passages(v1.id).await.unwrap().into_iter().find(|p| p.label == "II.1").unwrap();
    let page_url = app.url(&format!("/documents/{}/versions/1", doc.id));
    let post_url = app.url(&format!("/documents/{}/versions/1/opinions", doc.id));
    let (c, csrf) = app.login("daibieu", &password("daibieu")).await;
    let user = app.store.user_by_username("daibieu").await.unwrap().unwrap();
    let me = app.store.delegate_for_user(plenum, user.id).await.unwrap().expect("daibieu speaks as a delegate");

    let html = c.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("<li id=\"{}\"", passage.anchor)), "the passage has its anchor as id");
    assert!(html.contains("Góp ý đoạn II.1"), "a form under each passage");

    // Empty text: the form comes back open, the stance kept.
    let res = c
        .post(&post_url)
        .form(&[("csrf", csrf.as_str()), ("anchor", passage.anchor.as_str()), ("stance", "disagree"), ("text", "   ")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Nội dung ý kiến: bắt buộc phải nhập"));
    assert!(html.contains("value=\"disagree\" checked"));
    let before = app.store.opinions(plenum).await.unwrap().len();

    let text = "Đề nghị bổ sung hình thức lấy ý kiến trực tuyến.";
    let res = c
        .post(&post_url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("anchor", passage.anchor.as_str()),
            ("stance", "propose_change"),
            ("text", text),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/documents/{}/versions/1?sent={}#{}", doc.id, passage.anchor, passage.anchor).as_str()
    );
    let opinions = app.store.opinions(plenum).await.unwrap();
    assert_eq!(opinions.len(), before + 1);
    let o = opinions.last().unwrap();
    assert_eq!(
        (o.speech_id, o.delegate_id, o.item_id),
        (None, me.id, item),
        "a written opinion by the delegate on the item"
    );
    assert_eq!(o.passage_anchor.as_deref(), Some(passage.anchor.as_str()), "tied to the passage's anchor");
    assert_eq!((o.stance.as_str(), o.text.as_str()), ("propose_change", text));
    let html = c.get(format!("{page_url}?sent={}", passage.anchor)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Đã gửi ý kiến của đồng chí về đoạn này."));
    assert!(html.contains(text), "the delegate sees their own opinion under the passage");

    // An anchor that is not in this version is refused.
    let res = c
        .post(&post_url)
        .form(&[("csrf", csrf.as_str()), ("anchor", "000000000000"), ("stance", "agree"), ("text", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // Not a delegate: the office reads the passage but cannot send an opinion as someone.
    let (office, office_csrf) = app.login("thuky", &password("thuky")).await;
    let html = office.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("Góp ý đoạn"), "no opinion form for the office");
    let res = office
        .post(&post_url)
        .form(&[
            ("csrf", office_csrf.as_str()),
            ("anchor", passage.anchor.as_str()),
            ("stance", "agree"),
            ("text", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(app.store.opinions(plenum).await.unwrap().len(), before + 1);
}

#[tokio::test]
async fn the_office_convenes_a_plenum_and_builds_its_agenda() {
    let app = demo_app().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let home = c.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("href=\"/plenums/new\""), "the office is offered to convene");
    let form = c.get(app.url("/plenums/new")).send().await.unwrap().text().await.unwrap();
    let committee = app.store.plenums().await.unwrap()[0].committee_id;
    assert!(form.contains(&format!("<option value=\"{committee}\" selected>")), "the only committee is chosen already");

    let bad = [
        ("csrf", csrf.as_str()),
        ("committee_id", &committee.to_string()),
        ("ordinal", "mười hai"),
        ("title", "Hội nghị lần thứ 12"),
        ("starts_on", "2023-04-10"),
        ("ends_on", "2023-02-30"),
        ("place", ""),
    ];
    let res = c.post(app.url("/plenums/new")).form(&bad).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(!html.contains("nằm ngoài khoảng cho phép"), "a word is not a number out of range");
    for msg in ["Số thứ tự: phải là một số", "Ngày bế mạc: ngày không hợp lệ", "Địa điểm: bắt buộc phải nhập"]
    {
        assert!(html.contains(msg), "{msg}");
    }
    assert!(
        html.contains("value=\"Hội nghị lần thứ 12\"") && html.contains("value=\"mười hai\""),
        "what was typed is kept"
    );
    let taken = [
        ("csrf", csrf.as_str()),
        ("committee_id", &committee.to_string()),
        ("ordinal", "11"),
        ("title", "Trùng"),
        ("starts_on", "2023-04-10"),
        ("ends_on", "2023-04-10"),
        ("place", "Hà Nội"),
    ];
    let res = c.post(app.url("/plenums/new")).form(&taken).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("đã có hội nghị mang số thứ tự đó"));
    assert_eq!(app.store.plenums().await.unwrap().len(), 1, "nothing saved");

    let good = [
        ("csrf", csrf.as_str()),
        ("committee_id", &committee.to_string()),
        ("ordinal", "12"),
        ("title", "Hội nghị lần thứ 12"),
        ("starts_on", "2023-04-10"),
        ("ends_on", "2023-04-11"),
        ("place", "Trung tâm Hội nghị Thành phố"),
    ];
    let res = c.post(app.url("/plenums/new")).form(&good).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let plenum = app.store.plenums().await.unwrap().into_iter().find(|p| p.ordinal == 12).unwrap();
    assert_eq!(res.headers()["location"], format!("/plenums/{}/agenda", plenum.id).as_str());

    // The agenda: bad input comes back with its errors; good input is listed.
    let agenda = app.url(&format!("/plenums/{}/agenda", plenum.id));
    let html = c.get(&agenda).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("value=\"1\""), "the next number is offered");
    let res = c
        .post(&agenda)
        .form(&[
            ("csrf", csrf.as_str()),
            ("ordinal", "1"),
            ("title", ""),
            ("kind", "speech"),
            ("presenter", "Ban Tổ chức Thành ủy"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Tên nội dung: bắt buộc phải nhập"), "{html}");
    assert!(html.contains("Loại nội dung: lựa chọn không hợp lệ"), "{html}");
    assert!(html.contains("value=\"Ban Tổ chức Thành ủy\""));
    let res = c
        .post(&agenda)
        .form(&[
            ("csrf", csrf.as_str()),
            ("ordinal", "1"),
            ("title", "Báo cáo tình hình kinh tế - xã hội quý I"),
            ("kind", "report"),
            ("presenter", "Ban Cán sự Đảng UBND Thành phố"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = c.get(&agenda).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Báo cáo tình hình kinh tế - xã hội quý I"));
    assert!(html.contains("value=\"2\""), "and the next number moves on");
    let items = app.store.agenda_items(plenum.id).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].presenter, "Ban Cán sự Đảng UBND Thành phố");

    // A delegate may not convene or build the agenda.
    let (d, dcsrf) = app.login("daibieu", &password("daibieu")).await;
    assert_eq!(d.get(app.url("/plenums/new")).send().await.unwrap().status(), 403);
    assert_eq!(d.post(app.url("/plenums/new")).form(&[("csrf", dcsrf.as_str())]).send().await.unwrap().status(), 403);
}

#[tokio::test]
async fn demo_opinions_cite_passages_of_their_items_draft() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let docs = app.store.documents(plenum).await.unwrap();
    assert_eq!(docs.len(), 13, "one draft per item");
    let mut cited = 0;
    for o in app.store.opinions(plenum).await.unwrap() {
        let Some(anchor) = o.passage_anchor else { continue };
        let doc = docs.iter().find(|d| d.item_id == o.item_id).unwrap();
        let v = &app.store.document_versions(doc.id).await.unwrap()[0];
        assert!(
            app.store.passages(v.id).await.unwrap().iter().any(|p| p.anchor == anchor),
            "opinion {} cites {anchor}, a passage of its item's draft",
            o.id
        );
        cited += 1;
    }
    assert!(cited > 50, "{cited}");
    let res = client().get(app.url(&format!("/api/v1/plenums/{plenum}/documents"))).send().await.unwrap();
    assert_eq!(res.status(), 401, "documents are not public");
}

#[tokio::test]
async fn the_openapi_document_describes_the_documents_api() {
    let app = demo_app().await;
    let v: Value = client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for path in [
        "/api/v1/plenums/{id}/documents",
        "/api/v1/items/{item_id}/documents",
        "/api/v1/documents/{id}/versions",
        "/api/v1/document-versions/{id}",
        "/api/v1/document-versions/{id}/content",
    ] {
        assert!(v["paths"].get(path).is_some(), "{path} is documented");
    }
    let upload = &v["paths"]["/api/v1/items/{item_id}/documents"]["post"]["requestBody"]["content"];
    assert!(upload.get("multipart/form-data").is_some(), "uploads are multipart: {upload}");
    assert!(v["components"]["schemas"].get("VersionDetail").is_some());
}
