//! The floor in three browsers at once: a delegate's tablet, the chair's
//! console and the hall screen, all live over SSE — nobody reloads.
//! Needs Debian's `chromium` and `chromium-driver` (see tests/browser.rs).

use crate::common;

use common::browser::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_delegate_asks_the_chair_gives_the_floor_and_the_hall_sees_the_clock_run() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let hall =
        app.store.meeting_sessions(plenum).await.unwrap().into_iter().find(|s| s.kind.as_str() == "plenary").unwrap();
    let daibieu = app.store.user_by_username("daibieu").await.unwrap().unwrap();
    let speaker = app.store.delegate_for_user(plenum, daibieu.id).await.unwrap().unwrap();
    // Two others already waiting, so the hall screen has someone "next".
    let others: Vec<_> =
        app.store.delegates(plenum).await.unwrap().into_iter().filter(|d| d.user_id.is_none()).take(2).collect();
    for d in &others {
        let new = plenum_store::input::NewSpeakerEntry {
            session_id: hall.id,
            item_id: hall.current_item_id.unwrap(),
            delegate_id: d.id,
            kind: "speak".into(),
        };
        app.store.request_floor(&plenum_store::Actor::system("test"), new).await.unwrap();
    }
    let driver = Driver::start().await;

    // The chair's console and the hall screen are open before anything happens.
    let console = sign_in(&driver, &app, "chutri").await;
    console.set_window_size(1280, 1300).await.unwrap();
    console.goto(&app.url(&format!("/plenums/{plenum}/chair"))).await.unwrap();
    wait_for_path(&console, &format!("/plenums/{plenum}/chair")).await;
    assert_eq!(html_lang(&console).await, "vi");
    assert_eq!(text(&console, "main h1").await, "Điều hành phiên họp");
    assert_eq!(read(&console, "#floor-h").await, "Thảo luận tại Hội trường");
    until_text(&console, "[data-live-indicator]", "the console's live connection", |t| t == "Đang cập nhật trực tiếp")
        .await;
    assert_eq!(count(&console, ".floor-list .floor-entry").await, 2);
    mark(&console).await;
    // The chair starts typing a new time for the first in line, with the keyboard.
    let first_entry = app.store.speaker_entries(hall.id).await.unwrap()[0].id;
    let typing = find(&console, &format!("#minutes-{first_entry}")).await;
    typing.clear().await.unwrap();
    typing.send_keys("3").await.unwrap();

    let screen = sign_in(&driver, &app, "khachmoi").await;
    screen.goto(&app.url(&format!("/plenums/{plenum}/projector"))).await.unwrap();
    wait_for_path(&screen, &format!("/plenums/{plenum}/projector")).await;
    assert_eq!(html_lang(&screen).await, "vi");
    assert_eq!(count(&screen, "header.bar, nav").await, 0, "no site header on the hall screen");
    assert!(read(&screen, ".p-item-title").await.starts_with("1. "), "the current item");
    assert_eq!(read(&screen, ".p-idle").await, "Chưa có đại biểu nào đang phát biểu.");
    mark(&screen).await;

    // The delegate asks to speak from the tablet.
    let tablet = sign_in(&driver, &app, "daibieu").await;
    tablet.set_window_size(768, 1024).await.unwrap();
    tablet.goto(&app.url(&format!("/plenums/{plenum}/tablet"))).await.unwrap();
    wait_for_path(&tablet, &format!("/plenums/{plenum}/tablet")).await;
    assert_eq!(text(&tablet, "main h1").await, "Máy tính bảng đại biểu");
    assert!(read(&tablet, ".floor-item-now").await.starts_with("1. "));
    assert_eq!(read(&tablet, "button.floor-ask-speak").await, "Đăng ký phát biểu");
    let height = tablet
        .execute("return document.querySelector('button.floor-ask-speak').getBoundingClientRect().height", vec![])
        .await
        .unwrap();
    assert!(height.as_f64().unwrap() >= 44.0, "a large touch target: {height}");
    assert_eq!(read(&tablet, "button.floor-ask-written").await, "Gửi ý kiến bằng văn bản");
    press(&tablet, "button.floor-ask-speak").await;
    wait_for_path(&tablet, &format!("/plenums/{plenum}/tablet")).await;
    assert_eq!(read(&tablet, ".floor-place").await, "Bạn đứng thứ 3 trong danh sách phát biểu");
    assert_eq!(read(&tablet, ".floor-notice[role=status]").await, "Đã đăng ký phát biểu.");
    let fits =
        tablet.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    assert_eq!(fits, json!(true), "the tablet page fits 768 px");
    tablet.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    shot(&tablet, "floor-tablet").await;
    mark(&tablet).await;

    // The console's list grows by itself; the chair moves the delegate to the top and gives the floor.
    until_text(&console, ".floor-list h3", "the new request on the console", |t| t.ends_with("(3)")).await;
    not_reloaded(&console, "console").await;
    // The list was swapped in live under the chair's cursor: focus and the typed value survive.
    let active =
        console.execute("return [document.activeElement.id, document.activeElement.value]", vec![]).await.unwrap();
    assert_eq!(active, json!([format!("minutes-{first_entry}"), "3"]), "the chair keeps their place");
    assert_eq!(read(&console, ".floor-list .floor-entry:last-child .floor-who strong").await, speaker.full_name);
    press(&console, ".floor-list .floor-entry:last-child .floor-move button[value='0']").await;
    wait_for_path(&console, &format!("/plenums/{plenum}/chair")).await;
    assert_eq!(read(&console, ".floor-list .floor-entry:first-child .floor-who strong").await, speaker.full_name);
    until_text(&tablet, ".floor-place", "the new place on the tablet", |t| {
        t == "Bạn đứng thứ 1 trong danh sách phát biểu"
    })
    .await;
    press(&console, ".floor-list .floor-entry:first-child button.floor-give").await;
    wait_for_path(&console, &format!("/plenums/{plenum}/chair")).await;
    assert_eq!(read(&console, ".floor-now .floor-speaker strong").await, speaker.full_name);
    assert_eq!(
        count(&console, ".floor-list button.floor-give:not([disabled])").await,
        0,
        "nobody else gets the floor meanwhile"
    );

    // The hall screen shows the speaker and a running countdown, without a reload.
    until_text(&screen, ".p-name", "the speaker on the hall screen", |t| t == speaker.full_name).await;
    not_reloaded(&screen, "hall screen").await;
    let unit = read(&screen, ".p-unit").await;
    assert_eq!(unit, speaker.unit);
    let first = until_text(&screen, ".p-clock .floor-clock", "the countdown", |t| t.contains(':')).await;
    until_text(&screen, ".p-clock .floor-clock", "the countdown to move", |t| t != first && t.contains(':')).await;
    assert_eq!(count(&screen, ".p-clock .floor-clock[role=timer]").await, 1);
    assert!(read(&screen, ".p-next").await.contains(&others[0].full_name), "who speaks next");
    shot(&screen, "floor-projector").await;
    // A 1920×1080 viewport: the window's frame is added on top. Chromium may
    // report the frame before a resize has settled, so measure again until
    // the viewport is the one asked for (a few tries at most).
    let (mut fw, mut fh) = (0, 0);
    let mut inner = json!(null);
    for _ in 0..5 {
        screen.set_window_size(1920 + fw, 1080 + fh).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        inner = screen.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.unwrap();
        if inner == json!([1920, 1080]) {
            break;
        }
        let frame = screen
            .execute("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]", vec![])
            .await
            .unwrap();
        (fw, fh) = (frame[0].as_u64().unwrap() as u32, frame[1].as_u64().unwrap() as u32);
    }
    assert_eq!(inner, json!([1920, 1080]));
    let fits = screen.execute("return document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    shot(&screen, "floor-projector-1920x1080").await;
    assert_eq!(fits, json!(true), "the hall screen fits one screen without scrolling: {inner}");

    // The tablet knows its holder has the floor; the console's clock runs too.
    until_text(&tablet, ".floor-place", "the tablet's own status", |t| t == "Bạn đang phát biểu").await;
    not_reloaded(&tablet, "tablet").await;
    let c1 = read(&console, ".floor-now .floor-clock").await;
    until_text(&console, ".floor-now .floor-clock", "the console's countdown to move", |t| t != c1).await;

    // Over time: the speech is made a minute old, and the chair cuts the time to half a minute.
    let entry = app
        .store
        .speaker_entries(hall.id)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.status.as_str() == "speaking")
        .unwrap();
    app.store
        .execute_raw(&format!("UPDATE speaker_entries SET started_at = started_at - 60000000 WHERE id = {}", entry.id))
        .await
        .unwrap();
    let minutes = find(&console, &format!(".floor-now #minutes-{}", entry.id)).await;
    minutes.clear().await.unwrap();
    minutes.send_keys("0.5").await.unwrap();
    press(&console, ".floor-now .floor-time button[type=submit]").await;
    wait_for_path(&console, &format!("/plenums/{plenum}/chair")).await;
    until_text(&screen, ".p-clock .floor-clock", "the hall screen's clock over time", |t| t.starts_with('−')).await;
    assert_eq!(read(&screen, ".p-clock .floor-over-label").await, "Quá giờ");
    assert_eq!(count(&screen, ".p-clock .floor-clock.over").await, 1, "red when over time");
    assert_eq!(read(&screen, ".p-allotted").await, "Thời gian được phát biểu: 0:30");
    not_reloaded(&screen, "hall screen").await;
    shot(&screen, "floor-projector-over-time").await;
    assert!(read(&console, ".floor-now .floor-clock").await.starts_with('−'));
    console.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    shot(&console, "floor-console").await;

    // The chair stops the speaker: the speech is recorded with its length; the screen goes idle.
    let before = app.store.speeches(plenum).await.unwrap().len();
    press(&console, "button.floor-stop").await;
    wait_for_path(&console, &format!("/plenums/{plenum}/chair")).await;
    assert_eq!(read(&console, ".floor-now .floor-idle").await, "Chưa có đại biểu nào đang phát biểu.");
    until_text(&screen, ".p-idle", "the hall screen to go idle", |t| t == "Chưa có đại biểu nào đang phát biểu.").await;
    not_reloaded(&screen, "hall screen").await;
    let speeches = app.store.speeches(plenum).await.unwrap();
    assert_eq!(speeches.len(), before + 1);
    let speech = speeches.iter().find(|s| s.delegate_id == speaker.id && s.speaker_entry_id.is_some()).unwrap();
    assert!(speech.seconds.unwrap() >= 61, "the actual time, from the start of the speech: {:?}", speech.seconds);
    // The tablet offers asking again.
    until_text(&tablet, "button.floor-ask-speak", "the tablet's ask button again", |t| t == "Đăng ký phát biểu").await;
    console.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    shot(&console, "floor-console-stopped").await;

    tablet.close().await;
    screen.close().await;
    console.close().await;
}
