//! HTTP tests for editing the agenda: edit, move and remove an item through
//! the API and the pages, each based on the version read (a stale one is a
//! 409), an item with opinions refused with the reason, a word typed as a
//! number named as such, and the programme's half-days.

use crate::common;

use common::{client, demo_app, get_json, password, TestApp};
use serde_json::{json, Value};

/// A new item on the demo agenda (whose 13 items all have drafts and opinions), by the office.
async fn new_item(app: &TestApp, c: &reqwest::Client, csrf: &str, plenum: i64) -> Value {
    let res = c
        .post(app.url(&format!("/api/v1/plenums/{plenum}/agenda-items")))
        .header("x-csrf-token", csrf)
        .json(&json!({"ordinal": 14, "title": "Tờ trình về chương trình làm việc năm 2024", "kind": "programme", "presenter": "Văn phòng Thành ủy"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json().await.unwrap()
}

fn titles(v: &Value) -> Vec<(i64, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| (i["ordinal"].as_i64().unwrap(), i["title"].as_str().unwrap().into()))
        .collect()
}

#[tokio::test]
async fn the_office_edits_moves_and_removes_an_item_through_the_api() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let before = get_json(&c, &app.url(&format!("/api/v1/plenums/{plenum}/agenda-items"))).await;
    let item = new_item(&app, &c, &csrf, plenum).await;
    let id = item["id"].as_i64().unwrap();
    assert_eq!(item["version"], 1);
    let url = app.url(&format!("/api/v1/plenums/{plenum}/agenda-items/{id}"));
    assert_eq!(get_json(&c, &url).await, item);

    let body = |version: i64, ordinal: i64| json!({"version": version, "ordinal": ordinal, "title": "Tờ trình về chương trình làm việc năm 2024 (sửa)", "kind": "programme", "presenter": "Văn phòng Thành ủy"});
    let res = c.put(&url).header("x-csrf-token", &csrf).json(&body(1, 14)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let edited: Value = res.json().await.unwrap();
    assert_eq!(
        (edited["version"].as_i64(), edited["title"].as_str()),
        (Some(2), Some("Tờ trình về chương trình làm việc năm 2024 (sửa)"))
    );
    // Someone else's edit came first: version 1 is stale, and nothing changes.
    let res = c
        .put(&url)
        .header("x-csrf-token", &csrf)
        .header("accept-language", "vi")
        .json(&body(1, 14))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "stale");
    assert!(err["error"]["message"].as_str().unwrap().contains("người khác thay đổi"), "{err}");
    let res = c.put(&url).header("x-csrf-token", &csrf).json(&body(2, 1)).send().await.unwrap();
    assert_eq!(res.status(), 409, "item 1's number");
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "duplicate");
    assert_eq!(get_json(&c, &url).await, edited, "refused edits change nothing");

    // Move it first: the agenda is renumbered in the new order.
    let move_url = format!("{url}/move");
    let res = c
        .post(&move_url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": 1, "position": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "a move based on an old read");
    let res = c
        .post(&move_url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": 2, "position": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "there is no place 0");
    let res = c
        .post(&move_url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": 2, "position": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let moved = titles(&res.json().await.unwrap());
    assert_eq!(moved[0], (1, "Tờ trình về chương trình làm việc năm 2024 (sửa)".into()));
    let old = titles(&before);
    assert_eq!(
        moved[1..].iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
        old.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>()
    );
    assert_eq!(moved.iter().map(|(o, _)| *o).collect::<Vec<_>>(), (1..=14).collect::<Vec<_>>());

    // An item with opinions and documents stays, and says why in the caller's language.
    let first_demo = before[0]["id"].as_i64().unwrap();
    let version = get_json(&c, &app.url(&format!("/api/v1/plenums/{plenum}/agenda-items/{first_demo}"))).await
        ["version"]
        .as_i64()
        .unwrap();
    let res = c
        .delete(app.url(&format!("/api/v1/plenums/{plenum}/agenda-items/{first_demo}?version={version}")))
        .header("x-csrf-token", &csrf)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "item-in-use");
    assert!(err["error"]["message"].as_str().unwrap().contains("opinions, documents"), "{err}");

    // The new item goes, on its current version only; the agenda is as it was.
    let current = get_json(&c, &url).await["version"].as_i64().unwrap();
    let res = c.delete(format!("{url}?version={}", current - 1)).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let res = c.delete(format!("{url}?version={current}")).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(c.get(&url).send().await.unwrap().status(), 404);
    let after = get_json(&c, &app.url(&format!("/api/v1/plenums/{plenum}/agenda-items"))).await;
    assert_eq!(titles(&after), old, "the others moved back up, numbered as before");

    // Each change is in the history, as its own kind.
    let (admin, _) = app.login("admin", &password("admin")).await;
    let history = get_json(&admin, &app.url("/api/v1/history?limit=1000")).await;
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for action in ["agenda_item.changed", "agenda.reordered", "agenda_item.removed"] {
        assert!(actions.contains(&action), "{action} in the history");
    }
}

#[tokio::test]
async fn other_roles_read_the_agenda_but_do_not_edit_it() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let item = new_item(&app, &office, &csrf, plenum).await;
    let id = item["id"].as_i64().unwrap();
    let url = app.url(&format!("/api/v1/plenums/{plenum}/agenda-items/{id}"));
    for name in ["chutri", "daibieu", "khachmoi", "kiemtra"] {
        let (c, csrf) = app.login(name, &password(name)).await;
        assert_eq!(get_json(&c, &url).await["id"], id, "{name} reads the item");
        let edit = json!({"version": 1, "ordinal": 14, "title": "Sửa", "kind": "other"});
        let put = c.put(&url).header("x-csrf-token", &csrf).json(&edit).send().await.unwrap();
        assert_eq!(put.status(), 403, "{name} edits");
        let mv =
            c.post(format!("{url}/move")).header("x-csrf-token", &csrf).json(&json!({"version": 1, "position": 1}));
        assert_eq!(mv.send().await.unwrap().status(), 403, "{name} moves");
        let del = c.delete(format!("{url}?version=1")).header("x-csrf-token", &csrf).send().await.unwrap();
        assert_eq!(del.status(), 403, "{name} removes");
        let page = c
            .post(app.url(&format!("/plenums/{plenum}/agenda/{id}/remove")))
            .form(&[("csrf", csrf.as_str()), ("version", "1")]);
        assert_eq!(page.send().await.unwrap().status(), 403, "{name} removes on the page");
    }
    assert_eq!(get_json(&office, &url).await, item, "untouched");
    let anonymous = client().put(&url).json(&json!({"version": 1, "ordinal": 14, "title": "x", "kind": "other"}));
    assert_eq!(anonymous.send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn the_office_keeps_the_programme_of_half_days() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let url = app.url(&format!("/api/v1/plenums/{plenum}/programme"));
    let add = |body: Value| c.post(&url).header("x-csrf-token", &csrf).json(&body).send();
    let res =
        add(json!({"day": "2023-01-05", "part": "afternoon", "starts_at": "14:00", "venue": "groups"})).await.unwrap();
    assert_eq!(res.status(), 201);
    let afternoon: Value = res.json().await.unwrap();
    let res = add(json!({"day": "2023-01-05", "part": "morning", "starts_at": "8:00", "venue": "hall"})).await.unwrap();
    let morning: Value = res.json().await.unwrap();
    assert_eq!(morning["starts_at"], "08:00");
    let res =
        add(json!({"day": "2023-01-05", "part": "morning", "starts_at": "09:00", "venue": "hall"})).await.unwrap();
    assert_eq!(res.status(), 409, "one morning a day");
    let res = add(json!({"day": "2023-02-01", "part": "morning", "starts_at": "abc", "venue": "hall"})).await.unwrap();
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    let fields: Vec<&str> =
        err["error"]["fields"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(fields, ["outside-plenum", "invalid-time"]);
    let slots = get_json(&c, &url).await;
    let parts: Vec<&str> = slots.as_array().unwrap().iter().map(|s| s["part"].as_str().unwrap()).collect();
    assert_eq!(parts, ["morning", "afternoon"], "mornings first");

    // An item placed in the morning keeps it; the empty afternoon goes.
    let item = new_item(&app, &c, &csrf, plenum).await;
    let item_url = app.url(&format!("/api/v1/plenums/{plenum}/agenda-items/{}", item["id"]));
    let placed =
        json!({"version": 1, "ordinal": 14, "title": item["title"], "kind": "programme", "slot_id": morning["id"]});
    let res = c.put(&item_url).header("x-csrf-token", &csrf).json(&placed).send().await.unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["slot_id"], morning["id"]);
    let res =
        c.delete(format!("{url}/{}?version=1", morning["id"])).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "slot-in-use");
    let res =
        c.delete(format!("{url}/{}?version=1", afternoon["id"])).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(res.status(), 204);

    // The page shows the morning, with the item placed in it.
    let html = c.get(app.url(&format!("/plenums/{plenum}/agenda"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Sáng 05/01/2023, 08:00 · Hội trường"), "{html}");
    assert!(html.contains("1 nội dung"));
}

#[tokio::test]
async fn pages_edit_move_and_refuse_with_reasons() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let agenda = app.url(&format!("/plenums/{plenum}/agenda"));

    // A word in the number field is "not a number", never "out of range".
    let res = c
        .post(&agenda)
        .form(&[
            ("csrf", csrf.as_str()),
            ("ordinal", "abc"),
            ("title", "Báo cáo"),
            ("kind", "report"),
            ("presenter", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Số thứ tự: phải là một số"), "{html}");
    assert!(!html.contains("nằm ngoài khoảng"), "{html}");
    assert!(html.contains("value=\"abc\""), "what was typed is kept");
    assert_eq!(app.store.agenda_items(plenum).await.unwrap().len(), 13, "nothing saved");

    let item = new_item(&app, &c, &csrf, plenum).await;
    let id = item["id"].as_i64().unwrap();
    let edit_url = app.url(&format!("/plenums/{plenum}/agenda/{id}"));
    let form = c.get(&edit_url).send().await.unwrap().text().await.unwrap();
    assert!(form.contains("name=\"version\" value=\"1\""), "the form carries the version read");
    let res = c
        .post(&edit_url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("ordinal", "mười bốn"),
            ("title", "Tờ trình"),
            ("kind", "programme"),
            ("presenter", ""),
            ("slot_id", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Số thứ tự: phải là một số"));
    let save = |version: &'static str| {
        c.post(&edit_url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("version", version),
                ("ordinal", "14"),
                ("title", "Tờ trình (đã sửa)"),
                ("kind", "programme"),
                ("presenter", "Văn phòng"),
                ("slot_id", ""),
            ])
            .send()
    };
    let res = save("1").await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/plenums/{plenum}/agenda#item-{id}").as_str());
    let res = save("1").await.unwrap();
    assert_eq!(res.status(), 409, "a page read before that save");
    let html = res.text().await.unwrap();
    assert!(html.contains("vừa được người khác sửa trước bạn"), "{html}");
    assert!(html.contains("name=\"version\" value=\"2\""), "the form is now based on the latest version");

    // Up by one, from the agenda's buttons; the same button from an old page is refused.
    let move_url = app.url(&format!("/plenums/{plenum}/agenda/{id}/move"));
    let res =
        c.post(&move_url).form(&[("csrf", csrf.as_str()), ("version", "2"), ("position", "13")]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let items = app.store.agenda_items(plenum).await.unwrap();
    assert_eq!((items[12].id, items[12].ordinal), (id, 13));
    let res =
        c.post(&move_url).form(&[("csrf", csrf.as_str()), ("version", "2"), ("position", "12")]).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("Chương trình vừa được người khác thay đổi"));

    // Removing item 1, which has opinions and a draft, is refused with the reason.
    let first = &items[0];
    let res = c
        .post(app.url(&format!("/plenums/{plenum}/agenda/{}/remove", first.id)))
        .form(&[("csrf", csrf.as_str()), ("version", &first.version.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    let uses = app.store.item_use(first.id).await.unwrap();
    assert!(uses.opinions > 0 && uses.documents > 0, "the demo's item 1 is discussed: {uses:?}");
    let reason = format!("Không xóa được nội dung này vì đã có {} ý kiến, {} tài liệu", uses.opinions, uses.documents);
    assert!(html.contains(&reason), "{reason} in {html}");
    assert_eq!(app.store.agenda_items(plenum).await.unwrap().len(), 14, "nothing removed");

    // The new one goes; reopening the removal's address sends back to the agenda.
    let version = app.store.agenda_item(id).await.unwrap().version.to_string();
    let remove_url = app.url(&format!("/plenums/{plenum}/agenda/{id}/remove"));
    let res = c.post(&remove_url).form(&[("csrf", csrf.as_str()), ("version", &version)]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(app.store.agenda_items(plenum).await.unwrap().len(), 13);
    let res = c.get(&remove_url).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/plenums/{plenum}/agenda").as_str());
}
