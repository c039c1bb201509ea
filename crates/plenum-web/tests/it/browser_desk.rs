//! The secretary's desk in a real browser: a speech and two opinions recorded
//! with the keyboard alone, while the statistics page, open in a second
//! browser, follows without a reload. Screenshots at desktop and tablet width.

use crate::common;

use std::time::{Duration, Instant};

use common::browser::*;
use fantoccini::Client;
use serde_json::{json, Value};

const ENTER: &str = "\u{E007}";
const ALT: &str = "\u{E00A}";
/// Releases every held modifier.
const RELEASE: &str = "\u{E000}";

/// Wait until a script's condition holds in the page (after a swap or a live update).
async fn wait_until(client: &Client, condition: &str, what: &str) {
    let deadline = Instant::now() + WAIT;
    let script = format!("return Boolean({condition})");
    loop {
        if client.execute(&script, vec![]).await.unwrap() == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "still waiting for {what} ({condition})");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn eval(client: &Client, expr: &str) -> Value {
    client.execute(&format!("return {expr}"), vec![]).await.unwrap()
}

async fn sign_in(b: &Client, app: &common::TestApp, who: &str) {
    b.goto(&app.url("/login")).await.unwrap();
    submit_login(b, who, &common::password(who)).await;
    wait_for_path(b, "/").await;
}

async fn fits_width(b: &Client) -> bool {
    eval(b, "document.documentElement.scrollWidth <= window.innerWidth").await == json!(true)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secretary_records_by_keyboard_and_the_statistics_follow_live() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let watcher = Browser::start(&driver).await;
    let desk = Browser::start(&driver).await;
    for b in [&watcher, &desk] {
        b.set_window_size(1280, 900).await.unwrap();
    }

    // A delegate watches the statistics.
    sign_in(&watcher, &app, "daibieu").await;
    watcher.goto(&app.url(&format!("/plenums/{id}/statistics"))).await.unwrap();
    assert_eq!(text(&watcher, "main h1").await, "Thống kê thảo luận");
    assert_eq!(text(&watcher, "#stats-summary").await, "59 lượt phát biểu với 130 ý kiến về 13 nội dung");
    assert_eq!(count(&watcher, ".stats-chart svg[role=img] text.item").await, 13, "a bar per item");
    assert_eq!(count(&watcher, "table.stats-items tbody tr").await, 13);
    wait_until(&watcher, "document.querySelector('.live-status.on')", "the live connection").await;
    // Set on this page only: a reload would lose it.
    watcher.execute("window.stillTheSamePage = true", vec![]).await.unwrap();
    shot(&watcher, "statistics").await;

    // The secretary opens the desk: the hall's open session, the focus in the speaker box.
    sign_in(&desk, &app, "thuky").await;
    desk.goto(&app.url(&format!("/plenums/{id}/desk"))).await.unwrap();
    assert_eq!(text(&desk, "main h1").await, "Bàn thư ký");
    assert_eq!(text(&desk, "#session option:checked").await, "Thảo luận tại Hội trường (đang họp)");
    assert_eq!(eval(&desk, "document.activeElement.id").await, json!("speaker"));
    assert_eq!(text(&desk, ".desk-count").await, "15 lượt phát biểu, 38 ý kiến");
    wait_until(&desk, "document.querySelector('.live-status.on')", "the desk's live connection").await;
    desk.execute("window.stillTheSamePage = true", vec![]).await.unwrap();
    shot(&desk, "desk").await;

    // The speaker by name, Enter: the focus moves to the opinion box of the new speech.
    desk.active_element().await.unwrap().send_keys(&format!("Nguyễn Hữu Phúc{ENTER}")).await.unwrap();
    wait_until(&desk, "document.activeElement.id === 'opinion-text' && /Nguyễn Hữu Phúc/.test(document.querySelector('.desk-current').textContent)", "the new speech's opinion form").await;
    assert_eq!(text(&desk, ".desk-count").await, "16 lượt phát biểu, 38 ý kiến");
    assert_eq!(text(&desk, "ol.speeches > li.current .speech-head strong").await, "Nguyễn Hữu Phúc");

    // Two opinions, each: Alt+digit for the stance, the text, Enter.
    let opinions = [
        ("1", "Nhất trí với báo cáo kết quả công tác xây dựng Đảng."),
        ("3", "Đề nghị bổ sung giải pháp cho chi bộ ở khu chung cư."),
    ];
    for (n, (digit, said)) in opinions.iter().enumerate() {
        desk.active_element().await.unwrap().send_keys(&format!("{ALT}{digit}{RELEASE}{said}{ENTER}")).await.unwrap();
        wait_until(
            &desk,
            &format!("document.querySelectorAll('ol.speeches > li.current ul.opinions li').length === {}", n + 1),
            "the opinion in the record",
        )
        .await;
        wait_until(
            &desk,
            "document.activeElement.id === 'opinion-text' && document.activeElement.value === ''",
            "an empty opinion box with the focus",
        )
        .await;
    }
    assert_eq!(texts(&desk, "ol.speeches > li.current ul.opinions .text").await, opinions.map(|(_, t)| t.to_string()));
    assert_eq!(
        texts(&desk, "ol.speeches > li.current ul.opinions .badge").await,
        ["Tán thành", "Đề nghị sửa đổi, bổ sung"]
    );
    assert_eq!(text(&desk, ".desk-count").await, "16 lượt phát biểu, 40 ý kiến");
    assert_eq!(eval(&desk, "window.stillTheSamePage === true").await, json!(true), "the desk sent everything in place");
    let saved = app.store.opinions(id).await.unwrap();
    let stances: Vec<&str> = saved.iter().rev().take(2).rev().map(|o| o.stance.as_str()).collect();
    assert_eq!(stances, ["agree", "propose_change"]);
    shot(&desk, "desk-recorded").await;

    // The statistics followed, live.
    wait_until(
        &watcher,
        "document.getElementById('stats-summary').textContent === '60 lượt phát biểu với 132 ý kiến về 13 nội dung'",
        "the live statistics",
    )
    .await;
    assert_eq!(text(&watcher, "#stats-summary").await, "60 lượt phát biểu với 132 ý kiến về 13 nội dung");
    assert_eq!(eval(&watcher, "window.stillTheSamePage === true").await, json!(true), "updated without a reload");
    shot(&watcher, "statistics-live").await;

    // Tablet width: nothing spills sideways.
    for (b, name) in [(&desk, "desk-tablet"), (&watcher, "statistics-tablet")] {
        b.set_window_size(768, 1024).await.unwrap();
        b.refresh().await.unwrap();
        find(b, "main h1").await;
        shot(b, name).await;
        let widths = eval(b, "[document.documentElement.scrollWidth, window.innerWidth]").await;
        assert!(fits_width(b).await, "{name}: horizontal scroll at 768 px: {widths}");
    }

    watcher.close().await;
    desk.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_correction_in_the_browser_keeps_the_typed_text() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let b = Browser::start(&driver).await;
    b.set_window_size(1280, 900).await.unwrap();
    sign_in(&b, &app, "thukyto").await;
    b.goto(&app.url(&format!("/plenums/{id}/desk"))).await.unwrap();
    assert_eq!(text(&b, "#session option:checked").await, "Thảo luận Tổ 1 (đã kết thúc)");
    assert_eq!(count(&b, "#session option").await, 1, "a group secretary has her group's session only");

    // She opens a correction; meanwhile someone else corrects the same opinion.
    // The record is a live region (refetched once the stream connects): press retries a swapped link.
    press(&b, "ol.speeches ul.opinions a.edit").await;
    wait_until(&b, "document.getElementById('edit-form')", "the correction form").await;
    let oid: i64 = path(&b).await.rsplit('/').next().unwrap().parse().unwrap();
    let o = app.store.opinion(oid).await.unwrap();
    let change = plenum_store::input::OpinionChange {
        stance: o.stance.as_str().to_string(),
        text: "Bản sửa của người khác.".into(),
        passage_anchor: None,
        item_id: o.item_id,
    };
    app.store.update_opinion(&plenum_store::Actor::system("test"), oid, o.version, change).await.unwrap();

    let area = find(&b, "#edit-text").await;
    area.clear().await.unwrap();
    area.send_keys("Nội dung tôi vừa gõ.").await.unwrap();
    find(&b, "#edit-form button[type=submit]").await.click().await.unwrap();
    wait_until(&b, "document.querySelector('.desk-saved')", "the stale message").await;
    assert!(text(&b, "[role=alert] ul.error").await.starts_with("Ý kiến này vừa được người khác sửa"));
    assert_eq!(
        eval(&b, "document.activeElement.getAttribute('role')").await,
        json!("alert"),
        "the message has the focus, in view"
    );
    assert_eq!(text(&b, ".desk-saved blockquote").await, "Bản sửa của người khác.");
    assert_eq!(find(&b, "#edit-text").await.prop("value").await.unwrap().as_deref(), Some("Nội dung tôi vừa gõ."));
    shot(&b, "desk-stale").await;

    // Saving again, knowingly, replaces the other text.
    find(&b, "#edit-form button[type=submit]").await.click().await.unwrap();
    wait_until(&b, "document.getElementById('desk-work')", "back at the desk").await;
    assert_eq!(app.store.opinion(oid).await.unwrap().text, "Nội dung tôi vừa gõ.");
    b.close().await;
}
