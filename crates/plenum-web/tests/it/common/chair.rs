//! The chair at work through the API, for tests that need the floor to move
//! while a page is open: a delegate given the floor in the hall, then stopped.

use serde_json::{json, Value};

use super::{password, TestApp};

/// A delegate speaking in the hall, given the floor by the chair.
pub struct Floor {
    chair: reqwest::Client,
    csrf: String,
    hall: i64,
    entry: i64,
    version: i64,
}

impl Floor {
    async fn post(&self, app: &TestApp, path: String, body: Value) -> Value {
        let res = self.chair.post(app.url(&path)).header("x-csrf-token", &self.csrf).json(&body).send().await.unwrap();
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap();
        assert!(status < 300, "{path}: {status} {body}");
        body
    }

    /// The chair, through the API, puts the delegate named `speaker` on the
    /// hall's list and gives them the floor, on the hall's current item.
    pub async fn give(app: &TestApp, speaker: &str) -> Floor {
        let id = app.demo_plenum_id().await;
        let (chair, csrf) = app.login("chutri", &password("chutri")).await;
        let sessions = app.store.meeting_sessions(id).await.unwrap();
        let hall = sessions.iter().find(|s| s.kind.as_str() == "plenary").unwrap().id;
        let delegate = app.store.delegates(id).await.unwrap().into_iter().find(|d| d.full_name == speaker).unwrap();
        let mut floor = Floor { chair, csrf, hall, entry: 0, version: 0 };
        let entry =
            floor.post(app, format!("/api/v1/sessions/{hall}/speakers"), json!({"delegate_id": delegate.id})).await;
        floor.entry = entry["id"].as_i64().unwrap();
        let list = super::get_json(&floor.chair, &app.url(&format!("/api/v1/sessions/{hall}/speakers"))).await;
        let v = list["session"]["version"].as_i64().unwrap();
        floor
            .post(app, format!("/api/v1/sessions/{hall}/speakers/{}/give-floor", floor.entry), json!({"version": v}))
            .await;
        floor.version = v + 1;
        floor
    }

    /// The chair stops the speaker: a new speech in the hall. Returns the speech.
    pub async fn stop(self, app: &TestApp) -> plenum_store::Speech {
        let path = format!("/api/v1/sessions/{}/speakers/{}/stop", self.hall, self.entry);
        let stopped = self.post(app, path, json!({"version": self.version})).await;
        app.store.speech(stopped["speech"]["id"].as_i64().unwrap()).await.unwrap()
    }
}
