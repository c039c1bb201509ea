//! Polls over HTTP: an open vote on the tablets takes one vote per member
//! (a second is refused, a guest and a member not checked in never vote)
//! and is counted against all members under its rule set; a secret
//! election gives each voter a receipt, publishes a signed tally that
//! recounts offline, and proves each receipt is in it; a show of hands is
//! entered by the chair; paper ballots close only once two counters agree.

use crate::common;

use common::{demo_app, password, TestApp};
use plenum_core::conduct::attendance::Attendance;
use plenum_core::decide::published::{self, PublishedPoll};
use plenum_core::decide::receipt;
use plenum_store::Actor;
use serde_json::{json, Value};

struct As {
    c: reqwest::Client,
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

    async fn send(&self, app: &TestApp, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        let res =
            self.c.request(method, app.url(path)).header("x-csrf-token", &self.csrf).json(&body).send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
        self.send(app, reqwest::Method::POST, path, body).await
    }
}

async fn check_in(app: &TestApp, username: &str) {
    let user = app.store.user_by_username(username).await.unwrap().unwrap();
    let d = app.store.delegate_for_user(app.demo_plenum_id().await, user.id).await.unwrap().unwrap();
    app.store.set_attendance(&Actor::system("test"), d.id, Attendance::Present, "", None).await.unwrap();
}

fn field_code(body: &Value) -> String {
    body["fields"][0]["code"].as_str().or(body["error"]["fields"][0]["code"].as_str()).unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_vote_takes_one_vote_per_member_present_and_counts_against_all_members() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let chair = login(&app, "chutri").await;
    let delegate = login(&app, "daibieu").await;
    let guest = login(&app, "khachmoi").await;
    let secretary = login(&app, "thuky").await;

    let new = json!({ "title": "Thông qua Nghị quyết Hội nghị", "kind": "motion", "method": "electronic" });
    let (status, _) = secretary.post(&app, &format!("/api/v1/plenums/{plenum}/polls"), new.clone()).await;
    assert_eq!(status, 403, "the office does not run the votes");
    let bad = json!({ "title": "Bầu", "kind": "election", "method": "hands", "seats": 1, "candidates": ["A", "B"] });
    let (status, body) = chair.post(&app, &format!("/api/v1/plenums/{plenum}/polls"), bad).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("secret-for-people"), "votes on people are secret: {body}");
    let (status, poll) = chair.post(&app, &format!("/api/v1/plenums/{plenum}/polls"), new).await;
    assert_eq!(status, 200, "{poll}");
    assert_eq!(poll["rules"]["name"], "party-committee");
    let id = poll["id"].as_i64().unwrap();

    let (status, body) = delegate.post(&app, &format!("/api/v1/polls/{id}/vote"), json!({ "choice": "yes" })).await;
    assert_eq!(status, 422, "a draft takes no votes: {body}");
    let (status, poll) =
        chair.post(&app, &format!("/api/v1/polls/{id}/open"), json!({ "version": poll["version"] })).await;
    assert_eq!(status, 200, "{poll}");
    let members = poll["members"].as_i64().unwrap();
    assert!(members > 50, "the demo summons the committee: {members}");

    let (status, body) = delegate.post(&app, &format!("/api/v1/polls/{id}/vote"), json!({ "choice": "yes" })).await;
    assert_eq!((status, field_code(&body).as_str()), (422, "not-checked-in"), "{body}");
    check_in(&app, "daibieu").await;
    check_in(&app, "chutri").await;
    let (status, body) = delegate.post(&app, &format!("/api/v1/polls/{id}/vote"), json!({ "choice": "yes" })).await;
    assert_eq!(status, 204, "{body}");
    let (status, body) = delegate.post(&app, &format!("/api/v1/polls/{id}/vote"), json!({ "choice": "no" })).await;
    assert_eq!((status, field_code(&body).as_str()), (422, "already-voted"), "{body}");
    let (status, _) = guest.post(&app, &format!("/api/v1/polls/{id}/vote"), json!({ "choice": "yes" })).await;
    assert_eq!(status, 403, "a guest never votes");
    let (status, _) = chair.post(&app, &format!("/api/v1/polls/{id}/vote"), json!({ "choice": "no" })).await;
    assert_eq!(status, 204);
    let (_, poll) = delegate.get(&app, &format!("/api/v1/polls/{id}")).await;
    assert_eq!(poll["voted"], 2);
    assert!(poll["result"].is_null(), "no result before the close");

    let (status, poll) =
        chair.post(&app, &format!("/api/v1/polls/{id}/close"), json!({ "version": poll["version"] })).await;
    assert_eq!(status, 200, "{poll}");
    let result = &poll["result"];
    assert_eq!(result["counts"]["yes"], 1);
    assert_eq!(result["counts"]["no"], 1);
    assert_eq!(result["result"]["passed"], false);
    assert_eq!(result["result"]["base"], members);
    let explanation = result["result"]["explanation_vi"].as_str().unwrap();
    assert!(explanation.starts_with(&format!("1/{members} ủy viên tán thành")), "{explanation}");
    let (status, _) = delegate.post(&app, &format!("/api/v1/polls/{id}/vote"), json!({ "choice": "yes" })).await;
    assert_eq!(status, 422, "a closed poll takes no votes");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_election_publishes_a_signed_tally_and_proves_each_receipt() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let chair = login(&app, "chutri").await;
    let delegate = login(&app, "daibieu").await;
    check_in(&app, "daibieu").await;
    check_in(&app, "chutri").await;
    let candidates = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"];
    let (head, _) = app.store.history_head().await.unwrap();
    let new = json!({ "title": "Bầu Ban Thường vụ", "kind": "election", "method": "secret", "seats": 2, "candidates": candidates });
    let (status, poll) = chair.post(&app, &format!("/api/v1/plenums/{plenum}/polls"), new).await;
    assert_eq!(status, 200, "{poll}");
    let id = poll["id"].as_i64().unwrap();
    let (_, poll) = chair.post(&app, &format!("/api/v1/polls/{id}/open"), json!({ "version": poll["version"] })).await;

    let (status, body) =
        delegate.post(&app, &format!("/api/v1/polls/{id}/ballot"), json!({ "crossed": ["Ai Đó"] })).await;
    assert_eq!((status, field_code(&body).as_str()), (422, "unknown-candidate"), "{body}");
    let (status, mine) =
        delegate.post(&app, &format!("/api/v1/polls/{id}/ballot"), json!({ "crossed": ["Lê Văn Cường"] })).await;
    assert_eq!(status, 200, "{mine}");
    let receipt_code = mine["receipt"].as_str().unwrap().to_string();
    assert_eq!(receipt_code.len(), 64);
    assert!(!receipt_code.contains("Cường") && !mine.to_string().contains("Cường"), "a receipt shows no choice");
    let (status, _) = delegate.post(&app, &format!("/api/v1/polls/{id}/ballot"), json!({ "crossed": [] })).await;
    assert_eq!(status, 422, "one ballot per member");
    let (status, theirs) =
        chair.post(&app, &format!("/api/v1/polls/{id}/ballot"), json!({ "crossed": ["Trần Thị Bình"] })).await;
    assert_eq!(status, 200, "{theirs}");
    let (status, _) = delegate.get(&app, &format!("/api/v1/polls/{id}/published.json")).await;
    assert_eq!(status, 422, "nothing is published while the poll is open");

    let (status, poll) =
        chair.post(&app, &format!("/api/v1/polls/{id}/close"), json!({ "version": poll["version"] })).await;
    assert_eq!(status, 200, "{poll}");
    assert_eq!(poll["result"]["result"]["ballots"]["valid"], 2);
    assert_eq!(poll["result"]["issued"], 2);

    let res = delegate.c.get(app.url(&format!("/api/v1/polls/{id}/published.json"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let p: PublishedPoll = res.json().await.unwrap();
    published::verify(&p).expect("the published tally verifies offline");
    let (_, key) = delegate.get(&app, "/api/v1/poll-key").await;
    assert_eq!(key["public_key"], p.public_key.as_str(), "signed with the key the product shows");
    assert_eq!(p.roll_count, 2);
    assert!(
        !serde_json::to_string(&p).unwrap().contains(&receipt_code.to_string()) || p.leaves.contains(&receipt_code)
    );

    let (status, proof) = delegate.get(&app, &format!("/api/v1/polls/{id}/proof?receipt={receipt_code}")).await;
    assert_eq!(status, 200, "{proof}");
    let leaf = receipt::parse_receipt(&receipt_code).unwrap();
    let path: Vec<receipt::Hash> = proof["proof"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| receipt::parse_receipt(h.as_str().unwrap()).unwrap())
        .collect();
    let root = receipt::parse_receipt(proof["root"].as_str().unwrap()).unwrap();
    assert!(receipt::verify_inclusion(
        &leaf,
        proof["index"].as_u64().unwrap(),
        proof["size"].as_u64().unwrap(),
        &path,
        &root
    ));
    assert_eq!(proof["root"], p.root.as_str());
    let other = format!("{:064x}", 7);
    let (status, _) = delegate.get(&app, &format!("/api/v1/polls/{id}/proof?receipt={other}")).await;
    assert_eq!(status, 404, "a receipt that was never given proves nothing");

    // The history holds the roll and the published tally, never a ballot beside a voter.
    let entries = app.store.history(head, 100_000).await.unwrap();
    let about: Vec<_> = entries.iter().filter(|e| e.action.starts_with("poll.")).collect();
    assert_eq!(
        about.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["poll.created", "poll.opened", "poll.closed", "poll.sealed"]
    );
    assert!(!about[2].payload.contains("Cường"), "the close records the roll, not the ballots");
    assert!(!about[3].payload.contains("\"roll\""), "the published tally names no voter");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_show_of_hands_and_paper_ballots_are_entered_and_checked() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let chair = login(&app, "chutri").await;
    let delegate = login(&app, "daibieu").await;
    for who in ["daibieu", "chutri", "thukyto"] {
        check_in(&app, who).await;
    }
    let new = json!({ "title": "Thông qua chương trình", "kind": "motion", "method": "hands", "rules": "two-thirds" });
    let (_, poll) = chair.post(&app, &format!("/api/v1/plenums/{plenum}/polls"), new).await;
    let id = poll["id"].as_i64().unwrap();
    let (_, poll) = chair.post(&app, &format!("/api/v1/polls/{id}/open"), json!({ "version": poll["version"] })).await;
    let present = poll["present"].as_i64().unwrap();
    let (status, body) = chair
        .post(
            &app,
            &format!("/api/v1/polls/{id}/close"),
            json!({ "version": poll["version"], "hands": { "yes": present + 1, "no": 0, "abstain": 0 } }),
        )
        .await;
    assert_eq!((status, field_code(&body).as_str()), (422, "votes-above-present"), "{body}");
    let (status, poll) = chair
        .post(
            &app,
            &format!("/api/v1/polls/{id}/close"),
            json!({ "version": poll["version"], "hands": { "yes": present, "no": 0, "abstain": 0 } }),
        )
        .await;
    assert_eq!(status, 200, "{poll}");
    assert_eq!(poll["rules"]["name"], "two-thirds", "the rule set is recorded with the vote");
    assert_eq!(poll["result"]["counts"]["yes"], present);
    let res = delegate.c.get(app.url(&format!("/api/v1/polls/{id}/minutes.pdf"))).send().await.unwrap();
    assert_eq!(res.status(), 200, "a motion's record is its result sheet");
    let text = plenum_docs::export::inspect::pdf_text(&res.bytes().await.unwrap());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!("{present}/")) && flat.contains("Thông qua chương trình"), "{flat}");

    // Paper: two counters of the counting committee, who are not candidates.
    let candidates = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"];
    let new = json!({ "title": "Bầu Chủ nhiệm UBKT", "kind": "election", "method": "paper", "seats": 1, "candidates": candidates });
    let (_, poll) = chair.post(&app, &format!("/api/v1/plenums/{plenum}/polls"), new).await;
    let id = poll["id"].as_i64().unwrap();
    let counters: Vec<i64> = {
        let mut v = Vec::new();
        for who in ["daibieu", "thukyto"] {
            let user = app.store.user_by_username(who).await.unwrap().unwrap();
            v.push(app.store.delegate_for_user(plenum, user.id).await.unwrap().unwrap().id);
        }
        v
    };
    let (status, body) =
        chair.post(&app, &format!("/api/v1/polls/{id}/open"), json!({ "version": poll["version"] })).await;
    assert_eq!((status, field_code(&body).as_str()), (422, "two-counters"), "{body}");
    let (status, poll) = chair
        .send(
            &app,
            reqwest::Method::PUT,
            &format!("/api/v1/polls/{id}/counting-committee"),
            json!({ "version": poll["version"], "delegates": counters }),
        )
        .await;
    assert_eq!(status, 200, "{poll}");
    let (_, poll) = chair.post(&app, &format!("/api/v1/polls/{id}/open"), json!({ "version": poll["version"] })).await;
    let second = login(&app, "thukyto").await;
    for (sheet, crossed) in [(1, vec!["Lê Văn Cường"]), (2, vec!["Trần Thị Bình", "Lê Văn Cường"])] {
        let b = json!({ "counter": 1, "sheet": sheet, "crossed": crossed });
        assert_eq!(delegate.post(&app, &format!("/api/v1/polls/{id}/paper"), b).await.0, 204);
    }
    let (status, body) = delegate
        .post(&app, &format!("/api/v1/polls/{id}/paper"), json!({ "counter": 2, "sheet": 1, "crossed": [] }))
        .await;
    assert_eq!((status, field_code(&body).as_str()), (422, "same-counter"), "one person enters one of the two: {body}");
    let b = json!({ "counter": 2, "sheet": 1, "crossed": ["Lê Văn Cường"] });
    assert_eq!(second.post(&app, &format!("/api/v1/polls/{id}/paper"), b).await.0, 204);
    let b = json!({ "counter": 2, "sheet": 2, "crossed": ["Trần Thị Bình"] });
    assert_eq!(second.post(&app, &format!("/api/v1/polls/{id}/paper"), b).await.0, 204);
    let (_, sheets) = second.get(&app, &format!("/api/v1/polls/{id}/paper")).await;
    assert_eq!(sheets["differences"].as_array().unwrap().len(), 1, "{sheets}");
    assert_eq!(sheets["differences"][0]["sheet"], 2);
    let (status, body) = chair
        .post(&app, &format!("/api/v1/polls/{id}/close"), json!({ "version": poll["version"], "issued": 3 }))
        .await;
    assert_eq!((status, field_code(&body).as_str()), (422, "entries-differ"), "{body}");
    let b = json!({ "counter": 2, "sheet": 2, "crossed": ["Trần Thị Bình", "Lê Văn Cường"] });
    assert_eq!(second.post(&app, &format!("/api/v1/polls/{id}/paper"), b).await.0, 204);
    let (status, poll) = chair
        .post(&app, &format!("/api/v1/polls/{id}/close"), json!({ "version": poll["version"], "issued": 3 }))
        .await;
    assert_eq!(status, 200, "{poll}");
    let result = &poll["result"];
    assert_eq!(result["issued"], 3);
    assert_eq!(result["result"]["ballots"]["returned"], 2);
    let an = result["result"]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Nguyễn Văn An")
        .unwrap()
        .clone();
    // Sheet 1 keeps two names for one seat: invalid (QĐ 190-QĐ/TW, as DOMAIN.md gives it).
    assert_eq!(result["result"]["ballots"]["invalid"], 1);
    assert_eq!(an["votes"], 1);

    // The counting minutes read back as a reader's software shows them.
    let res = delegate.c.get(app.url(&format!("/api/v1/polls/{id}/minutes.pdf"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = plenum_docs::export::inspect::pdf_text(&res.bytes().await.unwrap());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in ["BIÊN BẢN KIỂM PHIẾU", "Bầu Chủ nhiệm UBKT", "Nguyễn Văn An", "Lê Văn Cường", "Phùng Thị Thu Hà"]
    {
        assert!(flat.contains(want), "the minutes lack {want:?}:\n{flat}");
    }
    let res = delegate.c.get(app.url(&format!("/api/v1/polls/{id}/minutes.docx"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = plenum_docs::export::inspect::docx_text(&res.bytes().await.unwrap());
    assert!(text.split_whitespace().collect::<Vec<_>>().join(" ").contains("BIÊN BẢN KIỂM PHIẾU"), "{text}");
}

/// Everything the server logs, at every level, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_servers_log_holds_no_ballot_and_no_receipt() {
    // Each test runs in a process of its own: this subscriber sees the whole server.
    let log = Captured::default();
    let writer = log.clone();
    tracing_subscriber::fmt().with_env_filter("trace").with_writer(move || writer.clone()).with_ansi(false).init();
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let chair = login(&app, "chutri").await;
    let delegate = login(&app, "daibieu").await;
    check_in(&app, "daibieu").await;
    let new = json!({ "title": "Bầu Bí thư", "kind": "election", "method": "secret", "seats": 1, "candidates": ["Đinh Công Tráng", "Vũ Thị Sáu"] });
    let (_, poll) = chair.post(&app, &format!("/api/v1/plenums/{plenum}/polls"), new).await;
    let id = poll["id"].as_i64().unwrap();
    let (_, poll) = chair.post(&app, &format!("/api/v1/polls/{id}/open"), json!({ "version": poll["version"] })).await;
    let (status, mine) =
        delegate.post(&app, &format!("/api/v1/polls/{id}/ballot"), json!({ "crossed": ["Vũ Thị Sáu"] })).await;
    assert_eq!(status, 200, "{mine}");
    let receipt_code = mine["receipt"].as_str().unwrap().to_string();
    // A refused second ballot goes through the error path too.
    let (status, _) = delegate.post(&app, &format!("/api/v1/polls/{id}/ballot"), json!({ "crossed": [] })).await;
    assert_eq!(status, 422);
    let (status, _) =
        chair.post(&app, &format!("/api/v1/polls/{id}/close"), json!({ "version": poll["version"] })).await;
    assert_eq!(status, 200);
    let text = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(text.contains("INSERT INTO ballots"), "the log is captured at the level that shows statements");
    for secret in [receipt_code.as_str(), "Vũ Thị Sáu", "crossed"] {
        assert!(!text.contains(secret), "the server's log holds {secret:?}");
    }
}
