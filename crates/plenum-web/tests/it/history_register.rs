//! The history as a register (issue 8, part 6): each entry a sentence with
//! its object and what it changed, filtered by plenum, actor, kind and date,
//! sign-ins hidden unless asked for; a scoped reader never sees another
//! scope's entries, on the page or through the API.

use serde_json::{json, Value};

use crate::common::{self, demo_app, password, TestApp};

/// A second plenum of the demo's committee, with one agenda item added by the administrator.
/// Create it after reading the demo plenum's id: the newer plenum lists first.
async fn other_plenum(app: &TestApp, admin: &reqwest::Client, csrf: &str, demo: i64) -> i64 {
    let demo = app.store.plenum(demo).await.unwrap();
    let body = json!({"committee_id": demo.committee_id, "ordinal": 12, "title": "Hội nghị lần thứ mười hai",
        "starts_on": "2026-12-20", "ends_on": "2026-12-21", "place": "Hà Nội"});
    let res = admin.post(app.url("/api/v1/plenums")).header("x-csrf-token", csrf).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let item = json!({"ordinal": 1, "title": "Quy hoạch Thủ đô mười hai", "kind": "report"});
    let res = admin
        .post(app.url(&format!("/api/v1/plenums/{id}/agenda-items")))
        .header("x-csrf-token", csrf)
        .json(&item)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    id
}

/// An auditor of the demo plenum only, signed in.
async fn plenum_auditor(app: &TestApp, admin: &reqwest::Client, csrf: &str, plenum: i64) -> reqwest::Client {
    let account = json!({"username": "kiemtra-11", "display_name": "Kiểm tra Hội nghị 11", "password": "mat-khau-kt",
        "role": "auditor", "plenum_id": plenum});
    let res = admin.post(app.url("/api/v1/users")).header("x-csrf-token", csrf).json(&account).send().await.unwrap();
    assert_eq!(res.status(), 201);
    app.login("kiemtra-11", "mat-khau-kt").await.0
}

async fn page(app: &TestApp, c: &reqwest::Client, query: &str) -> String {
    let res = c.get(app.url(&format!("/history?{query}"))).send().await.unwrap();
    assert_eq!(res.status(), 200, "{query}");
    res.text().await.unwrap()
}

async fn api(app: &TestApp, c: &reqwest::Client, query: &str) -> Vec<Value> {
    let res = c.get(app.url(&format!("/api/v1/history?limit=1000&{query}"))).send().await.unwrap();
    assert_eq!(res.status(), 200, "{query}");
    res.json().await.unwrap()
}

#[tokio::test]
async fn entries_read_as_sentences_and_sign_ins_wait_to_be_asked_for() {
    let app = demo_app().await;
    let demo = app.demo_plenum_id().await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    other_plenum(&app, &admin, &csrf, demo).await;

    let html = page(&app, &admin, "").await;
    assert!(html.contains("Triệu tập hội nghị “Hội nghị lần thứ mười hai”"), "a plenum convened reads as a sentence");
    assert!(html.contains("href=\"/plenums/"), "with a link to its object");
    assert!(!html.contains("<code>plenum.created</code>"), "no raw codes");
    assert!(!html.contains("Tài khoản admin đăng nhập"), "sign-ins are hidden by default");

    for asked in ["sign_ins=1", "kind=sign-ins"] {
        let html = page(&app, &admin, asked).await;
        assert!(html.contains("Tài khoản admin đăng nhập"), "{asked}");
    }
    let only = page(&app, &admin, "kind=sign-ins").await;
    assert!(!only.contains("Triệu tập hội nghị"), "a kind shows that kind only");

    admin.get(app.url("/lang/en?next=/history")).send().await.unwrap();
    let html = page(&app, &admin, "").await;
    assert!(html.contains("Convened the plenum “Hội nghị lần thứ mười hai”"), "and in English");
}

#[tokio::test]
async fn the_register_filters_by_plenum_actor_kind_and_date() {
    let app = demo_app().await;
    let demo = app.demo_plenum_id().await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let other = other_plenum(&app, &admin, &csrf, demo).await;

    let html = page(&app, &admin, &format!("plenum={other}")).await;
    assert!(html.contains("Thêm nội dung 1. Quy hoạch Thủ đô mười hai vào chương trình"), "{html}");
    assert!(!html.contains("Ghi ý kiến của đại biểu"), "the demo plenum's opinions are not this plenum's");
    let html = page(&app, &admin, &format!("plenum={demo}&kind=record")).await;
    assert!(html.contains("Ghi ý kiến của đại biểu") && !html.contains("Quy hoạch Thủ đô mười hai"), "{html}");

    let html = page(&app, &admin, "actor=admin&kind=preparation").await;
    assert!(html.contains("Quy hoạch Thủ đô mười hai"));
    assert!(page(&app, &admin, "actor=nobody").await.contains("Không có mục nào khớp với điều kiện lọc."));

    let today = jiff::Zoned::now().in_tz("Asia/Ho_Chi_Minh").unwrap().date();
    let html = page(&app, &admin, &format!("from={today}&to={today}&plenum={other}")).await;
    assert!(html.contains("Quy hoạch Thủ đô mười hai"), "today's entries are today's");
    let tomorrow = today.tomorrow().unwrap();
    let html = page(&app, &admin, &format!("from={tomorrow}")).await;
    assert!(html.contains("Không có mục nào khớp"), "nothing is dated tomorrow");
    let yesterday = today.yesterday().unwrap();
    assert!(page(&app, &admin, &format!("to={yesterday}&plenum={other}")).await.contains("Không có mục nào khớp"));

    // The API takes the same filter; its kind and dates are checked the same way.
    let read = api(&app, &admin, &format!("plenum={other}")).await;
    assert!(!read.is_empty());
    assert!(read
        .iter()
        .all(|e| serde_json::from_str::<Value>(e["payload"].as_str().unwrap()).unwrap()["plenum_id"] == other));
    let signins = api(&app, &admin, "kind=sign-ins").await;
    assert!(
        !signins.is_empty()
            && signins.iter().all(|e| e["action"] == "login.started"
                || e["action"] == "login.ended"
                || e["action"] == "token.created"
                || e["action"] == "delegate.link_used")
    );
    assert!(api(&app, &admin, "sign_ins=false").await.iter().all(|e| e["action"] != "login.started"));
    assert!(
        api(&app, &admin, "").await.iter().any(|e| e["action"] == "login.started"),
        "the API keeps sign-ins by default"
    );
    for bad in ["kind=bogus".to_string(), "from=07/12/2026".into(), format!("actor={}", "a".repeat(101))] {
        let res = admin.get(app.url(&format!("/api/v1/history?{bad}"))).send().await.unwrap();
        assert_eq!(res.status(), 422, "{bad}");
    }
    let html = page(&app, &admin, "kind=bogus&from=07/12/2026").await;
    assert!(
        html.contains("Loại thao tác không hợp lệ.") && html.contains("Ngày phải có dạng năm-tháng-ngày"),
        "{html}"
    );
}

#[tokio::test]
async fn a_plenum_auditor_never_sees_another_plenums_entries() {
    let app = demo_app().await;
    let demo = app.demo_plenum_id().await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let other = other_plenum(&app, &admin, &csrf, demo).await;
    let auditor = plenum_auditor(&app, &admin, &csrf, demo).await;

    for query in ["", "sign_ins=1", &format!("plenum={other}"), "kind=preparation", "kind=sign-ins", "actor=admin"] {
        let html = page(&app, &auditor, query).await;
        // The API says true where the form sends 1.
        let query = &query.replace("sign_ins=1", "sign_ins=true");
        assert!(!html.contains("Quy hoạch Thủ đô mười hai") && !html.contains("mười hai”"), "{query}: {html}");
        assert!(!html.contains("đăng nhập</a>") && !html.contains("Tạo tài khoản"), "{query}");
        for e in api(&app, &auditor, query).await {
            let public: Value = serde_json::from_str(e["payload"].as_str().unwrap()).unwrap();
            assert_ne!(public["plenum_id"], other, "{query}: {e}");
            assert!(!public["plenum_id"].is_null(), "no unscoped entry reaches a plenum auditor: {e}");
        }
    }
    // The other plenum is not even offered in the filter.
    assert!(!page(&app, &auditor, "").await.contains(&format!("<option value=\"{other}\"")));
}

#[tokio::test]
async fn an_edit_shows_the_fields_before_and_after_and_the_chain_still_verifies() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let auditor = plenum_auditor(&app, &admin, &csrf, plenum).await;
    let opinion = app.store.opinions(plenum).await.unwrap().into_iter().find(|o| o.stance.as_str() == "agree").unwrap();

    // A reader of the plenum listens live while the office corrects an opinion.
    let (secretary, s_csrf) = app.login("thuky", &password("thuky")).await;
    let live = secretary.get(app.url("/api/v1/events")).send().await.unwrap();
    let mut live = common::sse::SseReader::new(live);
    let res = secretary
        .patch(app.url(&format!("/api/v1/opinions/{}", opinion.id)))
        .header("x-csrf-token", &s_csrf)
        .json(&json!({"version": opinion.version, "stance": "disagree", "text": "Đề nghị viết lại đoạn 3."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let event = loop {
        let (name, data) = live.next(10).await.expect("the change arrives live");
        if name == "opinion.changed" {
            break data;
        }
    };
    assert!(!event.contains("\"before\""), "a live event carries the new row only: {event}");

    // The auditor reads what changed: the stance before and after; the text stays inside.
    let html = page(&app, &auditor, "kind=record").await;
    assert!(html.contains("Sửa ý kiến của đại biểu"), "{html}");
    assert!(html.contains("<td class=\"was\">Tán thành</td><td>Không tán thành</td>"), "{html}");
    assert!(!html.contains("Đề nghị viết lại đoạn 3."), "an opinion's text is not the auditor's to read");
    let read = api(&app, &auditor, "kind=record").await;
    let changed = read.iter().rev().find(|e| e["action"] == "opinion.changed").unwrap();
    let public: Value = serde_json::from_str(changed["payload"].as_str().unwrap()).unwrap();
    assert_eq!(public["before"]["stance"], "agree");
    assert_eq!(public["payload"]["stance"], "disagree");

    // The administrator reads the stored payload, the old text included.
    let read = api(&app, &admin, "kind=record").await;
    let stored: Value = serde_json::from_str(
        read.iter().rev().find(|e| e["action"] == "opinion.changed").unwrap()["payload"].as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(stored["before"]["text"], opinion.text);
    assert_eq!(stored["data"]["text"], "Đề nghị viết lại đoạn 3.");

    assert!(plenum_store::verify_history(app.store.as_ref()).await.unwrap().is_ok(), "the chain still verifies");
    assert!(page(&app, &admin, "").await.contains("Chuỗi nhật ký toàn vẹn"));
}

#[tokio::test]
async fn the_register_downloads_as_csv_and_xlsx_within_the_readers_scope() {
    let app = demo_app().await;
    let demo = app.demo_plenum_id().await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let other = other_plenum(&app, &admin, &csrf, demo).await;
    // An agenda item whose title a spreadsheet would take for a formula.
    let item = json!({"ordinal": 99, "title": "=HYPERLINK(\"http://x\")", "kind": "report"});
    let res = admin
        .post(app.url(&format!("/api/v1/plenums/{demo}/agenda-items")))
        .header("x-csrf-token", &csrf)
        .json(&item)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let auditor = plenum_auditor(&app, &admin, &csrf, demo).await;

    let res = auditor.get(app.url("/history.csv?kind=preparation")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    assert!(csv.contains("Thêm nội dung"), "the sentences, in Vietnamese:\n{csv}");
    assert!(csv.contains("=HYPERLINK"), "the item's title, as recorded");
    assert!(
        !csv.lines().any(|l| l.starts_with('=') || l.contains(",=") || l.contains(",\"=")),
        "no cell begins as a formula would"
    );
    assert!(!csv.contains("mười hai"), "nothing of the plenum the auditor may not read");
    assert!(!csv.contains("đăng nhập\","), "sign-ins hidden, as on the page");

    let res = auditor.get(app.url("/history.xlsx?kind=preparation")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap().to_vec();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let cells: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.iter().any(|c| c.contains("Thêm nội dung") && c.contains("=HYPERLINK")), "the item, as text");
    assert!(cells.iter().all(|c| !c.contains("mười hai")), "within the auditor's scope");
    let formulas = book.worksheet_formula(&name).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell is a formula");

    // The administrator sees both plenums; a refused filter is refused in the file too.
    let all = admin.get(app.url("/history.csv?kind=preparation")).send().await.unwrap().text().await.unwrap();
    assert!(all.contains("mười hai"), "plenum {other} is the administrator's to read");
    let res = auditor.get(app.url("/history.csv?kind=nonsense")).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let res = common::client().get(app.url("/history.xlsx")).send().await.unwrap();
    assert!(res.status() == 401 || res.status().is_redirection(), "{}", res.status());
}
