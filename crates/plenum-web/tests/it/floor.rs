//! The floor over HTTP: sessions and speaker lists through the API and the
//! pages (chair's console, delegate's tablet, hall screen), concurrent
//! consoles, and who may do what.

use crate::common;

use common::sse::SseReader;
use common::{client, demo_app, password, TestApp};
use reqwest::Client;
use serde_json::{json, Value};

/// A signed-in demo user.
struct As {
    c: Client,
    csrf: String,
}

async fn login(app: &TestApp, who: &str) -> As {
    let (c, csrf) = app.login(who, &password(who)).await;
    As { c, csrf }
}

impl As {
    async fn get(&self, app: &TestApp, path: &str) -> (u16, Value) {
        let res = self.c.get(app.url(path)).send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
        let res = self.c.post(app.url(path)).header("x-csrf-token", &self.csrf).json(&body).send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
    }

    async fn patch(&self, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
        let res = self.c.patch(app.url(path)).header("x-csrf-token", &self.csrf).json(&body).send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
    }

    /// Submit a page's form as a browser would (the CSRF token in the form); returns status and Location.
    async fn form(&self, app: &TestApp, path: &str, fields: &[(&str, String)]) -> (u16, String, String) {
        let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        pairs.push(("csrf".into(), self.csrf.clone()));
        let res = self.c.post(app.url(path)).form(&pairs).send().await.unwrap();
        let status = res.status().as_u16();
        let location = res.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        (status, location, res.text().await.unwrap())
    }

    async fn page(&self, app: &TestApp, path: &str) -> String {
        let res = self.c.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "GET {path}");
        res.text().await.unwrap()
    }
}

/// The demo's open plenary session.
async fn hall(app: &TestApp, who: &As) -> Value {
    let id = app.demo_plenum_id().await;
    let (status, sessions) = who.get(app, &format!("/api/v1/plenums/{id}/sessions")).await;
    assert_eq!(status, 200);
    let sessions = sessions.as_array().unwrap();
    assert_eq!(sessions.len(), 5, "4 group sessions and the plenary");
    sessions.iter().find(|s| s["kind"] == "plenary").unwrap().clone()
}

async fn delegate_of(app: &TestApp, username: &str) -> i64 {
    let user = app.store.user_by_username(username).await.unwrap().unwrap();
    app.store.delegate_for_user(app.demo_plenum_id().await, user.id).await.unwrap().unwrap().id
}

/// Some delegates of the demo plenum who are not linked to an account.
async fn others(app: &TestApp, n: usize) -> Vec<i64> {
    let ds = app.store.delegates(app.demo_plenum_id().await).await.unwrap();
    ds.into_iter().filter(|d| d.user_id.is_none()).take(n).map(|d| d.id).collect()
}

fn ids(list: &Value) -> Vec<(i64, String)> {
    list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["delegate_id"].as_i64().unwrap(), e["status"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn a_delegate_asks_the_chair_gives_the_floor_and_stops_the_speech() {
    let app = demo_app().await;
    let chair = login(&app, "chutri").await;
    let delegate = login(&app, "daibieu").await;
    let hall = hall(&app, &chair).await;
    let (sid, item) = (hall["id"].as_i64().unwrap(), hall["current_item_id"].as_i64().unwrap());
    assert_eq!(hall["status"], "open");
    let me = delegate_of(&app, "daibieu").await;

    // The delegate asks for themselves, on the current item, with the session's default time.
    let (status, entry) = delegate.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({})).await;
    assert_eq!(status, 201, "{entry}");
    assert_eq!(
        (entry["delegate_id"].as_i64(), entry["item_id"].as_i64(), entry["status"].as_str()),
        (Some(me), Some(item), Some("waiting"))
    );
    assert_eq!(entry["allotted_seconds"], hall["speaking_seconds"]);
    let (status, again) =
        delegate.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({"kind": "speak"})).await;
    assert_eq!(status, 409);
    assert_eq!(again["error"]["code"], "already-requested");
    assert_eq!(again["error"]["message"], "Đồng chí đã đăng ký về nội dung này rồi.");

    // The chair gives the floor with the version just read; the list shows the speaker.
    let (_, list) = chair.get(&app, &format!("/api/v1/sessions/{sid}/speakers")).await;
    let v = list["session"]["version"].as_i64().unwrap();
    let eid = entry["id"].as_i64().unwrap();
    let (status, list) =
        chair.post(&app, &format!("/api/v1/sessions/{sid}/speakers/{eid}/give-floor"), json!({"version": v})).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(ids(&list)[0], (me, "speaking".into()));
    assert_eq!(list["session"]["version"], v + 1);

    // Stopping records the speech with its length.
    let speeches_before = app.store.speeches(app.demo_plenum_id().await).await.unwrap().len();
    let (status, list) =
        chair.post(&app, &format!("/api/v1/sessions/{sid}/speakers/{eid}/stop"), json!({"version": v + 1})).await;
    assert_eq!(status, 200, "{list}");
    let speech = &list["speech"];
    assert_eq!(
        (speech["delegate_id"].as_i64(), speech["item_id"].as_i64(), speech["speaker_entry_id"].as_i64()),
        (Some(me), Some(item), Some(eid))
    );
    assert!(speech["seconds"].as_i64().unwrap() >= 0);
    let speeches = app.store.speeches(app.demo_plenum_id().await).await.unwrap();
    assert_eq!(speeches.len(), speeches_before + 1);
    assert_eq!(ids(&list).last().unwrap(), &(me, "done".to_string()));

    // The delegate may not run the list.
    let (status, _) = delegate
        .post(&app, &format!("/api/v1/sessions/{sid}/speakers/{eid}/give-floor"), json!({"version": v + 2}))
        .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn two_consoles_race_and_the_second_is_told_its_list_was_stale() {
    let app = demo_app().await;
    let one = login(&app, "chutri").await;
    let two = login(&app, "admin").await;
    let sid = hall(&app, &one).await["id"].as_i64().unwrap();
    let d = others(&app, 3).await;
    for id in &d {
        let (status, _) = one.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({"delegate_id": id})).await;
        assert_eq!(status, 201);
    }

    // Both consoles read the same list.
    let (_, seen_by_one) = one.get(&app, &format!("/api/v1/sessions/{sid}/speakers")).await;
    let (_, seen_by_two) = two.get(&app, &format!("/api/v1/sessions/{sid}/speakers")).await;
    assert_eq!(seen_by_one["session"]["version"], seen_by_two["session"]["version"]);
    let v = seen_by_one["session"]["version"].as_i64().unwrap();
    let entry = |list: &Value, i: usize| list["entries"][i]["id"].as_i64().unwrap();

    // The first moves the third to the top; the second, still on the old list, withdraws the first.
    let (status, after_one) = one
        .post(
            &app,
            &format!("/api/v1/sessions/{sid}/speakers/{}/move", entry(&seen_by_one, 2)),
            json!({"version": v, "to": 0}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(ids(&after_one), vec![(d[2], "waiting".into()), (d[0], "waiting".into()), (d[1], "waiting".into())]);
    let res = two
        .c
        .post(app.url(&format!("/api/v1/sessions/{sid}/speakers/{}/withdraw", entry(&seen_by_two, 0))))
        .header("x-csrf-token", &two.csrf)
        .header("accept-language", "en")
        .json(&json!({"version": v}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "stale");
    assert!(
        body["error"]["message"].as_str().unwrap().starts_with("Someone else changed this just before you."),
        "{body}"
    );
    let (_, now) = two.get(&app, &format!("/api/v1/sessions/{sid}/speakers")).await;
    assert_eq!(now["entries"], after_one["entries"], "the second console changed nothing");
    assert_eq!(now["session"]["version"], v + 1);

    // The same race on the session itself.
    let (status, _) =
        one.patch(&app, &format!("/api/v1/sessions/{sid}"), json!({"version": v + 1, "speaking_seconds": 600})).await;
    assert_eq!(status, 200);
    let (status, body) =
        two.patch(&app, &format!("/api/v1/sessions/{sid}"), json!({"version": v + 1, "speaking_seconds": 180})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("stale")));
    assert_eq!(app.store.meeting_session(sid).await.unwrap().speaking_seconds, 600);
}

#[tokio::test]
async fn two_chair_consoles_in_the_browser_way_get_the_stale_notice_and_the_fresh_list() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let one = login(&app, "chutri").await;
    let two = login(&app, "admin").await;
    let sid = hall(&app, &one).await["id"].as_i64().unwrap();
    let d = others(&app, 2).await;
    for id in &d {
        let (status, location, _) = one
            .form(
                &app,
                &format!("/plenums/{plenum}/chair/sessions/{sid}/speakers"),
                &[("delegate_id", id.to_string()), ("kind", "speak".into())],
            )
            .await;
        assert_eq!((status, location.as_str()), (303, format!("/plenums/{plenum}/chair?session={sid}#floor").as_str()));
    }
    let entries = app.store.speaker_entries(sid).await.unwrap();
    let v = app.store.meeting_session(sid).await.unwrap().version;

    // Both consoles rendered version v; the first gives the floor.
    let html = one.page(&app, &format!("/plenums/{plenum}/chair?session={sid}")).await;
    assert!(html.contains(&format!("name=\"version\" value=\"{v}\"")), "every form carries the version");
    let (status, _, _) = one
        .form(
            &app,
            &format!("/plenums/{plenum}/chair/sessions/{sid}/speakers/{}/give-floor", entries[0].id),
            &[("version", v.to_string())],
        )
        .await;
    assert_eq!(status, 303);

    // The second, from its old page, withdraws the same delegate: refused, with the notice.
    let (status, location, _) = two
        .form(
            &app,
            &format!("/plenums/{plenum}/chair/sessions/{sid}/speakers/{}/withdraw", entries[0].id),
            &[("version", v.to_string())],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/plenums/{plenum}/chair?session={sid}&notice=stale#floor").as_str())
    );
    assert_eq!(app.store.speaker_entry(entries[0].id).await.unwrap().status.as_str(), "speaking", "not withdrawn");
    let html = two.page(&app, &format!("/plenums/{plenum}/chair?session={sid}&notice=stale")).await;
    assert!(html.contains("Dữ liệu vừa được người khác thay đổi trước bạn."), "the stale message");
    assert!(html.contains(&format!("name=\"version\" value=\"{}\"", v + 1)), "the fresh list, with the fresh version");
    let speaker = app.store.delegate(entries[0].delegate_id).await.unwrap();
    assert!(html.contains(&speaker.full_name));

    // A field problem comes back as the page with the message, not a lost change.
    let (status, _, html) = one
        .form(
            &app,
            &format!("/plenums/{plenum}/chair/sessions/{sid}"),
            &[("version", (v + 1).to_string()), ("minutes", "90".into())],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("Thời gian phát biểu mặc định (phút): phải từ 30 giây (0,5 phút) đến 60 phút"), "{html}");
    assert_eq!(app.store.meeting_session(sid).await.unwrap().version, v + 1, "nothing changed");
}

#[tokio::test]
async fn the_tablet_asks_shows_the_place_withdraws_and_sends_a_written_opinion() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let chair = login(&app, "chutri").await;
    let delegate = login(&app, "daibieu").await;
    let sid = hall(&app, &chair).await["id"].as_i64().unwrap();
    for id in others(&app, 2).await {
        chair.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({"delegate_id": id})).await;
    }

    let html = delegate.page(&app, &format!("/plenums/{plenum}/tablet")).await;
    assert!(html.contains("Đăng ký phát biểu") && html.contains("Gửi ý kiến bằng văn bản"));
    assert!(html.contains(&format!("/plenums/{plenum}/documents?item=")), "a link to the item's documents");
    let (status, location, _) = delegate
        .form(
            &app,
            &format!("/plenums/{plenum}/tablet/speakers"),
            &[("session_id", sid.to_string()), ("kind", "speak".into())],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/plenums/{plenum}/tablet?session={sid}&notice=requested#floor").as_str())
    );
    let html = delegate.page(&app, &location).await;
    assert!(html.contains("Bạn đứng thứ 3 trong danh sách phát biểu"), "third after the two before");
    assert!(html.contains("Đã đăng ký phát biểu."));
    assert!(!html.contains("floor-ask-speak"), "no second request button");
    assert!(html.contains("floor-ask-written"), "a written opinion may still be announced");

    // The fragment the page refreshes live says the same.
    let frag = delegate.page(&app, &format!("/plenums/{plenum}/fragments/tablet?session={sid}")).await;
    assert!(frag.contains("Bạn đứng thứ 3"));

    // Withdraw one's own request.
    let me = delegate_of(&app, "daibieu").await;
    let mine = app.store.speaker_entries(sid).await.unwrap().into_iter().find(|e| e.delegate_id == me).unwrap();
    let (status, location, _) = delegate
        .form(
            &app,
            &format!("/plenums/{plenum}/tablet/speakers/{}/withdraw", mine.id),
            &[("session_id", sid.to_string())],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/plenums/{plenum}/tablet?session={sid}&notice=withdrawn#floor").as_str())
    );
    assert_eq!(app.store.speaker_entry(mine.id).await.unwrap().status.as_str(), "withdrawn");
    // … but not someone else's.
    let theirs =
        app.store.speaker_entries(sid).await.unwrap().into_iter().find(|e| e.status.as_str() == "waiting").unwrap();
    let (status, _, _) = delegate
        .form(
            &app,
            &format!("/plenums/{plenum}/tablet/speakers/{}/withdraw", theirs.id),
            &[("session_id", sid.to_string())],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(app.store.speaker_entry(theirs.id).await.unwrap().status.as_str(), "waiting");

    // Announce a written opinion, then send it: a bad form keeps what was typed.
    let (status, location, _) = delegate
        .form(
            &app,
            &format!("/plenums/{plenum}/tablet/speakers"),
            &[("session_id", sid.to_string()), ("kind", "written".into())],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/plenums/{plenum}/tablet?session={sid}&notice=written#opinion").as_str())
    );
    let item = app.store.meeting_session(sid).await.unwrap().current_item_id.unwrap();
    let typed = "Đề nghị bổ sung chỉ tiêu về chuyển đổi số";
    let (status, _, html) = delegate
        .form(
            &app,
            &format!("/plenums/{plenum}/tablet/opinions"),
            &[
                ("session_id", sid.to_string()),
                ("item_id", item.to_string()),
                ("passage_anchor", "Mục II.2".into()),
                ("stance", "maybe".into()),
                ("text", typed.into()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("Ý kiến của đồng chí: lựa chọn không hợp lệ"), "the stance field's message");
    // The passage is chosen from the draft's list now; an anchor not in it is not offered back.
    assert!(html.contains(typed), "what was typed is kept");
    let before = app.store.opinions(plenum).await.unwrap().len();
    let (status, location, _) = delegate
        .form(
            &app,
            &format!("/plenums/{plenum}/tablet/opinions"),
            &[
                ("session_id", sid.to_string()),
                ("item_id", item.to_string()),
                ("passage_anchor", "Mục II.2".into()),
                ("stance", "propose_change".into()),
                ("text", typed.into()),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/plenums/{plenum}/tablet?session={sid}&notice=opinion-sent#sent").as_str())
    );
    let opinions = app.store.opinions(plenum).await.unwrap();
    assert_eq!(opinions.len(), before + 1);
    let o = opinions.iter().find(|o| o.text == typed).unwrap();
    let cited = app.store.documents(plenum).await.unwrap().into_iter().find(|d| d.item_id == item).unwrap();
    let version = app.store.document_versions(cited.id).await.unwrap().pop().unwrap();
    let ii2 = app.store.passages(version.id).await.unwrap().into_iter().find(|p| p.label == "II.2").unwrap().anchor;
    assert_eq!(
        (o.speech_id, o.item_id, o.passage_anchor.as_deref(), o.stance.as_str()),
        (None, item, Some(ii2.as_str()), "propose_change"),
        "“Mục II.2” cites passage II.2 of the item's draft"
    );
    assert_eq!(o.delegate_id, me);
    // The chair's console shows the written opinion as sent.
    let html = chair.page(&app, &format!("/plenums/{plenum}/chair?session={sid}")).await;
    assert!(html.contains("Gửi ý kiến bằng văn bản · đã gửi"));
}

#[tokio::test]
async fn who_may_ask_for_whom() {
    let app = demo_app().await;
    let chair = login(&app, "chutri").await;
    let sid = hall(&app, &chair).await["id"].as_i64().unwrap();
    let other = others(&app, 1).await[0];
    let path = format!("/api/v1/sessions/{sid}/speakers");

    // A guest takes no part; a delegate asks only for themselves.
    let (status, _) = login(&app, "khachmoi").await.post(&app, &path, json!({})).await;
    assert_eq!(status, 403);
    let delegate = login(&app, "daibieu").await;
    let (status, _) = delegate.post(&app, &path, json!({"delegate_id": other})).await;
    assert_eq!(status, 403);
    let me = delegate_of(&app, "daibieu").await;
    let (status, _) = delegate.post(&app, &path, json!({"delegate_id": me, "kind": "written"})).await;
    assert_eq!(status, 201, "naming oneself is asking for oneself");
    // The office and the chair may put anyone on the list; an account without a delegate must name one.
    let (status, entry) = login(&app, "thuky").await.post(&app, &path, json!({"delegate_id": other})).await;
    assert_eq!((status, entry["delegate_id"].as_i64()), (201, Some(other)));
    let (status, body) = login(&app, "admin").await.post(&app, &path, json!({})).await;
    assert_eq!(status, 403, "an administrator takes no part as a delegate: {body}");
    let (status, body) = login(&app, "thukyto").await.post(&app, &path, json!({})).await;
    assert_eq!(status, 403, "{body}");
    // Unknown actions are unknown routes.
    let (status, _) = chair
        .post(&app, &format!("/api/v1/sessions/{sid}/speakers/{}/explode", entry["id"]), json!({"version": 1}))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn sessions_are_created_opened_and_closed_and_a_closed_one_takes_no_requests() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let chair = login(&app, "chutri").await;
    let delegate = login(&app, "daibieu").await;
    let group = app.store.groups(plenum).await.unwrap()[0].id;

    let (status, body) = chair
        .post(
            &app,
            &format!("/api/v1/plenums/{plenum}/sessions"),
            json!({"kind": "group", "title": "", "speaking_seconds": 5}),
        )
        .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> =
        body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["title", "group_id", "speaking_seconds"]);
    let (status, s) = chair
        .post(
            &app,
            &format!("/api/v1/plenums/{plenum}/sessions"),
            json!({"kind": "group", "group_id": group, "title": "Tổ 1, buổi chiều"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!((s["status"].as_str(), s["speaking_seconds"].as_i64()), (Some("planned"), Some(300)));
    let sid = s["id"].as_i64().unwrap();
    let (status, _) = delegate
        .post(&app, &format!("/api/v1/plenums/{plenum}/sessions"), json!({"kind": "plenary", "title": "X"}))
        .await;
    assert_eq!(status, 403, "only the chair creates sessions");

    // Without a current item there is nothing to ask about.
    let (status, body) = delegate.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({})).await;
    assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (422, Some("item_id")));
    let item = app.store.agenda_items(plenum).await.unwrap()[2].id;
    let (status, s) = chair
        .patch(
            &app,
            &format!("/api/v1/sessions/{sid}"),
            json!({"version": 1, "status": "open", "current_item_id": item}),
        )
        .await;
    assert_eq!((status, s["status"].as_str(), s["current_item_id"].as_i64()), (200, Some("open"), Some(item)));
    let (status, _) = delegate.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({})).await;
    assert_eq!(status, 201);

    // Closing freezes the list.
    let (status, _) =
        chair.patch(&app, &format!("/api/v1/sessions/{sid}"), json!({"version": 3, "status": "closed"})).await;
    assert_eq!(status, 200);
    let (status, body) =
        delegate.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({"kind": "written"})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str(), body["error"]["message"].as_str()),
        (409, Some("session-closed"), Some("Phiên họp đã bế mạc."))
    );
    let (_, list) = delegate.get(&app, &format!("/api/v1/sessions/{sid}/speakers")).await;
    assert_eq!(list["entries"].as_array().unwrap().len(), 1);
    assert_eq!(list["session"]["version"], 4);

    // The same through the console's forms: create, then open.
    let (status, location, _) = chair
        .form(
            &app,
            &format!("/plenums/{plenum}/chair/sessions"),
            &[("group_id", "".into()), ("title", "Hội trường, ngày 2".into()), ("minutes", "2.5".into())],
        )
        .await;
    assert_eq!(status, 303);
    let created = app.store.meeting_sessions(plenum).await.unwrap().into_iter().last().unwrap();
    assert_eq!(
        (created.kind.as_str(), created.speaking_seconds, created.title.as_str()),
        ("plenary", 150, "Hội trường, ngày 2")
    );
    assert_eq!(location, format!("/plenums/{plenum}/chair?session={}#floor", created.id));
    let (status, _, _) = chair
        .form(
            &app,
            &format!("/plenums/{plenum}/chair/sessions/{}", created.id),
            &[("version", "1".into()), ("status", "open".into())],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(app.store.meeting_session(created.id).await.unwrap().status.as_str(), "open");
    let (status, _, html) = chair
        .form(
            &app,
            &format!("/plenums/{plenum}/chair/sessions"),
            &[("group_id", "".into()), ("title", "".into()), ("minutes", "5".into())],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Tên phiên họp: bắt buộc phải nhập") && html.contains("<details class=\"floor-create\" open>"),
        "the form comes back open"
    );
}

#[tokio::test]
async fn the_hall_screen_is_bare_large_and_live() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let chair = login(&app, "chutri").await;
    let guest = login(&app, "khachmoi").await;
    let sid = hall(&app, &chair).await["id"].as_i64().unwrap();
    let other = others(&app, 2).await;
    for id in &other {
        chair.post(&app, &format!("/api/v1/sessions/{sid}/speakers"), json!({"delegate_id": id})).await;
    }

    // A guest's screen follows the hall live: session and speaker events reach any viewer.
    let res = guest.c.get(app.url(&format!("/events?plenum={plenum}"))).send().await.unwrap();
    let mut events = SseReader::new(res);
    assert_eq!(events.next(5).await.unwrap().0, "connected");

    let html = guest.page(&app, &format!("/plenums/{plenum}/projector")).await;
    assert!(html.starts_with("<!doctype html>\n<html lang=\"vi\">"));
    assert!(!html.contains("class=\"bar\"") && !html.contains("<nav"), "no site header or navigation");
    assert!(html.contains("Thảo luận tại Hội trường"), "follows the open plenary session");
    assert!(html.contains("data-live-src=\"/plenums/") && html.contains("speaker.started"));
    assert!(html.contains("Chưa có đại biểu nào đang phát biểu."));

    let list = app.store.speaker_entries(sid).await.unwrap();
    let v = app.store.meeting_session(sid).await.unwrap().version;
    let (status, _) = chair
        .post(&app, &format!("/api/v1/sessions/{sid}/speakers/{}/give-floor", list[0].id), json!({"version": v}))
        .await;
    assert_eq!(status, 200);
    // The requests filed just before the stream opened may still be on their
    // way to it (a stream gets every change committed after it connected, and
    // possibly a few from just before); the floor being given comes after them.
    let mut event = events.next(5).await.expect("the speaker event").0;
    while event == "speaker.requested" {
        event = events.next(5).await.expect("the speaker event").0;
    }
    assert_eq!(event, "speaker.started");
    let frag = guest.page(&app, &format!("/plenums/{plenum}/fragments/projector")).await;
    let speaker = app.store.delegate(other[0]).await.unwrap();
    let next = app.store.delegate(other[1]).await.unwrap();
    assert!(frag.contains(&speaker.full_name), "the speaker's name");
    assert!(
        frag.contains("role=\"timer\"") && frag.contains("data-clock-started=") && frag.contains("data-clock-now="),
        "the countdown's data"
    );
    assert!(frag.contains("data-clock-allotted=\"420\""), "the demo's 7 minutes");
    let shown = frag
        .split("data-clock-now=")
        .nth(1)
        .and_then(|s| s.split('>').nth(1))
        .and_then(|s| s.split('<').next())
        .unwrap();
    let (m, s) = shown.split_once(':').expect("m:ss");
    let left = m.parse::<i64>().unwrap() * 60 + s.parse::<i64>().unwrap();
    assert!((0..=420).contains(&left) && s.len() == 2, "the remaining time, rendered by the server: {shown}");
    let up_next = frag.split_once("class=\"p-next\"").unwrap().1;
    assert!(up_next.contains(&next.full_name), "who speaks next");

    let (status, _) =
        chair.patch(&app, &format!("/api/v1/sessions/{sid}"), json!({"version": v + 1, "speaking_seconds": 240})).await;
    assert_eq!(status, 200);
    let (event, _) = events.next(5).await.expect("the session event");
    assert_eq!(event, "session.changed");

    // The console and tablet are for the chair and delegates; the screen for anyone who may see the plenum.
    assert_eq!(guest.c.get(app.url(&format!("/plenums/{plenum}/chair"))).send().await.unwrap().status(), 403);
    assert_eq!(guest.c.get(app.url(&format!("/plenums/{plenum}/tablet"))).send().await.unwrap().status(), 200);
    assert_eq!(
        client().get(app.url(&format!("/plenums/{plenum}/projector"))).send().await.unwrap().status(),
        303,
        "to the login page"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_floor() {
    let app = demo_app().await;
    let doc: Value = client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for path in [
        "/api/v1/plenums/{id}/sessions",
        "/api/v1/sessions/{id}",
        "/api/v1/sessions/{id}/speakers",
        "/api/v1/sessions/{id}/speakers/{entry}/{action}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    assert!(doc["paths"]["/api/v1/sessions/{id}"]["patch"].is_object());
    assert!(doc["components"]["schemas"]["SpeakerList"].is_object());
}
