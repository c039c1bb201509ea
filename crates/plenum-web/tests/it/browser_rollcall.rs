//! Browser test: the roll call of the demo's 71 members (and 6 guests) in
//! Chromium. The secretary marks everyone present, then finds three members
//! by the search and marks them absent with their reasons, all without a
//! reload (a marker set on the window survives). At 1366 and 768 px, with
//! screenshots in test-artifacts/browser/.

use crate::common;

use common::browser::*;
use plenum_core::prepare::roster::fold;
use serde_json::json;

/// Find a delegate by the search (as typed: without diacritics), mark them absent with a reason, and wait for the row's answer.
async fn absent(b: &Browser, id: i64, name: &str, reason: &str) {
    let q = find(b, "#roll-q").await;
    q.clear().await.unwrap();
    q.send_keys(name).await.unwrap();
    until_text(b, "[data-roll-count]", "one row shown", |t| t == "Đang hiển thị 1 trong 77 đại biểu.").await;
    assert_eq!(count(b, "table.roll tbody tr:not([hidden])").await, 1);
    find(b, &format!("#att-{id}")).await.send_keys("Vắng mặt").await.unwrap();
    find(b, &format!("#reason-{id}")).await.send_keys(reason).await.unwrap();
    find(b, &format!("#d{id} .roll-form button")).await.click().await.unwrap();
    until_text(b, &format!("#d{id} .row-note.ok"), "the row saved in place", |t| t == "Đã lưu điểm danh.").await;
    assert_eq!(read(b, &format!("#d{id} .badge")).await, "Vắng mặt");
    assert_eq!(read(b, &format!("#d{id} .reason")).await, reason);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secretary_marks_all_71_present_then_three_absent_with_reasons_without_a_reload() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let roster = format!("/plenums/{id}/delegates");
    let driver = Driver::start().await;
    let b = sign_in(&driver, &app, "thuky").await;
    b.set_window_size(1366, 900).await.unwrap();
    b.goto(&app.url(&roster)).await.unwrap();
    find(&b, "#roll[data-roll-ready]").await;
    find(&b, "[data-live-indicator].on").await;
    assert_eq!(read(&b, "[data-quorum-present]").await, "0");
    assert_eq!(read(&b, "[data-quorum-members]").await, "71");
    assert_eq!(read(&b, "[data-roll-count]").await, "Đang hiển thị 77 trong 77 đại biểu.");
    mark(&b).await;
    shot(&b, "rollcall-1366").await;

    // Everyone present, in place: the roll is swapped, the quorum follows live.
    find(&b, "#roll-all-present").await.click().await.unwrap();
    until_text(&b, "[data-roll-notice]", "the notice", |t| t == "Đã điểm danh có mặt 77 đại biểu.").await;
    until_text(&b, "[data-quorum-present]", "all 71 members present", |t| t == "71").await;
    assert_eq!(count(&b, "table.roll tbody .badge.att-present").await, 77);
    assert_eq!(find(&b, "#roll-all-present").await.attr("disabled").await.unwrap().as_deref(), Some("true"));
    not_reloaded(&b, "roll call").await;

    // Three members away, each found by the search (typed without diacritics), each with a reason.
    let all = app.store.delegates(id).await.unwrap();
    // Members whose name, typed in full, finds no one else.
    let unique: Vec<_> = all
        .iter()
        .filter(|d| d.kind.as_str() == "member")
        .filter(|d| {
            all.iter().filter(|o| fold(&format!("{} {}", o.full_name, o.unit)).contains(&fold(&d.full_name))).count()
                == 1
        })
        .collect();
    let away = [
        (unique[5], "Đi công tác nước ngoài"),
        (unique[30], "Ốm, có đơn xin phép"),
        (unique[unique.len() - 1], "Dự hội nghị của Trung ương"),
    ];
    for (d, reason) in away {
        absent(&b, d.id, &fold(&d.full_name), reason).await;
    }
    until_text(&b, "[data-quorum-present]", "68 members in the room", |t| t == "68").await;
    not_reloaded(&b, "roll call").await;

    // The status filter shows just those three.
    find(&b, "#roll-q").await.clear().await.unwrap();
    find(&b, "#roll-status").await.send_keys("Vắng mặt").await.unwrap();
    until_text(&b, "[data-roll-count]", "three absent shown", |t| t == "Đang hiển thị 3 trong 77 đại biểu.").await;
    assert_eq!(count(&b, "table.roll tbody tr:not([hidden])").await, 3);
    assert!(path(&b).await.starts_with(&roster));
    let url = b.current_url().await.unwrap();
    assert_eq!(url.query(), Some("status=absent"), "the address keeps the filter");
    b.execute("document.getElementById('roll').scrollIntoView()", vec![]).await.unwrap();
    shot(&b, "rollcall-absent-1366").await;
    not_reloaded(&b, "roll call").await;

    for (d, reason) in away {
        let now = app.store.delegate(d.id).await.unwrap();
        assert_eq!((now.attendance.as_str(), now.attendance_reason.as_str()), ("absent", reason));
    }
    let present = app.store.delegates(id).await.unwrap().iter().filter(|d| d.attendance.as_str() == "present").count();
    assert_eq!(present, 74, "77 less the three away");

    // At tablet width: the same filter, no sideways scrolling, compact rows.
    b.set_window_size(768, 1024).await.unwrap();
    b.goto(&app.url(&roster)).await.unwrap();
    find(&b, "#roll[data-roll-ready]").await;
    let fits = b.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    b.execute("document.getElementById('roll').scrollIntoView()", vec![]).await.unwrap();
    shot(&b, "rollcall-768").await;
    assert_eq!(fits, json!(true), "horizontal scrollbar at 768 px");
    let row = b
        .execute("return document.querySelector('table.roll tbody tr').getBoundingClientRect().height", vec![])
        .await
        .unwrap();
    assert!(row.as_f64().unwrap() < 120.0, "a row is compact at 768 px: {row}");
    b.close().await;
}
