//! The relay between PostgreSQL nodes: a change committed while a node's
//! listener was away still reaches that node, read from the history once the
//! listener is back.

use std::time::Duration;

use plenum_store::input::NewUser;
use plenum_store::relay::RelaySettings;
use plenum_store::{Accounts, Actor, History};
use plenum_store_postgres::PostgresStore;
use sqlx::Connection;

use crate::{base_url, fresh};

#[tokio::test]
async fn a_change_committed_while_the_listener_was_away_reaches_the_node_after_it_reconnects() {
    let (writer, db) = fresh().await;
    writer.migrate().await.unwrap();
    // Polls far apart, so only a nudge makes this node read within the test.
    let settings = RelaySettings { poll: Duration::from_secs(600), ..RelaySettings::default() };
    let node = PostgresStore::connect_with(db.url(), settings).await.unwrap();
    let mut live = node.subscribe();

    // Cut the listeners off, and keep them off while the change commits, so
    // its NOTIFY reaches nobody.
    let mut admin = sqlx::PgConnection::connect(&base_url()).await.unwrap();
    let name = db.name();
    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).execute(&mut admin).await.unwrap();
    let cut: Vec<(bool,)> = sqlx::query_as(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'",
    )
    .bind(name)
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert_eq!(cut.len(), 2, "both nodes' listeners were connected");

    let new = NewUser { username: "vang_mat".into(), display_name: "Vắng mặt".into(), password_hash: "h".into() };
    writer.create_user(&Actor::system("test"), new).await.unwrap();
    let early = tokio::time::timeout(Duration::from_millis(1500), live.recv()).await;
    assert!(early.is_err(), "nothing told the node yet: {early:?}");

    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).execute(&mut admin).await.unwrap();
    let ev = tokio::time::timeout(Duration::from_secs(10), live.recv())
        .await
        .expect("the change arrives after the listener reconnects")
        .map(plenum_store::Event::from)
        .unwrap();
    assert_eq!((ev.action.as_str(), ev.payload["username"].as_str()), ("user.created", Some("vang_mat")));
}
