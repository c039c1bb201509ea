//! Scale-out on PostgreSQL: two `plenum` nodes share one database, and a change
//! committed through one reaches SSE subscribers of the other via LISTEN/NOTIFY.

use crate::common;

use common::sse::SseReader;
use common::{launch, password, TestDatabase};
use serde_json::{json, Value};
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread")]
async fn a_change_on_node_a_reaches_a_subscriber_on_node_b() {
    let node_a = launch(Arc::new(TestDatabase::postgres().await), true).await;
    let node_b = node_a.another_node().await;

    let health: Value = common::client().get(node_b.url("/healthz")).send().await.unwrap().json().await.unwrap();
    assert_eq!(health, json!({"status": "ok", "backend": "postgres"}));

    let id = node_b.demo_plenum_id().await;
    let (watcher, _) = node_b.login("daibieu", &password("daibieu")).await;
    let mut stream =
        SseReader::new(watcher.get(node_b.url(&format!("/api/v1/events?plenum={id}"))).send().await.unwrap());
    assert_eq!(stream.next(5).await.expect("connected").0, "connected");

    let (office, csrf) = node_a.login("thuky", &password("thuky")).await;
    let res = office
        .post(node_a.url(&format!("/api/v1/plenums/{id}/agenda-items")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"ordinal": 14, "title": "Nội dung từ nút A", "kind": "other"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);

    // Notifications of the demo's own loading may still be draining; the change must follow.
    let (event, data) = loop {
        let (event, data) = stream.next(10).await.expect("the change arrives on node B");
        if event == "agenda_item.added" {
            break (event, data);
        }
    };
    assert_eq!(event, "agenda_item.added");
    let v: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(v["payload"]["title"], "Nội dung từ nút A");
    // And node B serves the committed row.
    let items = common::get_json(&watcher, &node_b.url(&format!("/api/v1/plenums/{id}/agenda-items"))).await;
    assert_eq!(items.as_array().unwrap().len(), 14);
}
