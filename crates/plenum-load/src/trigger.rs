//! What makes the server publish: one HTTP request per event, sent by the
//! same process that timestamps the arrivals, so one clock measures both.

use anyhow::Context;
use reqwest::StatusCode;

/// How Plenum is made to publish, picked with `fanout --trigger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlenumTrigger {
    /// The chair works the plenary session's speaker list: give the floor
    /// to the next delegate, stop them, give it to the next … Each click is
    /// one commit (version check, history entry) broadcast as
    /// `speaker.started` or `speaker.stopped`.
    SpeakerList,
    /// The secretary adds an agenda item (`POST /api/v1/plenums/{id}/agenda-items`),
    /// broadcast as `agenda_item.added`.
    AgendaItem,
}

/// A signed-in session of the server under test.
#[derive(Debug, Clone)]
pub struct Session {
    /// `plenum_session=…`, for the `Cookie` header.
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    fn post(&self, client: &reqwest::Client, url: String) -> reqwest::RequestBuilder {
        client.post(url).header(reqwest::header::COOKIE, &self.cookie).header("x-csrf-token", &self.csrf)
    }

    fn get(&self, client: &reqwest::Client, url: String) -> reqwest::RequestBuilder {
        client.get(url).header(reqwest::header::COOKIE, &self.cookie)
    }
}

/// One click of the chair on the speaker list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    GiveFloor(i64),
    Stop(i64),
}

impl Step {
    fn path(self) -> (i64, &'static str) {
        match self {
            Step::GiveFloor(e) => (e, "give-floor"),
            Step::Stop(e) => (e, "stop"),
        }
    }

    fn event_name(self) -> &'static str {
        match self {
            Step::GiveFloor(_) => "speaker.started",
            Step::Stop(_) => "speaker.stopped",
        }
    }
}

/// The chair's clicks, in order: whoever already speaks is stopped first,
/// then each waiting entry is given the floor and stopped in turn.
pub fn steps(entries: &[serde_json::Value]) -> Vec<Step> {
    let with =
        |status: &'static str| entries.iter().filter(move |e| e["status"] == status).filter_map(|e| e["id"].as_i64());
    let mut out: Vec<Step> = with("speaking").map(Step::Stop).collect();
    out.extend(with("waiting").flat_map(|id| [Step::GiveFloor(id), Step::Stop(id)]));
    out
}

/// The chair and the speaker list they work through.
pub struct SpeakerList {
    pub base: String,
    pub session_id: i64,
    pub chair: Session,
    pub steps: Vec<Step>,
    /// The session's version as the last answer gave it.
    pub version: i64,
}

impl SpeakerList {
    /// Sign in as the chair, find the open plenary session and queue
    /// requests for distinct delegates until the list holds `triggers`
    /// clicks. The requests are made now, before any subscriber connects,
    /// so their `speaker.requested` events reach no one.
    pub async fn prepare(
        client: &reqwest::Client,
        base: &str,
        plenum_id: i64,
        triggers: usize,
    ) -> anyhow::Result<SpeakerList> {
        let chair = login(client, base, "chutri", "chutri-2023").await?;
        let sessions: Vec<serde_json::Value> = chair
            .get(client, format!("{base}/api/v1/plenums/{plenum_id}/sessions"))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let session_id = sessions
            .iter()
            .find(|s| s["kind"] == "plenary" && s["status"] == "open")
            .and_then(|s| s["id"].as_i64())
            .context("the plenum has no open plenary session")?;
        let delegates: Vec<serde_json::Value> = chair
            .get(client, format!("{base}/api/v1/plenums/{plenum_id}/delegates"))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let mut list = SpeakerList { base: base.to_string(), session_id, chair, steps: Vec::new(), version: 0 };
        let mut candidates = delegates.iter().filter_map(|d| d["id"].as_i64());
        loop {
            list.reload(client).await?;
            if list.steps.len() >= triggers {
                return Ok(list);
            }
            let delegate_id = candidates.next().with_context(|| {
                format!(
                    "{} delegates give {} speaker-list clicks; {triggers} are needed (fewer --events)",
                    delegates.len(),
                    list.steps.len()
                )
            })?;
            let res = list
                .chair
                .post(client, format!("{base}/api/v1/sessions/{session_id}/speakers"))
                .json(&serde_json::json!({"kind": "speak", "delegate_id": delegate_id}))
                .send()
                .await?;
            let status = res.status();
            let text = res.text().await.unwrap_or_default();
            // A delegate already on the list is simply passed over.
            anyhow::ensure!(
                status == StatusCode::CREATED || text.contains("already-requested"),
                "requesting the floor for delegate {delegate_id}: {status} {text}"
            );
        }
    }

    /// Read the list and the session's version (`GET …/speakers`).
    async fn reload(&mut self, client: &reqwest::Client) -> anyhow::Result<()> {
        let list: serde_json::Value = self
            .chair
            .get(client, format!("{}/api/v1/sessions/{}/speakers", self.base, self.session_id))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        self.version = list["session"]["version"].as_i64().context("no session version")?;
        self.steps = steps(list["entries"].as_array().context("no entries")?);
        Ok(())
    }

    async fn click(&mut self, client: &reqwest::Client, k: usize) -> anyhow::Result<()> {
        let (entry, action) = self.steps.get(k).with_context(|| format!("the speaker list has no click {k}"))?.path();
        let res = self
            .chair
            .post(client, format!("{}/api/v1/sessions/{}/speakers/{entry}/{action}", self.base, self.session_id))
            .json(&serde_json::json!({"version": self.version}))
            .send()
            .await
            .context("sending the chair's click")?;
        let status = res.status();
        anyhow::ensure!(
            status == StatusCode::OK,
            "{action} on entry {entry} answered {status}: {}",
            res.text().await.unwrap_or_default()
        );
        let list: serde_json::Value = res.json().await?;
        // The next click carries the version this one produced.
        self.version = list["session"]["version"].as_i64().context("no session version in the answer")?;
        Ok(())
    }
}

pub enum Trigger {
    /// `POST /publish` on the baseline, with a body the shape and size of
    /// the event Plenum sends for the same trigger.
    Baseline {
        base: String,
        like: PlenumTrigger,
    },
    AgendaItem {
        base: String,
        plenum_id: i64,
        actor: Session,
    },
    SpeakerList(SpeakerList),
}

impl Trigger {
    /// The SSE event name the k-th trigger makes subscribers receive.
    pub fn event_name(&self, k: usize) -> &'static str {
        match self {
            Trigger::Baseline { .. } => crate::baseline::EVENT,
            Trigger::AgendaItem { .. } => "agenda_item.added",
            Trigger::SpeakerList(l) => l.steps.get(k).map(|s| s.event_name()).unwrap_or("speaker.started"),
        }
    }

    /// Send the k-th trigger and wait for the server's answer.
    pub async fn fire(&mut self, client: &reqwest::Client, k: usize) -> anyhow::Result<()> {
        let (req, expect) = match self {
            Trigger::Baseline { base, like } => {
                (client.post(format!("{base}/publish")).body(baseline_body(*like, k).to_string()), StatusCode::CREATED)
            }
            Trigger::AgendaItem { base, plenum_id, actor } => {
                let body = serde_json::json!({"ordinal": ordinal(k), "title": item_title(k), "kind": "other", "presenter": ""});
                (
                    actor.post(client, format!("{base}/api/v1/plenums/{plenum_id}/agenda-items")).json(&body),
                    StatusCode::CREATED,
                )
            }
            Trigger::SpeakerList(list) => return list.click(client, k).await,
        };
        let res = req.send().await.context("sending the trigger")?;
        let status = res.status();
        anyhow::ensure!(status == expect, "trigger {k} answered {status}: {}", res.text().await.unwrap_or_default());
        Ok(())
    }
}

/// What Plenum would broadcast for the k-th trigger, field for field.
fn baseline_body(like: PlenumTrigger, k: usize) -> serde_json::Value {
    let payload = match like {
        PlenumTrigger::AgendaItem => {
            serde_json::json!({"id": 1000 + k, "plenum_id": 1, "ordinal": ordinal(k), "title": item_title(k), "kind": "other", "presenter": ""})
        }
        PlenumTrigger::SpeakerList if k.is_multiple_of(2) => serde_json::json!({
            "entry": {"id": 1000 + k / 2, "session_id": 5, "item_id": 1, "delegate_id": 10 + k / 2, "kind": "speak", "position": k / 2,
                "status": "speaking", "allotted_seconds": 420, "requested_at": 1_764_000_000_000_i64, "started_at": 1_764_000_100_000_i64,
                "ended_at": null, "version": 2},
            "session_version": 100 + k,
        }),
        PlenumTrigger::SpeakerList => serde_json::json!({
            "entry_id": 1000 + k / 2,
            "speech": {"id": 100 + k / 2, "plenum_id": 1, "session_id": 5, "delegate_id": 10 + k / 2, "item_id": 1,
                "speaker_entry_id": 1000 + k / 2, "seconds": 1, "created_at": 1_764_000_101_000_i64},
            "session_version": 100 + k,
        }),
    };
    let action = match like {
        PlenumTrigger::AgendaItem => "agenda_item.added",
        PlenumTrigger::SpeakerList if k.is_multiple_of(2) => "speaker.started",
        PlenumTrigger::SpeakerList => "speaker.stopped",
    };
    serde_json::json!({"seq": 1000 + k, "action": action, "org_id": 1, "plenum_id": 1, "payload": payload})
}

/// Most triggers one run can send with the agenda-item trigger: ordinals
/// run 1–999 and the demo uses the first few. (The speaker list is bounded
/// by the plenum's delegates: two clicks each.)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chair_stops_whoever_speaks_then_works_through_the_waiting() {
        let e = |id: i64, status: &str| serde_json::json!({"id": id, "status": status});
        let list = [e(7, "speaking"), e(3, "waiting"), e(9, "waiting"), e(1, "done"), e(2, "withdrawn")];
        assert_eq!(
            steps(&list),
            vec![Step::Stop(7), Step::GiveFloor(3), Step::Stop(3), Step::GiveFloor(9), Step::Stop(9)]
        );
        let names: Vec<_> = steps(&list).iter().map(|s| s.event_name()).collect();
        assert_eq!(
            names,
            ["speaker.stopped", "speaker.started", "speaker.stopped", "speaker.started", "speaker.stopped"]
        );
    }
}
