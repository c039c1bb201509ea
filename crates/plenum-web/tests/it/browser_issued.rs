//! Browser test of the office's page for the documents a plenum issues: from
//! the plenum's page to the resolution, its default text edited, the signer
//! named, saved; the page then shows the number the register gave it.
//! Screenshots at 1366 and 768 px in test-artifacts/browser/.

use crate::common;

use common::browser::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn the_office_edits_the_resolution_and_saving_numbers_it() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let b = sign_in(&driver, &app, "thuky").await;
    b.set_window_size(1366, 900).await.unwrap();
    b.goto(&app.url(&format!("/plenums/{plenum}"))).await.unwrap();
    click_link(&b, "Văn bản của Hội nghị").await;
    wait_for_path(&b, &format!("/plenums/{plenum}/issued/synthesis-report")).await;
    assert_eq!(text(&b, "main h1").await, "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến");
    click_link(&b, "Nghị quyết").await;
    wait_for_path(&b, &format!("/plenums/{plenum}/issued/resolution")).await;
    assert!(text(&b, "#issued-number").await.contains("Chưa lấy số"));
    let body = read(&b, "#issued-body").await;
    let default = b.execute("return document.querySelector('#issued-body').value", vec![]).await.unwrap();
    assert!(default.as_str().unwrap().contains("II. HỘI NGHỊ QUYẾT NGHỊ"), "the default text: {body}");
    shot(&b, "issued-resolution-default-1366").await;

    // The office writes its own text and names the signer.
    let body = find(&b, "#issued-body").await;
    body.clear().await.unwrap();
    body.send_keys("Hội nghị thống nhất thông qua các nội dung.\n\nI. QUYẾT NGHỊ\n1. Giao Ban Thường vụ hoàn thiện.")
        .await
        .unwrap();
    find(&b, "#issued-signer-name").await.send_keys("Đinh Tiến Dũng").await.unwrap();
    find(&b, "form[action$='/issued/resolution'] button[type=submit]").await.click().await.unwrap();
    until_text(&b, "#issued-number", "the register's number", |t| t.contains("Số 01-NQ/TU")).await;
    let saved = b.execute("return document.querySelector('#issued-signer-name').value", vec![]).await.unwrap();
    assert_eq!(saved, json!("Đinh Tiến Dũng"));
    let doc = app
        .store
        .issued_document(plenum, plenum_core::synthesize::issued::IssuedKind::Resolution)
        .await
        .unwrap()
        .expect("saved");
    assert_eq!((doc.number, doc.body.lines().count()), (1, 4), "{:?}", doc.body);
    shot(&b, "issued-resolution-saved-1366").await;

    b.set_window_size(768, 1024).await.unwrap();
    shot(&b, "issued-resolution-saved-768").await;
    let wide = b.execute("return document.documentElement.scrollWidth > window.innerWidth", vec![]).await.unwrap();
    assert_eq!(wide, json!(false), "nothing spills sideways at 768 px");
    b.close().await;
}
