//! Polls through the pages, as the chair and the members use them: an
//! electronic motion voted from two members' sessions and closed with its
//! counts and explanation; a secret election cast after review, whose
//! receipt is shown once.

use crate::common;

use common::{demo_app, password, TestApp};
use plenum_core::conduct::attendance::Attendance;
use plenum_store::Actor;
use reqwest::Client;

struct As {
    c: Client,
    csrf: String,
}

async fn login(app: &TestApp, who: &str) -> As {
    let (c, csrf) = app.login(who, &password(who)).await;
    As { c, csrf }
}

impl As {
    /// Submit a page's form as a browser would; status, Location and body.
    async fn form(&self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
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

/// The poll's version, read from its page's forms.
fn version_of(page: &str) -> String {
    let at = page.find("name=\"version\" value=\"").expect("a form with the poll's version");
    page[at + 22..].split('"').next().unwrap().to_string()
}

/// The two demo members with accounts, checked in.
async fn check_in_members(app: &TestApp, plenum: i64) {
    for u in ["chutri", "daibieu"] {
        let user = app.store.users().await.unwrap().into_iter().find(|x| x.username == u).unwrap();
        let d = app.store.delegate_for_user(plenum, user.id).await.unwrap().unwrap();
        app.store.set_attendance(&Actor::system("test"), d.id, Attendance::Present, "", None).await.unwrap();
    }
}

async fn create(app: &TestApp, chair: &As, plenum: i64, fields: &[(&str, &str)]) -> String {
    let (status, location, body) = chair.form(app, &format!("/plenums/{plenum}/polls"), fields).await;
    assert_eq!(status, 303, "the poll is created: {body}");
    assert!(location.starts_with("/polls/"), "{location}");
    location
}

async fn open(app: &TestApp, chair: &As, poll: &str) {
    let page = chair.page(app, poll).await;
    let v = version_of(&page);
    let (status, _, body) = chair.form(app, &format!("{poll}/open"), &[("version", &v), ("excluded", "0")]).await;
    assert_eq!(status, 303, "the poll opens: {body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn members_vote_on_a_motion_and_the_chair_closes_it_with_its_explanation() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    check_in_members(&app, plenum).await;
    let chair = login(&app, "chutri").await;
    let member = login(&app, "daibieu").await;
    let guest = login(&app, "khachmoi").await;

    let list = chair.page(&app, &format!("/plenums/{plenum}/polls")).await;
    assert!(list.contains("Tạo cuộc biểu quyết"), "the chair has the create form");
    assert!(!member.page(&app, &format!("/plenums/{plenum}/polls")).await.contains("Tạo cuộc biểu quyết"));
    let poll = create(
        &app,
        &chair,
        plenum,
        &[
            ("title", "Thông qua Nghị quyết"),
            ("kind", "motion"),
            ("method", "electronic"),
            ("rules", "party-committee"),
        ],
    )
    .await;
    open(&app, &chair, &poll).await;

    let tablet = member.page(&app, &poll).await;
    assert!(tablet.contains("value=\"yes\"") && tablet.contains("Không tán thành"), "three buttons: {tablet}");
    assert!(tablet.contains("0/"), "nobody has voted yet");
    for who in [&chair, &member] {
        let (status, location, _) = who.form(&app, &format!("{poll}/vote"), &[("choice", "yes")]).await;
        assert_eq!((status, location.as_str()), (303, poll.as_str()));
    }
    let after = member.page(&app, &poll).await;
    assert!(after.contains("Bạn đã bỏ phiếu"), "the tablet says the member voted");
    assert!(!after.contains("name=\"choice\" value=\"yes\""), "no second ballot");
    let participation = member.page(&app, &format!("{poll}/participation")).await;
    assert!(participation.contains("2/") && participation.contains("đã bỏ phiếu"), "{participation}");
    assert!(!participation.contains("Tán thành"), "participation never shows choices");

    let (status, _, body) = member.form(&app, &format!("{poll}/vote"), &[("choice", "no")]).await;
    assert_eq!(status, 422);
    assert!(body.contains("Bạn đã bỏ phiếu rồi"), "a second vote is refused, saying why: {body}");
    let (status, _, _) = guest.form(&app, &format!("{poll}/vote"), &[("choice", "no")]).await;
    assert_eq!(status, 403, "a guest does not vote");
    assert!(!guest.page(&app, &poll).await.contains("value=\"abstain\""), "a guest sees no ballot");

    let v = version_of(&chair.page(&app, &poll).await);
    let (status, _, body) = chair.form(&app, &format!("{poll}/close"), &[("version", &v)]).await;
    assert_eq!(status, 303, "closed: {body}");
    let result = member.page(&app, &poll).await;
    assert!(result.contains("class=\"dec-counts\""), "the counts show");
    assert!(result.contains("<dt>Tán thành</dt><dd>2</dd>"), "two in favour: {result}");
    assert!(result.contains("ủy viên tán thành"), "the explanation shows");
    assert!(result.contains("Không thông qua"), "two of all members do not pass it");
    let projector = guest.page(&app, &format!("{poll}/projector")).await;
    assert!(projector.contains("ủy viên tán thành"), "the hall screen shows the result");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_ballot_is_reviewed_then_cast_and_its_receipt_shown_once() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    check_in_members(&app, plenum).await;
    let chair = login(&app, "chutri").await;
    let member = login(&app, "daibieu").await;
    let poll = create(
        &app,
        &chair,
        plenum,
        &[
            ("title", "Bầu Ủy viên Ban Thường vụ"),
            ("kind", "election"),
            ("method", "secret"),
            ("rules", "party-committee"),
            ("seats", "2"),
            ("candidates", "Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường"),
        ],
    )
    .await;
    open(&app, &chair, &poll).await;
    let ballot = member.page(&app, &poll).await;
    assert!(ballot.contains("gạch tên") && ballot.contains("Trần Thị Bình"), "the ballot lists the candidates");
    let (status, _, review) = member.form(&app, &format!("{poll}/review"), &[("crossed", "Lê Văn Cường")]).await;
    assert_eq!(status, 200);
    assert!(review.contains("<s>Lê Văn Cường</s>") && review.contains("/cast"), "the review shows what will be cast");
    let page = member.page(&app, &poll).await;
    assert!(!page.contains("Bạn đã bỏ phiếu"), "reviewing casts nothing");

    let (status, _, cast) = member.form(&app, &format!("{poll}/cast"), &[("crossed", "Lê Văn Cường")]).await;
    assert_eq!(status, 200);
    let marker = "class=\"dec-receipt-code\">";
    let at = cast.find(marker).expect("the receipt shows") + marker.len();
    let code = &cast[at..at + 64];
    assert!(code.chars().all(|ch| ch.is_ascii_hexdigit()), "{code}");
    assert_eq!(cast[at + 64..].chars().next(), Some('<'), "64 hex digits");
    assert!(cast.contains("không cho biết bạn đã bầu thế nào"), "the receipt proves the ballot was recorded, not how");
    let again = member.page(&app, &poll).await;
    assert!(again.contains("Bạn đã bỏ phiếu"));
    assert!(!again.contains(code), "the receipt is never shown again");
    let (status, _, _) = member.form(&app, &format!("{poll}/cast"), &[]).await;
    assert_eq!(status, 422, "a second ballot is refused");
    let running = member.page(&app, &format!("{poll}/projector")).await;
    assert!(!running.contains("Trúng cử"), "nothing of the count shows while open");
}

/// Five candidates for three seats, each name given as the voters keep it.
const FIVE: [&str; 5] = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Minh Đức"];

#[tokio::test(flavor = "multi_thread")]
async fn a_tie_at_the_last_seat_offers_the_chair_a_new_round_among_the_tied() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    common::voters::check_in_three(&app, plenum).await;
    let voters = [login(&app, "chutri").await, login(&app, "daibieu").await, login(&app, "thukyto").await];
    let chair = &voters[0];
    // Counted against the three members present ("present-majority"): more
    // than half of 3 is 2, so three ballots can elect.
    let poll = create(
        &app,
        chair,
        plenum,
        &[
            ("title", "Bầu Ủy viên Ban Thường vụ"),
            ("kind", "election"),
            ("method", "secret"),
            ("rules", "present-majority"),
            ("seats", "3"),
            ("candidates", &FIVE.join("\n")),
        ],
    )
    .await;
    let id: i64 = poll.trim_start_matches("/polls/").parse().unwrap();
    let counter = app.store.delegates(plenum).await.unwrap().into_iter().find(|d| d.user_id.is_none()).unwrap();
    let v = version_of(&chair.page(&app, &poll).await);
    let (status, _, body) =
        chair.form(&app, &format!("{poll}/committee"), &[("version", &v), ("delegate", &counter.id.to_string())]).await;
    assert_eq!(status, 303, "the counting committee is named: {body}");
    open(&app, chair, &poll).await;
    let (status, _, body) = chair.form(&app, &format!("{poll}/runoff"), &[]).await;
    assert_eq!(status, 422, "no new round while the vote is open");
    assert!(body.contains("không có người bằng phiếu"), "{body}");

    // An keeps all three ballots; Bình, Cường and Dung two each: a tie for the last two seats.
    let crossings = [[FIVE[3], FIVE[4]], [FIVE[2], FIVE[4]], [FIVE[1], FIVE[4]]];
    for (who, crossed) in voters.iter().zip(crossings) {
        let (status, _, body) =
            who.form(&app, &format!("{poll}/cast"), &[("crossed", crossed[0]), ("crossed", crossed[1])]).await;
        assert_eq!(status, 200, "{body}");
    }
    let v = version_of(&chair.page(&app, &poll).await);
    let (status, _, body) = chair.form(&app, &format!("{poll}/close"), &[("version", &v)]).await;
    assert_eq!(status, 303, "closed: {body}");
    let page = chair.page(&app, &poll).await;
    assert!(page.contains("bầu lại giữa: Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung"), "{page}");
    assert!(page.contains("Bầu lại giữa những người bằng phiếu"), "the chair is offered the new round");
    assert!(!voters[1].page(&app, &poll).await.contains(&format!("{poll}/runoff")), "a member is not");

    let (status, location, body) = chair.form(&app, &format!("{poll}/runoff"), &[]).await;
    assert_eq!(status, 303, "{body}");
    let round_id: i64 = location.trim_start_matches("/polls/").parse().unwrap();
    let (first, round) = (app.store.poll(id).await.unwrap(), app.store.poll(round_id).await.unwrap());
    assert_eq!(round.title, "Bầu Ủy viên Ban Thường vụ (vòng 2)");
    assert!(round.runoff.0, "a runoff round: the threshold does not apply");
    assert_eq!(round.seats, Some(2), "the seats left unfilled");
    let listed: Vec<String> = serde_json::from_str(&round.candidates).unwrap();
    assert_eq!(listed, [FIVE[1], FIVE[2], FIVE[3]], "the tied only, in list order");
    assert_eq!(
        (round.plenum_id, round.kind, round.method, &round.rules, &round.counting_committee),
        (first.plenum_id, first.kind, first.method, &first.rules, &first.counting_committee)
    );
    assert_eq!(round.state.as_str(), "draft", "the chair opens it when the meeting agrees");
    let (status, _, body) = chair.form(&app, &format!("{poll}/runoff"), &[]).await;
    assert_eq!(status, 422, "one new round per election");
    assert!(body.contains("đã được tạo"), "{body}");
}
