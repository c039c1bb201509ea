//! Browser test: the office imports delegates through the real form, sees the
//! preview (first with errors, then clean), confirms, checks a delegate in by
//! their badge's address, and the quorum panel open in another browser
//! updates live. Screenshots in test-artifacts/browser/.

use crate::common;

use std::time::{Duration, Instant};

use common::browser::*;
use fantoccini::Locator;
use serde_json::json;

/// Wait until `css`'s text is `want` (a live update), or fail naming what is there.
async fn wait_for_text(client: &fantoccini::Client, css: &str, want: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let now = text(client, css).await;
        if now == want {
            return;
        }
        assert!(Instant::now() < deadline, "`{css}` still reads {now:?}, expected {want:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(b: &Browser, app: &common::TestApp, who: &str) {
    b.goto(&app.url("/login")).await.unwrap();
    submit_login(b, who, &common::password(who)).await;
    wait_for_path(b, "/").await;
}

/// Mark the current document, so a new page (even at the same address) can be told apart.
async fn mark_page(b: &Browser) {
    b.execute("window.__before = true", vec![]).await.unwrap();
}

async fn wait_for_new_page(b: &Browser) {
    let deadline = Instant::now() + WAIT;
    loop {
        let fresh =
            b.execute("return window.__before === undefined && document.readyState === 'complete'", vec![]).await;
        if fresh.is_ok_and(|v| v == json!(true)) {
            return;
        }
        assert!(Instant::now() < deadline, "no new page after submitting");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn choose_file(b: &Browser, path: &std::path::Path) {
    mark_page(b).await;
    find(b, "#import-file").await.send_keys(&path.display().to_string()).await.unwrap();
    find(b, "form[enctype='multipart/form-data'] button[type=submit]").await.click().await.unwrap();
    wait_for_new_page(b).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secretary_imports_checks_in_and_the_quorum_updates_live() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let roster = format!("/plenums/{id}/delegates");
    let driver = Driver::start().await;
    let office = Browser::start(&driver).await;
    let hall = Browser::start(&driver).await;

    // The office reaches the delegates page from the plenum page.
    sign_in(&office, &app, "thuky").await;
    office.goto(&app.url(&format!("/plenums/{id}"))).await.unwrap();
    click_link(&office, "Đại biểu, điểm danh").await;
    wait_for_path(&office, &roster).await;
    assert_eq!(text(&office, "main h1").await, "Đại biểu và điểm danh");
    assert_eq!(text(&office, "[data-quorum-present]").await, "0");
    assert_eq!(count(&office, "table.roll tbody tr").await, 77);
    shot(&office, "delegates").await;

    // Another window shows the quorum panel, connected live.
    sign_in(&hall, &app, "thuky").await;
    hall.goto(&app.url(&roster)).await.unwrap();
    wait_for_path(&hall, &roster).await;
    find(&hall, "[data-live-indicator].on").await;
    assert_eq!(text(&hall, "[data-quorum-members]").await, "71");

    // A file with mistakes: every row's problem is shown, and the import is not offered.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("dai-bieu-loi.csv");
    std::fs::write(&bad, "Họ và tên,Chức vụ,Đơn vị,Vai trò,Tổ\nPhan Thị Thu Trang,Phóng viên,Báo Hà Nội mới,khách mời,Tổ 1\nĐỗ Văn Hải,Giám đốc,Sở Tài chính,quan sát viên,Tổ 9\n").unwrap();
    choose_file(&office, &bad).await;
    wait_for_path(&office, &format!("{roster}/import")).await;
    assert_eq!(text(&office, "main h1").await, "Kiểm tra danh sách đại biểu");
    assert_eq!(
        text(&office, ".import-summary").await,
        "1 trong 2 dòng có lỗi. Xin sửa tệp rồi tải lên lại; chưa có đại biểu nào được nhập."
    );
    assert_eq!(
        texts(&office, "tr.row-bad ul.problems li").await,
        [
            "Vai trò \"quan sát viên\" không hợp lệ; chỉ dùng \"ủy viên\" hoặc \"khách mời\".",
            "Hội nghị không có tổ \"Tổ 9\"."
        ]
    );
    assert_eq!(find(&office, "#confirm-import").await.attr("disabled").await.unwrap().as_deref(), Some("true"));
    shot(&office, "delegates-import-errors").await;

    // The corrected file: all rows valid, then imported.
    let good = dir.path().join("dai-bieu.csv");
    std::fs::write(&good, "Họ và tên,Chức vụ,Đơn vị,Vai trò,Tổ\nPhan Thị Thu Trang,Phóng viên,Báo Hà Nội mới,khách mời,Tổ 1\nĐỗ Văn Hải,Giám đốc,Sở Tài chính,khách mời,Tổ 2\n").unwrap();
    choose_file(&office, &good).await;
    wait_for_path(&office, &format!("{roster}/import")).await;
    assert_eq!(text(&office, ".import-summary").await, "Cả 2 dòng đều hợp lệ. Xin kiểm tra lại trước khi nhập.");
    assert_eq!(count(&office, "tr.row-ok").await, 2);
    shot(&office, "delegates-import-preview").await;
    mark_page(&office).await;
    find(&office, "#confirm-import").await.click().await.unwrap();
    wait_for_new_page(&office).await;
    wait_for_path(&office, &roster).await;
    assert_eq!(text(&office, "p.ok[role=status]").await, "Đã nhập 2 đại biểu.");
    assert_eq!(count(&office, "table.roll tbody tr").await, 79);
    assert_eq!(text(&hall, "[data-quorum-members]").await, "71", "guests do not change the members");

    // A member's page: their badge's QR code and its address, opened as a phone would after scanning.
    mark_page(&office).await;
    office.find(Locator::LinkText("Trần Thị Hồng Nhung")).await.unwrap().click().await.unwrap();
    wait_for_new_page(&office).await;
    let checkin = find(&office, ".qr + p a").await.attr("href").await.unwrap().unwrap();
    assert!(checkin.starts_with(&app.url("/checkin/")), "{checkin}");
    assert_eq!(count(&office, ".qr svg").await, 1);
    shot(&office, "delegate").await;
    office.goto(&checkin).await.unwrap();
    assert_eq!(text(&office, "#checkin-h").await, "Trần Thị Hồng Nhung");
    assert_eq!(text(&office, "#checkin-present").await, "Điểm danh có mặt");
    shot(&office, "checkin").await;
    mark_page(&office).await;
    find(&office, "#checkin-present").await.click().await.unwrap();
    wait_for_new_page(&office).await;
    assert_eq!(text(&office, "strong.ok").await, "Đã điểm danh.");
    assert_eq!(count(&office, "#checkin-present").await, 0, "no second check-in");
    shot(&office, "checkin-done").await;

    // The other window's panel follows without a reload.
    wait_for_text(&hall, "[data-quorum-present]", "1").await;
    assert_eq!(
        text(&hall, "[data-quorum-can-pass]").await,
        "Số ủy viên có mặt chưa đủ để thông qua nghị quyết: còn thiếu 35 ủy viên."
    );
    hall.execute("document.getElementById('quorum-h').scrollIntoView()", vec![]).await.unwrap();
    shot(&hall, "delegates-quorum-live").await;

    // The second window's roll-call row is now outdated: its change is refused, and said so beside the row.
    let nhung =
        app.store.delegates(id).await.unwrap().into_iter().find(|d| d.full_name == "Trần Thị Hồng Nhung").unwrap();
    assert_eq!(text(&hall, &format!("#d{} .badge", nhung.id)).await, "Chưa điểm danh", "the table itself is not live");
    find(&hall, &format!("#att-{}", nhung.id)).await.send_keys("Vắng mặt").await.unwrap();
    find(&hall, &format!("#reason-{}", nhung.id)).await.send_keys("Đi công tác").await.unwrap();
    // The row is saved in place (roll.js): the refusal and the row as it now stands come back, no reload.
    mark_page(&hall).await;
    find(&hall, &format!("#d{} .roll-form button", nhung.id)).await.click().await.unwrap();
    until_text(&hall, &format!("#d{} .row-note.error", nhung.id), "the refusal beside the row", |t| {
        t == "Dữ liệu vừa được người khác thay đổi trước bạn. Thao tác của bạn chưa được thực hiện; xin xem lại thông tin mới nhất và làm lại nếu vẫn cần."
    })
    .await;
    assert_eq!(
        text(&hall, &format!("#d{} .badge", nhung.id)).await,
        "Có mặt",
        "the row shows the check-in, nothing overwritten"
    );
    assert_eq!(hall.execute("return window.__before === true", vec![]).await.unwrap(), json!(true), "no reload");
    shot(&hall, "delegates-stale").await;

    // At tablet width the page does not scroll sideways.
    office.set_window_size(768, 1024).await.unwrap();
    office.goto(&app.url(&roster)).await.unwrap();
    wait_for_path(&office, &roster).await;
    let fits =
        office.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    shot(&office, "delegates-tablet").await;
    assert_eq!(fits, json!(true), "horizontal scrollbar at 768 px");

    office.close().await;
    hall.close().await;
}
