//! What makes the server publish: one HTTP request per event, sent by the
//! same process that timestamps the arrivals, so one clock measures both.

use anyhow::Context;
use reqwest::StatusCode;

/// How Plenum is made to publish. New actions plug in here (e.g. the chair's
/// speaker-list calls once they are served over HTTP) and are picked with
/// `fanout --trigger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlenumTrigger {
    /// The secretary adds an agenda item (`POST /api/v1/plenums/{id}/agenda-items`):
    /// one commit with a history entry, broadcast as `agenda_item.added` to
    /// everyone who may view the plenum, as a speaker-list step would be.
    AgendaItem,
}

/// A signed-in session of the server under test.
#[derive(Debug, Clone)]
pub struct Session {
    /// `plenum_session=…`, for the `Cookie` header.
    pub cookie: String,
    pub csrf: String,
}

pub enum Trigger {
    /// `POST /publish` on the baseline, with a body the size of Plenum's event.
    Baseline {
        base: String,
    },
    Plenum {
        kind: PlenumTrigger,
        base: String,
        plenum_id: i64,
        actor: Session,
    },
}

impl Trigger {
    /// The SSE event name the k-th trigger makes subscribers receive.
    pub fn event_name(&self) -> &'static str {
        match self {
            Trigger::Baseline { .. } => crate::baseline::EVENT,
            Trigger::Plenum { kind: PlenumTrigger::AgendaItem, .. } => "agenda_item.added",
        }
    }

    /// Send the k-th trigger and wait for the server's answer.
    pub async fn fire(&self, client: &reqwest::Client, k: usize) -> anyhow::Result<()> {
        let (req, expect) = match self {
            Trigger::Baseline { base } => {
                // The shape and size of the event Plenum sends for an added agenda item.
                let body = serde_json::json!({
                    "seq": 1000 + k, "action": "agenda_item.added", "org_id": 1, "plenum_id": 1,
                    "payload": {"id": 1000 + k, "plenum_id": 1, "ordinal": ordinal(k), "title": item_title(k), "kind": "other", "presenter": ""},
                });
                (client.post(format!("{base}/publish")).body(body.to_string()), StatusCode::CREATED)
            }
            Trigger::Plenum { kind: PlenumTrigger::AgendaItem, base, plenum_id, actor } => {
                let body = serde_json::json!({"ordinal": ordinal(k), "title": item_title(k), "kind": "other", "presenter": ""});
                let req = client
                    .post(format!("{base}/api/v1/plenums/{plenum_id}/agenda-items"))
                    .header(reqwest::header::COOKIE, &actor.cookie)
                    .header("x-csrf-token", &actor.csrf)
                    .json(&body);
                (req, StatusCode::CREATED)
            }
        };
        let res = req.send().await.context("sending the trigger")?;
        let status = res.status();
        anyhow::ensure!(status == expect, "trigger {k} answered {status}: {}", res.text().await.unwrap_or_default());
        Ok(())
    }
}

/// Most triggers one run can send: agenda ordinals run 1–999 and the demo
/// uses the first few.
pub const MAX_TRIGGERS: usize = 800;

fn ordinal(k: usize) -> usize {
    100 + k
}

fn item_title(k: usize) -> String {
    format!("Bench item {k}")
}

/// Sign in to Plenum through the API.
pub async fn login(client: &reqwest::Client, base: &str, username: &str, password: &str) -> anyhow::Result<Session> {
    let res = client
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({"username": username, "password": password}))
        .send()
        .await
        .with_context(|| format!("signing in as {username}"))?;
    anyhow::ensure!(res.status().is_success(), "signing in as {username}: {}", res.status());
    let cookie = res
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("plenum_session="))
        .and_then(|v| v.split(';').next())
        .context("no session cookie")?
        .to_string();
    let me: serde_json::Value = res.json().await?;
    let csrf = me["csrf_token"].as_str().context("no CSRF token")?.to_string();
    Ok(Session { cookie, csrf })
}
