//! The hash-chained history: every writing transaction begins by taking the
//! chain head's lock and ends by appending its entry, and reading it back.

pub mod live;

use async_trait::async_trait;
use plenum_core::history::AuditEntry;
use sqlx::AnyPool;
use tokio::sync::broadcast;

use crate::change::{Change, Committed};
use crate::store::{db_err, now_micros, SqlStore, Tx};
use crate::{Actor, Event, Scope, StoreResult};

impl SqlStore {
    /// Begin a writing transaction, holding the history head's lock from the
    /// start. Every write appends to the history at its end anyway, so writers
    /// are serialized on that row; taking it first means every check the write
    /// then makes reads rows no other writer can change until this one commits,
    /// on PostgreSQL as on SQLite.
    pub(crate) async fn begin(&self) -> StoreResult<Tx> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1").execute(&mut *tx).await.map_err(db_err)?;
        Ok(tx)
    }

    /// Append the history entry for this change (its `action()` and
    /// `data()`, so every entry decodes back into it), commit, then nudge the
    /// live relays to read it. Every writing method ends here, so no change
    /// is committed without its entry, and events are read from the
    /// committed history only.
    pub(crate) async fn commit_change(
        &self,
        tx: Tx,
        actor: &Actor,
        scope: Scope,
        change: Change,
    ) -> StoreResult<Event> {
        self.commit_entry(tx, actor, scope, change, None).await
    }

    /// [`SqlStore::commit_change`] for an edit: the entry also records the
    /// row as it was (`before`, the same kind of change), so the history
    /// shows what changed. Live events still carry the new row only.
    pub(crate) async fn commit_edit(
        &self,
        tx: Tx,
        actor: &Actor,
        scope: Scope,
        before: Change,
        change: Change,
    ) -> StoreResult<Event> {
        self.commit_entry(tx, actor, scope, change, Some(before)).await
    }

    async fn commit_entry(
        &self,
        mut tx: Tx,
        actor: &Actor,
        scope: Scope,
        change: Change,
        before: Option<Change>,
    ) -> StoreResult<Event> {
        let action = change.action();
        let payload = crate::change::envelope(scope, &change, before.as_ref());
        let data = change.data();
        let (seq, prev): (i64, String) =
            sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        let at = now_micros();
        let hash = plenum_core::history::entry_hash(&prev, seq, at, Some(&actor.name), action, &payload);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(seq)
        .bind(at)
        .bind(&actor.name)
        .bind(action)
        .bind(&payload)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let ev =
            Event { seq, action: action.to_string(), org_id: scope.org_id, plenum_id: scope.plenum_id, payload: data };
        tx.commit().await.map_err(db_err)?;
        self.backend().live().after_commit(self.writer(), self.live_feed()).await;
        Ok(ev)
    }
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    seq: i64,
    at: i64,
    actor: Option<String>,
    action: String,
    payload: String,
    prev_hash: String,
    hash: String,
}

/// The entries after `after`, in order, at most `limit` of them.
pub(crate) async fn entries(pool: &AnyPool, after: i64, limit: i64) -> StoreResult<Vec<AuditEntry>> {
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT seq, at, actor, action, payload, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            seq: r.seq,
            at: r.at,
            actor: r.actor,
            action: r.action,
            payload: r.payload,
            prev_hash: r.prev_hash,
            hash: r.hash,
        })
        .collect())
}

/// The chain head: the last sequence number and its hash.
pub(crate) async fn head(pool: &AnyPool) -> StoreResult<(i64, String)> {
    sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(pool).await.map_err(db_err)
}

#[async_trait]
impl crate::History for SqlStore {
    async fn history(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        entries(self.reader(), after, limit).await
    }

    async fn history_head(&self) -> StoreResult<(i64, String)> {
        head(self.reader()).await
    }

    fn subscribe(&self) -> broadcast::Receiver<Committed> {
        self.live_feed().subscribe()
    }
}
