//! Browser test of the documents part: the office uploads a text draft
//! through the real form, a delegate opens it, reads its numbered passages and
//! sends a written opinion on passage II.1; then the office uploads a revised
//! version and sees what changed. Screenshots in test-artifacts/browser/.

use crate::common;

use common::browser::*;
use fantoccini::Locator;
use serde_json::json;

const DRAFT: &str = "DỰ THẢO\nQUY CHẾ LÀM VIỆC CỦA TỔ THẢO LUẬN\n\nI. QUY ĐỊNH CHUNG\n\n1. Tổ thảo luận làm việc theo nguyên tắc tập trung dân chủ.\n\n2. Tổ trưởng điều hành thảo luận; thư ký tổ ghi biên bản.\n\nII. THẢO LUẬN VÀ GHI NHẬN Ý KIẾN\n\n1. Mỗi đại biểu phát biểu không quá 7 phút.\n\na) Đại biểu đăng ký phát biểu với thư ký tổ.\n\nb) Ý kiến bằng văn bản được gửi trước khi kết thúc phiên thảo luận.\n\n2. Thư ký tổ tổng hợp ý kiến gửi Văn phòng Thành ủy.\n";

async fn sign_in(b: &Browser, app: &common::TestApp, who: &str) {
    b.delete_all_cookies().await.unwrap();
    b.goto(&app.url("/login")).await.unwrap();
    submit_login(b, who, &common::password(who)).await;
    wait_for_path(b, "/").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn office_uploads_a_draft_and_a_delegate_comments_on_a_passage() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let item = app.store.agenda_items(plenum).await.unwrap().into_iter().find(|i| i.ordinal == 2).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let draft_path = dir.path().join("quy-che-to-thao-luan.txt");
    std::fs::write(&draft_path, DRAFT).unwrap();

    let driver = Driver::start().await;
    let b = Browser::start(&driver).await;

    // The office reaches the documents from the plenum page.
    sign_in(&b, &app, "thuky").await;
    b.goto(&app.url(&format!("/plenums/{plenum}"))).await.unwrap();
    click_link(&b, "Tài liệu").await;
    wait_for_path(&b, &format!("/plenums/{plenum}/documents")).await;
    assert_eq!(text(&b, "main h1").await, "Tài liệu hội nghị");
    assert_eq!(count(&b, "li.doc-item").await, 13, "every agenda item is listed");
    shot(&b, "documents-office").await;

    // Upload through the real form of item 2: forgetting the title keeps the form open, with the message.
    let form = format!("#item-{} > details.upload", item.id);
    find(&b, &format!("{form} > summary")).await.click().await.unwrap();
    find(&b, &format!("#d-file-{}", item.id)).await.send_keys(&draft_path.display().to_string()).await.unwrap();
    b.execute(
        "document.getElementById(arguments[0]).removeAttribute('required')",
        vec![json!(format!("d-title-{}", item.id))],
    )
    .await
    .unwrap();
    find(&b, &format!("{form} button[type=submit]")).await.click().await.unwrap();
    wait_for_path(&b, &format!("/plenums/{plenum}/items/{}/documents", item.id)).await;
    assert_eq!(text(&b, &format!("{form} [role=alert] ul.error")).await, "Tiêu đề: bắt buộc phải nhập");
    assert!(find(&b, &form).await.attr("open").await.unwrap().is_some(), "the form stays open");
    shot(&b, "documents-upload-refused").await;

    find(&b, &format!("#d-title-{}", item.id))
        .await
        .send_keys("Dự thảo Quy chế làm việc của tổ thảo luận")
        .await
        .unwrap();
    find(&b, &format!("#d-kind-{} option[value=draft]", item.id)).await.click().await.unwrap();
    find(&b, &format!("#d-note-{}", item.id)).await.send_keys("Trình Hội nghị").await.unwrap();
    find(&b, &format!("#d-file-{}", item.id)).await.send_keys(&draft_path.display().to_string()).await.unwrap();
    find(&b, &format!("{form} button[type=submit]")).await.click().await.unwrap();
    let deadline = std::time::Instant::now() + WAIT;
    let doc = loop {
        let docs = app.store.documents(plenum).await.unwrap();
        if let Some(d) = docs.into_iter().find(|d| d.title == "Dự thảo Quy chế làm việc của tổ thảo luận")
        {
            break d;
        }
        assert!(std::time::Instant::now() < deadline, "the upload was not saved");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    wait_for_path(&b, &format!("/documents/{}/versions/1", doc.id)).await;
    assert_eq!(text(&b, "main h1").await, "Dự thảo Quy chế làm việc của tổ thảo luận");
    let labels = texts(&b, "ol.passages li .label").await;
    assert_eq!(labels, ["¶1", "I", "I.1", "I.2", "II", "II.1", "II.1.a", "II.1.b", "II.2"]);
    shot(&b, "document-version-office").await;

    // A delegate opens it from the documents page and sees the numbered passages.
    sign_in(&b, &app, "daibieu").await;
    b.goto(&app.url(&format!("/plenums/{plenum}/documents"))).await.unwrap();
    click_link(&b, "Dự thảo Quy chế làm việc của tổ thảo luận").await;
    wait_for_path(&b, &format!("/documents/{}/versions/1", doc.id)).await;
    assert_eq!(texts(&b, "ol.passages li .label").await.len(), 9);
    let passage = app
        .store
        .passages(app.store.document_versions(doc.id).await.unwrap()[0].id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.label == "II.1")
        .unwrap();
    let li = format!("li[id='{}']", passage.anchor);
    assert_eq!(text(&b, &format!("{li} p.text")).await, "1. Mỗi đại biểu phát biểu không quá 7 phút.");
    shot(&b, "document-version-delegate").await;

    // The opinion form under II.1: closed until asked for, then a stance and the text.
    find(&b, &format!("{li} details.opinion > summary")).await.click().await.unwrap();
    assert_eq!(text(&b, &format!("{li} details.opinion > summary")).await, "Góp ý đoạn II.1");
    find(&b, &format!("{li} input[name=stance][value=propose_change]")).await.click().await.unwrap();
    let opinion = "Đề nghị cho phép tổ trưởng kéo dài thêm 3 phút khi cần.";
    find(&b, &format!("{li} textarea")).await.send_keys(opinion).await.unwrap();
    shot(&b, "document-opinion-form").await;
    find(&b, &format!("{li} button[type=submit]")).await.click().await.unwrap();
    wait_for_path(&b, &format!("/documents/{}/versions/1", doc.id)).await;
    assert_eq!(text(&b, &format!("{li} p.ok[role=status]")).await, "Đã gửi ý kiến của đồng chí về đoạn này.");
    assert!(
        text(&b, &format!("{li} ul.mine")).await.contains(opinion),
        "the delegate sees their opinion under the passage"
    );
    assert_eq!(text(&b, &format!("{li} .count")).await, "1 ý kiến");
    let target = b.execute("return location.hash", vec![]).await.unwrap();
    assert_eq!(target, json!(format!("#{}", passage.anchor)), "back at the passage");
    shot(&b, "document-opinion-sent").await;
    let saved = app.store.opinions(plenum).await.unwrap().into_iter().last().unwrap();
    assert_eq!(
        (saved.passage_anchor.as_deref(), saved.speech_id, saved.text.as_str()),
        (Some(passage.anchor.as_str()), None, opinion)
    );

    // The office takes it in: version 2, with the change marked word by word.
    let revised = DRAFT.replace("không quá 7 phút.", "không quá 7 phút; tổ trưởng có thể cho thêm 3 phút.");
    let revised_path = dir.path().join("quy-che-lan-2.txt");
    std::fs::write(&revised_path, revised).unwrap();
    sign_in(&b, &app, "thuky").await;
    b.goto(&app.url(&format!("/plenums/{plenum}/documents"))).await.unwrap();
    let vform = format!("#item-{} li.doc details.upload", item.id);
    let forms = b.find_all(Locator::Css(&vform)).await.unwrap();
    assert_eq!(forms.len(), 2, "the demo draft and the new one");
    let summary = format!("//input[@id='v-note-{}']/ancestor::details[1]/summary", doc.id);
    b.wait().at_most(WAIT).for_element(Locator::XPath(&summary)).await.unwrap().click().await.unwrap();
    find(&b, &format!("#v-note-{}", doc.id)).await.send_keys("Tiếp thu ý kiến đại biểu").await.unwrap();
    find(&b, &format!("#v-file-{}", doc.id)).await.send_keys(&revised_path.display().to_string()).await.unwrap();
    find(&b, &format!("#v-file-{} ~ button[type=submit]", doc.id)).await.click().await.unwrap();
    wait_for_path(&b, &format!("/documents/{}/versions/2", doc.id)).await;
    assert_eq!(text(&b, ".version-picker a[aria-current=page]").await, "Lần 2");
    assert_eq!(text(&b, "li.edited .label").await, "II.1");
    assert_eq!(text(&b, "li.edited ins").await, "phút; tổ trưởng có thể cho thêm 3");
    assert_eq!(count(&b, "li.added").await, 0);
    shot(&b, "document-version-2-changes").await;

    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reading_a_draft_fits_a_tablet() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let doc = app.store.documents(plenum).await.unwrap().remove(0);
    let driver = Driver::start().await;
    let b = Browser::start(&driver).await;
    b.set_window_size(768, 1024).await.unwrap();
    sign_in(&b, &app, "daibieu").await;
    b.goto(&app.url(&format!("/documents/{}/versions/1", doc.id))).await.unwrap();
    wait_for_path(&b, &format!("/documents/{}/versions/1", doc.id)).await;
    assert!(count(&b, "ol.passages li").await > 20);
    find(&b, "ol.passages li:nth-child(4) details.opinion > summary").await.click().await.unwrap();
    let fits = b.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    shot(&b, "document-version-tablet").await;
    assert_eq!(fits, json!(true), "no horizontal scrolling at 768 px");
    b.close().await;
}
