//! Downloads over HTTP: the attendance list and roll-call result (XLSX, PDF),
//! the discussion statistics (XLSX, DOCX in Party form) and the opinion record
//! (XLSX). Each is read back as the office's software would (calamine,
//! LibreOffice, pdftotext), in Vietnamese, and refused to those who may not
//! read the page it belongs to. Text that looks like a formula stays text.

use crate::common;

use calamine::{Data, Reader, Xlsx};
use common::{demo_app, get_json, password, TestApp};
use plenum_docs::export::inspect::{docx_text, pdf_text};
use serde_json::{json, Value};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A formula a spreadsheet would run if it were written as one.
const FORMULA: &str = "=HYPERLINK(\"http://example.com\",\"Bấm vào đây\")";

/// Download `path`: 200, the type, an attachment with its Vietnamese name; the bytes.
async fn download(c: &reqwest::Client, app: &TestApp, path: &str, media_type: &str) -> Vec<u8> {
    let res = c.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(res.headers()["content-type"], media_type, "{path}");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"") && disposition.contains("filename*=UTF-8''"),
        "{disposition}"
    );
    res.bytes().await.unwrap().to_vec()
}

fn workbook(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes)).expect("an XLSX that opens")
}

/// A sheet's cells, every row, as calamine reads them.
fn rows(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

/// No cell of any sheet holds a formula.
fn no_formulas(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>) {
    for name in book.sheet_names() {
        let f = book.worksheet_formula(&name).unwrap();
        assert!(f.used_cells().all(|(_, _, f)| f.is_empty()), "a formula in {name}");
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => panic!("unexpected cell {other:?}"),
    }
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn status(c: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    c.get(app.url(path)).send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn the_attendance_list_and_roll_call_result_open_as_xlsx_and_pdf() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let delegates = app.store.delegates(id).await.unwrap();
    let absent = delegates.iter().find(|d| d.full_name == "Trần Thị Hồng Nhung").unwrap();
    let reason = format!("{FORMULA} công tác nước ngoài");
    let res = c
        .post(app.url(&format!("/api/v1/delegates/{}/attendance", absent.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"attendance": "absent", "reason": reason}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let mut book = workbook(download(&c, &app, &format!("/plenums/{id}/attendance.xlsx"), XLSX).await);
    assert_eq!(book.sheet_names(), ["Danh sách điểm danh", "Kết quả điểm danh"]);
    let list = rows(&mut book, "Danh sách điểm danh");
    assert_eq!(
        list[0].iter().map(text).collect::<Vec<_>>(),
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Tổ thảo luận", "Tình trạng", "Lý do"]
    );
    assert_eq!(list.len(), delegates.len() + 1, "one row per delegate");
    let line = list.iter().find(|r| text(&r[1]) == "Trần Thị Hồng Nhung").expect("her line");
    assert_eq!(text(&line[6]), "Vắng mặt");
    assert_eq!(line[7], Data::String(reason.clone()), "a reason that looks like a formula stays text");
    assert!(list.iter().any(|r| text(&r[1]) == "Hoàng Đức Mạnh" && text(&r[4]) == "Khách mời"));
    let result = rows(&mut book, "Kết quả điểm danh");
    let figure = |name: &str| result.iter().find(|r| text(&r[0]) == name).map(|r| r[1].clone()).unwrap();
    let members = delegates.iter().filter(|d| d.kind.as_str() == "member").count();
    assert_eq!(figure("Tổng số ủy viên Ban Chấp hành được triệu tập"), Data::Float(members as f64));
    assert_eq!(figure("Số ủy viên vắng mặt"), Data::Float(1.0));
    no_formulas(&mut book);

    let pdf = download(&c, &app, &format!("/plenums/{id}/attendance.pdf"), "application/pdf").await;
    let text = flat(&pdf_text(&pdf));
    for want in ["ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "DANH SÁCH", "Kết quả điểm danh"]
    {
        assert!(text.contains(want), "{want} in {text}");
    }
    // A name wraps in its narrow column, so the layout splits it across lines: each word is there.
    for name in ["Hoàng Đức Mạnh", "Trần Thị Hồng Nhung", "Vắng mặt"] {
        assert!(name.split(' ').all(|w| text.contains(w)), "{name} in {text}");
    }

    // The roll-call page is the office's and the secretaries': the chair and a delegate are refused.
    for who in ["chutri", "daibieu"] {
        let (other, _) = app.login(who, &password(who)).await;
        for ext in ["xlsx", "pdf"] {
            assert_eq!(status(&other, &app, &format!("/plenums/{id}/attendance.{ext}")).await, 403, "{who} {ext}");
        }
    }
    let (group_secretary, _) = app.login("thukyto", &password("thukyto")).await;
    assert_eq!(status(&group_secretary, &app, &format!("/plenums/{id}/attendance.xlsx")).await, 200);
}

#[tokio::test]
async fn the_statistics_open_as_xlsx_and_as_a_party_report_in_docx() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, _) = app.login("daibieu", &password("daibieu")).await;
    let api = get_json(&c, &app.url(&format!("/api/v1/plenums/{id}/statistics"))).await;

    let mut book = workbook(download(&c, &app, &format!("/plenums/{id}/statistics.xlsx"), XLSX).await);
    assert_eq!(book.sheet_names(), ["Theo nội dung", "Theo tổ", "Theo đại biểu"]);
    let by_item = rows(&mut book, "Theo nội dung");
    assert_eq!(text(&by_item[0][1]), "Nội dung");
    assert_eq!(by_item.len(), api["by_item"].as_array().unwrap().len() + 2, "a header, the items, a total");
    for (row, item) in by_item[1..].iter().zip(api["by_item"].as_array().unwrap()) {
        assert_eq!(text(&row[1]), item["title"].as_str().unwrap());
        assert_eq!(row[3], Data::Float(item["opinions"].as_f64().unwrap()));
        assert_eq!(row[6], Data::Float(item["by_stance"]["propose_change"].as_f64().unwrap()));
    }
    let total = by_item.last().unwrap();
    assert_eq!(
        (text(&total[1]).as_str(), &total[2], &total[3]),
        ("Tổng cộng", &Data::Float(59.0), &Data::Float(130.0))
    );
    let by_group = rows(&mut book, "Theo tổ");
    let groups: Vec<String> = by_group[1..].iter().map(|r| text(&r[0])).collect();
    let api_groups: Vec<&str> =
        api["by_group"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(groups, api_groups);
    let by_delegate = rows(&mut book, "Theo đại biểu");
    assert_eq!(by_delegate.len() - 1, api["by_delegate"].as_array().unwrap().len(), "every delegate who spoke");
    no_formulas(&mut book);

    let docx = download(&c, &app, &format!("/plenums/{id}/statistics.docx"), DOCX).await;
    let text = flat(&docx_text(&docx));
    for want in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "BÁO CÁO",
        "59 lượt phát biểu với 130 ý kiến về 13 nội dung",
        "Theo tổ thảo luận và hội trường",
        "Đề nghị sửa đổi, bổ sung",
        "CHÁNH VĂN PHÒNG",
        "Tổ 1",
    ] {
        // A table's narrow columns wrap their words across lines: each word is there.
        assert!(want.split(' ').all(|w| text.contains(w)), "{want} in {text}");
    }
    let top = api["by_delegate"][0]["name"].as_str().unwrap();
    assert!(top.split(' ').all(|w| text.contains(w)), "{top} in {text}");

    // Whoever may read the statistics page may download it (the role matrix tries every scope); nobody unsigned.
    let anonymous = common::client();
    assert_ne!(status(&anonymous, &app, &format!("/plenums/{id}/statistics.docx")).await, 200);
}

#[tokio::test]
async fn the_opinion_record_has_one_row_per_opinion_with_the_apis_columns() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let speech = app.store.speeches(id).await.unwrap().remove(0);
    let said = format!("{FORMULA} đề nghị bổ sung");
    let res = c
        .post(app.url(&format!("/api/v1/speeches/{}/opinions", speech.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"stance": "propose_change", "text": said}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);

    let mut book = workbook(download(&c, &app, &format!("/plenums/{id}/desk/record.xlsx"), XLSX).await);
    assert_eq!(book.sheet_names(), ["Ý kiến"]);
    let sheet = rows(&mut book, "Ý kiến");
    no_formulas(&mut book);
    let header: Vec<String> = sheet[0].iter().map(text).collect();

    // The API's opinions, each under its speech, by id.
    let api = get_json(&c, &app.url(&format!("/api/v1/plenums/{id}/speeches"))).await;
    let opinions: Vec<&Value> =
        api.as_array().unwrap().iter().flat_map(|s| s["opinions"].as_array().unwrap().iter()).collect();
    let mut keys: Vec<String> = opinions[0].as_object().unwrap().keys().cloned().collect();
    let mut columns = header.clone();
    keys.sort();
    columns.sort();
    assert_eq!(columns, keys, "the same columns as the API");
    assert_eq!(sheet.len() - 1, app.store.opinions(id).await.unwrap().len(), "one row per opinion, written ones too");
    for o in &opinions {
        let row = sheet.iter().find(|r| r[0] == Data::Float(o["id"].as_f64().unwrap())).expect("the opinion's row");
        for (name, cell) in header.iter().zip(row) {
            let want = match &o[name] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            assert_eq!(text(cell), want, "{name} of opinion {}", o["id"]);
        }
    }
    let mine = sheet.iter().find(|r| text(&r[7]) == said).expect("the new opinion");
    assert_eq!(mine[7], Data::String(said.clone()), "an opinion that looks like a formula stays text");

    // A group secretary's desk is their group's: so is their record. The desk is not a delegate's.
    let (group_secretary, _) = app.login("thukyto", &password("thukyto")).await;
    let own = rows(
        &mut workbook(download(&group_secretary, &app, &format!("/plenums/{id}/desk/record.xlsx"), XLSX).await),
        "Ý kiến",
    );
    assert!(own.len() > 1 && own.len() < sheet.len(), "{} of {}", own.len(), sheet.len());
    for who in ["daibieu", "chutri", "kiemtra"] {
        let (other, _) = app.login(who, &password(who)).await;
        assert_eq!(status(&other, &app, &format!("/plenums/{id}/desk/record.xlsx")).await, 403, "{who}");
    }
}

#[tokio::test]
async fn the_pages_link_their_downloads() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, _) = app.login("thuky", &password("thuky")).await;
    let page = |path: String| {
        let c = c.clone();
        let url = app.url(&path);
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let delegates = page(format!("/plenums/{id}/delegates")).await;
    assert!(delegates.contains(&format!("href=\"/plenums/{id}/attendance.xlsx\"")));
    assert!(delegates.contains(&format!("href=\"/plenums/{id}/attendance.pdf\"")));
    let stats = page(format!("/plenums/{id}/statistics")).await;
    assert!(stats.contains(&format!("href=\"/plenums/{id}/statistics.xlsx\"")));
    assert!(stats.contains(&format!("href=\"/plenums/{id}/statistics.docx\"")));
    let desk = page(format!("/plenums/{id}/desk")).await;
    assert!(desk.contains(&format!("href=\"/plenums/{id}/desk/record.xlsx\"")));
}

#[tokio::test]
async fn the_agenda_prints_in_party_form_as_pdf_and_docx_in_the_order_it_is_taken_up() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let plenum = app.store.plenum(id).await.unwrap();
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    // The last item placed in an afternoon half-day: placed items print first, by
    // half-day, and the rest follow by number.
    let slot = json!({"day": plenum.starts_on, "part": "afternoon", "starts_at": "14:00", "venue": "hall"});
    let res = office
        .post(app.url(&format!("/api/v1/plenums/{id}/programme")))
        .header("x-csrf-token", &csrf)
        .json(&slot)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let slot: Value = res.json().await.unwrap();
    let items: Vec<Value> =
        get_json(&office, &app.url(&format!("/api/v1/plenums/{id}/agenda-items"))).await.as_array().unwrap().clone();
    let last = items.last().unwrap().clone();
    let mut placed = last.clone();
    placed["slot_id"] = slot["id"].clone();
    let res = office
        .put(app.url(&format!("/api/v1/plenums/{id}/agenda-items/{}", last["id"])))
        .header("x-csrf-token", &csrf)
        .json(&placed)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let (reader, _) = app.login("daibieu", &password("daibieu")).await;
    let pdf = flat(&pdf_text(&download(&reader, &app, &format!("/plenums/{id}/agenda.pdf"), "application/pdf").await));
    let docx = flat(&docx_text(&download(&reader, &app, &format!("/plenums/{id}/agenda.docx"), DOCX).await));
    let first = items[0]["title"].as_str().unwrap();
    let moved = last["title"].as_str().unwrap();
    for (what, text) in [("pdf", &pdf), ("docx", &docx)] {
        for want in ["ĐẢNG CỘNG SẢN VIỆT NAM", "CHƯƠNG TRÌNH", "Cơ quan trình bày", "Địa điểm", "Chiều"]
        {
            assert!(want.split(' ').all(|w| text.contains(w)), "{what}: {want} in {text}");
        }
        let at = |title: &str| {
            let word = title.split(' ').take(4).collect::<Vec<_>>().join(" ");
            text.find(&word).unwrap_or_else(|| panic!("{what}: {word} in {text}"))
        };
        assert!(at(moved) < at(first), "{what}: the item placed in a half-day comes before those not yet placed");
    }
    assert_ne!(status(&common::client(), &app, &format!("/plenums/{id}/agenda.pdf")).await, 200);
}

#[tokio::test]
async fn each_delegate_gets_a_summons_letter_in_party_form_and_a_guest_an_invitation() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let delegates = app.store.delegates(id).await.unwrap();
    let member = delegates.iter().find(|d| d.kind.as_str() == "member").unwrap();
    let guest = delegates.iter().find(|d| d.kind.as_str() == "guest").unwrap();
    let (office, _) = app.login("thuky", &password("thuky")).await;

    let all = pdf_text(&download(&office, &app, &format!("/plenums/{id}/summons.pdf"), "application/pdf").await);
    assert_eq!(all.matches('\u{c}').count(), delegates.len(), "one letter a page, for everyone summoned");
    let all = flat(&all);
    assert!(all.contains("GIẤY TRIỆU TẬP") && all.contains("GIẤY MỜI"), "members summoned, guests invited");

    for (d, kind) in [(member, "GIẤY TRIỆU TẬP"), (guest, "GIẤY MỜI")] {
        let path = format!("/plenums/{id}/delegates/{}/summons", d.id);
        let pdf = flat(&pdf_text(&download(&office, &app, &format!("{path}.pdf"), "application/pdf").await));
        let docx = flat(&docx_text(&download(&office, &app, &format!("{path}.docx"), DOCX).await));
        for (what, text) in [("pdf", &pdf), ("docx", &docx)] {
            for want in
                ["ĐẢNG CỘNG SẢN VIỆT NAM", kind, d.full_name.as_str(), "Đồng chí:", "Khai mạc", "T/M BAN THƯỜNG VỤ"]
            {
                assert!(text.contains(want), "{what}: {want} in {text}");
            }
        }
    }

    // For the office alone: the chair and a delegate are refused, and a delegate of another plenum is not found here.
    for who in ["chutri", "daibieu"] {
        let (c, _) = app.login(who, &password(who)).await;
        assert_eq!(status(&c, &app, &format!("/plenums/{id}/summons.pdf")).await, 403, "{who}");
    }
    assert_eq!(status(&office, &app, &format!("/plenums/{id}/delegates/999999/summons.pdf")).await, 404);
}
