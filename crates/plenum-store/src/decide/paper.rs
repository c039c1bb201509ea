//! Paper ballots entered by the counting committee (see [`crate::PaperBallots`]).

use async_trait::async_trait;

use super::polls::poll_on;
use super::PaperEntry;
use crate::change::{data, Change};
use crate::store::{db_err, field, SqlStore};
use crate::{Actor, StoreResult};

#[async_trait]
impl crate::PaperBallots for SqlStore {
    async fn enter_paper(&self, actor: &Actor, poll_id: i64, entry: PaperEntry) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let poll = poll_on(&mut tx, poll_id).await?;
        if poll.state != plenum_core::decide::poll::PollState::Open {
            return Err(field("poll", "not-open"));
        }
        let scope = self.plenum_scope(&mut tx, poll.plenum_id).await?;
        sqlx::query(
            "INSERT INTO paper_entries (poll_id, counter, sheet, content, entered_by) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (poll_id, counter, sheet) DO UPDATE SET content = excluded.content, entered_by = excluded.entered_by",
        )
        .bind(poll_id)
        .bind(entry.counter)
        .bind(entry.sheet)
        .bind(&entry.content)
        .bind(entry.entered_by)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let entered = data::PaperBallotEntered {
            poll_id,
            plenum_id: poll.plenum_id,
            counter: entry.counter,
            sheet: entry.sheet,
            content: entry.content,
        };
        self.commit_change(tx, actor, scope, Change::PaperBallotEntered(entered)).await?;
        Ok(())
    }

    async fn paper_entries(&self, poll_id: i64) -> StoreResult<Vec<PaperEntry>> {
        sqlx::query_as(
            "SELECT counter, sheet, content, entered_by FROM paper_entries WHERE poll_id = $1 ORDER BY counter, sheet",
        )
        .bind(poll_id)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)
    }
}
