//! Delegates over HTTP: importing the list (preview, all or nothing, CSV and
//! XLSX), the roll call with versions, check-in by badge code, one-time
//! tablet links, the quorum, groups and the badge sheet.

use crate::common;

use common::{client, demo_app, password, TestApp};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

/// Upload a file through the real form: multipart, the CSRF token its first field.
async fn upload(
    app: &TestApp,
    c: &reqwest::Client,
    csrf: &str,
    plenum: i64,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = Form::new().text("csrf", csrf.to_string()).part("file", Part::bytes(bytes).file_name(name.to_string()));
    c.post(app.url(&format!("/plenums/{plenum}/delegates/import"))).multipart(form).send().await.unwrap()
}

/// An attribute's value in a page, with HTML escapes undone.
fn attr(html: &str, before: &str) -> String {
    let v = html.split(before).nth(1).unwrap_or_else(|| panic!("no `{before}` in the page")).split('"').next().unwrap();
    v.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

async fn count(app: &TestApp, plenum: i64) -> usize {
    app.store.delegates(plenum).await.unwrap().len()
}

#[tokio::test]
async fn a_csv_with_bad_rows_is_previewed_row_by_row_and_nothing_is_saved() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let before = count(&app, id).await;
    let mut csv = "Họ và tên,Chức vụ,Đơn vị,Vai trò,Tổ\n\
        Phan Thị Thu Trang,Phóng viên,Báo Hà Nội mới,khách mời,Tổ 1\n\
        ,Chuyên viên,Văn phòng Thành ủy,khách mời,\n\
        Đỗ Văn Hải,Giám đốc,Sở Tài chính,quan sát viên,Tổ 9\n\
        phan thị thu trang,Phóng viên,Báo Hà Nội mới,Khách mời,\n\
        Người Ngoài Danh Sách,,Quận Hoàn Kiếm,ủy viên,\n\
        Hoàng Đức Mạnh,Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương,Ủy ban Kiểm tra Trung ương,khách mời,\n"
        .as_bytes()
        .to_vec();
    csv.extend_from_slice(b"Tr\xe2n V\xe3n B\xecnh,,S\xe1 Y t\xea,kh\xe1ch m\xf5i,\n"); // Windows-1258 bytes, not UTF-8
    let res = upload(&app, &c, &csrf, id, "dai-bieu.csv", csv).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("6 trong 7 dòng có lỗi"), "summary: {html}");
    for message in [
        "Thiếu họ và tên.",
        "Vai trò &#34;quan sát viên&#34; không hợp lệ",
        "Hội nghị không có tổ &#34;Tổ 9&#34;.",
        "Trùng với dòng 2.",
        "&#34;Người Ngoài Danh Sách&#34; không phải ủy viên Ban Chấp hành",
        "Người này đã có trong danh sách đại biểu của hội nghị.",
        "Lỗi mã hóa ký tự",
    ] {
        assert!(html.contains(message), "missing `{message}` in {}", html.split("<tbody>").nth(1).unwrap_or(&html));
    }
    assert_eq!(html.matches("class=\"row-bad\"").count(), 6);
    assert!(html.contains("id=\"confirm-import\" disabled"), "the confirm button is disabled");
    assert_eq!(count(&app, id).await, before, "nothing saved by a preview");

    // Forcing the confirm anyway: the rows are checked again and refused.
    let rows = attr(&html, "name=\"rows\" value=\"");
    let res = c
        .post(app.url(&format!("/plenums/{id}/delegates/import/confirm")))
        .form(&[("csrf", csrf.as_str()), ("rows", &rows)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Trùng với dòng 2."));
    assert_eq!(count(&app, id).await, before, "nothing saved by a forced confirm");

    // A file that is not a roster at all.
    let html = upload(&app, &c, &csrf, id, "x.csv", b"a,b\n1,2\n".to_vec()).await.text().await.unwrap();
    assert!(html.contains("Không tìm thấy dòng tiêu đề có cột &#34;Họ và tên&#34;"), "{html}");
    assert!(!html.contains("confirm-import"));
}

#[tokio::test]
async fn a_good_csv_is_imported_on_confirm_and_survives_a_restart_in_between() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let before = count(&app, id).await;
    // Decomposed Vietnamese (as some Mac keyboards type it) and English headers.
    let csv = "name;title;unit;role;group\nPhan Thi\u{323} Thu Trang;Phóng viên;Báo Hà Nội mới;guest;2\n\"Lý, Văn Tùng\";;Đài Hà Nội;Khách mời;\n";
    let html = upload(&app, &c, &csrf, id, "guests.csv", csv.as_bytes().to_vec()).await.text().await.unwrap();
    assert!(html.contains("Cả 2 dòng đều hợp lệ"), "{html}");
    assert!(html.contains("id=\"confirm-import\">"), "enabled");
    let rows = attr(&html, "name=\"rows\" value=\"");

    // The confirm carries the rows itself: another server over the same database accepts it.
    let again = app.another_node().await;
    let res = c
        .post(again.url(&format!("/plenums/{id}/delegates/import/confirm")))
        .form(&[("csrf", csrf.as_str()), ("rows", &rows)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/plenums/{id}/delegates?imported=2#roll"));
    let all = app.store.delegates(id).await.unwrap();
    assert_eq!(all.len(), before + 2);
    let trang = all.iter().find(|d| d.full_name == "Phan Thị Thu Trang").expect("NFC name");
    let group = app.store.groups(id).await.unwrap().into_iter().find(|g| g.name == "Tổ 2").unwrap();
    assert_eq!((trang.kind.as_str(), trang.group_id), ("guest", Some(group.id)));
    assert!(all.iter().any(|d| d.full_name == "Lý, Văn Tùng"));

    // Confirming the same rows twice does not summon them twice.
    let html = c
        .post(app.url(&format!("/plenums/{id}/delegates/import/confirm")))
        .form(&[("csrf", csrf.as_str()), ("rows", &rows)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("đã thay đổi từ khi kiểm tra tệp") && html.contains("Người này đã có trong danh sách"),
        "{html}"
    );
    assert_eq!(count(&app, id).await, before + 2);
    let page =
        c.get(app.url(&format!("/plenums/{id}/delegates?imported=2"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Đã nhập 2 đại biểu."));
}

#[tokio::test]
async fn an_xlsx_is_imported_through_the_api_all_or_nothing() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let before = count(&app, id).await;
    let xlsx = |rows: &[[&str; 5]]| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "DANH SÁCH KHÁCH MỜI DỰ HỘI NGHỊ").unwrap();
        for (c, h) in ["Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Tổ"].iter().enumerate() {
            sheet.write_string(2, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(3 + r as u32, c as u16, *v).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    };
    let url = |dry: bool| app.url(&format!("/api/v1/plenums/{id}/delegates/import?dry_run={dry}"));
    let good = xlsx(&[
        ["Vũ Minh Đức", "Vụ trưởng", "Ban Tổ chức Trung ương", "khách mời", "Tổ 3"],
        ["Đặng Thu Hà", "", "Văn phòng Trung ương Đảng", "khách mời", ""],
    ]);
    let bad = xlsx(&[
        ["Vũ Minh Đức", "Vụ trưởng", "Ban Tổ chức Trung ương", "khách mời", "Tổ 3"],
        ["Đặng Thu Hà", "", "", "đại biểu dự thính", ""],
    ]);

    let res = c
        .post(url(false))
        .header("x-csrf-token", &csrf)
        .header("accept-language", "en")
        .body(bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["importable"], false);
    assert_eq!(v["imported"], 0);
    assert_eq!(v["rows"][0]["problems"], json!([]));
    assert_eq!(v["rows"][1]["line"], 5, "the spreadsheet's row number");
    assert_eq!(v["rows"][1]["problems"][0]["code"], "unknown-role");
    assert!(
        v["rows"][1]["problems"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("The role \"đại biểu dự thính\" is not valid"),
        "{v}"
    );
    assert_eq!(count(&app, id).await, before, "a bad row leaves nothing");

    let v: Value =
        c.post(url(true)).header("x-csrf-token", &csrf).body(good.clone()).send().await.unwrap().json().await.unwrap();
    assert_eq!(
        (v["importable"].as_bool(), v["dry_run"].as_bool(), v["imported"].as_u64()),
        (Some(true), Some(true), Some(0))
    );
    assert_eq!(count(&app, id).await, before, "a dry run saves nothing");

    let res = c.post(url(false)).header("x-csrf-token", &csrf).body(good).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["imported"], 2);
    assert_eq!(v["rows"][0]["kind"], "guest");
    let all = app.store.delegates(id).await.unwrap();
    assert_eq!(all.len(), before + 2);
    assert!(all
        .iter()
        .any(|d| d.full_name == "Vũ Minh Đức" && d.unit == "Ban Tổ chức Trung ương" && d.group_id.is_some()));

    let v: Value = c
        .post(url(true))
        .header("x-csrf-token", &csrf)
        .body("".to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["file_problem"]["code"], "empty");
    // A delegate may not import.
    let (d, dcsrf) = app.login("daibieu", &password("daibieu")).await;
    assert_eq!(d.post(url(true)).header("x-csrf-token", &dcsrf).body("x").send().await.unwrap().status(), 403);
}

#[tokio::test]
async fn a_spreadsheet_spanning_the_whole_sheet_is_refused_and_the_server_stays_up() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    // Two cells, A1 and XFD1048576: read whole, a grid of 512 GiB.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Họ và tên").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let corner = book.save_to_buffer().unwrap();
    let url = app.url(&format!("/api/v1/plenums/{id}/delegates/import?dry_run=true"));
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .header("accept-language", "en")
        .body(corner.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["file_problem"]["code"], "sheet-too-many-rows");
    assert_eq!(
        v["file_problem"]["message"],
        format!("The sheet spans more than {} rows, from its first used row to its last.", plenum_docs::MAX_ROWS)
    );
    let html = upload(&app, &c, &csrf, id, "corner.xlsx", corner).await.text().await.unwrap();
    assert!(html.contains(&format!("Bảng tính trải quá {} dòng", plenum_docs::MAX_ROWS)), "{html}");
    assert_eq!(c.get(app.url("/healthz")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn check_in_by_badge_code_with_the_version_shown() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let d = app.store.delegates(id).await.unwrap().into_iter().find(|d| d.full_name == "Trần Thị Hồng Nhung").unwrap();
    let path = format!("/checkin/{}", d.checkin_code);

    // Not signed in: to the login page and back here.
    let res = client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/login?next=%2Fcheckin%2F"));
    // A delegate may not take the roll.
    let (dc, _) = app.login("daibieu", &password("daibieu")).await;
    assert_eq!(dc.get(app.url(&path)).send().await.unwrap().status(), 403);

    let (c, csrf) = app.login("thukyto", &password("thukyto")).await;
    assert_eq!(c.get(app.url("/checkin/not-a-code")).send().await.unwrap().status(), 404);
    let html = c.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("Trần Thị Hồng Nhung") && html.contains("Điểm danh có mặt") && html.contains("Chưa điểm danh"),
        "{html}"
    );
    let version = attr(&html, "name=\"version\" value=\"");
    let res = c
        .post(app.url(&path))
        .form(&[("csrf", csrf.as_str()), ("attendance", "present"), ("version", &version)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("{path}?done=1"));
    assert_eq!(app.store.delegate(d.id).await.unwrap().attendance.as_str(), "present");
    let html = c.get(app.url(&format!("{path}?done=1"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Đã điểm danh.") && !html.contains("checkin-present"), "checked in, no button: {html}");

    // The same page, left open on another phone: its version is outdated.
    let res = c
        .post(app.url(&path))
        .form(&[("csrf", csrf.as_str()), ("attendance", "late"), ("version", &version)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], format!("{path}?stale=1"));
    let html = c.get(app.url(&format!("{path}?stale=1"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Dữ liệu vừa được người khác thay đổi trước bạn. Thao tác của bạn chưa được thực hiện; xin xem lại thông tin mới nhất và làm lại nếu vẫn cần."));
    assert_eq!(app.store.delegate(d.id).await.unwrap().attendance.as_str(), "present", "nothing overwritten");
}

#[tokio::test]
async fn the_roll_call_form_and_the_api_refuse_outdated_versions() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let d = app.store.delegates(id).await.unwrap().into_iter().find(|d| d.kind.as_str() == "member").unwrap();
    let url = app.url(&format!("/plenums/{id}/delegates/{}/attendance", d.id));
    let v = d.version.to_string();
    let res = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("attendance", "absent"),
            ("reason", "Đi công tác nước ngoài"),
            ("version", &v),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], format!("/plenums/{id}/delegates?saved={}#d{}", d.id, d.id));
    let res =
        c.post(&url).form(&[("csrf", csrf.as_str()), ("attendance", "present"), ("version", &v)]).send().await.unwrap();
    assert_eq!(res.headers()["location"], format!("/plenums/{id}/delegates?stale={}#d{}", d.id, d.id));
    let page =
        c.get(app.url(&format!("/plenums/{id}/delegates?stale={}", d.id))).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("class=\"row-note error\" role=\"alert\">Dữ liệu vừa được người khác thay đổi trước bạn"),
        "the message beside the row too"
    );
    assert!(
        page.contains("Dữ liệu vừa được người khác thay đổi trước bạn") && page.contains("Đi công tác nước ngoài"),
        "the message and the current data"
    );

    let api = app.url(&format!("/api/v1/delegates/{}/attendance", d.id));
    let res = c
        .post(&api)
        .header("x-csrf-token", &csrf)
        .header("accept-language", "en")
        .json(&json!({"attendance": "present", "version": d.version}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"]["code"], "stale");
    assert_eq!(v["error"]["message"], "Someone else changed this just before you. Your action was not carried out; please look at the latest information and do it again if it is still needed.");
    let res = c
        .post(&api)
        .header("x-csrf-token", &csrf)
        .json(&json!({"attendance": "present", "version": d.version + 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["attendance"], "present");
    let res = c.post(&api).header("x-csrf-token", &csrf).json(&json!({"attendance": "asleep"})).send().await.unwrap();
    assert_eq!(res.status(), 422);
}

#[tokio::test]
async fn a_one_time_link_signs_a_tablet_in_once() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let guest = app.store.delegates(id).await.unwrap().into_iter().find(|d| d.kind.as_str() == "guest").unwrap();
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let html = c
        .post(app.url(&format!("/plenums/{id}/delegates/{}/link", guest.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let link = attr(&html, "class=\"device-link\" href=\"");
    let secret = link.rsplit("/d/").next().unwrap().to_string();
    assert!(link.starts_with(&app.base) && secret.len() == 64, "{link}");
    assert!(
        !serde_json::to_string(&app.store.export().await.unwrap()).unwrap().contains(&secret),
        "only the secret's hash is stored"
    );

    // Opening the link changes nothing; pressing the button signs in.
    let tablet = client();
    let page = tablet.get(app.url(&format!("/d/{secret}"))).send().await.unwrap().text().await.unwrap();
    let token = attr(&page, "name=\"csrf\" value=\"");
    let page = tablet.get(app.url(&format!("/d/{secret}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Đăng nhập thiết bị này"), "opening twice is harmless");
    let res = tablet.post(app.url(&format!("/d/{secret}"))).form(&[("csrf", token.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/plenums/{id}/tablet"));
    let me: Value = tablet.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["display_name"], guest.full_name, "{me}");
    assert_eq!(
        app.store.delegate(guest.id).await.unwrap().user_id.map(|u| u > 0),
        Some(true),
        "the delegate is linked to the new account"
    );
    let user = app.store.user_by_username(me["username"].as_str().unwrap()).await.unwrap().unwrap();
    let grants = app.store.grants_of(user.id).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(
        (grants[0].role, grants[0].scope.plenum),
        (plenum_core::access::Role::Guest, Some(id)),
        "a guest on this plenum only"
    );

    // A second use fails, with a message.
    let other = client();
    let page = other.get(app.url(&format!("/d/{secret}"))).send().await.unwrap().text().await.unwrap();
    let token = attr(&page, "name=\"csrf\" value=\"");
    let res = other.post(app.url(&format!("/d/{secret}"))).form(&[("csrf", token.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("Liên kết đăng nhập đã được dùng hoặc không còn hiệu lực."));
    assert_eq!(other.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "not signed in");
}

/// The attendance rule is the deployment's setting: at 1/2, 36 of 71 members are required, not 48.
#[tokio::test]
async fn the_attendance_rule_is_a_setting() {
    let half = plenum_core::conduct::quorum::Fraction::parse("1/2").unwrap();
    let db = std::sync::Arc::new(common::TestDatabase::sqlite());
    let app = common::launch_ruled(db, true, Default::default(), plenum_app::Rules { attendance: half }).await;
    let id = app.demo_plenum_id().await;
    let (c, _) = app.login("thuky", &password("thuky")).await;
    let v: Value = c.get(app.url(&format!("/api/v1/plenums/{id}/quorum"))).send().await.unwrap().json().await.unwrap();
    assert_eq!((v["attendance_required"].as_u64(), v["attendance_fraction"].clone()), (Some(36), json!([1, 2])));
}

#[tokio::test]
async fn the_quorum_counts_members_only_against_all_members() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let q = || async {
        c.get(app.url(&format!("/api/v1/plenums/{id}/quorum"))).send().await.unwrap().json::<Value>().await.unwrap()
    };
    let v = q().await;
    assert_eq!(
        (v["members"].as_u64(), v["present"].as_u64(), v["needed_to_pass"].as_u64(), v["attendance_required"].as_u64()),
        (Some(71), Some(0), Some(36), Some(48))
    );
    assert_eq!((v["can_pass"].as_bool(), v["guests"].as_u64()), (Some(false), Some(6)));

    let delegates = app.store.delegates(id).await.unwrap();
    let set = |d: i64, a: &str| {
        let body = json!({"attendance": a});
        let req =
            c.post(app.url(&format!("/api/v1/delegates/{d}/attendance"))).header("x-csrf-token", &csrf).json(&body);
        async move { assert_eq!(req.send().await.unwrap().status(), 200) }
    };
    let members: Vec<i64> = delegates.iter().filter(|d| d.kind.as_str() == "member").map(|d| d.id).collect();
    for g in delegates.iter().filter(|d| d.kind.as_str() == "guest") {
        set(g.id, "present").await;
    }
    for m in &members[..35] {
        set(*m, "present").await;
    }
    set(members[35], "left").await;
    let v = q().await;
    assert_eq!(
        (v["present"].as_u64(), v["left"].as_u64(), v["guests_present"].as_u64(), v["can_pass"].as_bool()),
        (Some(35), Some(1), Some(6), Some(false)),
        "guests and leavers do not count"
    );
    set(members[35], "late").await;
    let v = q().await;
    assert_eq!(
        (v["present"].as_u64(), v["late"].as_u64(), v["can_pass"].as_bool(), v["attendance_met"].as_bool()),
        (Some(36), Some(1), Some(true), Some(false))
    );
    for m in &members[36..48] {
        set(*m, "present").await;
    }
    let v = q().await;
    assert_eq!((v["present"].as_u64(), v["attendance_met"].as_bool()), (Some(48), Some(true)), "2/3 of 71 is 48");

    // The fragment the delegates page and the chair's console show.
    let html = c.get(app.url(&format!("/plenums/{id}/fragments/quorum"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<strong data-quorum-present>48</strong> / <span data-quorum-members>71</span>"), "{html}");
    assert!(
        html.contains("Số ủy viên có mặt đủ để thông qua nghị quyết.")
            && html.contains("Đạt tỷ lệ có mặt 2/3 (48 ủy viên)."),
        "{html}"
    );
    assert!(!html.contains("<html"), "a fragment, not a page");
}

#[tokio::test]
async fn groups_are_formed_among_member_delegates() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let members: Vec<i64> = app.store.delegates(id).await.unwrap().iter().filter_map(|d| d.member_id).collect();
    let url = app.url(&format!("/plenums/{id}/groups"));
    let (a, b, x) = (members[0].to_string(), members[1].to_string(), members[2].to_string());
    let html = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("name", "tổ 1"), ("leader_member_id", &a), ("secretary_member_id", &a)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Tên: đã có tổ mang tên này") && html.contains("Thư ký tổ: thư ký tổ phải khác tổ trưởng"),
        "{html}"
    );
    let res = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Tổ 5"),
            ("leader_member_id", &a),
            ("secretary_member_id", &b),
            ("member_ids", &x),
            ("member_ids", &a),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let g = app.store.groups(id).await.unwrap().into_iter().find(|g| g.name == "Tổ 5").unwrap();
    let mut want = vec![members[0], members[1], members[2]];
    want.sort_unstable();
    assert_eq!((g.leader_member_id, g.secretary_member_id, g.member_ids), (Some(members[0]), Some(members[1]), want));
    let (d, dcsrf) = app.login("daibieu", &password("daibieu")).await;
    assert_eq!(d.post(&url).form(&[("csrf", dcsrf.as_str()), ("name", "Tổ 6")]).send().await.unwrap().status(), 403);
}

#[tokio::test]
async fn a_guest_is_added_by_form() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let url = app.url(&format!("/plenums/{id}/delegates"));
    let html = c
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("full_name", "  "), ("unit", "Báo Nhân Dân")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Họ và tên: bắt buộc phải nhập") && html.contains("value=\"Báo Nhân Dân\""),
        "the form is kept: {html}"
    );
    let res = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "Ngô Thị Lan Anh"),
            ("title", "Phóng viên"),
            ("unit", "Báo Nhân Dân"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = c.get(app.url(res.headers()["location"].to_str().unwrap())).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Đã thêm khách mời Ngô Thị Lan Anh."));
    assert!(app
        .store
        .delegates(id)
        .await
        .unwrap()
        .iter()
        .any(|d| d.full_name == "Ngô Thị Lan Anh" && d.kind.as_str() == "guest" && d.checkin_code.len() >= 16));
}

#[tokio::test]
async fn the_badge_sheet_is_a_pdf_with_the_names_in_vietnamese() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, _) = app.login("thuky", &password("thuky")).await;
    let res = c.get(app.url(&format!("/plenums/{id}/badges.pdf"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("badges.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Trần Thị Hồng Nhung") && text.contains("Hoàng Đức Mạnh"), "{text}");
    assert!(text.contains("KHÁCH MỜI") && text.contains("ỦY VIÊN BAN CHẤP HÀNH"), "{text}");
    assert_eq!(text.matches("Hội nghị lần thứ 11").count(), 77, "one badge per delegate");
    let pages = std::process::Command::new("pdfinfo").arg(&path).output().unwrap();
    assert!(String::from_utf8_lossy(&pages.stdout).contains("Pages:           10"), "77 badges, 8 a page");
    let (d, _) = app.login("daibieu", &password("daibieu")).await;
    assert_eq!(d.get(app.url(&format!("/plenums/{id}/badges.pdf"))).send().await.unwrap().status(), 403);
}
