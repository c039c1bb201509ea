//! The fan-out measurement: N subscribers on one plenum's live events, M
//! triggers one after another, and for each (subscriber, trigger) the time
//! from sending the trigger to the event's arrival.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::sync::{watch, Semaphore};

use crate::server::{cpu_ns, rss_kib, ServerUnderTest};
use crate::sse::{self, Progress, Received};
use crate::trigger::{self, PlenumTrigger, Session, SpeakerList, Trigger};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// Bare tokio broadcast → axum SSE (`plenum-load baseline-server`).
    Baseline,
    /// `plenum serve --demo` (release build).
    Plenum,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Baseline => "baseline",
            Target::Plenum => "plenum",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Subscribers.
    pub n: usize,
    /// Measured triggers (after one unmeasured warm-up).
    pub events: usize,
    /// Pause before each trigger, as between a chair's clicks.
    pub gap: Duration,
    /// Longest wait for every subscriber to receive one event.
    pub event_timeout: Duration,
    /// Longest wait for one subscriber's `connected` event.
    pub connect_timeout: Duration,
    /// Subscribers connecting at the same time.
    pub connect_concurrency: usize,
    /// Distinct delegate accounts whose sessions the subscribers share (Plenum only).
    pub accounts: usize,
    pub trigger: PlenumTrigger,
    /// Pause after connecting, before reading the server's memory.
    pub settle: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            n: 1000,
            events: 50,
            gap: Duration::from_millis(100),
            event_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(60),
            connect_concurrency: 200,
            accounts: 1,
            trigger: PlenumTrigger::SpeakerList,
            settle: Duration::from_secs(2),
        }
    }
}

/// Latency percentiles, in microseconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Percentiles {
    pub p50: u64,
    pub p99: u64,
    pub max: u64,
    pub count: usize,
}

impl Percentiles {
    pub fn of(mut v: Vec<u64>) -> Percentiles {
        v.sort_unstable();
        let at = |q: f64| {
            if v.is_empty() {
                0
            } else {
                v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1]
            }
        };
        Percentiles { p50: at(0.50), p99: at(0.99), max: v.last().copied().unwrap_or(0), count: v.len() }
    }
}

#[derive(Debug, Clone)]
pub struct Measurement {
    pub target: Target,
    pub n: usize,
    pub events: usize,
    pub connected: usize,
    pub failed: usize,
    /// Streams that ended during the run.
    pub dropped: usize,
    /// Seconds to connect all subscribers.
    pub connect_secs: f64,
    /// Events that arrived, in order, under the expected name.
    pub delivered: usize,
    /// connected × events.
    pub expected: usize,
    /// Trigger sent → event received, over every (subscriber, event).
    pub latency: Percentiles,
    /// Trigger sent → its HTTP answer received (the server's own work for the action).
    pub trigger_rtt: Percentiles,
    pub rss_before_kib: u64,
    pub rss_connected_kib: u64,
    pub rss_after_kib: u64,
    /// Server CPU time from the first measured trigger to the last event's arrival.
    pub server_cpu_ns: u64,
}

impl Measurement {
    /// Server memory added per open connection, in KiB.
    pub fn kib_per_connection(&self) -> f64 {
        if self.connected == 0 {
            return 0.0;
        }
        self.rss_connected_kib.saturating_sub(self.rss_before_kib) as f64 / self.connected as f64
    }

    /// Server CPU time per delivered event (one event to one subscriber), in µs.
    /// Includes the trigger's own handling, spread over its deliveries.
    pub fn cpu_us_per_delivery(&self) -> f64 {
        if self.delivered == 0 {
            return 0.0;
        }
        self.server_cpu_ns as f64 / 1000.0 / self.delivered as f64
    }

    pub fn delivered_fraction(&self) -> f64 {
        if self.expected == 0 {
            0.0
        } else {
            self.delivered as f64 / self.expected as f64
        }
    }
}

/// A server that is up: where it listens and which process to weigh.
pub struct Running {
    pub target: Target,
    pub base: String,
    pub pid: u32,
}

/// Where the servers' executables are.
pub struct Executables {
    /// This tool (its `baseline-server` subcommand).
    pub load: PathBuf,
    /// The `plenum` binary.
    pub plenum: PathBuf,
}

/// Start the target as a child process, measure, and stop it.
pub async fn run(target: Target, exes: &Executables, opts: &Options) -> anyhow::Result<Measurement> {
    let server = match target {
        Target::Baseline => ServerUnderTest::baseline(&exes.load).await?,
        Target::Plenum => {
            anyhow::ensure!(
                exes.plenum.exists(),
                "no plenum binary at {}; build it with `cargo build --release -p plenum`",
                exes.plenum.display()
            );
            ServerUnderTest::plenum(&exes.plenum).await?
        }
    };
    let running = Running { target, base: server.base.clone(), pid: server.pid() };
    let result = measure(&running, opts).await;
    if result.is_err() {
        eprintln!("server log (last lines):\n{}", server.log_tail());
    }
    server.stop().await;
    result
}

/// What the subscribers connect to and what the chair does.
struct Plan {
    events_url: String,
    /// `Cookie` header values the subscribers take turns using.
    cookies: Vec<String>,
    trigger: Trigger,
}

async fn plan(running: &Running, client: &reqwest::Client, opts: &Options) -> anyhow::Result<Plan> {
    let base = running.base.clone();
    match running.target {
        Target::Baseline => Ok(Plan {
            events_url: format!("{base}/events"),
            cookies: vec![String::new()],
            trigger: Trigger::Baseline { base, like: opts.trigger },
        }),
        Target::Plenum => {
            let delegate = trigger::login(client, &base, "daibieu", "daibieu-2023").await?;
            let plenums: serde_json::Value = client
                .get(format!("{base}/api/v1/plenums"))
                .header(reqwest::header::COOKIE, &delegate.cookie)
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            let plenum_id = plenums[0]["id"].as_i64().context("the delegate sees no plenum")?;
            let mut cookies = vec![delegate.cookie];
            if opts.accounts > 1 {
                cookies.extend(delegate_accounts(client, &base, plenum_id, opts.accounts - 1).await?);
            }
            let events_url = format!("{base}/api/v1/events?plenum={plenum_id}");
            let trigger = match opts.trigger {
                PlenumTrigger::AgendaItem => {
                    let actor = trigger::login(client, &base, "thuky", "thuky-2023").await?;
                    Trigger::AgendaItem { base, plenum_id, actor }
                }
                // The warm-up click and the measured ones.
                PlenumTrigger::SpeakerList => {
                    Trigger::SpeakerList(SpeakerList::prepare(client, &base, plenum_id, opts.events + 1).await?)
                }
            };
            Ok(Plan { events_url, cookies, trigger })
        }
    }
}

/// Extra delegate accounts on the plenum, each signed in once.
async fn delegate_accounts(
    client: &reqwest::Client,
    base: &str,
    plenum_id: i64,
    count: usize,
) -> anyhow::Result<Vec<String>> {
    let admin: Session = trigger::login(client, base, "admin", "admin-2023").await?;
    let mut cookies = Vec::with_capacity(count);
    for i in 0..count {
        let (username, password) = (format!("bench{i:05}"), format!("bench-password-{i}"));
        let res = client
            .post(format!("{base}/api/v1/users"))
            .header(reqwest::header::COOKIE, &admin.cookie)
            .header("x-csrf-token", &admin.csrf)
            .json(&serde_json::json!({"username": username, "display_name": username, "password": password, "role": "delegate", "plenum_id": plenum_id}))
            .send()
            .await?;
        anyhow::ensure!(res.status().is_success(), "creating {username}: {}", res.status());
        cookies.push(trigger::login(client, base, &username, &password).await?.cookie);
    }
    Ok(cookies)
}

/// Measure fan-out on a server that is already up.
pub async fn measure(running: &Running, opts: &Options) -> anyhow::Result<Measurement> {
    anyhow::ensure!(opts.n > 0 && opts.events > 0, "need at least one subscriber and one event");
    anyhow::ensure!(opts.events < trigger::MAX_TRIGGERS, "at most {} events per run", trigger::MAX_TRIGGERS - 1);
    anyhow::ensure!(
        running.base.starts_with("http://127.") || running.base.starts_with("http://[::1]"),
        "only loopback servers are measured"
    );
    let control = reqwest::Client::new();
    let mut plan = plan(running, &control, opts).await?;
    // Warm-up: the first action after start-up pays for caches and prepared statements.
    plan.trigger.fire(&control, 0).await.context("warm-up trigger")?;
    tokio::time::sleep(opts.settle).await;
    let rss_before_kib = rss_kib(running.pid)?;

    // Subscribers get their own client, so the chair's requests never queue behind them.
    let subscribers = reqwest::Client::builder().pool_max_idle_per_host(0).build()?;
    let progress = Arc::new(Progress::new(opts.events));
    let (stop_tx, stop_rx) = watch::channel(false);
    let gate = Arc::new(Semaphore::new(opts.connect_concurrency.max(1)));
    let started = Instant::now();
    let mut handles = Vec::with_capacity(opts.n);
    for i in 0..opts.n {
        let permit = gate.clone().acquire_owned().await?;
        let cookie = plan.cookies[i % plan.cookies.len()].clone();
        handles.push(tokio::spawn(sse::subscribe(
            subscribers.clone(),
            plan.events_url.clone(),
            cookie,
            progress.clone(),
            permit,
            opts.connect_timeout,
            stop_rx.clone(),
        )));
    }
    // Every subscriber has connected or given up once all permits are back.
    let _all = gate.acquire_many(opts.connect_concurrency.max(1) as u32).await?;
    let connect_secs = started.elapsed().as_secs_f64();
    tokio::time::sleep(opts.settle).await;
    let rss_connected_kib = rss_kib(running.pid)?;

    let cpu_start = cpu_ns(running.pid)?;
    let mut sent = Vec::with_capacity(opts.events);
    let mut rtts = Vec::with_capacity(opts.events);
    for k in 0..opts.events {
        tokio::time::sleep(opts.gap).await;
        let at = Instant::now();
        plan.trigger.fire(&control, k + 1).await?;
        rtts.push(at.elapsed().as_micros() as u64);
        sent.push(at);
        // Closed loop: the next trigger waits until this event reached everyone (or timed out).
        let deadline = Instant::now() + opts.event_timeout;
        while progress.received[k].load(Ordering::SeqCst) < progress.alive() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }
    let server_cpu_ns = cpu_ns(running.pid)?.saturating_sub(cpu_start);
    let rss_after_kib = rss_kib(running.pid)?;
    let _ = stop_tx.send(true);
    let mut logs = Vec::with_capacity(handles.len());
    for h in handles {
        logs.push(h.await?);
    }

    let names: Vec<&str> = (1..=opts.events).map(|k| plan.trigger.event_name(k)).collect();
    let mut latencies = Vec::new();
    for log in logs.iter().flatten() {
        latencies.extend(attribute(log, &names, &sent));
    }
    let connected = progress.connected.load(Ordering::SeqCst);
    Ok(Measurement {
        target: running.target,
        n: opts.n,
        events: opts.events,
        connected,
        failed: progress.failed.load(Ordering::SeqCst),
        dropped: progress.dropped.load(Ordering::SeqCst),
        connect_secs,
        delivered: latencies.len(),
        expected: connected * opts.events,
        latency: Percentiles::of(latencies),
        trigger_rtt: Percentiles::of(rtts),
        rss_before_kib,
        rss_connected_kib,
        rss_after_kib,
        server_cpu_ns,
    })
}

/// Latencies (µs) of one subscriber's events: its j-th event answers the j-th
/// trigger and must be named `names[j]`. Counting stops at the first event that breaks that (wrong name, a
/// `resync`, an id that does not follow the previous one, or an arrival before
/// its trigger was sent), so a lost event is never mistaken for a delivered
/// one. Ids must be consecutive: during the measurement the triggers are the
/// only changes committed, each one event (a history entry on Plenum).
pub fn attribute(log: &[Received], names: &[&str], sent: &[Instant]) -> Vec<u64> {
    let mut out = Vec::new();
    let mut last_id: Option<i64> = None;
    for ((ev, at), name) in log.iter().zip(sent).zip(names) {
        let id = ev.id.as_deref().and_then(|i| i.parse::<i64>().ok());
        let in_order = match (last_id, id) {
            (Some(a), Some(b)) => b == a + 1,
            _ => true,
        };
        if ev.name != *name || !in_order || ev.at < *at {
            break;
        }
        last_id = id;
        out.push(ev.at.duration_since(*at).as_micros() as u64);
    }
    out
}

fn ms(us: u64) -> String {
    format!("{:.1}", us as f64 / 1000.0)
}

pub const DETAIL_HEADER: &str = "| target | N | connected | connect s | delivered | p50 ms | p99 ms | max ms | trigger answer p50 ms | server CPU µs/delivery | RSS before MiB | RSS connected MiB | RSS after events MiB | KiB/conn |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

/// One Markdown table row for one (target, N).
pub fn detail_row(m: &Measurement) -> String {
    format!(
        "| {} | {} | {} | {:.1} | {:.2}% | {} | {} | {} | {} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} |",
        m.target.name(),
        m.n,
        m.connected,
        m.connect_secs,
        m.delivered_fraction() * 100.0,
        ms(m.latency.p50),
        ms(m.latency.p99),
        ms(m.latency.max),
        ms(m.trigger_rtt.p50),
        m.cpu_us_per_delivery(),
        m.rss_before_kib as f64 / 1024.0,
        m.rss_connected_kib as f64 / 1024.0,
        m.rss_after_kib as f64 / 1024.0,
        m.kib_per_connection(),
    )
}

pub const COMPARE_HEADER: &str = "| N | baseline p50 ms | baseline p99 ms | plenum p50 ms | plenum p99 ms | ratio p99 | CPU µs/delivery baseline | CPU µs/delivery plenum | KiB/conn baseline | KiB/conn plenum | delivered (baseline / plenum) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn delivered_all(ms: &[&Measurement]) -> f64 {
    let (d, e) = ms.iter().fold((0, 0), |(d, e), m| (d + m.delivered, e + m.expected));
    if e == 0 {
        0.0
    } else {
        d as f64 / e as f64 * 100.0
    }
}

/// Baseline and Plenum side by side for one N: the median of each figure over
/// the repeated runs (one run: its figures). The ratio is the median of the
/// ratios of runs made one after the other, which saw the same neighbours on
/// the machine.
pub fn compare_row(b: &[&Measurement], p: &[&Measurement]) -> String {
    let med = |ms: &[&Measurement], f: &dyn Fn(&Measurement) -> f64| median(ms.iter().map(|m| f(m)).collect());
    let (b50, b99) = (med(b, &|m| m.latency.p50 as f64 / 1000.0), med(b, &|m| m.latency.p99 as f64 / 1000.0));
    let (p50, p99) = (med(p, &|m| m.latency.p50 as f64 / 1000.0), med(p, &|m| m.latency.p99 as f64 / 1000.0));
    let ratio = median(b.iter().zip(p).map(|(b, p)| p.latency.p99 as f64 / b.latency.p99.max(1) as f64).collect());
    format!(
        "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2} | {:.2} | {:.2} | {:.1} | {:.1} | {:.2}% / {:.2}% |",
        p.first().map(|m| m.n).unwrap_or(0),
        b50,
        b99,
        p50,
        p99,
        ratio,
        med(b, &|m| m.cpu_us_per_delivery()),
        med(p, &|m| m.cpu_us_per_delivery()),
        med(b, &|m| m.kib_per_connection()),
        med(p, &|m| m.kib_per_connection()),
        delivered_all(b),
        delivered_all(p),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(name: &str, id: i64, at: Instant) -> Received {
        Received { name: name.into(), id: Some(id.to_string()), at }
    }

    #[test]
    fn a_subscriber_that_lost_an_event_is_credited_only_up_to_the_gap() {
        let t0 = Instant::now();
        let sent: Vec<Instant> = (0..4).map(|i| t0 + Duration::from_millis(100 * i)).collect();
        let ms = |m: u64| t0 + Duration::from_millis(m);
        let whole = [ev("x", 1, ms(5)), ev("x", 2, ms(107)), ev("x", 3, ms(201)), ev("x", 4, ms(350))];
        let x = ["x"; 4];
        assert_eq!(attribute(&whole, &x, &sent), vec![5_000, 7_000, 1_000, 50_000]);
        let resynced = [ev("x", 1, ms(5)), ev("resync", 0, ms(250)), ev("x", 4, ms(350))];
        assert_eq!(attribute(&resynced, &x, &sent), vec![5_000]);
        // Event 2 never came; event 3 must not be taken for it.
        let skipped = [ev("x", 1, ms(5)), ev("x", 3, ms(201))];
        assert_eq!(attribute(&skipped, &x, &sent), vec![5_000]);
        let early = [ev("x", 1, ms(5)), ev("x", 2, ms(99))];
        assert_eq!(attribute(&early, &x, &sent), vec![5_000]);
        // The speaker list alternates names; an event under the other name is not the one expected.
        let names = ["speaker.started", "speaker.stopped", "speaker.started", "speaker.stopped"];
        let alternating =
            [ev("speaker.started", 1, ms(5)), ev("speaker.stopped", 2, ms(107)), ev("speaker.stopped", 3, ms(201))];
        assert_eq!(attribute(&alternating, &names, &sent), vec![5_000, 7_000]);
    }

    fn run(target: Target, p99_ms: u64) -> Measurement {
        let latency = Percentiles { p50: p99_ms * 500, p99: p99_ms * 1000, max: p99_ms * 1000, count: 1 };
        Measurement {
            target,
            n: 10,
            events: 1,
            connected: 10,
            failed: 0,
            dropped: 0,
            connect_secs: 0.0,
            delivered: 10,
            expected: 10,
            latency,
            trigger_rtt: latency,
            rss_before_kib: 0,
            rss_connected_kib: 0,
            rss_after_kib: 0,
            server_cpu_ns: 0,
        }
    }

    #[test]
    fn the_ratio_compares_runs_made_side_by_side() {
        // A busy moment slows the second pair for both servers alike.
        let b = [run(Target::Baseline, 10), run(Target::Baseline, 100), run(Target::Baseline, 12)];
        let p = [run(Target::Plenum, 11), run(Target::Plenum, 110), run(Target::Plenum, 100)];
        let row = compare_row(&b.iter().collect::<Vec<_>>(), &p.iter().collect::<Vec<_>>());
        // Medians of p99: 12 and 100 ms; of the ratios 1.1, 1.1 and 8.3: 1.1.
        assert!(row.starts_with("| 10 | 6.0 | 12.0 | 50.0 | 100.0 | 1.10 |"), "{row}");
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let p = Percentiles::of((1..=100).rev().collect());
        assert_eq!((p.p50, p.p99, p.max, p.count), (50, 99, 100, 100));
        assert_eq!(Percentiles::of(vec![]).count, 0);
    }
}
