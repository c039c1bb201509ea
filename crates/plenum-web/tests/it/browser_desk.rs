//! The secretary's desk in a real browser: a speech and two opinions recorded
//! with the keyboard alone, while the statistics page, open in a second
//! browser, follows without a reload. Screenshots at desktop and tablet width.
//! The opinion form follows a speech the chair has just stopped, and never
//! moves under typed text: it says it is behind, and Alt+N switches.

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

/// The chair, through the API, gives the floor to a delegate and stops them:
/// a new speech in the hall, on its current item. Returns the speech.
async fn the_chair_stops_a_speaker(app: &common::TestApp, speaker: &str) -> plenum_store::Speech {
    common::chair::Floor::give(app, speaker).await.stop(app).await
}

/// The desk's opinion form as the page shows it: the speech it files under, and the line naming it.
async fn form_speech(b: &Client) -> (i64, String) {
    let id = eval(b, "document.querySelector('#opinion-form input[name=speech_id]').value").await;
    (id.as_str().unwrap().parse().unwrap(), text(b, ".desk-current").await)
}

/// Open the hall's desk as the secretary, with the live connection up.
async fn open_desk(driver: &Driver, app: &common::TestApp) -> Browser {
    let id = app.demo_plenum_id().await;
    let desk = Browser::start(driver).await;
    desk.set_window_size(1366, 900).await.unwrap();
    sign_in(&desk, app, "thuky").await;
    desk.goto(&app.url(&format!("/plenums/{id}/desk"))).await.unwrap();
    assert_eq!(text(&desk, "#session option:checked").await, "Thảo luận tại Hội trường (đang họp)");
    wait_until(&desk, "document.querySelector('.live-status.on')", "the desk's live connection").await;
    desk.execute("window.stillTheSamePage = true", vec![]).await.unwrap();
    desk
}

#[tokio::test(flavor = "multi_thread")]
async fn an_opinion_typed_right_after_the_chair_stops_a_speaker_lands_on_that_speech() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let desk = open_desk(&driver, &app).await;
    let (before, label) = form_speech(&desk).await;
    assert!(label.starts_with("#15 · Ngô Quang Vinh · Nội dung 3"), "the desk opens on the newest speech: {label}");
    shot(&desk, "desk-follow-before").await;

    // The chair stops a speaker on the hall's current item (item 1): the list shows the new speech.
    let speech = the_chair_stops_a_speaker(&app, "Nguyễn Hữu Phúc").await;
    assert_ne!(speech.id, before);
    let item = app.store.agenda_items(id).await.unwrap().into_iter().find(|i| i.id == speech.item_id).unwrap();
    assert_eq!(item.ordinal, 1);
    wait_until(
        &desk,
        &format!("document.querySelector('ol.speeches > li:first-child')?.id === 'speech-{}'", speech.id),
        "the new speech in the desk's list",
    )
    .await;

    // What the form shows now: read here, checked once the opinion is filed.
    let shown = form_speech(&desk).await;
    let shown_item = eval(&desk, "document.getElementById('opinion-item').value").await;
    let notices = count(&desk, ".desk-behind").await;
    shot(&desk, "desk-follow-moved").await;

    // By keyboard only, as a secretary works: Tab to the opinion box, Alt+3, the text, Enter.
    let mut tabs = 0;
    while eval(&desk, "document.activeElement.id").await != json!("opinion-text") {
        assert!(tabs < 20, "the opinion box is reachable with Tab");
        desk.active_element().await.unwrap().send_keys("\u{E004}").await.unwrap();
        tabs += 1;
    }
    let said = "Đề nghị bổ sung chỉ tiêu về phát triển đảng viên trong doanh nghiệp tư nhân.";
    desk.active_element().await.unwrap().send_keys(&format!("{ALT}3{RELEASE}{said}{ENTER}")).await.unwrap();
    wait_until(&desk, &format!("document.body.textContent.includes('{said}')"), "the opinion in the record").await;
    let saved = app.store.opinions(id).await.unwrap().into_iter().find(|o| o.text == said).unwrap();
    assert_eq!(
        (saved.speech_id, saved.item_id, saved.stance.as_str()),
        (Some(speech.id), speech.item_id, "propose_change"),
        "filed under the speech just ended and its item"
    );
    assert_eq!(shown.0, speech.id, "the form had moved to the new speech");
    assert!(shown.1.starts_with("#16 · Nguyễn Hữu Phúc · Nội dung 1"), "and named it: {}", shown.1);
    assert_eq!(shown_item, json!(item.id.to_string()), "with its item");
    assert_eq!(notices, 0, "nothing was typed: no notice, the form simply moved");
    assert_eq!(count(&desk, &format!("#speech-{} ul.opinions li", speech.id)).await, 1);
    assert_eq!(eval(&desk, "window.stillTheSamePage === true").await, json!(true), "the desk followed in place");
    shot(&desk, "desk-follow-recorded").await;
    desk.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_speech_arriving_while_text_is_typed_waits_for_one_key() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let driver = Driver::start().await;
    let desk = open_desk(&driver, &app).await;
    let (before, old_label) = form_speech(&desk).await;

    // Half-way through an opinion of #15, the chair stops the next speaker.
    find(&desk, "#opinion-text").await.click().await.unwrap();
    let said = "Đề nghị làm rõ trách nhiệm người đứng đầu";
    desk.active_element().await.unwrap().send_keys(said).await.unwrap();
    let speech = the_chair_stops_a_speaker(&app, "Nguyễn Hữu Phúc").await;

    // The form stays under her hands, and says so, with the key that switches.
    wait_until(&desk, "document.querySelector('.desk-behind')", "the notice of a newer speech").await;
    assert_eq!(form_speech(&desk).await, (before, old_label), "the form did not move");
    let notice = text(&desk, "[role=alert] .desk-behind").await;
    assert!(notice.contains("#15 · Ngô Quang Vinh · Nội dung 3"), "{notice}");
    assert!(notice.contains("#16 · Nguyễn Hữu Phúc · Nội dung 1"), "{notice}");
    assert!(notice.contains("Alt+N"), "the notice names its key: {notice}");
    let colour = eval(&desk, "getComputedStyle(document.querySelector('.desk-behind')).backgroundColor").await;
    assert_ne!(colour, json!("rgba(0, 0, 0, 0)"), "the notice stands out");
    assert_eq!(eval(&desk, "document.activeElement.id").await, json!("opinion-text"), "the focus stayed");
    assert_eq!(eval(&desk, "document.activeElement.value").await, json!(said));
    shot(&desk, "desk-behind-notice").await;

    // Alt+N: the form is on the new speech, the text kept, the notice gone; the opinion lands there.
    desk.active_element().await.unwrap().send_keys(&format!("{ALT}n{RELEASE}")).await.unwrap();
    wait_until(&desk, "!document.querySelector('.desk-behind')", "the notice to go").await;
    let (now, label) = form_speech(&desk).await;
    assert_eq!(now, speech.id);
    assert!(label.starts_with("#16 · Nguyễn Hữu Phúc · Nội dung 1"), "{label}");
    assert_eq!(eval(&desk, "document.activeElement.id").await, json!("opinion-text"));
    assert_eq!(eval(&desk, "document.activeElement.value").await, json!(said), "the text is kept");
    shot(&desk, "desk-behind-switched").await;
    desk.active_element().await.unwrap().send_keys(&format!(".{ALT}1{RELEASE}{ENTER}")).await.unwrap();
    let written = format!("{said}.");
    wait_until(
        &desk,
        &format!("document.querySelectorAll('#speech-{} ul.opinions li').length === 1", speech.id),
        "the opinion under the new speech",
    )
    .await;
    let saved = app.store.opinions(id).await.unwrap().into_iter().find(|o| o.text == written).unwrap();
    assert_eq!((saved.speech_id, saved.item_id), (Some(speech.id), speech.item_id));

    // Alt+N also reaches the speech just ended from anywhere: from an older speech, one key.
    desk.goto(&app.url(&format!("/plenums/{id}/desk?speech={before}"))).await.unwrap();
    assert_eq!(form_speech(&desk).await.0, before);
    desk.active_element().await.unwrap().send_keys(&format!("{ALT}n{RELEASE}")).await.unwrap();
    wait_until(&desk, "document.activeElement.id === 'opinion-text'", "the opinion box").await;
    assert_eq!(form_speech(&desk).await.0, speech.id);
    desk.close().await;
}
