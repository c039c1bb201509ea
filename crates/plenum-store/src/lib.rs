//! The storage boundary. [`SqlStore`] implements [`Store`] once, over sqlx's
//! `Any` driver, laid out by the plenum's life ([`prepare`], [`conduct`],
//! [`history`], [`accounts`]); each backend crate (SQLite, PostgreSQL) gives
//! it its pools, migrations and event relay ([`store::Backend`]).
//! [`conformance`] is the one story every backend must pass.

pub mod accounts;
pub mod backup;
pub mod change;
pub mod conduct;
pub mod conformance;
pub mod decide;
pub mod demo;
pub mod documents;
mod error;
pub mod history;
pub mod input;
mod model;
mod portability;
pub mod prepare;
pub mod relay;
pub mod schema;
pub mod store;
pub mod synthesize;

use async_trait::async_trait;
pub use error::{Conflict, StoreError, StoreResult};
pub use model::*;
use plenum_core::access::Grant;
use plenum_core::history::AuditEntry;
pub use store::{Backend, SqlStore};
use tokio::sync::broadcast;

/// Accounts, role grants, login sessions and API tokens.
#[async_trait]
pub trait Accounts {
    async fn create_user(&self, actor: &Actor, new: input::NewUser) -> StoreResult<User>;
    async fn user_by_username(&self, username: &str) -> StoreResult<Option<User>>;
    async fn user(&self, id: i64) -> StoreResult<User>;
    async fn users(&self) -> StoreResult<Vec<User>>;
    async fn grant_role(&self, actor: &Actor, user_id: i64, grant: Grant) -> StoreResult<()>;
    async fn grants_of(&self, user_id: i64) -> StoreResult<Vec<Grant>>;
    /// Store a session or token by the SHA-256 of its secret; the secret itself is never stored.
    async fn create_session(&self, actor: &Actor, new: input::NewSession) -> StoreResult<Session>;
    /// A live (unexpired) session by its secret's hash.
    async fn session_by_hash(&self, token_hash: &str, now: i64) -> StoreResult<Option<Session>>;
    async fn delete_session(&self, actor: &Actor, token_hash: &str) -> StoreResult<()>;
    /// Disable an account: it signs in no more, and every session and token
    /// of it ends in the same transaction. Disabling a disabled account changes nothing.
    async fn disable_user(&self, actor: &Actor, user_id: i64) -> StoreResult<()>;
    /// End every session and token of an account (signing out everywhere).
    async fn end_sessions(&self, actor: &Actor, user_id: i64) -> StoreResult<i64>;
}

/// Organizations, committees by term and their members.
#[async_trait]
pub trait Organizations {
    async fn create_organization(&self, actor: &Actor, new: input::NewOrganization) -> StoreResult<Organization>;
    async fn organizations(&self) -> StoreResult<Vec<Organization>>;
    async fn organization(&self, id: i64) -> StoreResult<Organization>;
    async fn create_committee(&self, actor: &Actor, new: input::NewCommittee) -> StoreResult<Committee>;
    async fn committees(&self, org_id: i64) -> StoreResult<Vec<Committee>>;
    async fn committee(&self, id: i64) -> StoreResult<Committee>;
    async fn add_member(&self, actor: &Actor, new: input::NewMember) -> StoreResult<Member>;
    async fn members(&self, committee_id: i64) -> StoreResult<Vec<Member>>;
    /// Tie a member to the account they sign in with.
    async fn link_member(&self, actor: &Actor, member_id: i64, user_id: i64) -> StoreResult<()>;
}

/// Plenums, their agenda and discussion groups.
#[async_trait]
pub trait Plenums {
    async fn create_plenum(&self, actor: &Actor, new: input::NewPlenum) -> StoreResult<Plenum>;
    async fn plenums(&self) -> StoreResult<Vec<Plenum>>;
    async fn plenum(&self, id: i64) -> StoreResult<Plenum>;
    async fn add_agenda_item(&self, actor: &Actor, new: input::NewAgendaItem) -> StoreResult<AgendaItem>;
    async fn agenda_items(&self, plenum_id: i64) -> StoreResult<Vec<AgendaItem>>;
    async fn create_group(&self, actor: &Actor, new: input::NewGroup) -> StoreResult<DiscussionGroup>;
    async fn groups(&self, plenum_id: i64) -> StoreResult<Vec<DiscussionGroup>>;
}

/// Editing the agenda, and the programme of half-days its items are placed in.
#[async_trait]
pub trait Agenda {
    async fn agenda_item(&self, id: i64) -> StoreResult<AgendaItem>;
    /// Edit an item; refused with `Conflict::Stale` unless `expected_version` is
    /// current, and `Conflict::OrdinalTaken` for another item's number.
    async fn update_agenda_item(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        change: input::ItemChange,
    ) -> StoreResult<AgendaItem>;
    /// Move an item to position `to` (0 = first) of its agenda; the agenda's
    /// numbers are handed out again in the new order. The plenum's agenda, in order.
    async fn move_agenda_item(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        to: usize,
    ) -> StoreResult<Vec<AgendaItem>>;
    /// What of the record points to the item.
    async fn item_use(&self, id: i64) -> StoreResult<plenum_core::prepare::agenda::ItemUse>;
    /// Remove an item that nothing of the record points to (else
    /// `Conflict::ItemInUse`); the items after it move up by one.
    async fn remove_agenda_item(&self, actor: &Actor, id: i64, expected_version: i64) -> StoreResult<()>;
    async fn add_programme_slot(&self, actor: &Actor, new: input::NewProgrammeSlot) -> StoreResult<ProgrammeSlot>;
    /// The plenum's half-days, by day, morning first.
    async fn programme_slots(&self, plenum_id: i64) -> StoreResult<Vec<ProgrammeSlot>>;
    /// Remove a half-day no item is placed in (else `Conflict::SlotInUse`).
    async fn remove_programme_slot(&self, actor: &Actor, id: i64, expected_version: i64) -> StoreResult<()>;
}

/// Delegates summoned to a plenum, their attendance and check-in.
#[async_trait]
pub trait Delegates {
    async fn add_delegate(&self, actor: &Actor, new: input::NewDelegate) -> StoreResult<Delegate>;
    /// Add many delegates at once: all of them, or (on any error) none.
    async fn import_delegates(
        &self,
        actor: &Actor,
        plenum_id: i64,
        new: Vec<input::NewDelegate>,
    ) -> StoreResult<Vec<Delegate>>;
    async fn delegates(&self, plenum_id: i64) -> StoreResult<Vec<Delegate>>;
    async fn delegate(&self, id: i64) -> StoreResult<Delegate>;
    async fn delegate_by_checkin_code(&self, code: &str) -> StoreResult<Option<Delegate>>;
    /// The plenum's delegate signed in as this user, if any.
    async fn delegate_for_user(&self, plenum_id: i64, user_id: i64) -> StoreResult<Option<Delegate>>;
    /// Record attendance. With `expected_version`, refuse (`Conflict::Stale`)
    /// if someone else changed the delegate since it was read.
    async fn set_attendance(
        &self,
        actor: &Actor,
        delegate_id: i64,
        attendance: plenum_core::conduct::attendance::Attendance,
        reason: &str,
        expected_version: Option<i64>,
    ) -> StoreResult<Delegate>;
    /// Store (or clear) the hash of a delegate's one-time sign-in link.
    async fn set_link_hash(&self, actor: &Actor, delegate_id: i64, link_hash: Option<&str>) -> StoreResult<()>;
    /// Use a one-time link: returns the delegate and clears the link, in one step.
    async fn take_link(&self, actor: &Actor, link_hash: &str) -> StoreResult<Option<Delegate>>;
    async fn link_delegate_user(&self, actor: &Actor, delegate_id: i64, user_id: i64) -> StoreResult<()>;
}

/// The sittings of a plenum (buổi họp: the morning and afternoon of each of
/// its days, `plenum_core::conduct::sittings`) and the roll of each. A
/// delegate's attendance is the current sitting's.
#[async_trait]
pub trait Sittings {
    /// The sitting whose roll is being taken: 1 until another is opened.
    async fn current_sitting(&self, plenum_id: i64) -> StoreResult<i64>;
    /// Take the roll of another sitting: every delegate's attendance becomes
    /// what that sitting recorded (not yet called, for one not held yet), and
    /// every delegate's version moves on, so a page still showing the last
    /// sitting's roll is refused. A number the plenum's days do not have is a
    /// field error on `sitting`.
    async fn open_sitting(&self, actor: &Actor, plenum_id: i64, sitting: i64) -> StoreResult<()>;
    /// Every roll entry of the plenum's delegates, by sitting then delegate.
    async fn sitting_roll(&self, plenum_id: i64) -> StoreResult<Vec<SittingAttendance>>;
}

/// Meeting sessions and their speaker lists.
#[async_trait]
pub trait Floor {
    async fn create_meeting_session(&self, actor: &Actor, new: input::NewMeetingSession)
        -> StoreResult<MeetingSession>;
    async fn meeting_sessions(&self, plenum_id: i64) -> StoreResult<Vec<MeetingSession>>;
    async fn meeting_session(&self, id: i64) -> StoreResult<MeetingSession>;
    /// Change a session; refused with `Conflict::Stale` unless `expected_version` is current.
    async fn update_meeting_session(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        change: input::SessionChange,
    ) -> StoreResult<MeetingSession>;
    /// Ask for the floor (or announce a written opinion): joins the end of the list.
    async fn request_floor(&self, actor: &Actor, new: input::NewSpeakerEntry) -> StoreResult<SpeakerEntry>;
    /// The list, in order: speaking and waiting first, then done.
    async fn speaker_entries(&self, session_id: i64) -> StoreResult<Vec<SpeakerEntry>>;
    async fn speaker_entry(&self, id: i64) -> StoreResult<SpeakerEntry>;
    /// Move a waiting entry to index `to` among the waiting (0 = next).
    async fn reorder_speaker(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
        to: usize,
    ) -> StoreResult<MeetingSession>;
    /// Give the floor: the entry starts speaking now. Refused while someone else speaks.
    async fn give_floor(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
    ) -> StoreResult<SpeakerEntry>;
    /// Stop the speaker: records the speech with its actual length.
    async fn stop_speaker(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
    ) -> StoreResult<Speech>;
    /// Withdraw a waiting entry.
    async fn withdraw_speaker(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
    ) -> StoreResult<MeetingSession>;
    /// Change one entry's speaking time (30 s to 1 h).
    async fn set_allotted(
        &self,
        actor: &Actor,
        session_id: i64,
        expected_version: i64,
        entry_id: i64,
        seconds: i64,
    ) -> StoreResult<SpeakerEntry>;
}

/// The hall screen's links: a read-only kiosk link to one plenum's projector page.
#[async_trait]
pub trait ScreenLinks {
    /// A new link of the plenum; `secret_hash` is the SHA-256 of the secret handed out once.
    async fn create_screen_link(
        &self,
        actor: &Actor,
        plenum_id: i64,
        label: &str,
        secret_hash: &str,
    ) -> StoreResult<ScreenLink>;
    /// The plenum's links, newest first, revoked ones too.
    async fn screen_links(&self, plenum_id: i64) -> StoreResult<Vec<ScreenLink>>;
    /// Revoke one of the plenum's links (not found if it is another plenum's); revoking twice changes nothing.
    async fn revoke_screen_link(&self, actor: &Actor, plenum_id: i64, link_id: i64) -> StoreResult<ScreenLink>;
    /// The link a secret opens, unless it was revoked.
    async fn screen_link_by_secret(&self, secret_hash: &str) -> StoreResult<Option<ScreenLink>>;
}

/// Speeches and opinions: what the secretaries record and delegates write.
#[async_trait]
pub trait Records {
    async fn record_speech(&self, actor: &Actor, new: input::NewSpeech) -> StoreResult<Speech>;
    async fn add_opinion(&self, actor: &Actor, new: input::NewOpinion) -> StoreResult<Opinion>;
    /// Correct an opinion; refused with `Conflict::Stale` unless `expected_version` is current.
    async fn update_opinion(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        change: input::OpinionChange,
    ) -> StoreResult<Opinion>;
    async fn speeches(&self, plenum_id: i64) -> StoreResult<Vec<Speech>>;
    async fn speech(&self, id: i64) -> StoreResult<Speech>;
    async fn opinions(&self, plenum_id: i64) -> StoreResult<Vec<Opinion>>;
    async fn opinion(&self, id: i64) -> StoreResult<Opinion>;
    /// (anchor, label) of every passage of the plenum's documents, newest
    /// version first, so cited anchors can be shown as "II.2.a".
    async fn passage_labels(&self, plenum_id: i64) -> StoreResult<Vec<(String, String)>>;
}

/// Full-text search over the record, insensitive to diacritics.
#[async_trait]
pub trait Search {
    /// Opinions and passages matching every term, best first, from the
    /// plenums named only; the caller decides which plenums and kinds the
    /// reader may read.
    async fn search(&self, query: &synthesize::search::SearchQuery) -> StoreResult<Vec<synthesize::search::SearchHit>>;
}

/// Documents of agenda items, their versions and passages.
#[async_trait]
pub trait Documents {
    /// A new document of an agenda item with its first version (number 1) and that version's passages.
    async fn create_document(
        &self,
        actor: &Actor,
        new: documents::NewDocument,
    ) -> StoreResult<(documents::Document, documents::DocumentVersion)>;
    /// The document's next version. With `based_on`, refused (`Conflict::Stale`)
    /// unless it names the latest version, so nobody supersedes an upload they have not seen.
    async fn add_version(
        &self,
        actor: &Actor,
        document_id: i64,
        new: documents::NewVersion,
    ) -> StoreResult<documents::DocumentVersion>;
    /// The agenda item documents are filed under.
    async fn document_item(&self, item_id: i64) -> StoreResult<AgendaItem>;
    /// The plenum's documents, in agenda order.
    async fn documents(&self, plenum_id: i64) -> StoreResult<Vec<documents::Document>>;
    async fn document(&self, id: i64) -> StoreResult<documents::Document>;
    /// A document's versions, oldest first, without their content.
    async fn document_versions(&self, document_id: i64) -> StoreResult<Vec<documents::DocumentVersion>>;
    async fn document_version(&self, id: i64) -> StoreResult<documents::DocumentVersion>;
    /// The uploaded bytes of a version.
    async fn document_content(&self, version_id: i64) -> StoreResult<Vec<u8>>;
    /// A version's passages, in order.
    async fn passages(&self, version_id: i64) -> StoreResult<Vec<documents::Passage>>;
}

/// Bodies (cơ quan tham mưu) and their officers.
#[async_trait]
pub trait Bodies {
    /// An organization's bodies, by name.
    async fn bodies(&self, org_id: i64) -> StoreResult<Vec<synthesize::Body>>;
    async fn body(&self, id: i64) -> StoreResult<synthesize::Body>;
    /// The accounts that are officers of the body.
    async fn body_officers(&self, body_id: i64) -> StoreResult<Vec<i64>>;
    /// The bodies the account is an officer of.
    async fn bodies_of_officer(&self, user_id: i64) -> StoreResult<Vec<i64>>;
    /// Make an account an officer of a body; doing it twice changes nothing.
    async fn add_body_officer(&self, actor: &Actor, body_id: i64, user_id: i64) -> StoreResult<()>;
}

/// How each opinion is answered, and the office's review.
#[async_trait]
pub trait Dispositions {
    async fn dispositions(&self, plenum_id: i64) -> StoreResult<Vec<synthesize::Disposition>>;
    /// Write or rewrite an opinion's answer; it waits for review again.
    /// Refused with `Conflict::Stale` unless `expected_version` is the current one (`None`: not answered yet).
    async fn record_disposition(
        &self,
        actor: &Actor,
        new: synthesize::NewDisposition,
    ) -> StoreResult<synthesize::Disposition>;
    /// Approve or return an answer (returning needs a note).
    async fn review_disposition(
        &self,
        actor: &Actor,
        opinion_id: i64,
        expected_version: i64,
        to: plenum_core::synthesize::disposition::ReviewStatus,
        note: &str,
    ) -> StoreResult<synthesize::Disposition>;
}

/// Groups of similar opinions.
#[async_trait]
pub trait OpinionGroups {
    /// The plenum's groups, each with its opinions.
    async fn opinion_groups(&self, plenum_id: i64) -> StoreResult<Vec<synthesize::OpinionGroup>>;
    /// Replace one item's groups; each opinion (of that item) in at most one group.
    async fn set_opinion_groups(
        &self,
        actor: &Actor,
        item_id: i64,
        groups: Vec<synthesize::GroupDraft>,
    ) -> StoreResult<()>;
    /// Rename, merge or split one item's groups in place (the others keep their ids).
    async fn edit_opinion_groups(&self, actor: &Actor, item_id: i64, edit: synthesize::GroupEdit) -> StoreResult<()>;
}

/// Polls: creating, opening, closing and sealing them, and what they hold.
#[async_trait]
pub trait Polls {
    async fn create_poll(&self, actor: &Actor, new: decide::NewPoll) -> StoreResult<decide::Poll>;
    async fn poll(&self, id: i64) -> StoreResult<decide::Poll>;
    async fn polls(&self, plenum_id: i64) -> StoreResult<Vec<decide::Poll>>;
    /// Name the counting committee (delegate ids, JSON) of a poll not yet open.
    async fn set_counting_committee(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        committee: String,
    ) -> StoreResult<decide::Poll>;
    async fn open_poll(&self, actor: &Actor, id: i64, version: i64, at: decide::Snapshot) -> StoreResult<decide::Poll>;
    /// Close an open poll. A secret poll's ballots are rewritten in shuffled
    /// order as its tally and its working rows purged, in the same
    /// transaction; the history records the roll and the named votes.
    async fn close_poll(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        closing: decide::Closing,
    ) -> StoreResult<decide::Closed>;
    /// Record a closed poll's result (and, for a secret one, the signed
    /// published tally), once.
    async fn seal_poll(
        &self,
        actor: &Actor,
        id: i64,
        result: String,
        published: Option<String>,
    ) -> StoreResult<decide::Poll>;
    /// A closed poll's ballot contents (in their stored, shuffled order) and
    /// its commitments (ascending).
    async fn tallied(&self, poll_id: i64) -> StoreResult<(Vec<String>, Vec<String>)>;
    /// Who has cast a secret ballot, by delegate id.
    async fn roll(&self, poll_id: i64) -> StoreResult<Vec<i64>>;
    async fn named_votes(&self, poll_id: i64) -> StoreResult<Vec<(i64, plenum_core::decide::poll::Choice)>>;
}

/// Casting, outside the history's chain: many votes at once, each either
/// recorded or refused as a second vote, by the database's own key.
#[async_trait]
pub trait Casting {
    /// Named votes of an open poll, `(delegate_id, choice)`.
    async fn record_votes(
        &self,
        poll_id: i64,
        votes: &[(i64, plenum_core::decide::poll::Choice)],
    ) -> StoreResult<Vec<decide::Cast>>;
    /// Secret ballots, `(delegate_id, content, commitment)`: the roll marks
    /// in one transaction, the ballots in another.
    async fn cast_ballots(&self, poll_id: i64, ballots: &[(i64, String, String)]) -> StoreResult<Vec<decide::Cast>>;
    /// How many have voted.
    async fn participation(&self, poll_id: i64) -> StoreResult<i64>;
    async fn has_voted(&self, poll_id: i64, delegate_id: i64) -> StoreResult<bool>;
}

/// Paper ballots, as each of two counters entered them.
#[async_trait]
pub trait PaperBallots {
    /// Enter (or correct) one sheet as one counter read it.
    async fn enter_paper(&self, actor: &Actor, poll_id: i64, entry: decide::PaperEntry) -> StoreResult<()>;
    async fn paper_entries(&self, poll_id: i64) -> StoreResult<Vec<decide::PaperEntry>>;
}

/// The documents a plenum issues, numbered from the committee's register.
#[async_trait]
pub trait IssuedDocuments {
    async fn issued_document(
        &self,
        plenum_id: i64,
        kind: plenum_core::synthesize::issued::IssuedKind,
    ) -> StoreResult<Option<synthesize::IssuedDocument>>;
    /// Save the office's text; the first save takes the next number of the register.
    async fn save_issued_document(
        &self,
        actor: &Actor,
        plenum_id: i64,
        kind: plenum_core::synthesize::issued::IssuedKind,
        text: plenum_core::synthesize::issued::IssuedText,
        issued_on: &str,
        expected_version: Option<i64>,
    ) -> StoreResult<synthesize::IssuedDocument>;
}

/// The hash-chained history and the live events derived from it.
#[async_trait]
pub trait History {
    /// Entries with `seq > after`, oldest first, at most `limit`.
    async fn history(&self, after: i64, limit: i64) -> StoreResult<Vec<AuditEntry>>;
    /// The chain head: the last sequence number and its hash.
    async fn history_head(&self) -> StoreResult<(i64, String)>;
    /// Changes committed from now on, on this node or (PostgreSQL) any node,
    /// decoded once for every subscriber.
    fn subscribe(&self) -> broadcast::Receiver<change::Committed>;
}

/// Moving all data between backends.
#[async_trait]
pub trait Portability {
    async fn export(&self) -> StoreResult<backup::Backup>;
    /// Load a backup into an empty database.
    async fn import(&self, backup: &backup::Backup) -> StoreResult<()>;
    async fn is_empty(&self) -> StoreResult<bool>;
}

/// Schema upkeep and low-level access for the CLI and tests.
#[async_trait]
pub trait Maintenance {
    async fn migrate(&self) -> anyhow::Result<()>;
    /// Run raw SQL. Only tests use it, to tamper with the history on purpose.
    async fn execute_raw(&self, sql: &str) -> anyhow::Result<u64>;
    /// The application's table names, sorted.
    async fn table_names(&self) -> anyhow::Result<Vec<String>>;
}

/// The live database's own description of its tables, for holding
/// [`schema::TABLES`] and every backup against what the migrations made.
#[async_trait]
pub trait LiveSchema {
    /// The application's tables, sorted by name, each with its columns in order.
    async fn live_columns(&self) -> anyhow::Result<Vec<schema::LiveTable>>;
}

/// Everything a backend provides.
pub trait Store:
    Accounts
    + Organizations
    + Plenums
    + Agenda
    + Delegates
    + Sittings
    + Floor
    + ScreenLinks
    + Records
    + Search
    + Documents
    + Bodies
    + Dispositions
    + OpinionGroups
    + IssuedDocuments
    + Polls
    + Casting
    + PaperBallots
    + History
    + Portability
    + Maintenance
    + LiveSchema
    + Send
    + Sync
    + 'static
{
    /// "sqlite" or "postgres", as reported by `/healthz`.
    fn backend(&self) -> &'static str;
}

/// Walk the whole history and check the hash chain against its head.
/// Returns the number of entries, or the first broken one.
pub async fn verify_history(store: &dyn Store) -> anyhow::Result<Result<i64, plenum_core::history::ChainBreak>> {
    const PAGE: i64 = 1000;
    let mut verifier = plenum_core::history::ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = store.history(after, PAGE).await?;
        for e in &page {
            if let Err(b) = verifier.push(e) {
                return Ok(Err(b));
            }
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = last.seq,
            _ => break,
        }
    }
    let (head_seq, head_hash) = store.history_head().await?;
    Ok(verifier.finish(head_seq, &head_hash))
}
