//! Lists as Vietnamese offices save them: the import preview reads a CSV file
//! from Excel in Windows-1258 (tone marks decomposed) or UTF-16, separated by
//! semicolons or tabs, and names the encoding it read; a file that is not a
//! table, and a quote left open, get their own messages.

use crate::common;

use common::{demo_app, password, TestApp};
use reqwest::multipart::{Form, Part};
use unicode_normalization::UnicodeNormalization;

async fn preview(app: &TestApp, c: &reqwest::Client, csrf: &str, plenum: i64, name: &str, bytes: Vec<u8>) -> String {
    let form = Form::new().text("csrf", csrf.to_string()).part("file", Part::bytes(bytes).file_name(name.to_string()));
    let res = c.post(app.url(&format!("/plenums/{plenum}/delegates/import"))).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

/// Text as Vietnamese Windows saves it in its code page: each letter without
/// its tone (ê, ơ, ă… are in Windows-1258), then the tone as a combining mark.
pub fn windows_1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut decomposed = String::new();
    for c in text.chars() {
        let parts: String = c.nfd().collect();
        decomposed.extend(parts.chars().filter(|m| !TONES.contains(m)).nfc());
        decomposed.extend(parts.chars().filter(|m| TONES.contains(m)));
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&decomposed);
    assert!(!unmappable, "{text} fits Windows-1258");
    bytes.into_owned()
}

/// The roster Excel's "Unicode text" writes: UTF-16 LE with a byte order mark, tabs between cells.
pub fn unicode_text(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

const ROSTER: &str = "DANH SÁCH KHÁCH MỜI;;;;\r\n\
    Họ và tên;Chức vụ;Đơn vị;Vai trò;Tổ\r\n\
    Lê Thị Hồng Nhung;Chuyên viên;Sở Tư pháp;khách mời;Tổ 1\r\n\
    Đặng Quốc Việt;Phó Giám đốc;Sở Xây dựng;khách mời;\r\n";

#[tokio::test]
async fn a_windows_1258_csv_with_semicolons_is_read_and_its_encoding_named() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let html = preview(&app, &c, &csrf, id, "khach-moi.csv", windows_1258(ROSTER)).await;
    assert!(html.contains("Bảng mã của tệp: Windows-1258."), "the encoding is named: {html}");
    assert!(html.contains("<td>Lê Thị Hồng Nhung</td>") && html.contains("<td>Đặng Quốc Việt</td>"), "{html}");
    assert!(html.contains("Cả 2 dòng đều hợp lệ.") && html.contains("id=\"confirm-import\">"), "importable: {html}");
    assert!(!html.contains("Lỗi mã hóa ký tự"));

    let tabs = ROSTER.replace(';', "\t");
    let html = preview(&app, &c, &csrf, id, "khach-moi.txt", unicode_text(&tabs)).await;
    assert!(html.contains("Bảng mã của tệp: UTF-16 LE."), "{html}");
    assert!(html.contains("<td>Lê Thị Hồng Nhung</td>") && html.contains("id=\"confirm-import\">"), "{html}");

    // The same through the API, which names the encoding too.
    let v: serde_json::Value = c
        .post(app.url(&format!("/api/v1/plenums/{id}/delegates/import?dry_run=true")))
        .header("x-csrf-token", &csrf)
        .body(windows_1258(ROSTER))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((v["encoding"].as_str(), v["importable"].as_bool()), (Some("Windows-1258"), Some(true)), "{v}");
    assert_eq!(v["rows"][0]["full_name"], "Lê Thị Hồng Nhung");
}

#[tokio::test]
async fn an_image_and_an_open_quote_get_their_own_messages() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 64));
    let html = preview(&app, &c, &csrf, id, "danh-sach.csv", png).await;
    assert!(html.contains("Tệp này không phải bảng danh sách"), "{html}");
    assert!(!html.contains("Bảng mã của tệp"), "nothing was read");

    let open = "Họ và tên,Vai trò\n\"Lê Thị Hồng Nhung,khách mời\nĐặng Quốc Việt,khách mời\n";
    let html = preview(&app, &c, &csrf, id, "danh-sach.csv", open.as_bytes().to_vec()).await;
    assert!(html.contains("Dòng 2 có dấu ngoặc kép"), "the row where the quote opens: {html}");
    assert!(!html.contains("confirm-import"), "no rows, nothing to confirm");
}
