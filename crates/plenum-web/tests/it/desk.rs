//! The secretary's desk over HTTP: recording speeches and opinions through the
//! API and the plain (script-free) forms, corrections under optimistic
//! concurrency, group secretaries confined to their group, written opinions,
//! and the statistics that follow the records.

use crate::common;

use common::{demo_app, password, TestApp};
use plenum_store::{MeetingSession, Opinion};
use serde_json::{json, Value};

/// The demo's sessions: the plenary hall, and the group sessions by group name.
struct Sessions {
    hall: MeetingSession,
    groups: Vec<(String, MeetingSession)>,
}

impl Sessions {
    async fn of(app: &TestApp) -> Sessions {
        let id = app.demo_plenum_id().await;
        let groups = app.store.groups(id).await.unwrap();
        let all = app.store.meeting_sessions(id).await.unwrap();
        let hall = all.iter().find(|s| s.kind.as_str() == "plenary").unwrap().clone();
        let groups = groups
            .iter()
            .map(|g| (g.name.clone(), all.iter().find(|s| s.group_id == Some(g.id)).unwrap().clone()))
            .collect();
        Sessions { hall, groups }
    }
    fn group(&self, name: &str) -> &MeetingSession {
        &self.groups.iter().find(|(n, _)| n == name).unwrap().1
    }
}

async fn delegate_id(app: &TestApp, name: &str) -> i64 {
    let id = app.demo_plenum_id().await;
    app.store
        .delegates(id)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.full_name == name)
        .unwrap_or_else(|| panic!("no delegate {name}"))
        .id
}

async fn statistics(app: &TestApp, c: &reqwest::Client) -> Value {
    let id = app.demo_plenum_id().await;
    c.get(app.url(&format!("/api/v1/plenums/{id}/statistics"))).send().await.unwrap().json().await.unwrap()
}

fn field_codes(v: &Value) -> Vec<(String, String)> {
    v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_string(), f["code"].as_str().unwrap().to_string()))
        .collect()
}

/// An opinion recorded in a session of this group (`None`: the hall).
async fn opinion_in(app: &TestApp, session: &MeetingSession) -> Opinion {
    let id = app.demo_plenum_id().await;
    let speeches = app.store.speeches(id).await.unwrap();
    let opinions = app.store.opinions(id).await.unwrap();
    opinions
        .into_iter()
        .find(|o| o.speech_id.is_some_and(|sid| speeches.iter().any(|s| s.id == sid && s.session_id == session.id)))
        .unwrap()
}

#[tokio::test]
async fn a_speech_with_two_opinions_moves_the_statistics() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let sessions = Sessions::of(&app).await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let before = statistics(&app, &c).await;
    assert_eq!(before["summary_vi"], "59 lượt phát biểu với 130 ý kiến về 13 nội dung");

    // A speech in the hall: the item defaults to the session's current one.
    let speaker = delegate_id(&app, "Nguyễn Hữu Phúc").await;
    let res = c
        .post(app.url(&format!("/api/v1/sessions/{}/speeches", sessions.hall.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"delegate_id": speaker, "seconds": 270}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let speech: Value = res.json().await.unwrap();
    assert_eq!(speech["item_id"], json!(sessions.hall.current_item_id.unwrap()));
    assert_eq!((speech["delegate_id"].as_i64(), speech["seconds"].as_i64()), (Some(speaker), Some(270)));

    let items = app.store.agenda_items(id).await.unwrap();
    let url = app.url(&format!("/api/v1/speeches/{}/opinions", speech["id"]));
    let first = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"stance": "agree", "text": "Nhất trí với báo cáo."}))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    assert_eq!(
        (first["item_id"].clone(), first["delegate_id"].as_i64()),
        (speech["item_id"].clone(), Some(speaker)),
        "the speech's item and speaker"
    );
    let second = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"item_id": items[4].id, "passage_anchor": "II.6", "stance": "propose_change", "text": "Đề nghị làm rõ lộ trình cho từng huyện."}))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 201);

    let after = statistics(&app, &c).await;
    assert_eq!(
        (after["speeches"].as_u64(), after["opinions"].as_u64(), after["items_discussed"].as_u64()),
        (Some(60), Some(132), Some(13))
    );
    assert_eq!(after["summary_vi"], "60 lượt phát biểu với 132 ý kiến về 13 nội dung");
    assert_eq!(after["summary_en"], "60 speeches with 132 opinions on 13 items");
    let item5 = after["by_item"].as_array().unwrap().iter().find(|i| i["ordinal"] == 5).unwrap();
    let before5 = before["by_item"].as_array().unwrap().iter().find(|i| i["ordinal"] == 5).unwrap();
    assert_eq!(
        item5["by_stance"]["propose_change"].as_u64().unwrap(),
        before5["by_stance"]["propose_change"].as_u64().unwrap() + 1
    );

    // The speech, listed with its opinions in the order they were recorded.
    let list =
        common::get_json(&c, &app.url(&format!("/api/v1/plenums/{id}/speeches?session={}", sessions.hall.id))).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 16, "the hall's 15 speeches and this one");
    let last = list.last().unwrap();
    assert_eq!(last["id"], speech["id"]);
    let texts: Vec<&str> = last["opinions"].as_array().unwrap().iter().map(|o| o["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Nhất trí với báo cáo.", "Đề nghị làm rõ lộ trình cho từng huyện."]);
    let draft = app.store.documents(id).await.unwrap().into_iter().find(|d| d.item_id == items[4].id).unwrap();
    let version = app.store.document_versions(draft.id).await.unwrap().pop().unwrap();
    let ii6 = app.store.passages(version.id).await.unwrap().into_iter().find(|p| p.label == "II.6").unwrap().anchor;
    assert_eq!(
        last["opinions"][1]["passage_anchor"],
        ii6.as_str(),
        "the label II.6 cites that passage of the item's draft"
    );
    let log = c
        .get(app.url(&format!("/plenums/{id}/desk/fragments/speeches?session={}", speech["session_id"])))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(log.contains("II.6") && !log.contains(&ii6), "the desk shows the citation by its label");
    let all: Value =
        c.get(app.url(&format!("/api/v1/plenums/{id}/speeches"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(all.as_array().unwrap().len(), 60);
    assert_eq!(all.as_array().unwrap().iter().map(|s| s["opinions"].as_array().unwrap().len()).sum::<usize>(), 132);
}

#[tokio::test]
async fn bad_input_gets_field_errors_and_saves_nothing() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let sessions = Sessions::of(&app).await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let speech = app.store.speeches(id).await.unwrap()[0].clone();
    let url = app.url(&format!("/api/v1/speeches/{}/opinions", speech.id));

    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"stance": "maybe", "text": "   "}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"]["code"], "invalid-input");
    assert_eq!(
        field_codes(&v),
        [("stance".to_string(), "invalid-choice".to_string()), ("text".to_string(), "required".to_string())]
    );
    assert_eq!(v["error"]["fields"][1]["message"], "bắt buộc phải nhập");
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"text": "Không chọn quan điểm."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a missing stance is a field error too");
    assert_eq!(field_codes(&res.json().await.unwrap()), [("stance".to_string(), "invalid-choice".to_string())]);
    let other_plenum_item = json!({"item_id": i64::MAX, "stance": "agree", "text": "x"});
    let res = c.post(&url).header("x-csrf-token", &csrf).json(&other_plenum_item).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(field_codes(&res.json().await.unwrap()), [("item_id".to_string(), "not-found".to_string())]);

    // Speeches: an unknown speaker; a session with no current item and none given.
    let res = c
        .post(app.url(&format!("/api/v1/sessions/{}/speeches", sessions.hall.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"delegate_id": i64::MAX}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(field_codes(&res.json().await.unwrap()), [("delegate_id".to_string(), "not-found".to_string())]);
    let group = sessions.group("Tổ 2");
    assert_eq!(group.current_item_id, None);
    let res = c
        .post(app.url(&format!("/api/v1/sessions/{}/speeches", group.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"delegate_id": speech.delegate_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(field_codes(&res.json().await.unwrap()), [("item_id".to_string(), "required".to_string())]);
    let res = c
        .post(app.url("/api/v1/speeches/999999/opinions"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"stance": "agree", "text": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    let v = statistics(&app, &c).await;
    assert_eq!((v["speeches"].as_u64(), v["opinions"].as_u64()), (Some(59), Some(130)), "nothing saved");
}

#[tokio::test]
async fn a_stale_correction_is_refused_and_the_text_stays() {
    let app = demo_app().await;
    let sessions = Sessions::of(&app).await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let o = opinion_in(&app, &sessions.hall).await;
    assert_eq!(o.version, 1);
    let url = app.url(&format!("/api/v1/opinions/{}", o.id));

    // One secretary corrects the text; a second, working from the same read, is refused.
    let res = c
        .patch(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": 1, "text": "Bản đã sửa."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let fixed: Value = res.json().await.unwrap();
    assert_eq!(
        (fixed["version"].as_i64(), fixed["text"].as_str(), fixed["stance"].as_str()),
        (Some(2), Some("Bản đã sửa."), Some(o.stance.as_str())),
        "only the text changed"
    );
    let (other, other_csrf) = app.login("admin", &password("admin")).await;
    let res = other
        .patch(&url)
        .header("x-csrf-token", &other_csrf)
        .json(&json!({"version": 1, "stance": "disagree", "text": "Bản cũ sửa đè."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"]["code"], "stale");
    let now = app.store.opinion(o.id).await.unwrap();
    assert_eq!(
        (now.text.as_str(), now.stance.as_str(), now.version),
        ("Bản đã sửa.", o.stance.as_str(), 2),
        "nothing overwritten"
    );

    // A correction that is itself invalid changes nothing either.
    let res =
        c.patch(&url).header("x-csrf-token", &csrf).json(&json!({"version": 2, "text": ""})).send().await.unwrap();
    assert_eq!(res.status(), 422);
    // An empty passage clears it.
    let res = c
        .patch(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": 2, "passage_anchor": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["passage_anchor"], Value::Null);
}

#[tokio::test]
async fn a_group_secretary_records_only_in_their_own_group() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let sessions = Sessions::of(&app).await;
    let (c, csrf) = app.login("thukyto", &password("thukyto")).await;
    let item = app.store.agenda_items(id).await.unwrap()[3].id;
    let speaker = delegate_id(&app, "Nguyễn Hữu Phúc").await;
    let speak = |session: i64| {
        c.post(app.url(&format!("/api/v1/sessions/{session}/speeches")))
            .header("x-csrf-token", &csrf)
            .json(&json!({"delegate_id": speaker, "item_id": item}))
    };

    // Tổ 1 is hers; Tổ 2 and the hall are not.
    let res = speak(sessions.group("Tổ 1").id).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let own: Value = res.json().await.unwrap();
    assert_eq!(speak(sessions.group("Tổ 2").id).send().await.unwrap().status(), 403);
    assert_eq!(speak(sessions.hall.id).send().await.unwrap().status(), 403);
    let res = c
        .post(app.url(&format!("/api/v1/speeches/{}/opinions", own["id"])))
        .header("x-csrf-token", &csrf)
        .json(&json!({"stance": "other", "text": "Ý kiến ở Tổ 1."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let elsewhere = opinion_in(&app, sessions.group("Tổ 2")).await;
    let res = c
        .patch(app.url(&format!("/api/v1/opinions/{}", elsewhere.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": 1, "text": "Sửa hộ tổ khác."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let speech_elsewhere = elsewhere.speech_id.unwrap();
    let res = c
        .post(app.url(&format!("/api/v1/speeches/{speech_elsewhere}/opinions")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"stance": "agree", "text": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let mine = opinion_in(&app, sessions.group("Tổ 1")).await;
    let res = c
        .patch(app.url(&format!("/api/v1/opinions/{}", mine.id)))
        .header("x-csrf-token", &csrf)
        .json(&json!({"version": 1, "text": "Sửa trong tổ mình."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // The pages hold her to the same: the desk offers Tổ 1 only and refuses the others.
    let html = c.get(app.url(&format!("/plenums/{id}/desk"))).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains(&format!("<option value=\"{}\" selected>Thảo luận Tổ 1", sessions.group("Tổ 1").id)),
        "{html}"
    );
    assert!(
        !html.contains("Thảo luận Tổ 2") && !html.contains("Thảo luận tại Hội trường"),
        "only her group's session is offered"
    );
    for s in [sessions.group("Tổ 2"), &sessions.hall] {
        assert_eq!(c.get(app.url(&format!("/plenums/{id}/desk?session={}", s.id))).send().await.unwrap().status(), 403);
        assert_eq!(
            c.get(app.url(&format!("/plenums/{id}/desk/fragments/speeches?session={}", s.id)))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
        let form = [
            ("csrf", csrf.as_str()),
            ("session_id", &s.id.to_string()),
            ("speaker", "Nguyễn Hữu Phúc"),
            ("item_id", &item.to_string()),
            ("minutes", ""),
        ];
        assert_eq!(
            c.post(app.url(&format!("/plenums/{id}/desk/speeches"))).form(&form).send().await.unwrap().status(),
            403
        );
    }
    assert_eq!(
        c.get(app.url(&format!("/plenums/{id}/desk/opinions/{}", elsewhere.id))).send().await.unwrap().status(),
        403
    );
    assert_eq!(c.get(app.url(&format!("/plenums/{id}/desk/opinions/{}", mine.id))).send().await.unwrap().status(), 200);

    // A group secretary writes no opinions of her own.
    let res = c
        .post(app.url(&format!("/api/v1/plenums/{id}/opinions")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"item_id": item, "stance": "agree", "text": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let v = statistics(&app, &c).await;
    assert_eq!(
        (v["speeches"].as_u64(), v["opinions"].as_u64()),
        (Some(60), Some(131)),
        "only what she may record was recorded"
    );
}

#[tokio::test]
async fn a_delegate_writes_opinions_in_their_own_name() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let item = app.store.agenda_items(id).await.unwrap()[8].id;
    let (c, csrf) = app.login("daibieu", &password("daibieu")).await;
    let url = app.url(&format!("/api/v1/plenums/{id}/opinions"));
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"item_id": item, "passage_anchor": "II.5", "stance": "propose_change", "text": "Đề nghị bổ sung phụ cấp cho bí thư chi bộ thôn."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let o: Value = res.json().await.unwrap();
    assert_eq!(o["delegate_id"], json!(delegate_id(&app, "Dương Văn Tùng").await), "daibieu is member m30's delegate");
    assert_eq!(o["speech_id"], Value::Null, "written, in no speech");
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"item_id": item, "stance": "", "text": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v = statistics(&app, &c).await;
    assert_eq!((v["speeches"].as_u64(), v["opinions"].as_u64()), (Some(59), Some(131)));

    // A delegate does not record for others, and those without a delegate cannot write.
    let speech = app.store.speeches(id).await.unwrap()[0].id;
    let res = c
        .post(app.url(&format!("/api/v1/speeches/{speech}/opinions")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"stance": "agree", "text": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    for who in ["khachmoi", "admin", "thuky"] {
        let (c, csrf) = app.login(who, &password(who)).await;
        let res = c
            .post(&url)
            .header("x-csrf-token", &csrf)
            .json(&json!({"item_id": item, "stance": "agree", "text": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{who}");
    }
}

/// The CSRF token of a page's forms.
fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_desk_works_with_plain_forms() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let sessions = Sessions::of(&app).await;
    let (c, _) = app.login("thuky", &password("thuky")).await;
    let desk = app.url(&format!("/plenums/{id}/desk"));
    let html = c.get(&desk).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains(&format!("<option value=\"{}\" selected>Thảo luận tại Hội trường", sessions.hall.id)),
        "the open session first"
    );
    assert!(html.contains("<option value=\"Nguyễn Hữu Phúc\">"), "speakers to type from");
    assert!(html.contains("<p class=\"desk-count\">15 lượt phát biểu, "), "the hall's record so far");
    assert!(html.contains("id=\"speaker\"") && html.contains("autofocus"), "the speaker box has the focus");
    let csrf = csrf_of(&html);
    let item1 = sessions.hall.current_item_id.unwrap();

    // An unknown speaker: the page again, the name kept, the problem named.
    let hall = sessions.hall.id.to_string();
    let speech_form = |speaker: &'static str, minutes: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("session_id", hall.clone()),
            ("speaker", speaker.to_string()),
            ("item_id", item1.to_string()),
            ("minutes", minutes.to_string()),
        ]
    };
    let res = c
        .post(app.url(&format!("/plenums/{id}/desk/speeches")))
        .form(&speech_form("Người Lạ", "5"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Người phát biểu: không tồn tại"), "{html}");
    assert!(html.contains(r#"<div role="alert"><ul class="error"><li>"#), "the problems are a list inside the alert");
    assert!(html.contains("value=\"Người Lạ\""), "what was typed is kept");

    // A speech typed by name, with minutes written the Vietnamese way.
    let res = c
        .post(app.url(&format!("/plenums/{id}/desk/speeches")))
        .form(&speech_form("nguyễn hữu phúc", "4,5"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    let speech = app.store.speeches(id).await.unwrap().pop().unwrap();
    assert_eq!(to, format!("/plenums/{id}/desk?session={hall}&speech={}", speech.id));
    assert_eq!(
        (speech.delegate_id, speech.seconds, speech.item_id),
        (delegate_id(&app, "Nguyễn Hữu Phúc").await, Some(270), item1)
    );

    // Its opinions, one after another; a bad one comes back with the text kept.
    let opinion = |stance: &str, text: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("session_id", hall.clone()),
            ("speech_id", speech.id.to_string()),
            ("item_id", item1.to_string()),
            ("passage_anchor", String::new()),
            ("stance", stance.to_string()),
            ("text", text.to_string()),
        ]
    };
    let res = c
        .post(app.url(&format!("/plenums/{id}/desk/opinions")))
        .form(&opinion("", "Ý kiến chưa chọn quan điểm"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Quan điểm: lựa chọn không hợp lệ"), "{html}");
    assert!(html.contains(">Ý kiến chưa chọn quan điểm</textarea>"), "the typed text is kept");
    for (stance, text) in [("agree", "Đồng tình với báo cáo."), ("disagree", "Không nhất trí với chỉ tiêu.")]
    {
        let res =
            c.post(app.url(&format!("/plenums/{id}/desk/opinions"))).form(&opinion(stance, text)).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("/plenums/{id}/desk?session={hall}&speech={}&item={item1}", speech.id)
        );
    }
    let html = c.get(app.url(&to)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("16 lượt phát biểu"), "{html}");
    assert!(html.contains("4 phút 30 giây"), "the length in words, not a clock");
    let newest = html.find("Không nhất trí với chỉ tiêu.").unwrap();
    assert!(html.find("Đồng tình với báo cáo.").unwrap() < newest, "opinions in the order recorded");
    assert!(
        html.find(&format!("id=\"speech-{}\"", speech.id)).unwrap()
            < html.find(&format!("id=\"speech-{}\"", speech.id - 1)).unwrap(),
        "newest speech first"
    );
    assert!(
        html.contains("id=\"opinion-text\"") && html.contains("autofocus></textarea>"),
        "ready for the next opinion"
    );

    // The live fragment shows the same record.
    let frag = c
        .get(app.url(&format!("/plenums/{id}/desk/fragments/speeches?session={hall}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(frag.contains("Không nhất trí với chỉ tiêu.") && !frag.contains("<html"), "{frag}");
}

#[tokio::test]
async fn an_opinion_left_on_the_speechs_item_takes_the_item_the_speech_has() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let sessions = Sessions::of(&app).await;
    let hall = sessions.hall.id.to_string();
    let (c, api_csrf) = app.login("thuky", &password("thuky")).await;
    let html = c.get(app.url(&format!("/plenums/{id}/desk"))).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&html);
    let items = app.store.agenda_items(id).await.unwrap();
    let item = |ordinal: i64| items.iter().find(|i| i.ordinal == ordinal).unwrap().id;

    // The page opens on the hall's newest speech, on item 3, and says which item it shows as the speech's.
    let older = app.store.speeches(id).await.unwrap().into_iter().rfind(|s| s.session_id == sessions.hall.id).unwrap();
    assert_eq!(older.item_id, item(3));
    assert!(html.contains(&format!("name=\"speech_item_id\" value=\"{}\"", item(3))), "{html}");

    // A new speech on item 1; a page still showing the older one's item posts the new speech's id.
    let res = c
        .post(app.url(&format!("/api/v1/sessions/{hall}/speeches")))
        .header("x-csrf-token", &api_csrf)
        .json(&json!({"delegate_id": delegate_id(&app, "Nguyễn Hữu Phúc").await}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let speech: Value = res.json().await.unwrap();
    assert_eq!(speech["item_id"], json!(item(1)));
    let post = |item_id: i64, speech_item_id: i64, text: &'static str| {
        let form = vec![
            ("csrf", csrf.clone()),
            ("session_id", hall.clone()),
            ("speech_id", speech["id"].to_string()),
            ("speech_item_id", speech_item_id.to_string()),
            ("item_id", item_id.to_string()),
            ("passage_anchor", String::new()),
            ("stance", "agree".to_string()),
            ("text", text.to_string()),
        ];
        let req = c.post(app.url(&format!("/plenums/{id}/desk/opinions"))).form(&form);
        async move {
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 303);
            res.headers()["location"].to_str().unwrap().to_string()
        }
    };
    let saved = |text: &'static str| {
        let store = app.store.clone();
        async move { store.opinions(id).await.unwrap().into_iter().find(|o| o.text == text).unwrap() }
    };

    // Left at what the page showed as the speech's item: the speech's own item, as stored.
    let to = post(item(3), item(3), "Ý kiến trên trang cũ.").await;
    let o = saved("Ý kiến trên trang cũ.").await;
    assert_eq!((o.speech_id, o.item_id), (speech["id"].as_i64(), item(1)), "not the older speech's item");
    assert!(to.ends_with(&format!("&item={}", item(1))), "{to}");

    // An item chosen on purpose, other than the speech's, is kept: a speech may touch several items.
    post(item(5), item(1), "Ý kiến về nội dung 5.").await;
    assert_eq!(saved("Ý kiến về nội dung 5.").await.item_id, item(5));
}

#[tokio::test]
async fn a_stale_correction_on_the_page_keeps_what_was_typed() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let sessions = Sessions::of(&app).await;
    let o = opinion_in(&app, &sessions.hall).await;
    let (c, _) = app.login("thuky", &password("thuky")).await;
    let url = app.url(&format!("/plenums/{id}/desk/opinions/{}", o.id));
    let html = c.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("name=\"version\" value=\"1\""));
    let csrf = csrf_of(&html);
    let form = |text: &str, version: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("version", version.to_string()),
            ("item_id", o.item_id.to_string()),
            ("passage_anchor", String::new()),
            ("stance", "other".to_string()),
            ("text", text.to_string()),
        ]
    };
    let res = c.post(&url).form(&form("Sửa lần thứ nhất.", "1")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/plenums/{id}/desk?session={}&speech={}#opinion-{}", sessions.hall.id, o.speech_id.unwrap(), o.id)
    );

    // The same old version again: refused, both texts on the page, the new version in the form.
    let res = c.post(&url).form(&form("Sửa lần thứ hai, từ bản cũ.", "1")).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("vừa được người khác sửa"), "{html}");
    assert!(html.contains("<blockquote>Sửa lần thứ nhất.</blockquote>"), "the saved version is shown");
    assert!(html.contains(">Sửa lần thứ hai, từ bản cũ.</textarea>"), "the typed text is kept");
    assert!(html.contains("name=\"version\" value=\"2\""));
    assert_eq!(app.store.opinion(o.id).await.unwrap().text, "Sửa lần thứ nhất.");
    // Saving again, knowingly, over the version shown.
    let res = c.post(&url).form(&form("Sửa lần thứ hai, từ bản cũ.", "2")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(app.store.opinion(o.id).await.unwrap().text, "Sửa lần thứ hai, từ bản cũ.");
}

#[tokio::test]
async fn the_statistics_page_has_the_sentence_a_chart_and_tables() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, _) = app.login("khachmoi", &password("khachmoi")).await;
    let html = c.get(app.url(&format!("/plenums/{id}/statistics"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<p class=\"stats-summary\" id=\"stats-summary\" role=\"status\">59 lượt phát biểu với 130 ý kiến về 13 nội dung</p>"), "{html}");
    assert!(html.contains("role=\"img\" aria-label=\"Biểu đồ số ý kiến theo từng nội dung, chia theo quan điểm: 59 lượt phát biểu với 130 ý kiến về 13 nội dung\""));
    assert!(html.contains("<title>Biểu đồ số ý kiến"));
    assert_eq!(html.matches("<text class=\"item\"").count(), 13, "a bar per item");
    assert!(html.contains("data-live-on=\"speech.recorded opinion.added opinion.changed speaker.stopped\""));
    let rows = html.split("<tbody>").nth(1).unwrap().split("</tbody>").next().unwrap();
    assert_eq!(rows.matches("<tr>").count(), 13, "a row per item");
    assert!(html.contains("<td>Tổ 4</td>") && html.contains("<td>Hội trường</td>"));

    // The live fragment, and the page in English.
    let frag =
        c.get(app.url(&format!("/plenums/{id}/fragments/statistics"))).send().await.unwrap().text().await.unwrap();
    assert!(frag.starts_with("<p class=\"stats-summary\"") && frag.contains("59 lượt phát biểu"), "{frag}");
    c.get(app.url("/lang/en?next=/")).send().await.unwrap();
    let html = c.get(app.url(&format!("/plenums/{id}/statistics"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(">59 speeches with 130 opinions on 13 items</p>"), "{html}");
    assert!(
        html.contains("<td>Plenary hall</td>")
            && html.contains("aria-label=\"Chart of opinions per item, by stance: 59 speeches"),
        "{html}"
    );
}

#[tokio::test]
async fn the_desk_api_is_in_the_openapi_document() {
    let app = demo_app().await;
    let v: Value = common::client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for (path, method) in [
        ("/api/v1/plenums/{id}/speeches", "get"),
        ("/api/v1/sessions/{id}/speeches", "post"),
        ("/api/v1/speeches/{id}/opinions", "post"),
        ("/api/v1/plenums/{id}/opinions", "post"),
        ("/api/v1/opinions/{id}", "patch"),
    ] {
        assert!(v["paths"][path].get(method).is_some(), "{method} {path} is documented");
    }
    for schema in ["SpeechRecord", "OpinionBody", "OpinionPatch", "Opinion"] {
        assert!(v["components"]["schemas"].get(schema).is_some(), "{schema}");
    }
    assert!(
        v["paths"]["/api/v1/opinions/{id}"]["patch"]["responses"].get("409").is_some(),
        "the stale answer is documented"
    );
}
