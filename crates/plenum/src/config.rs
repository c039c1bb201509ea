//! Settings, layered: built-in defaults < config file < `PLENUM_*` environment
//! variables < command-line flags.

use std::path::PathBuf;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use plenum_core::conduct::quorum::Fraction;
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
pub struct Settings {
    pub listen: String,
    pub data_dir: PathBuf,
    /// `sqlite://PATH` or `postgres://…`; empty means SQLite in `data_dir`.
    pub database: Option<String>,
    pub secure_cookies: bool,
    pub session_hours: i64,
    pub log_json: bool,
    /// Attendance a plenum needs, as a share of all members ("2/3").
    pub attendance: String,
    /// A reconnecting live stream is replayed at most this many missed changes…
    pub live_replay_events: u64,
    /// …none older than this many minutes; past either it reloads.
    pub live_replay_minutes: u64,
    /// Proxies (addresses or networks) whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<String>,
    /// Seconds a connection may take to send a request's head, or sit idle.
    pub header_read_timeout_secs: u64,
    pub max_connections: usize,
    pub max_connections_per_address: usize,
    pub max_streams_per_address: usize,
    pub max_streams_per_account: usize,
    /// CSP `frame-ancestors` sources allowed to embed the hall screen.
    pub projector_frame_ancestors: Option<String>,
    /// The key file that signs published secret poll results; unset, it is
    /// `poll-signing.key` in `data_dir`, made on first start. A configured
    /// file is only read (`PollSigner::load`): with several nodes, making one
    /// on a node that lacks it would give that node a key of its own.
    pub poll_signing_key: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        let web = plenum_web::WebConfig::default();
        Settings {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./plenum-data"),
            database: None,
            secure_cookies: false,
            session_hours: 12,
            log_json: false,
            attendance: "2/3".into(),
            live_replay_events: 10_000,
            live_replay_minutes: 30,
            trusted_proxies: Vec::new(),
            header_read_timeout_secs: web.header_read_timeout.as_secs(),
            max_connections: web.max_connections,
            max_connections_per_address: web.max_connections_per_address,
            max_streams_per_address: web.max_streams_per_address,
            max_streams_per_account: web.max_streams_per_account,
            projector_frame_ancestors: None,
            poll_signing_key: None,
        }
    }
}

/// The database URL may carry a password; never print it.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database", &self.database.as_deref().map(redact))
            .field("secure_cookies", &self.secure_cookies)
            .field("session_hours", &self.session_hours)
            .field("log_json", &self.log_json)
            .field("attendance", &self.attendance)
            .field("live_replay_events", &self.live_replay_events)
            .field("live_replay_minutes", &self.live_replay_minutes)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("header_read_timeout_secs", &self.header_read_timeout_secs)
            .field("max_connections", &self.max_connections)
            .field("max_connections_per_address", &self.max_connections_per_address)
            .field("max_streams_per_address", &self.max_streams_per_address)
            .field("max_streams_per_account", &self.max_streams_per_account)
            .field("projector_frame_ancestors", &self.projector_frame_ancestors)
            .field("poll_signing_key", &self.poll_signing_key)
            .finish()
    }
}

pub use plenum_web::launch::redact;

impl Settings {
    /// Load the layers. `overrides` holds only the flags actually given.
    pub fn load(file: Option<&PathBuf>, overrides: serde_json::Value) -> anyhow::Result<Settings> {
        let mut fig = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) if !path.exists() => anyhow::bail!("config file {} does not exist", path.display()),
            Some(path) => fig = fig.merge(Toml::file(path)),
            None => fig = fig.merge(Toml::file("plenum.toml")),
        }
        fig = fig.merge(Env::prefixed("PLENUM_")).merge(Serialized::globals(overrides));
        Ok(fig.extract()?)
    }

    /// The attendance rule, or an error naming the setting.
    pub fn attendance(&self) -> anyhow::Result<Fraction> {
        Fraction::parse(&self.attendance).ok_or_else(|| {
            anyhow::anyhow!(
                "attendance = {:?} is not a share of the members; write it as a fraction such as \"2/3\" (at least 1/1000, at most 1/1)",
                self.attendance
            )
        })
    }

    /// The web layer's settings these resolve to; a proxy that does not parse is an error.
    pub fn web(&self) -> anyhow::Result<plenum_web::WebConfig> {
        let trusted_proxies = self
            .trusted_proxies
            .iter()
            .map(|p| {
                plenum_web::client::parse_proxy(p)
                    .ok_or_else(|| anyhow::anyhow!("trusted_proxies: {p:?} is not an address or a network"))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(plenum_web::WebConfig {
            secure_cookies: self.secure_cookies,
            session_hours: self.session_hours,
            sse_replay_events: self.live_replay_events,
            sse_replay_age: std::time::Duration::from_secs(self.live_replay_minutes.saturating_mul(60)),
            trusted_proxies,
            header_read_timeout: std::time::Duration::from_secs(self.header_read_timeout_secs.max(1)),
            max_connections: self.max_connections,
            max_connections_per_address: self.max_connections_per_address,
            max_streams_per_address: self.max_streams_per_address,
            max_streams_per_account: self.max_streams_per_account,
            projector_frame_ancestors: self.projector_frame_ancestors.clone().filter(|f| !f.trim().is_empty()),
            ..Default::default()
        })
    }

    /// The poll signing key's file: the one configured, else in the data folder
    /// beside the embedded database.
    pub fn poll_key_path(&self) -> PathBuf {
        match &self.poll_signing_key {
            Some(path) if !path.as_os_str().is_empty() => path.clone(),
            _ => self.data_dir.join(plenum_app::decide::signing::KEY_FILE),
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database {
            Some(url) if !url.trim().is_empty() => url.trim().to_string(),
            _ => format!("sqlite://{}", self.data_dir.join("plenum.sqlite3").display()),
        }
    }
}

/// What `plenum config` prints.
pub const EXAMPLE: &str = r#"# plenum.toml — Plenum's configuration.
# Every setting can also be given as an environment variable PLENUM_<NAME>
# (e.g. PLENUM_LISTEN) or as a flag (e.g. --listen); flags win over the
# environment, which wins over this file, which wins over the defaults shown.

# Address and port to serve on.
listen = "127.0.0.1:8080"

# Folder for the embedded database and other data.
data_dir = "./plenum-data"

# Database URL. Leave unset for embedded SQLite in data_dir. For several nodes
# sharing one database, point every node at the same PostgreSQL:
#   database = "postgres://plenum:secret@db.example:5432/plenum"
# database = "sqlite://./plenum-data/plenum.sqlite3"

# Mark cookies Secure. Turn on when users reach Plenum over HTTPS.
secure_cookies = false

# How long a sign-in lasts, in hours.
session_hours = 12

# Log as JSON lines instead of text.
log_json = false

# Attendance a plenum needs, as a share of all its members. The Party Charter
# fixes none for a committee plenum; 2/3 follows a congress (art. 11(6)).
attendance = "2/3"

# A tablet that lost its live connection is sent what it missed, at most this
# many changes and none older than this many minutes; past that it reloads.
live_replay_events = 10000
live_replay_minutes = 30
# Proxies in front of Plenum (addresses or networks). Only from these does
# X-Forwarded-For name the client; sign-in throttles and per-address limits
# count that client. Leave empty when clients connect directly.
#   trusted_proxies = ["127.0.0.1", "10.0.0.0/8"]
trusted_proxies = []

# Seconds a connection may take to send a request's head; also how long an
# idle kept-alive connection stays open.
header_read_timeout_secs = 20

# Connections open at once, in all and from one client address (a meeting
# room of tablets behind one NAT address is one client address).
max_connections = 16000
max_connections_per_address = 1000

# Live-update streams open at once from one client address, and per account.
max_streams_per_address = 500
max_streams_per_account = 16

# Who may embed the hall screen (the projector page) in a frame, as CSP
# frame-ancestors sources. Unset, no page may be framed.
# projector_frame_ancestors = "'self' https://hall.example"

# The key that signs the published results of secret polls (ed25519; the file
# holds its 32-byte seed in hex, mode 0600). Unset, it is made on first start
# as poll-signing.key in data_dir. With several nodes, give every node the
# same file.
# poll_signing_key = "/etc/plenum/poll-signing.key"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_apply_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.toml");
        std::fs::write(&file, "listen = \"0.0.0.0:9000\"\nsession_hours = 4\n").unwrap();
        let s = Settings::load(Some(&file), serde_json::json!({"session_hours": 2})).unwrap();
        assert_eq!(s.listen, "0.0.0.0:9000", "file over default");
        assert_eq!(s.session_hours, 2, "flag over file");
        assert!(s.database_url().starts_with("sqlite://"));
    }

    #[test]
    fn example_config_parses_to_the_defaults() {
        let parsed: Settings = Figment::from(Toml::string(EXAMPLE)).extract().unwrap();
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Settings::default()));
    }

    #[test]
    fn the_poll_key_is_in_the_data_folder_unless_configured() {
        let s = Settings { data_dir: PathBuf::from("/srv/plenum"), ..Settings::default() };
        assert_eq!(s.poll_key_path(), PathBuf::from("/srv/plenum/poll-signing.key"));
        let s = Settings { poll_signing_key: Some("/etc/plenum/k".into()), ..s };
        assert_eq!(s.poll_key_path(), PathBuf::from("/etc/plenum/k"));
    }

    #[test]
    fn attendance_must_be_a_share() {
        let mut s = Settings::default();
        assert_eq!(s.attendance().unwrap().to_string(), "2/3");
        s.attendance = "3/2".into();
        assert!(s.attendance().unwrap_err().to_string().contains("attendance"));
    }

    #[test]
    fn secrets_are_redacted() {
        assert_eq!(redact("postgres://plenum:hunter2@db:5432/p"), "postgres://plenum:***@db:5432/p");
        let s = Settings { database: Some("postgres://u:pw@h/d".into()), ..Settings::default() };
        assert!(!format!("{s:?}").contains("pw@"));
    }

    #[test]
    fn trusted_proxies_must_parse() {
        let s = Settings { trusted_proxies: vec!["10.0.0.0/8".into(), "::1".into()], ..Settings::default() };
        assert_eq!(s.web().unwrap().trusted_proxies.len(), 2);
        let bad = Settings { trusted_proxies: vec!["proxy.example".into()], ..Settings::default() };
        assert!(bad.web().is_err());
    }
}
