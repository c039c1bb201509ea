//! Meeting sessions and speaker lists. Every change to a list bumps its
//! session's version inside the same transaction, so a console acting on an
//! outdated list is refused (`Conflict("stale")`) instead of overwriting.

#[doc(hidden)]
#[macro_export]
macro_rules! impl_floor {
    ($Store:ty, $DB:ty) => {
        impl $Store {
            fn status_of(s: &$crate::MeetingSession) -> $crate::StoreResult<::plenum_core::conduct::speakers::SessionStatus> {
                ::plenum_core::conduct::speakers::SessionStatus::parse(&s.status)
                    .ok_or_else(|| $crate::StoreError::Backend(format!("session {} has status {:?}", s.id, s.status)))
            }

            /// Bump the session's version if it is still `expected`; the row lock
            /// this takes also serializes concurrent changes to one list.
            async fn claim_session(
                tx: &mut ::sqlx::Transaction<'static, $DB>,
                session_id: i64,
                expected: i64,
            ) -> $crate::StoreResult<$crate::MeetingSession> {
                use $crate::sql::rows;
                let sql = format!(
                    "UPDATE meeting_sessions SET version = version + 1 WHERE id = $1 AND ($2 < 0 OR version = $2) RETURNING {}",
                    rows::SESSION_COLS
                );
                let r: Option<rows::SessionRow> = ::sqlx::query_as(&sql).bind(session_id).bind(expected).fetch_optional(&mut **tx).await.map_err($crate::sql::db_err)?;
                match r {
                    Some(r) => Ok(rows::session(r)),
                    None => {
                        let exists: Option<(i64,)> = ::sqlx::query_as("SELECT id FROM meeting_sessions WHERE id = $1")
                            .bind(session_id)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err($crate::sql::db_err)?;
                        Err(if exists.is_some() { rows::stale() } else { $crate::StoreError::NotFound })
                    }
                }
            }

            async fn entry_in(
                tx: &mut ::sqlx::Transaction<'static, $DB>,
                session_id: i64,
                entry_id: i64,
            ) -> $crate::StoreResult<$crate::SpeakerEntry> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM speaker_entries WHERE id = $1 AND session_id = $2", rows::ENTRY_COLS);
                let r: rows::EntryRow = ::sqlx::query_as(&sql).bind(entry_id).bind(session_id).fetch_one(&mut **tx).await.map_err($crate::sql::db_err)?;
                Ok(rows::entry(r))
            }

            async fn session_entries(
                tx: &mut ::sqlx::Transaction<'static, $DB>,
                session_id: i64,
            ) -> $crate::StoreResult<Vec<$crate::SpeakerEntry>> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM speaker_entries WHERE session_id = $1 ORDER BY position, id", rows::ENTRY_COLS);
                let r: Vec<rows::EntryRow> = ::sqlx::query_as(&sql).bind(session_id).fetch_all(&mut **tx).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(rows::entry).collect())
            }
        }

        #[$crate::sql::async_trait]
        impl $crate::Floor for $Store {
            async fn create_meeting_session(&self, actor: &$crate::Actor, new: $crate::input::NewMeetingSession) -> $crate::StoreResult<$crate::MeetingSession> {
                use $crate::sql::rows;
                let new = new.validate()?;
                let scope = self.plenum_scope(new.plenum_id).await?;
                if let Some(g) = new.group_id {
                    if !$crate::Plenums::groups(self, new.plenum_id).await?.iter().any(|x| x.id == g) {
                        return Err(rows::field("group_id", "not-found"));
                    }
                }
                let mut tx = self.begin().await?;
                let sql = format!(
                    "INSERT INTO meeting_sessions (plenum_id, kind, group_id, title, current_item_id, status, speaking_seconds, version)
                     VALUES ($1, $2, $3, $4, NULL, 'planned', $5, 1) RETURNING {}",
                    rows::SESSION_COLS
                );
                let r: rows::SessionRow = ::sqlx::query_as(&sql)
                    .bind(new.plenum_id)
                    .bind(&new.kind)
                    .bind(new.group_id)
                    .bind(&new.title)
                    .bind(new.speaking_seconds)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let s = rows::session(r);
                self.commit_change(tx, actor, "session.created", scope, $crate::sql::json!(&s)).await?;
                Ok(s)
            }

            async fn meeting_sessions(&self, plenum_id: i64) -> $crate::StoreResult<Vec<$crate::MeetingSession>> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM meeting_sessions WHERE plenum_id = $1 ORDER BY id", rows::SESSION_COLS);
                let r: Vec<rows::SessionRow> = ::sqlx::query_as(&sql).bind(plenum_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(rows::session).collect())
            }

            async fn meeting_session(&self, id: i64) -> $crate::StoreResult<$crate::MeetingSession> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM meeting_sessions WHERE id = $1", rows::SESSION_COLS);
                let r: rows::SessionRow = ::sqlx::query_as(&sql).bind(id).fetch_one(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(rows::session(r))
            }

            async fn update_meeting_session(&self, actor: &$crate::Actor, id: i64, expected_version: i64, change: $crate::input::SessionChange) -> $crate::StoreResult<$crate::MeetingSession> {
                use $crate::sql::rows;
                let change = change.validate()?;
                let current = $crate::Floor::meeting_session(self, id).await?;
                let scope = self.plenum_scope(current.plenum_id).await?;
                let item = match change.current_item_id {
                    None => current.current_item_id,
                    Some(0) => None,
                    Some(item) => {
                        if !$crate::Plenums::agenda_items(self, current.plenum_id).await?.iter().any(|i| i.id == item) {
                            return Err(rows::field("current_item_id", "not-found"));
                        }
                        Some(item)
                    }
                };
                let mut tx = self.begin().await?;
                Self::claim_session(&mut tx, id, expected_version).await?;
                if let Some(to) = change.status.as_deref().and_then(::plenum_core::conduct::speakers::SessionStatus::parse) {
                    let speaking = Self::session_entries(&mut tx, id).await?.iter().any(|e| e.status == "speaking");
                    ::plenum_core::conduct::speakers::may_change_status(to, speaking).map_err($crate::StoreError::Conflict)?;
                }
                let sql = format!(
                    "UPDATE meeting_sessions SET current_item_id = $1, status = $2, speaking_seconds = $3 WHERE id = $4 RETURNING {}",
                    rows::SESSION_COLS
                );
                let r: rows::SessionRow = ::sqlx::query_as(&sql)
                    .bind(item)
                    .bind(change.status.as_deref().unwrap_or(&current.status))
                    .bind(change.speaking_seconds.unwrap_or(current.speaking_seconds))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let s = rows::session(r);
                self.commit_change(tx, actor, "session.changed", scope, $crate::sql::json!(&s)).await?;
                Ok(s)
            }

            async fn request_floor(&self, actor: &$crate::Actor, new: $crate::input::NewSpeakerEntry) -> $crate::StoreResult<$crate::SpeakerEntry> {
                use $crate::sql::rows;
                let new = new.validate()?;
                let session = $crate::Floor::meeting_session(self, new.session_id).await?;
                let delegate = $crate::Delegates::delegate(self, new.delegate_id).await?;
                if delegate.plenum_id != session.plenum_id {
                    return Err(rows::field("delegate_id", "not-found"));
                }
                if !$crate::Plenums::agenda_items(self, session.plenum_id).await?.iter().any(|i| i.id == new.item_id) {
                    return Err(rows::field("item_id", "not-found"));
                }
                let scope = self.plenum_scope(session.plenum_id).await?;
                let mut tx = self.begin().await?;
                let s = Self::claim_session(&mut tx, session.id, -1).await?;
                // Checked on the locked row, so a request cannot slip in after the chair closes the session.
                ::plenum_core::conduct::speakers::may_request(Self::status_of(&s)?).map_err($crate::StoreError::Conflict)?;
                let entries = Self::session_entries(&mut tx, s.id).await?;
                if entries.iter().any(|e| e.delegate_id == new.delegate_id && e.item_id == new.item_id && e.kind == new.kind && matches!(e.status.as_str(), "waiting" | "speaking")) {
                    return Err($crate::StoreError::Conflict("already-requested"));
                }
                let position = entries.iter().map(|e| e.position).max().unwrap_or(0) + 1;
                let sql = format!(
                    "INSERT INTO speaker_entries (session_id, item_id, delegate_id, kind, position, status, allotted_seconds, requested_at, version)
                     VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7, 1) RETURNING {}",
                    rows::ENTRY_COLS
                );
                let r: rows::EntryRow = ::sqlx::query_as(&sql)
                    .bind(s.id)
                    .bind(new.item_id)
                    .bind(new.delegate_id)
                    .bind(&new.kind)
                    .bind(position)
                    .bind(s.speaking_seconds)
                    .bind($crate::sql::now_micros())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let e = rows::entry(r);
                let data = $crate::sql::json!({"entry": &e, "session_version": s.version});
                self.commit_change(tx, actor, "speaker.requested", scope, data).await?;
                Ok(e)
            }

            async fn speaker_entries(&self, session_id: i64) -> $crate::StoreResult<Vec<$crate::SpeakerEntry>> {
                use $crate::sql::rows;
                let sql = format!(
                    "SELECT {} FROM speaker_entries WHERE session_id = $1
                     ORDER BY CASE status WHEN 'speaking' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, position, id",
                    rows::ENTRY_COLS
                );
                let r: Vec<rows::EntryRow> = ::sqlx::query_as(&sql).bind(session_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(rows::entry).collect())
            }

            async fn speaker_entry(&self, id: i64) -> $crate::StoreResult<$crate::SpeakerEntry> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM speaker_entries WHERE id = $1", rows::ENTRY_COLS);
                let r: rows::EntryRow = ::sqlx::query_as(&sql).bind(id).fetch_one(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(rows::entry(r))
            }

            async fn reorder_speaker(&self, actor: &$crate::Actor, session_id: i64, expected_version: i64, entry_id: i64, to: usize) -> $crate::StoreResult<$crate::MeetingSession> {
                let scope = self.plenum_scope($crate::Floor::meeting_session(self, session_id).await?.plenum_id).await?;
                let mut tx = self.begin().await?;
                let s = Self::claim_session(&mut tx, session_id, expected_version).await?;
                let entries = Self::session_entries(&mut tx, session_id).await?;
                let slots: Vec<::plenum_core::conduct::speakers::Slot> = entries
                    .iter()
                    .map(|e| ::plenum_core::conduct::speakers::Slot { id: e.id, position: e.position, waiting: e.status == "waiting", speaks: e.kind == "speak" })
                    .collect();
                let order = ::plenum_core::conduct::speakers::reorder(&slots, entry_id, to).ok_or($crate::StoreError::Conflict("not-waiting"))?;
                // Waiting entries are renumbered after everything already spoken.
                let base = entries.iter().filter(|e| e.status != "waiting").map(|e| e.position).max().unwrap_or(0);
                for (id, pos) in &order {
                    ::sqlx::query("UPDATE speaker_entries SET position = $1, version = version + 1 WHERE id = $2")
                        .bind(base + pos)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err($crate::sql::db_err)?;
                }
                let data = $crate::sql::json!({"session_id": session_id, "order": order.iter().map(|p| p.0).collect::<Vec<_>>(), "session_version": s.version});
                self.commit_change(tx, actor, "speaker.reordered", scope, data).await?;
                Ok(s)
            }

            async fn give_floor(&self, actor: &$crate::Actor, session_id: i64, expected_version: i64, entry_id: i64) -> $crate::StoreResult<$crate::SpeakerEntry> {
                use $crate::sql::rows;
                let scope = self.plenum_scope($crate::Floor::meeting_session(self, session_id).await?.plenum_id).await?;
                let mut tx = self.begin().await?;
                let s = Self::claim_session(&mut tx, session_id, expected_version).await?;
                let entries = Self::session_entries(&mut tx, session_id).await?;
                ::plenum_core::conduct::speakers::may_give_floor(Self::status_of(&s)?, entries.iter().any(|e| e.status == "speaking"))
                    .map_err($crate::StoreError::Conflict)?;
                let e = Self::entry_in(&mut tx, session_id, entry_id).await?;
                if e.status != "waiting" || e.kind != "speak" {
                    return Err($crate::StoreError::Conflict("not-waiting"));
                }
                let sql = format!("UPDATE speaker_entries SET status = 'speaking', started_at = $1, version = version + 1 WHERE id = $2 RETURNING {}", rows::ENTRY_COLS);
                let r: rows::EntryRow = ::sqlx::query_as(&sql).bind($crate::sql::now_micros()).bind(entry_id).fetch_one(&mut *tx).await.map_err($crate::sql::db_err)?;
                let e = rows::entry(r);
                let data = $crate::sql::json!({"entry": &e, "session_version": s.version});
                self.commit_change(tx, actor, "speaker.started", scope, data).await?;
                Ok(e)
            }

            async fn stop_speaker(&self, actor: &$crate::Actor, session_id: i64, expected_version: i64, entry_id: i64) -> $crate::StoreResult<$crate::Speech> {
                use $crate::sql::rows;
                let scope = self.plenum_scope($crate::Floor::meeting_session(self, session_id).await?.plenum_id).await?;
                let mut tx = self.begin().await?;
                let s = Self::claim_session(&mut tx, session_id, expected_version).await?;
                let e = Self::entry_in(&mut tx, session_id, entry_id).await?;
                if e.status != "speaking" {
                    return Err($crate::StoreError::Conflict("not-speaking"));
                }
                let now = $crate::sql::now_micros();
                let seconds = ::plenum_core::conduct::speakers::spoken_seconds(e.started_at.unwrap_or(now), now);
                ::sqlx::query("UPDATE speaker_entries SET status = 'done', ended_at = $1, version = version + 1 WHERE id = $2")
                    .bind(now)
                    .bind(entry_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let sql = format!(
                    "INSERT INTO speeches (plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {}",
                    rows::SPEECH_COLS
                );
                let r: rows::SpeechRow = ::sqlx::query_as(&sql)
                    .bind(s.plenum_id)
                    .bind(session_id)
                    .bind(e.delegate_id)
                    .bind(e.item_id)
                    .bind(e.id)
                    .bind(seconds)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let speech = rows::speech(r);
                let data = $crate::sql::json!({"entry_id": e.id, "speech": &speech, "session_version": s.version});
                self.commit_change(tx, actor, "speaker.stopped", scope, data).await?;
                Ok(speech)
            }

            async fn withdraw_speaker(&self, actor: &$crate::Actor, session_id: i64, expected_version: i64, entry_id: i64) -> $crate::StoreResult<$crate::MeetingSession> {
                let scope = self.plenum_scope($crate::Floor::meeting_session(self, session_id).await?.plenum_id).await?;
                let mut tx = self.begin().await?;
                let s = Self::claim_session(&mut tx, session_id, expected_version).await?;
                let e = Self::entry_in(&mut tx, session_id, entry_id).await?;
                if e.status != "waiting" {
                    return Err($crate::StoreError::Conflict("not-waiting"));
                }
                ::sqlx::query("UPDATE speaker_entries SET status = 'withdrawn', version = version + 1 WHERE id = $1")
                    .bind(entry_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                self.commit_change(tx, actor, "speaker.withdrawn", scope, $crate::sql::json!({"entry_id": entry_id, "session_version": s.version})).await?;
                Ok(s)
            }

            async fn set_allotted(&self, actor: &$crate::Actor, session_id: i64, expected_version: i64, entry_id: i64, seconds: i64) -> $crate::StoreResult<$crate::SpeakerEntry> {
                use $crate::sql::rows;
                let mut errors = ::plenum_core::FieldErrors::default();
                $crate::input::check_speaking_seconds(&mut errors, "allotted_seconds", seconds);
                if !errors.is_empty() {
                    return Err(errors.into());
                }
                let scope = self.plenum_scope($crate::Floor::meeting_session(self, session_id).await?.plenum_id).await?;
                let mut tx = self.begin().await?;
                let s = Self::claim_session(&mut tx, session_id, expected_version).await?;
                let e = Self::entry_in(&mut tx, session_id, entry_id).await?;
                if !matches!(e.status.as_str(), "waiting" | "speaking") {
                    return Err($crate::StoreError::Conflict("not-waiting"));
                }
                let sql = format!("UPDATE speaker_entries SET allotted_seconds = $1, version = version + 1 WHERE id = $2 RETURNING {}", rows::ENTRY_COLS);
                let r: rows::EntryRow = ::sqlx::query_as(&sql).bind(seconds).bind(entry_id).fetch_one(&mut *tx).await.map_err($crate::sql::db_err)?;
                let e = rows::entry(r);
                self.commit_change(tx, actor, "speaker.time_changed", scope, $crate::sql::json!({"entry": &e, "session_version": s.version})).await?;
                Ok(e)
            }
        }
    };
}
