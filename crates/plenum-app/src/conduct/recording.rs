//! Who may record where: secretaries across the plenum, a group secretary
//! in their own group's sessions only. The same scope bounds everything a
//! group secretary does: the roll call, check-in and the speaker list reach
//! only their own group's delegates.

use plenum_core::access::{Permission, Role, Target};
use plenum_core::conduct::record::{recording_scope, RecordingScope};
use plenum_core::prepare::groups::group_of;
use plenum_store::{Delegate, MeetingSession, Opinion, Plenum};

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

/// The discussion group a delegate sits in; `None` for one in no group.
pub async fn group_of_delegate(app: &App, d: &Delegate) -> AppResult<Option<i64>> {
    if d.group_id.is_some() {
        return Ok(d.group_id);
    }
    let groups = app.store.groups(d.plenum_id).await?;
    Ok(group_of(d.group_id, d.member_id, groups.iter().map(|g| (g.id, g.member_ids.as_slice()))))
}

/// 403 unless the scope covers this delegate's group (the office's covers everyone).
pub async fn require_delegate(app: &App, scope: &RecordingScope, d: &Delegate) -> AppResult<()> {
    if *scope == RecordingScope::Plenum || scope.allows(group_of_delegate(app, d).await?) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// 403 unless the caller records in this session and may act for this
/// delegate of its plenum (404 for a delegate of another plenum).
pub async fn require_for_delegate(
    app: &App,
    who: &Principal,
    plenum: &Plenum,
    session: &MeetingSession,
    delegate_id: i64,
) -> AppResult<()> {
    let scope = scope_of(app, who, plenum).await?;
    require_session(&scope, session)?;
    let d = app.store.delegate(delegate_id).await?;
    if d.plenum_id != plenum.id {
        return Err(Error::NotFound);
    }
    require_delegate(app, &scope, &d).await
}
