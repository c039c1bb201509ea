//! Speeches (lượt phát biểu) as the secretaries record them.

use plenum_store::input::NewSpeech;
use plenum_store::{Opinion, Plenum, Speech};

use super::recording::{require_session, scope_of};
use crate::prepare::plenums;
use crate::{App, AppResult, Error, Principal};

/// A speech with the opinions it carried, in the order they were recorded.
#[derive(Debug, Clone)]
pub struct SpeechRecord {
    pub speech: Speech,
    pub opinions: Vec<Opinion>,
}

/// The plenum's recorded speeches with their opinions, oldest first;
/// optionally one session's only.
pub async fn list(app: &App, who: &Principal, plenum_id: i64, session: Option<i64>) -> AppResult<Vec<SpeechRecord>> {
    plenums::get(app, who, plenum_id).await?;
    let (speeches, mut opinions) = tokio::try_join!(app.store.speeches(plenum_id), app.store.opinions(plenum_id))?;
    opinions.retain(|o| o.speech_id.is_some());
    Ok(speeches
        .into_iter()
        .filter(|s| session.is_none_or(|sid| s.session_id == sid))
        .map(|speech| SpeechRecord {
            opinions: opinions.iter().filter(|o| o.speech_id == Some(speech.id)).cloned().collect(),
            speech,
        })
        .collect())
}

/// Every opinion of the plenum that the caller's desk reaches, in the order
/// recorded: the record as exported, one row per opinion. The office's desk
/// reaches the hall, the groups and the written opinions; a group
/// secretary's, their own groups' sessions only, as their desk shows them.
pub async fn opinion_record(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, Vec<Opinion>)> {
    let (plenum, scope) = super::recording::desk(app, who, plenum_id).await?;
    let (sessions, speeches, mut opinions) = tokio::try_join!(
        app.store.meeting_sessions(plenum_id),
        app.store.speeches(plenum_id),
        app.store.opinions(plenum_id)
    )?;
    let group_of = |o: &Opinion| {
        let speech = speeches.iter().find(|s| Some(s.id) == o.speech_id)?;
        sessions.iter().find(|s| s.id == speech.session_id)?.group_id
    };
    opinions.retain(|o| scope.allows(group_of(o)));
    Ok((plenum, opinions))
}

/// A speech to record; the item defaults to the session's current one.
#[derive(Debug, Clone)]
pub struct SpeechInput {
    pub delegate_id: i64,
    pub item_id: Option<i64>,
    pub seconds: Option<i64>,
    pub speaker_entry_id: Option<i64>,
}

/// Record a speech in a session (secretaries; a group secretary in their own group's sessions).
pub async fn record(app: &App, who: &Principal, session_id: i64, s: SpeechInput) -> AppResult<Speech> {
    let session = app.store.meeting_session(session_id).await?;
    let plenum = app.store.plenum(session.plenum_id).await?;
    require_session(&scope_of(app, who, &plenum).await?, &session)?;
    let item_id = s.item_id.or(session.current_item_id).ok_or_else(|| Error::field("item_id", "required"))?;
    let new = NewSpeech {
        session_id: session.id,
        delegate_id: s.delegate_id,
        item_id,
        speaker_entry_id: s.speaker_entry_id,
        seconds: s.seconds,
    };
    Ok(app.store.record_speech(&who.actor(), new).await?)
}
