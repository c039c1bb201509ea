//! The plenum live, end to end, in five browsers at once: a delegate asks to
//! speak on the tablet, the chair gives the floor, the hall screen shows the
//! speaker, the chair stops the speech, the secretary records two opinions of
//! it at the desk — and the statistics page, open all along in another
//! window, follows without a reload. Needs Debian's chromium and chromium-driver.

use crate::common;

use common::browser::*;
use serde_json::json;

const ENTER: &str = "\u{E007}";
const ALT: &str = "\u{E00A}";
/// Releases every held modifier.
const RELEASE: &str = "\u{E000}";

#[tokio::test(flavor = "multi_thread")]
async fn ask_give_the_floor_show_record_and_count_live() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let daibieu = app.store.user_by_username("daibieu").await.unwrap().unwrap();
    let speaker = app.store.delegate_for_user(plenum, daibieu.id).await.unwrap().unwrap();
    let driver = Driver::start().await;

    // The statistics, open before anything happens, in an observer's window.
    let stats = sign_in(&driver, &app, "kiemtra").await;
    stats.goto(&app.url(&format!("/plenums/{plenum}/statistics"))).await.unwrap();
    assert_eq!(read(&stats, "#stats-summary").await, "59 lượt phát biểu với 130 ý kiến về 13 nội dung");
    until_text(&stats, "[data-live-indicator]", "the statistics' live connection", |t| t == "Đang cập nhật trực tiếp")
        .await;
    mark(&stats).await;

    // The hall screen and the chair's console.
    let screen = sign_in(&driver, &app, "khachmoi").await;
    screen.goto(&app.url(&format!("/plenums/{plenum}/projector"))).await.unwrap();
    assert_eq!(read(&screen, ".p-idle").await, "Chưa có đại biểu nào đang phát biểu.");
    mark(&screen).await;
    let console = sign_in(&driver, &app, "chutri").await;
    console.set_window_size(1280, 1100).await.unwrap();
    console.goto(&app.url(&format!("/plenums/{plenum}/chair"))).await.unwrap();
    until_text(&console, "[data-live-indicator]", "the console's live connection", |t| t == "Đang cập nhật trực tiếp")
        .await;
    assert_eq!(count(&console, ".floor-list .floor-entry").await, 0, "nobody has asked yet");
    mark(&console).await;

    // 1. The delegate asks to speak from the tablet.
    let tablet = sign_in(&driver, &app, "daibieu").await;
    tablet.set_window_size(768, 1024).await.unwrap();
    tablet.goto(&app.url(&format!("/plenums/{plenum}/tablet"))).await.unwrap();
    press(&tablet, "button.floor-ask-speak").await;
    assert_eq!(read(&tablet, ".floor-place").await, "Bạn đứng thứ 1 trong danh sách phát biểu");
    shot(&tablet, "live-1-tablet-asked").await;

    // 2. The chair sees the request arrive and gives the floor.
    until_text(&console, ".floor-list .floor-entry:first-child .floor-who strong", "the request on the console", |t| {
        t == speaker.full_name
    })
    .await;
    not_reloaded(&console, "console").await;
    press(&console, ".floor-list .floor-entry:first-child button.floor-give").await;
    assert_eq!(read(&console, ".floor-now .floor-speaker strong").await, speaker.full_name);
    shot(&console, "live-2-console-floor-given").await;

    // 3. The hall screen shows the speaker and the running clock, without a reload.
    until_text(&screen, ".p-name", "the speaker on the hall screen", |t| t == speaker.full_name).await;
    let first = until_text(&screen, ".p-clock .floor-clock", "the countdown", |t| t.contains(':')).await;
    until_text(&screen, ".p-clock .floor-clock", "the countdown to move", |t| t != first).await;
    not_reloaded(&screen, "hall screen").await;
    shot(&screen, "live-3-projector-speaker").await;

    // 4. The chair stops the speech: it is recorded, and the statistics count it.
    press(&console, "button.floor-stop").await;
    until_text(&stats, "#stats-summary", "the new speech in the statistics", |t| {
        t == "60 lượt phát biểu với 130 ý kiến về 13 nội dung"
    })
    .await;
    let speech = app.store.speeches(plenum).await.unwrap().into_iter().rfind(|s| s.delegate_id == speaker.id).unwrap();
    assert!(speech.speaker_entry_id.is_some() && speech.seconds.is_some(), "the speech came from the floor, timed");

    // 5. The secretary adds the speech's two opinions at the desk, by keyboard.
    let desk = sign_in(&driver, &app, "thuky").await;
    desk.set_window_size(1280, 1000).await.unwrap();
    desk.goto(&app.url(&format!("/plenums/{plenum}/desk?session={}&speech={}", speech.session_id, speech.id)))
        .await
        .unwrap();
    assert!(read(&desk, ".desk-current").await.contains(&speaker.full_name), "the desk is on the new speech");
    find(&desk, "#opinion-text").await.click().await.unwrap();
    let said = [("1", "Nhất trí với dự thảo báo cáo."), ("3", "Đề nghị bổ sung chỉ tiêu giải ngân vốn đầu tư công.")];
    for (n, (digit, text)) in said.iter().enumerate() {
        desk.active_element().await.unwrap().send_keys(&format!("{ALT}{digit}{RELEASE}{text}{ENTER}")).await.unwrap();
        let css = format!("#speech-{} ul.opinions li", speech.id);
        let deadline = std::time::Instant::now() + WAIT;
        while count(&desk, &css).await != n + 1 {
            assert!(std::time::Instant::now() < deadline, "opinion {} in the desk's record", n + 1);
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    shot(&desk, "live-5-desk-recorded").await;
    let stances: Vec<String> = app
        .store
        .opinions(plenum)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.speech_id == Some(speech.id))
        .map(|o| o.stance.as_str().to_string())
        .collect();
    assert_eq!(stances, ["agree", "propose_change"]);

    // 6. The statistics window followed all along, never reloaded.
    until_text(&stats, "#stats-summary", "the opinions in the statistics", |t| {
        t == "60 lượt phát biểu với 132 ý kiến về 13 nội dung"
    })
    .await;
    not_reloaded(&stats, "statistics").await;
    let still =
        stats.execute("return document.querySelectorAll('table.stats-items tbody tr').length", vec![]).await.unwrap();
    assert_eq!(still, json!(13));
    shot(&stats, "live-6-statistics-updated").await;
}
