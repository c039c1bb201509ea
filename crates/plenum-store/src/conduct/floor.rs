//! Meeting sessions and speaker lists. Every change to a list bumps its
//! session's version inside the same transaction, so a console acting on an
//! outdated list is refused (`Conflict::Stale`) instead of overwriting.

use async_trait::async_trait;
use plenum_core::conduct::speakers::{self, EntryKind, EntryStatus, SessionStatus, Slot};
use sqlx::AnyConnection;

use crate::change::{data, Change};
use crate::store::{db_err, field, now_micros, stale, SqlStore};
use crate::{input, Actor, MeetingSession, SpeakerEntry, Speech, StoreError, StoreResult};

const SESSION: &str = "id, plenum_id, kind, group_id, title, current_item_id, status, speaking_seconds, version";
const ENTRY: &str = "id, session_id, item_id, delegate_id, kind, position, status, allotted_seconds, \
     requested_at, started_at, ended_at, version";
pub(crate) const SPEECH: &str =
    "id, plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at";

/// Whether anyone on the list has the floor.
fn someone_speaking(entries: &[SpeakerEntry]) -> bool {
    entries.iter().any(|e| e.status == EntryStatus::Speaking)
}

async fn session(conn: &mut AnyConnection, id: i64) -> StoreResult<MeetingSession> {
    sqlx::query_as(&format!("SELECT {SESSION} FROM meeting_sessions WHERE id = $1"))
        .bind(id)
        .fetch_one(conn)
        .await
        .map_err(db_err)
}

/// Bump the session's version if it is still `expected` (any, if negative).
async fn claim_session(conn: &mut AnyConnection, session_id: i64, expected: i64) -> StoreResult<MeetingSession> {
    let r: Option<MeetingSession> = sqlx::query_as(&format!(
        "UPDATE meeting_sessions SET version = version + 1 WHERE id = $1 AND ($2 < 0 OR version = $2) RETURNING {SESSION}"
    ))
    .bind(session_id)
    .bind(expected)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    match r {
        Some(s) => Ok(s),
        None => {
            let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM meeting_sessions WHERE id = $1")
                .bind(session_id)
                .fetch_optional(conn)
                .await
                .map_err(db_err)?;
            Err(if exists.is_some() { stale() } else { StoreError::NotFound })
        }
    }
}

async fn entry_in(conn: &mut AnyConnection, session_id: i64, entry_id: i64) -> StoreResult<SpeakerEntry> {
    sqlx::query_as(&format!("SELECT {ENTRY} FROM speaker_entries WHERE id = $1 AND session_id = $2"))
        .bind(entry_id)
        .bind(session_id)
        .fetch_one(conn)
        .await
        .map_err(db_err)
}

async fn session_entries(conn: &mut AnyConnection, session_id: i64) -> StoreResult<Vec<SpeakerEntry>> {
    sqlx::query_as(&format!("SELECT {ENTRY} FROM speaker_entries WHERE session_id = $1 ORDER BY position, id"))
        .bind(session_id)
        .fetch_all(conn)
        .await
        .map_err(db_err)
}

impl SqlStore {
    /// Begin a change to a session's list: the scope, and the session claimed at `expected_version`.
    async fn begin_list_change(
        &self,
        session_id: i64,
        expected_version: i64,
    ) -> StoreResult<(crate::store::Tx, crate::Scope, MeetingSession)> {
        let mut tx = self.begin().await?;
        let plenum_id = session(&mut tx, session_id).await?.plenum_id;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let s = claim_session(&mut tx, session_id, expected_version).await?;
        Ok((tx, scope, s))
    }
}

#[async_trait]
impl crate::Floor for SqlStore {
    async fn create_meeting_session(
        &self,
        actor: &Actor,
        new: input::NewMeetingSession,
    ) -> StoreResult<MeetingSession> {
        let new = new.validate()?;
        let mut tx = self.begin().await?;
        let scope = self.plenum_scope(&mut tx, new.plenum_id).await?;
        if let Some(g) = new.group_id {
            if !crate::prepare::groups_of(&mut tx, new.plenum_id).await?.iter().any(|x| x.id == g) {
                return Err(field("group_id", "not-found"));
            }
        }
        let s: MeetingSession = sqlx::query_as(&format!(
            "INSERT INTO meeting_sessions (plenum_id, kind, group_id, title, current_item_id, status, speaking_seconds, version)
             VALUES ($1, $2, $3, $4, NULL, 'planned', $5, 1) RETURNING {SESSION}"
        ))
        .bind(new.plenum_id)
        .bind(&new.kind)
        .bind(new.group_id)
        .bind(&new.title)
        .bind(new.speaking_seconds)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        self.commit_change(tx, actor, scope, Change::MeetingSessionCreated(s.clone())).await?;
        Ok(s)
    }

    async fn meeting_sessions(&self, plenum_id: i64) -> StoreResult<Vec<MeetingSession>> {
        sqlx::query_as(&format!("SELECT {SESSION} FROM meeting_sessions WHERE plenum_id = $1 ORDER BY id"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn meeting_session(&self, id: i64) -> StoreResult<MeetingSession> {
        session(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn update_meeting_session(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        change: input::SessionChange,
    ) -> StoreResult<MeetingSession> {
        let change = change.validate()?;
        let mut tx = self.begin().await?;
        let current = session(&mut tx, id).await?;
        let scope = self.plenum_scope(&mut tx, current.plenum_id).await?;
        let item = match change.current_item_id {
            None => current.current_item_id,
            Some(0) => None,
            Some(item) => {
                if !crate::prepare::agenda_items(&mut tx, current.plenum_id).await?.iter().any(|i| i.id == item) {
                    return Err(field("current_item_id", "not-found"));
                }
                Some(item)
            }
        };
        claim_session(&mut tx, id, expected_version).await?;
        if let Some(to) = change.status.as_deref().and_then(SessionStatus::parse) {
            let speaking = someone_speaking(&session_entries(&mut tx, id).await?);
            speakers::may_change_status(to, speaking)?;
        }
        let s: MeetingSession = sqlx::query_as(&format!(
            "UPDATE meeting_sessions SET current_item_id = $1, status = $2, speaking_seconds = $3 WHERE id = $4
             RETURNING {SESSION}"
        ))
        .bind(item)
        .bind(change.status.as_deref().unwrap_or(current.status.as_str()))
        .bind(change.speaking_seconds.unwrap_or(current.speaking_seconds))
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let before = Change::MeetingSessionChanged(current);
        self.commit_edit(tx, actor, scope, before, Change::MeetingSessionChanged(s.clone())).await?;
        Ok(s)
    }

    async fn request_floor(&self, actor: &Actor, new: input::NewSpeakerEntry) -> StoreResult<SpeakerEntry> {
        let new = new.validate()?;
        let mut tx = self.begin().await?;
        let session = session(&mut tx, new.session_id).await?;
        let delegate = crate::prepare::delegate(&mut tx, new.delegate_id).await?;
        if delegate.plenum_id != session.plenum_id {
            return Err(field("delegate_id", "not-found"));
        }
        if !crate::prepare::agenda_items(&mut tx, session.plenum_id).await?.iter().any(|i| i.id == new.item_id) {
            return Err(field("item_id", "not-found"));
        }
        let scope = self.plenum_scope(&mut tx, session.plenum_id).await?;
        let s = claim_session(&mut tx, session.id, -1).await?;
        // Checked on the locked row, so a request cannot slip in after the chair closes the session.
        speakers::may_request(s.status)?;
        let entries = session_entries(&mut tx, s.id).await?;
        for e in entries.iter().filter(|e| e.delegate_id == new.delegate_id && e.item_id == new.item_id) {
            let (kind, status) = (e.kind, e.status);
            if kind.as_str() == new.kind {
                speakers::may_ask_again(status)?;
            }
        }
        let position = entries.iter().map(|e| e.position).max().unwrap_or(0) + 1;
        let e: SpeakerEntry = sqlx::query_as(&format!(
            "INSERT INTO speaker_entries (session_id, item_id, delegate_id, kind, position, status, allotted_seconds,
                 requested_at, version)
             VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7, 1) RETURNING {ENTRY}"
        ))
        .bind(s.id)
        .bind(new.item_id)
        .bind(new.delegate_id)
        .bind(&new.kind)
        .bind(position)
        .bind(s.speaking_seconds)
        .bind(now_micros())
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let data = data::EntryChange { entry: e.clone(), session_version: s.version };
        self.commit_change(tx, actor, scope, Change::SpeakerRequested(data)).await?;
        Ok(e)
    }

    async fn speaker_entries(&self, session_id: i64) -> StoreResult<Vec<SpeakerEntry>> {
        sqlx::query_as(&format!(
            "SELECT {ENTRY} FROM speaker_entries WHERE session_id = $1
             ORDER BY CASE status WHEN 'speaking' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, position, id"
        ))
        .bind(session_id)
        .fetch_all(self.reader())
        .await
        .map_err(db_err)
    }

    async fn speaker_entry(&self, id: i64) -> StoreResult<SpeakerEntry> {
        sqlx::query_as(&format!("SELECT {ENTRY} FROM speaker_entries WHERE id = $1"))
            .bind(id)
            .fetch_one(self.reader())
            .await
            .map_err(db_err)
    }

    async fn reorder_speaker(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
        to: usize,
    ) -> StoreResult<MeetingSession> {
        let (mut tx, scope, s) = self.begin_list_change(session_id, expected_version).await?;
        let entries = session_entries(&mut tx, session_id).await?;
        let mut slots = Vec::with_capacity(entries.len());
        for e in &entries {
            let (kind, status) = (e.kind, e.status);
            let (waiting, speaks) = (status == EntryStatus::Waiting, kind == EntryKind::Speak);
            slots.push(Slot { id: e.id, position: e.position, waiting, speaks });
        }
        let order = speakers::reorder(&slots, entry_id, to).ok_or(speakers::FloorRefusal::NotWaiting)?;
        // Waiting entries are renumbered after everything already spoken.
        let base = slots.iter().filter(|s| !s.waiting).map(|s| s.position).max().unwrap_or(0);
        for (id, pos) in &order {
            sqlx::query("UPDATE speaker_entries SET position = $1, version = version + 1 WHERE id = $2")
                .bind(base + pos)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        let data = data::SpeakersReordered {
            session_id,
            order: order.iter().map(|p| p.0).collect(),
            session_version: s.version,
        };
        self.commit_change(tx, actor, scope, Change::SpeakersReordered(data)).await?;
        Ok(s)
    }

    async fn give_floor(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
    ) -> StoreResult<SpeakerEntry> {
        let (mut tx, scope, s) = self.begin_list_change(session_id, expected_version).await?;
        let entries = session_entries(&mut tx, session_id).await?;
        speakers::may_give_floor(s.status, someone_speaking(&entries))?;
        let e = entry_in(&mut tx, session_id, entry_id).await?;
        let (kind, status) = (e.kind, e.status);
        speakers::may_start(kind, status)?;
        let e: SpeakerEntry = sqlx::query_as(&format!(
            "UPDATE speaker_entries SET status = 'speaking', started_at = $1, version = version + 1 WHERE id = $2
             RETURNING {ENTRY}"
        ))
        .bind(now_micros())
        .bind(entry_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let data = data::EntryChange { entry: e.clone(), session_version: s.version };
        self.commit_change(tx, actor, scope, Change::SpeakerStarted(data)).await?;
        Ok(e)
    }

    async fn stop_speaker(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
    ) -> StoreResult<Speech> {
        let (mut tx, scope, s) = self.begin_list_change(session_id, expected_version).await?;
        let e = entry_in(&mut tx, session_id, entry_id).await?;
        speakers::may_stop(e.status)?;
        let now = now_micros();
        let seconds = speakers::spoken_seconds(e.started_at.unwrap_or(now), now);
        sqlx::query("UPDATE speaker_entries SET status = 'done', ended_at = $1, version = version + 1 WHERE id = $2")
            .bind(now)
            .bind(entry_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let speech: Speech = sqlx::query_as(&format!(
            "INSERT INTO speeches (plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {SPEECH}"
        ))
        .bind(s.plenum_id)
        .bind(session_id)
        .bind(e.delegate_id)
        .bind(e.item_id)
        .bind(e.id)
        .bind(seconds)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let data = data::SpeakerStopped { entry_id: e.id, speech: speech.clone(), session_version: s.version };
        self.commit_change(tx, actor, scope, Change::SpeakerStopped(data)).await?;
        Ok(speech)
    }

    async fn withdraw_speaker(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
    ) -> StoreResult<MeetingSession> {
        let (mut tx, scope, s) = self.begin_list_change(session_id, expected_version).await?;
        let e = entry_in(&mut tx, session_id, entry_id).await?;
        speakers::may_withdraw(e.status)?;
        sqlx::query("UPDATE speaker_entries SET status = 'withdrawn', version = version + 1 WHERE id = $1")
            .bind(entry_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let data = data::SpeakerWithdrawn { entry_id, session_version: s.version };
        self.commit_change(tx, actor, scope, Change::SpeakerWithdrawn(data)).await?;
        Ok(s)
    }

    async fn set_allotted(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
        seconds: i64,
    ) -> StoreResult<SpeakerEntry> {
        let mut errors = plenum_core::FieldErrors::default();
        input::check_speaking_seconds(&mut errors, "allotted_seconds", seconds);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let (mut tx, scope, s) = self.begin_list_change(session_id, expected_version).await?;
        let was = entry_in(&mut tx, session_id, entry_id).await?;
        speakers::may_set_allotted(was.status)?;
        let e: SpeakerEntry = sqlx::query_as(&format!(
            "UPDATE speaker_entries SET allotted_seconds = $1, version = version + 1 WHERE id = $2 RETURNING {ENTRY}"
        ))
        .bind(seconds)
        .bind(entry_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let before = Change::SpeakerTimeChanged(data::EntryChange { entry: was, session_version: s.version });
        let data = data::EntryChange { entry: e.clone(), session_version: s.version };
        self.commit_edit(tx, actor, scope, before, Change::SpeakerTimeChanged(data)).await?;
        Ok(e)
    }
}
