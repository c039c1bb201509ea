//! One session's floor as the three views show it: the session, its current
//! item, the speaker with the clock, and the list, with names resolved.

use std::collections::{HashMap, HashSet};

use plenum_core::conduct::speakers::{self, EntryKind, EntryStatus, SessionSlot, SessionStatus, Slot};
use plenum_store::{AgendaItem, Delegate, MeetingSession, Plenum, SpeakerEntry};

use crate::conduct::floor::{clock_text, seconds_to_minutes};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// The speaking clock as the server sees it when rendering. The page shows
/// `text` as is; `static/floor.js` keeps it running from the same figures,
/// correcting the browser's clock by `now` (the server's time).
pub struct Clock {
    /// Microseconds since the epoch.
    pub started: i64,
    pub allotted: i64,
    pub now: i64,
    pub text: String,
    pub over: bool,
}

/// One entry of the list, with the delegate's name.
pub struct Row {
    pub e: SpeakerEntry,
    pub name: String,
    pub title: String,
    pub unit: String,
    pub item: String,
    /// Place among those waiting to speak, from 1.
    pub place: Option<usize>,
    /// Speaking time for the "change time" field, in minutes.
    pub minutes: String,
    pub allotted: String,
    pub clock: Option<Clock>,
    /// The actual length of a finished speech, in seconds.
    pub spoken: Option<i64>,
    /// A written opinion announced here has been sent.
    pub written_sent: bool,
}

impl Row {
    pub fn speaks(&self) -> bool {
        self.e.kind == EntryKind::Speak
    }
    /// "Title, unit" for the second line under a name.
    pub fn role_line(&self) -> String {
        [self.title.as_str(), self.unit.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" — ")
    }
}

pub struct Snapshot {
    pub plenum: Plenum,
    pub sessions: Vec<MeetingSession>,
    /// The session shown; `None` when the plenum has none yet.
    pub session: Option<MeetingSession>,
    pub item: Option<AgendaItem>,
    pub items: Vec<AgendaItem>,
    pub speaking: Option<Row>,
    /// Waiting entries (requests to speak and announced written opinions), in list order.
    pub waiting: Vec<Row>,
    /// Entries spoken or withdrawn.
    pub finished: Vec<Row>,
    /// `?session=…` to keep the same session in links and fragment URLs; empty
    /// when the view follows whichever session is current.
    pub pin: String,
}

pub fn item_label(i: &AgendaItem) -> String {
    format!("{}. {}", i.ordinal, i.title)
}

impl Snapshot {
    /// Load `requested` (or the current session for a delegate of `group`).
    /// The session, with its version, is read before its list: a console
    /// acting on what it shows then either matches or is refused as stale,
    /// never acts on a list newer than its version.
    pub async fn load(
        state: &AppState,
        plenum: Plenum,
        requested: Option<i64>,
        group: Option<i64>,
        with_written: bool,
    ) -> Result<Snapshot, AppError> {
        let store = &state.store;
        let sessions = store.meeting_sessions(plenum.id).await?;
        let chosen = match requested {
            Some(id) => Some(sessions.iter().find(|s| s.id == id).ok_or(AppError::NotFound)?.id),
            None => {
                let slots: Vec<SessionSlot> =
                    sessions.iter().map(|s| SessionSlot { id: s.id, group_id: s.group_id, status: s.status }).collect();
                speakers::current_session(&slots, group)
            }
        };
        let session = chosen.and_then(|id| sessions.iter().find(|s| s.id == id).cloned());
        let entries = match &session {
            Some(s) => store.speaker_entries(s.id).await?,
            None => Vec::new(),
        };
        let items = store.agenda_items(plenum.id).await?;
        let delegates: HashMap<i64, Delegate> =
            store.delegates(plenum.id).await?.into_iter().map(|d| (d.id, d)).collect();
        let sent: HashSet<(i64, i64)> = if with_written && entries.iter().any(|e| e.kind == EntryKind::Written) {
            store
                .opinions(plenum.id)
                .await?
                .into_iter()
                .filter(|o| o.speech_id.is_none())
                .map(|o| (o.delegate_id, o.item_id))
                .collect()
        } else {
            HashSet::new()
        };
        let slots: Vec<Slot> = entries
            .iter()
            .map(|e| Slot {
                id: e.id,
                position: e.position,
                waiting: e.status == EntryStatus::Waiting,
                speaks: e.kind == EntryKind::Speak,
            })
            .collect();
        let now = plenum_store::store::now_micros();
        let row = |e: SpeakerEntry| {
            let d = delegates.get(&e.delegate_id);
            let clock = (e.status == EntryStatus::Speaking).then(|| {
                let started = e.started_at.unwrap_or(now);
                let left = speakers::remaining_seconds(e.allotted_seconds, started, now);
                Clock { started, allotted: e.allotted_seconds, now, text: clock_text(left), over: left < 0 }
            });
            let spoken = match (e.started_at, e.ended_at) {
                (Some(a), Some(b)) => Some(speakers::spoken_seconds(a, b)),
                _ => None,
            };
            Row {
                name: d.map(|d| d.full_name.clone()).unwrap_or_default(),
                title: d.map(|d| d.title.clone()).unwrap_or_default(),
                unit: d.map(|d| d.unit.clone()).unwrap_or_default(),
                item: items.iter().find(|i| i.id == e.item_id).map(item_label).unwrap_or_default(),
                place: speakers::place_in_queue(&slots, e.id),
                minutes: seconds_to_minutes(e.allotted_seconds),
                allotted: clock_text(e.allotted_seconds),
                written_sent: sent.contains(&(e.delegate_id, e.item_id)),
                clock,
                spoken,
                e,
            }
        };
        let (mut speaking, mut waiting, mut finished) = (None, Vec::new(), Vec::new());
        for e in entries {
            match e.status.as_str() {
                "speaking" => speaking = Some(row(e)),
                "waiting" => waiting.push(row(e)),
                _ => finished.push(row(e)),
            }
        }
        let item =
            session.as_ref().and_then(|s| s.current_item_id).and_then(|id| items.iter().find(|i| i.id == id).cloned());
        let pin = match (requested, &session) {
            (Some(_), Some(s)) => format!("?session={}", s.id),
            _ => String::new(),
        };
        Ok(Snapshot { plenum, sessions, session, item, items, speaking, waiting, finished, pin })
    }

    /// The next few to speak, for the projector.
    pub fn up_next(&self, n: usize) -> impl Iterator<Item = &Row> {
        self.waiting.iter().filter(|r| r.speaks()).take(n)
    }

    pub fn is_open(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.status == SessionStatus::Open)
    }

    pub fn is_closed(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.status == SessionStatus::Closed)
    }

    pub fn session_id(&self) -> i64 {
        self.session.as_ref().map(|s| s.id).unwrap_or(0)
    }

    pub fn item_label(&self) -> String {
        self.item.as_ref().map(item_label).unwrap_or_default()
    }

    /// The default speaking time, in minutes, for the settings form.
    pub fn default_minutes(&self) -> String {
        self.session.as_ref().map(|s| seconds_to_minutes(s.speaking_seconds)).unwrap_or_default()
    }
}

/// A message shown at the top of a floor page after a redirect (`?notice=code`).
/// Only known codes are shown, so a crafted link cannot put text on the page.
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// Refusals the store gives on the floor, worded by `error-<code>`.
const REFUSALS: &[&str] = &[
    "stale",
    "someone-speaking",
    "not-waiting",
    "not-speaking",
    "already-requested",
    "session-closed",
    "session-not-open",
];

/// Confirmations after a delegate's own action.
struct Done {
    code: &'static str,
    key: &'static str,
}

const DONE: &[Done] = &[
    Done { code: "requested", key: "floor-notice-requested" },
    Done { code: "written", key: "floor-notice-written" },
    Done { code: "withdrawn", key: "floor-notice-withdrawn" },
    Done { code: "opinion-sent", key: "floor-notice-opinion-sent" },
];

impl Notice {
    pub fn from_code(lang: Lang, code: Option<&str>) -> Option<Notice> {
        let code = code?;
        if let Some(c) = REFUSALS.iter().find(|c| **c == code) {
            return Some(Notice { text: crate::error::message(lang, c), error: true });
        }
        DONE.iter().find(|d| d.code == code).map(|d| Notice { text: lang.t(d.key), error: false })
    }

    /// The code for the query string, if this refusal is one the floor words.
    pub fn code_for(refusal: &'static str) -> Option<&'static str> {
        REFUSALS.iter().find(|c| **c == refusal).copied()
    }
}

/// Field problems in a floor form, each with the field's name on the page.
pub fn form_errors(lang: Lang, e: &plenum_core::FieldErrors) -> Vec<(String, String)> {
    crate::pages::labelled_errors(lang, e, |field| {
        LABELS.iter().find(|l| l.field == field).map(|l| lang.t(l.key)).unwrap_or_default()
    })
}

struct Label {
    field: &'static str,
    key: &'static str,
}

const LABELS: &[Label] = &[
    Label { field: "title", key: "floor-session-title" },
    Label { field: "group_id", key: "floor-venue" },
    Label { field: "kind", key: "floor-venue" },
    Label { field: "speaking_seconds", key: "floor-default-time" },
    Label { field: "allotted_seconds", key: "floor-time" },
    Label { field: "seconds", key: "floor-time" },
    Label { field: "current_item_id", key: "floor-current-item" },
    Label { field: "item_id", key: "floor-item" },
    Label { field: "delegate_id", key: "floor-delegate" },
    Label { field: "stance", key: "floor-stance" },
    Label { field: "text", key: "floor-opinion-text" },
    Label { field: "passage_anchor", key: "floor-passage" },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_notices_are_shown() {
        let stale = Notice::from_code(Lang::Vi, Some("stale")).unwrap();
        assert!(stale.error);
        assert_eq!(stale.text, Lang::Vi.t("error-stale"));
        assert!(!Notice::from_code(Lang::En, Some("requested")).unwrap().error);
        assert!(Notice::from_code(Lang::Vi, Some("<script>")).is_none());
        assert!(Notice::from_code(Lang::Vi, Some("internal")).is_none(), "only the floor's own refusals");
        assert!(Notice::from_code(Lang::Vi, None).is_none());
    }

    #[test]
    fn every_refusal_and_label_is_worded_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            for code in REFUSALS {
                assert!(lang.has(&format!("error-{code}")), "error-{code} in {lang:?}");
            }
            for d in DONE {
                assert!(lang.has(d.key), "{} in {lang:?}", d.key);
            }
        }
    }
}
