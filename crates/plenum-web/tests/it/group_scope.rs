//! A group secretary (Tổ 1's, `thukyto`) acts only within their own group:
//! the roll call, check-in and the speaker list reach Tổ 1's delegates in
//! Tổ 1's sessions, and nothing of Tổ 2 or the hall.

use crate::common;

use common::{demo_app, password, TestApp};
use plenum_store::{Delegate, MeetingSession};
use serde_json::json;

/// A member delegate of the named group, and that group's session.
async fn of_group(app: &TestApp, name: &str) -> (Delegate, MeetingSession) {
    let id = app.demo_plenum_id().await;
    let group = app.store.groups(id).await.unwrap().into_iter().find(|g| g.name == name).unwrap();
    let d = app
        .store
        .delegates(id)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.group_id == Some(group.id) && d.user_id.is_none())
        .unwrap();
    let s = app.store.meeting_sessions(id).await.unwrap().into_iter().find(|s| s.group_id == Some(group.id)).unwrap();
    (d, s)
}

#[tokio::test]
async fn a_group_secretary_takes_only_their_own_groups_roll() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (mine, _) = of_group(&app, "Tổ 1").await;
    let (theirs, _) = of_group(&app, "Tổ 2").await;
    let (c, csrf) = app.login("thukyto", &password("thukyto")).await;
    let quorum_url = app.url(&format!("/api/v1/plenums/{id}/quorum"));
    let before = c.get(&quorum_url).send().await.unwrap().text().await.unwrap();

    let api = |d: &Delegate| {
        c.post(app.url(&format!("/api/v1/delegates/{}/attendance", d.id)))
            .header("x-csrf-token", &csrf)
            .json(&json!({"attendance": "present"}))
    };
    assert_eq!(api(&theirs).send().await.unwrap().status(), 403, "Tổ 2's delegate, over the API");
    let form = |d: &Delegate| {
        c.post(app.url(&format!("/plenums/{id}/delegates/{}/attendance", d.id))).form(&[
            ("csrf", csrf.as_str()),
            ("attendance", "present"),
            ("version", &d.version.to_string()),
        ])
    };
    assert_eq!(form(&theirs).send().await.unwrap().status(), 403, "Tổ 2's delegate, on the page");
    let checkin = app.url(&format!("/checkin/{}", theirs.checkin_code));
    assert_eq!(c.get(&checkin).send().await.unwrap().status(), 403, "Tổ 2's badge");
    let res = c
        .post(&checkin)
        .form(&[("csrf", csrf.as_str()), ("attendance", "present"), ("version", &theirs.version.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "checking Tổ 2's badge in");
    assert_eq!(app.store.delegate(theirs.id).await.unwrap().attendance, theirs.attendance, "unchanged");
    let after = c.get(&quorum_url).send().await.unwrap().text().await.unwrap();
    assert_eq!(after, before, "the quorum did not move");

    // Her own group's delegates she records, by API, page and badge alike.
    assert_eq!(api(&mine).send().await.unwrap().status(), 200);
    assert_eq!(c.get(app.url(&format!("/checkin/{}", mine.checkin_code))).send().await.unwrap().status(), 200);
    let mine = app.store.delegate(mine.id).await.unwrap();
    assert_eq!(form(&mine).send().await.unwrap().status(), 303);
}

#[tokio::test]
async fn a_group_secretary_puts_only_their_groups_delegates_on_their_groups_list() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (mine, own_session) = of_group(&app, "Tổ 1").await;
    let (theirs, other_session) = of_group(&app, "Tổ 2").await;
    let hall = app.store.meeting_sessions(id).await.unwrap().into_iter().find(|s| s.group_id.is_none()).unwrap();
    let item = app.store.agenda_items(id).await.unwrap()[0].id;
    let hall_list = app.store.speaker_entries(hall.id).await.unwrap().len();
    let (c, csrf) = app.login("thukyto", &password("thukyto")).await;
    let put = |session: &MeetingSession, d: &Delegate| {
        c.post(app.url(&format!("/api/v1/sessions/{}/speakers", session.id)))
            .header("x-csrf-token", &csrf)
            .json(&json!({"delegate_id": d.id, "item_id": item, "kind": "speak"}))
    };
    assert_eq!(put(&hall, &mine).send().await.unwrap().status(), 403, "the hall's list");
    assert_eq!(put(&other_session, &theirs).send().await.unwrap().status(), 403, "Tổ 2's list");
    assert_eq!(put(&own_session, &theirs).send().await.unwrap().status(), 403, "Tổ 2's delegate on Tổ 1's list");
    assert_eq!(app.store.speaker_entries(hall.id).await.unwrap().len(), hall_list, "the hall's list unchanged");
    let res = put(&own_session, &mine).send().await.unwrap();
    // Past authorization: on the list, or refused by the list's own rules (the session is not open).
    let status = res.status().as_u16();
    assert!(status == 201 || status == 409, "her own group's delegate on her group's list: {status}");
}
