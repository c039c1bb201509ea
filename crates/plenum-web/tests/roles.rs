//! Every route against every role: allowed or denied, on the API and the pages
//! alike. "Allowed" means authorization passed (any status but 401/403);
//! "denied" means exactly 403. Anonymous callers get 401 (API) or the login page.

mod common;

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
            Who::OrgRoles => matches!(r, Role::Admin | Role::Secretary | Role::Chair | Role::TaskOfficer | Role::Auditor),
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
/// Taking the roll: the office and the secretaries (Permission::Record).
const RECORD: &[Role] = &[Role::Admin, Role::Secretary, Role::GroupSecretary];

fn routes(plenum: i64, org: i64, committee: i64) -> Vec<Route> {
    let api = |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: false, who };
    let page = |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: true, who };
    vec![
        api("GET", "/api/v1/me".into(), None, Who::All),
        api("GET", "/api/v1/plenums".into(), None, Who::All),
        api("GET", format!("/api/v1/plenums/{plenum}"), None, Who::All),
        api("GET", format!("/api/v1/plenums/{plenum}/agenda-items"), None, Who::All),
        api("GET", format!("/api/v1/plenums/{plenum}/groups"), None, Who::All),
        api("POST", format!("/api/v1/plenums/{plenum}/agenda-items"), Some(json!({"ordinal": 0, "title": "x", "kind": "other"})), Who::Only(PREPARE)),
        api(
            "POST",
            "/api/v1/plenums".into(),
            Some(json!({"committee_id": committee, "ordinal": 0, "title": "x", "starts_on": "2023-02-01", "ends_on": "2023-02-01", "place": "x"})),
            Who::Only(PREPARE),
        ),
        api("GET", "/api/v1/organizations".into(), None, Who::Only(ADMIN)),
        api("POST", "/api/v1/organizations".into(), Some(json!({"name": "Quận {role}", "short_name": "Q", "level": "district", "parent_id": org})), Who::Only(ADMIN)),
        api("GET", format!("/api/v1/organizations/{org}/committees"), None, Who::OrgRoles),
        api("GET", format!("/api/v1/committees/{committee}/members"), None, Who::OrgRoles),
        api("GET", "/api/v1/users".into(), None, Who::Only(ADMIN)),
        api("POST", "/api/v1/users".into(), Some(json!({"username": "new-{role}", "display_name": "Mới", "password": "mat-khau-1", "role": "guest", "plenum_id": plenum})), Who::Only(ADMIN)),
        api("GET", "/api/v1/history".into(), None, Who::Only(HISTORY)),
        api("GET", "/api/v1/events".into(), None, Who::All),
        page("GET", "/".into(), None, Who::All),
        page("GET", format!("/plenums/{plenum}"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/fragments/agenda"), None, Who::All),
        page("GET", "/organizations".into(), None, Who::Only(ADMIN)),
        page("POST", "/organizations".into(), Some(json!({"name": "Huyện {role}", "short_name": "H", "level": "district", "parent_id": org.to_string()})), Who::Only(ADMIN)),
        page("GET", format!("/organizations/{org}"), None, Who::OrgRoles),
        page("GET", "/history".into(), None, Who::Only(HISTORY)),
        page("GET", "/users".into(), None, Who::Only(ADMIN)),
        page("POST", "/users".into(), Some(json!({"username": "p-{role}", "display_name": "Mới", "password": "mat-khau-2", "role": "guest", "scope": "all"})), Who::Only(ADMIN)),
    ]
}

/// The delegates part: the roster, its import, check-in, badges and the quorum.
/// (The one-time link `/d/{secret}` is public by design and tested in tests/delegates.rs.)
fn delegate_routes(plenum: i64, delegate: i64, code: &str) -> Vec<Route> {
    let api = |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: false, who };
    let page = |method, path: String, body: Option<serde_json::Value>, who| Route { method, path, body, form: true, who };
    vec![
        api("GET", format!("/api/v1/plenums/{plenum}/delegates"), None, Who::All),
        api("POST", format!("/api/v1/plenums/{plenum}/delegates"), Some(json!({"full_name": "Khách {role}", "unit": "Báo"})), Who::Only(PREPARE)),
        api("POST", format!("/api/v1/plenums/{plenum}/delegates/import?dry_run=true"), Some(json!({"not": "a roster"})), Who::Only(PREPARE)),
        api("POST", format!("/api/v1/delegates/{delegate}/attendance"), Some(json!({"attendance": "present"})), Who::Only(RECORD)),
        api("GET", format!("/api/v1/plenums/{plenum}/quorum"), None, Who::All),
        page("GET", format!("/plenums/{plenum}/delegates"), None, Who::Only(RECORD)),
        page("POST", format!("/plenums/{plenum}/delegates"), Some(json!({"full_name": "Khách mời {role}"})), Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/groups"), Some(json!({"name": "Tổ {role}"})), Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/delegates/import"), Some(json!({"file": "x"})), Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/delegates/import/confirm"), Some(json!({"rows": "[]"})), Who::Only(PREPARE)),
        page("POST", format!("/plenums/{plenum}/delegates/{delegate}/attendance"), Some(json!({"attendance": "present", "version": "0"})), Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}"), None, Who::Only(RECORD)),
        page("GET", format!("/plenums/{plenum}/delegates/{delegate}/qr.svg"), None, Who::Only(RECORD)),
        page("POST", format!("/plenums/{plenum}/delegates/{delegate}/link"), Some(json!({})), Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/badges.pdf"), None, Who::Only(PREPARE)),
        page("GET", format!("/plenums/{plenum}/fragments/quorum"), None, Who::All),
        page("GET", format!("/checkin/{code}"), None, Who::Only(RECORD)),
        page("POST", format!("/checkin/{code}"), Some(json!({"attendance": "present", "version": "0"})), Who::Only(RECORD)),
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
    let delegate = app.store.delegates(plenum.id).await.unwrap().into_iter().find(|d| d.kind == "guest").unwrap();
    routes.extend(delegate_routes(plenum.id, delegate.id, &delegate.checkin_code));
    let mut failures = Vec::new();

    for account in plenum_web::demo::accounts() {
        let (c, csrf) = app.login(account.username, &password(account.username)).await;
        for r in &routes {
            let mut req = match r.method {
                "GET" => c.get(app.url(&r.path)),
                _ => c.post(app.url(&r.path)).header("x-csrf-token", &csrf),
            };
            if let Some(body) = &r.body {
                let body = fill(body, account.username);
                req = if r.form {
                    let pairs: Vec<(String, String)> =
                        body.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))).collect();
                    req.form(&pairs)
                } else {
                    req.json(&body)
                };
            }
            let status = req.send().await.unwrap().status().as_u16();
            let expected_allowed = r.who.allows(account.role);
            let ok = if expected_allowed { status != 401 && status != 403 } else { status == 403 };
            if !ok {
                failures.push(format!("{:<16} {} {} → {status} (expected {})", account.username, r.method, r.path, if expected_allowed { "allowed" } else { "403" }));
            }
        }
    }

    // Anonymous: the API answers 401, pages send to the login page.
    for r in &routes {
        let req = match r.method {
            "GET" => client().get(app.url(&r.path)),
            _ => client().post(app.url(&r.path)).json(&json!({})),
        };
        let status = req.send().await.unwrap().status().as_u16();
        let expected = if r.path.starts_with("/api/") { 401 } else if r.method == "GET" { 303 } else { 400 };
        if status != expected {
            failures.push(format!("anonymous        {} {} → {status} (expected {expected})", r.method, r.path));
        }
    }
    assert!(failures.is_empty(), "authorization matrix mismatches:\n{}", failures.join("\n"));
}
