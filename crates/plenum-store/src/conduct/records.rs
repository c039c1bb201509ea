//! The record: speeches and the opinions (ý kiến) they carry or that are written in.

use async_trait::async_trait;
use plenum_core::conduct::record::Stance;
use plenum_core::text::fold::fold;
use sqlx::AnyConnection;

use super::floor::SPEECH;
use crate::change::Change;
use crate::prepare::{delegate_in, item_plenum};
use crate::store::{db_err, field, now_micros, stale, SqlStore};
use crate::{input, Actor, Opinion, Speech, StoreError, StoreResult};

const OPINION: &str =
    "id, plenum_id, speech_id, delegate_id, item_id, passage_anchor, stance, text, created_at, version";

/// The anchor an opinion cites: what was typed (an anchor or a label of the
/// item's drafts) resolved against the item's passages.
async fn cited_passage(conn: &mut AnyConnection, item_id: i64, typed: Option<String>) -> StoreResult<Option<String>> {
    let Some(typed) = typed.filter(|t| !t.trim().is_empty()) else { return Ok(None) };
    let known: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.anchor, p.label FROM passages p
         JOIN document_versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
         WHERE d.item_id = $1 ORDER BY v.number DESC, d.id, p.ordinal",
    )
    .bind(item_id)
    .fetch_all(conn)
    .await
    .map_err(db_err)?;
    plenum_core::prepare::passages::resolve_citation(&typed, &known)
        .map(Some)
        .ok_or_else(|| field("passage_anchor", "passage-not-found"))
}

/// An opinion as stored; its stance is parsed at this boundary.
#[derive(sqlx::FromRow)]
struct OpinionRow {
    id: i64,
    plenum_id: i64,
    speech_id: Option<i64>,
    delegate_id: i64,
    item_id: i64,
    passage_anchor: Option<String>,
    stance: String,
    text: String,
    created_at: i64,
    version: i64,
}

impl TryFrom<OpinionRow> for Opinion {
    type Error = StoreError;

    /// A stance this version does not know is an error naming it, never a silent drop.
    fn try_from(r: OpinionRow) -> StoreResult<Opinion> {
        let stance = Stance::try_from(r.stance)
            .map_err(|e| StoreError::Backend(format!("opinions.stance of row {}: {e}", r.id)))?;
        Ok(Opinion {
            id: r.id,
            plenum_id: r.plenum_id,
            speech_id: r.speech_id,
            delegate_id: r.delegate_id,
            item_id: r.item_id,
            passage_anchor: r.passage_anchor,
            stance,
            text: r.text,
            created_at: r.created_at,
            version: r.version,
        })
    }
}

async fn opinion(conn: &mut AnyConnection, id: i64) -> StoreResult<Opinion> {
    let r: OpinionRow = sqlx::query_as(&format!("SELECT {OPINION} FROM opinions WHERE id = $1"))
        .bind(id)
        .fetch_one(conn)
        .await
        .map_err(db_err)?;
    r.try_into()
}

#[derive(sqlx::FromRow)]
struct SpeechOwner {
    plenum_id: i64,
    delegate_id: i64,
}

#[async_trait]
impl crate::Records for SqlStore {
    async fn record_speech(&self, actor: &Actor, new: input::NewSpeech) -> StoreResult<Speech> {
        let mut tx = self.begin().await?;
        let session = match sqlx::query_as::<_, (i64, i64)>("SELECT id, plenum_id FROM meeting_sessions WHERE id = $1")
            .bind(new.session_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?
        {
            None => return Err(field("session_id", "not-found")),
            Some(s) => s,
        };
        let (session_id, plenum_id) = session;
        if item_plenum(&mut tx, new.item_id, "item_id").await? != plenum_id {
            return Err(field("item_id", "not-found"));
        }
        delegate_in(&mut tx, new.delegate_id, plenum_id).await?;
        if new.seconds.is_some_and(|s| !(0..=36_000).contains(&s)) {
            return Err(field("seconds", "out-of-range"));
        }
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let s: Speech = sqlx::query_as(&format!(
            "INSERT INTO speeches (plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {SPEECH}"
        ))
        .bind(plenum_id)
        .bind(session_id)
        .bind(new.delegate_id)
        .bind(new.item_id)
        .bind(new.speaker_entry_id)
        .bind(new.seconds)
        .bind(now_micros())
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        self.commit_change(tx, actor, scope, Change::SpeechRecorded(s.clone())).await?;
        Ok(s)
    }

    async fn add_opinion(&self, actor: &Actor, new: input::NewOpinion) -> StoreResult<Opinion> {
        let mut new = new.validate()?;
        let mut tx = self.begin().await?;
        let plenum_id = item_plenum(&mut tx, new.item_id, "item_id").await?;
        delegate_in(&mut tx, new.delegate_id, plenum_id).await?;
        new.passage_anchor = cited_passage(&mut tx, new.item_id, new.passage_anchor.take()).await?;
        if let Some(sid) = new.speech_id {
            // A no-op write: it locks the speech's row (on PostgreSQL; SQLite has
            // one writer), so the speech cannot be removed before this commits.
            let speech: Option<SpeechOwner> =
                sqlx::query_as("UPDATE speeches SET id = id WHERE id = $1 RETURNING plenum_id, delegate_id")
                    .bind(sid)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
            match speech {
                Some(s) if s.plenum_id == plenum_id && s.delegate_id == new.delegate_id => {}
                Some(_) => return Err(field("speech_id", "speech-mismatch")),
                None => return Err(field("speech_id", "not-found")),
            }
        }
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let o: OpinionRow = sqlx::query_as(&format!(
            "INSERT INTO opinions (plenum_id, speech_id, delegate_id, item_id, passage_anchor, stance, text, created_at, version, folded)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) RETURNING {OPINION}"
        ))
        .bind(plenum_id)
        .bind(new.speech_id)
        .bind(new.delegate_id)
        .bind(new.item_id)
        .bind(&new.passage_anchor)
        .bind(&new.stance)
        .bind(&new.text)
        .bind(now_micros())
        .bind(fold(&new.text))
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let o = Opinion::try_from(o)?;
        self.commit_change(tx, actor, scope, Change::OpinionAdded(o.clone())).await?;
        Ok(o)
    }

    async fn update_opinion(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        change: input::OpinionChange,
    ) -> StoreResult<Opinion> {
        let mut tx = self.begin().await?;
        let current = opinion(&mut tx, id).await?;
        let checked = input::NewOpinion {
            speech_id: current.speech_id,
            delegate_id: current.delegate_id,
            item_id: change.item_id,
            passage_anchor: change.passage_anchor,
            stance: change.stance,
            text: change.text,
        }
        .validate()?;
        if item_plenum(&mut tx, checked.item_id, "item_id").await? != current.plenum_id {
            return Err(field("item_id", "not-found"));
        }
        let passage_anchor = cited_passage(&mut tx, checked.item_id, checked.passage_anchor.clone()).await?;
        let scope = self.plenum_scope(&mut tx, current.plenum_id).await?;
        let r: Option<OpinionRow> = sqlx::query_as(&format!(
            "UPDATE opinions SET item_id = $1, passage_anchor = $2, stance = $3, text = $4, folded = $5, version = version + 1
             WHERE id = $6 AND version = $7 RETURNING {OPINION}"
        ))
        .bind(checked.item_id)
        .bind(&passage_anchor)
        .bind(&checked.stance)
        .bind(&checked.text)
        .bind(fold(&checked.text))
        .bind(id)
        .bind(expected_version)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let o = Opinion::try_from(r.ok_or_else(stale)?)?;
        if o.item_id != current.item_id {
            // Moved to another item: out of its old item's groups, whose body no longer answers it.
            sqlx::query("DELETE FROM opinion_groupings WHERE opinion_id = $1")
                .bind(o.id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        if o.item_id != current.item_id || o.text != current.text {
            // What was answered changed: its answer waits for review again.
            sqlx::query(
                "UPDATE dispositions SET status = 'drafted', version = version + 1 WHERE opinion_id = $1 AND status <> 'drafted'",
            )
            .bind(o.id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        self.commit_edit(tx, actor, scope, Change::OpinionChanged(current), Change::OpinionChanged(o.clone())).await?;
        Ok(o)
    }

    async fn speeches(&self, plenum_id: i64) -> StoreResult<Vec<Speech>> {
        sqlx::query_as(&format!("SELECT {SPEECH} FROM speeches WHERE plenum_id = $1 ORDER BY id"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn speech(&self, id: i64) -> StoreResult<Speech> {
        sqlx::query_as(&format!("SELECT {SPEECH} FROM speeches WHERE id = $1"))
            .bind(id)
            .fetch_one(self.reader())
            .await
            .map_err(db_err)
    }

    async fn opinions(&self, plenum_id: i64) -> StoreResult<Vec<Opinion>> {
        let rows: Vec<OpinionRow> =
            sqlx::query_as(&format!("SELECT {OPINION} FROM opinions WHERE plenum_id = $1 ORDER BY id"))
                .bind(plenum_id)
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        rows.into_iter().map(Opinion::try_from).collect()
    }

    async fn opinion(&self, id: i64) -> StoreResult<Opinion> {
        opinion(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn passage_labels(&self, plenum_id: i64) -> StoreResult<Vec<(String, String)>> {
        sqlx::query_as(
            "SELECT p.anchor, p.label FROM passages p
             JOIN document_versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
             JOIN agenda_items i ON i.id = d.item_id
             WHERE i.plenum_id = $1 ORDER BY v.number DESC, d.id, p.ordinal",
        )
        .bind(plenum_id)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_stance_is_an_error_naming_it() {
        let row = |stance: &str| OpinionRow {
            id: 7,
            plenum_id: 1,
            speech_id: None,
            delegate_id: 2,
            item_id: 3,
            passage_anchor: None,
            stance: stance.into(),
            text: "x".into(),
            created_at: 0,
            version: 1,
        };
        assert_eq!(Opinion::try_from(row("propose_change")).unwrap().stance, Stance::ProposeChange);
        match Opinion::try_from(row("maybe")) {
            Err(StoreError::Backend(m)) => assert!(m.contains("opinions.stance") && m.contains("\"maybe\""), "{m}"),
            other => panic!("an unknown stance must not pass: {other:?}"),
        }
    }
}
