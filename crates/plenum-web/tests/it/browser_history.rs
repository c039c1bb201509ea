//! Browser test of the history register: an auditor filters it through the
//! plain GET form (no script needed), opens what an edit changed, and the
//! page fits 1366 and 768 px. Screenshots in test-artifacts/browser/.

use crate::common;

use common::browser::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn an_auditor_filters_the_register_and_reads_what_an_edit_changed() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    // The office corrects a delegate's attendance, so the register has an edit with its row before.
    let (office, csrf) = app.login("thuky", &common::password("thuky")).await;
    let delegate = app.store.delegates(plenum).await.unwrap().into_iter().next().unwrap();
    let res = office
        .post(app.url(&format!("/api/v1/delegates/{}/attendance", delegate.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"attendance": "absent", "reason": "Đi công tác", "version": delegate.version}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());

    let driver = Driver::start().await;
    let b = sign_in(&driver, &app, "kiemtra").await;
    b.set_window_size(1366, 900).await.unwrap();
    b.goto(&app.url("/history")).await.unwrap();
    assert_eq!(text(&b, "main h1").await, "Nhật ký thay đổi");
    assert!(count(&b, "table.register > tbody > tr").await > 0);
    shot(&b, "history-1366").await;

    // Filter by kind through the form: the address carries the filter, the lines are of that kind.
    b.execute("document.getElementById('f-kind').value = 'attendance'", vec![]).await.unwrap();
    find(&b, ".register-filter button[type=submit]").await.click().await.unwrap();
    until_text(&b, "table.register > tbody > tr:first-child", "an attendance line", |t| {
        t.contains("Điểm danh đại biểu")
    })
    .await;
    assert!(path(&b).await.starts_with("/history"));
    let url = b.current_url().await.unwrap();
    assert!(url.query().unwrap_or("").contains("kind=attendance"), "{url}");
    let kinds = texts(&b, "table.register > tbody > tr .tag").await;
    assert!(kinds.iter().all(|k| k == "Điểm danh"), "{kinds:?}");

    find(&b, "table.register > tbody > tr:first-child details.what summary").await.click().await.unwrap();
    let changed = text(&b, "table.register > tbody > tr:first-child table.fields").await;
    assert!(changed.contains("Tình trạng điểm danh") && changed.contains("Vắng mặt"), "{changed}");
    shot(&b, "history-filtered-1366").await;

    b.set_window_size(768, 1024).await.unwrap();
    let fits = b.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    shot(&b, "history-filtered-768").await;
    assert_eq!(fits, json!(true), "no horizontal scrollbar at 768 px");

    b.close().await;
}
