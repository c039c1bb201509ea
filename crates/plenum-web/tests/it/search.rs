//! Search over HTTP, on both backends: typed without diacritics, found with
//! them and marked; filtered by what the reader may read; a query past its
//! bound refused with a message in the reader's language.

use std::sync::Arc;

use crate::common;

use common::{launch, password, TestApp, TestDatabase};
use plenum_store::input::NewOpinion;
use plenum_store::Actor;
use serde_json::Value;

/// A written opinion of the demo's delegate, which only the office's desk reads.
async fn written_opinion(app: &TestApp, text: &str) -> i64 {
    let plenum = app.demo_plenum_id().await;
    let user = app.store.user_by_username("daibieu").await.unwrap().unwrap();
    let delegate = app.store.delegate_for_user(plenum, user.id).await.unwrap().unwrap();
    let item_id = app.store.agenda_items(plenum).await.unwrap()[0].id;
    let new = NewOpinion {
        speech_id: None,
        delegate_id: delegate.id,
        item_id,
        passage_anchor: None,
        stance: "propose_change".into(),
        text: text.into(),
    };
    app.store.add_opinion(&Actor::system("test"), new).await.unwrap().id
}

async fn search(c: &reqwest::Client, app: &TestApp, query: &str) -> (u16, Value) {
    let id = app.demo_plenum_id().await;
    let res = c.get(app.url(&format!("/api/v1/plenums/{id}/search?{query}"))).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

fn ids_of(v: &Value, kind: &str) -> Vec<i64> {
    v["hits"].as_array().unwrap().iter().filter(|h| h["kind"] == kind).map(|h| h["id"].as_i64().unwrap()).collect()
}

async fn story(app: TestApp) {
    let id = app.demo_plenum_id().await;
    let written = written_opinion(&app, "Đề nghị làm rõ lộ trình số hóa hồ sơ <b>đảng viên</b>.").await;
    let (thuky, _) = app.login("thuky", &password("thuky")).await;
    let (khachmoi, _) = app.login("khachmoi", &password("khachmoi")).await;

    // Typed without diacritics, found with them, the words marked on the original.
    let (status, v) = search(&thuky, &app, "q=so+hoa+ho+so+dang+vien").await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(ids_of(&v, "opinion"), [written], "{v}");
    let hit = &v["hits"][0];
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let marked: Vec<String> = hit["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| snippet[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize].iter().collect())
        .collect();
    assert_eq!(marked, ["số", "hóa", "hồ", "sơ", "đảng", "viên"]);
    assert_eq!(hit["speech_id"], Value::Null);

    // A guest reads the speeches' opinions and the documents, not what was written in.
    let (_, v) = search(&khachmoi, &app, "q=so+hoa+ho+so+dang+vien").await;
    assert!(!ids_of(&v, "opinion").contains(&written), "{v}");
    let (_, v) = search(&khachmoi, &app, "q=dang+vien").await;
    assert!(!ids_of(&v, "opinion").is_empty() && !ids_of(&v, "opinion").contains(&written), "{v}");
    let (_, v) = search(&khachmoi, &app, "q=XAY+DUNG+DANG&kind=passage").await;
    assert!(!ids_of(&v, "passage").is_empty() && ids_of(&v, "opinion").is_empty(), "{v}");
    assert!(v["hits"][0]["label"].is_string() && v["hits"][0]["document_id"].is_i64(), "{v}");

    // The page: a GET form, the hits escaped and marked.
    let page = thuky.get(app.url(&format!("/plenums/{id}/search?q=ho+so+dang+vien"))).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<mark>hồ</mark> <mark>sơ</mark> &#60;b&#62;<mark>đảng</mark> <mark>viên</mark>&#60;/b&#62;"),
        "{html}"
    );
    assert!(html.contains("name=\"q\"") && html.contains("value=\"ho so dang vien\""), "{html}");
    let plenum_page = khachmoi.get(app.url(&format!("/plenums/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(plenum_page.contains(&format!("action=\"/plenums/{id}/search\"")), "the plenum page leads to search");
    let html = khachmoi.get(app.url(&format!("/plenums/{id}/search?q=ho+so+dang+vien"))).send().await.unwrap();
    assert!(!html.text().await.unwrap().contains("lộ trình"), "the guest's page shows no written opinion");

    // Bounds: refused with a message in the reader's language, on the API and the page.
    let long = "tiep+".repeat(41);
    let (status, v) = search(&thuky, &app, &format!("q={long}")).await;
    assert_eq!(status, 422, "{v}");
    assert_eq!(v["error"]["fields"][0]["field"], "q");
    assert_eq!(v["error"]["fields"][0]["message"], "quá dài (tối đa 200 ký tự)");
    let res = thuky
        .get(app.url(&format!("/api/v1/plenums/{id}/search?q={long}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"]["fields"][0]["message"], "is too long (200 characters at most)");
    let many = (0..13).map(|i| format!("w{i}")).collect::<Vec<_>>().join("+");
    let (status, v) = search(&thuky, &app, &format!("q={many}")).await;
    assert_eq!((status, v["error"]["fields"][0]["message"].as_str()), (422, Some("có quá nhiều từ (tối đa 12 từ)")));
    let (status, v) = search(&thuky, &app, "q=dang&kind=speech").await;
    assert_eq!((status, v["error"]["fields"][0]["field"].as_str()), (422, Some("kind")));
    let (status, _) = search(&thuky, &app, "q=dang&limit=51").await;
    assert_eq!(status, 422);
    let page = thuky.get(app.url(&format!("/plenums/{id}/search?q={long}"))).send().await.unwrap();
    assert_eq!(page.status(), 422);
    assert!(page.text().await.unwrap().contains("Nội dung tìm kiếm quá dài (tối đa 200 ký tự)"));

    // Pages of hits follow one another.
    let (_, first) = search(&thuky, &app, "q=dang&limit=2").await;
    let (_, second) = search(&thuky, &app, "q=dang&limit=2&offset=2").await;
    assert_eq!(first["more"], true);
    assert_eq!(first["hits"].as_array().unwrap().len(), 2);
    assert_ne!(first["hits"][0]["id"], second["hits"][0]["id"]);
}

#[tokio::test]
async fn search_over_http_on_sqlite() {
    story(launch(Arc::new(TestDatabase::sqlite()), true).await).await;
}

#[tokio::test]
async fn search_over_http_on_postgres() {
    story(launch(Arc::new(TestDatabase::postgres().await), true).await).await;
}
