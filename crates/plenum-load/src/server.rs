//! The server under test, run as a child process on a loopback port, so its
//! memory can be read from `/proc` apart from the load tool's own.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long a server may take to start (Plenum seeds the demo and hashes its
/// passwords first, on a machine others are compiling on).
const START_TIMEOUT: Duration = Duration::from_secs(180);

pub struct ServerUnderTest {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pid: u32,
    /// Holds Plenum's data folder and the child's log until the run ends.
    dir: tempfile::TempDir,
}

impl ServerUnderTest {
    /// `plenum-load baseline-server` from this very executable.
    pub async fn baseline(exe: &Path) -> anyhow::Result<ServerUnderTest> {
        let mut cmd = Command::new(exe);
        cmd.args(["baseline-server", "--listen", "127.0.0.1:0"]);
        start(cmd).await
    }

    /// `plenum serve --demo` on a fresh data folder.
    pub async fn plenum(bin: &Path) -> anyhow::Result<ServerUnderTest> {
        let mut cmd = Command::new(bin);
        // Request logs at `info` would cost the server under test time that
        // the baseline does not spend.
        cmd.env("PLENUM_LOG", "warn");
        // Every subscriber streams as one account from one address: lift those bounds.
        cmd.env("PLENUM_MAX_STREAMS_PER_ACCOUNT", "1000000000");
        cmd.env("PLENUM_MAX_STREAMS_PER_ADDRESS", "1000000000");
        cmd.env("PLENUM_MAX_CONNECTIONS_PER_ADDRESS", "1000000000");
        start_in(cmd, |cmd, dir| {
            cmd.arg("--data-dir").arg(dir.join("data")).args(["serve", "--demo", "--listen", "127.0.0.1:0"]);
        })
        .await
    }

    /// `plenum serve` on a database seeded beforehand: the data folder's
    /// SQLite file, or the PostgreSQL database `database` names (the data
    /// folder then holds only the poll key).
    pub async fn plenum_on(bin: &Path, data_dir: &Path, database: Option<&str>) -> anyhow::Result<ServerUnderTest> {
        let mut cmd = Command::new(bin);
        cmd.env("PLENUM_LOG", "warn");
        // Every voter votes from this one address.
        cmd.env("PLENUM_MAX_CONNECTIONS_PER_ADDRESS", "1000000000");
        cmd.arg("--data-dir").arg(data_dir);
        if let Some(url) = database {
            cmd.arg("--database").arg(url);
        }
        cmd.args(["serve", "--listen", "127.0.0.1:0"]);
        start(cmd).await
    }

    /// Resident memory of the server process, in KiB (`VmRSS` in `/proc/PID/status`).
    pub fn rss_kib(&self) -> anyhow::Result<u64> {
        rss_kib(self.pid)
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The last lines the server wrote to stderr, to explain a failure.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    pub async fn stop(mut self) {
        let _ = self.child.start_kill();
        let _ = tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await;
    }
}

async fn start(cmd: Command) -> anyhow::Result<ServerUnderTest> {
    start_in(cmd, |_, _| {}).await
}

async fn start_in(mut cmd: Command, args: impl FnOnce(&mut Command, &Path)) -> anyhow::Result<ServerUnderTest> {
    let dir = tempfile::tempdir()?;
    args(&mut cmd, dir.path());
    let log = std::fs::File::create(dir.path().join("server.log"))?;
    // The working folder is the temp folder, so no `plenum.toml` nearby changes the settings.
    cmd.current_dir(dir.path()).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(log).kill_on_drop(true);
    let mut child = cmd.spawn().with_context(|| format!("starting {:?}", cmd.as_std().get_program()))?;
    let pid = child.id().context("the server exited at once")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + START_TIMEOUT;
    // Both servers print `… listening on http://ADDR` once they are bound to a free port.
    let base = loop {
        let line = tokio::time::timeout_at(deadline.into(), lines.next_line())
            .await
            .context("the server did not start in time")??
            .context("the server exited before listening")?;
        if let Some((_, addr)) = line.split_once("listening on ") {
            break addr.trim().to_string();
        }
    };
    // Keep reading so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let server = ServerUnderTest { child, base, pid, dir };
    wait_healthy(&server, deadline).await?;
    Ok(server)
}

async fn wait_healthy(server: &ServerUnderTest, deadline: Instant) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    loop {
        if let Ok(r) = client.get(format!("{}/healthz", server.base)).send().await {
            if r.status().is_success() {
                return Ok(());
            }
        }
        anyhow::ensure!(Instant::now() < deadline, "the server did not become healthy in time:\n{}", server.log_tail());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("no VmRSS line")?;
    Ok(line.split_whitespace().nth(1).context("VmRSS without a value")?.parse()?)
}

/// CPU time the process has used so far, in nanoseconds: user plus system
/// time from `/proc/PID/stat`, which keeps the time of threads that have
/// ended (a per-thread sum would lose, say, a finished password hash). Its
/// unit is the clock tick (10 ms), fine against runs of a second or more.
/// Unlike wall time it barely changes when other work competes for the cores.
pub fn cpu_ns(pid: u32) -> anyhow::Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name may hold spaces and parentheses; the fields after it do not.
    let rest = stat.rsplit_once(')').context("malformed stat")?.1;
    let field =
        |n: usize| -> anyhow::Result<u64> { Ok(rest.split_whitespace().nth(n).context("short stat")?.parse()?) };
    // Fields 14 and 15 of the file (utime, stime); `rest` starts at field 3.
    let ticks = field(11)? + field(12)?;
    // SAFETY: sysconf only reads a configuration value.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Ok(ticks * 1_000_000_000 / per_second)
}

/// Raise this process's open-file limit to its hard limit; children inherit it.
/// Returns the limit now in force.
pub fn raise_open_files() -> u64 {
    // SAFETY: getrlimit/setrlimit only read and write the struct passed in.
    unsafe {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 0;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit { rlim_cur: lim.rlim_max, rlim_max: lim.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                return raised.rlim_cur;
            }
        }
        lim.rlim_cur
    }
}

/// The `plenum` binary next to this executable (both built by the same
/// `cargo build --release -p plenum -p plenum-load`).
pub fn sibling_plenum() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("plenum")))
        .unwrap_or_else(|| PathBuf::from("plenum"))
}
