//! Which entries of the history an auditor asks for: by plenum, by who acted,
//! by kind of change and by time. Sign-ins are most of the history and hide
//! the rest, so they are left out unless asked for.

use plenum_core::history::AuditEntry;
use plenum_store::change::{Change, Committed};

/// The longest actor name a filter takes (user names are shorter).
pub const MAX_ACTOR: usize = 100;

/// A kind of change, as the register groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Organizations, committees and their members.
    Organization,
    /// Convening a plenum: the plenum, its agenda, its discussion groups.
    Preparation,
    /// Delegates, their sign-in links and accounts.
    Delegates,
    /// Roll call (điểm danh).
    Attendance,
    /// Sessions, the speakers' list and the hall screen's links.
    Floor,
    /// Speeches and the opinions recorded from them.
    Record,
    /// Draft documents and their versions.
    Documents,
    /// Answering the opinions: bodies' officers, answers and their review,
    /// groups of similar opinions, the documents the plenum issues.
    Synthesis,
    /// Votes and ballots: polls opened, closed and sealed, paper ballots entered.
    Decide,
    /// Accounts and roles.
    Accounts,
    /// Signing in and out, tokens, a delegate's one-time link used.
    SignIns,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Organization,
        Kind::Preparation,
        Kind::Delegates,
        Kind::Attendance,
        Kind::Floor,
        Kind::Record,
        Kind::Documents,
        Kind::Synthesis,
        Kind::Decide,
        Kind::Accounts,
        Kind::SignIns,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Preparation => "preparation",
            Kind::Delegates => "delegates",
            Kind::Attendance => "attendance",
            Kind::Floor => "floor",
            Kind::Record => "record",
            Kind::Documents => "documents",
            Kind::Synthesis => "synthesis",
            Kind::Decide => "decide",
            Kind::Accounts => "accounts",
            Kind::SignIns => "sign-ins",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind of a change. No catch-all arm: a new change must be placed.
    pub fn of(change: &Change) -> Kind {
        match change {
            Change::OrganizationCreated(_)
            | Change::CommitteeCreated(_)
            | Change::MemberAdded(_)
            | Change::MemberLinked(_) => Kind::Organization,
            Change::PlenumCreated(_)
            | Change::AgendaItemAdded(_)
            | Change::AgendaItemChanged(_)
            | Change::AgendaReordered(_)
            | Change::AgendaItemRemoved(_)
            | Change::ProgrammeSlotAdded(_)
            | Change::ProgrammeSlotRemoved(_)
            | Change::GroupCreated(_) => Kind::Preparation,
            Change::DelegateAdded(_)
            | Change::DelegatesImported(_)
            | Change::LinkIssued(_)
            | Change::DelegateLinked(_) => Kind::Delegates,
            Change::AttendanceChanged(_) | Change::SittingOpened(_) => Kind::Attendance,
            Change::MeetingSessionCreated(_)
            | Change::MeetingSessionChanged(_)
            | Change::SpeakerRequested(_)
            | Change::SpeakersReordered(_)
            | Change::SpeakerStarted(_)
            | Change::SpeakerStopped(_)
            | Change::SpeakerWithdrawn(_)
            | Change::SpeakerTimeChanged(_)
            | Change::ScreenLinkCreated(_)
            | Change::ScreenLinkRevoked(_) => Kind::Floor,
            Change::SpeechRecorded(_) | Change::OpinionAdded(_) | Change::OpinionChanged(_) => Kind::Record,
            Change::DocumentCreated(_) | Change::DocumentVersionAdded(_) => Kind::Documents,
            Change::BodyOfficerAdded(_)
            | Change::DispositionRecorded(_)
            | Change::DispositionReviewed(_)
            | Change::OpinionGroupsSet(_)
            | Change::IssuedDocumentSaved(_) => Kind::Synthesis,
            Change::PollCreated(_)
            | Change::PollChanged(_)
            | Change::PollOpened(_)
            | Change::PollClosed(_)
            | Change::PollSealed(_)
            | Change::PaperBallotEntered(_) => Kind::Decide,
            Change::AccountCreated(_)
            | Change::RoleGranted(_)
            | Change::AccountDisabled(_)
            | Change::SignedOutEverywhere(_) => Kind::Accounts,
            Change::LoginStarted(_) | Change::TokenCreated(_) | Change::LoginEnded(_) | Change::LinkUsed(_) => {
                Kind::SignIns
            }
        }
    }
}

/// What the reader asks for. The default is the whole history but sign-ins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub plenum: Option<i64>,
    /// Entries by exactly this user name.
    pub actor: Option<String>,
    pub kind: Option<Kind>,
    /// From this moment (microseconds since the epoch, inclusive).
    pub from: Option<i64>,
    /// Before this moment (exclusive).
    pub until: Option<i64>,
    /// Include sign-ins even when no kind is asked for.
    pub sign_ins: bool,
}

impl Filter {
    /// Every entry, sign-ins included: what the API returns when asked nothing.
    pub fn everything() -> Filter {
        Filter { sign_ins: true, ..Filter::default() }
    }

    /// Whether the entry (decoded, when it decodes) is one asked for.
    pub fn matches(&self, entry: &AuditEntry, change: Option<&Committed>) -> bool {
        if self.actor.as_deref().is_some_and(|a| entry.actor.as_deref() != Some(a))
            || self.from.is_some_and(|f| entry.at < f)
            || self.until.is_some_and(|u| entry.at >= u)
        {
            return false;
        }
        let Some(c) = change else {
            // An entry that does not decode has no plenum or kind: it shows
            // only when neither is asked for.
            return self.plenum.is_none() && self.kind.is_none();
        };
        if self.plenum.is_some() && c.scope.plenum_id != self.plenum {
            return false;
        }
        let kind = Kind::of(&c.change);
        match self.kind {
            Some(k) => k == kind,
            None => self.sign_ins || kind != Kind::SignIns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, plenum: Option<i64>, data: serde_json::Value, at: i64) -> AuditEntry {
        let payload = serde_json::json!({"org_id": 1, "plenum_id": plenum, "data": data}).to_string();
        AuditEntry {
            seq: 1,
            at,
            actor: Some("thuky".into()),
            action: action.into(),
            payload,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    fn login() -> AuditEntry {
        entry("login.started", None, serde_json::json!({"session_id": 1, "user_id": 2, "kind": "web", "label": ""}), 50)
    }

    fn linked() -> AuditEntry {
        entry("member.linked", Some(7), serde_json::json!({"member_id": 3, "user_id": 2}), 50)
    }

    fn shown(f: &Filter, e: &AuditEntry) -> bool {
        let c = Committed::from_entry(e).expect("the sample decodes");
        f.matches(e, Some(&c))
    }

    #[test]
    fn sign_ins_wait_to_be_asked_for() {
        assert!(!shown(&Filter::default(), &login()));
        assert!(shown(&Filter { sign_ins: true, ..Filter::default() }, &login()));
        assert!(shown(&Filter { kind: Some(Kind::SignIns), ..Filter::default() }, &login()));
        assert!(shown(&Filter::default(), &linked()));
        assert!(!shown(&Filter { kind: Some(Kind::SignIns), ..Filter::default() }, &linked()));
    }

    #[test]
    fn plenum_actor_and_time_each_narrow() {
        let e = linked();
        assert!(shown(&Filter { plenum: Some(7), ..Filter::default() }, &e));
        assert!(!shown(&Filter { plenum: Some(8), ..Filter::default() }, &e));
        assert!(
            !shown(&Filter { plenum: Some(7), ..Filter::everything() }, &login()),
            "an unscoped entry has no plenum"
        );
        assert!(shown(&Filter { actor: Some("thuky".into()), ..Filter::default() }, &e));
        assert!(!shown(&Filter { actor: Some("thu".into()), ..Filter::default() }, &e), "the actor is matched whole");
        assert!(shown(&Filter { from: Some(50), until: Some(51), ..Filter::default() }, &e));
        assert!(!shown(&Filter { from: Some(51), ..Filter::default() }, &e));
        assert!(!shown(&Filter { until: Some(50), ..Filter::default() }, &e), "the end is excluded");
        let forged = entry("forged", Some(7), serde_json::json!({}), 50);
        assert!(Filter::default().matches(&forged, None));
        assert!(!Filter { plenum: Some(7), ..Filter::default() }.matches(&forged, None));
    }

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("login.started"), None);
    }
}
