//! Casting votes and secret ballots (see [`crate::Casting`]). Neither takes
//! the history's chain head: the history records a poll's votes as a whole
//! when it closes, so a vote storm does not queue behind every other
//! writer, and the caller may hand in many votes at once (group commit).
//!
//! Every transaction here first touches the poll's row, `WHERE state =
//! 'open'`: the close takes the same row, so no vote or ballot commits
//! after the poll closed, on PostgreSQL as on SQLite.

use async_trait::async_trait;
use plenum_core::decide::poll::Choice;
use sqlx::AnyConnection;

use super::polls::random_id;
use super::Cast;
use crate::store::{db_err, field, now_micros, SqlStore};
use crate::StoreResult;

/// Take the poll's row for this transaction, refusing a poll that is not
/// open (or whose deadline has passed).
async fn hold_open(conn: &mut AnyConnection, poll_id: i64) -> StoreResult<()> {
    let held = sqlx::query(
        "UPDATE polls SET state = state WHERE id = $1 AND state = 'open' AND (deadline IS NULL OR deadline > $2)",
    )
    .bind(poll_id)
    .bind(now_micros())
    .execute(conn)
    .await
    .map_err(db_err)?;
    if held.rows_affected() == 0 {
        return Err(field("poll", "not-open"));
    }
    Ok(())
}

#[async_trait]
impl crate::Casting for SqlStore {
    async fn record_votes(&self, poll_id: i64, votes: &[(i64, Choice)]) -> StoreResult<Vec<Cast>> {
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        hold_open(&mut tx, poll_id).await?;
        let mut out = Vec::with_capacity(votes.len());
        for (delegate_id, choice) in votes {
            // The key (poll_id, delegate_id) is the one-vote rule itself:
            // a second vote of the same member inserts nothing.
            let done = sqlx::query(
                "INSERT INTO open_votes (poll_id, delegate_id, choice) VALUES ($1, $2, $3)
                 ON CONFLICT (poll_id, delegate_id) DO NOTHING",
            )
            .bind(poll_id)
            .bind(delegate_id)
            .bind(choice.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            out.push(if done.rows_affected() == 1 { Cast::Recorded } else { Cast::AlreadyVoted });
        }
        tx.commit().await.map_err(db_err)?;
        Ok(out)
    }

    async fn cast_ballots(&self, poll_id: i64, ballots: &[(i64, String, String)]) -> StoreResult<Vec<Cast>> {
        // First the roll, in a transaction of its own: its key is the
        // one-ballot rule. Marks are written in the voters' id order.
        let mut order: Vec<usize> = (0..ballots.len()).collect();
        order.sort_by_key(|&i| ballots[i].0);
        let mut out = vec![Cast::AlreadyVoted; ballots.len()];
        let mut tx = self.writer().begin().await.map_err(db_err)?;
        hold_open(&mut tx, poll_id).await?;
        for &i in &order {
            let done = sqlx::query(
                "INSERT INTO poll_roll (poll_id, delegate_id) VALUES ($1, $2) ON CONFLICT (poll_id, delegate_id) DO NOTHING",
            )
            .bind(poll_id)
            .bind(ballots[i].0)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            if done.rows_affected() == 1 {
                out[i] = Cast::Recorded;
            }
        }
        tx.commit().await.map_err(db_err)?;
        let marked: Vec<usize> = (0..ballots.len()).filter(|&i| out[i] == Cast::Recorded).collect();
        if marked.is_empty() {
            return Ok(out);
        }
        // Then the ballots, in another transaction, never the roll's
        // (on PostgreSQL the two would share `xmin`), keyed by random ids
        // and written in that random order.
        let mut rows: Vec<(String, &str, &str)> =
            marked.iter().map(|&i| (random_id(), ballots[i].1.as_str(), ballots[i].2.as_str())).collect();
        rows.sort();
        let written = async {
            let mut tx = self.writer().begin().await.map_err(db_err)?;
            hold_open(&mut tx, poll_id).await?;
            for (id, content, leaf) in &rows {
                sqlx::query("INSERT INTO ballots (poll_id, id, content, leaf) VALUES ($1, $2, $3, $4)")
                    .bind(poll_id)
                    .bind(id)
                    .bind(*content)
                    .bind(*leaf)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            tx.commit().await.map_err(db_err)
        }
        .await;
        if let Err(e) = written {
            // Give the voters their turn back while the poll is open. Once
            // it closed, their marks stay: counted as issued, not returned,
            // as a paper ballot taken but never put in the box.
            let mut tx = self.writer().begin().await.map_err(db_err)?;
            if hold_open(&mut tx, poll_id).await.is_ok() {
                for &i in &marked {
                    sqlx::query("DELETE FROM poll_roll WHERE poll_id = $1 AND delegate_id = $2")
                        .bind(poll_id)
                        .bind(ballots[i].0)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                tx.commit().await.map_err(db_err)?;
            }
            return Err(e);
        }
        Ok(out)
    }

    async fn participation(&self, poll_id: i64) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM poll_roll WHERE poll_id = $1) + (SELECT COUNT(*) FROM open_votes WHERE poll_id = $1)",
        )
        .bind(poll_id)
        .fetch_one(self.reader())
        .await
        .map_err(db_err)?;
        Ok(n)
    }

    async fn has_voted(&self, poll_id: i64, delegate_id: i64) -> StoreResult<bool> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM poll_roll WHERE poll_id = $1 AND delegate_id = $2)
                  + (SELECT COUNT(*) FROM open_votes WHERE poll_id = $1 AND delegate_id = $2)",
        )
        .bind(poll_id)
        .bind(delegate_id)
        .fetch_one(self.reader())
        .await
        .map_err(db_err)?;
        Ok(n > 0)
    }
}
