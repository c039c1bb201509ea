//! Browser test of editing the agenda, by keyboard only as the office works:
//! the secretary moves an item up with its ↑ button, opens it, renames it and
//! saves with Enter, removes it, and is refused (with the reason) removing an
//! item the plenum has discussed. Screenshots at 1366 and 768 px in test-artifacts/browser/.

use crate::common;

use common::browser::*;
use plenum_store::input::NewAgendaItem;
use plenum_store::Actor;
use serde_json::json;

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const CONTROL: &str = "\u{E009}";
const RELEASE: &str = "\u{E000}";

/// What the focused element is called: its aria-label, its label, else its text.
async fn focused(b: &Browser) -> String {
    let v = b
        .execute(
            "const e = document.activeElement; \
             const label = e.labels && e.labels.length ? e.labels[0].textContent : ''; \
             return (e.getAttribute('aria-label') || label || e.textContent || '').trim();",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// Press Tab until the focused element is called `name`; the page must let the keyboard get there.
async fn tab_to(b: &Browser, name: &str) {
    for _ in 0..80 {
        if focused(b).await == name {
            return;
        }
        b.active_element().await.unwrap().send_keys(TAB).await.unwrap();
    }
    panic!("`{name}` is not reachable with Tab");
}

async fn keys(b: &Browser, k: &str) {
    b.active_element().await.unwrap().send_keys(k).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secretary_edits_moves_and_removes_items_by_keyboard() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let title = "Tờ trình về chương trình làm việc năm 2024";
    let new = NewAgendaItem {
        plenum_id: plenum,
        ordinal: 14,
        title: title.into(),
        kind: "programme".into(),
        presenter: "Văn phòng Thành ủy".into(),
    };
    let added = app.store.add_agenda_item(&Actor::system("test"), new).await.unwrap();
    let agenda = format!("/plenums/{plenum}/agenda");

    let driver = Driver::start().await;
    let b = sign_in(&driver, &app, "thuky").await;
    b.set_window_size(1366, 900).await.unwrap();
    b.goto(&app.url(&agenda)).await.unwrap();
    assert_eq!(text(&b, "main h1").await, "Chương trình hội nghị");
    shot(&b, "agenda-edit-1366").await;

    // ↑ on the last item: it becomes item 13, the one above it item 14.
    find(&b, "body").await;
    tab_to(&b, &format!("Chuyển lên: {title}")).await;
    keys(&b, ENTER).await;
    let row = format!("#item-{}", added.id);
    until_text(&b, &format!("{row} td.num"), "the item moved up", |t| t == "13").await;
    let items = app.store.agenda_items(plenum).await.unwrap();
    assert_eq!((items[12].id, items[13].ordinal), (added.id, 14));

    // Open it, rename it, save with Enter.
    tab_to(&b, &format!("Sửa: {title}")).await;
    keys(&b, ENTER).await;
    wait_for_path(&b, &format!("{agenda}/{}", added.id)).await;
    tab_to(&b, "Tên nội dung").await;
    keys(&b, &format!("{CONTROL}a{RELEASE}{title} (đã sửa){ENTER}")).await;
    wait_for_path(&b, &agenda).await;
    until_text(&b, &format!("{row} td:nth-child(2)"), "the new title", |t| t == format!("{title} (đã sửa)")).await;

    // Remove it: from its page, by keyboard.
    tab_to(&b, &format!("Sửa: {title} (đã sửa)")).await;
    keys(&b, ENTER).await;
    wait_for_path(&b, &format!("{agenda}/{}", added.id)).await;
    tab_to(&b, "Xóa nội dung này").await;
    keys(&b, ENTER).await;
    wait_for_path(&b, &agenda).await;
    assert_eq!(count(&b, &row).await, 0, "the item is gone");
    assert_eq!(count(&b, "table.agenda-edit tbody tr").await, 13);

    // Item 1 has opinions and its draft: removing it is refused, with the reason.
    let first = app.store.agenda_items(plenum).await.unwrap().remove(0);
    b.goto(&app.url(&format!("{agenda}/{}", first.id))).await.unwrap();
    tab_to(&b, "Xóa nội dung này").await;
    keys(&b, ENTER).await;
    let alert = until_text(&b, "[role=alert].agenda-notice", "the refusal", |t| !t.is_empty()).await;
    assert!(alert.starts_with("Không xóa được nội dung này vì đã có"), "{alert}");
    assert!(alert.contains("ý kiến") && alert.contains("tài liệu"), "{alert}");
    assert_eq!(app.store.agenda_items(plenum).await.unwrap().len(), 13, "nothing removed");
    shot(&b, "agenda-remove-refused-1366").await;
    b.set_window_size(768, 1024).await.unwrap();
    shot(&b, "agenda-remove-refused-768").await;
    let wide = b.execute("return document.documentElement.scrollWidth > window.innerWidth", vec![]).await.unwrap();
    assert_eq!(wide, json!(false), "nothing spills sideways at 768 px");
    b.goto(&app.url(&agenda)).await.unwrap();
    shot(&b, "agenda-edit-768").await;
    b.close().await;
}
