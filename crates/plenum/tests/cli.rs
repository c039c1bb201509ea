//! The `plenum` command line, run as a real process.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use plenum_store::{Maintenance, Store};
use plenum_store_sqlite::SqliteStore;

fn plenum(db: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenum"))
        .arg("--database")
        .arg(db)
        .args(args)
        .env_remove("PLENUM_CONFIG")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("plenum.sqlite3").display())
}

/// A fresh PostgreSQL database, dropped with the returned guard.
async fn pg_database() -> plenum_store_postgres::ScratchDatabase {
    let base =
        std::env::var("PLENUM_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    plenum_store_postgres::ScratchDatabase::create(&base)
        .await
        .expect("PostgreSQL must be reachable (PLENUM_TEST_POSTGRES)")
}

/// Add three accounts, then tamper with the history and expect verify-log to name the entry.
async fn verify_log_catches_tampering(db: &str, raw: &dyn Maintenance) {
    for name in ["mot", "hai", "ba"] {
        let o = plenum(
            db,
            &["user", "add", "--username", name, "--role", "secretary", "--password-stdin"],
            Some("mat-khau-dai\n"),
        );
        assert!(o.status.success(), "{}", text(&o));
    }
    let o = plenum(db, &["verify-log"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("history intact: 6 entries"), "{}", text(&o));

    raw.execute_raw("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3").await.unwrap();
    let o = plenum(db, &["verify-log"], None);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("history broken at entry 3"), "{}", text(&o));

    raw.execute_raw("DELETE FROM audit_log WHERE seq = 2").await.unwrap();
    let o = plenum(db, &["verify-log"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("history broken at entry 2"), "{}", text(&o));
}

#[tokio::test]
async fn verify_log_names_the_altered_or_deleted_entry_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let o = plenum(&db, &["migrate"], None);
    assert!(o.status.success(), "{}", text(&o));
    let raw = SqliteStore::connect(&db).await.unwrap();
    verify_log_catches_tampering(&db, &raw).await;
}

#[tokio::test]
async fn verify_log_names_the_altered_or_deleted_entry_on_postgres() {
    let scratch = pg_database().await;
    let db = scratch.url().to_string();
    let o = plenum(&db, &["migrate"], None);
    assert!(o.status.success(), "{}", text(&o));
    let raw = plenum_store_postgres::PostgresStore::connect(&db).await.unwrap();
    verify_log_catches_tampering(&db, &raw).await;
}

fn read_backup(path: &Path) -> plenum_store::backup::Backup {
    serde_json::from_reader(std::fs::File::open(path).unwrap()).unwrap()
}

#[tokio::test]
async fn backup_moves_sqlite_to_postgres_to_sqlite_row_by_row() {
    let work = tempfile::tempdir().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let source = SqliteStore::open_dir(a.path()).await.unwrap();
    source.migrate().await.unwrap();
    plenum_web::demo::load(&source as &dyn Store).await.unwrap();
    drop(source);

    let f1 = work.path().join("1.json");
    let f2 = work.path().join("2.json");
    let f3 = work.path().join("3.json");
    let scratch = pg_database().await;
    let pg = scratch.url().to_string();
    let steps: [(&str, &[&str]); 5] = [
        (&sqlite_url(a.path()), &["backup", "--to", f1.to_str().unwrap()]),
        (&pg, &["restore", "--from", f1.to_str().unwrap()]),
        (&pg, &["backup", "--to", f2.to_str().unwrap()]),
        (&sqlite_url(b.path()), &["restore", "--from", f2.to_str().unwrap()]),
        (&sqlite_url(b.path()), &["backup", "--to", f3.to_str().unwrap()]),
    ];
    for (db, args) in steps {
        let o = plenum(db, args, None);
        assert!(o.status.success(), "{args:?}: {}", text(&o));
    }
    let (b1, b2, b3) = (read_backup(&f1), read_backup(&f2), read_backup(&f3));
    assert!(b1.table("members").unwrap().rows.len() >= 60, "the demo committee is in the backup");
    for t in &b1.tables {
        assert_eq!(Some(t), b2.table(&t.name), "table {} SQLite → PostgreSQL", t.name);
        assert_eq!(Some(t), b3.table(&t.name), "table {} PostgreSQL → SQLite", t.name);
    }
    for db in [&pg, &sqlite_url(b.path())] {
        let o = plenum(db, &["verify-log"], None);
        assert!(o.status.success(), "restored history verifies: {}", text(&o));
    }
    // Restoring again into a database that has data is refused, and changes nothing.
    let o = plenum(&pg, &["restore", "--from", f1.to_str().unwrap()], None);
    assert!(!o.status.success());
    assert!(text(&o).contains("not empty"), "{}", text(&o));
}

#[test]
fn an_unknown_database_scheme_is_refused_loudly() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("mysql://root@{}/x", dir.path().display());
    let o = plenum(&url, &["migrate"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("unsupported database URL"), "{}", text(&o));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing was created");
}

#[tokio::test]
async fn accounts_and_tokens_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let o =
        plenum(&db, &["user", "add", "--username", "x", "--role", "king", "--password-stdin"], Some("mat-khau-dai"));
    assert!(!o.status.success());
    assert!(text(&o).contains("unknown role") && text(&o).contains("group_secretary"), "{}", text(&o));
    let o = plenum(&db, &["user", "add", "--username", "x", "--role", "admin", "--password-stdin"], Some("short\n"));
    assert!(!o.status.success());
    assert!(text(&o).contains("at least 8"), "{}", text(&o));
    let o = plenum(
        &db,
        &["user", "add", "--username", "quantri", "--role", "admin", "--password-stdin"],
        Some("mat-khau-dai\n"),
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = plenum(
        &db,
        &["user", "add", "--username", "quantri", "--role", "admin", "--password-stdin"],
        Some("mat-khau-dai\n"),
    );
    assert!(text(&o).contains("already exists"), "{}", text(&o));

    let o = plenum(&db, &["token", "create", "--username", "quantri"], None);
    assert!(o.status.success(), "{}", text(&o));
    let token = String::from_utf8(o.stdout).unwrap().trim().to_string();
    assert_eq!(token.len(), 64);
    let store = SqliteStore::connect(&db).await.unwrap();
    let s = plenum_store::Accounts::session_by_hash(&store, &plenum_web::auth::secret_hash(&token), 0)
        .await
        .unwrap()
        .expect("token stored by hash");
    assert_eq!(s.kind, plenum_core::access::SignInKind::Api);
    let o = plenum(&db, &["token", "create", "--username", "nobody"], None);
    assert!(!o.status.success());
}

#[test]
fn config_prints_an_annotated_example() {
    let o = Command::new(env!("CARGO_BIN_EXE_plenum")).arg("config").output().unwrap();
    assert!(o.status.success());
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("listen = \"127.0.0.1:8080\"") && s.contains("PLENUM_"), "{s}");
}
