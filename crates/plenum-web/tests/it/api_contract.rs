//! The API's contract: the OpenAPI document matches the routes, every refusal
//! is the documented JSON error in the caller's language, every input has a
//! bound answered with a 4xx, and reading an upload keeps to its time budget
//! off the async workers.

use std::sync::Arc;
use std::time::Duration;

use crate::common::{self, client, TestApp, TestDatabase};
use plenum_web::limits::Limits;
use plenum_web::WebConfig;
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde_json::{json, Value};

/// A bearer token for a demo account, as `plenum token create` makes one.
async fn bearer(app: &TestApp, username: &str) -> String {
    let user = app.store.user_by_username(username).await.unwrap().unwrap();
    let secret = plenum_web::auth::new_secret();
    let session = plenum_store::input::NewSession {
        user_id: user.id,
        token_hash: plenum_web::auth::secret_hash(&secret),
        csrf: "unused".into(),
        kind: plenum_core::access::SignInKind::Api,
        expires_at: None,
        label: "test".into(),
    };
    app.store.create_session(&plenum_store::Actor::system("test"), session).await.unwrap();
    secret
}

async fn demo_with(limits: Limits) -> TestApp {
    common::launch_with(Arc::new(TestDatabase::sqlite()), true, WebConfig { limits, ..Default::default() }).await
}

/// The error's code, after checking that the refusal is the documented JSON.
async fn error_code(res: reqwest::Response, status: u16) -> (String, Value) {
    assert_eq!(res.status(), status);
    let ct = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("application/json"), "{status} answered {ct}");
    let v: Value = res.json().await.unwrap();
    let message = v["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "{v}");
    (v["error"]["code"].as_str().unwrap().to_string(), v)
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                out.push((path.clone(), method.clone(), op.clone()));
            }
        }
    }
    out
}

fn template_parameters(path: &str) -> Vec<&str> {
    path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect()
}

#[tokio::test]
async fn the_document_declares_every_parameter_where_it_is_sent() {
    let app = common::demo_app().await;
    let doc: Value = client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let ops = operations(&doc);
    assert!(ops.len() >= 39, "{} operations", ops.len());
    for (path, method, op) in &ops {
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let declared: Vec<&str> =
            params.iter().filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap()).collect();
        let mut wanted = template_parameters(path);
        let mut got = declared.clone();
        wanted.sort();
        got.sort();
        assert_eq!(got, wanted, "{method} {path}: path parameters");
        for p in params.iter().filter(|p| p["in"] == "path") {
            assert_eq!(p["required"], true, "{method} {path} {}", p["name"]);
            let ty = &p["schema"]["type"];
            let expected = if p["name"] == "action" { "string" } else { "integer" };
            assert_eq!(ty, expected, "{method} {path} {}", p["name"]);
        }
        for status in ["400", "401"] {
            assert!(op["responses"][status].is_object(), "{method} {path} documents {status}");
        }
        if !wanted.is_empty() {
            assert!(op["responses"]["404"].is_object(), "{method} {path} documents 404");
        }
        if op["requestBody"].is_object() {
            for status in ["413", "415", "422"] {
                assert!(op["responses"][status].is_object(), "{method} {path} documents {status}");
            }
        }
    }
    let query = |path: &str, method: &str| -> Vec<String> {
        let op = &doc["paths"][path][method];
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        params.iter().filter(|p| p["in"] == "query").map(|p| p["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(
        query("/api/v1/history", "get"),
        ["after", "limit", "plenum", "actor", "kind", "from", "to", "sign_ins"]
    );
    assert_eq!(query("/api/v1/plenums/{id}/delegates/import", "post"), ["dry_run"]);
    assert_eq!(query("/api/v1/plenums/{id}/speeches", "get"), ["session"]);
}

/// Every operation the document names is routed, with its path parameters
/// where the document says: a non-numeric id reaches the route and is refused
/// as a bad request, where a path the router lacks would answer 404.
#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = common::demo_app().await;
    let token = bearer(&app, "admin").await;
    let doc: Value = client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for (path, method, _) in operations(&doc) {
        if path == "/api/v1/session" && method == "delete" {
            continue; // Would end nothing of the bearer's, but answers 204 for any caller.
        }
        if path == "/api/v1/sessions" && method == "delete" {
            continue; // Signing out everywhere would end the bearer's own token (tests/it/scopes_accounts.rs).
        }
        let concrete: Vec<String> = path
            .split('/')
            .map(|s| match s {
                "{action}" => "give-floor".to_string(),
                s if s.starts_with('{') => "not-a-number".to_string(),
                s => s.to_string(),
            })
            .collect();
        let url = app.url(&concrete.join("/"));
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let res = client().request(m, &url).bearer_auth(&token).send().await.unwrap();
        let status = res.status().as_u16();
        if template_parameters(&path).is_empty() {
            assert!(![404, 405].contains(&status), "{method} {path} is not routed: {status}");
        } else {
            let (code, _) = error_code(res, 400).await;
            assert_eq!(code, "bad-request", "{method} {path}");
        }
    }
}

#[tokio::test]
async fn refusals_are_json_errors_in_the_callers_language() {
    let app = demo_with(Limits { json_body_bytes: 256, ..Limits::default() }).await;
    let id = app.demo_plenum_id().await;
    let token = bearer(&app, "thuky").await;
    let url = app.url(&format!("/api/v1/plenums/{id}/agenda-items"));
    let c = client();

    // A field of the wrong JSON type: 422.
    let wrong = json!({"ordinal": "mười bốn", "title": "Tờ trình", "kind": "other"});
    let res = c.post(&url).bearer_auth(&token).header("accept-language", "en").json(&wrong).send().await.unwrap();
    let (code, v) = error_code(res, 422).await;
    assert_eq!(code, "bad-json-shape");
    assert_eq!(v["error"]["message"], "The JSON body does not have the expected fields and types.");
    let res = c.post(&url).bearer_auth(&token).json(&wrong).send().await.unwrap();
    let (_, v) = error_code(res, 422).await;
    assert_eq!(v["error"]["message"], "Nội dung JSON không có đúng các trường và kiểu dữ liệu cần thiết.");

    // Not JSON at all: 400.
    let res = c
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"ordinal\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(res, 400).await.0, "bad-request");

    // An id that is not a number: 400.
    let res = c.get(app.url("/api/v1/plenums/abc")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(error_code(res, 400).await.0, "bad-request");

    // No Content-Type: 415.
    let body = json!({"ordinal": 14, "title": "Tờ trình", "kind": "other"}).to_string();
    let res = c.post(&url).bearer_auth(&token).body(body.clone()).send().await.unwrap();
    assert_eq!(error_code(res, 415).await.0, "unsupported-media-type");

    // A method the path lacks: 405.
    let res = c.delete(app.url("/api/v1/plenums")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(error_code(res, 405).await.0, "method-not-allowed");

    // The JSON body bound: exactly at it accepted, one byte past it 413.
    let padded = |n: usize| format!("{body}{}", " ".repeat(n - body.len()));
    let res = c
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(padded(256))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let res = c
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body(padded(257).replace("\"ordinal\":14", "\"ordinal\":15"))
        .send()
        .await
        .unwrap();
    let (code, v) = error_code(res, 413).await;
    assert_eq!(code, "body-too-large");
    assert_eq!(v["error"]["message"], "What you sent is too large.");
}

/// A state-changing API call without credentials is refused as not signed in,
/// whatever its body, never first as a form without its CSRF token.
#[tokio::test]
async fn an_api_call_without_credentials_is_unauthorized() {
    let app = common::demo_app().await;
    let form = Form::new().text("note", "").part("file", Part::bytes(&b"1. A"[..]).file_name("a.txt"));
    let res = client().post(app.url("/api/v1/documents/1/versions")).multipart(form).send().await.unwrap();
    assert_eq!(error_code(res, 401).await.0, "unauthorized");
    let res = client().post(app.url("/api/v1/plenums")).json(&json!({})).send().await.unwrap();
    assert_eq!(error_code(res, 401).await.0, "unauthorized");
}

#[tokio::test]
async fn the_history_page_size_is_bounded() {
    let app = common::demo_app().await;
    let token = bearer(&app, "admin").await;
    let page = |limit: &str| client().get(app.url(&format!("/api/v1/history?limit={limit}"))).bearer_auth(&token);
    assert_eq!(page("1000").send().await.unwrap().status(), 200);
    assert_eq!(page("1").send().await.unwrap().status(), 200);
    for past in ["1001", "0", "-5"] {
        let (code, v) = error_code(page(past).send().await.unwrap(), 422).await;
        assert_eq!(code, "invalid-input");
        assert_eq!(v["error"]["fields"][0]["field"], "limit", "{past}");
        assert_eq!(v["error"]["fields"][0]["code"], "page-size", "{past}");
    }
    assert_eq!(error_code(page("nhiều").send().await.unwrap(), 400).await.0, "bad-request");
}

#[tokio::test]
async fn text_fields_are_bounded_with_a_field_error() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let token = bearer(&app, "thuky").await;
    let url = app.url(&format!("/api/v1/plenums/{id}/agenda-items"));
    let item = |ordinal: i64, title: String| json!({"ordinal": ordinal, "title": title, "kind": "other"});
    let res = client().post(&url).bearer_auth(&token).json(&item(20, "ý".repeat(500))).send().await.unwrap();
    assert_eq!(res.status(), 201, "a title of 500 characters is accepted");
    let res = client().post(&url).bearer_auth(&token).json(&item(21, "ý".repeat(501))).send().await.unwrap();
    let (_, v) = error_code(res, 422).await;
    assert_eq!(v["error"]["fields"][0]["field"], "title");
    assert_eq!(v["error"]["fields"][0]["code"], "too-long");

    let delegate = app.store.delegates(id).await.unwrap()[0].clone();
    let url = app.url(&format!("/api/v1/delegates/{}/attendance", delegate.id));
    let absent = |reason: String| json!({"attendance": "absent", "reason": reason});
    let res = client().post(&url).bearer_auth(&token).json(&absent("ố".repeat(500))).send().await.unwrap();
    assert_eq!(res.status(), 200, "a reason of 500 characters is accepted");
    let res = client().post(&url).bearer_auth(&token).json(&absent("ố".repeat(501))).send().await.unwrap();
    let (_, v) = error_code(res, 422).await;
    assert_eq!(v["error"]["fields"][0]["field"], "attendance_reason");
    assert_eq!(v["error"]["fields"][0]["code"], "too-long");
}

#[tokio::test]
async fn passwords_are_bounded() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let token = bearer(&app, "admin").await;
    let account = |username: &str, password: String| json!({"username": username, "display_name": "Người thử", "password": password, "role": "guest", "plenum_id": id});
    let url = app.url("/api/v1/users");
    let res = client().post(&url).bearer_auth(&token).json(&account("dai", "m".repeat(256))).send().await.unwrap();
    assert_eq!(res.status(), 201, "a password of 256 characters is accepted");
    let res = client().post(&url).bearer_auth(&token).json(&account("qua-dai", "m".repeat(257))).send().await.unwrap();
    let (_, v) = error_code(res, 422).await;
    assert_eq!(v["error"]["fields"][0]["field"], "password");
    assert_eq!(v["error"]["fields"][0]["code"], "too-long");
}

#[tokio::test]
async fn the_import_body_is_bounded() {
    let app = common::demo_app().await;
    let id = app.demo_plenum_id().await;
    let token = bearer(&app, "thuky").await;
    let url = app.url(&format!("/api/v1/plenums/{id}/delegates/import"));
    let max = plenum_app::prepare::delegates::MAX_UPLOAD;
    let mut csv = b"name,unit\n".to_vec();
    csv.resize(max, b' ');
    let res = client().post(&url).bearer_auth(&token).body(csv.clone()).send().await.unwrap();
    assert_ne!(res.status(), 413, "a file of exactly the limit is read");
    csv.push(b' ');
    let res = client().post(&url).bearer_auth(&token).body(csv).send().await.unwrap();
    assert_eq!(error_code(res, 413).await.0, "body-too-large");
}

#[tokio::test]
async fn an_upload_past_its_reading_time_is_refused() {
    let app = demo_with(Limits { read_time: Duration::ZERO, ..Limits::default() }).await;
    let id = app.demo_plenum_id().await;
    let token = bearer(&app, "thuky").await;
    let item = app.store.agenda_items(id).await.unwrap()[0].id;
    let form = Form::new()
        .text("title", "Dự thảo")
        .text("kind", "draft")
        .part("file", Part::bytes("I. Mục tiêu\n1. Quy hoạch".as_bytes()).file_name("du-thao.txt"));
    let res = client()
        .post(app.url(&format!("/api/v1/items/{item}/documents")))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (_, v) = error_code(res, 422).await;
    assert_eq!(v["error"]["fields"][0]["field"], "file");
    assert_eq!(v["error"]["fields"][0]["code"], "document-too-slow");
    assert!(app.store.documents(id).await.unwrap().iter().all(|d| d.title != "Dự thảo"), "nothing was filed");

    let res = client()
        .post(app.url(&format!("/api/v1/plenums/{id}/delegates/import")))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .body("Họ và tên,Vai trò\nVũ Minh Đức,khách mời\n")
        .send()
        .await
        .unwrap();
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["file_problem"]["code"], "sheet-too-slow", "{v}");
    assert!(v["file_problem"]["message"].as_str().unwrap().contains("took too long to read"));
}

/// A DOCX whose body is `filler` repeated `times` (an ignorable element) and no text.
fn docx_without_text(filler: &str, times: usize) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#).unwrap();
    let chunk = filler.repeat(4096);
    for _ in 0..times / 4096 {
        z.write_all(chunk.as_bytes()).unwrap();
    }
    z.write_all(b"</w:body></w:document>").unwrap();
    z.finish().unwrap();
    out.into_inner()
}

/// A draft that takes a while to read is read on a blocking thread: while it
/// is being read, the server (on this test's single-threaded runtime) still
/// answers `/healthz`. Were it read on the async worker, the health check sent
/// with the upload's last byte would wait for the reading to end, and the
/// upload's answer would come first. The timeouts only detect a hang.
#[tokio::test]
async fn reading_an_upload_does_not_stall_the_server() {
    // Time enough to read it all even in a debug build on a loaded machine.
    let app = demo_with(Limits { read_time: Duration::from_secs(600), ..Limits::default() }).await;
    let id = app.demo_plenum_id().await;
    let token = bearer(&app, "thuky").await;
    let item = app.store.agenda_items(id).await.unwrap()[0].id;
    // 16 MB of XML to read (a DOCX part may unpack to 64 MB), in a file of a
    // few tens of kilobytes, with no text: refused once read, nothing stored.
    let docx = docx_without_text("<w:bookmarkEnd/>", 16 * 1024 * 1024 / 16);
    let (head, last) = docx.split_at(docx.len() - 1);
    let (head, last) = (bytes::Bytes::copy_from_slice(head), bytes::Bytes::copy_from_slice(last));
    // The last byte waits for `release`, so that the server has checked the
    // caller's permission and is only waiting for the body when it comes.
    let (release_tx, release_rx) = tokio::sync::oneshot::channel::<()>();
    let (sent_tx, sent_rx) = tokio::sync::oneshot::channel::<()>();
    let tail = futures_util::stream::once(async move {
        release_rx.await.unwrap();
        let _ = sent_tx.send(());
        Ok::<_, std::io::Error>(last)
    });
    let body = futures_util::StreamExt::chain(futures_util::stream::iter([Ok(head)]), tail);
    let part = Part::stream(reqwest::Body::wrap_stream(body)).file_name("du-thao.docx");
    let form = Form::new().text("title", "Dự thảo dài").text("kind", "draft").part("file", part);
    let upload = tokio::spawn(
        client().post(app.url(&format!("/api/v1/items/{item}/documents"))).bearer_auth(&token).multipart(form).send(),
    );
    let watchdog = Duration::from_secs(300);
    // Not a measure: only room for the server to reach the body's end.
    tokio::time::sleep(Duration::from_millis(500)).await;
    release_tx.send(()).unwrap();
    tokio::time::timeout(watchdog, sent_rx).await.expect("the upload is sent").unwrap();
    let health = tokio::time::timeout(watchdog, client().get(app.url("/healthz")).send())
        .await
        .expect("the server answers /healthz")
        .unwrap();
    assert_eq!(health.status(), 200);
    assert!(!upload.is_finished(), "/healthz waited until the draft had been read");
    let res = tokio::time::timeout(watchdog, upload).await.expect("the upload ends").unwrap().unwrap();
    let (_, v) = error_code(res, 422).await;
    assert_eq!(v["error"]["fields"][0]["code"], "document-no-text");
}
