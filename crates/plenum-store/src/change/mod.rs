//! Every change the store commits, as one typed value. Each entry of the
//! history decodes into a [`Change`]; one that does not is never delivered
//! (events fail closed). Each change declares who may receive it
//! ([`Change::audience`]) and which of its fields leave the server
//! ([`Change::public`], one type per change in [`public`]). The matches
//! below have no catch-all arm, so a new change that declares neither does
//! not compile.

pub mod data;
pub mod public;

use plenum_core::access::Permission;
use plenum_core::history::AuditEntry;
use serde::Serialize;

use crate::decide::Poll;
use crate::synthesize::{Disposition, IssuedDocument};
use crate::{
    AgendaItem, Committee, Delegate, DiscussionGroup, Event, MeetingSession, Member, Opinion, Organization, Plenum,
    ProgrammeSlot, Scope, Speech,
};

/// One committed change and the data it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    OrganizationCreated(Organization),
    CommitteeCreated(Committee),
    MemberAdded(Member),
    MemberLinked(data::MemberLinked),
    PlenumCreated(Plenum),
    AgendaItemAdded(AgendaItem),
    AgendaItemChanged(data::AgendaItemChanged),
    AgendaReordered(data::AgendaReordered),
    AgendaItemRemoved(data::AgendaItemRemoved),
    ProgrammeSlotAdded(ProgrammeSlot),
    ProgrammeSlotRemoved(ProgrammeSlot),
    GroupCreated(DiscussionGroup),
    DelegateAdded(Delegate),
    DelegatesImported(data::DelegatesImported),
    AttendanceChanged(data::AttendanceChange),
    SittingOpened(data::SittingOpened),
    LinkIssued(data::LinkIssued),
    LinkUsed(data::LinkUsed),
    DelegateLinked(data::DelegateLinked),
    MeetingSessionCreated(MeetingSession),
    MeetingSessionChanged(MeetingSession),
    SpeakerRequested(data::EntryChange),
    SpeakersReordered(data::SpeakersReordered),
    SpeakerStarted(data::EntryChange),
    SpeakerStopped(data::SpeakerStopped),
    SpeakerWithdrawn(data::SpeakerWithdrawn),
    SpeakerTimeChanged(data::EntryChange),
    ScreenLinkCreated(data::ScreenLinkChange),
    ScreenLinkRevoked(data::ScreenLinkChange),
    SpeechRecorded(Speech),
    OpinionAdded(Opinion),
    OpinionChanged(Opinion),
    DocumentCreated(data::DocumentCreated),
    DocumentVersionAdded(data::VersionAdded),
    AccountCreated(data::AccountCreated),
    RoleGranted(data::RoleGranted),
    LoginStarted(data::LoginStarted),
    TokenCreated(data::LoginStarted),
    LoginEnded(data::LoginEnded),
    AccountDisabled(data::AccountDisabled),
    SignedOutEverywhere(data::SignedOutEverywhere),
    BodyOfficerAdded(data::BodyOfficer),
    DispositionRecorded(Disposition),
    DispositionReviewed(Disposition),
    OpinionGroupsSet(data::OpinionGroupsSet),
    IssuedDocumentSaved(IssuedDocument),
    PollCreated(Poll),
    PollChanged(Poll),
    PollOpened(Poll),
    PollClosed(data::PollClosed),
    PollSealed(Poll),
    PaperBallotEntered(data::PaperBallotEntered),
}

/// Why a history entry is not a change this build knows.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("unknown action {0:?}")]
    UnknownAction(String),
    #[error("{action}: {source}")]
    Payload { action: String, source: serde_json::Error },
}

/// Whose grants or login a change alters, so open streams re-check them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reauthorize {
    /// The account's grants changed.
    Account(i64),
    /// This login session or token ended.
    LoginEnded { session_id: i64, user_id: i64 },
}

/// Who may receive a change: holders of `permission` on `scope`.
#[derive(Debug, Clone, Copy)]
pub struct Audience {
    pub permission: Permission,
    pub scope: Scope,
}

/// The fields of a change that leave the server, serialized as its own type.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Public<'a> {
    OrganizationCreated(public::OrganizationCreated<'a>),
    CommitteeCreated(public::CommitteeCreated<'a>),
    MemberAdded(public::MemberAdded<'a>),
    MemberLinked(public::MemberLinked),
    PlenumCreated(public::PlenumCreated<'a>),
    AgendaItemAdded(public::AgendaItemAdded<'a>),
    AgendaItemChanged(public::AgendaItemChanged<'a>),
    AgendaReordered(public::AgendaReordered<'a>),
    AgendaItemRemoved(public::AgendaItemRemoved<'a>),
    ProgrammeSlotAdded(public::ProgrammeSlotAdded<'a>),
    ProgrammeSlotRemoved(public::ProgrammeSlotRemoved),
    GroupCreated(public::GroupCreated<'a>),
    DelegateAdded(public::DelegateAdded<'a>),
    DelegatesImported(public::DelegatesImported<'a>),
    AttendanceChanged(public::AttendanceChanged<'a>),
    SittingOpened(public::SittingOpened),
    LinkIssued(public::LinkIssued),
    LinkUsed(public::LinkUsed),
    DelegateLinked(public::DelegateLinked),
    MeetingSessionCreated(public::MeetingSessionCreated<'a>),
    MeetingSessionChanged(public::MeetingSessionChanged<'a>),
    SpeakerRequested(public::SpeakerRequested<'a>),
    SpeakersReordered(public::SpeakersReordered<'a>),
    SpeakerStarted(public::SpeakerStarted<'a>),
    SpeakerStopped(public::SpeakerStopped),
    SpeakerWithdrawn(public::SpeakerWithdrawn),
    SpeakerTimeChanged(public::SpeakerTimeChanged<'a>),
    ScreenLinkCreated(public::ScreenLinkChange<'a>),
    ScreenLinkRevoked(public::ScreenLinkChange<'a>),
    SpeechRecorded(public::SpeechRecorded),
    OpinionAdded(public::OpinionAdded<'a>),
    OpinionChanged(public::OpinionChanged<'a>),
    DocumentCreated(public::DocumentCreated<'a>),
    DocumentVersionAdded(public::DocumentVersionAdded<'a>),
    AccountCreated(public::AccountCreated<'a>),
    RoleGranted(public::RoleGranted),
    LoginStarted(public::LoginStarted<'a>),
    TokenCreated(public::TokenCreated<'a>),
    LoginEnded(public::LoginEnded),
    AccountDisabled(public::AccountDisabled),
    SignedOutEverywhere(public::SignedOutEverywhere),
    BodyOfficerAdded(public::BodyOfficerAdded),
    DispositionRecorded(public::DispositionSummary),
    DispositionReviewed(public::DispositionSummary),
    OpinionGroupsSet(public::OpinionGroupsSet),
    IssuedDocumentSaved(public::IssuedDocumentSaved),
    PollCreated(public::PollSummary<'a>),
    PollChanged(public::PollSummary<'a>),
    PollOpened(public::PollSummary<'a>),
    PollClosed(public::PollClosed),
    PollSealed(public::PollSummary<'a>),
    PaperBallotEntered(public::PaperBallotEntered),
}

fn payload<T: serde::de::DeserializeOwned>(action: &str, data: serde_json::Value) -> Result<T, DecodeError> {
    serde_json::from_value(data).map_err(|source| DecodeError::Payload { action: action.to_string(), source })
}

impl Change {
    /// The change a committed entry records. Names the history kept before a
    /// rename (`session.started`/`session.ended` for sign-ins) still decode.
    pub fn decode(action: &str, data: serde_json::Value) -> Result<Change, DecodeError> {
        use Change as C;
        let a = action;
        Ok(match action {
            "organization.created" => C::OrganizationCreated(payload(a, data)?),
            "committee.created" => C::CommitteeCreated(payload(a, data)?),
            "member.added" => C::MemberAdded(payload(a, data)?),
            "member.linked" => C::MemberLinked(payload(a, data)?),
            "plenum.created" => C::PlenumCreated(payload(a, data)?),
            "agenda_item.added" => C::AgendaItemAdded(payload(a, data)?),
            "agenda_item.changed" => C::AgendaItemChanged(payload(a, data)?),
            "agenda.reordered" => C::AgendaReordered(payload(a, data)?),
            "agenda_item.removed" => C::AgendaItemRemoved(payload(a, data)?),
            "programme_slot.added" => C::ProgrammeSlotAdded(payload(a, data)?),
            "programme_slot.removed" => C::ProgrammeSlotRemoved(payload(a, data)?),
            "group.created" => C::GroupCreated(payload(a, data)?),
            "delegate.added" => C::DelegateAdded(payload(a, data)?),
            "delegates.imported" => C::DelegatesImported(payload(a, data)?),
            "attendance.changed" => C::AttendanceChanged(payload(a, data)?),
            "sitting.opened" => C::SittingOpened(payload(a, data)?),
            "delegate.link_issued" => C::LinkIssued(payload(a, data)?),
            "delegate.link_used" => C::LinkUsed(payload(a, data)?),
            "delegate.user_linked" => C::DelegateLinked(payload(a, data)?),
            "session.created" => C::MeetingSessionCreated(payload(a, data)?),
            "session.changed" => C::MeetingSessionChanged(payload(a, data)?),
            "speaker.requested" => C::SpeakerRequested(payload(a, data)?),
            "speaker.reordered" => C::SpeakersReordered(payload(a, data)?),
            "speaker.started" => C::SpeakerStarted(payload(a, data)?),
            "speaker.stopped" => C::SpeakerStopped(payload(a, data)?),
            "speaker.withdrawn" => C::SpeakerWithdrawn(payload(a, data)?),
            "speaker.time_changed" => C::SpeakerTimeChanged(payload(a, data)?),
            "screen_link.created" => C::ScreenLinkCreated(payload(a, data)?),
            "screen_link.revoked" => C::ScreenLinkRevoked(payload(a, data)?),
            "speech.recorded" => C::SpeechRecorded(payload(a, data)?),
            "opinion.added" => C::OpinionAdded(payload(a, data)?),
            "opinion.changed" => C::OpinionChanged(payload(a, data)?),
            "document.created" => C::DocumentCreated(payload(a, data)?),
            "document.version_added" => C::DocumentVersionAdded(payload(a, data)?),
            "user.created" => C::AccountCreated(payload(a, data)?),
            "role.granted" => C::RoleGranted(payload(a, data)?),
            "login.started" | "session.started" => C::LoginStarted(payload(a, data)?),
            "token.created" => C::TokenCreated(payload(a, data)?),
            "login.ended" | "session.ended" => C::LoginEnded(payload(a, data)?),
            "user.disabled" => C::AccountDisabled(payload(a, data)?),
            "login.ended_everywhere" => C::SignedOutEverywhere(payload(a, data)?),
            "body.officer_added" => C::BodyOfficerAdded(payload(a, data)?),
            "disposition.recorded" => C::DispositionRecorded(payload(a, data)?),
            "disposition.reviewed" => C::DispositionReviewed(payload(a, data)?),
            "opinion_groups.set" => C::OpinionGroupsSet(payload(a, data)?),
            "issued_document.saved" => C::IssuedDocumentSaved(payload(a, data)?),
            "poll.created" => C::PollCreated(payload(a, data)?),
            "poll.changed" => C::PollChanged(payload(a, data)?),
            "poll.opened" => C::PollOpened(payload(a, data)?),
            "poll.closed" => C::PollClosed(payload(a, data)?),
            "poll.sealed" => C::PollSealed(payload(a, data)?),
            "paper_ballot.entered" => C::PaperBallotEntered(payload(a, data)?),
            other => return Err(DecodeError::UnknownAction(other.to_string())),
        })
    }

    /// The name the change is committed and streamed under. Pages listen for
    /// these names (`data-live-on`), so a rename must keep decoding the old one.
    pub fn action(&self) -> &'static str {
        match self {
            Change::OrganizationCreated(_) => "organization.created",
            Change::CommitteeCreated(_) => "committee.created",
            Change::MemberAdded(_) => "member.added",
            Change::MemberLinked(_) => "member.linked",
            Change::PlenumCreated(_) => "plenum.created",
            Change::AgendaItemAdded(_) => "agenda_item.added",
            Change::AgendaItemChanged(_) => "agenda_item.changed",
            Change::AgendaReordered(_) => "agenda.reordered",
            Change::AgendaItemRemoved(_) => "agenda_item.removed",
            Change::ProgrammeSlotAdded(_) => "programme_slot.added",
            Change::ProgrammeSlotRemoved(_) => "programme_slot.removed",
            Change::GroupCreated(_) => "group.created",
            Change::DelegateAdded(_) => "delegate.added",
            Change::DelegatesImported(_) => "delegates.imported",
            Change::AttendanceChanged(_) => "attendance.changed",
            Change::SittingOpened(_) => "sitting.opened",
            Change::LinkIssued(_) => "delegate.link_issued",
            Change::LinkUsed(_) => "delegate.link_used",
            Change::DelegateLinked(_) => "delegate.user_linked",
            Change::MeetingSessionCreated(_) => "session.created",
            Change::MeetingSessionChanged(_) => "session.changed",
            Change::SpeakerRequested(_) => "speaker.requested",
            Change::SpeakersReordered(_) => "speaker.reordered",
            Change::SpeakerStarted(_) => "speaker.started",
            Change::SpeakerStopped(_) => "speaker.stopped",
            Change::SpeakerWithdrawn(_) => "speaker.withdrawn",
            Change::SpeakerTimeChanged(_) => "speaker.time_changed",
            Change::ScreenLinkCreated(_) => "screen_link.created",
            Change::ScreenLinkRevoked(_) => "screen_link.revoked",
            Change::SpeechRecorded(_) => "speech.recorded",
            Change::OpinionAdded(_) => "opinion.added",
            Change::OpinionChanged(_) => "opinion.changed",
            Change::DocumentCreated(_) => "document.created",
            Change::DocumentVersionAdded(_) => "document.version_added",
            Change::AccountCreated(_) => "user.created",
            Change::RoleGranted(_) => "role.granted",
            Change::LoginStarted(_) => "login.started",
            Change::TokenCreated(_) => "token.created",
            Change::LoginEnded(_) => "login.ended",
            Change::AccountDisabled(_) => "user.disabled",
            Change::SignedOutEverywhere(_) => "login.ended_everywhere",
            Change::BodyOfficerAdded(_) => "body.officer_added",
            Change::DispositionRecorded(_) => "disposition.recorded",
            Change::DispositionReviewed(_) => "disposition.reviewed",
            Change::OpinionGroupsSet(_) => "opinion_groups.set",
            Change::IssuedDocumentSaved(_) => "issued_document.saved",
            Change::PollCreated(_) => "poll.created",
            Change::PollChanged(_) => "poll.changed",
            Change::PollOpened(_) => "poll.opened",
            Change::PollClosed(_) => "poll.closed",
            Change::PollSealed(_) => "poll.sealed",
            Change::PaperBallotEntered(_) => "paper_ballot.entered",
        }
    }

    /// The data the history records for the change, which [`Change::decode`]
    /// reads back: the store commits `action()` and `data()`.
    pub fn data(&self) -> serde_json::Value {
        let value = match self {
            Change::OrganizationCreated(d) => serde_json::to_value(d),
            Change::CommitteeCreated(d) => serde_json::to_value(d),
            Change::MemberAdded(d) => serde_json::to_value(d),
            Change::MemberLinked(d) => serde_json::to_value(d),
            Change::PlenumCreated(d) => serde_json::to_value(d),
            Change::AgendaItemAdded(d) => serde_json::to_value(d),
            Change::AgendaItemChanged(d) => serde_json::to_value(d),
            Change::AgendaReordered(d) => serde_json::to_value(d),
            Change::AgendaItemRemoved(d) => serde_json::to_value(d),
            Change::ProgrammeSlotAdded(d) => serde_json::to_value(d),
            Change::ProgrammeSlotRemoved(d) => serde_json::to_value(d),
            Change::GroupCreated(d) => serde_json::to_value(d),
            Change::DelegateAdded(d) => serde_json::to_value(d),
            Change::DelegatesImported(d) => serde_json::to_value(d),
            Change::AttendanceChanged(d) => serde_json::to_value(d),
            Change::SittingOpened(d) => serde_json::to_value(d),
            Change::LinkIssued(d) => serde_json::to_value(d),
            Change::LinkUsed(d) => serde_json::to_value(d),
            Change::DelegateLinked(d) => serde_json::to_value(d),
            Change::MeetingSessionCreated(d) => serde_json::to_value(d),
            Change::MeetingSessionChanged(d) => serde_json::to_value(d),
            Change::SpeakerRequested(d) => serde_json::to_value(d),
            Change::SpeakersReordered(d) => serde_json::to_value(d),
            Change::SpeakerStarted(d) => serde_json::to_value(d),
            Change::SpeakerStopped(d) => serde_json::to_value(d),
            Change::SpeakerWithdrawn(d) => serde_json::to_value(d),
            Change::SpeakerTimeChanged(d) => serde_json::to_value(d),
            Change::ScreenLinkCreated(d) | Change::ScreenLinkRevoked(d) => serde_json::to_value(d),
            Change::SpeechRecorded(d) => serde_json::to_value(d),
            Change::OpinionAdded(d) => serde_json::to_value(d),
            Change::OpinionChanged(d) => serde_json::to_value(d),
            Change::DocumentCreated(d) => serde_json::to_value(d),
            Change::DocumentVersionAdded(d) => serde_json::to_value(d),
            Change::AccountCreated(d) => serde_json::to_value(d),
            Change::RoleGranted(d) => serde_json::to_value(d),
            Change::LoginStarted(d) => serde_json::to_value(d),
            Change::TokenCreated(d) => serde_json::to_value(d),
            Change::LoginEnded(d) => serde_json::to_value(d),
            Change::AccountDisabled(d) => serde_json::to_value(d),
            Change::SignedOutEverywhere(d) => serde_json::to_value(d),
            Change::BodyOfficerAdded(d) => serde_json::to_value(d),
            Change::DispositionRecorded(d) | Change::DispositionReviewed(d) => serde_json::to_value(d),
            Change::OpinionGroupsSet(d) => serde_json::to_value(d),
            Change::IssuedDocumentSaved(d) => serde_json::to_value(d),
            Change::PollCreated(d) | Change::PollChanged(d) | Change::PollOpened(d) | Change::PollSealed(d) => {
                serde_json::to_value(d)
            }
            Change::PollClosed(d) => serde_json::to_value(d),
            Change::PaperBallotEntered(d) => serde_json::to_value(d),
        };
        // Rows and plain structs with string keys: serializing cannot fail.
        value.unwrap_or_default()
    }

    /// The permission a receiver needs on the change's scope. Accounts, roles,
    /// sign-ins, tokens, sign-in links and ties to accounts are administrative:
    /// only administrators of that scope receive them.
    pub fn permission(&self) -> Permission {
        match self {
            Change::MemberLinked(_)
            | Change::LinkIssued(_)
            | Change::LinkUsed(_)
            | Change::DelegateLinked(_)
            | Change::AccountCreated(_)
            | Change::RoleGranted(_)
            | Change::LoginStarted(_)
            | Change::TokenCreated(_)
            | Change::LoginEnded(_)
            | Change::AccountDisabled(_)
            | Change::SignedOutEverywhere(_) => Permission::Administer,
            // Answers are drafted and reviewed before a delegate may read them:
            // their events are the office's, who prepares the report.
            Change::BodyOfficerAdded(_)
            | Change::DispositionRecorded(_)
            | Change::DispositionReviewed(_)
            | Change::OpinionGroupsSet(_)
            | Change::IssuedDocumentSaved(_) => Permission::Prepare,
            // The counters' entries are the counting's, seen by whoever runs
            // the vote until the result is sealed; they name no voter.
            Change::PaperBallotEntered(_) => Permission::Preside,
            // A poll's life is the plenum's: its tablets open the ballot and
            // its screens show the result. None of these names a voter's choice
            // in a secret poll; the closed event's public part is a count.
            Change::PollCreated(_)
            | Change::PollChanged(_)
            | Change::PollOpened(_)
            | Change::PollClosed(_)
            | Change::PollSealed(_) => Permission::ViewPlenum,
            // The hall screen's links are the office's, like the rest of preparing the plenum.
            Change::ScreenLinkCreated(_) | Change::ScreenLinkRevoked(_) => Permission::Prepare,
            Change::OrganizationCreated(_)
            | Change::CommitteeCreated(_)
            | Change::MemberAdded(_)
            | Change::PlenumCreated(_)
            | Change::AgendaItemAdded(_)
            | Change::AgendaItemChanged(_)
            | Change::AgendaReordered(_)
            | Change::AgendaItemRemoved(_)
            | Change::ProgrammeSlotAdded(_)
            | Change::ProgrammeSlotRemoved(_)
            | Change::GroupCreated(_)
            | Change::DelegateAdded(_)
            | Change::DelegatesImported(_)
            | Change::AttendanceChanged(_)
            | Change::SittingOpened(_)
            | Change::MeetingSessionCreated(_)
            | Change::MeetingSessionChanged(_)
            | Change::SpeakerRequested(_)
            | Change::SpeakersReordered(_)
            | Change::SpeakerStarted(_)
            | Change::SpeakerStopped(_)
            | Change::SpeakerWithdrawn(_)
            | Change::SpeakerTimeChanged(_)
            | Change::SpeechRecorded(_)
            | Change::OpinionAdded(_)
            | Change::OpinionChanged(_)
            | Change::DocumentCreated(_)
            | Change::DocumentVersionAdded(_) => Permission::ViewPlenum,
        }
    }

    /// What of the change leaves the server.
    pub fn public(&self) -> Public<'_> {
        use Public as P;
        match self {
            Change::OrganizationCreated(o) => P::OrganizationCreated(o.into()),
            Change::CommitteeCreated(c) => P::CommitteeCreated(c.into()),
            Change::MemberAdded(m) => P::MemberAdded(m.into()),
            Change::MemberLinked(l) => {
                P::MemberLinked(public::MemberLinked { member_id: l.member_id, user_id: l.user_id })
            }
            Change::PlenumCreated(p) => P::PlenumCreated(p.into()),
            Change::AgendaItemAdded(i) => P::AgendaItemAdded(i.into()),
            Change::AgendaItemChanged(c) => P::AgendaItemChanged(public::AgendaItemChanged((&c.item).into())),
            Change::AgendaReordered(r) => P::AgendaReordered(r.into()),
            Change::AgendaItemRemoved(r) => P::AgendaItemRemoved(r.into()),
            Change::ProgrammeSlotAdded(s) => P::ProgrammeSlotAdded(s.into()),
            Change::ProgrammeSlotRemoved(s) => {
                P::ProgrammeSlotRemoved(public::ProgrammeSlotRemoved { id: s.id, plenum_id: s.plenum_id })
            }
            Change::GroupCreated(g) => P::GroupCreated(g.into()),
            Change::DelegateAdded(d) => P::DelegateAdded(d.into()),
            Change::DelegatesImported(d) => P::DelegatesImported(d.into()),
            Change::AttendanceChanged(a) => P::AttendanceChanged(a.into()),
            Change::SittingOpened(o) => {
                P::SittingOpened(public::SittingOpened { plenum_id: o.plenum_id, sitting: o.sitting })
            }
            Change::LinkIssued(l) => P::LinkIssued(public::LinkIssued { delegate_id: l.delegate_id, issued: l.issued }),
            Change::LinkUsed(l) => P::LinkUsed(public::LinkUsed { delegate_id: l.delegate_id }),
            Change::DelegateLinked(l) => {
                P::DelegateLinked(public::DelegateLinked { delegate_id: l.delegate_id, user_id: l.user_id })
            }
            Change::MeetingSessionCreated(s) => P::MeetingSessionCreated(public::MeetingSessionCreated(s.into())),
            Change::MeetingSessionChanged(s) => P::MeetingSessionChanged(public::MeetingSessionChanged(s.into())),
            Change::SpeakerRequested(e) => P::SpeakerRequested(public::SpeakerRequested(e.into())),
            Change::SpeakersReordered(r) => P::SpeakersReordered(r.into()),
            Change::SpeakerStarted(e) => P::SpeakerStarted(public::SpeakerStarted(e.into())),
            Change::SpeakerStopped(s) => P::SpeakerStopped(s.into()),
            Change::SpeakerWithdrawn(w) => P::SpeakerWithdrawn(public::SpeakerWithdrawn {
                entry_id: w.entry_id,
                session_version: w.session_version,
            }),
            Change::SpeakerTimeChanged(e) => P::SpeakerTimeChanged(public::SpeakerTimeChanged(e.into())),
            Change::ScreenLinkCreated(d) => P::ScreenLinkCreated(d.into()),
            Change::ScreenLinkRevoked(d) => P::ScreenLinkRevoked(d.into()),
            Change::SpeechRecorded(s) => P::SpeechRecorded(s.into()),
            Change::OpinionAdded(o) => P::OpinionAdded(public::OpinionAdded(o.into())),
            Change::OpinionChanged(o) => P::OpinionChanged(public::OpinionChanged(o.into())),
            Change::DocumentCreated(d) => P::DocumentCreated(d.into()),
            Change::DocumentVersionAdded(v) => P::DocumentVersionAdded(v.into()),
            Change::AccountCreated(a) => P::AccountCreated(a.into()),
            Change::RoleGranted(r) => P::RoleGranted(public::RoleGranted { user_id: r.user_id, role: r.role }),
            Change::LoginStarted(l) => P::LoginStarted(public::LoginStarted(l.into())),
            Change::TokenCreated(l) => P::TokenCreated(public::TokenCreated(l.into())),
            Change::LoginEnded(l) => P::LoginEnded(public::LoginEnded { session_id: l.session_id, user_id: l.user_id }),
            Change::AccountDisabled(d) => {
                P::AccountDisabled(public::AccountDisabled { user_id: d.user_id, sessions_ended: d.sessions_ended })
            }
            Change::SignedOutEverywhere(d) => P::SignedOutEverywhere(public::SignedOutEverywhere {
                user_id: d.user_id,
                sessions_ended: d.sessions_ended,
            }),
            Change::BodyOfficerAdded(d) => {
                P::BodyOfficerAdded(public::BodyOfficerAdded { body_id: d.body_id, user_id: d.user_id })
            }
            Change::DispositionRecorded(d) => P::DispositionRecorded(d.into()),
            Change::DispositionReviewed(d) => P::DispositionReviewed(d.into()),
            Change::OpinionGroupsSet(d) => {
                P::OpinionGroupsSet(public::OpinionGroupsSet { item_id: d.item_id, groups: d.groups.len() })
            }
            Change::IssuedDocumentSaved(d) => P::IssuedDocumentSaved(public::IssuedDocumentSaved {
                id: d.id,
                plenum_id: d.plenum_id,
                kind: d.kind.as_str(),
                number: d.number,
                version: d.version,
            }),
            Change::PollCreated(p) => P::PollCreated(p.into()),
            Change::PollChanged(p) => P::PollChanged(p.into()),
            Change::PollOpened(p) => P::PollOpened(p.into()),
            Change::PollClosed(c) => P::PollClosed(public::PollClosed {
                poll_id: c.poll_id,
                plenum_id: c.plenum_id,
                voted: (c.roll.len() + c.votes.len()) as i64,
            }),
            Change::PollSealed(p) => P::PollSealed(p.into()),
            Change::PaperBallotEntered(e) => P::PaperBallotEntered(public::PaperBallotEntered {
                poll_id: e.poll_id,
                counter: e.counter,
                sheet: e.sheet,
            }),
        }
    }

    /// Whose authorization the change alters, if anyone's.
    pub fn reauthorize(&self) -> Option<Reauthorize> {
        match self {
            Change::RoleGranted(r) => Some(Reauthorize::Account(r.user_id)),
            // Their sessions are gone: every open stream of theirs re-checks its login and closes.
            Change::AccountDisabled(d) => Some(Reauthorize::Account(d.user_id)),
            Change::SignedOutEverywhere(d) => Some(Reauthorize::Account(d.user_id)),
            Change::LoginEnded(l) => Some(Reauthorize::LoginEnded { session_id: l.session_id, user_id: l.user_id }),
            Change::OrganizationCreated(_)
            | Change::CommitteeCreated(_)
            | Change::MemberAdded(_)
            | Change::MemberLinked(_)
            | Change::PlenumCreated(_)
            | Change::AgendaItemAdded(_)
            | Change::AgendaItemChanged(_)
            | Change::AgendaReordered(_)
            | Change::AgendaItemRemoved(_)
            | Change::ProgrammeSlotAdded(_)
            | Change::ProgrammeSlotRemoved(_)
            | Change::GroupCreated(_)
            | Change::DelegateAdded(_)
            | Change::DelegatesImported(_)
            | Change::AttendanceChanged(_)
            | Change::SittingOpened(_)
            | Change::LinkIssued(_)
            | Change::LinkUsed(_)
            | Change::DelegateLinked(_)
            | Change::MeetingSessionCreated(_)
            | Change::MeetingSessionChanged(_)
            | Change::SpeakerRequested(_)
            | Change::SpeakersReordered(_)
            | Change::SpeakerStarted(_)
            | Change::SpeakerStopped(_)
            | Change::SpeakerWithdrawn(_)
            | Change::SpeakerTimeChanged(_)
            | Change::ScreenLinkCreated(_)
            | Change::ScreenLinkRevoked(_)
            | Change::SpeechRecorded(_)
            | Change::OpinionAdded(_)
            | Change::OpinionChanged(_)
            | Change::DocumentCreated(_)
            | Change::DocumentVersionAdded(_)
            | Change::AccountCreated(_)
            | Change::LoginStarted(_)
            | Change::TokenCreated(_)
            | Change::BodyOfficerAdded(_)
            | Change::DispositionRecorded(_)
            | Change::DispositionReviewed(_)
            | Change::OpinionGroupsSet(_)
            | Change::IssuedDocumentSaved(_)
            | Change::PollCreated(_)
            | Change::PollChanged(_)
            | Change::PollOpened(_)
            | Change::PollClosed(_)
            | Change::PollSealed(_)
            | Change::PaperBallotEntered(_) => None,
        }
    }
}

/// A change as committed: its place in the history and where it happened.
#[derive(Debug, Clone)]
pub struct Committed {
    pub seq: i64,
    pub scope: Scope,
    pub change: Change,
    /// For an edit, the row as it was before (the same kind of change): the
    /// history records it from the first release that kept it; older entries
    /// and other changes have none. It goes to history readers only, never
    /// on a live event.
    pub before: Option<Change>,
}

/// The event live views receive: the change as the history records it.
impl From<Committed> for Event {
    fn from(c: Committed) -> Event {
        Event {
            seq: c.seq,
            action: c.change.action().to_string(),
            org_id: c.scope.org_id,
            plenum_id: c.scope.plenum_id,
            payload: c.change.data(),
        }
    }
}

/// How the history stores a change's payload.
#[derive(serde::Deserialize)]
struct Envelope {
    org_id: Option<i64>,
    plenum_id: Option<i64>,
    data: serde_json::Value,
    #[serde(default)]
    before: Option<serde_json::Value>,
}

/// The stored payload of a change: its scope, its data and, for an edit, the
/// data before it. Entries without `before` keep the exact shape older
/// releases hashed, so every entry already in the chain still verifies.
pub(crate) fn envelope(scope: Scope, change: &Change, before: Option<&Change>) -> String {
    let mut env = serde_json::json!({"org_id": scope.org_id, "plenum_id": scope.plenum_id, "data": change.data()});
    if let Some(b) = before {
        env["before"] = b.data();
    }
    env.to_string()
}

impl Committed {
    /// Decode a history entry.
    pub fn from_entry(e: &AuditEntry) -> Result<Committed, DecodeError> {
        let env: Envelope = serde_json::from_str(&e.payload)
            .map_err(|source| DecodeError::Payload { action: e.action.clone(), source })?;
        Ok(Committed {
            seq: e.seq,
            scope: Scope { org_id: env.org_id, plenum_id: env.plenum_id },
            change: Change::decode(&e.action, env.data)?,
            before: env.before.map(|b| Change::decode(&e.action, b)).transpose()?,
        })
    }

    pub fn audience(&self) -> Audience {
        Audience { permission: self.change.permission(), scope: self.scope }
    }

    /// The change as it leaves the server: `{seq, action, org_id, plenum_id, payload}`.
    /// Live events carry this, without the row before an edit.
    pub fn public_json(&self) -> String {
        self.public_out(false)
    }

    /// The change as a history reader sees it: [`Committed::public_json`]
    /// and, for an edit recorded with it, `before`: the public fields of the
    /// row before the edit.
    pub fn history_public_json(&self) -> String {
        self.public_out(true)
    }

    fn public_out(&self, with_before: bool) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            seq: i64,
            action: &'static str,
            org_id: Option<i64>,
            plenum_id: Option<i64>,
            payload: Public<'a>,
            #[serde(skip_serializing_if = "Option::is_none")]
            before: Option<Public<'a>>,
        }
        let out = Out {
            seq: self.seq,
            action: self.change.action(),
            org_id: self.scope.org_id,
            plenum_id: self.scope.plenum_id,
            payload: self.change.public(),
            before: self.before.as_ref().filter(|_| with_before).map(Change::public),
        };
        // Plain structs of strings and numbers: serializing cannot fail.
        serde_json::to_string(&out).unwrap_or_default()
    }
}
