//! `plenum-load votes`: a storm of electronic votes. Thousands of members,
//! each signed in beforehand with an API token of their own, vote once at
//! the same moment over HTTP; the tool reports acknowledged votes per second
//! and latency, beside two raw SQLite insert loops with the same durability
//! (`synchronous=FULL`) in the same run: one transaction per vote, and
//! commits of 512 votes.
//!
//! [`seed`] makes the plenum, its voters and their tokens; the kill-and-restart
//! test of the `plenum` binary uses it too.
//!
//! The voters' accounts, grants, attendance and tokens are written with
//! batched SQL in one transaction each, not one store call per row: every
//! store call appends a chained history entry and commits with a sync, and
//! 50,000 of those would take minutes and measure seeding, not voting. The
//! rows are the ones the store writes (the token's SHA-256, the sitting's
//! roll beside the delegate's attendance); the organization, plenum, chair
//! and the delegates themselves go through the store.

use std::time::{Duration, Instant};

use anyhow::Context;
use futures_util::stream::{self, StreamExt};
use plenum_app::accounts::secrets::{new_secret, secret_hash};
use plenum_core::access::{Grant, GrantScope, Role, SignInKind};
use plenum_store::input::{NewCommittee, NewDelegate, NewOrganization, NewPlenum, NewSession, NewUser};
use plenum_store::{Accounts, Actor, Delegates, Organizations, Plenums, SqlStore};

use crate::server;

/// One member who votes, with the secret of their API token.
#[derive(Debug, Clone)]
pub struct Voter {
    pub user_id: i64,
    pub delegate_id: i64,
    pub token: String,
}

/// What [`seed`] made.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub plenum_id: i64,
    /// The chair's API token: creates, opens and closes polls.
    pub chair_token: String,
    pub voters: Vec<Voter>,
}

/// Rows per INSERT: well under every backend's limit of bound parameters.
const ROWS: usize = 400;

fn now_micros() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)
}

/// A plenum with `voters` members who may vote now: each a member delegate
/// linked to an account of their own, with the Delegate role on the plenum,
/// checked in, and an API token; and a chair with a token. The store must
/// be migrated and may already hold other plenums.
pub async fn seed(store: &SqlStore, voters: usize) -> anyhow::Result<Seeded> {
    let actor = Actor::system("plenum-load");
    let run = format!("{:08x}", rand::random::<u32>());
    let top = NewOrganization {
        name: "Đảng Cộng sản Việt Nam".into(),
        short_name: "TW".into(),
        level: "central".into(),
        parent_id: None,
    };
    let top = store.create_organization(&actor, top).await?;
    let org = NewOrganization {
        name: "Đảng bộ Thành phố Hà Nội".into(),
        short_name: "TU Hà Nội".into(),
        level: "city".into(),
        parent_id: Some(top.id),
    };
    let org = store.create_organization(&actor, org).await?;
    let committee = store
        .create_committee(
            &actor,
            NewCommittee {
                org_id: org.id,
                name: "Ban Chấp hành Đảng bộ Thành phố".into(),
                term: "XVII".into(),
                term_label: "khóa XVII".into(),
                starts_on: "2020-10-13".into(),
            },
        )
        .await?;
    let plenum = store
        .create_plenum(
            &actor,
            NewPlenum {
                committee_id: committee.id,
                ordinal: 1,
                title: "Hội nghị biểu quyết điện tử".into(),
                starts_on: "2026-12-01".into(),
                ends_on: "2026-12-01".into(),
                place: "Hà Nội".into(),
            },
        )
        .await?;

    // The chair, through the store like any account.
    let chair = store
        .create_user(
            &actor,
            NewUser {
                username: format!("chair-{run}"),
                display_name: "Chủ trì".into(),
                password_hash: "not-a-password".into(),
            },
        )
        .await?;
    store
        .grant_role(
            &actor,
            chair.id,
            Grant { role: Role::Chair, scope: GrantScope { org: Some(org.id), plenum: None } },
        )
        .await?;
    let chair_token = new_secret();
    store
        .create_session(
            &actor,
            NewSession {
                user_id: chair.id,
                token_hash: secret_hash(&chair_token),
                csrf: new_secret(),
                kind: SignInKind::Api,
                expires_at: None,
                label: "vote storm".into(),
            },
        )
        .await?;

    let at = now_micros();
    let pool = store.writer();

    // The voters' accounts.
    let names: Vec<String> = (0..voters).map(|i| format!("v{run}-{i:05}")).collect();
    let mut tx = pool.begin().await?;
    for chunk in names.chunks(ROWS) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, 'not-a-password', ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        let sql = format!(
            "INSERT INTO users (username, display_name, password_hash, created_at) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (i, name) in chunk.iter().enumerate() {
            q = q.bind(name.clone()).bind(format!("Đại biểu {i}")).bind(at);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let pattern = format!("v{run}-%");
    let mut users: Vec<(String, i64)> =
        sqlx::query_as("SELECT username, id FROM users WHERE username LIKE $1").bind(pattern).fetch_all(pool).await?;
    users.sort();
    anyhow::ensure!(users.len() == voters, "made {} accounts of {voters}", users.len());

    // The delegates, linked to them, through the store in one transaction.
    let delegates = users
        .iter()
        .enumerate()
        .map(|(i, (_, user_id))| NewDelegate {
            plenum_id: plenum.id,
            member_id: None,
            user_id: Some(*user_id),
            full_name: format!("Đại biểu {i}"),
            title: String::new(),
            unit: String::new(),
            kind: "member".into(),
            group_id: None,
            checkin_code: plenum_store::demo::new_checkin_code(),
        })
        .collect();
    let delegates = store.import_delegates(&actor, plenum.id, delegates).await?;

    // Grants, attendance at the first sitting, tokens.
    let tokens: Vec<String> = (0..voters).map(|_| new_secret()).collect();
    let mut tx = pool.begin().await?;
    for chunk in users.chunks(ROWS) {
        let values: Vec<String> =
            (0..chunk.len()).map(|i| format!("(${}, 'delegate', NULL, ${})", 2 * i + 1, 2 * i + 2)).collect();
        let sql = format!("INSERT INTO role_grants (user_id, role, org_id, plenum_id) VALUES {}", values.join(", "));
        let mut q = sqlx::query(&sql);
        for (_, user_id) in chunk {
            q = q.bind(*user_id).bind(plenum.id);
        }
        q.execute(&mut *tx).await?;
    }
    sqlx::query(
        "UPDATE delegates SET attendance = 'present', attendance_at = $1, version = version + 1
         WHERE plenum_id = $2 AND kind = 'member'",
    )
    .bind(at)
    .bind(plenum.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO sitting_attendance (delegate_id, sitting, attendance, attendance_reason, attendance_at)
         SELECT id, 1, 'present', '', $1 FROM delegates WHERE plenum_id = $2 AND kind = 'member'",
    )
    .bind(at)
    .bind(plenum.id)
    .execute(&mut *tx)
    .await?;
    for (chunk, secrets) in users.chunks(ROWS).zip(tokens.chunks(ROWS)) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                format!("(${}, ${}, 'api', ${}, 'vote storm', ${}, NULL)", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4)
            })
            .collect();
        let sql = format!(
            "INSERT INTO sessions (token_hash, user_id, kind, csrf, label, created_at, expires_at) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for ((_, user_id), secret) in chunk.iter().zip(secrets) {
            q = q.bind(secret_hash(secret)).bind(*user_id).bind(new_secret()).bind(at);
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;

    let voters = users
        .iter()
        .zip(&delegates)
        .zip(tokens)
        .map(|(((_, user_id), d), token)| Voter { user_id: *user_id, delegate_id: d.id, token })
        .collect();
    Ok(Seeded { plenum_id: plenum.id, chair_token, voters })
}

/// Create a motion poll on the plenum as the chair and open it; its id.
/// Electronic (a named vote) unless `secret`.
pub async fn open_poll(client: &reqwest::Client, base: &str, seeded: &Seeded, secret: bool) -> anyhow::Result<i64> {
    let method = if secret { "secret" } else { "electronic" };
    let body = serde_json::json!({ "title": "Thông qua Nghị quyết", "kind": "motion", "method": method });
    let r = client
        .post(format!("{base}/api/v1/plenums/{}/polls", seeded.plenum_id))
        .bearer_auth(&seeded.chair_token)
        .json(&body)
        .send()
        .await?;
    anyhow::ensure!(r.status().is_success(), "creating the poll: {} {}", r.status(), r.text().await?);
    let poll: serde_json::Value = r.json().await?;
    let id = poll["id"].as_i64().context("a poll without id")?;
    let r = client
        .post(format!("{base}/api/v1/polls/{id}/open"))
        .bearer_auth(&seeded.chair_token)
        .json(&serde_json::json!({ "version": poll["version"] }))
        .send()
        .await?;
    anyhow::ensure!(r.status().is_success(), "opening the poll: {} {}", r.status(), r.text().await?);
    Ok(id)
}

/// How the server answered one vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 204 for a named vote; a secret ballot's receipt.
    Recorded(Option<String>),
    /// 422 `already-voted`.
    AlreadyVoted,
    /// Any other answer, or none (the connection failed).
    Failed(String),
}

/// One voter votes "yes" once: a named vote, or a secret ballot.
pub async fn vote(client: &reqwest::Client, base: &str, poll_id: i64, voter: &Voter, secret: bool) -> Answer {
    let what = if secret { "ballot" } else { "vote" };
    let sent = client
        .post(format!("{base}/api/v1/polls/{poll_id}/{what}"))
        .bearer_auth(&voter.token)
        .json(&serde_json::json!({ "choice": "yes" }))
        .send()
        .await;
    let r = match sent {
        Ok(r) => r,
        Err(e) => return Answer::Failed(e.to_string()),
    };
    let status = r.status();
    let body = r.text().await.unwrap_or_default();
    if status == reqwest::StatusCode::NO_CONTENT && !secret {
        return Answer::Recorded(None);
    }
    if status == reqwest::StatusCode::OK && secret {
        let receipt = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["receipt"].as_str().map(str::to_string));
        if let Some(receipt) = receipt {
            return Answer::Recorded(Some(receipt));
        }
    }
    if status == reqwest::StatusCode::UNPROCESSABLE_ENTITY && body.contains("already-voted") {
        return Answer::AlreadyVoted;
    }
    Answer::Failed(format!("{status} {body}"))
}

/// A client for many voters at once: keep-alive connections, one per request in flight.
pub fn client(concurrency: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client")
}

/// The backends `votes` measures.
pub use crate::search::Backend;

#[derive(Debug, Clone)]
pub struct Options {
    pub voters: usize,
    pub secret: bool,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// The server scratch PostgreSQL databases are made on.
    pub postgres: String,
    pub plenum: std::path::PathBuf,
}

/// One storm's figures.
#[derive(Debug, Clone)]
pub struct Storm {
    pub what: String,
    pub voters: usize,
    pub acknowledged: usize,
    pub failed: usize,
    pub took: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub server_cpu: Option<Duration>,
    pub load_cpu: Duration,
}

pub const HEADER: &str = "| what | voters | acknowledged | failed | votes/s | p50 ms | p99 ms | server CPU s | load tool CPU s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|";

impl Storm {
    pub fn row(&self) -> String {
        let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
        format!(
            "| {} | {} | {} | {} | {:.0} | {} | {} | {} | {:.2} |",
            self.what,
            self.voters,
            self.acknowledged,
            self.failed,
            self.acknowledged as f64 / self.took.as_secs_f64().max(1e-9),
            ms(self.p50),
            ms(self.p99),
            self.server_cpu.map_or("–".into(), |c| format!("{:.2}", c.as_secs_f64())),
            self.load_cpu.as_secs_f64(),
        )
    }
}

/// This process's own CPU time, user plus system (getrusage).
pub fn own_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct passed in.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

/// Seed a fresh database on `backend`, start `plenum serve` on it, open a
/// poll and have every voter vote once; then check the server counted
/// exactly the votes it acknowledged.
pub async fn storm(backend: Backend, opts: &Options) -> anyhow::Result<Storm> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let (store, scratch) = match backend {
        Backend::Sqlite => (plenum_store_sqlite::SqliteStore::open_dir(&data).await?, None),
        Backend::Postgres => {
            let db = plenum_store_postgres::ScratchDatabase::create(&opts.postgres).await?;
            (plenum_store_postgres::PostgresStore::connect(db.url()).await?, Some(db))
        }
    };
    store.migrate().await?;
    let started = Instant::now();
    let seeded = seed(&store, opts.voters).await?;
    eprintln!("{}: {} voters seeded in {:.1?}", backend.name(), opts.voters, started.elapsed());
    drop(store);
    let server = server::ServerUnderTest::plenum_on(&opts.plenum, &data, scratch.as_ref().map(|s| s.url())).await?;
    let client = client(opts.concurrency);
    let poll = open_poll(&client, &server.base, &seeded, opts.secret).await?;
    // A real storm starts cold: each voter's first request (a new
    // connection, a session not cached yet) is timed too.
    let cpu_server = server::cpu_ns(server.pid())?;
    let cpu_own = own_cpu();
    let started = Instant::now();
    let answers: Vec<(Answer, Duration)> = stream::iter(seeded.voters.iter())
        .map(|v| {
            let client = &client;
            let base = &server.base;
            async move {
                let t = Instant::now();
                let a = vote(client, base, poll, v, opts.secret).await;
                (a, t.elapsed())
            }
        })
        .buffer_unordered(opts.concurrency)
        .collect()
        .await;
    let took = started.elapsed();
    let server_cpu = Duration::from_nanos(server::cpu_ns(server.pid())?.saturating_sub(cpu_server));
    let load_cpu = own_cpu().saturating_sub(cpu_own);
    let mut latencies: Vec<Duration> =
        answers.iter().filter(|(a, _)| matches!(a, Answer::Recorded(_))).map(|(_, d)| *d).collect();
    latencies.sort_unstable();
    let acknowledged = latencies.len();
    if let Some((Answer::Failed(why), _)) = answers.iter().find(|(a, _)| matches!(a, Answer::Failed(_))) {
        eprintln!("a vote failed: {why}");
    }
    // The server must hold exactly what it acknowledged.
    let r = client.get(format!("{}/api/v1/polls/{poll}", server.base)).bearer_auth(&seeded.chair_token).send().await?;
    let voted = r.json::<serde_json::Value>().await?["voted"].as_i64().unwrap_or(-1);
    anyhow::ensure!(voted == acknowledged as i64, "the poll counts {voted} votes, {acknowledged} were acknowledged");
    server.stop().await;
    let kind = if opts.secret { "secret ballot" } else { "named vote" };
    Ok(Storm {
        what: format!("Plenum over HTTP, {} ({kind})", backend.name()),
        voters: opts.voters,
        acknowledged,
        failed: answers.len() - acknowledged,
        took,
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        server_cpu: Some(server_cpu),
        load_cpu,
    })
}

/// The floor: raw inserts of `votes` votes into a scratch SQLite file with
/// Plenum's durability (WAL, `synchronous=FULL`), `per_commit` votes per
/// transaction, one after the other. No HTTP, no checks, no history.
pub async fn sqlite_baseline(votes: usize, per_commit: usize) -> anyhow::Result<Storm> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("baseline.sqlite3").display());
    let mut conn = sqlx::AnyConnection::connect(&url).await?;
    for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"] {
        sqlx::query(pragma).execute(&mut conn).await?;
    }
    sqlx::query(
        "CREATE TABLE votes (poll_id INTEGER NOT NULL, delegate_id INTEGER NOT NULL, choice TEXT NOT NULL,
         cast_at INTEGER NOT NULL, PRIMARY KEY (poll_id, delegate_id))",
    )
    .execute(&mut conn)
    .await?;
    let cpu_own = own_cpu();
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(votes);
    let mut done = 0;
    while done < votes {
        let n = per_commit.min(votes - done);
        let t = Instant::now();
        let mut tx = conn.begin().await?;
        for i in done..done + n {
            sqlx::query("INSERT INTO votes (poll_id, delegate_id, choice, cast_at) VALUES ($1, $2, 'yes', $3)")
                .bind(1_i64)
                .bind(i as i64)
                .bind(now_micros())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        // Every vote of a commit is acknowledged when it commits.
        latencies.extend(std::iter::repeat_n(t.elapsed(), n));
        done += n;
    }
    let took = started.elapsed();
    latencies.sort_unstable();
    Ok(Storm {
        what: format!("raw SQLite insert loop, {per_commit} per commit"),
        voters: votes,
        acknowledged: votes,
        failed: 0,
        took,
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        server_cpu: None,
        load_cpu: own_cpu().saturating_sub(cpu_own),
    })
}
