//! The floor: the speaker list of a session, as the chair's console, the
//! delegate's tablet and the API act on it.

use plenum_core::access::Permission;
use plenum_core::FieldErrors;
use plenum_store::input::NewSpeakerEntry;
use plenum_store::{Delegate, MeetingSession, Plenum, SpeakerEntry, Speech};

use super::{recording, sessions};
use crate::{App, AppResult, Error, Principal};

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
    /// From the action's name and its `to` / `seconds`; an unknown name is
    /// not found (an unknown route).
    pub fn parse(name: &str, to: Option<i64>, seconds: Option<i64>) -> AppResult<EntryAction> {
        Ok(match name {
            "give-floor" => EntryAction::GiveFloor,
            "stop" => EntryAction::Stop,
            "withdraw" => EntryAction::Withdraw,
            "move" => EntryAction::Move(to.ok_or_else(|| Error::field("to", "required"))?.max(0) as usize),
            "time" => EntryAction::Time(seconds.ok_or_else(|| Error::field("seconds", "required"))?),
            _ => return Err(Error::NotFound),
        })
    }
}

/// The plenum's delegate the caller signs in as, if any.
pub async fn own_delegate(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Option<i64>> {
    Ok(app.store.delegate_for_user(plenum_id, who.user.id).await?.map(|d| d.id))
}

/// The plenum, for a delegate taking part from their tablet.
pub async fn participant(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Plenum> {
    app.plenum_for(who, plenum_id, Permission::Participate).await
}

/// The caller's seat on a plenum: their delegate, if any, and whether they
/// may act from it (ask for the floor, withdraw, write).
pub async fn seat(app: &App, who: &Principal, plenum: &Plenum) -> AppResult<(Option<Delegate>, bool)> {
    let delegate = app.store.delegate_for_user(plenum.id, who.user.id).await?;
    let acts = delegate.is_some() && app.may_on_plenum(who, Permission::Participate, plenum).await?;
    Ok((delegate, acts))
}

/// A session and its list, read in that order: acting with the session's
/// `version` either matches this list or is refused as stale.
pub async fn speaker_list(
    app: &App,
    who: &Principal,
    session_id: i64,
) -> AppResult<(MeetingSession, Vec<SpeakerEntry>)> {
    sessions::get(app, who, session_id).await?;
    let session = app.store.meeting_session(session_id).await?;
    let entries = app.store.speaker_entries(session_id).await?;
    Ok((session, entries))
}

/// Put a delegate on the list of a session. Delegates ask for themselves
/// (`delegate_id` none or their own); the chair and the secretaries may put
/// anyone on it (someone who raised a hand in the hall), a group secretary
/// only their own group's delegates in their group's sessions. The item
/// defaults to the session's current one.
pub async fn ask(
    app: &App,
    who: &Principal,
    session_id: i64,
    delegate_id: Option<i64>,
    item_id: Option<i64>,
    kind: &str,
) -> AppResult<SpeakerEntry> {
    let (plenum, session) = sessions::get(app, who, session_id).await?;
    let own = own_delegate(app, who, plenum.id).await?;
    let for_someone_else = delegate_id.is_some() && delegate_id != own;
    let delegate_id = if let (true, Some(someone)) = (for_someone_else, delegate_id) {
        if !app.may_on_plenum(who, Permission::Preside, &plenum).await? {
            recording::require_for_delegate(app, who, &plenum, &session, someone).await?;
        }
        Some(someone)
    } else {
        app.require_on_plenum(who, Permission::Participate, &plenum).await?;
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
    let (Some(delegate_id), Some(item_id)) = (delegate_id, item_id) else { return Err(Error::Invalid(e)) };
    let new = NewSpeakerEntry { session_id: session.id, item_id, delegate_id, kind: kind.to_string() };
    Ok(app.store.request_floor(&who.actor(), new).await?)
}

/// Act on one entry of a session's list, as of `version`. Everything needs
/// the chair, except that delegates may withdraw their own request.
/// Returns the speech when the action stopped a speaker.
pub async fn act(
    app: &App,
    who: &Principal,
    session_id: i64,
    entry_id: i64,
    version: i64,
    action: EntryAction,
) -> AppResult<Option<Speech>> {
    let (plenum, session) = sessions::get(app, who, session_id).await?;
    act_on(app, who, &plenum, &session, entry_id, version, action).await
}

async fn act_on(
    app: &App,
    who: &Principal,
    plenum: &Plenum,
    session: &MeetingSession,
    entry_id: i64,
    version: i64,
    action: EntryAction,
) -> AppResult<Option<Speech>> {
    let presides = app.may_on_plenum(who, Permission::Preside, plenum).await?;
    if !presides
        && (action != EntryAction::Withdraw || !app.may_on_plenum(who, Permission::Participate, plenum).await?)
    {
        return Err(Error::Forbidden);
    }
    let entry = app.store.speaker_entry(entry_id).await?;
    if entry.session_id != session.id {
        return Err(Error::NotFound);
    }
    if !presides && own_delegate(app, who, plenum.id).await? != Some(entry.delegate_id) {
        return Err(Error::Forbidden);
    }
    let (store, actor) = (&app.store, who.actor());
    Ok(match action {
        EntryAction::GiveFloor => store.give_floor(&actor, session.id, version, entry_id).await.map(|_| None),
        EntryAction::Stop => store.stop_speaker(&actor, session.id, version, entry_id).await.map(Some),
        EntryAction::Withdraw => store.withdraw_speaker(&actor, session.id, version, entry_id).await.map(|_| None),
        EntryAction::Move(to) => store.reorder_speaker(&actor, session.id, version, entry_id, to).await.map(|_| None),
        EntryAction::Time(seconds) => {
            store.set_allotted(&actor, session.id, version, entry_id, seconds).await.map(|_| None)
        }
    }?)
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
        assert!(matches!(EntryAction::parse("move", None, None), Err(Error::Invalid(_))));
        assert!(matches!(EntryAction::parse("explode", None, None), Err(Error::NotFound)));
    }
}
