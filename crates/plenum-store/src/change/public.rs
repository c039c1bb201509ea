//! What of each change leaves the server: one type per change, listing its
//! fields by name. A field added to a row stays inside until it is listed
//! here. None of these carries a password hash, a check-in code, a link hash,
//! an attendance reason or an opinion's text; account ids appear only in the
//! administrative changes, whose audience is administrators.

use plenum_core::access::Role;
use serde::Serialize;

use super::data;
use crate::documents::{Document, DocumentVersion};
use crate::{
    AgendaItem, Committee, Delegate, DiscussionGroup, MeetingSession, Member, Opinion, Organization, Plenum,
    ProgrammeSlot, SpeakerEntry, Speech,
};

#[derive(Debug, Serialize)]
pub struct OrganizationCreated<'a> {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: &'a str,
    pub short_name: &'a str,
    pub level: &'a str,
}

impl<'a> From<&'a Organization> for OrganizationCreated<'a> {
    fn from(o: &'a Organization) -> Self {
        OrganizationCreated {
            id: o.id,
            parent_id: o.parent_id,
            name: &o.name,
            short_name: &o.short_name,
            level: &o.level,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CommitteeCreated<'a> {
    pub id: i64,
    pub org_id: i64,
    pub name: &'a str,
    pub term: &'a str,
    pub term_label: &'a str,
    pub starts_on: &'a str,
}

impl<'a> From<&'a Committee> for CommitteeCreated<'a> {
    fn from(c: &'a Committee) -> Self {
        CommitteeCreated {
            id: c.id,
            org_id: c.org_id,
            name: &c.name,
            term: &c.term,
            term_label: &c.term_label,
            starts_on: &c.starts_on,
        }
    }
}

/// Without the member's account.
#[derive(Debug, Serialize)]
pub struct MemberAdded<'a> {
    pub id: i64,
    pub committee_id: i64,
    pub full_name: &'a str,
    pub title: &'a str,
    pub unit: &'a str,
    pub standing: bool,
}

impl<'a> From<&'a Member> for MemberAdded<'a> {
    fn from(m: &'a Member) -> Self {
        MemberAdded {
            id: m.id,
            committee_id: m.committee_id,
            full_name: &m.full_name,
            title: &m.title,
            unit: &m.unit,
            standing: m.standing,
        }
    }
}

/// Administrators only: names the account.
#[derive(Debug, Serialize)]
pub struct MemberLinked {
    pub member_id: i64,
    pub user_id: i64,
}

#[derive(Debug, Serialize)]
pub struct PlenumCreated<'a> {
    pub id: i64,
    pub committee_id: i64,
    pub org_id: i64,
    pub ordinal: i64,
    pub title: &'a str,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub place: &'a str,
}

impl<'a> From<&'a Plenum> for PlenumCreated<'a> {
    fn from(p: &'a Plenum) -> Self {
        PlenumCreated {
            id: p.id,
            committee_id: p.committee_id,
            org_id: p.org_id,
            ordinal: p.ordinal,
            title: &p.title,
            starts_on: &p.starts_on,
            ends_on: &p.ends_on,
            place: &p.place,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AgendaItemAdded<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub ordinal: i64,
    pub title: &'a str,
    pub kind: &'a str,
    pub presenter: &'a str,
    pub version: i64,
    pub slot_id: Option<i64>,
}

/// An item as it is after an edit (its earlier fields stay in the history).
#[derive(Debug, Serialize)]
pub struct AgendaItemChanged<'a>(pub AgendaItemAdded<'a>);

#[derive(Debug, Serialize)]
pub struct AgendaReordered<'a> {
    pub plenum_id: i64,
    pub item_id: i64,
    pub items: Vec<AgendaItemAdded<'a>>,
}

impl<'a> From<&'a data::AgendaReordered> for AgendaReordered<'a> {
    fn from(r: &'a data::AgendaReordered) -> Self {
        AgendaReordered { plenum_id: r.plenum_id, item_id: r.item_id, items: r.items.iter().map(Into::into).collect() }
    }
}

#[derive(Debug, Serialize)]
pub struct AgendaItemRemoved<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub renumbered: Vec<AgendaItemAdded<'a>>,
}

impl<'a> From<&'a data::AgendaItemRemoved> for AgendaItemRemoved<'a> {
    fn from(r: &'a data::AgendaItemRemoved) -> Self {
        AgendaItemRemoved {
            id: r.item.id,
            plenum_id: r.item.plenum_id,
            renumbered: r.renumbered.iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ProgrammeSlotAdded<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub day: &'a str,
    pub part: &'a str,
    pub starts_at: &'a str,
    pub venue: &'a str,
    pub version: i64,
}

impl<'a> From<&'a ProgrammeSlot> for ProgrammeSlotAdded<'a> {
    fn from(s: &'a ProgrammeSlot) -> Self {
        ProgrammeSlotAdded {
            id: s.id,
            plenum_id: s.plenum_id,
            day: &s.day,
            part: s.part.as_str(),
            starts_at: &s.starts_at,
            venue: s.venue.as_str(),
            version: s.version,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ProgrammeSlotRemoved {
    pub id: i64,
    pub plenum_id: i64,
}

impl<'a> From<&'a AgendaItem> for AgendaItemAdded<'a> {
    fn from(i: &'a AgendaItem) -> Self {
        AgendaItemAdded {
            id: i.id,
            plenum_id: i.plenum_id,
            ordinal: i.ordinal,
            title: &i.title,
            kind: i.kind.as_str(),
            presenter: &i.presenter,
            version: i.version,
            slot_id: i.slot_id,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct GroupCreated<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub name: &'a str,
    pub leader_member_id: Option<i64>,
    pub secretary_member_id: Option<i64>,
    pub member_ids: &'a [i64],
}

impl<'a> From<&'a DiscussionGroup> for GroupCreated<'a> {
    fn from(g: &'a DiscussionGroup) -> Self {
        GroupCreated {
            id: g.id,
            plenum_id: g.plenum_id,
            name: &g.name,
            leader_member_id: g.leader_member_id,
            secretary_member_id: g.secretary_member_id,
            member_ids: &g.member_ids,
        }
    }
}

/// Who the delegate is stays on the office's delegates page: no name, account,
/// check-in code or attendance reason.
#[derive(Debug, Serialize)]
pub struct DelegateAdded<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub kind: &'a str,
    pub group_id: Option<i64>,
    pub attendance: &'a str,
    pub version: i64,
}

impl<'a> From<&'a Delegate> for DelegateAdded<'a> {
    fn from(d: &'a Delegate) -> Self {
        DelegateAdded {
            id: d.id,
            plenum_id: d.plenum_id,
            kind: d.kind.as_str(),
            group_id: d.group_id,
            attendance: d.attendance.as_str(),
            version: d.version,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DelegatesImported<'a> {
    pub count: i64,
    pub ids: &'a [i64],
}

impl<'a> From<&'a data::DelegatesImported> for DelegatesImported<'a> {
    fn from(d: &'a data::DelegatesImported) -> Self {
        DelegatesImported { count: d.count, ids: &d.ids }
    }
}

/// Without the reason: "nằm viện" is the office's to know.
#[derive(Debug, Serialize)]
pub struct AttendanceChanged<'a> {
    pub delegate_id: i64,
    pub attendance: &'a str,
    pub version: i64,
    pub sitting: i64,
}

impl<'a> From<&'a data::AttendanceChange> for AttendanceChanged<'a> {
    fn from(a: &'a data::AttendanceChange) -> Self {
        AttendanceChanged {
            delegate_id: a.delegate_id,
            attendance: a.attendance.as_str(),
            version: a.version,
            sitting: a.sitting,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SittingOpened {
    pub plenum_id: i64,
    pub sitting: i64,
}

/// Administrators only.
#[derive(Debug, Serialize)]
pub struct LinkIssued {
    pub delegate_id: i64,
    pub issued: bool,
}

/// Administrators only.
#[derive(Debug, Serialize)]
pub struct LinkUsed {
    pub delegate_id: i64,
}

/// Administrators only: names the account.
#[derive(Debug, Serialize)]
pub struct DelegateLinked {
    pub delegate_id: i64,
    pub user_id: i64,
}

/// A meeting session as the hall screens follow it.
#[derive(Debug, Serialize)]
pub struct Session<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub kind: &'a str,
    pub group_id: Option<i64>,
    pub title: &'a str,
    pub current_item_id: Option<i64>,
    pub status: &'a str,
    pub speaking_seconds: i64,
    pub version: i64,
}

impl<'a> From<&'a MeetingSession> for Session<'a> {
    fn from(s: &'a MeetingSession) -> Self {
        Session {
            id: s.id,
            plenum_id: s.plenum_id,
            kind: s.kind.as_str(),
            group_id: s.group_id,
            title: &s.title,
            current_item_id: s.current_item_id,
            status: s.status.as_str(),
            speaking_seconds: s.speaking_seconds,
            version: s.version,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct MeetingSessionCreated<'a>(pub Session<'a>);

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct MeetingSessionChanged<'a>(pub Session<'a>);

/// A speaker-list entry as the hall screens follow it.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub id: i64,
    pub session_id: i64,
    pub item_id: i64,
    pub delegate_id: i64,
    pub kind: &'a str,
    pub position: i64,
    pub status: &'a str,
    pub allotted_seconds: i64,
    pub requested_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub version: i64,
}

impl<'a> From<&'a SpeakerEntry> for Entry<'a> {
    fn from(e: &'a SpeakerEntry) -> Self {
        Entry {
            id: e.id,
            session_id: e.session_id,
            item_id: e.item_id,
            delegate_id: e.delegate_id,
            kind: e.kind.as_str(),
            position: e.position,
            status: e.status.as_str(),
            allotted_seconds: e.allotted_seconds,
            requested_at: e.requested_at,
            started_at: e.started_at,
            ended_at: e.ended_at,
            version: e.version,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EntryChange<'a> {
    pub entry: Entry<'a>,
    pub session_version: i64,
}

impl<'a> From<&'a data::EntryChange> for EntryChange<'a> {
    fn from(c: &'a data::EntryChange) -> Self {
        EntryChange { entry: (&c.entry).into(), session_version: c.session_version }
    }
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct SpeakerRequested<'a>(pub EntryChange<'a>);

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct SpeakerStarted<'a>(pub EntryChange<'a>);

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct SpeakerTimeChanged<'a>(pub EntryChange<'a>);

#[derive(Debug, Serialize)]
pub struct SpeakersReordered<'a> {
    pub session_id: i64,
    pub order: &'a [i64],
    pub session_version: i64,
}

impl<'a> From<&'a data::SpeakersReordered> for SpeakersReordered<'a> {
    fn from(r: &'a data::SpeakersReordered) -> Self {
        SpeakersReordered { session_id: r.session_id, order: &r.order, session_version: r.session_version }
    }
}

#[derive(Debug, Serialize)]
pub struct SpeechRecorded {
    pub id: i64,
    pub plenum_id: i64,
    pub session_id: i64,
    pub delegate_id: i64,
    pub item_id: i64,
    pub speaker_entry_id: Option<i64>,
    pub seconds: Option<i64>,
    pub created_at: i64,
}

impl From<&Speech> for SpeechRecorded {
    fn from(s: &Speech) -> Self {
        SpeechRecorded {
            id: s.id,
            plenum_id: s.plenum_id,
            session_id: s.session_id,
            delegate_id: s.delegate_id,
            item_id: s.item_id,
            speaker_entry_id: s.speaker_entry_id,
            seconds: s.seconds,
            created_at: s.created_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SpeakerStopped {
    pub entry_id: i64,
    pub speech: SpeechRecorded,
    pub session_version: i64,
}

impl From<&data::SpeakerStopped> for SpeakerStopped {
    fn from(s: &data::SpeakerStopped) -> Self {
        SpeakerStopped { entry_id: s.entry_id, speech: (&s.speech).into(), session_version: s.session_version }
    }
}

#[derive(Debug, Serialize)]
pub struct SpeakerWithdrawn {
    pub entry_id: i64,
    pub session_version: i64,
}

/// An opinion without its words: what was said is read on the pages that show it.
#[derive(Debug, Serialize)]
pub struct OpinionSummary<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub speech_id: Option<i64>,
    pub delegate_id: i64,
    pub item_id: i64,
    pub passage_anchor: Option<&'a str>,
    pub stance: &'a str,
    pub created_at: i64,
    pub version: i64,
}

impl<'a> From<&'a Opinion> for OpinionSummary<'a> {
    fn from(o: &'a Opinion) -> Self {
        OpinionSummary {
            id: o.id,
            plenum_id: o.plenum_id,
            speech_id: o.speech_id,
            delegate_id: o.delegate_id,
            item_id: o.item_id,
            passage_anchor: o.passage_anchor.as_deref(),
            stance: o.stance.as_str(),
            created_at: o.created_at,
            version: o.version,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct OpinionAdded<'a>(pub OpinionSummary<'a>);

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct OpinionChanged<'a>(pub OpinionSummary<'a>);

#[derive(Debug, Serialize)]
pub struct DocumentSummary<'a> {
    pub id: i64,
    pub item_id: i64,
    pub plenum_id: i64,
    pub title: &'a str,
    pub kind: &'a str,
    pub created_at: i64,
    pub latest: i64,
}

impl<'a> From<&'a Document> for DocumentSummary<'a> {
    fn from(d: &'a Document) -> Self {
        DocumentSummary {
            id: d.id,
            item_id: d.item_id,
            plenum_id: d.plenum_id,
            title: &d.title,
            kind: d.kind.as_str(),
            created_at: d.created_at,
            latest: d.latest,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct VersionSummary<'a> {
    pub id: i64,
    pub document_id: i64,
    pub number: i64,
    pub filename: &'a str,
    pub media_type: &'a str,
    pub size: i64,
    pub note: &'a str,
    pub created_at: i64,
    pub passages: i64,
}

impl<'a> From<&'a DocumentVersion> for VersionSummary<'a> {
    fn from(v: &'a DocumentVersion) -> Self {
        VersionSummary {
            id: v.id,
            document_id: v.document_id,
            number: v.number,
            filename: &v.filename,
            media_type: &v.media_type,
            size: v.size,
            note: &v.note,
            created_at: v.created_at,
            passages: v.passages,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DocumentCreated<'a> {
    pub document: DocumentSummary<'a>,
    pub version: VersionSummary<'a>,
}

impl<'a> From<&'a data::DocumentCreated> for DocumentCreated<'a> {
    fn from(d: &'a data::DocumentCreated) -> Self {
        DocumentCreated { document: (&d.document).into(), version: (&d.version).into() }
    }
}

#[derive(Debug, Serialize)]
pub struct DocumentVersionAdded<'a> {
    pub document_id: i64,
    pub item_id: i64,
    pub version: VersionSummary<'a>,
}

impl<'a> From<&'a data::VersionAdded> for DocumentVersionAdded<'a> {
    fn from(v: &'a data::VersionAdded) -> Self {
        DocumentVersionAdded { document_id: v.document_id, item_id: v.item_id, version: (&v.version).into() }
    }
}

/// Administrators only.
#[derive(Debug, Serialize)]
pub struct AccountCreated<'a> {
    pub id: i64,
    pub username: &'a str,
    pub display_name: &'a str,
}

impl<'a> From<&'a data::AccountCreated> for AccountCreated<'a> {
    fn from(a: &'a data::AccountCreated) -> Self {
        AccountCreated { id: a.id, username: &a.username, display_name: &a.display_name }
    }
}

/// Administrators only.
#[derive(Debug, Serialize)]
pub struct RoleGranted {
    pub user_id: i64,
    pub role: Role,
}

/// Administrators only; the token's label is the administrator's own note.
#[derive(Debug, Serialize)]
pub struct Login<'a> {
    pub session_id: i64,
    pub user_id: i64,
    pub kind: &'a str,
    pub label: &'a str,
}

impl<'a> From<&'a data::LoginStarted> for Login<'a> {
    fn from(l: &'a data::LoginStarted) -> Self {
        Login { session_id: l.session_id, user_id: l.user_id, kind: l.kind.as_str(), label: &l.label }
    }
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct LoginStarted<'a>(pub Login<'a>);

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct TokenCreated<'a>(pub Login<'a>);

/// Administrators only.
#[derive(Debug, Serialize)]
pub struct LoginEnded {
    pub session_id: i64,
    pub user_id: i64,
}

/// Administrators only.
#[derive(Debug, Serialize)]
pub struct AccountDisabled {
    pub user_id: i64,
    pub sessions_ended: i64,
}

/// Administrators only.
#[derive(Debug, Serialize)]
pub struct SignedOutEverywhere {
    pub user_id: i64,
    pub sessions_ended: i64,
}

/// The office (who may prepare the plenum): which link, and its label.
#[derive(Debug, Serialize)]
pub struct ScreenLinkChange<'a> {
    pub link_id: i64,
    pub label: &'a str,
}

impl<'a> From<&'a super::data::ScreenLinkChange> for ScreenLinkChange<'a> {
    fn from(d: &'a super::data::ScreenLinkChange) -> Self {
        ScreenLinkChange { link_id: d.link_id, label: &d.label }
    }
}

#[derive(Debug, Serialize)]
pub struct BodyOfficerAdded {
    pub body_id: i64,
    pub user_id: i64,
}

/// A disposition's place in the work, without its text: the office's
/// progress counts move live, and the page reloads the answer itself.
#[derive(Debug, Serialize)]
pub struct DispositionSummary {
    pub opinion_id: i64,
    pub plenum_id: i64,
    pub kind: &'static str,
    pub status: &'static str,
    pub version: i64,
}

impl From<&crate::synthesize::Disposition> for DispositionSummary {
    fn from(d: &crate::synthesize::Disposition) -> Self {
        DispositionSummary {
            opinion_id: d.opinion_id,
            plenum_id: d.plenum_id,
            kind: d.kind.as_str(),
            status: d.status.as_str(),
            version: d.version,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct OpinionGroupsSet {
    pub item_id: i64,
    pub groups: usize,
}

#[derive(Debug, Serialize)]
pub struct IssuedDocumentSaved {
    pub id: i64,
    pub plenum_id: i64,
    pub kind: &'static str,
    pub number: i64,
    pub version: i64,
}

/// A poll as its events show it: what and where it stands, never a vote.
#[derive(Debug, Serialize)]
pub struct PollSummary<'a> {
    pub id: i64,
    pub plenum_id: i64,
    pub title: &'a str,
    pub kind: &'static str,
    pub method: &'static str,
    pub state: &'static str,
    pub version: i64,
}

impl<'a> From<&'a crate::decide::Poll> for PollSummary<'a> {
    fn from(p: &'a crate::decide::Poll) -> Self {
        PollSummary {
            id: p.id,
            plenum_id: p.plenum_id,
            title: &p.title,
            kind: p.kind.as_str(),
            method: p.method.as_str(),
            state: p.state.as_str(),
            version: p.version,
        }
    }
}

/// A poll closed: how many voted, never who or how.
#[derive(Debug, Serialize)]
pub struct PollClosed {
    pub poll_id: i64,
    pub plenum_id: i64,
    pub voted: i64,
}

#[derive(Debug, Serialize)]
pub struct PaperBallotEntered {
    pub poll_id: i64,
    pub counter: i64,
    pub sheet: i64,
}
