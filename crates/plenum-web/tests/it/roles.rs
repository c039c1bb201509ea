//! Every route against every role in every scope: allowed or denied, on the
//! API and the pages alike.
//!
//! The rows are checked against the server's own route table
//! ([`plenum_web::routes::table`]): a route without a row, or a row without
//! a route, fails the test.
//!
//! Each role is granted in each scope, relative to the demo plenum every row
//! acts on: own plenum, another plenum, own organization (Hà Nội's, where the
//! plenum is), a parent organization (the central one), a child organization
//! (a district of Hà Nội). A group secretary is also tried in two group
//! scopes: the secretary of Tổ 1, whose rows the group rows act in, and the
//! secretary of Tổ 2. A grant on an organization covers everything below it,
//! a plenum grant that plenum only; group rows need the group's secretary.
//!
//! "Allowed" means authorization passed (any status but 401/403); "denied"
//! means exactly 403, never 404: every row names a resource that exists, so
//! a denial never hides behind "not found". Anonymous callers get 401 (API)
//! or the login page; public routes answer everyone.

use crate::common;

use common::{client, demo_app, password, TestApp};
use plenum_core::access::{Grant, GrantScope, Role};
use plenum_store::input::{NewDelegate, NewPlenum, NewUser};
use plenum_store::{Actor, Plenum};
use serde_json::json;

#[derive(Clone, Copy)]
enum Who {
    /// Anyone, signed in or not: no authorization at all.
    Public,
    All,
    Only(&'static [Role]),
    /// These roles; a group secretary only as the secretary of Tổ 1, the group the row acts in.
    InGroup(&'static [Role]),
    /// The office, and the demo's task officer, who is an officer of the body
    /// presenting item 1 (a task officer granted anywhere else is no body's officer).
    Answer,
}

/// What a row acts on, which decides the scopes that reach it.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// The demo plenum or something of it.
    Plenum,
    /// The plenum's organization (its committees, organizations below it).
    Org,
    /// Nothing scoped: the caller's own view, filtered by their grants.
    Anywhere,
    /// Everything: a system-wide grant, which only a system-wide grant may make.
    System,
}

/// Where a role is granted, relative to the demo plenum.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Scope {
    /// The demo's own accounts: the administrator holds everything.
    Everywhere,
    OwnPlenum,
    OtherPlenum,
    OwnOrg,
    ParentOrg,
    ChildOrg,
    /// On the plenum, as the secretary of Tổ 1 (a group secretary only).
    OwnGroup,
    /// On the plenum, as the secretary of Tổ 2 (a group secretary only).
    OtherGroup,
    /// On the plenum's organization, and an officer of the body presenting
    /// item 1 (the demo's task officer).
    BodyOfficer,
}

impl Scope {
    const GRANTED: [Scope; 5] =
        [Scope::OwnPlenum, Scope::OtherPlenum, Scope::OwnOrg, Scope::ParentOrg, Scope::ChildOrg];

    fn reaches(self, at: At) -> bool {
        match at {
            At::Anywhere => true,
            At::System => self == Scope::Everywhere,
            At::Org => matches!(self, Scope::Everywhere | Scope::OwnOrg | Scope::ParentOrg | Scope::BodyOfficer),
            At::Plenum => !matches!(self, Scope::OtherPlenum | Scope::ChildOrg),
        }
    }
}

fn allowed(r: &Route, role: Role, scope: Scope) -> bool {
    let by_role = match r.who {
        Who::Public | Who::All => true,
        Who::Only(rs) => rs.contains(&role),
        Who::InGroup(rs) => rs.contains(&role) && (role != Role::GroupSecretary || scope == Scope::OwnGroup),
        Who::Answer => PREPARE.contains(&role) || scope == Scope::BodyOfficer,
    };
    by_role && scope.reaches(r.at)
}

struct Route {
    method: &'static str,
    path: String,
    /// JSON body (API) or form body (pages); `{role}` is replaced to keep names unique.
    body: Option<serde_json::Value>,
    form: bool,
    who: Who,
    at: At,
}

impl Route {
    fn in_org(self) -> Route {
        Route { at: At::Org, ..self }
    }
    fn anywhere(self) -> Route {
        Route { at: At::Anywhere, ..self }
    }
    fn system_wide(self) -> Route {
        Route { at: At::System, ..self }
    }
}

fn api(method: &'static str, path: String, body: Option<serde_json::Value>, who: Who) -> Route {
    Route { method, path, body, form: false, who, at: At::Plenum }
}

fn page(method: &'static str, path: String, body: Option<serde_json::Value>, who: Who) -> Route {
    Route { method, path, body, form: true, who, at: At::Plenum }
}

const ADMIN: &[Role] = &[Role::Admin];
const PREPARE: &[Role] = &[Role::Admin, Role::Secretary];
const HISTORY: &[Role] = &[Role::Admin, Role::Auditor];
const PARTICIPATE: &[Role] = &[Role::Chair, Role::Delegate];
/// Taking the roll: the office and the secretaries (Permission::Record).
const RECORD: &[Role] = &[Role::Admin, Role::Secretary, Role::GroupSecretary];
/// The delegates' records: the roster's readers and the chair, who calls speakers.
const ROSTER_READ: &[Role] = &[Role::Admin, Role::Secretary, Role::GroupSecretary, Role::Chair];

fn routes(plenum: i64, org: i64, committee: i64) -> Vec<Route> {
    vec![
        api("GET", "/api/v1/me".into(), None, Who::All).anywhere(),
        api("GET", "/api/v1/plenums".into(), None, Who::All).anywhere(),
        api("GET", format!("/api/v1/plenums/{plenum}"), None, Who::All),
        api("GET", format!("/api/v1/plenums/{plenum}/agenda-items"), None, Who::All),
        api("GET", format!("/api/v1/plenums/{plenum}/groups"), None, Who::All),
        api(
            "POST",
            format!("/api/v1/plenums/{plenum}/agenda-items"),
            Some(json!({"ordinal": 0, "title": "x", "kind": "other"})),
            Who::Only(PREPARE),
        ),
        api(
            "POST",
            "/api/v1/plenums".into(),
            Some(
                json!({"committee_id": committee, "ordinal": 0, "title": "x", "starts_on": "2023-02-01", "ends_on": "2023-02-01", "place": "x"}),
            ),
            Who::Only(PREPARE),
        )
        .in_org(),
        api("GET", "/api/v1/organizations".into(), None, Who::Only(ADMIN)).anywhere(),
        api(
            "POST",
            "/api/v1/organizations".into(),
            Some(json!({"name": "Quận {role}", "short_name": "Q", "level": "district", "parent_id": org})),
            Who::Only(ADMIN),
        )
        .in_org(),
        api("GET", format!("/api/v1/organizations/{org}/committees"), None, Who::All).in_org(),
        api("GET", format!("/api/v1/committees/{committee}/members"), None, Who::All).in_org(),
        api("GET", "/api/v1/users".into(), None, Who::Only(ADMIN)).anywhere(),
        api(
            "POST",
            "/api/v1/users".into(),
            Some(
                json!({"username": "new-{role}", "display_name": "Mới", "password": "mat-khau-1", "role": "guest", "plenum_id": plenum}),
            ),
            Who::Only(ADMIN),
        ),
        // An account that does not exist: administrators reach the 404, everyone else is refused first.
        api("POST", "/api/v1/users/999999/disable".into(), None, Who::Only(ADMIN)).anywhere(),
        api("GET", "/api/v1/history".into(), None, Who::Only(HISTORY)).anywhere(),
        api("GET", "/api/v1/events".into(), None, Who::All).anywhere(),
        api("GET", format!("/api/v1/plenums/{plenum}/statistics"), None, Who::All),
        // Everyone who sees the plenum searches it; what each finds is filtered (tests/it/search.rs).
        api("GET", format!("/api/v1/plenums/{plenum}/search?q=dang"), None, Who::All),
        page("GET", "/".into(), None, Who::All).anywhere(),
        page("GET", "/events".into(), None, Who::All).anywhere(),
        page("GET", format!("/plenums/{plenum}"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/fragments/agenda"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/search?q=tiep+thu"), None, Who::All),
        page("GET", "/organizations".into(), None, Who::Only(ADMIN)).anywhere(),
        page(
            "POST",
            "/organizations".into(),
            Some(json!({"name": "Huyện {role}", "short_name": "H", "level": "district", "parent_id": org.to_string()})),
            Who::Only(ADMIN),
        )
        .in_org(),
        page("GET", format!("/organizations/{org}"), None, Who::All).in_org(),
        page("POST", "/users/999999/disable".into(), None, Who::Only(ADMIN)).anywhere(),
        page("GET", "/history".into(), None, Who::Only(HISTORY)).anywhere(),
        page("GET", "/history.csv".into(), None, Who::Only(HISTORY)).anywhere(),
        page("GET", "/history.xlsx".into(), None, Who::Only(HISTORY)).anywhere(),
        page("GET", "/users".into(), None, Who::Only(ADMIN)).anywhere(),
        page(
            "POST",
            "/users".into(),
            Some(
                json!({"username": "p-{role}", "display_name": "Mới", "password": "mat-khau-2", "role": "guest", "scope": "all"}),
            ),
            Who::Only(ADMIN),
        )
        .system_wide(),
    ]
}

const RECORD_HALL: &[Role] = &[Role::Admin, Role::Secretary];
const WRITE_OPINION: &[Role] = &[Role::Chair, Role::Delegate];

/// The secretary's desk and the statistics. The group secretary (Tổ 1's) may
/// record in Tổ 1's session but not in the hall.
async fn desk_routes(app: &common::TestApp, plenum: i64) -> Vec<Route> {
    let groups = app.store.groups(plenum).await.unwrap();
    let sessions = app.store.meeting_sessions(plenum).await.unwrap();
    let hall = sessions.iter().find(|s| s.group_id.is_none()).unwrap().id;
    let group1 = sessions.iter().find(|s| s.group_id == Some(groups[0].id)).unwrap().id;
    let speech = app.store.speeches(plenum).await.unwrap().into_iter().find(|s| s.session_id == group1).unwrap();
    let opinion =
        app.store.opinions(plenum).await.unwrap().into_iter().find(|o| o.speech_id == Some(speech.id)).unwrap();
    let (item, o) = (speech.item_id, opinion.id);
    let speak = json!({"delegate_id": speech.delegate_id, "item_id": item});
    let say = json!({"stance": "other", "text": "Ý kiến của {role}"});
    let speech_form =
        json!({"session_id": group1.to_string(), "speaker": "", "item_id": item.to_string(), "minutes": ""});
    let opinion_form = json!({"session_id": group1.to_string(), "speech_id": speech.id.to_string(), "item_id": item.to_string(), "stance": "", "text": ""});
    let correction = json!({"version": "0", "item_id": item.to_string(), "stance": "agree", "text": "Sửa bởi {role}"});
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/speeches"), None, Who::All),
        api("POST", format!("/api/v1/sessions/{group1}/speeches"), Some(speak.clone()), Who::InGroup(RECORD)),
        api("POST", format!("/api/v1/sessions/{hall}/speeches"), Some(speak), Who::Only(RECORD_HALL)),
        api("POST", format!("/api/v1/speeches/{}/opinions", speech.id), Some(say), Who::InGroup(RECORD)),
        api(
            "PATCH",
            format!("/api/v1/opinions/{o}"),
            Some(json!({"version": 0, "text": "Sửa bởi {role}"})),
            Who::InGroup(RECORD),
        ),
        api(
            "POST",
            format!("/api/v1/plenums/{plenum}/opinions"),
            Some(json!({"item_id": item, "stance": "agree", "text": "Văn bản của {role}"})),
            Who::Only(WRITE_OPINION),
        ),
        page("GET", format!("/plenums/{plenum}/desk"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/desk?session={group1}"), None, Who::InGroup(RECORD)),
        page("GET", format!("/plenums/{plenum}/desk?session={hall}"), None, Who::Only(RECORD_HALL)),
        page("GET", format!("/plenums/{plenum}/desk/fragments/speeches?session={group1}"), None, Who::InGroup(RECORD)),
        page("POST", format!("/plenums/{plenum}/desk/speeches"), Some(speech_form), Who::InGroup(RECORD)),
        page("POST", format!("/plenums/{plenum}/desk/opinions"), Some(opinion_form), Who::InGroup(RECORD)),
        page("GET", format!("/plenums/{plenum}/desk/opinions/{o}"), None, Who::InGroup(RECORD)),
        page("POST", format!("/plenums/{plenum}/desk/opinions/{o}"), Some(correction), Who::InGroup(RECORD)),
        page("GET", format!("/plenums/{plenum}/statistics"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/fragments/statistics"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/statistics.xlsx"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/agenda.pdf"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/agenda.docx"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/statistics.docx"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/desk/record.xlsx"), None, Who::Only(RECORD)),
    ]
}

/// The documents the plenum issues (the synthesis report, the resolution, the
/// conclusion notice): the office's, as files on the pages' and the API's
/// addresses, and the page that edits each.
fn issued_routes(plenum: i64) -> Vec<Route> {
    let mut rows = Vec::new();
    for kind in ["synthesis-report", "resolution", "conclusion"] {
        for ext in ["docx", "pdf"] {
            rows.push(api("GET", format!("/api/v1/plenums/{plenum}/{kind}.{ext}"), None, Who::Only(PREPARE)));
            rows.push(page("GET", format!("/plenums/{plenum}/{kind}.{ext}"), None, Who::Only(PREPARE)));
        }
    }
    rows.push(page("GET", format!("/plenums/{plenum}/issued/conclusion"), None, Who::Only(PREPARE)));
    rows.push(page(
        "POST",
        format!("/plenums/{plenum}/issued/conclusion"),
        Some(json!({"version": "", "title": "Thông báo kết luận {role}", "body": "Nội dung."})),
        Who::Only(PREPARE),
    ));
    rows
}

const PRESIDE: &[Role] = &[Role::Admin, Role::Chair];

/// The floor: sessions, speaker lists, the console, the tablet and the hall screen.
/// Entry 999999 does not exist: those allowed get 404, the others 403 before any lookup.
fn floor_routes(plenum: i64, session: i64, delegate: i64) -> Vec<Route> {
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/sessions"), None, Who::All),
        api(
            "POST",
            format!("/api/v1/plenums/{plenum}/sessions"),
            Some(json!({"kind": "plenary", "title": "Phiên {role}"})),
            Who::Only(PRESIDE),
        ),
        api("GET", format!("/api/v1/sessions/{session}"), None, Who::All),
        api("PATCH", format!("/api/v1/sessions/{session}"), Some(json!({"version": 0})), Who::Only(PRESIDE)),
        api("GET", format!("/api/v1/sessions/{session}/speakers"), None, Who::All),
        api(
            "POST",
            format!("/api/v1/sessions/{session}/speakers"),
            Some(json!({"kind": "written"})),
            Who::Only(PARTICIPATE),
        ),
        api(
            "POST",
            format!("/api/v1/sessions/{session}/speakers/999999/give-floor"),
            Some(json!({"version": 0})),
            Who::Only(PRESIDE),
        ),
        api(
            "POST",
            format!("/api/v1/sessions/{session}/speakers/999999/withdraw"),
            Some(json!({"version": 0})),
            Who::Only(&[Role::Admin, Role::Chair, Role::Delegate]),
        ),
        page("GET", format!("/plenums/{plenum}/chair"), None, Who::Only(PRESIDE)),
        page("GET", format!("/plenums/{plenum}/fragments/chair"), None, Who::Only(PRESIDE)),
        page(
            "POST",
            format!("/plenums/{plenum}/chair/sessions"),
            Some(json!({"group_id": "", "title": "Phiên {role}", "minutes": "5"})),
            Who::Only(PRESIDE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/chair/sessions/{session}"),
            Some(json!({"version": "0"})),
            Who::Only(PRESIDE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/chair/sessions/{session}/speakers"),
            Some(json!({"delegate_id": delegate.to_string(), "kind": "written"})),
            Who::Only(PRESIDE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/chair/sessions/{session}/speakers/999999/stop"),
            Some(json!({"version": "0"})),
            Who::Only(PRESIDE),
        ),
        page("GET", format!("/plenums/{plenum}/tablet"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/fragments/tablet"), None, Who::All),
        page(
            "POST",
            format!("/plenums/{plenum}/tablet/speakers"),
            Some(json!({"session_id": session.to_string(), "kind": "speak"})),
            Who::Only(PARTICIPATE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/tablet/speakers/999999/withdraw"),
            Some(json!({"session_id": session.to_string()})),
            Who::Only(PARTICIPATE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/tablet/opinions"),
            Some(json!({"item_id": "", "stance": "agree", "text": "Ý kiến"})),
            Who::Only(PARTICIPATE),
        ),
        page("GET", format!("/plenums/{plenum}/projector"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/fragments/projector"), None, Who::All),
        // The hall screen's links are the office's (link 999999 does not exist: the office reaches the 404).
        page("GET", format!("/plenums/{plenum}/screens"), None, Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/screens"), Some(json!({"label": "Phòng {role}"})), Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/screens/999999/revoke"), Some(json!({})), Who::Only(PREPARE)),
    ]
}

/// Polls: a draft show of hands the chair runs (version 0 is never current,
/// and a draft takes no vote: the allowed reach a 409 or 422 and change
/// nothing), an open paper ballot whose counting committee is two delegates
/// without accounts (so only the chair may enter), and a closed secret
/// poll whose result, published tally and minutes everyone in scope reads.
async fn poll_routes(app: &common::TestApp, plenum: i64) -> Vec<Route> {
    use plenum_core::decide::poll::{PollKind, PollMethod};
    use plenum_store::decide::{NewPoll, Snapshot};
    let actor = Actor::system("test");
    let new = |title: &str, kind, method| NewPoll {
        plenum_id: plenum,
        uid: format!("roles-{title}"),
        item_id: None,
        title: title.into(),
        kind,
        method,
        rules: serde_json::to_string(&plenum_core::decide::RuleSet::party_committee()).unwrap(),
        seats: Some(1),
        candidates: "[\"A\",\"B\"]".into(),
        runoff: false,
        show_live: false,
        deadline: None,
    };
    let at = Snapshot { members: 70, excluded: 0, present: 60 };
    let draft = app.store.create_poll(&actor, new("draft", PollKind::Motion, PollMethod::Hands)).await.unwrap().id;
    let unlinked: Vec<i64> = app
        .store
        .delegates(plenum)
        .await
        .unwrap()
        .iter()
        .filter(|d| d.user_id.is_none())
        .take(2)
        .map(|d| d.id)
        .collect();
    let paper = app.store.create_poll(&actor, new("paper", PollKind::Election, PollMethod::Paper)).await.unwrap();
    let paper =
        app.store.set_counting_committee(&actor, paper.id, paper.version, json!(unlinked).to_string()).await.unwrap();
    let paper = app.store.open_poll(&actor, paper.id, paper.version, at).await.unwrap().id;
    // Closed by the chair through the API, so it is counted, published and signed.
    let secret = app.store.create_poll(&actor, new("secret", PollKind::Motion, PollMethod::Secret)).await.unwrap();
    let (c, csrf) = app.login("chutri", &common::password("chutri")).await;
    for (step, version) in [("open", secret.version), ("close", secret.version + 1)] {
        let res = c
            .post(app.url(&format!("/api/v1/polls/{}/{step}", secret.id)))
            .header("x-csrf-token", &csrf)
            .json(&json!({ "version": version }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{step}: {}", res.text().await.unwrap());
    }
    let secret = secret.id;
    let create = json!({"title": "", "kind": "motion", "method": "hands"});
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/polls"), None, Who::All),
        api("POST", format!("/api/v1/plenums/{plenum}/polls"), Some(create), Who::Only(PRESIDE)),
        api("GET", format!("/api/v1/polls/{draft}"), None, Who::All),
        api(
            "PUT",
            format!("/api/v1/polls/{draft}/counting-committee"),
            Some(json!({"version": 0, "delegates": []})),
            Who::Only(PRESIDE),
        ),
        api("POST", format!("/api/v1/polls/{draft}/open"), Some(json!({"version": 0})), Who::Only(PRESIDE)),
        api("POST", format!("/api/v1/polls/{draft}/close"), Some(json!({"version": 0})), Who::Only(PRESIDE)),
        api("POST", format!("/api/v1/polls/{draft}/vote"), Some(json!({"choice": "yes"})), Who::Only(PARTICIPATE)),
        api("POST", format!("/api/v1/polls/{draft}/ballot"), Some(json!({"choice": "yes"})), Who::Only(PARTICIPATE)),
        api("GET", format!("/api/v1/polls/{paper}/paper"), None, Who::Only(PRESIDE)),
        api(
            "POST",
            format!("/api/v1/polls/{paper}/paper"),
            Some(json!({"counter": 1, "sheet": 0, "crossed": []})),
            Who::Only(PRESIDE),
        ),
        api("GET", format!("/api/v1/polls/{secret}/published.json"), None, Who::All),
        api("GET", format!("/api/v1/polls/{secret}/proof?receipt={}", "0".repeat(64)), None, Who::All),
        api("GET", format!("/api/v1/polls/{secret}/minutes.pdf"), None, Who::All),
        api("GET", format!("/api/v1/polls/{secret}/minutes.docx"), None, Who::All),
        api("GET", format!("/api/v1/polls/{paper}/minutes.pdf"), None, Who::All),
        api("GET", format!("/api/v1/polls/{paper}/minutes.docx"), None, Who::All),
        page("GET", format!("/polls/{secret}/minutes.pdf"), None, Who::All),
        page("GET", format!("/polls/{secret}/minutes.docx"), None, Who::All),
        page("GET", format!("/polls/{paper}/minutes.pdf"), None, Who::All),
        page("GET", format!("/polls/{paper}/minutes.docx"), None, Who::All),
        api("GET", "/api/v1/poll-key".into(), None, Who::All).anywhere(),
    ]
}

/// The synthesis workspace: the office's, and a presenting body's officers'
/// (the demo's task officer is one; a task officer granted elsewhere is not). Version 0 is never current: the office reaches a 409 or 404 and
/// changes nothing; group 999999 does not exist.
async fn synthesis_routes(app: &common::TestApp, plenum: i64, org: i64) -> Vec<Route> {
    let item = app.store.agenda_items(plenum).await.unwrap()[0].id;
    // An opinion on item 1, which the demo's task officer answers for its body.
    let o = app.store.opinions(plenum).await.unwrap().into_iter().find(|o| o.item_id == item).unwrap().id;
    let body = app.store.bodies(org).await.unwrap()[0].id;
    let answer = json!({"kind": "noted", "reply": "Ghi nhận", "version": 0});
    let answer_form = json!({"kind": "noted", "reply": "Ghi nhận", "change": "", "version": "0", "view": ""});
    let review = json!({"to": "approved", "note": "", "version": 0});
    let review_form = json!({"to": "approved", "note": "", "version": "0", "view": ""});
    let group_answer = json!({"kind": "noted", "reply": "", "change": "", "view": ""});
    let paper = json!({"delegate_id": "", "item_id": "", "stance": "agree", "text": "", "view": ""});
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/synthesis"), None, Who::Answer),
        api("GET", format!("/api/v1/plenums/{plenum}/my-answers"), None, Who::All),
        api("PUT", format!("/api/v1/opinions/{o}/disposition"), Some(answer), Who::Answer),
        api("POST", format!("/api/v1/opinions/{o}/disposition/review"), Some(review), Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/synthesis"), None, Who::Answer),
        page("GET", format!("/plenums/{plenum}/synthesis/fragments/progress"), None, Who::Answer),
        page("GET", format!("/plenums/{plenum}/my-answers"), None, Who::All),
        page("POST", format!("/plenums/{plenum}/synthesis/opinions/{o}/answer"), Some(answer_form), Who::Answer),
        page("POST", format!("/plenums/{plenum}/synthesis/opinions/{o}/review"), Some(review_form), Who::Only(PREPARE)),
        page(
            "POST",
            format!("/plenums/{plenum}/synthesis/opinions/{o}/split"),
            Some(json!({"view": ""})),
            Who::Only(PREPARE),
        ),
        page("POST", format!("/plenums/{plenum}/synthesis/groups/999999/answer"), Some(group_answer), Who::Answer),
        page(
            "POST",
            format!("/plenums/{plenum}/synthesis/groups/999999/rename"),
            Some(json!({"title": "Nhóm {role}", "view": ""})),
            Who::Only(PREPARE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/synthesis/groups/999999/merge"),
            Some(json!({"into": "999998", "view": ""})),
            Who::Only(PREPARE),
        ),
        page("POST", format!("/plenums/{plenum}/synthesis/paper"), Some(paper), Who::Only(RECORD_HALL)),
        page("GET", format!("/organizations/{org}/bodies"), None, Who::Only(ADMIN)).in_org(),
        api("GET", format!("/api/v1/organizations/{org}/bodies"), None, Who::Only(ADMIN)).in_org(),
        api("POST", format!("/api/v1/bodies/{body}/officers"), Some(json!({"username": "khong-co"})), Who::Only(ADMIN))
            .in_org(),
        // An unknown user name: the administrator reaches the 422 and nothing changes.
        page(
            "POST",
            format!("/organizations/{org}/bodies/{body}/officers"),
            Some(json!({"username": "khong-co-{role}"})),
            Who::Only(ADMIN),
        )
        .in_org(),
        page(
            "POST",
            format!("/plenums/{plenum}/synthesis/items/{item}/suggest"),
            Some(json!({"view": ""})),
            Who::Only(PREPARE),
        ),
    ]
}

/// Polls: anyone who sees the plenum sees them and their hall screen; the
/// chair creates and runs them (an empty title or version 0 reaches a 422
/// and changes nothing; the draft has no tie to run again, a 422); members
/// vote (the matrix's seats are guests', who reach the 422 that guests do not
/// vote); the chair, or the counting
/// committee, enters paper ballots (the poll is closed: a 409 or 422).
async fn poll_page_routes(app: &common::TestApp, plenum: i64) -> Vec<Route> {
    let poll = common::demo_paths::demo_poll(app, plenum).await;
    let v0 = || Some(json!({"version": "0"}));
    vec![
        page("GET", format!("/plenums/{plenum}/polls"), None, Who::All),
        page(
            "POST",
            format!("/plenums/{plenum}/polls"),
            Some(json!({"title": "", "kind": "motion"})),
            Who::Only(PRESIDE),
        ),
        page("GET", format!("/polls/{poll}"), None, Who::All),
        page("POST", format!("/polls/{poll}/committee"), v0(), Who::Only(PRESIDE)),
        page("POST", format!("/polls/{poll}/open"), v0(), Who::Only(PRESIDE)),
        page("POST", format!("/polls/{poll}/close"), v0(), Who::Only(PRESIDE)),
        page("POST", format!("/polls/{poll}/runoff"), Some(json!({})), Who::Only(PRESIDE)),
        page("POST", format!("/polls/{poll}/vote"), Some(json!({"choice": "yes"})), Who::Only(PARTICIPATE)),
        page("POST", format!("/polls/{poll}/review"), Some(json!({"choice": "yes"})), Who::Only(PARTICIPATE)),
        page("POST", format!("/polls/{poll}/cast"), Some(json!({"choice": "yes"})), Who::Only(PARTICIPATE)),
        page("GET", format!("/polls/{poll}/participation"), None, Who::All),
        page("GET", format!("/polls/{poll}/projector"), None, Who::All),
        page("GET", format!("/polls/{poll}/fragments/projector"), None, Who::All),
        page("GET", format!("/polls/{poll}/paper"), None, Who::Only(PRESIDE)),
        page(
            "POST",
            format!("/polls/{poll}/paper"),
            Some(json!({"counter": "1", "sheet": "1", "choice": "yes"})),
            Who::Only(PRESIDE),
        ),
    ]
}

/// Editing the agenda and its programme. Version 0 is never current, so the
/// office reaches a 409 (or a 422, or the 404 of half-day 999999) and changes nothing.
async fn agenda_routes(app: &common::TestApp, plenum: i64) -> Vec<Route> {
    let item = app.store.agenda_items(plenum).await.unwrap().remove(0).id;
    let edit = json!({"version": 0, "ordinal": 1, "title": "Sửa bởi {role}", "kind": "report"});
    let edit_form = json!({"version": "0", "ordinal": "1", "title": "Sửa bởi {role}", "kind": "report", "slot_id": ""});
    let slot = json!({"day": "2023-01-05", "part": "morning", "starts_at": "21:00", "venue": "hall"});
    let slot_form = json!({"day": "2023-01-05", "part": "morning", "starts_at": "21:00", "venue": "hall"});
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/agenda-items/{item}"), None, Who::All),
        api("PUT", format!("/api/v1/plenums/{plenum}/agenda-items/{item}"), Some(edit), Who::Only(PREPARE)),
        api("DELETE", format!("/api/v1/plenums/{plenum}/agenda-items/{item}?version=0"), None, Who::Only(PREPARE)),
        api(
            "POST",
            format!("/api/v1/plenums/{plenum}/agenda-items/{item}/move"),
            Some(json!({"version": 0, "position": 1})),
            Who::Only(PREPARE),
        ),
        api("GET", format!("/api/v1/plenums/{plenum}/programme"), None, Who::All),
        api("POST", format!("/api/v1/plenums/{plenum}/programme"), Some(slot), Who::Only(PREPARE)),
        api("DELETE", format!("/api/v1/plenums/{plenum}/programme/999999?version=0"), None, Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/agenda/{item}"), None, Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/agenda/{item}"), Some(edit_form), Who::Only(PREPARE)),
        page(
            "POST",
            format!("/plenums/{plenum}/agenda/{item}/move"),
            Some(json!({"version": "0", "position": "1"})),
            Who::Only(PREPARE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/agenda/{item}/remove"),
            Some(json!({"version": "0"})),
            Who::Only(PREPARE),
        ),
        page("POST", format!("/plenums/{plenum}/programme"), Some(slot_form), Who::Only(PREPARE)),
        page(
            "POST",
            format!("/plenums/{plenum}/programme/999999/remove"),
            Some(json!({"version": "0"})),
            Who::Only(PREPARE),
        ),
    ]
}

/// The documents part: preparing a plenum, its documents, opinions on passages.
async fn document_routes(app: &common::TestApp, plenum: i64, committee: i64) -> Vec<Route> {
    let doc = app.store.documents(plenum).await.unwrap().remove(0);
    let version = app.store.document_versions(doc.id).await.unwrap().remove(0);
    let anchor = app.store.passages(version.id).await.unwrap().remove(1).anchor;
    let (item, v) = (doc.item_id, version.id);
    let bad_plenum = json!({"committee_id": committee.to_string(), "ordinal": "0", "title": "x", "starts_on": "2023-02-01", "ends_on": "2023-02-01", "place": "x"});
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/documents"), None, Who::All),
        // Uploads without a body: allowed roles get past the permission check to a 400.
        api("POST", format!("/api/v1/items/{item}/documents"), None, Who::Only(PREPARE)),
        api("POST", format!("/api/v1/documents/{}/versions", doc.id), None, Who::Only(PREPARE)),
        api("GET", format!("/api/v1/document-versions/{v}"), None, Who::All),
        api("GET", format!("/api/v1/document-versions/{v}/content"), None, Who::All),
        page("GET", "/plenums/new".into(), None, Who::Only(PREPARE)).anywhere(),
        page("POST", "/plenums/new".into(), Some(bad_plenum), Who::Only(PREPARE)).in_org(),
        page("GET", format!("/plenums/{plenum}/agenda"), None, Who::Only(PREPARE)),
        page(
            "POST",
            format!("/plenums/{plenum}/agenda"),
            Some(json!({"ordinal": "0", "title": "x", "kind": "other"})),
            Who::Only(PREPARE),
        ),
        page("GET", format!("/plenums/{plenum}/documents"), None, Who::All),
        page("POST", format!("/plenums/{plenum}/items/{item}/documents"), None, Who::Only(PREPARE)),
        page("POST", format!("/documents/{}/versions", doc.id), None, Who::Only(PREPARE)),
        page("GET", format!("/documents/{}", doc.id), None, Who::All),
        page("GET", format!("/documents/{}/versions/1", doc.id), None, Who::All),
        // An empty opinion: delegates (and the chair, a delegate too) reach the 422.
        page(
            "POST",
            format!("/documents/{}/versions/1/opinions", doc.id),
            Some(json!({"anchor": anchor, "stance": "agree", "text": ""})),
            Who::Only(PARTICIPATE),
        ),
    ]
}

/// The delegates part: the roster, its import, check-in, badges and the quorum.
/// (The one-time link `/d/{secret}` is public by design: see [`public_routes`] and tests/links.rs.)
fn delegate_routes(plenum: i64, delegate: i64, code: &str) -> Vec<Route> {
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/delegates"), None, Who::Only(ROSTER_READ)),
        api(
            "POST",
            format!("/api/v1/plenums/{plenum}/delegates"),
            Some(json!({"full_name": "Khách {role}", "unit": "Báo"})),
            Who::Only(PREPARE),
        ),
        api(
            "POST",
            format!("/api/v1/plenums/{plenum}/delegates/import?dry_run=true"),
            Some(json!({"not": "a roster"})),
            Who::Only(PREPARE),
        ),
        api(
            "POST",
            format!("/api/v1/delegates/{delegate}/attendance"),
            Some(json!({"attendance": "present"})),
            Who::InGroup(RECORD),
        ),
        api("GET", format!("/api/v1/plenums/{plenum}/quorum"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/delegates"), None, Who::Only(RECORD)),
        page(
            "POST",
            format!("/plenums/{plenum}/delegates"),
            Some(json!({"full_name": "Khách mời {role}"})),
            Who::Only(PREPARE),
        ),
        page("POST", format!("/plenums/{plenum}/groups"), Some(json!({"name": "Tổ {role}"})), Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/delegates/import"), Some(json!({"file": "x"})), Who::Only(PREPARE)),
        page(
            "POST",
            format!("/plenums/{plenum}/delegates/import/confirm"),
            Some(json!({"rows": "[]"})),
            Who::Only(PREPARE),
        ),
        page(
            "POST",
            format!("/plenums/{plenum}/delegates/{delegate}/attendance"),
            Some(json!({"attendance": "present", "version": "0"})),
            Who::InGroup(RECORD),
        ),
        // A group secretary marks their own group's delegates only; with none of theirs, none.
        page("POST", format!("/plenums/{plenum}/attendance/all-present"), Some(json!({})), Who::Only(RECORD)),
        // The sitting is the whole plenum's: the office moves it, not a group's secretary.
        page("POST", format!("/plenums/{plenum}/sitting"), Some(json!({"sitting": "1"})), Who::Only(RECORD_HALL)),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}/qr.svg"), None, Who::Only(RECORD)),
        page("POST", format!("/plenums/{plenum}/delegates/{delegate}/link"), Some(json!({})), Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/badges.pdf"), None, Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/summons.pdf"), None, Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/summons.docx"), None, Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}/summons.pdf"), None, Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}/summons.docx"), None, Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/sign-in-codes"), Some(json!({})), Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/attendance.xlsx"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/attendance.pdf"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/fragments/quorum"), None, Who::All),
        page("GET", format!("/checkin/{code}"), None, Who::InGroup(RECORD)),
        page(
            "POST",
            format!("/checkin/{code}"),
            Some(json!({"attendance": "present", "version": "0"})),
            Who::InGroup(RECORD),
        ),
    ]
}

/// Routes that need no sign-in: signing in and out, the language switch,
/// health, assets, the OpenAPI document, the one-time link's page and the
/// hall screen by its link.
fn public_routes() -> Vec<Route> {
    let public = |method, path: &str, form: bool| Route {
        method,
        path: path.to_string(),
        body: Some(json!({})),
        form,
        who: Who::Public,
        at: At::Anywhere,
    };
    let bogus = "0".repeat(64);
    vec![
        public("POST", "/api/v1/session", false),
        // Signing out ends the session: each account tries it last (see [`ends_session`]).
        Route { who: Who::All, body: None, ..public("DELETE", "/api/v1/session", false) },
        // Signing out everywhere ends every session of the account: the same.
        Route { who: Who::All, body: None, ..public("DELETE", "/api/v1/sessions", false) },
        Route { who: Who::All, body: None, ..public("POST", "/logout/everywhere", true) },
        public("GET", "/api/openapi.json", false),
        public("GET", "/healthz", false),
        public("GET", "/favicon.ico", false),
        public("GET", "/static/plenum.css", false),
        public("GET", "/login", true),
        public("POST", "/login", true),
        public("POST", "/logout", true),
        public("GET", "/lang/en", true),
        public("GET", &format!("/d/{bogus}"), true),
        public("POST", &format!("/d/{bogus}"), true),
        // A screen link opens its page, fragment and stream, not signed in (tests/it/screens.rs).
        public("GET", &format!("/screen/{bogus}"), true),
        public("GET", &format!("/screen/{bogus}/fragment"), true),
        public("GET", &format!("/screen/{bogus}/events"), true),
    ]
}

/// A form's address opened as a page (history, a restored tab): each page
/// route that only took POST answers GET by sending to the page the form
/// belongs to, for anyone who may post there or not, as the redirect shows
/// nothing (the page it sends to checks). Public forms (signing out) stay public.
fn reopened(rows: &[Route]) -> Vec<Route> {
    let mut out: Vec<Route> = Vec::new();
    for r in rows.iter().filter(|r| r.method == "POST" && r.form && !r.path.starts_with("/api/")) {
        let has_get = rows.iter().chain(&out).any(|g| g.method == "GET" && g.path == r.path);
        if !has_get {
            let who = if matches!(r.who, Who::Public) { Who::Public } else { Who::All };
            out.push(Route { method: "GET", path: r.path.clone(), body: None, form: true, who, at: At::Anywhere });
        }
    }
    out
}

/// Signing out (here or everywhere): tried last by each account, as it ends
/// the session the other rows use; each account tries one of them, in turn.
fn ends_session(r: &Route) -> bool {
    matches!(
        (r.method, r.path.as_str()),
        ("DELETE", "/api/v1/session") | ("DELETE", "/api/v1/sessions") | ("POST", "/logout/everywhere")
    )
}

fn fill(v: &serde_json::Value, role: &str) -> serde_json::Value {
    serde_json::from_str(&v.to_string().replace("{role}", role)).unwrap()
}

/// Does a concrete path (its query left out) fit an axum pattern?
/// Returns how many literal segments matched, the most specific pattern winning.
fn fits(pattern: &str, path: &str) -> Option<usize> {
    let path = path.split('?').next().unwrap();
    let (mut p, mut c) = (pattern.split('/'), path.split('/'));
    let mut literal = 0;
    loop {
        match (p.next(), c.next()) {
            (None, None) => return Some(literal),
            (Some(seg), Some(_)) if seg.starts_with("{*") => return Some(literal),
            (Some(seg), Some(_)) if seg.starts_with('{') => {}
            (Some(seg), Some(got)) if seg == got => literal += 1,
            _ => return None,
        }
    }
}

/// The route of the table a row exercises.
fn route_of<'a>(table: &'a [(String, String)], r: &Route) -> Option<&'a (String, String)> {
    table
        .iter()
        .filter(|(m, _)| m == r.method)
        .filter_map(|e| fits(&e.1, &r.path).map(|n| (n, e)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, e)| e)
}

/// Every route of the server has a row, and every row a route.
fn check_table(rows: &[Route]) -> Vec<String> {
    let table: Vec<(String, String)> =
        plenum_web::routes::table().into_iter().map(|(m, p)| (m.as_str().to_string(), p)).collect();
    let mut problems = Vec::new();
    let mut covered = vec![false; table.len()];
    for r in rows {
        match route_of(&table, r) {
            Some(e) => covered[table.iter().position(|x| x == e).unwrap()] = true,
            None => problems.push(format!("row {} {} matches no route of the server", r.method, r.path)),
        }
    }
    for ((m, p), seen) in table.iter().zip(covered) {
        if !seen {
            problems.push(format!("route {m} {p} has no row in the matrix"));
        }
    }
    problems
}

/// One account to try the rows as.
struct Account {
    username: String,
    password: String,
    role: Role,
    scope: Scope,
}

const PASSWORD: &str = "mat-khau-ma-tran";

/// The demo's accounts as they are, then a fresh account for each role in each scope.
async fn accounts(app: &TestApp, plenum: &Plenum) -> Vec<Account> {
    let store = &app.store;
    let actor = Actor::system("roles-test");
    let orgs = store.organizations().await.unwrap();
    let parent = orgs.iter().find(|o| o.id == plenum.org_id).unwrap().parent_id.expect("Hà Nội is under the centre");
    let child = orgs.iter().find(|o| o.parent_id == Some(plenum.org_id)).unwrap().id;
    let other = store
        .create_plenum(
            &actor,
            NewPlenum {
                committee_id: plenum.committee_id,
                ordinal: 99,
                title: "Hội nghị khác".into(),
                starts_on: "2023-06-01".into(),
                ends_on: "2023-06-01".into(),
                place: "Hà Nội".into(),
            },
        )
        .await
        .unwrap();
    let hash = plenum_app::accounts::secrets::hash_password(PASSWORD).unwrap();
    let mut all: Vec<Account> = plenum_web::demo::accounts()
        .into_iter()
        .map(|a| Account {
            username: a.username.into(),
            password: password(a.username),
            role: a.role,
            scope: match a.role {
                Role::Admin => Scope::Everywhere,
                Role::Delegate | Role::Guest => Scope::OwnPlenum,
                Role::GroupSecretary => Scope::OwnGroup,
                Role::TaskOfficer => Scope::BodyOfficer,
                _ => Scope::OwnOrg,
            },
        })
        .collect();
    let mut fresh: Vec<(Role, Scope)> =
        Role::ALL.into_iter().flat_map(|r| Scope::GRANTED.into_iter().map(move |s| (r, s))).collect();
    fresh.push((Role::GroupSecretary, Scope::OtherGroup));
    let group2 = store.groups(plenum.id).await.unwrap().into_iter().find(|g| g.name == "Tổ 2").unwrap();
    for (role, scope) in fresh {
        let username = format!("{}-{}", role.as_str().replace('_', ""), format!("{scope:?}").to_lowercase());
        let new = NewUser { username: username.clone(), display_name: username.clone(), password_hash: hash.clone() };
        let user = store.create_user(&actor, new).await.unwrap();
        let (org, on) = match scope {
            Scope::OwnPlenum | Scope::OwnGroup | Scope::OtherGroup => (None, Some(plenum.id)),
            Scope::OtherPlenum => (None, Some(other.id)),
            Scope::OwnOrg | Scope::BodyOfficer => (Some(plenum.org_id), None),
            Scope::ParentOrg => (Some(parent), None),
            Scope::ChildOrg => (Some(child), None),
            Scope::Everywhere => (None, None),
        };
        store.grant_role(&actor, user.id, Grant { role, scope: GrantScope { org, plenum: on } }).await.unwrap();
        if scope == Scope::OtherGroup {
            store.link_member(&actor, group2.secretary_member_id.unwrap(), user.id).await.unwrap();
        }
        // Those who take part do so as a delegate of the demo plenum; the seat alone grants nothing.
        if matches!(role, Role::Chair | Role::Delegate) {
            let seat = NewDelegate {
                plenum_id: plenum.id,
                member_id: None,
                user_id: Some(user.id),
                full_name: username.clone(),
                title: String::new(),
                unit: "Ma trận".into(),
                kind: "guest".into(),
                group_id: None,
                checkin_code: plenum_store::demo::new_checkin_code(),
            };
            store.add_delegate(&actor, seat).await.unwrap();
        }
        all.push(Account { username, password: PASSWORD.into(), role, scope });
    }
    all
}

/// Send a row's request as this client; the status.
async fn send(app: &TestApp, c: &reqwest::Client, csrf: &str, r: &Route, username: &str) -> u16 {
    let url = app.url(&r.path);
    let mut req = match r.method {
        "GET" => c.get(url),
        "PUT" => c.put(url),
        "PATCH" => c.patch(url),
        "DELETE" => c.delete(url),
        _ => c.post(url),
    };
    if r.method != "GET" && !csrf.is_empty() {
        req = req.header("x-csrf-token", csrf);
    }
    if let Some(body) = &r.body {
        let body = fill(body, username);
        req = if r.form {
            let pairs: Vec<(String, String)> = body
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
                .collect();
            req.form(&pairs)
        } else {
            req.json(&body)
        };
    }
    req.send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_route_against_every_role_in_every_scope() {
    let app = demo_app().await;
    let plenum = app.store.plenums().await.unwrap()[0].clone();
    let mut routes = routes(plenum.id, plenum.org_id, plenum.committee_id);
    routes.extend(desk_routes(&app, plenum.id).await);
    let hall = app
        .store
        .meeting_sessions(plenum.id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.kind.as_str() == "plenary")
        .unwrap();
    let delegates = app.store.delegates(plenum.id).await.unwrap();
    let unlinked = delegates.iter().find(|d| d.user_id.is_none()).unwrap();
    routes.extend(floor_routes(plenum.id, hall.id, unlinked.id));
    routes.extend(issued_routes(plenum.id));
    routes.extend(document_routes(&app, plenum.id, plenum.committee_id).await);
    routes.extend(agenda_routes(&app, plenum.id).await);
    routes.extend(synthesis_routes(&app, plenum.id, plenum.org_id).await);
    routes.extend(poll_routes(&app, plenum.id).await);
    routes.extend(poll_page_routes(&app, plenum.id).await);
    // A delegate of Tổ 1, the group the group rows act in, without an account of their own.
    let group1 = app.store.groups(plenum.id).await.unwrap().into_iter().find(|g| g.name == "Tổ 1").unwrap();
    let delegate = delegates.iter().find(|d| d.group_id == Some(group1.id) && d.user_id.is_none()).unwrap();
    routes.extend(delegate_routes(plenum.id, delegate.id, &delegate.checkin_code));
    routes.extend(public_routes());
    let reopened = reopened(&routes);
    routes.extend(reopened);

    let mut failures = check_table(&routes);
    let without_last = check_table(&routes[..routes.len() - 1]);
    assert!(without_last.iter().any(|p| p.contains("has no row")), "a route without a row is caught: {without_last:?}");
    for (i, account) in accounts(&app, &plenum).await.into_iter().enumerate() {
        let (c, csrf) = app.login(&account.username, &account.password).await;
        let signed_in = routes.iter().filter(|r| !matches!(r.who, Who::Public));
        let (last, first): (Vec<&Route>, Vec<&Route>) = signed_in.partition(|r| ends_session(r));
        for r in first.into_iter().chain(last.get(i % last.len().max(1)).copied()) {
            let status = send(&app, &c, &csrf, r, &account.username).await;
            let expected_allowed = allowed(r, account.role, account.scope);
            let ok = if expected_allowed { status != 401 && status != 403 } else { status == 403 };
            if !ok {
                failures.push(format!(
                    "{:<28} {} {} → {status} (expected {})",
                    account.username,
                    r.method,
                    r.path,
                    if expected_allowed { "allowed" } else { "403" }
                ));
            }
        }
    }

    // Anonymous: the API answers 401, pages send to the login page (a form
    // post without a session fails its CSRF check first); public routes answer.
    for r in &routes {
        // A body-less post is a form post, CSRF-checked before anything else: give the API JSON.
        let json_post =
            Route { method: r.method, path: r.path.clone(), body: Some(json!({})), form: false, who: r.who, at: r.at };
        let r = if r.body.is_none() && r.method != "GET" && r.path.starts_with("/api/") { &json_post } else { r };
        let status = send(&app, &client(), "", r, "anonymous").await;
        let ok = match r.who {
            Who::Public => status != 401 && status != 403 && status < 500,
            _ if r.path.starts_with("/api/") => status == 401,
            _ if r.method == "GET" => status == 303,
            _ => status == 400,
        };
        if !ok {
            failures.push(format!("anonymous                    {} {} → {status}", r.method, r.path));
        }
    }
    assert!(failures.is_empty(), "authorization matrix mismatches:\n{}", failures.join("\n"));
}
