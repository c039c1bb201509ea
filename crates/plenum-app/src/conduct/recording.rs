//! Who may record where: secretaries across the plenum, a group secretary
//! in their own group's sessions only.

use plenum_core::access::{Permission, Role, Target};
use plenum_core::conduct::record::{recording_scope, RecordingScope};
use plenum_store::{MeetingSession, Opinion, Plenum};

use crate::{App, AppResult, Error, Principal};

/// Where the caller may record in this plenum; 403 if nowhere at all.
pub async fn scope_of(app: &App, who: &Principal, plenum: &Plenum) -> AppResult<RecordingScope> {
    app.require_on_plenum(who, Permission::Record, plenum).await?;
    let path = app.org_path(plenum.org_id).await?;
    let target = Target { plenum: Some(plenum.id), org_path: &path };
    // Only a group secretary's scope depends on the groups, so only they pay for the lookup.
    let secretary_of = if who.grants.iter().any(|g| g.role == Role::GroupSecretary) {
        let (members, groups) = tokio::try_join!(app.store.members(plenum.committee_id), app.store.groups(plenum.id))?;
        let mine: Vec<i64> = members.iter().filter(|m| m.user_id == Some(who.user.id)).map(|m| m.id).collect();
        groups.iter().filter(|g| g.secretary_member_id.is_some_and(|s| mine.contains(&s))).map(|g| g.id).collect()
    } else {
        Vec::new()
    };
    recording_scope(&who.grants, &target, &secretary_of).ok_or(Error::Forbidden)
}

/// The plenum and where the caller may record in it (the secretary's desk).
pub async fn desk(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, RecordingScope)> {
    let plenum = app.store.plenum(plenum_id).await?;
    let scope = scope_of(app, who, &plenum).await?;
    Ok((plenum, scope))
}

/// 403 unless the scope covers this session.
pub fn require_session(scope: &RecordingScope, session: &MeetingSession) -> AppResult<()> {
    if scope.allows(session.group_id) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// The discussion group an opinion was given in: its speech's session's
/// group; `None` for the hall and for written opinions.
pub async fn group_of_opinion(app: &App, opinion: &Opinion) -> AppResult<Option<i64>> {
    match opinion.speech_id {
        None => Ok(None),
        Some(sid) => {
            let speech = app.store.speech(sid).await?;
            Ok(app.store.meeting_session(speech.session_id).await?.group_id)
        }
    }
}
