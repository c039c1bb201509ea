//! The hall screen opened by its link on a computer nobody signed in on, at
//! 1366 and 768 px: live over the link's own stream, "next" never blank, a
//! full-screen button. And the chair's console at 768 px: the speaker list
//! comes before the session's settings, which stay as the chair left them.

use crate::common;
use crate::screens::make_link;

use common::browser::*;
use plenum_store::input::NewSpeakerEntry;
use plenum_store::Actor;
use serde_json::json;

async fn ask_for_the_floor(app: &common::TestApp, plenum: i64, nth: usize) -> String {
    let hall =
        app.store.meeting_sessions(plenum).await.unwrap().into_iter().find(|s| s.kind.as_str() == "plenary").unwrap();
    let delegate = app.store.delegates(plenum).await.unwrap().remove(nth);
    let entry = NewSpeakerEntry {
        session_id: hall.id,
        item_id: hall.current_item_id.unwrap(),
        delegate_id: delegate.id,
        kind: "speak".into(),
    };
    app.store.request_floor(&Actor::system("test"), entry).await.unwrap();
    delegate.full_name
}

#[tokio::test(flavor = "multi_thread")]
async fn the_hall_screen_by_its_link_follows_the_floor_without_a_sign_in() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let secret = make_link(&app, plenum, "Hội trường tầng 2").await;
    let driver = Driver::start().await;
    let screen = Browser::start(&driver).await;

    screen.set_window_size(1366, 768).await.unwrap();
    screen.goto(&app.url(&format!("/screen/{secret}"))).await.unwrap();
    wait_for_path(&screen, &format!("/screen/{secret}")).await;
    assert_eq!(html_lang(&screen).await, "vi");
    assert!(read(&screen, ".p-item-title").await.starts_with("1. "), "the current item");
    assert_eq!(read(&screen, ".p-next-none").await, "Chưa có đại biểu nào đăng ký phát biểu.", "next is never blank");
    assert_eq!(read(&screen, "#p-fullscreen").await, "Toàn màn hình");
    shot(&screen, "projector-link-idle-1366").await;
    mark(&screen).await;

    // Someone asks to speak: the screen lists them, over the link's own stream.
    let name = ask_for_the_floor(&app, plenum, 0).await;
    until_text(&screen, ".p-next", "the new request on the hall screen", |t| t.contains(&name)).await;
    not_reloaded(&screen, "hall screen").await;
    assert_eq!(count(&screen, ".p-next-none").await, 0);
    shot(&screen, "projector-link-next-1366").await;

    // The full-screen button is there (headless Chromium cannot go full screen to try it).
    let shown = screen.execute("return !document.getElementById('p-fullscreen').hidden", vec![]).await.unwrap();
    assert_eq!(shown, json!(true));

    screen.set_window_size(768, 1024).await.unwrap();
    let fits =
        screen.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    assert_eq!(fits, json!(true), "the hall screen fits 768 px");
    shot(&screen, "projector-link-768").await;
    screen.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_768_px_the_chair_reaches_the_speaker_list_before_the_settings() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    ask_for_the_floor(&app, plenum, 0).await;
    let driver = Driver::start().await;
    let console = sign_in(&driver, &app, "chutri").await;
    for (width, height) in [(1366, 900), (768, 1024)] {
        console.set_window_size(width, height).await.unwrap();
        console.goto(&app.url(&format!("/plenums/{plenum}/chair"))).await.unwrap();
        wait_for_path(&console, &format!("/plenums/{plenum}/chair")).await;
        let place = console
            .execute(
                "return [document.getElementById('list-h').getBoundingClientRect().top, window.innerHeight, \
                 document.querySelector('.floor-settings').open]",
                vec![],
            )
            .await
            .unwrap();
        let (top, inner) = (place[0].as_f64().unwrap(), place[1].as_f64().unwrap());
        assert!(top < inner, "the speaker list's heading is on the first screen at {width} px: {place}");
        assert_eq!(place[2], json!(false), "the settings are folded while the session runs");
        shot(&console, &format!("chair-{width}")).await;
    }

    // The chair unfolds the settings; a live change does not fold them again.
    until_text(&console, "[data-live-indicator]", "the live connection", |t| t == "Đang cập nhật trực tiếp").await;
    press(&console, ".floor-settings > summary").await;
    let name = ask_for_the_floor(&app, plenum, 1).await;
    until_text(&console, ".floor-list", "the new request on the console", |t| t.contains(&name)).await;
    let open = console.execute("return document.querySelector('.floor-settings').open", vec![]).await.unwrap();
    assert_eq!(open, json!(true), "the settings stay as the chair left them");
    shot(&console, "chair-768-settings").await;
    console.close().await;
}
