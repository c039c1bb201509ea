//! The floor: what the chair's console, the delegate's tablet and the API
//! share — who may act on a speaker list, and the actions themselves.

use plenum_core::access::Permission;
use plenum_core::FieldErrors;
use plenum_store::{MeetingSession, Plenum, SpeakerEntry, Speech};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// What the chair (or a delegate, for their own entry) does to one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryAction {
    GiveFloor,
    Stop,
    Withdraw,
    /// To this index among the waiting entries (0 = next).
    Move(usize),
    /// Change the entry's speaking time, in seconds.
    Time(i64),
}

impl EntryAction {
    /// From the action's name in the URL and the body's `to` / `seconds`;
    /// an unknown name is an unknown route (404).
    pub fn parse(name: &str, to: Option<i64>, seconds: Option<i64>) -> Result<EntryAction, AppError> {
        let missing = |field: &str| {
            let mut e = FieldErrors::default();
            e.push(field, "required");
            AppError::Unprocessable(e)
        };
        Ok(match name {
            "give-floor" => EntryAction::GiveFloor,
            "stop" => EntryAction::Stop,
            "withdraw" => EntryAction::Withdraw,
            "move" => EntryAction::Move(to.ok_or_else(|| missing("to"))?.max(0) as usize),
            "time" => EntryAction::Time(seconds.ok_or_else(|| missing("seconds"))?),
            _ => return Err(AppError::NotFound),
        })
    }
}

/// A session with its plenum, after checking the caller may `p` there.
pub async fn session_for(
    state: &AppState,
    user: &CurrentUser,
    session_id: i64,
    p: Permission,
) -> Result<(Plenum, MeetingSession), AppError> {
    let session = state.store.meeting_session(session_id).await?;
    let plenum = state.store.plenum(session.plenum_id).await?;
    user.require_on_plenum(state, p, &plenum).await?;
    Ok((plenum, session))
}

/// The plenum's delegate the caller signs in as, if any.
pub async fn own_delegate(state: &AppState, user: &CurrentUser, plenum_id: i64) -> Result<Option<i64>, AppError> {
    Ok(state.store.delegate_for_user(plenum_id, user.user.id).await?.map(|d| d.id))
}

/// Put a delegate on the list. Delegates ask for themselves; the chair and
/// the secretaries may put anyone on it (someone who raised a hand in the hall).
pub async fn ask(
    state: &AppState,
    user: &CurrentUser,
    plenum: &Plenum,
    session: &MeetingSession,
    delegate_id: Option<i64>,
    item_id: Option<i64>,
    kind: &str,
) -> Result<SpeakerEntry, AppError> {
    let own = own_delegate(state, user, plenum.id).await?;
    let for_someone_else = delegate_id.is_some() && delegate_id != own;
    let delegate_id = if for_someone_else {
        let may = user.can_on_plenum(state, Permission::Preside, plenum).await
            || user.can_on_plenum(state, Permission::Record, plenum).await;
        if !may {
            return Err(AppError::Forbidden);
        }
        delegate_id
    } else {
        user.require_on_plenum(state, Permission::Participate, plenum).await?;
        own
    };
    let mut e = FieldErrors::default();
    if delegate_id.is_none() {
        e.push("delegate_id", "required");
    }
    let item_id = item_id.or(session.current_item_id);
    if item_id.is_none() {
        e.push("item_id", "required");
    }
    let (Some(delegate_id), Some(item_id)) = (delegate_id, item_id) else { return Err(AppError::Unprocessable(e)) };
    let new =
        plenum_store::input::NewSpeakerEntry { session_id: session.id, item_id, delegate_id, kind: kind.to_string() };
    Ok(state.store.request_floor(&user.actor(), new).await?)
}

/// Act on one entry of `session`'s list, as of `version`. Everything needs
/// the chair, except that delegates may withdraw their own request.
/// Returns the speech when the action stopped a speaker.
pub async fn act(
    state: &AppState,
    user: &CurrentUser,
    plenum: &Plenum,
    session: &MeetingSession,
    entry_id: i64,
    version: i64,
    action: EntryAction,
) -> Result<Option<Speech>, AppError> {
    let presides = user.can_on_plenum(state, Permission::Preside, plenum).await;
    if !presides
        && (action != EntryAction::Withdraw || !user.can_on_plenum(state, Permission::Participate, plenum).await)
    {
        return Err(AppError::Forbidden);
    }
    let entry = state.store.speaker_entry(entry_id).await?;
    if entry.session_id != session.id {
        return Err(AppError::NotFound);
    }
    if !presides && own_delegate(state, user, plenum.id).await? != Some(entry.delegate_id) {
        return Err(AppError::Forbidden);
    }
    let (store, actor) = (&state.store, user.actor());
    match action {
        EntryAction::GiveFloor => store.give_floor(&actor, session.id, version, entry_id).await.map(|_| None),
        EntryAction::Stop => store.stop_speaker(&actor, session.id, version, entry_id).await.map(Some),
        EntryAction::Withdraw => store.withdraw_speaker(&actor, session.id, version, entry_id).await.map(|_| None),
        EntryAction::Move(to) => store.reorder_speaker(&actor, session.id, version, entry_id, to).await.map(|_| None),
        EntryAction::Time(seconds) => {
            store.set_allotted(&actor, session.id, version, entry_id, seconds).await.map(|_| None)
        }
    }
    .map_err(AppError::from)
}

/// Minutes as people type them ("5", "2.5", "2,5") → whole seconds.
pub fn minutes_to_seconds(raw: &str) -> Option<i64> {
    let m: f64 = raw.trim().replace(',', ".").parse().ok()?;
    m.is_finite().then(|| (m * 60.0).round() as i64)
}

/// Seconds → minutes for an input's value: 420 → "7", 450 → "7.5".
pub fn seconds_to_minutes(s: i64) -> String {
    format!("{}", s as f64 / 60.0)
}

/// A clock reading: "4:05", or "−0:12" once over time.
pub fn clock_text(seconds: i64) -> String {
    let sign = if seconds < 0 { "−" } else { "" };
    let s = seconds.unsigned_abs();
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_by_name() {
        assert_eq!(EntryAction::parse("give-floor", None, None).unwrap(), EntryAction::GiveFloor);
        assert_eq!(EntryAction::parse("move", Some(2), None).unwrap(), EntryAction::Move(2));
        assert_eq!(EntryAction::parse("move", Some(-3), None).unwrap(), EntryAction::Move(0));
        assert_eq!(EntryAction::parse("time", None, Some(90)).unwrap(), EntryAction::Time(90));
        assert!(matches!(EntryAction::parse("move", None, None), Err(AppError::Unprocessable(_))));
        assert!(matches!(EntryAction::parse("explode", None, None), Err(AppError::NotFound)));
    }

    #[test]
    fn minutes_and_the_clock() {
        assert_eq!(minutes_to_seconds(" 7 "), Some(420));
        assert_eq!(minutes_to_seconds("2,5"), Some(150));
        assert_eq!(minutes_to_seconds("0.5"), Some(30));
        assert_eq!(minutes_to_seconds("năm"), None);
        assert_eq!(minutes_to_seconds("inf"), None);
        assert_eq!(seconds_to_minutes(420), "7");
        assert_eq!(seconds_to_minutes(450), "7.5");
        assert_eq!(clock_text(245), "4:05");
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(-12), "−0:12");
        assert_eq!(clock_text(3600), "60:00");
    }
}
