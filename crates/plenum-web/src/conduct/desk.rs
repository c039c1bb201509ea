//! The secretary's desk, as the pages and the API share it: who may record
//! where, and which group a record belongs to.

use plenum_core::access::{Permission, Role, Target};
use plenum_core::conduct::record::{recording_scope, RecordingScope};
use plenum_store::{MeetingSession, Opinion, Plenum};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// Where the caller may record in this plenum; 403 if nowhere at all.
pub async fn scope_of(state: &AppState, user: &CurrentUser, plenum: &Plenum) -> Result<RecordingScope, AppError> {
    user.require_on_plenum(state, Permission::Record, plenum).await?;
    let path = state.org_path(plenum.org_id).await?;
    let target = Target { plenum: Some(plenum.id), org_path: &path };
    // Only a group secretary's scope depends on the groups, so only they pay for the lookup.
    let secretary_of = if user.grants.iter().any(|g| g.role == Role::GroupSecretary) {
        let (members, groups) =
            tokio::try_join!(state.store.members(plenum.committee_id), state.store.groups(plenum.id))?;
        let mine: Vec<i64> = members.iter().filter(|m| m.user_id == Some(user.user.id)).map(|m| m.id).collect();
        groups.iter().filter(|g| g.secretary_member_id.is_some_and(|s| mine.contains(&s))).map(|g| g.id).collect()
    } else {
        Vec::new()
    };
    recording_scope(&user.grants, &target, &secretary_of).ok_or(AppError::Forbidden)
}

/// 403 unless the scope covers this session.
pub fn require_session(scope: &RecordingScope, session: &MeetingSession) -> Result<(), AppError> {
    if scope.allows(session.group_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The discussion group an opinion was given in: its speech's session's
/// group; `None` for the hall and for written opinions.
pub async fn group_of_opinion(state: &AppState, opinion: &Opinion) -> Result<Option<i64>, AppError> {
    match opinion.speech_id {
        None => Ok(None),
        Some(sid) => {
            let speech = state.store.speech(sid).await?;
            Ok(state.store.meeting_session(speech.session_id).await?.group_id)
        }
    }
}

/// Minutes as a secretary types them ("5", "4.5", "4,5") to seconds; empty is
/// none. The error is the field code.
pub fn minutes_to_seconds(raw: &str) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<f64>() {
        Ok(m) if m.is_finite() && (0.0..=600.0).contains(&m) => Ok(Some((m * 60.0).round() as i64)),
        _ => Err("out-of-range"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_read_with_either_decimal_mark() {
        assert_eq!(minutes_to_seconds(""), Ok(None));
        assert_eq!(minutes_to_seconds(" 5 "), Ok(Some(300)));
        assert_eq!(minutes_to_seconds("4,5"), Ok(Some(270)));
        assert_eq!(minutes_to_seconds("0.25"), Ok(Some(15)));
        assert_eq!(minutes_to_seconds("-1"), Err("out-of-range"));
        assert_eq!(minutes_to_seconds("601"), Err("out-of-range"));
        assert_eq!(minutes_to_seconds("năm"), Err("out-of-range"));
        assert_eq!(minutes_to_seconds("NaN"), Err("out-of-range"));
    }
}
