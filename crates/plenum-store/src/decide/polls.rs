//! Creating, opening, closing and sealing polls (see [`crate::Polls`]).

use async_trait::async_trait;
use plenum_core::decide::poll::{Choice, PollMethod};
use rand::seq::SliceRandom;
use sqlx::AnyConnection;

use super::{Closed, Closing, NewPoll, PaperEntry, Poll, Snapshot, COLUMNS};
use crate::change::{data, Change};
use crate::store::{db_err, now_micros, stale, SqlStore};
use crate::{Actor, StoreResult};

/// Rows one multi-row insert writes at most; well under both backends'
/// limits on bound parameters.
const CHUNK: usize = 300;

/// A fresh random id: 128 bits, hex. Ballots are keyed by it, so their
/// stored order is random, not the order they came in.
pub(crate) fn random_id() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

pub(crate) async fn poll_on(conn: &mut AnyConnection, id: i64) -> StoreResult<Poll> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM polls WHERE id = $1")).bind(id).fetch_one(conn).await.map_err(db_err)
}

/// A poll changed by `sql` (which updates `polls` where `id = $1 AND
/// version = $2` and returns its columns); a stale version or a state the
/// change does not apply to is a conflict.
async fn updated<'q>(
    conn: &mut AnyConnection,
    q: sqlx::query::QueryAs<'q, sqlx::Any, Poll, sqlx::any::AnyArguments<'q>>,
) -> StoreResult<Poll> {
    q.fetch_optional(conn).await.map_err(db_err)?.ok_or_else(stale)
}

/// Write `(poll_id, id, content)` rows in the given order, `CHUNK` at a time.
async fn insert_tallied(conn: &mut AnyConnection, poll_id: i64, contents: &[String]) -> StoreResult<()> {
    for chunk in contents.chunks(CHUNK) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("($1, ${}, ${})", 2 + 2 * i, 3 + 2 * i)).collect();
        let sql = format!("INSERT INTO tallied_ballots (poll_id, id, content) VALUES {}", values.join(", "));
        let mut q = sqlx::query(&sql).bind(poll_id);
        for c in chunk {
            q = q.bind(random_id()).bind(c.as_str());
        }
        q.execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_leaves(conn: &mut AnyConnection, poll_id: i64, leaves: &[String]) -> StoreResult<()> {
    for chunk in leaves.chunks(CHUNK) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("($1, ${})", 2 + i)).collect();
        let sql = format!("INSERT INTO poll_leaves (poll_id, leaf) VALUES {}", values.join(", "));
        let mut q = sqlx::query(&sql).bind(poll_id);
        for l in chunk {
            q = q.bind(l.as_str());
        }
        q.execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

#[async_trait]
impl crate::Polls for SqlStore {
    async fn create_poll(&self, actor: &Actor, new: NewPoll) -> StoreResult<Poll> {
        let mut tx = self.begin().await?;
        let scope = self.plenum_scope(&mut tx, new.plenum_id).await?;
        let poll: Poll = sqlx::query_as(&format!(
            "INSERT INTO polls (plenum_id, uid, item_id, title, kind, method, rules, seats, candidates, runoff,
                 show_live, deadline, counting_committee, state, created_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '[]', 'draft', $13, 1) RETURNING {COLUMNS}"
        ))
        .bind(new.plenum_id)
        .bind(&new.uid)
        .bind(new.item_id)
        .bind(&new.title)
        .bind(new.kind.as_str())
        .bind(new.method.as_str())
        .bind(&new.rules)
        .bind(new.seats)
        .bind(&new.candidates)
        .bind(i64::from(new.runoff))
        .bind(i64::from(new.show_live))
        .bind(new.deadline)
        .bind(now_micros())
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        self.commit_change(tx, actor, scope, Change::PollCreated(poll.clone())).await?;
        Ok(poll)
    }

    async fn poll(&self, id: i64) -> StoreResult<Poll> {
        poll_on(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn polls(&self, plenum_id: i64) -> StoreResult<Vec<Poll>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM polls WHERE plenum_id = $1 ORDER BY id"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn set_counting_committee(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        committee: String,
    ) -> StoreResult<Poll> {
        let mut tx = self.begin().await?;
        let before = poll_on(&mut tx, id).await?;
        let scope = self.plenum_scope(&mut tx, before.plenum_id).await?;
        let after = updated(
            &mut tx,
            sqlx::query_as(&format!(
                "UPDATE polls SET counting_committee = $3, version = version + 1
                 WHERE id = $1 AND version = $2 AND state = 'draft' RETURNING {COLUMNS}"
            ))
            .bind(id)
            .bind(version)
            .bind(committee),
        )
        .await?;
        self.commit_edit(tx, actor, scope, Change::PollChanged(before), Change::PollChanged(after.clone())).await?;
        Ok(after)
    }

    async fn open_poll(&self, actor: &Actor, id: i64, version: i64, at: Snapshot) -> StoreResult<Poll> {
        let mut tx = self.begin().await?;
        let plenum_id = poll_on(&mut tx, id).await?.plenum_id;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let poll = updated(
            &mut tx,
            sqlx::query_as(&format!(
                "UPDATE polls SET state = 'open', members = $3, excluded = $4, present = $5, opened_at = $6,
                     version = version + 1
                 WHERE id = $1 AND version = $2 AND state = 'draft' RETURNING {COLUMNS}"
            ))
            .bind(id)
            .bind(version)
            .bind(at.members)
            .bind(at.excluded)
            .bind(at.present)
            .bind(now_micros()),
        )
        .await?;
        self.commit_change(tx, actor, scope, Change::PollOpened(poll.clone())).await?;
        Ok(poll)
    }

    async fn close_poll(&self, actor: &Actor, id: i64, version: i64, closing: Closing) -> StoreResult<Closed> {
        let mut tx = self.begin().await?;
        let plenum_id = poll_on(&mut tx, id).await?.plenum_id;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let poll = updated(
            &mut tx,
            sqlx::query_as(&format!(
                "UPDATE polls SET state = 'closed', closed_at = $3, hands = $4, issued = $5,
                     present = CASE WHEN $6 IS NOT NULL AND $6 > present THEN $6 ELSE present END, version = version + 1
                 WHERE id = $1 AND version = $2 AND state = 'open' RETURNING {COLUMNS}"
            ))
            .bind(id)
            .bind(version)
            .bind(now_micros())
            .bind(closing.hands)
            .bind(closing.issued)
            .bind(closing.present),
        )
        .await?;
        let (mut contents, mut leaves) = (Vec::new(), Vec::new());
        match poll.method {
            PollMethod::Secret => {
                let rows: Vec<(String, String)> =
                    sqlx::query_as("SELECT content, leaf FROM ballots WHERE poll_id = $1 ORDER BY id")
                        .bind(id)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(db_err)?;
                (contents, leaves) = rows.into_iter().unzip();
                sqlx::query("DELETE FROM ballots WHERE poll_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            PollMethod::Paper => {
                let rows: Vec<PaperEntry> = sqlx::query_as(
                    "SELECT counter, sheet, content, entered_by FROM paper_entries
                     WHERE poll_id = $1 AND counter = 1 ORDER BY sheet",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_err)?;
                contents = rows.into_iter().map(|e| e.content).collect();
            }
            PollMethod::Hands | PollMethod::Electronic | PollMethod::Written => {}
        }
        // The published tally is written in an order no one chose, under new
        // ids, apart from the commitments, which are kept sorted: nothing
        // left after the close ties a content to its commitment or to the
        // moment it came in.
        contents.shuffle(&mut rand::thread_rng());
        leaves.sort();
        insert_tallied(&mut tx, id, &contents).await?;
        insert_leaves(&mut tx, id, &leaves).await?;
        let roll: Vec<(i64,)> =
            sqlx::query_as("SELECT delegate_id FROM poll_roll WHERE poll_id = $1 ORDER BY delegate_id")
                .bind(id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_err)?;
        let roll: Vec<i64> = roll.into_iter().map(|r| r.0).collect();
        let votes = named_votes(&mut tx, id).await?;
        let closed = data::PollClosed {
            poll_id: id,
            plenum_id,
            roll: roll.clone(),
            votes: votes.iter().map(|(d, c)| data::NamedVote { delegate_id: *d, choice: *c }).collect(),
            ballots: contents.len() as i64,
        };
        self.commit_change(tx, actor, scope, Change::PollClosed(closed)).await?;
        if poll.method == PollMethod::Secret {
            // On PostgreSQL the purged rows stay in the heap as dead tuples
            // until vacuumed; on SQLite their old pages stay in the WAL until
            // a checkpoint. Reclaim them now rather than whenever it happens.
            let sql =
                if self.backend().name() == "postgres" { "VACUUM ballots" } else { "PRAGMA wal_checkpoint(TRUNCATE)" };
            if let Err(error) = sqlx::query(sql).execute(self.writer()).await {
                tracing::warn!(%error, "cannot reclaim the purged ballots after a close");
            }
        }
        Ok(Closed { poll, contents, leaves, roll, votes })
    }

    async fn seal_poll(&self, actor: &Actor, id: i64, result: String, published: Option<String>) -> StoreResult<Poll> {
        let mut tx = self.begin().await?;
        let plenum_id = poll_on(&mut tx, id).await?.plenum_id;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let poll: Poll = sqlx::query_as(&format!(
            "UPDATE polls SET result = $2, published = $3, version = version + 1
             WHERE id = $1 AND state = 'closed' AND result IS NULL RETURNING {COLUMNS}"
        ))
        .bind(id)
        .bind(result)
        .bind(published)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?
        .ok_or_else(stale)?;
        self.commit_change(tx, actor, scope, Change::PollSealed(poll.clone())).await?;
        Ok(poll)
    }

    async fn tallied(&self, poll_id: i64) -> StoreResult<(Vec<String>, Vec<String>)> {
        let contents: Vec<(String,)> =
            sqlx::query_as("SELECT content FROM tallied_ballots WHERE poll_id = $1 ORDER BY id")
                .bind(poll_id)
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        let leaves: Vec<(String,)> = sqlx::query_as("SELECT leaf FROM poll_leaves WHERE poll_id = $1 ORDER BY leaf")
            .bind(poll_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        Ok((contents.into_iter().map(|r| r.0).collect(), leaves.into_iter().map(|r| r.0).collect()))
    }

    async fn roll(&self, poll_id: i64) -> StoreResult<Vec<i64>> {
        let rows: Vec<(i64,)> =
            sqlx::query_as("SELECT delegate_id FROM poll_roll WHERE poll_id = $1 ORDER BY delegate_id")
                .bind(poll_id)
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    async fn named_votes(&self, poll_id: i64) -> StoreResult<Vec<(i64, Choice)>> {
        named_votes(&mut *self.reader().acquire().await.map_err(db_err)?, poll_id).await
    }
}

async fn named_votes(conn: &mut AnyConnection, poll_id: i64) -> StoreResult<Vec<(i64, Choice)>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT delegate_id, choice FROM open_votes WHERE poll_id = $1 ORDER BY delegate_id")
            .bind(poll_id)
            .fetch_all(conn)
            .await
            .map_err(db_err)?;
    Ok(rows.into_iter().filter_map(|(d, c)| Some((d, Choice::parse(&c)?))).collect())
}
