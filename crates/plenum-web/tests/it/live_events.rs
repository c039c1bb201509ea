//! Live streams as their subscribers see them: what a guest's stream never
//! carries, resuming with `Last-Event-ID` (across a restart and across nodes)
//! without missing or repeating anything, the replay's bound, and streams
//! re-authorized when their user's grants change or they sign out.

use std::time::{Duration, Instant};

use crate::common::sse::SseReader;
use crate::common::{demo_app, launch, password, TestApp, TestDatabase};
use plenum_core::access::{Grant, GrantScope, Role};
use plenum_core::conduct::attendance::Attendance;
use plenum_store::input::NewSession;
use plenum_store::Actor;
use serde_json::{json, Value};

async fn add_item(app: &TestApp, client: &reqwest::Client, csrf: &str, ordinal: i64, title: &str) {
    let id = app.demo_plenum_id().await;
    let res = client
        .post(app.url(&format!("/api/v1/plenums/{id}/agenda-items")))
        .header("x-csrf-token", csrf)
        .json(&json!({"ordinal": ordinal, "title": title, "kind": "other"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
}

async fn open(app: &TestApp, client: &reqwest::Client, last_event_id: Option<i64>) -> SseReader {
    let mut req = client.get(app.url("/api/v1/events"));
    if let Some(id) = last_event_id {
        req = req.header("last-event-id", id.to_string());
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200);
    let mut stream = SseReader::new(res);
    assert_eq!(stream.next(5).await.expect("connect event").0, "connected");
    stream
}

/// Events until (and with) the agenda item titled `title`.
async fn until_item(stream: &mut SseReader, title: &str) -> Vec<(String, Value)> {
    let mut seen = Vec::new();
    loop {
        let (event, data) = stream.next(10).await.unwrap_or_else(|| panic!("{title} arrives after {seen:?}"));
        let v: Value = serde_json::from_str(&data).unwrap_or(Value::Null);
        let done = event == "agenda_item.added" && v["payload"]["title"] == title;
        seen.push((event, v));
        if done {
            return seen;
        }
    }
}

fn titles(events: &[(String, Value)]) -> Vec<String> {
    events.iter().filter(|(e, _)| e == "agenda_item.added").map(|(_, v)| v["payload"]["title"].to_string()).collect()
}

#[tokio::test]
async fn a_guests_stream_carries_no_attendance_reason_account_id_or_administrative_event() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (guest, _) = app.login("khachmoi", &password("khachmoi")).await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let mut guest_stream = open(&app, &guest, None).await;
    let mut admin_stream = open(&app, &admin, None).await;

    // Accounts and roles, attendance with its reason, sign-in links, ties to accounts, a token.
    let account = json!({"username": "moi", "display_name": "Người mới", "password": "mat-khau-moi", "role": "delegate", "plenum_id": plenum});
    let res = admin.post(app.url("/api/v1/users")).header("x-csrf-token", &csrf).json(&account).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let user: Value = res.json().await.unwrap();
    let user_id = user["id"].as_i64().unwrap();
    let actor = Actor::system("test");
    let delegate = app.store.delegates(plenum).await.unwrap()[0].clone();
    app.store.set_attendance(&actor, delegate.id, Attendance::Absent, "nằm viện", None).await.unwrap();
    app.store.set_link_hash(&actor, delegate.id, Some("link-hash-secret")).await.unwrap();
    app.store.take_link(&actor, "link-hash-secret").await.unwrap().expect("the link");
    app.store.link_delegate_user(&actor, delegate.id, user_id).await.unwrap();
    let committee = app.store.plenum(plenum).await.unwrap().committee_id;
    let member = app.store.members(committee).await.unwrap().into_iter().find(|m| m.user_id.is_none()).unwrap();
    app.store.link_member(&actor, member.id, user_id).await.unwrap();
    let token = NewSession {
        user_id,
        token_hash: "token-hash".into(),
        csrf: "c".into(),
        kind: plenum_core::access::SignInKind::Api,
        expires_at: None,
        label: "máy tính bảng".into(),
    };
    app.store.create_session(&actor, token).await.unwrap();
    add_item(&app, &admin, &csrf, 14, "Nội dung cuối").await;

    let administrative = [
        "user.created",
        "role.granted",
        "login.started",
        "login.ended",
        "token.created",
        "delegate.link_issued",
        "delegate.link_used",
        "delegate.user_linked",
        "member.linked",
    ];
    let seen = until_item(&mut guest_stream, "Nội dung cuối").await;
    assert!(seen.iter().any(|(e, _)| e == "attendance.changed"), "the guest follows attendance: {seen:?}");
    for (event, data) in &seen {
        assert!(!administrative.contains(&event.as_str()), "a guest receives no {event}");
        let text = data.to_string();
        assert!(!text.contains("nằm viện"), "no attendance reason: {text}");
        assert!(!text.contains("user_id") && !text.contains(&format!(":{user_id},")), "no account id: {text}");
        assert!(!text.contains("link-hash") && !text.contains("checkin"), "{text}");
    }
    let attendance = seen.iter().find(|(e, _)| e == "attendance.changed").unwrap();
    assert_eq!(
        attendance.1["payload"],
        json!({"delegate_id": delegate.id, "attendance": "absent", "version": delegate.version + 1, "sitting": 1})
    );

    // The administrator, on the same relay, receives every one of them.
    let events: Vec<String> =
        until_item(&mut admin_stream, "Nội dung cuối").await.into_iter().map(|(e, _)| e).collect();
    for action in [
        "user.created",
        "role.granted",
        "delegate.link_issued",
        "delegate.link_used",
        "delegate.user_linked",
        "member.linked",
        "token.created",
    ] {
        assert!(events.iter().any(|e| e == action), "{action} in {events:?}");
    }
}

#[tokio::test]
async fn a_stream_that_reconnects_with_last_event_id_misses_nothing_even_after_a_restart() {
    let app = demo_app().await;
    let (delegate, _) = app.login("daibieu", &password("daibieu")).await;
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let mut stream = open(&app, &delegate, None).await;
    add_item(&app, &office, &csrf, 14, "Trước khi mất kết nối").await;
    let seen = until_item(&mut stream, "Trước khi mất kết nối").await;
    let last = seen.last().unwrap().1["seq"].as_i64().unwrap();
    drop(stream);

    // Missed while away: two items and changes the delegate may not see.
    add_item(&app, &office, &csrf, 15, "Lúc vắng 1").await;
    let (admin, admin_csrf) = app.login("admin", &password("admin")).await;
    add_item(&app, &admin, &admin_csrf, 16, "Lúc vắng 2").await;

    // Another server on the same database, as after a restart.
    let restarted = app.another_node().await;
    let mut resumed = open(&restarted, &delegate, Some(last)).await;
    add_item(&restarted, &office, &csrf, 17, "Sau khi nối lại").await;
    let seen = until_item(&mut resumed, "Sau khi nối lại").await;
    assert_eq!(titles(&seen), ["\"Lúc vắng 1\"", "\"Lúc vắng 2\"", "\"Sau khi nối lại\""], "in order, none twice");
    assert!(seen.iter().all(|(e, _)| e == "agenda_item.added"), "only what a delegate may see: {seen:?}");
    let seqs: Vec<i64> = seen.iter().map(|(_, v)| v["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]) && seqs[0] > last, "{seqs:?}");
}

#[tokio::test]
async fn a_stream_too_far_behind_gets_resync_instead_of_a_replay() {
    let app = demo_app().await;
    let config = plenum_web::WebConfig { sse_replay_events: 2, ..Default::default() };
    let small = app.another_node_with(config).await;
    let (delegate, _) = small.login("daibieu", &password("daibieu")).await;
    let (office, csrf) = small.login("thuky", &password("thuky")).await;
    let (head, _) = app.store.history_head().await.unwrap();
    for n in 0..3 {
        add_item(&small, &office, &csrf, 14 + n, &format!("Mục {n}")).await;
    }
    let mut stream = open(&small, &delegate, Some(head)).await;
    assert_eq!(stream.next(5).await.expect("resync").0, "resync");
    add_item(&small, &office, &csrf, 17, "Mới").await;
    assert_eq!(titles(&until_item(&mut stream, "Mới").await), ["\"Mới\""], "then the live feed, without replay");
}

#[tokio::test]
async fn a_stream_closes_when_its_user_signs_out() {
    let app = demo_app().await;
    let (delegate, delegate_csrf) = app.login("daibieu", &password("daibieu")).await;
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let mut stream = open(&app, &delegate, None).await;
    add_item(&app, &office, &csrf, 14, "Khi còn đăng nhập").await;
    until_item(&mut stream, "Khi còn đăng nhập").await;

    let res = delegate.delete(app.url("/api/v1/session")).header("x-csrf-token", &delegate_csrf).send().await.unwrap();
    assert_eq!(res.status(), 204);
    add_item(&app, &office, &csrf, 15, "Sau khi đăng xuất").await;
    let started = Instant::now();
    assert_eq!(stream.next(10).await, None, "nothing more arrives");
    assert!(started.elapsed() < Duration::from_secs(5), "the stream is closed, not merely quiet");
}

#[tokio::test]
async fn a_stream_follows_its_users_new_grants_without_reconnecting() {
    let app = demo_app().await;
    let (guest, _) = app.login("khachmoi", &password("khachmoi")).await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let mut stream = open(&app, &guest, None).await;
    let guest_id = app.store.user_by_username("khachmoi").await.unwrap().unwrap().id;
    let everywhere = Grant { role: Role::Admin, scope: GrantScope { org: None, plenum: None } };
    app.store.grant_role(&Actor::system("test"), guest_id, everywhere).await.unwrap();
    let account = json!({"username": "moi", "display_name": "Người mới", "password": "mat-khau-moi", "role": "guest", "plenum_id": app.demo_plenum_id().await});
    let res = admin.post(app.url("/api/v1/users")).header("x-csrf-token", &csrf).json(&account).send().await.unwrap();
    assert_eq!(res.status(), 201);
    add_item(&app, &admin, &csrf, 14, "Sau khi được cấp quyền").await;
    let events: Vec<String> =
        until_item(&mut stream, "Sau khi được cấp quyền").await.into_iter().map(|(e, _)| e).collect();
    assert!(events.contains(&"user.created".to_string()), "now an administrator: {events:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn on_postgres_a_stream_resumes_on_another_node_without_missing_anything() {
    let node_a = launch(std::sync::Arc::new(TestDatabase::postgres().await), true).await;
    let node_b = node_a.another_node().await;
    let (delegate, _) = node_b.login("daibieu", &password("daibieu")).await;
    let (office, csrf) = node_a.login("thuky", &password("thuky")).await;

    let mut stream = open(&node_b, &delegate, None).await;
    add_item(&node_a, &office, &csrf, 14, "Trước").await;
    let last = until_item(&mut stream, "Trước").await.last().unwrap().1["seq"].as_i64().unwrap();
    drop(stream);
    add_item(&node_a, &office, &csrf, 15, "Lúc vắng").await;

    // The same login, resumed on node A.
    let mut resumed = open(&node_a, &delegate, Some(last)).await;
    add_item(&node_b, &office, &csrf, 16, "Sau").await;
    assert_eq!(titles(&until_item(&mut resumed, "Sau").await), ["\"Lúc vắng\"", "\"Sau\""]);
}
