//! Speeches and opinions.

#[doc(hidden)]
#[macro_export]
macro_rules! impl_records {
    ($Store:ty, $DB:ty) => {
        impl $Store {
            /// The plenum an item belongs to, or a field error naming `field`.
            async fn item_plenum(&self, item_id: i64, field: &str) -> $crate::StoreResult<i64> {
                let r: Option<(i64,)> = ::sqlx::query_as("SELECT plenum_id FROM agenda_items WHERE id = $1")
                    .bind(item_id)
                    .fetch_optional(self.reader())
                    .await
                    .map_err($crate::sql::db_err)?;
                r.map(|r| r.0).ok_or_else(|| $crate::sql::rows::field(field, "not-found"))
            }

            /// The anchor an opinion cites: what was typed (an anchor or a
            /// label of the item's drafts) resolved against the item's passages.
            async fn cited_passage(&self, item_id: i64, typed: Option<String>) -> $crate::StoreResult<Option<String>> {
                let Some(typed) = typed.filter(|t| !t.trim().is_empty()) else { return Ok(None) };
                let known: Vec<(String, String)> = ::sqlx::query_as(
                    "SELECT p.anchor, p.label FROM passages p
                     JOIN document_versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
                     WHERE d.item_id = $1 ORDER BY v.number DESC, d.id, p.ordinal",
                )
                .bind(item_id)
                .fetch_all(self.reader())
                .await
                .map_err($crate::sql::db_err)?;
                ::plenum_core::prepare::passages::resolve_citation(&typed, &known)
                    .map(Some)
                    .ok_or_else(|| $crate::sql::rows::field("passage_anchor", "passage-not-found"))
            }

            async fn delegate_in(&self, delegate_id: i64, plenum_id: i64) -> $crate::StoreResult<()> {
                match $crate::Delegates::delegate(self, delegate_id).await {
                    Ok(d) if d.plenum_id == plenum_id => Ok(()),
                    Ok(_) | Err($crate::StoreError::NotFound) => Err($crate::sql::rows::field("delegate_id", "not-found")),
                    Err(e) => Err(e),
                }
            }
        }

        #[$crate::sql::async_trait]
        impl $crate::Records for $Store {
            async fn record_speech(&self, actor: &$crate::Actor, new: $crate::input::NewSpeech) -> $crate::StoreResult<$crate::Speech> {
                use $crate::sql::rows;
                let session = match $crate::Floor::meeting_session(self, new.session_id).await {
                    Err($crate::StoreError::NotFound) => return Err(rows::field("session_id", "not-found")),
                    other => other?,
                };
                if self.item_plenum(new.item_id, "item_id").await? != session.plenum_id {
                    return Err(rows::field("item_id", "not-found"));
                }
                self.delegate_in(new.delegate_id, session.plenum_id).await?;
                if new.seconds.is_some_and(|s| !(0..=36_000).contains(&s)) {
                    return Err(rows::field("seconds", "out-of-range"));
                }
                let scope = self.plenum_scope(session.plenum_id).await?;
                let mut tx = self.begin().await?;
                let sql = format!(
                    "INSERT INTO speeches (plenum_id, session_id, delegate_id, item_id, speaker_entry_id, seconds, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {}",
                    rows::SPEECH_COLS
                );
                let r: rows::SpeechRow = ::sqlx::query_as(&sql)
                    .bind(session.plenum_id)
                    .bind(session.id)
                    .bind(new.delegate_id)
                    .bind(new.item_id)
                    .bind(new.speaker_entry_id)
                    .bind(new.seconds)
                    .bind($crate::sql::now_micros())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let s = rows::speech(r);
                self.commit_change(tx, actor, "speech.recorded", scope, $crate::sql::json!(&s)).await?;
                Ok(s)
            }

            async fn add_opinion(&self, actor: &$crate::Actor, new: $crate::input::NewOpinion) -> $crate::StoreResult<$crate::Opinion> {
                use $crate::sql::rows;
                let mut new = new.validate()?;
                let plenum_id = self.item_plenum(new.item_id, "item_id").await?;
                self.delegate_in(new.delegate_id, plenum_id).await?;
                new.passage_anchor = self.cited_passage(new.item_id, new.passage_anchor.take()).await?;
                if let Some(sid) = new.speech_id {
                    let speech: Option<(i64, i64)> = ::sqlx::query_as("SELECT plenum_id, delegate_id FROM speeches WHERE id = $1")
                        .bind(sid)
                        .fetch_optional(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                    match speech {
                        Some((p, d)) if p == plenum_id && d == new.delegate_id => {}
                        Some(_) => return Err(rows::field("speech_id", "speech-mismatch")),
                        None => return Err(rows::field("speech_id", "not-found")),
                    }
                }
                let scope = self.plenum_scope(plenum_id).await?;
                let mut tx = self.begin().await?;
                let sql = format!(
                    "INSERT INTO opinions (plenum_id, speech_id, delegate_id, item_id, passage_anchor, stance, text, created_at, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING {}",
                    rows::OPINION_COLS
                );
                let r: rows::OpinionRow = ::sqlx::query_as(&sql)
                    .bind(plenum_id)
                    .bind(new.speech_id)
                    .bind(new.delegate_id)
                    .bind(new.item_id)
                    .bind(&new.passage_anchor)
                    .bind(&new.stance)
                    .bind(&new.text)
                    .bind($crate::sql::now_micros())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let o = rows::opinion(r);
                self.commit_change(tx, actor, "opinion.added", scope, $crate::sql::json!(&o)).await?;
                Ok(o)
            }

            async fn update_opinion(&self, actor: &$crate::Actor, id: i64, expected_version: i64, change: $crate::input::OpinionChange) -> $crate::StoreResult<$crate::Opinion> {
                use $crate::sql::rows;
                let current = $crate::Records::opinion(self, id).await?;
                let checked = $crate::input::NewOpinion {
                    speech_id: current.speech_id,
                    delegate_id: current.delegate_id,
                    item_id: change.item_id,
                    passage_anchor: change.passage_anchor,
                    stance: change.stance,
                    text: change.text,
                }
                .validate()?;
                if self.item_plenum(checked.item_id, "item_id").await? != current.plenum_id {
                    return Err(rows::field("item_id", "not-found"));
                }
                let checked = $crate::input::NewOpinion { passage_anchor: self.cited_passage(checked.item_id, checked.passage_anchor.clone()).await?, ..checked };
                let scope = self.plenum_scope(current.plenum_id).await?;
                let mut tx = self.begin().await?;
                let sql = format!(
                    "UPDATE opinions SET item_id = $1, passage_anchor = $2, stance = $3, text = $4, version = version + 1
                     WHERE id = $5 AND version = $6 RETURNING {}",
                    rows::OPINION_COLS
                );
                let r: Option<rows::OpinionRow> = ::sqlx::query_as(&sql)
                    .bind(checked.item_id)
                    .bind(&checked.passage_anchor)
                    .bind(&checked.stance)
                    .bind(&checked.text)
                    .bind(id)
                    .bind(expected_version)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err($crate::sql::db_err)?;
                let o = rows::opinion(r.ok_or_else(rows::stale)?);
                self.commit_change(tx, actor, "opinion.changed", scope, $crate::sql::json!(&o)).await?;
                Ok(o)
            }

            async fn speeches(&self, plenum_id: i64) -> $crate::StoreResult<Vec<$crate::Speech>> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM speeches WHERE plenum_id = $1 ORDER BY id", rows::SPEECH_COLS);
                let r: Vec<rows::SpeechRow> = ::sqlx::query_as(&sql).bind(plenum_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(rows::speech).collect())
            }

            async fn speech(&self, id: i64) -> $crate::StoreResult<$crate::Speech> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM speeches WHERE id = $1", rows::SPEECH_COLS);
                let r: rows::SpeechRow = ::sqlx::query_as(&sql).bind(id).fetch_one(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(rows::speech(r))
            }

            async fn opinions(&self, plenum_id: i64) -> $crate::StoreResult<Vec<$crate::Opinion>> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM opinions WHERE plenum_id = $1 ORDER BY id", rows::OPINION_COLS);
                let r: Vec<rows::OpinionRow> = ::sqlx::query_as(&sql).bind(plenum_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(rows::opinion).collect())
            }

            async fn passage_labels(&self, plenum_id: i64) -> $crate::StoreResult<Vec<(String, String)>> {
                ::sqlx::query_as(
                    "SELECT p.anchor, p.label FROM passages p
                     JOIN document_versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
                     JOIN agenda_items i ON i.id = d.item_id
                     WHERE i.plenum_id = $1 ORDER BY v.number DESC, d.id, p.ordinal",
                )
                .bind(plenum_id)
                .fetch_all(self.reader())
                .await
                .map_err($crate::sql::db_err)
            }

            async fn opinion(&self, id: i64) -> $crate::StoreResult<$crate::Opinion> {
                use $crate::sql::rows;
                let sql = format!("SELECT {} FROM opinions WHERE id = $1", rows::OPINION_COLS);
                let r: rows::OpinionRow = ::sqlx::query_as(&sql).bind(id).fetch_one(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(rows::opinion(r))
            }
        }
    };
}
