//! What a role cannot see on a page it cannot read through the API either
//! (issue 7): the roster's records are the office's and the secretaries'.

use serde_json::Value;

use crate::common::{demo_app, password};

#[tokio::test]
async fn guests_and_delegates_do_not_read_the_roster_through_the_api() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let url = app.url(&format!("/api/v1/plenums/{id}/delegates"));
    for who in ["khachmoi", "daibieu"] {
        let (c, _) = app.login(who, &password(who)).await;
        assert_eq!(c.get(&url).send().await.unwrap().status(), 403, "{who}: the API");
        let page = c.get(app.url(&format!("/plenums/{id}/delegates"))).send().await.unwrap();
        assert_eq!(page.status(), 403, "{who}: the page");
        // The quorum's figures stay theirs to see: counts, no records.
        let quorum: Value =
            c.get(app.url(&format!("/api/v1/plenums/{id}/quorum"))).send().await.unwrap().json().await.unwrap();
        assert!(!quorum.to_string().contains("full_name"), "{quorum}");
    }
    let (office, _) = app.login("thuky", &password("thuky")).await;
    let roster: Vec<Value> = office.get(&url).send().await.unwrap().json().await.unwrap();
    assert!(!roster.is_empty());
}
