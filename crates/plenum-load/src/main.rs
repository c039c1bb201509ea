//! `plenum-load`: see the library's documentation and docs/PERFORMANCE.md.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use plenum_load::fanout::{self, Executables, Measurement, Options, Target};
use plenum_load::trigger::PlenumTrigger;
use plenum_load::{search, server, votes};

#[derive(Parser)]
#[command(
    name = "plenum-load",
    about = "Plenum's load tool: SSE fan-out against Plenum and a bare baseline; search over a large record."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the bare broadcast-to-SSE baseline (GET /events, POST /publish).
    BaselineServer {
        /// A loopback address; port 0 picks a free one.
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: SocketAddr,
    },
    /// Measure fan-out latency and memory per connection; prints Markdown tables.
    Fanout {
        /// Servers to measure, in this order for each N.
        #[arg(long, value_delimiter = ',', default_value = "baseline,plenum")]
        target: Vec<Target>,
        /// Subscriber counts.
        #[arg(long, value_delimiter = ',', default_value = "1000,2000,5000,10000")]
        n: Vec<usize>,
        /// Measured events per run.
        #[arg(long, default_value_t = 50)]
        events: usize,
        /// Pause before each event, in milliseconds.
        #[arg(long, default_value_t = 100)]
        gap_ms: u64,
        /// Longest wait for one event to reach every subscriber, in seconds.
        #[arg(long, default_value_t = 30)]
        event_timeout_secs: u64,
        /// Subscribers connecting at the same time.
        #[arg(long, default_value_t = 200)]
        connect_concurrency: usize,
        /// Distinct delegate accounts the Plenum subscribers are spread over (1 = all use `daibieu`).
        #[arg(long, default_value_t = 1)]
        accounts: usize,
        /// The Plenum action that publishes each event.
        #[arg(long, value_enum, default_value = "speaker-list")]
        trigger: PlenumTrigger,
        /// The `plenum` binary (default: next to this executable).
        #[arg(long)]
        plenum_bin: Option<PathBuf>,
        /// Measure every (N, target) this many times, interleaved; the comparison shows medians.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// Give up on one (target, N) after this many seconds.
        #[arg(long, default_value_t = 1800)]
        run_timeout_secs: u64,
    },
    /// Time search over a large record on each backend, beside `SELECT 1` and a `LIKE` scan;
    /// prints a Markdown table.
    Search {
        /// Backends to measure, in this order.
        #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
        backend: Vec<search::Backend>,
        /// Opinions in the database.
        #[arg(long, default_value_t = 100_000)]
        opinions: usize,
        /// Plenums the opinions are spread over evenly; search looks in the first, as the
        /// product searches one plenum at a time. 1 puts every opinion in the plenum searched.
        #[arg(long, default_value_t = 100)]
        plenums: usize,
        /// Queries timed per statement.
        #[arg(long, default_value_t = 500)]
        queries: usize,
        /// The seed of the record and the queries.
        #[arg(long, default_value_t = 11)]
        seed: u64,
        /// The PostgreSQL server scratch databases are made on (and dropped from).
        #[arg(long, env = "PLENUM_TEST_POSTGRES", default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
        postgres: String,
    },
    /// Every voter votes once, all at the same moment, over HTTP; beside raw SQLite
    /// insert loops with the same durability. Prints a Markdown table.
    Votes {
        /// Backends to measure, in this order.
        #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
        backend: Vec<search::Backend>,
        /// Voter counts.
        #[arg(long, value_delimiter = ',', default_value = "2000,5000,10000")]
        voters: Vec<usize>,
        /// Secret ballots with receipts instead of named votes.
        #[arg(long)]
        secret: bool,
        /// Requests in flight at once.
        #[arg(long, default_value_t = 256)]
        concurrency: usize,
        /// Votes in the one-transaction-per-vote baseline (it is slow by design).
        #[arg(long, default_value_t = 2000)]
        baseline_votes: usize,
        /// The `plenum` binary (default: next to this executable).
        #[arg(long)]
        plenum_bin: Option<PathBuf>,
        /// The PostgreSQL server scratch databases are made on (and dropped from).
        #[arg(long, env = "PLENUM_TEST_POSTGRES", default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
        postgres: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("plenum-load: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let open_files = server::raise_open_files();
    match cli.command {
        Command::BaselineServer { listen } => {
            plenum_load::baseline::serve(listen).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Fanout {
            target,
            n,
            events,
            gap_ms,
            event_timeout_secs,
            connect_concurrency,
            accounts,
            trigger,
            plenum_bin,
            repeat,
            run_timeout_secs,
        } => {
            let exes = Executables {
                load: std::env::current_exe()?,
                plenum: plenum_bin.unwrap_or_else(server::sibling_plenum),
            };
            eprintln!("open-file limit {open_files}; {} event(s) per run", events);
            let mut results: Vec<Measurement> = Vec::new();
            let mut ok = true;
            println!("{}", fanout::DETAIL_HEADER);
            let rounds = n.iter().flat_map(|&c| std::iter::repeat_n(c, repeat.max(1)));
            for count in rounds {
                for &t in &target {
                    let opts = Options {
                        n: count,
                        events,
                        gap: Duration::from_millis(gap_ms),
                        event_timeout: Duration::from_secs(event_timeout_secs),
                        connect_concurrency,
                        accounts,
                        trigger,
                        ..Options::default()
                    };
                    eprintln!("{} with {count} subscribers …", t.name());
                    match tokio::time::timeout(Duration::from_secs(run_timeout_secs), fanout::run(t, &exes, &opts))
                        .await
                    {
                        Ok(Ok(m)) => {
                            println!("{}", fanout::detail_row(&m));
                            results.push(m);
                        }
                        Ok(Err(e)) => {
                            ok = false;
                            println!(
                                "| {} | {count} | failed: {} |",
                                t.name(),
                                format!("{e:#}").replace('|', "/").replace('\n', " ")
                            );
                        }
                        Err(_) => {
                            ok = false;
                            println!("| {} | {count} | gave up after {run_timeout_secs} s |", t.name());
                        }
                    }
                    std::io::stdout().flush()?;
                }
            }
            let of = |c: usize, t: Target| results.iter().filter(|m| m.n == c && m.target == t).collect::<Vec<_>>();
            let pairs: Vec<_> = n
                .iter()
                .map(|&c| (of(c, Target::Baseline), of(c, Target::Plenum)))
                .filter(|(b, p)| !b.is_empty() && !p.is_empty())
                .collect();
            if !pairs.is_empty() {
                println!("\n{}", fanout::COMPARE_HEADER);
                for (b, p) in pairs {
                    println!("{}", fanout::compare_row(&b, &p));
                }
            }
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Votes { backend, voters, secret, concurrency, baseline_votes, plenum_bin, postgres } => {
            let plenum = plenum_bin.unwrap_or_else(server::sibling_plenum);
            println!("{}", votes::HEADER);
            for &n in &voters {
                for &b in &backend {
                    let opts = votes::Options {
                        voters: n,
                        secret,
                        concurrency,
                        postgres: postgres.clone(),
                        plenum: plenum.clone(),
                    };
                    println!("{}", votes::storm(b, &opts).await?.row());
                    std::io::stdout().flush()?;
                }
                println!("{}", votes::sqlite_baseline(baseline_votes.min(n), 1).await?.row());
                println!("{}", votes::sqlite_baseline(n, 512).await?.row());
                std::io::stdout().flush()?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { backend, opinions, plenums, queries, seed, postgres } => {
            let opts = search::Options { opinions, plenums: plenums.max(1), queries, seed, postgres };
            println!("{}", search::HEADER);
            for b in backend {
                for t in search::measure(b, &opts).await? {
                    println!("{}", t.row(b));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
