//! The HTTP surface, driven by a real client against a real server on port 0.

use crate::common;

use common::sse::SseReader;
use common::{client, demo_app, password};
use serde_json::{json, Value};

#[tokio::test]
async fn health_reports_the_embedded_backend() {
    let app = demo_app().await;
    let v: Value = client().get(app.url("/healthz")).send().await.unwrap().json().await.unwrap();
    assert_eq!(v, json!({"status": "ok", "backend": "sqlite"}));
}

#[tokio::test]
async fn the_favicon_is_ours_and_served_to_anyone() {
    let app = demo_app().await;
    let res = client().get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/x-icon");
    let body = res.bytes().await.unwrap();
    assert_eq!(&body[..4], &[0, 0, 1, 0], "an icon file");
}

#[tokio::test]
async fn a_taken_username_is_named_as_such_on_the_accounts_form() {
    let app = demo_app().await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("username", "thuky"),
        ("display_name", "Người thứ hai"),
        ("password", "mat-khau-moi"),
        ("role", "guest"),
        ("scope", "all"),
    ];
    let res = admin.post(app.url("/users")).form(&form).send().await.unwrap();
    let page = res.text().await.unwrap();
    assert!(page.contains("Tên đăng nhập: đã có tài khoản dùng tên này."), "{page}");
    assert!(!page.contains("số thứ tự"), "a username has no number");
}

#[tokio::test]
async fn pages_are_vietnamese_by_default_and_switch_to_english() {
    let app = demo_app().await;
    let c = client();
    let html = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"vi\">") && html.contains("Đăng nhập"), "{html}");
    let res = c.get(app.url("/lang/en?next=/login")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    let html = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Sign in"), "{html}");
}

#[tokio::test]
async fn a_visitor_is_sent_to_the_login_page_and_back() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let res = client().get(app.url(&format!("/plenums/{id}"))).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/login?next=%2Fplenums%2F{id}"));
}

#[tokio::test]
async fn form_login_needs_the_pre_session_token_and_sets_a_strict_cookie() {
    let app = demo_app().await;
    let c = client();
    // Without the token from the login page: refused.
    let res =
        c.post(app.url("/login")).form(&[("username", "admin"), ("password", "admin-2023")]).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("Phiên làm việc của biểu mẫu đã hết hạn"));
    // With it: signed in, cookie HttpOnly and SameSite=Strict.
    let page = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let token = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let res = c
        .post(app.url("/login"))
        .form(&[("username", "admin"), ("password", "admin-2023"), ("csrf", &token), ("next", "/history")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/history");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("plenum_session="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let home = c.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("Hội nghị lần thứ 11"), "{home}");
}

#[tokio::test]
async fn wrong_password_is_a_json_error_in_the_callers_language() {
    let app = demo_app().await;
    let res = client()
        .post(app.url("/api/v1/session"))
        .json(&json!({"username": "admin", "password": "nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"]["code"], "unauthorized");
    assert_eq!(v["error"]["message"], "Bạn cần đăng nhập.");
    assert_eq!(v["error"]["fields"], json!([]));
    let res = client()
        .post(app.url("/api/v1/session"))
        .header("accept-language", "en-GB,en;q=0.8")
        .json(&json!({"username": "admin", "password": "nope"}))
        .send()
        .await
        .unwrap();
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"]["message"], "You need to sign in.");
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_even_with_the_right_password() {
    let app = demo_app().await;
    for _ in 0..5 {
        let res = client()
            .post(app.url("/api/v1/session"))
            .json(&json!({"username": "thuky", "password": "wrong-one"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let res = client()
        .post(app.url("/api/v1/session"))
        .json(&json!({"username": "thuky", "password": password("thuky")}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // Another account is unaffected.
    app.login("admin", &password("admin")).await;
}

#[tokio::test]
async fn cookie_sessions_need_the_csrf_header_bearer_tokens_do_not() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let item = json!({"ordinal": 14, "title": "Tờ trình bổ sung", "kind": "other"});
    let url = app.url(&format!("/api/v1/plenums/{id}/agenda-items"));
    let res = c.post(&url).json(&item).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "csrf");
    let res = c.post(&url).header("x-csrf-token", &csrf).json(&item).send().await.unwrap();
    assert_eq!(res.status(), 201);

    // A bearer token: no cookie, no CSRF token needed.
    let user = app.store.user_by_username("thuky").await.unwrap().unwrap();
    let secret = plenum_web::auth::new_secret();
    app.store
        .create_session(
            &plenum_store::Actor::system("test"),
            plenum_store::input::NewSession {
                user_id: user.id,
                token_hash: plenum_web::auth::secret_hash(&secret),
                csrf: "x".into(),
                kind: plenum_core::access::SignInKind::Api,
                expires_at: None,
                label: "test".into(),
            },
        )
        .await
        .unwrap();
    let res = client()
        .post(&url)
        .bearer_auth(&secret)
        .json(&json!({"ordinal": 15, "title": "Báo cáo bổ sung", "kind": "report"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let res = client().get(app.url("/api/v1/me")).bearer_auth("not-a-token").send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn bad_input_gets_field_errors_and_saves_nothing() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let url = app.url(&format!("/api/v1/plenums/{id}/agenda-items"));
    let before = app.store.agenda_items(id).await.unwrap().len();
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"ordinal": 0, "title": "  ", "kind": "speech"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let v: Value = res.json().await.unwrap();
    let fields: Vec<(&str, &str)> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, vec![("ordinal", "out-of-range"), ("title", "required"), ("kind", "invalid-choice")]);
    assert_eq!(v["error"]["fields"][1]["message"], "bắt buộc phải nhập");
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .json(&json!({"ordinal": 3, "title": "Trùng số", "kind": "report"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "ordinal 3 is taken");
    let res = c
        .post(&url)
        .header("x-csrf-token", &csrf)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    assert_eq!(app.store.agenda_items(id).await.unwrap().len(), before, "nothing saved");
}

#[tokio::test]
async fn text_is_normalized_to_nfc_on_the_way_in() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let decomposed = "Tie\u{302}\u{301}p thu y\u{301} kie\u{302}\u{301}n";
    let res = c
        .post(app.url(&format!("/api/v1/plenums/{id}/agenda-items")))
        .header("x-csrf-token", &csrf)
        .json(&json!({"ordinal": 20, "title": decomposed, "kind": "other"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["title"], "Tiếp thu ý kiến");
}

#[tokio::test]
async fn openapi_document_describes_the_api() {
    let app = demo_app().await;
    let v: Value = client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(v["openapi"].as_str().unwrap().starts_with("3.1"), "{}", v["openapi"]);
    for path in
        ["/api/v1/session", "/api/v1/plenums", "/api/v1/plenums/{id}/agenda-items", "/api/v1/history", "/api/v1/users"]
    {
        assert!(v["paths"].get(path).is_some(), "{path} is documented");
    }
    assert!(v["components"]["schemas"].get("ErrorBody").is_some());
}

/// An administrative change (an account with a role on the demo plenum), then a
/// change to the plenum itself (agenda item 14), both through the API.
async fn admin_adds_an_account_then_an_item(
    app: &common::TestApp,
    admin: &reqwest::Client,
    csrf: &str,
    username: &str,
    role: &str,
) {
    let id = app.demo_plenum_id().await;
    let account = json!({"username": username, "display_name": "Người mới", "password": "mat-khau-moi", "role": role, "plenum_id": id});
    let res = admin.post(app.url("/api/v1/users")).header("x-csrf-token", csrf).json(&account).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let item = json!({"ordinal": 14, "title": "Nội dung bổ sung", "kind": "other"});
    let res = admin
        .post(app.url(&format!("/api/v1/plenums/{id}/agenda-items")))
        .header("x-csrf-token", csrf)
        .json(&item)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
}

#[tokio::test]
async fn live_events_arrive_after_commit_and_only_for_those_who_may_see_them() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (delegate, _) = app.login("daibieu", &password("daibieu")).await;
    let res = delegate.get(app.url("/api/v1/events")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["x-accel-buffering"], "no");
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let mut stream = SseReader::new(res);
    let (event, _) = stream.next(5).await.expect("connect event");
    assert_eq!(event, "connected");

    // An admin-only change (a new account) and then a change to the delegate's plenum.
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    admin_adds_an_account_then_an_item(&app, &admin, &csrf, "moi", "guest").await;
    // Login sessions and the new account are admin-scope: the delegate's next event is the agenda item.
    let (event, data) = stream.next(5).await.expect("the agenda event");
    assert_eq!(event, "agenda_item.added");
    let v: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(v["payload"]["title"], "Nội dung bổ sung");
    assert_eq!(v["plenum_id"], id);
}

/// Every stream shares one prepared copy of each event; each still filters it by its own user.
#[tokio::test]
async fn streams_of_different_users_each_see_what_their_own_roles_allow() {
    let app = demo_app().await;
    let (delegate, _) = app.login("daibieu", &password("daibieu")).await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let mut delegate_stream = SseReader::new(delegate.get(app.url("/api/v1/events")).send().await.unwrap());
    let mut admin_stream = SseReader::new(admin.get(app.url("/api/v1/events")).send().await.unwrap());
    assert_eq!(delegate_stream.next(5).await.expect("connect event").0, "connected");
    assert_eq!(admin_stream.next(5).await.expect("connect event").0, "connected");

    admin_adds_an_account_then_an_item(&app, &admin, &csrf, "moi2", "delegate").await;

    // The administrator sees the account and its role first; the delegate only the agenda item.
    assert_eq!(admin_stream.next(5).await.expect("account event").0, "user.created");
    assert_eq!(admin_stream.next(5).await.expect("role event").0, "role.granted");
    assert_eq!(admin_stream.next(5).await.expect("agenda event").0, "agenda_item.added");
    assert_eq!(delegate_stream.next(5).await.expect("agenda event").0, "agenda_item.added");
}

#[tokio::test]
async fn live_events_need_a_signed_in_user() {
    let app = demo_app().await;
    let res = client().get(app.url("/api/v1/events")).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn the_demo_statistics_print_the_seed_sentence_from_the_records() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, _) = app.login("khachmoi", &password("khachmoi")).await;
    let url = app.url(&format!("/api/v1/plenums/{id}/statistics"));
    let v: Value = c.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(
        (v["speeches"].as_u64(), v["opinions"].as_u64(), v["items_discussed"].as_u64()),
        (Some(59), Some(130), Some(13))
    );
    assert_eq!(v["summary_vi"], "59 lượt phát biểu với 130 ý kiến về 13 nội dung");
    assert_eq!(v["by_item"].as_array().unwrap().len(), 13);
    let by_item_total: u64 = v["by_item"].as_array().unwrap().iter().map(|i| i["opinions"].as_u64().unwrap()).sum();
    assert_eq!(by_item_total, 130);
    let groups: Vec<&str> = v["by_group"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(groups, vec!["Hội trường", "Tổ 1", "Tổ 2", "Tổ 3", "Tổ 4"]);

    // The figures follow the records: one more (written) opinion.
    let item = app.store.agenda_items(id).await.unwrap()[0].id;
    let delegate = app.store.delegates(id).await.unwrap()[0].id;
    app.store
        .add_opinion(
            &plenum_store::Actor::system("test"),
            plenum_store::input::NewOpinion {
                speech_id: None,
                delegate_id: delegate,
                item_id: item,
                passage_anchor: None,
                stance: "agree".into(),
                text: "Ý kiến bằng văn bản.".into(),
            },
        )
        .await
        .unwrap();
    let v: Value = c.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["summary_vi"], "59 lượt phát biểu với 131 ý kiến về 13 nội dung");
}

#[tokio::test]
async fn cookies_are_secure_behind_a_tls_proxy() {
    let app = demo_app().await;
    let cookie = |proto: Option<&'static str>| {
        let url = app.url("/api/v1/session");
        async move {
            let mut req = client().post(url).json(&json!({"username": "admin", "password": "admin-2023"}));
            if let Some(p) = proto {
                req = req.header("x-forwarded-proto", p);
            }
            let res = req.send().await.unwrap();
            res.headers()
                .get_all("set-cookie")
                .iter()
                .map(|v| v.to_str().unwrap().to_string())
                .find(|v| v.starts_with("plenum_session="))
                .unwrap()
        }
    };
    assert!(!cookie(None).await.contains("Secure"), "plain HTTP on localhost");
    let secured = cookie(Some("https")).await;
    assert!(
        secured.contains("Secure") && secured.contains("HttpOnly") && secured.contains("SameSite=Strict"),
        "{secured}"
    );
}
