//! Answering the opinions over HTTP: a presenting body's officer drafts the
//! answers to their item's opinions (and no other item's), the office
//! approves or returns them, a taken-in answer leads to the changed passage
//! of the next draft (or is flagged), stale writes are refused, paper forms
//! are entered by the office, and each delegate reads only the approved
//! answers to their own opinions.

use crate::common;

use common::{demo_app, password, TestApp};
use plenum_store::documents::NewVersion;
use plenum_store::Actor;
use serde_json::{json, Value};

async fn put(c: &reqwest::Client, app: &TestApp, csrf: &str, opinion: i64, body: Value) -> (u16, Value) {
    let res = c
        .put(app.url(&format!("/api/v1/opinions/{opinion}/disposition")))
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

async fn review(c: &reqwest::Client, app: &TestApp, csrf: &str, opinion: i64, body: Value) -> (u16, Value) {
    let res = c
        .post(app.url(&format!("/api/v1/opinions/{opinion}/disposition/review")))
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

async fn workspace(c: &reqwest::Client, app: &TestApp, plenum: i64, query: &str) -> Value {
    let res = c.get(app.url(&format!("/api/v1/plenums/{plenum}/synthesis{query}"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// The demo's task officer, made an officer of the body presenting item 1;
/// the items that body presents.
async fn officer_of_item_one(app: &TestApp, plenum: i64) -> Vec<i64> {
    let items = app.store.agenda_items(plenum).await.unwrap();
    let body = items[0].body_id.expect("item 1's presenter names a body");
    let canbo = app.store.user_by_username("canbo").await.unwrap().unwrap();
    app.store.add_body_officer(&Actor::system("test"), body, canbo.id).await.unwrap();
    items.iter().filter(|i| i.body_id == Some(body)).map(|i| i.id).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_drafts_the_office_approves_and_the_delegate_reads_the_answer() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let presented = officer_of_item_one(&app, plenum).await;
    assert!(presented.len() < 9, "the body presents some items, not all");
    let (body, body_csrf) = app.login("canbo", &password("canbo")).await;
    let (office, office_csrf) = app.login("thuky", &password("thuky")).await;

    // The officer sees item 1's opinions only; the office sees all 130 of the demo.
    let mine = workspace(&body, &app, plenum, "?disposition=none").await;
    let page = body.get(app.url(&format!("/plenums/{plenum}/synthesis"))).send().await.unwrap();
    let status = page.status();
    let html = page.text().await.unwrap();
    assert_eq!(status, 200, "{html}");
    assert_eq!(mine["office"], false);
    let items: Vec<i64> = mine["items"].as_array().unwrap().iter().map(|i| i["item_id"].as_i64().unwrap()).collect();
    assert_eq!(items, presented);
    let all = workspace(&office, &app, plenum, "").await;
    assert_eq!(all["progress"]["total"], 130);
    let nth = |w: &Value, item: usize, n: usize| w["items"][item]["opinions"][n]["opinion"]["id"].as_i64().unwrap();
    let (o1, o2) = (nth(&mine, 0, 0), nth(&mine, 0, 1));
    let other =
        all["items"].as_array().unwrap().iter().position(|i| !presented.contains(&i["item_id"].as_i64().unwrap()));
    let other_item = nth(&all, other.unwrap(), 0);

    // An explanation needs its reason; then it is drafted.
    let (status, e) = put(&body, &app, &body_csrf, o1, json!({"kind": "explained", "reply": " "})).await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("reason-required"), "{e}");
    let reason = "Nội dung này đã được quy định tại Nghị quyết số 15-NQ/TW, không nhắc lại trong dự thảo.";
    let (status, d) = put(&body, &app, &body_csrf, o1, json!({"kind": "explained", "reply": reason})).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["status"], "drafted");
    // Not the officer's item: refused before anything is read.
    let (status, _) = put(&body, &app, &body_csrf, other_item, json!({"kind": "noted"})).await;
    assert_eq!(status, 403);
    // Written again without the version seen: stale, nothing overwritten.
    let (status, _) = put(&body, &app, &body_csrf, o1, json!({"kind": "noted", "version": 7})).await;
    assert_eq!(status, 409);

    // The office: a return needs a note; approval by the current version only.
    let v = d["version"].as_i64().unwrap();
    let (status, _) =
        review(&office, &app, &office_csrf, o1, json!({"to": "returned", "note": "", "version": v})).await;
    assert_eq!(status, 422);
    let (status, _) = review(&body, &app, &body_csrf, o1, json!({"to": "approved", "version": v})).await;
    assert_eq!(status, 403, "a body does not approve its own answers");
    let (status, d) = review(&office, &app, &office_csrf, o1, json!({"to": "approved", "version": v})).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["status"], "approved");
    // Approved: the body may no longer rewrite it.
    let v = d["version"].as_i64();
    let (status, _) = put(&body, &app, &body_csrf, o1, json!({"kind": "noted", "version": v})).await;
    assert_eq!(status, 403);

    // A second answer stays a draft: its delegate does not see it yet.
    let (status, _) = put(&body, &app, &body_csrf, o2, json!({"kind": "noted", "reply": "Ghi nhận"})).await;
    assert_eq!(status, 200);
    let after = workspace(&office, &app, plenum, "").await;
    assert_eq!(after["progress"]["approved"].as_i64(), all["progress"]["approved"].as_i64().map(|n| n + 1));

    let speaker = app.store.opinion(o1).await.unwrap().delegate_id;
    let delegate = app.store.delegate(speaker).await.unwrap();
    let user = match delegate.user_id {
        Some(u) => u,
        None => {
            let new = plenum_store::input::NewUser {
                username: "nguoinoi".into(),
                display_name: delegate.full_name.clone(),
                password_hash: plenum_app::accounts::secrets::hash_password("mat-khau-noi").unwrap(),
            };
            let u = app.store.create_user(&Actor::system("test"), new).await.unwrap();
            let grant = plenum_core::access::Grant {
                role: plenum_core::access::Role::Delegate,
                scope: plenum_core::access::GrantScope { org: None, plenum: Some(plenum) },
            };
            app.store.grant_role(&Actor::system("test"), u.id, grant).await.unwrap();
            app.store.link_delegate_user(&Actor::system("test"), speaker, u.id).await.unwrap();
            u.id
        }
    };
    let username = app.store.user(user).await.unwrap().username;
    let pw = if username == "nguoinoi" { "mat-khau-noi".to_string() } else { password(&username) };
    let (own, _) = app.login(&username, &pw).await;
    let answers: Value =
        own.get(app.url(&format!("/api/v1/plenums/{plenum}/my-answers"))).send().await.unwrap().json().await.unwrap();
    let answered = answers.as_array().unwrap().iter().find(|a| a["opinion"]["id"] == o1).unwrap();
    assert_eq!(answered["disposition"]["reply"], reason);
    if let Some(draft) = answers.as_array().unwrap().iter().find(|a| a["opinion"]["id"] == o2) {
        assert!(draft["disposition"].is_null(), "a draft stays with the body and the office");
    }
    // Nobody else's opinions.
    assert!(answers.as_array().unwrap().iter().all(|a| a["opinion"]["delegate_id"] == speaker));

    // Every step is in the chain, which still verifies.
    assert!(plenum_store::verify_history(app.store.as_ref()).await.unwrap().is_ok());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_taken_in_answer_leads_to_the_changed_passage_or_is_flagged() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let docs = app.store.documents(plenum).await.unwrap();
    let items = app.store.agenda_items(plenum).await.unwrap();
    let doc = docs.iter().find(|d| d.item_id == items[1].id).unwrap();
    let versions = app.store.document_versions(doc.id).await.unwrap();
    let latest = versions.last().unwrap();
    let old = app.store.passages(latest.id).await.unwrap();
    // The next draft: one passage reworded.
    let content = app.store.document_content(latest.id).await.unwrap();
    let text = String::from_utf8(content).unwrap();
    let target = old.iter().find(|p| p.level > 0 && p.text.len() > 40).unwrap_or(&old[1]);
    let reworded = format!("{} Bổ sung chỉ tiêu tỷ lệ hồ sơ trực tuyến đạt 80%.", target.text);
    let new_text = text.replacen(&target.text, &reworded, 1);
    assert_ne!(new_text, text);
    let v = app
        .store
        .add_version(
            &Actor::system("test"),
            doc.id,
            NewVersion {
                filename: "du-thao-2.txt".into(),
                content: new_text.into_bytes(),
                note: "Bản tiếp thu".into(),
                ..NewVersion::default()
            },
        )
        .await
        .unwrap();
    let changed = app
        .store
        .passages(v.id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.text.contains("80%"))
        .expect("the reworded passage");

    let w = workspace(&office, &app, plenum, &format!("?item={}&disposition=none", items[1].id)).await;
    assert_eq!(w["items"].as_array().unwrap().len(), 1, "filtered to the item");
    let change = w["items"][0]["changes"].as_array().unwrap();
    assert!(change.iter().any(|c| c["anchor"] == changed.anchor.as_str()), "{change:?}");
    let ops = w["items"][0]["opinions"].as_array().unwrap();
    let (a, b) = (ops[0]["opinion"]["id"].as_i64().unwrap(), ops[1]["opinion"]["id"].as_i64().unwrap());

    let body = json!({"kind": "taken_in", "reply": "Tiếp thu, bổ sung chỉ tiêu.", "document_id": doc.id, "change_anchor": changed.anchor});
    assert_eq!(put(&office, &app, &csrf, a, body).await.0, 200);
    assert_eq!(put(&office, &app, &csrf, b, json!({"kind": "taken_in", "reply": "Tiếp thu."})).await.0, 200);
    // A passage of another item's draft is not a change this opinion can name.
    let elsewhere = docs.iter().find(|d| d.item_id == items[0].id).unwrap();
    let wrong = json!({"kind": "taken_in", "document_id": elsewhere.id, "change_anchor": changed.anchor});
    assert_eq!(put(&office, &app, &csrf, a, wrong).await.0, 422);

    let w = workspace(&office, &app, plenum, &format!("?item={}", items[1].id)).await;
    let find = |id: i64| {
        w["items"][0]["opinions"].as_array().unwrap().iter().find(|o| o["opinion"]["id"] == id).unwrap().clone()
    };
    assert_eq!(find(a)["change"]["anchor"], changed.anchor.as_str());
    assert!(find(a)["change"]["text"].as_str().unwrap().contains("80%"));
    assert_eq!(find(b)["flag"], "no_change");
    // The flagged filter finds exactly the one without a change.
    let flagged = workspace(&office, &app, plenum, &format!("?item={}&disposition=flagged", items[1].id)).await;
    let ids: Vec<i64> = flagged["items"][0]["opinions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["opinion"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [b]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workspace_page_files_paper_opinions_and_answers_without_script() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let page = office.get(app.url(&format!("/plenums/{plenum}/synthesis"))).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("/130 ý kiến đã xử lý"), "the progress line");

    let item = app.store.agenda_items(plenum).await.unwrap()[2].id;
    let delegate = app.store.delegates(plenum).await.unwrap()[5].id;
    let form = [
        ("csrf", csrf.as_str()),
        ("delegate_id", &delegate.to_string()),
        ("item_id", &item.to_string()),
        ("stance", "propose_change"),
        ("text", "Đề nghị bổ sung giải pháp về nguồn nhân lực cho chuyển đổi số cấp xã."),
        ("view", "item=&q=ngu%E1%BB%93n"),
    ];
    let res = office.post(app.url(&format!("/plenums/{plenum}/synthesis/paper"))).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with(&format!("/plenums/{plenum}/synthesis?")) && to.contains("#op-"), "{to}");
    let written = app.store.opinions(plenum).await.unwrap().into_iter().last().unwrap();
    assert_eq!((written.delegate_id, written.item_id, written.speech_id), (delegate, item, None));

    // A paper form without its delegate comes back with the text kept.
    let form = [
        ("csrf", csrf.as_str()),
        ("delegate_id", ""),
        ("item_id", &item.to_string()),
        ("stance", "agree"),
        ("text", "Giữ nguyên chữ này"),
    ];
    let res = office.post(app.url(&format!("/plenums/{plenum}/synthesis/paper"))).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Giữ nguyên chữ này"));

    // An explanation without its reason comes back with what was typed and why.
    let o = written.id;
    let form =
        [("csrf", csrf.as_str()), ("kind", "explained"), ("reply", ""), ("change", ""), ("version", ""), ("view", "")];
    let res = office
        .post(app.url(&format!("/plenums/{plenum}/synthesis/opinions/{o}/answer")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("phải nêu lý do giải trình"), "the reason is asked for");
    let form = [
        ("csrf", csrf.as_str()),
        ("kind", "explained"),
        ("reply", "Đã có trong Đề án nhân lực."),
        ("change", ""),
        ("version", ""),
        ("view", ""),
    ];
    let res = office
        .post(app.url(&format!("/plenums/{plenum}/synthesis/opinions/{o}/answer")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let d = app.store.dispositions(plenum).await.unwrap().into_iter().find(|d| d.opinion_id == o).unwrap();
    let form =
        [("csrf", csrf.as_str()), ("to", "approved"), ("note", ""), ("version", &d.version.to_string()), ("view", "")];
    let res = office
        .post(app.url(&format!("/plenums/{plenum}/synthesis/opinions/{o}/review")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = office
        .get(app.url(&format!("/plenums/{plenum}/synthesis?disposition=approved")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Đã có trong Đề án nhân lực.") && html.contains(&format!("id=\"op-{o}\"")));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_office_accepts_suggested_groups_then_renames_merges_and_splits_them() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let items = app.store.agenda_items(plenum).await.unwrap();
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let (office, csrf) = (office.clone(), csrf.clone());
        let url = app.url(&path);
        async move {
            let mut form = form;
            form.push(("csrf", csrf));
            office.post(url).form(&form).send().await.unwrap().status().as_u16()
        }
    };
    // The item with the most opinions has some that make the same point.
    let opinions = app.store.opinions(plenum).await.unwrap();
    let item = items.iter().max_by_key(|i| opinions.iter().filter(|o| o.item_id == i.id).count()).unwrap().id;
    assert_eq!(post(format!("/plenums/{plenum}/synthesis/items/{item}/suggest"), vec![]).await, 303);
    let groups: Vec<_> =
        app.store.opinion_groups(plenum).await.unwrap().into_iter().filter(|g| g.item_id == item).collect();
    assert!(groups.len() >= 2, "{groups:?}");
    assert!(groups.iter().all(|g| g.opinion_ids.len() >= 2), "a group holds two or more");
    let (a, b) = (groups[0].id, groups[1].id);

    let title = "Về nguồn lực thực hiện chuyển đổi số";
    assert_eq!(
        post(format!("/plenums/{plenum}/synthesis/groups/{a}/rename"), vec![("title", title.into())]).await,
        303
    );
    assert_eq!(post(format!("/plenums/{plenum}/synthesis/groups/{b}/merge"), vec![("into", a.to_string())]).await, 303);
    let after: Vec<_> =
        app.store.opinion_groups(plenum).await.unwrap().into_iter().filter(|g| g.item_id == item).collect();
    assert_eq!(after.len(), groups.len() - 1, "two became one");
    let merged = after.iter().find(|g| g.title == title).expect("the renamed group");
    assert_eq!(merged.opinion_ids.len(), groups[0].opinion_ids.len() + groups[1].opinion_ids.len());

    let out = merged.opinion_ids[0];
    assert_eq!(post(format!("/plenums/{plenum}/synthesis/opinions/{out}/split"), vec![]).await, 303);
    let last: Vec<_> = app.store.opinion_groups(plenum).await.unwrap();
    assert!(last.iter().all(|g| !g.opinion_ids.contains(&out)), "split off");
    // A group's answer refused keeps what was typed, and writes nothing.
    let answered = app.store.dispositions(plenum).await.unwrap().len();
    let res = office
        .post(app.url(&format!("/plenums/{plenum}/synthesis/groups/{a}/answer")))
        .form(&[("csrf", csrf.as_str()), ("kind", "explained"), ("reply", "  ")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("phải nêu lý do giải trình"));
    let res = office
        .post(app.url(&format!("/plenums/{plenum}/synthesis/groups/{a}/answer")))
        .form(&[("csrf", csrf.as_str()), ("kind", "bogus"), ("reply", "Giữ nguyên nội dung đã gõ")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Giữ nguyên nội dung đã gõ"), "the typed reply stays");
    assert_eq!(app.store.dispositions(plenum).await.unwrap().len(), answered, "nothing written");

    // A title is not left empty.
    let status = post(format!("/plenums/{plenum}/synthesis/groups/{a}/rename"), vec![("title", " ".into())]).await;
    assert_eq!(status, 422);
    // The page shows the groups with their names.
    let html = office
        .get(app.url(&format!("/plenums/{plenum}/synthesis?item={item}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(title));
}

/// Text pasted in a legacy encoding is shown converted and saved only as the writer chooses.
#[tokio::test(flavor = "multi_thread")]
async fn pasted_legacy_text_is_previewed_and_never_converted_silently() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let item = app.store.agenda_items(plenum).await.unwrap()[0].id.to_string();
    // TCVN3 (ABC) as an old .VnTime file shows it: "Đề nghị bổ sung nội dung về Đảng bộ thành phố Hà Nội".
    let typed = "§Ò nghÞ bæ sung néi dung vÒ §¶ng bé thµnh phè Hµ Néi";
    let unicode = "Đề nghị bổ sung nội dung về Đảng bộ thành phố Hà Nội";
    let (delegate, csrf) = app.login("daibieu", &password("daibieu")).await;
    let url = app.url(&format!("/plenums/{plenum}/tablet/opinions"));
    let send = |pasted: &'static str| {
        let form = [
            ("csrf", csrf.as_str()),
            ("item_id", &item),
            ("stance", "propose_change"),
            ("text", typed),
            ("pasted", pasted),
        ];
        delegate.post(&url).form(&form).send()
    };
    let before = app.store.opinions(plenum).await.unwrap().len();
    let res = send("").await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(unicode), "the converted text is shown");
    assert!(html.contains("TCVN3"), "the encoding is named");
    assert_eq!(app.store.opinions(plenum).await.unwrap().len(), before, "nothing saved yet");
    assert_eq!(send("convert").await.unwrap().status(), 303);
    assert_eq!(app.store.opinions(plenum).await.unwrap().last().unwrap().text, unicode);
    assert_eq!(send("keep").await.unwrap().status(), 303);
    assert_eq!(app.store.opinions(plenum).await.unwrap().last().unwrap().text, typed, "kept as typed when asked");
}

/// An administrator makes an account an officer of a body; the officer then
/// finds the workspace on the plenum's page.
#[tokio::test(flavor = "multi_thread")]
async fn an_administrator_makes_an_officer_who_then_answers() {
    let app = demo_app().await;
    let plenum = app.store.plenum(app.demo_plenum_id().await).await.unwrap();
    let item = &app.store.agenda_items(plenum.id).await.unwrap()[1];
    let body = item.body_id.unwrap();
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let page = admin.get(app.url(&format!("/organizations/{}/bodies", plenum.org_id))).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains(&item.presenter), "the item's presenter is a body");
    let url = app.url(&format!("/organizations/{}/bodies/{body}/officers", plenum.org_id));
    let res = admin.post(&url).form(&[("csrf", csrf.as_str()), ("username", "khong-co-ai")]).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("khong-co-ai"), "what was typed stays");
    let res = admin.post(&url).form(&[("csrf", csrf.as_str()), ("username", "kiemtra")]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let kiemtra = app.store.user_by_username("kiemtra").await.unwrap().unwrap();
    assert!(app.store.body_officers(body).await.unwrap().contains(&kiemtra.id));

    // The auditor, now an officer, sees the link and the body's items only.
    let (officer, _) = app.login("kiemtra", &password("kiemtra")).await;
    let html = officer.get(app.url(&format!("/plenums/{}", plenum.id))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("/plenums/{}/synthesis", plenum.id)));
    let w = workspace(&officer, &app, plenum.id, "").await;
    assert!(w["items"].as_array().unwrap().iter().all(|i| i["body_id"] == body));
    // A secretary is no administrator: refused.
    let (office, office_csrf) = app.login("thuky", &password("thuky")).await;
    let res = office.post(&url).form(&[("csrf", office_csrf.as_str()), ("username", "thuky")]).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

/// The office of one plenum cannot file a paper opinion into another's record.
#[tokio::test(flavor = "multi_thread")]
async fn a_paper_opinion_takes_only_this_plenums_items() {
    let app = demo_app().await;
    let plenum = app.store.plenum(app.demo_plenum_id().await).await.unwrap();
    let actor = Actor::system("test");
    let other = app
        .store
        .create_plenum(
            &actor,
            plenum_store::input::NewPlenum {
                committee_id: plenum.committee_id,
                ordinal: 12,
                title: "Hội nghị lần thứ 12".into(),
                starts_on: "2023-04-01".into(),
                ends_on: "2023-04-01".into(),
                place: "Hà Nội".into(),
            },
        )
        .await
        .unwrap();
    let new_item = plenum_store::input::NewAgendaItem {
        plenum_id: other.id,
        ordinal: 1,
        title: "Nội dung khác".into(),
        kind: "report".into(),
        presenter: "Văn phòng Thành ủy".into(),
    };
    let foreign = app.store.add_agenda_item(&actor, new_item).await.unwrap();
    // Its own delegate too: the store alone would take the pair as that plenum's.
    let seat = plenum_store::input::NewDelegate {
        plenum_id: other.id,
        member_id: None,
        user_id: None,
        full_name: "Đại biểu hội nghị 12".into(),
        title: String::new(),
        unit: "Hà Nội".into(),
        kind: "guest".into(),
        group_id: None,
        checkin_code: plenum_store::demo::new_checkin_code(),
    };
    let delegate = app.store.add_delegate(&actor, seat).await.unwrap().id;
    let (office, csrf) = app.login("thuky", &password("thuky")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("delegate_id", &delegate.to_string()),
        ("item_id", &foreign.id.to_string()),
        ("stance", "agree"),
        ("text", "Ý kiến lạc sang hội nghị khác"),
    ];
    let before = app.store.opinions(other.id).await.unwrap().len();
    let res =
        office.post(app.url(&format!("/plenums/{}/synthesis/paper", plenum.id))).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(app.store.opinions(other.id).await.unwrap().len(), before, "nothing lands in the other plenum");
}
