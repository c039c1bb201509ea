//! Meeting sessions (phiên họp): plenary and group sittings.

use plenum_core::access::Permission;
use plenum_store::input::{NewMeetingSession, SessionChange};
use plenum_store::{MeetingSession, Plenum};

use crate::prepare::plenums;
use crate::{App, AppResult, Principal};

/// The plenum's sessions.
pub async fn list(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<MeetingSession>> {
    plenums::get(app, who, plenum_id).await?;
    Ok(app.store.meeting_sessions(plenum_id).await?)
}

/// The plenum, for the one who presides (the chair's console).
pub async fn presided(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Plenum> {
    app.plenum_for(who, plenum_id, Permission::Preside).await
}

/// Create a session (the chair); it starts planned.
pub async fn create(app: &App, who: &Principal, new: NewMeetingSession) -> AppResult<MeetingSession> {
    presided(app, who, new.plenum_id).await?;
    Ok(app.store.create_meeting_session(&who.actor(), new).await?)
}

/// A session with its plenum, for those who may see the plenum.
pub async fn get(app: &App, who: &Principal, session_id: i64) -> AppResult<(Plenum, MeetingSession)> {
    let session = app.store.meeting_session(session_id).await?;
    let plenum = plenums::get(app, who, session.plenum_id).await?;
    Ok((plenum, session))
}

/// Open or close a session, set its current item or speaking time (the chair), as of `version`.
pub async fn update(
    app: &App,
    who: &Principal,
    session_id: i64,
    version: i64,
    change: SessionChange,
) -> AppResult<MeetingSession> {
    let session = app.store.meeting_session(session_id).await?;
    presided(app, who, session.plenum_id).await?;
    Ok(app.store.update_meeting_session(&who.actor(), session_id, version, change).await?)
}
