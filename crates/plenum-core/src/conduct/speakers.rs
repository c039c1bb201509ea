//! The speaker list: its order, who speaks next, and the speaking clock; and
//! what a meeting session (phiên họp) allows in each of its states.
//!
//! A refused change is a [`FloorRefusal`], which the store returns as a
//! conflict and the interface words for the user by its code.
//!
//! None of the regulations in shared/DOMAIN.md fixes how a speaker list is
//! run; these are the product's rules, the same on every path: the store goes
//! through them for every change to a list.

use serde::{Deserialize, Serialize};

/// The speaking time a session gives each speaker unless the chair sets
/// another: five minutes. A product default; the Charter fixes none.
pub const DEFAULT_SPEAKING_SECONDS: i64 = 300;

/// The time a session gives each speaker, or the chair gives one speaker:
/// from 30 seconds to an hour. These are the product's bounds (the Charter
/// fixes none): less is not time to state an opinion, more is a report, which
/// is an agenda item of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpeakingTime(i64);

impl SpeakingTime {
    pub const SHORTEST: i64 = 30;
    pub const LONGEST: i64 = 3600;

    /// A speaking time of this many seconds, if it is within the bounds.
    pub fn parse(seconds: i64) -> Option<SpeakingTime> {
        (Self::SHORTEST..=Self::LONGEST).contains(&seconds).then_some(SpeakingTime(seconds))
    }

    pub fn seconds(self) -> i64 {
        self.0
    }
}

impl Default for SpeakingTime {
    fn default() -> Self {
        SpeakingTime(DEFAULT_SPEAKING_SECONDS)
    }
}

/// Why the speaker list refused a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloorRefusal {
    SessionClosed,
    SessionNotOpen,
    SomeoneSpeaking,
    /// The delegate already waits (or speaks) with this kind of entry on this item.
    AlreadyRequested,
    NotWaiting,
    NotSpeaking,
}

impl FloorRefusal {
    pub fn as_str(self) -> &'static str {
        match self {
            FloorRefusal::SessionClosed => "session-closed",
            FloorRefusal::SessionNotOpen => "session-not-open",
            FloorRefusal::SomeoneSpeaking => "someone-speaking",
            FloorRefusal::AlreadyRequested => "already-requested",
            FloorRefusal::NotWaiting => "not-waiting",
            FloorRefusal::NotSpeaking => "not-speaking",
        }
    }
}

/// What an entry of the list is (loại đăng ký): a request to speak, or the
/// announcement of a written opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Speak,
    Written,
}

impl EntryKind {
    pub const ALL: [EntryKind; 2] = [EntryKind::Speak, EntryKind::Written];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Speak => "speak",
            EntryKind::Written => "written",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

crate::stored_code!(EntryKind, "speaker entry kind");

/// Where an entry stands: waiting, speaking, done, or withdrawn before its turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    Waiting,
    Speaking,
    Done,
    Withdrawn,
}

impl EntryStatus {
    pub const ALL: [EntryStatus; 4] =
        [EntryStatus::Waiting, EntryStatus::Speaking, EntryStatus::Done, EntryStatus::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Waiting => "waiting",
            EntryStatus::Speaking => "speaking",
            EntryStatus::Done => "done",
            EntryStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<EntryStatus> {
        EntryStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Still on the list: waiting or speaking.
    pub fn is_live(self) -> bool {
        matches!(self, EntryStatus::Waiting | EntryStatus::Speaking)
    }
}

crate::stored_code!(EntryStatus, "speaker entry status");

/// May a delegate ask again? Not while an entry of the same kind on the same
/// item still waits or speaks: one request per delegate, kind and item.
pub fn may_ask_again(existing: EntryStatus) -> Result<(), FloorRefusal> {
    if existing.is_live() {
        Err(FloorRefusal::AlreadyRequested)
    } else {
        Ok(())
    }
}

/// May the entry be given the floor? Only a waiting request to speak; a
/// written opinion is handed in, not spoken.
pub fn may_start(kind: EntryKind, status: EntryStatus) -> Result<(), FloorRefusal> {
    match (kind, status) {
        (EntryKind::Speak, EntryStatus::Waiting) => Ok(()),
        _ => Err(FloorRefusal::NotWaiting),
    }
}

/// May the entry be stopped? Only while it speaks.
pub fn may_stop(status: EntryStatus) -> Result<(), FloorRefusal> {
    match status {
        EntryStatus::Speaking => Ok(()),
        _ => Err(FloorRefusal::NotSpeaking),
    }
}

/// May the entry be withdrawn? Only before its turn.
pub fn may_withdraw(status: EntryStatus) -> Result<(), FloorRefusal> {
    match status {
        EntryStatus::Waiting => Ok(()),
        _ => Err(FloorRefusal::NotWaiting),
    }
}

/// May the entry's speaking time change? While it waits or speaks (the
/// chair may give a speaker more time); a finished speech keeps its length.
pub fn may_set_allotted(status: EntryStatus) -> Result<(), FloorRefusal> {
    if status.is_live() {
        Ok(())
    } else {
        Err(FloorRefusal::NotWaiting)
    }
}

/// An entry's place and state, as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub id: i64,
    pub position: i64,
    pub waiting: bool,
    /// Asked for the floor (rather than announcing a written opinion).
    pub speaks: bool,
}

/// The next speaker: the waiting request for the floor with the lowest position.
pub fn next_speaker(slots: &[Slot]) -> Option<i64> {
    slots.iter().filter(|s| s.waiting && s.speaks).min_by_key(|s| (s.position, s.id)).map(|s| s.id)
}

/// Move `id` to index `to` among the waiting entries (0 = first) and return
/// the new positions of every waiting entry, numbered 1, 2, 3… Entries already
/// spoken keep theirs. `None` if `id` is not waiting.
pub fn reorder(slots: &[Slot], id: i64, to: usize) -> Option<Vec<(i64, i64)>> {
    let mut waiting: Vec<&Slot> = slots.iter().filter(|s| s.waiting).collect();
    waiting.sort_by_key(|s| (s.position, s.id));
    let from = waiting.iter().position(|s| s.id == id)?;
    let moved = waiting.remove(from);
    waiting.insert(to.min(waiting.len()), moved);
    Some(waiting.iter().enumerate().map(|(i, s)| (s.id, i as i64 + 1)).collect())
}

/// The state of a meeting session (trạng thái phiên họp): planned, open (sitting) or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Planned,
    Open,
    Closed,
}

impl SessionStatus {
    pub const ALL: [SessionStatus; 3] = [SessionStatus::Planned, SessionStatus::Open, SessionStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Open => "open",
            SessionStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<SessionStatus> {
        SessionStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

crate::stored_code!(SessionStatus, "meeting session status");

/// Where a meeting session sits (loại phiên): the plenary hall, or one discussion group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Plenary,
    Group,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [SessionKind::Plenary, SessionKind::Group];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Plenary => "plenary",
            SessionKind::Group => "group",
        }
    }

    pub fn parse(s: &str) -> Option<SessionKind> {
        SessionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

crate::stored_code!(SessionKind, "meeting session kind");

/// May a delegate join the list? Before a session opens, yes (people register
/// ahead of the sitting); once it is closed, its list is part of the record.
pub fn may_request(status: SessionStatus) -> Result<(), FloorRefusal> {
    match status {
        SessionStatus::Closed => Err(FloorRefusal::SessionClosed),
        SessionStatus::Planned | SessionStatus::Open => Ok(()),
    }
}

/// May the chair give the floor? Only while the session sits, and only to one
/// speaker at a time: the current speaker must be stopped first, so that every
/// speech gets its own recorded length.
pub fn may_give_floor(status: SessionStatus, someone_speaking: bool) -> Result<(), FloorRefusal> {
    match status {
        SessionStatus::Closed => Err(FloorRefusal::SessionClosed),
        SessionStatus::Planned => Err(FloorRefusal::SessionNotOpen),
        SessionStatus::Open if someone_speaking => Err(FloorRefusal::SomeoneSpeaking),
        SessionStatus::Open => Ok(()),
    }
}

/// May the session move to `to`? Not closed while someone has the floor:
/// that speech would never be stopped and its length never recorded.
pub fn may_change_status(to: SessionStatus, someone_speaking: bool) -> Result<(), FloorRefusal> {
    if to == SessionStatus::Closed && someone_speaking {
        Err(FloorRefusal::SomeoneSpeaking)
    } else {
        Ok(())
    }
}

/// The waiting requests to speak, in the order they will be called.
pub fn queue(slots: &[Slot]) -> Vec<i64> {
    let mut waiting: Vec<&Slot> = slots.iter().filter(|s| s.waiting && s.speaks).collect();
    waiting.sort_by_key(|s| (s.position, s.id));
    waiting.into_iter().map(|s| s.id).collect()
}

/// An entry's place in the queue ("you are 3rd"), from 1; `None` unless it
/// is a waiting request to speak.
pub fn place_in_queue(slots: &[Slot], id: i64) -> Option<usize> {
    queue(slots).iter().position(|x| *x == id).map(|i| i + 1)
}

/// A session as [`current_session`] needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionSlot {
    pub id: i64,
    pub group_id: Option<i64>,
    pub status: SessionStatus,
}

/// The session a delegate's tablet (or a hall's projector) shows unless told
/// otherwise: the delegate's own group while it sits (groups discuss before
/// the hall), else the sitting plenary session, else any sitting session,
/// else the first planned one, else the last one.
pub fn current_session(sessions: &[SessionSlot], group: Option<i64>) -> Option<i64> {
    let open = |s: &&SessionSlot| s.status == SessionStatus::Open;
    sessions
        .iter()
        .filter(open)
        .find(|s| group.is_some() && s.group_id == group)
        .or_else(|| sessions.iter().filter(open).find(|s| s.group_id.is_none()))
        .or_else(|| sessions.iter().find(open))
        .or_else(|| sessions.iter().find(|s| s.status == SessionStatus::Planned))
        .or_else(|| sessions.last())
        .map(|s| s.id)
}

/// Seconds left on the clock (negative once over time).
pub fn remaining_seconds(allotted: i64, started_at_micros: i64, now_micros: i64) -> i64 {
    allotted - (now_micros - started_at_micros).max(0) / 1_000_000
}

/// Seconds actually spoken, rounded to the nearest second.
pub fn spoken_seconds(started_at_micros: i64, ended_at_micros: i64) -> i64 {
    ((ended_at_micros - started_at_micros).max(0) + 500_000) / 1_000_000
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slot(id: i64, position: i64, waiting: bool, speaks: bool) -> Slot {
        Slot { id, position, waiting, speaks }
    }

    #[test]
    fn next_is_the_first_waiting_request_to_speak() {
        let s = [slot(1, 1, false, true), slot(2, 2, true, false), slot(3, 3, true, true), slot(4, 4, true, true)];
        assert_eq!(next_speaker(&s), Some(3), "done entries and written opinions are passed over");
        assert_eq!(next_speaker(&[]), None);
    }

    #[test]
    fn moving_the_last_to_the_front() {
        let s = [slot(10, 1, true, true), slot(11, 2, true, true), slot(12, 3, true, true)];
        assert_eq!(reorder(&s, 12, 0), Some(vec![(12, 1), (10, 2), (11, 3)]));
        assert_eq!(reorder(&s, 99, 0), None);
    }

    #[test]
    fn the_queue_skips_written_opinions_and_finished_entries() {
        let s = [slot(1, 1, false, true), slot(2, 2, true, false), slot(3, 5, true, true), slot(4, 3, true, true)];
        assert_eq!(queue(&s), vec![4, 3]);
        assert_eq!(place_in_queue(&s, 3), Some(2), "third by position among those waiting to speak");
        assert_eq!(place_in_queue(&s, 2), None, "a written opinion has no place in the queue");
        assert_eq!(place_in_queue(&s, 1), None, "already spoken");
    }

    #[test]
    fn what_each_state_allows() {
        use SessionStatus::*;
        assert_eq!(may_request(Planned), Ok(()));
        assert_eq!(may_request(Open), Ok(()));
        assert_eq!(may_request(Closed), Err(FloorRefusal::SessionClosed));
        assert_eq!(may_give_floor(Open, false), Ok(()));
        assert_eq!(may_give_floor(Open, true), Err(FloorRefusal::SomeoneSpeaking));
        assert_eq!(may_give_floor(Planned, false), Err(FloorRefusal::SessionNotOpen));
        assert_eq!(may_give_floor(Closed, false), Err(FloorRefusal::SessionClosed));
        assert_eq!(may_change_status(Closed, true), Err(FloorRefusal::SomeoneSpeaking));
        assert_eq!(may_change_status(Closed, false), Ok(()));
        assert_eq!(may_change_status(Open, true), Ok(()));
        assert_eq!(SessionStatus::parse("open"), Some(Open));
        assert_eq!(SessionStatus::parse("sitting"), None);
        assert_eq!(SessionStatus::parse(Closed.as_str()), Some(Closed));
    }

    #[test]
    fn what_each_entry_allows() {
        use EntryKind::*;
        use EntryStatus::*;
        assert_eq!(may_start(Speak, Waiting), Ok(()));
        assert_eq!(may_start(Written, Waiting), Err(FloorRefusal::NotWaiting), "a written opinion is not spoken");
        assert_eq!(may_start(Speak, Done), Err(FloorRefusal::NotWaiting));
        assert_eq!(may_stop(Speaking), Ok(()));
        assert_eq!(may_stop(Waiting), Err(FloorRefusal::NotSpeaking));
        assert_eq!(may_withdraw(Waiting), Ok(()));
        assert_eq!(may_withdraw(Speaking), Err(FloorRefusal::NotWaiting));
        assert_eq!(may_set_allotted(Speaking), Ok(()));
        assert_eq!(may_set_allotted(Withdrawn), Err(FloorRefusal::NotWaiting));
        assert_eq!(may_ask_again(Waiting), Err(FloorRefusal::AlreadyRequested));
        assert_eq!(may_ask_again(Done), Ok(()));
        for s in EntryStatus::ALL {
            assert_eq!(EntryStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(EntryKind::parse("sing"), None);
    }

    #[test]
    fn which_session_a_tablet_shows() {
        use SessionStatus::*;
        let s = |id, group_id, status| SessionSlot { id, group_id, status };
        let all = [s(1, Some(10), Closed), s(2, Some(20), Open), s(3, None, Open), s(4, Some(30), Planned)];
        assert_eq!(current_session(&all, Some(20)), Some(2), "one's own group while it sits");
        assert_eq!(current_session(&all, Some(10)), Some(3), "else the hall");
        assert_eq!(current_session(&all, None), Some(3));
        let no_hall = [s(1, Some(10), Closed), s(2, Some(20), Open)];
        assert_eq!(current_session(&no_hall, Some(10)), Some(2), "else whichever sits");
        let none_open = [s(1, Some(10), Closed), s(4, Some(30), Planned)];
        assert_eq!(current_session(&none_open, None), Some(4), "else the next planned");
        assert_eq!(current_session(&[s(1, None, Closed), s(5, None, Closed)], None), Some(5), "else the last");
        assert_eq!(current_session(&[], None), None);
    }

    #[test]
    fn the_clock() {
        assert_eq!(remaining_seconds(300, 0, 60_000_000), 240);
        assert_eq!(remaining_seconds(300, 0, 301_000_000), -1, "over time goes negative");
        assert_eq!(spoken_seconds(0, 125_600_000), 126);
    }

    #[test]
    fn a_speaking_time_is_half_a_minute_to_an_hour() {
        assert_eq!(SpeakingTime::parse(29), None);
        assert_eq!(SpeakingTime::parse(30).map(SpeakingTime::seconds), Some(30));
        assert_eq!(SpeakingTime::parse(3600).map(SpeakingTime::seconds), Some(3600));
        assert_eq!(SpeakingTime::parse(3601), None);
        assert_eq!(SpeakingTime::parse(-300), None);
        assert_eq!(SpeakingTime::default().seconds(), DEFAULT_SPEAKING_SECONDS);
        assert!(SpeakingTime::parse(DEFAULT_SPEAKING_SECONDS).is_some(), "the default is within the bounds");
    }

    proptest! {
        #[test]
        fn reordering_keeps_every_waiting_entry_once(n in 1usize..20, pick in 0usize..20, to in 0usize..25) {
            let slots: Vec<Slot> = (0..n as i64).map(|i| slot(i + 1, (i * 7) % 11, i % 3 != 0, true)).collect();
            let waiting: Vec<i64> = slots.iter().filter(|s| s.waiting).map(|s| s.id).collect();
            prop_assume!(!waiting.is_empty());
            let id = waiting[pick % waiting.len()];
            let out = reorder(&slots, id, to).unwrap();
            let mut ids: Vec<i64> = out.iter().map(|p| p.0).collect();
            ids.sort_unstable();
            let mut expected = waiting.clone();
            expected.sort_unstable();
            prop_assert_eq!(ids, expected);
            let positions: Vec<i64> = out.iter().map(|p| p.1).collect();
            prop_assert_eq!(positions, (1..=out.len() as i64).collect::<Vec<_>>());
            prop_assert_eq!(out[to.min(out.len() - 1)].0, id);
        }

        #[test]
        fn places_in_the_queue_are_one_to_n(n in 0usize..30) {
            let slots: Vec<Slot> = (0..n as i64).map(|i| slot(i + 1, (i * 5) % 7, i % 4 != 0, i % 3 != 1)).collect();
            let q = queue(&slots);
            let mut places: Vec<usize> = slots.iter().filter_map(|s| place_in_queue(&slots, s.id)).collect();
            places.sort_unstable();
            prop_assert_eq!(places, (1..=q.len()).collect::<Vec<_>>());
            prop_assert_eq!(q.first().copied(), next_speaker(&slots), "first in the queue is the next speaker");
        }
    }
}
