//! Browser test: answering opinions, by keyboard, in two browsers. The body
//! presenting an item (the demo's task officer, its officer) takes one
//! opinion in, naming the passage the new draft changed, and explains
//! another; the office approves both while the body's browser shows them;
//! the regenerated synthesis report then carries both, with the trace. At
//! 1366 and 768 px, with screenshots in test-artifacts/browser/.

use crate::common;

use common::browser::*;
use plenum_docs::export::inspect::pdf_text;
use plenum_store::documents::NewVersion;
use plenum_store::Actor;

const ENTER: &str = "\u{E007}";

/// Fill one opinion's answer form by keyboard and send it.
async fn answer(b: &Browser, opinion: i64, kind: &str, reply: &str, change: Option<&str>) {
    find(b, &format!("#o{opinion}-kind")).await.send_keys(kind).await.unwrap();
    find(b, &format!("#o{opinion}-reply")).await.send_keys(reply).await.unwrap();
    if let Some(c) = change {
        find(b, &format!("#o{opinion}-change")).await.send_keys(c).await.unwrap();
    }
    find(b, &format!("#o{opinion}-save")).await.send_keys(ENTER).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_takes_in_and_explains_the_office_approves_and_the_report_shows_both() {
    let app = common::demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let items = app.store.agenda_items(plenum).await.unwrap();
    let item = &items[0];
    let body = item.body_id.unwrap();
    let canbo = app.store.user_by_username("canbo").await.unwrap().unwrap();
    app.store.add_body_officer(&Actor::system("test"), body, canbo.id).await.unwrap();

    // Two opinions on item 1 not answered yet, the first citing a passage.
    let answered: Vec<i64> = app.store.dispositions(plenum).await.unwrap().iter().map(|d| d.opinion_id).collect();
    let open: Vec<_> = app
        .store
        .opinions(plenum)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.item_id == item.id && !answered.contains(&o.id))
        .collect();
    let taken = open.iter().find(|o| o.passage_anchor.is_some()).unwrap().clone();
    let explained = open.iter().find(|o| o.id != taken.id).unwrap().clone();

    // The office files the revised draft: the cited passage, reworded.
    let doc = app.store.documents(plenum).await.unwrap().into_iter().find(|d| d.item_id == item.id).unwrap();
    let latest = app.store.document_versions(doc.id).await.unwrap().pop().unwrap();
    let passages = app.store.passages(latest.id).await.unwrap();
    let cited = passages.iter().find(|p| Some(&p.anchor) == taken.passage_anchor.as_ref());
    let cited = cited.unwrap_or(&passages[passages.len() / 2]);
    let text = String::from_utf8(app.store.document_content(latest.id).await.unwrap()).unwrap();
    let added = "Phấn đấu 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình.";
    let revised = text.replacen(&cited.text, &format!("{} {added}", cited.text), 1);
    let new = NewVersion {
        filename: "du-thao-tiep-thu.txt".into(),
        content: revised.into_bytes(),
        note: "Bản tiếp thu ý kiến đại biểu".into(),
        ..NewVersion::default()
    };
    let v = app.store.add_version(&Actor::system("test"), doc.id, new).await.unwrap();
    let label = app.store.passages(v.id).await.unwrap().into_iter().find(|p| p.text.contains(added)).unwrap().label;

    let driver = Driver::start().await;
    let officer = sign_in(&driver, &app, "canbo").await;
    officer.set_window_size(1366, 900).await.unwrap();
    let office = sign_in(&driver, &app, "thuky").await;
    office.set_window_size(1366, 900).await.unwrap();

    // The body, by keyboard: from the plenum page to its workspace.
    officer.goto(&app.url(&format!("/plenums/{plenum}"))).await.unwrap();
    click_link(&officer, "Tổng hợp ý kiến").await;
    wait_for_path(&officer, &format!("/plenums/{plenum}/synthesis")).await;
    shot(&officer, "synthesis-body-arrived").await;
    find(&officer, &format!("#op-{}", taken.id)).await;
    shot(&officer, "synthesis-body-1366").await;
    let change = format!("{}, bản {}, {label}", doc.title, v.number);
    answer(&officer, taken.id, "Tiếp thu", "Tiếp thu, bổ sung mục tiêu thủ tục trực tuyến toàn trình.", Some(&change))
        .await;
    find(&officer, &format!("#op-{} .syn-trace", taken.id)).await;
    assert!(read(&officer, &format!("#op-{} .syn-trace", taken.id)).await.contains(added));
    let reason = "Nội dung này đã được quy định trong Chương trình hành động, không đưa vào Nghị quyết.";
    answer(&officer, explained.id, "Giải trình", reason, None).await;
    until_text(&officer, &format!("#op-{} .syn-answer", explained.id), "the explanation saved", |t| t.contains(reason))
        .await;
    assert_eq!(read(&officer, &format!("#op-{} .badge", explained.id)).await, "Chờ duyệt");
    shot(&officer, "synthesis-body-answered").await;

    // The office approves both, by keyboard, and sees the progress move.
    office.goto(&app.url(&format!("/plenums/{plenum}/synthesis?disposition=drafted"))).await.unwrap();
    find(&office, "[data-live-indicator].on").await;
    let before = read(&office, "#syn-progress-line").await;
    for o in [taken.id, explained.id] {
        find(&office, &format!("#o{o}-approve")).await.send_keys(ENTER).await.unwrap();
        // Back on the list of drafts, which no longer holds it.
        until_text(&office, "#syn-progress-line", "the page again", |_| true).await;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while count(&office, &format!("#o{o}-approve")).await > 0 {
            assert!(std::time::Instant::now() < deadline, "opinion {o} approved");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    let after = read(&office, "#syn-progress-line").await;
    assert_ne!(before, after, "{before} → {after}");
    office.goto(&app.url(&format!("/plenums/{plenum}/synthesis?disposition=approved"))).await.unwrap();
    assert_eq!(read(&office, &format!("#op-{} .badge", taken.id)).await, "Đã duyệt");
    assert_eq!(read(&office, &format!("#op-{} .badge", explained.id)).await, "Đã duyệt");
    shot(&office, "synthesis-office-approved-1366").await;
    office.set_window_size(768, 1024).await.unwrap();
    let wide: bool = office
        .execute("return document.documentElement.scrollWidth > document.documentElement.clientWidth", vec![])
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!wide, "no sideways scroll at 768 px");
    shot(&office, "synthesis-office-768").await;

    // The body's page now shows both approved.
    officer.refresh().await.unwrap();
    assert_eq!(read(&officer, &format!("#op-{} .badge", taken.id)).await, "Đã duyệt");

    // The regenerated report carries both, with the trace.
    let (c, _) = app.login("thuky", &common::password("thuky")).await;
    let res = c.get(app.url(&format!("/api/v1/plenums/{plenum}/synthesis-report.pdf"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let pdf = res.bytes().await.unwrap().to_vec();
    let text = tokio::task::spawn_blocking(move || pdf_text(&pdf)).await.unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [reason, added, "Tiếp thu, bổ sung mục tiêu thủ tục trực tuyến toàn trình."] {
        let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&want), "the report has “{want}”");
    }
    officer.close().await;
    office.close().await;
}
