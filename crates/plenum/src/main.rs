//! `plenum`: one binary that serves the product and administers its data.

mod config;
mod poll;
mod tally;
mod text_tools;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use config::Settings;
use plenum_app::accounts::{tokens, users};
use plenum_app::App;
use plenum_core::access::{Grant, GrantScope, Role};
use plenum_store::Actor;

#[derive(Parser)]
#[command(name = "plenum", version, about = "Runs a committee's plenum from agenda to follow-up.")]
struct Cli {
    /// Config file (TOML). Default: ./plenum.toml if present.
    #[arg(long, global = true, env = "PLENUM_CONFIG")]
    config: Option<PathBuf>,
    /// Folder for the embedded database.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB.
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web interface and the API.
    Serve {
        /// Address to listen on.
        #[arg(long)]
        listen: Option<String>,
        /// Load the demo plenum (the Hanoi Party Committee's 11th plenum) into an empty database and print the demo accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Create or update the database schema.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Check the hash chain of the history; exits non-zero naming the first bad entry.
    VerifyLog,
    /// Write every table to a portable backup file.
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Load a backup file into an empty database (SQLite or PostgreSQL).
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Print an annotated example configuration.
    Config,
    /// Work on recorded opinions.
    Opinions {
        #[command(subcommand)]
        command: OpinionsCommand,
    },
    /// Work on text.
    Text {
        #[command(subcommand)]
        command: TextCommand,
    },
    /// Count a motion or an election: one JSON document on standard input
    /// ({"kind":"motion"|"election","rules":"party-committee",…}), the result
    /// as one JSON document on standard output.
    Tally,
    /// Check a published secret poll offline: its signature, its Merkle root
    /// and a recount of its ballots; exit 1 naming the first check that fails.
    VerifyPoll {
        /// The published poll (JSON, format plenum-poll/1).
        #[arg(long)]
        from: PathBuf,
        /// Require this public key (hex), as Plenum shows it.
        #[arg(long)]
        expect_key: Option<String>,
        /// Also check that the ballot with this receipt code is included.
        #[arg(long)]
        receipt: Option<String>,
    },
    /// Show or rotate the key that signs published secret poll results.
    PollKey {
        #[command(subcommand)]
        command: poll::PollKeyCommand,
    },
}

#[derive(Subcommand)]
enum OpinionsCommand {
    /// Group opinions that make the same point: JSON lines {"id","text","item"?} on standard
    /// input, one {"id","cluster"} line per opinion on standard output, in the same order.
    Cluster {
        /// Similarity (0 to 1] at which groups merge; higher gives fewer, surer merges.
        #[arg(long, default_value_t = plenum_core::synthesize::DEFAULT_THRESHOLD)]
        threshold: f64,
    },
}

#[derive(Subcommand)]
enum TextCommand {
    /// Standard input as NFC Unicode on standard output, converting text typed in the legacy
    /// TCVN3 (ABC) or VNI fonts; bytes that are not UTF-8 are read as Windows-1252.
    Normalize {
        /// Convert from this encoding instead of detecting it.
        #[arg(long, value_enum)]
        from: Option<text_tools::From>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account; the password is read from standard input.
    Add {
        #[arg(long)]
        username: String,
        /// admin, secretary, chair, delegate, guest, group_secretary, task_officer or auditor.
        #[arg(long)]
        role: String,
        #[arg(long)]
        password_stdin: bool,
        /// Display name (defaults to the username).
        #[arg(long)]
        display_name: Option<String>,
        /// The organization the role applies to (and everything below it).
        #[arg(long)]
        org: Option<i64>,
        /// The plenum the role applies to.
        #[arg(long)]
        plenum: Option<i64>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Print a new bearer token for API clients.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "cli")]
        label: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("plenum: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn overrides(cli: &Cli) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    if let Some(d) = &cli.data_dir {
        o.insert("data_dir".into(), d.display().to_string().into());
    }
    if let Some(d) = &cli.database {
        o.insert("database".into(), d.clone().into());
    }
    if let Command::Serve { listen: Some(l), .. } = &cli.command {
        o.insert("listen".into(), l.clone().into());
    }
    serde_json::Value::Object(o)
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Config => {
            print!("{}", config::EXAMPLE);
            return Ok(ExitCode::SUCCESS);
        }
        // The text tools need no settings and no database.
        Command::Opinions { command: OpinionsCommand::Cluster { threshold } } => {
            text_tools::cluster_opinions(std::io::stdin().lock(), std::io::stdout().lock(), threshold)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Tally => {
            tally::tally(std::io::stdin().lock(), std::io::stdout().lock())?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::VerifyPoll { ref from, ref expect_key, ref receipt } => {
            let out = &mut std::io::stdout().lock();
            return poll::verify_poll(from, expect_key.as_deref(), receipt.as_deref(), out);
        }
        Command::Text { command: TextCommand::Normalize { from } } => {
            if let Some(from) = text_tools::normalize_text(std::io::stdin().lock(), std::io::stdout().lock(), from)? {
                eprintln!("converted from {from}");
            }
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let settings = Settings::load(cli.config.as_ref(), overrides(&cli))?;
    plenum_web::launch::init_logging(settings.log_json);
    if let Command::Serve { demo, .. } = cli.command {
        return serve(settings, demo).await;
    }
    if let Command::PollKey { command } = &cli.command {
        return poll::key(command, &settings, &mut std::io::stdout().lock());
    }
    let store = plenum_web::launch::open_backend(&settings.database_url()).await?;
    store.migrate().await?;
    match cli.command {
        Command::Serve { .. } => unreachable!("handled above"),
        Command::Migrate => {
            println!("schema up to date ({})", store.backend());
            Ok(ExitCode::SUCCESS)
        }
        Command::User { command: UserCommand::Add { username, role, password_stdin, display_name, org, plenum } } => {
            let role = Role::parse(&role)
                .ok_or_else(|| anyhow::anyhow!("unknown role {role:?}; use one of: {}", role_names()))?;
            if !password_stdin {
                anyhow::bail!("give the password on standard input with --password-stdin");
            }
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']).to_string();
            // Whoever runs the command line holds the database: the operator needs no grant.
            let account = users::NewAccount {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                password,
                grant: Grant { role, scope: GrantScope { org, plenum } },
            };
            let user = users::add(&App::new(store), &Actor::system("cli"), account).await.map_err(describe)?;
            println!("added {} as {}", user.username, role.as_str());
            Ok(ExitCode::SUCCESS)
        }
        Command::Token { command: TokenCommand::Create { username, label } } => {
            let secret = match tokens::create(&App::new(store), &Actor::system("cli"), &username, &label).await {
                Err(plenum_app::Error::NotFound) => anyhow::bail!("no account named {username:?}"),
                other => other.map_err(describe)?,
            };
            println!("{secret}");
            Ok(ExitCode::SUCCESS)
        }
        Command::VerifyLog => match plenum_store::verify_history(store.as_ref()).await? {
            Ok(n) => {
                println!("history intact: {n} entries");
                Ok(ExitCode::SUCCESS)
            }
            Err(b) => {
                eprintln!("history broken at entry {}: {b}", b.seq());
                Ok(ExitCode::from(1))
            }
        },
        Command::Backup { to } => {
            let backup = plenum_store::backup::export_checked(store.as_ref()).await.map_err(describe)?;
            let file = std::fs::File::create(&to)?;
            serde_json::to_writer(std::io::BufWriter::new(file), &backup)?;
            let rows: usize = backup.tables.iter().map(|t| t.rows.len()).sum();
            println!("wrote {} ({} tables, {rows} rows)", to.display(), backup.tables.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { from } => {
            let file = std::fs::File::open(&from)?;
            let backup: plenum_store::backup::Backup = serde_json::from_reader(std::io::BufReader::new(file))?;
            plenum_store::backup::import_checked(store.as_ref(), &backup).await.map_err(describe)?;
            println!("restored {} into {}", from.display(), store.backend());
            Ok(ExitCode::SUCCESS)
        }
        Command::Config
        | Command::Opinions { .. }
        | Command::Text { .. }
        | Command::Tally
        | Command::VerifyPoll { .. }
        | Command::PollKey { .. } => {
            unreachable!("handled above")
        }
    }
}

fn role_names() -> String {
    Role::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
}

/// Refusals, in words for the command line.
fn describe(e: impl Into<plenum_app::Error>) -> anyhow::Error {
    use plenum_app::Error as E;
    use plenum_store::Conflict;
    match e.into() {
        E::Invalid(f) if f.0.iter().any(|x| x.field == "password" && x.code == "too-short") => {
            anyhow::anyhow!("the password must have at least {} characters", users::MIN_PASSWORD_CHARS)
        }
        E::Invalid(f) => {
            let parts: Vec<String> = f.0.iter().map(|x| format!("{}: {}", x.field, x.code)).collect();
            anyhow::anyhow!("invalid input: {}", parts.join(", "))
        }
        E::Conflict(
            Conflict::UsernameTaken
            | Conflict::OrdinalTaken
            | Conflict::TermTaken
            | Conflict::GroupNameTaken
            | Conflict::AlreadySummoned
            | Conflict::Duplicate,
        ) => anyhow::anyhow!("that already exists"),
        E::Conflict(Conflict::NotEmpty) => {
            anyhow::anyhow!("the database is not empty; restore only into an empty database")
        }
        other => anyhow::anyhow!(other),
    }
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<ExitCode> {
    use plenum_web::launch::{Application, Launch, PollKey};
    let launch = Launch {
        database_url: settings.database_url(),
        demo,
        web: settings.web()?,
        rules: plenum_app::Rules { attendance: settings.attendance()? },
        poll_key: match &settings.poll_signing_key {
            Some(path) if !path.as_os_str().is_empty() => PollKey::Configured(path.clone()),
            _ => PollKey::DataFolder(settings.poll_key_path()),
        },
    };
    let listener = tokio::net::TcpListener::bind(&settings.listen).await?;
    let app = Application::build(&launch, listener).await?;
    if app.loaded_demo() {
        println!("Loaded the demo plenum: Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ Thành phố Hà Nội khóa XVII.");
    }
    if demo {
        println!("Demo accounts (demo mode only):");
        for a in plenum_app::demo::accounts() {
            println!("  {:<10} {:<14} {}", a.username, a.password, a.role.as_str());
        }
    }
    println!("Plenum ({}) listening on http://{}", app.store().backend(), app.local_addr()?);
    app.run_until(shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
