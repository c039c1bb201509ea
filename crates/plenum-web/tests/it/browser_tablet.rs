//! The delegate's tablet at 1366 and 768 px: a written opinion cites a passage
//! chosen from the draft's own list, and is listed under the passage's label
//! and first words, never its internal anchor; nothing tinted shows when the
//! delegate has nothing in play.

use crate::common;

use common::browser::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_written_opinion_cites_a_passage_chosen_from_the_draft() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let items = app.store.agenda_items(plenum).await.unwrap();
    let (first, second) = (&items[0], &items[1]);
    let draft = app.store.documents(plenum).await.unwrap().into_iter().find(|d| d.item_id == first.id).unwrap();
    let latest = app.store.document_versions(draft.id).await.unwrap().pop().unwrap();
    let cited = app.store.passages(latest.id).await.unwrap().into_iter().find(|p| p.label == "II.1.b").unwrap();
    let driver = Driver::start().await;
    let tablet = sign_in(&driver, &app, "daibieu").await;

    for (width, height) in [(1366, 900), (768, 1024)] {
        tablet.set_window_size(width, height).await.unwrap();
        tablet.goto(&app.url(&format!("/plenums/{plenum}/tablet"))).await.unwrap();
        wait_for_path(&tablet, &format!("/plenums/{plenum}/tablet")).await;
        // Nothing of the delegate's own in play: no tinted bar.
        let bar = tablet
            .execute(
                "const m = document.querySelector('.floor-mine'); const s = getComputedStyle(m); \
                 return [s.backgroundColor, m.getBoundingClientRect().height];",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(bar, json!(["rgba(0, 0, 0, 0)", 0]), "no empty bar at {width} px");
        shot(&tablet, &format!("tablet-idle-{width}")).await;
    }

    // The passage is chosen from the list of the chosen item's draft.
    let hint = read(&tablet, "#op-passage-hint").await;
    assert!(hint.starts_with("Chọn đoạn, mục trong danh sách của dự thảo"), "{hint}");
    assert!(!hint.contains("đoạn 12"));
    let passage = find(&tablet, "#op-passage").await;
    assert_eq!(passage.prop("tagName").await.unwrap().as_deref(), Some("SELECT"));
    let offered = |item: i64| {
        let tablet = &tablet;
        async move {
            tablet
                .execute(
                    &format!(
                        "return [...document.querySelectorAll('#op-passage optgroup')].filter(g => !g.disabled).map(g => g.dataset.item === '{item}')"
                    ),
                    vec![],
                )
                .await
                .unwrap()
        }
    };
    assert_eq!(offered(first.id).await, json!([true]), "only the current item's draft");
    find(&tablet, "#op-item").await.select_by_value(&second.id.to_string()).await.unwrap();
    assert_eq!(offered(second.id).await, json!([true]), "the list follows the item chosen");
    find(&tablet, "#op-item").await.select_by_value(&first.id.to_string()).await.unwrap();
    let option = read(&tablet, &format!("#op-passage option[value='{}']", cited.anchor)).await;
    assert!(option.starts_with("II.1.b — "), "the label and the first words: {option}");
    passage.select_by_value(&cited.anchor).await.unwrap();
    find(&tablet, "input[name=stance][value=propose_change]").await.click().await.unwrap();
    find(&tablet, "#op-text")
        .await
        .send_keys("Đề nghị nêu rõ số chi bộ chưa tổ chức sinh hoạt chuyên đề.")
        .await
        .unwrap();
    find(&tablet, "#opinion button[type=submit]").await.click().await.unwrap();
    wait_for_path(&tablet, &format!("/plenums/{plenum}/tablet")).await;

    let meta = read(&tablet, "#sent li .floor-meta").await;
    assert!(meta.starts_with(&format!("{}. ", first.ordinal)), "the item: {meta}");
    assert!(meta.contains(&format!(" · {option}")), "the passage as people read it: {meta}");
    assert!(!meta.contains(&cited.anchor), "never the internal anchor: {meta}");
    let sent = app.store.opinions(plenum).await.unwrap().into_iter().last().unwrap();
    assert_eq!(sent.passage_anchor.as_deref(), Some(cited.anchor.as_str()), "stored as the passage's anchor");
    tablet.execute("document.getElementById('sent').scrollIntoView()", vec![]).await.unwrap();
    shot(&tablet, "tablet-sent-768").await;
    tablet.set_window_size(1366, 900).await.unwrap();
    tablet.execute("document.getElementById('sent').scrollIntoView()", vec![]).await.unwrap();
    shot(&tablet, "tablet-sent-1366").await;
    tablet.close().await;
}
