//! Every route against every role: allowed or denied, on the API and the pages
//! alike. "Allowed" means authorization passed (any status but 401/403);
//! "denied" means exactly 403. Anonymous callers get 401 (API) or the login page.

use crate::common;

use common::{client, demo_app, password};
use plenum_core::access::Role;
use serde_json::json;

#[derive(Clone, Copy)]
enum Who {
    All,
    /// Roles granted at the organization (office, chair, task officer, auditor, admin).
    OrgRoles,
    Only(&'static [Role]),
}

impl Who {
    fn allows(self, r: Role) -> bool {
        match self {
            Who::All => true,
            Who::OrgRoles => {
                matches!(r, Role::Admin | Role::Secretary | Role::Chair | Role::TaskOfficer | Role::Auditor)
            }
            Who::Only(rs) => rs.contains(&r),
        }
    }
}

struct Route {
    method: &'static str,
    path: String,
    /// JSON body (API) or form body (pages); `{role}` is replaced to keep names unique.
    body: Option<serde_json::Value>,
    form: bool,
    who: Who,
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
    let api =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: false, who };
    let page =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: true, who };
    vec![
        api("GET", "/api/v1/me".into(), None, Who::All),
        api("GET", "/api/v1/plenums".into(), None, Who::All),
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
        ),
        api("GET", "/api/v1/organizations".into(), None, Who::Only(ADMIN)),
        api(
            "POST",
            "/api/v1/organizations".into(),
            Some(json!({"name": "Quận {role}", "short_name": "Q", "level": "district", "parent_id": org})),
            Who::Only(ADMIN),
        ),
        api("GET", format!("/api/v1/organizations/{org}/committees"), None, Who::OrgRoles),
        api("GET", format!("/api/v1/committees/{committee}/members"), None, Who::OrgRoles),
        api("GET", "/api/v1/users".into(), None, Who::Only(ADMIN)),
        api(
            "POST",
            "/api/v1/users".into(),
            Some(
                json!({"username": "new-{role}", "display_name": "Mới", "password": "mat-khau-1", "role": "guest", "plenum_id": plenum}),
            ),
            Who::Only(ADMIN),
        ),
        // An account that does not exist: administrators reach the 404, everyone else is refused first.
        api("POST", "/api/v1/users/999999/disable".into(), None, Who::Only(ADMIN)),
        api("GET", "/api/v1/history".into(), None, Who::Only(HISTORY)),
        api("GET", "/api/v1/events".into(), None, Who::All),
        page("GET", "/".into(), None, Who::All),
        page("GET", format!("/plenums/{plenum}"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/fragments/agenda"), None, Who::All),
        page("GET", "/organizations".into(), None, Who::Only(ADMIN)),
        page(
            "POST",
            "/organizations".into(),
            Some(json!({"name": "Huyện {role}", "short_name": "H", "level": "district", "parent_id": org.to_string()})),
            Who::Only(ADMIN),
        ),
        page("GET", format!("/organizations/{org}"), None, Who::OrgRoles),
        page("POST", "/users/999999/disable".into(), None, Who::Only(ADMIN)),
        page("GET", "/history".into(), None, Who::Only(HISTORY)),
        page("GET", "/users".into(), None, Who::Only(ADMIN)),
        page(
            "POST",
            "/users".into(),
            Some(
                json!({"username": "p-{role}", "display_name": "Mới", "password": "mat-khau-2", "role": "guest", "scope": "all"}),
            ),
            Who::Only(ADMIN),
        ),
    ]
}

const RECORD_HALL: &[Role] = &[Role::Admin, Role::Secretary];
const WRITE_OPINION: &[Role] = &[Role::Chair, Role::Delegate];

/// The secretary's desk and the statistics. The group secretary (Tổ 1's) may
/// record in Tổ 1's session but not in the hall.
async fn desk_routes(app: &common::TestApp, plenum: i64) -> Vec<Route> {
    let api =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: false, who };
    let page =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: true, who };
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
        api("POST", format!("/api/v1/sessions/{group1}/speeches"), Some(speak.clone()), Who::Only(RECORD)),
        api("POST", format!("/api/v1/sessions/{hall}/speeches"), Some(speak), Who::Only(RECORD_HALL)),
        api("POST", format!("/api/v1/speeches/{}/opinions", speech.id), Some(say), Who::Only(RECORD)),
        api(
            "PATCH",
            format!("/api/v1/opinions/{o}"),
            Some(json!({"version": 0, "text": "Sửa bởi {role}"})),
            Who::Only(RECORD),
        ),
        api(
            "POST",
            format!("/api/v1/plenums/{plenum}/opinions"),
            Some(json!({"item_id": item, "stance": "agree", "text": "Văn bản của {role}"})),
            Who::Only(WRITE_OPINION),
        ),
        page("GET", format!("/plenums/{plenum}/desk"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/desk?session={group1}"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/desk?session={hall}"), None, Who::Only(RECORD_HALL)),
        page("GET", format!("/plenums/{plenum}/desk/fragments/speeches?session={group1}"), None, Who::Only(RECORD)),
        page("POST", format!("/plenums/{plenum}/desk/speeches"), Some(speech_form), Who::Only(RECORD)),
        page("POST", format!("/plenums/{plenum}/desk/opinions"), Some(opinion_form), Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/desk/opinions/{o}"), None, Who::Only(RECORD)),
        page("POST", format!("/plenums/{plenum}/desk/opinions/{o}"), Some(correction), Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/statistics"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/fragments/statistics"), None, Who::All),
    ]
}

const PRESIDE: &[Role] = &[Role::Admin, Role::Chair];

/// The floor: sessions, speaker lists, the console, the tablet and the hall screen.
/// Entry 999999 does not exist: those allowed get 404, the others 403 before any lookup.
fn floor_routes(plenum: i64, session: i64, delegate: i64) -> Vec<Route> {
    let api =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: false, who };
    let page =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: true, who };
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
    ]
}

/// The documents part: preparing a plenum, its documents, opinions on passages.
async fn document_routes(app: &common::TestApp, plenum: i64, committee: i64) -> Vec<Route> {
    let api =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: false, who };
    let page =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: true, who };
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
        page("GET", "/plenums/new".into(), None, Who::Only(PREPARE)),
        page("POST", "/plenums/new".into(), Some(bad_plenum), Who::Only(PREPARE)),
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
/// (The one-time link `/d/{secret}` is public by design and tested in tests/delegates.rs.)
fn delegate_routes(plenum: i64, delegate: i64, code: &str) -> Vec<Route> {
    let api =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: false, who };
    let page =
        |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: true, who };
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
            Who::Only(RECORD),
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
            Who::Only(RECORD),
        ),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}/qr.svg"), None, Who::Only(RECORD)),
        page("POST", format!("/plenums/{plenum}/delegates/{delegate}/link"), Some(json!({})), Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/badges.pdf"), None, Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/fragments/quorum"), None, Who::All),
        page("GET", format!("/checkin/{code}"), None, Who::Only(RECORD)),
        page(
            "POST",
            format!("/checkin/{code}"),
            Some(json!({"attendance": "present", "version": "0"})),
            Who::Only(RECORD),
        ),
    ]
}

fn fill(v: &serde_json::Value, role: &str) -> serde_json::Value {
    serde_json::from_str(&v.to_string().replace("{role}", role)).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_route_against_every_role() {
    let app = demo_app().await;
    let plenum = app.store.plenums().await.unwrap()[0].clone();
    let mut routes = routes(plenum.id, plenum.org_id, plenum.committee_id);
    routes.extend(desk_routes(&app, plenum.id).await);
    let hall = app.store.meeting_sessions(plenum.id).await.unwrap().into_iter().find(|s| s.kind == "plenary").unwrap();
    let unlinked = app.store.delegates(plenum.id).await.unwrap().into_iter().find(|d| d.user_id.is_none()).unwrap();
    routes.extend(floor_routes(plenum.id, hall.id, unlinked.id));
    routes.extend(document_routes(&app, plenum.id, plenum.committee_id).await);
    let delegate = app.store.delegates(plenum.id).await.unwrap().into_iter().find(|d| d.kind == "guest").unwrap();
    routes.extend(delegate_routes(plenum.id, delegate.id, &delegate.checkin_code));
    let mut failures = Vec::new();

    for account in plenum_web::demo::accounts() {
        let (c, csrf) = app.login(account.username, &password(account.username)).await;
        for r in &routes {
            let mut req = match r.method {
                "GET" => c.get(app.url(&r.path)),
                "PATCH" => c.patch(app.url(&r.path)).header("x-csrf-token", &csrf),
                _ => c.post(app.url(&r.path)).header("x-csrf-token", &csrf),
            };
            if let Some(body) = &r.body {
                let body = fill(body, account.username);
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
            let status = req.send().await.unwrap().status().as_u16();
            let expected_allowed = r.who.allows(account.role);
            let ok = if expected_allowed { status != 401 && status != 403 } else { status == 403 };
            if !ok {
                failures.push(format!(
                    "{:<16} {} {} → {status} (expected {})",
                    account.username,
                    r.method,
                    r.path,
                    if expected_allowed { "allowed" } else { "403" }
                ));
            }
        }
    }

    // Anonymous: the API answers 401, pages send to the login page.
    for r in &routes {
        let req = match r.method {
            "GET" => client().get(app.url(&r.path)),
            "PATCH" => client().patch(app.url(&r.path)).json(&json!({})),
            _ => client().post(app.url(&r.path)).json(&json!({})),
        };
        let status = req.send().await.unwrap().status().as_u16();
        let expected = if r.path.starts_with("/api/") {
            401
        } else if r.method == "GET" {
            303
        } else {
            400
        };
        if status != expected {
            failures.push(format!("anonymous        {} {} → {status} (expected {expected})", r.method, r.path));
        }
    }
    assert!(failures.is_empty(), "authorization matrix mismatches:\n{}", failures.join("\n"));
}
