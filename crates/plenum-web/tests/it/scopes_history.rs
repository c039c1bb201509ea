//! The history follows its reader's scope (issue 7, flaw 8): an auditor of one
//! plenum reads that plenum's entries only, page by page without holes, and
//! never the accounts, grants, sign-ins or tokens of anyone.

use serde_json::{json, Value};

use crate::common::{self, demo_app, password};

/// An auditor of the demo plenum only, signed in.
async fn plenum_auditor(app: &common::TestApp) -> reqwest::Client {
    let plenum = app.demo_plenum_id().await;
    let (admin, csrf) = app.login("admin", &password("admin")).await;
    let account = json!({"username": "kiemtra-hn", "display_name": "Kiểm tra Hội nghị", "password": "mat-khau-kt", "role": "auditor", "plenum_id": plenum});
    let res = admin.post(app.url("/api/v1/users")).header("x-csrf-token", &csrf).json(&account).send().await.unwrap();
    assert_eq!(res.status(), 201);
    app.login("kiemtra-hn", "mat-khau-kt").await.0
}

/// One read of `/api/v1/history`: the entries and the next cursor.
async fn read(app: &common::TestApp, c: &reqwest::Client, after: i64, limit: i64) -> (Vec<Value>, i64) {
    let res = c.get(app.url(&format!("/api/v1/history?after={after}&limit={limit}"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let next = res.headers()["x-next-after"].to_str().unwrap().parse().unwrap();
    (res.json().await.unwrap(), next)
}

#[tokio::test]
async fn a_plenum_auditor_reads_that_plenums_history_only_in_full_pages() {
    let app = demo_app().await;
    let plenum = app.demo_plenum_id().await;
    let c = plenum_auditor(&app).await;
    let (head, _) = app.store.history_head().await.unwrap();

    let (first, _) = read(&app, &c, 0, 20).await;
    assert_eq!(first.len(), 20, "a page of 20 entries the reader may see, not 20 stored ones with holes");

    let mut seen = Vec::new();
    let mut after = 0;
    while after < head {
        let (page, next) = read(&app, &c, after, 50).await;
        assert!(next > after, "the cursor moves on");
        seen.extend(page);
        after = next;
    }
    assert!(!seen.is_empty());
    for e in &seen {
        let public: Value = serde_json::from_str(e["payload"].as_str().unwrap()).unwrap();
        assert_eq!(public["plenum_id"], plenum, "{e}");
        let action = e["action"].as_str().unwrap();
        assert!(!["user.created", "role.granted", "token.created", "login.started"].contains(&action), "{e}");
    }
    let seqs: Vec<i64> = seen.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "each entry once, in order");
    let counted = seen.len();

    // The system-wide administrator reads the accounts' entries too.
    let (root, _) = app.login("admin", &password("admin")).await;
    let (everything, _) = read(&app, &root, 0, 1000).await;
    assert!(everything.iter().any(|e| e["action"] == "user.created"));

    // The page shows the same entries, newest first, 50 at a time.
    let page = c.get(app.url("/history")).send().await.unwrap().text().await.unwrap();
    assert_eq!(page.matches(r#"<td class="num">"#).count(), counted.min(50));
    assert!(!page.contains("<code>user.created</code>") && !page.contains("<code>login.started</code>"));
}
