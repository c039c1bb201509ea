//! What callers give the store to create things. Every text is NFC-normalized
//! and checked here, once, whether it came from a form, the API or the CLI.

use plenum_core::access::SignInKind;
use plenum_core::conduct::speakers::{EntryKind, SessionKind, SessionStatus, SpeakingTime};
use plenum_core::prepare::agenda::ItemKind;
use plenum_core::prepare::organization::OrgLevel;
use plenum_core::prepare::programme::{check_start, within, DayPart, Venue};
use plenum_core::prepare::roster::DelegateKind;
use plenum_core::text::{date, optional_line, required_line};
use plenum_core::FieldErrors;
use serde::Deserialize;

const NAME: usize = 200;
const TITLE: usize = 500;

#[derive(Debug, Clone, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    /// Already hashed (argon2id PHC string); the store never sees a password.
    pub password_hash: String,
}

impl NewUser {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.username = required_line(&mut e, "username", &self.username, 64).to_lowercase();
        if !self.username.is_empty() && !self.username.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
            e.push("username", "username-chars");
        }
        self.display_name = required_line(&mut e, "display_name", &self.display_name, NAME);
        e.finish(self)
    }
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub user_id: i64,
    pub token_hash: String,
    pub csrf: String,
    pub kind: SignInKind,
    pub expires_at: Option<i64>,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewOrganization {
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub parent_id: Option<i64>,
}

impl NewOrganization {
    /// `parent_level` is the level of `parent_id`, looked up by the caller.
    pub fn validate(mut self, parent_level: Option<OrgLevel>) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.name = required_line(&mut e, "name", &self.name, NAME);
        self.short_name = required_line(&mut e, "short_name", &self.short_name, 32);
        match OrgLevel::parse(&self.level) {
            None => e.push("level", "invalid-choice"),
            Some(level) if !level.may_sit_under(parent_level) => e.push("parent_id", "level-order"),
            Some(_) => {}
        }
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewCommittee {
    pub org_id: i64,
    pub name: String,
    pub term: String,
    pub term_label: String,
    pub starts_on: String,
}

impl NewCommittee {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.name = required_line(&mut e, "name", &self.name, NAME);
        self.term = required_line(&mut e, "term", &self.term, 16);
        self.term_label = required_line(&mut e, "term_label", &self.term_label, NAME);
        self.starts_on = date(&mut e, "starts_on", &self.starts_on);
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewMember {
    pub committee_id: i64,
    pub full_name: String,
    pub title: String,
    pub unit: String,
    pub standing: bool,
    pub user_id: Option<i64>,
}

impl NewMember {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.full_name = required_line(&mut e, "full_name", &self.full_name, NAME);
        self.title = optional_line(&mut e, "title", Some(&self.title), NAME).unwrap_or_default();
        self.unit = optional_line(&mut e, "unit", Some(&self.unit), NAME).unwrap_or_default();
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewPlenum {
    pub committee_id: i64,
    pub ordinal: i64,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
}

impl NewPlenum {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        if !(1..=999).contains(&self.ordinal) {
            e.push("ordinal", "out-of-range");
        }
        self.title = required_line(&mut e, "title", &self.title, TITLE);
        self.starts_on = date(&mut e, "starts_on", &self.starts_on);
        self.ends_on = date(&mut e, "ends_on", &self.ends_on);
        if e.is_empty() && self.ends_on < self.starts_on {
            e.push("ends_on", "before-start");
        }
        self.place = required_line(&mut e, "place", &self.place, TITLE);
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewAgendaItem {
    pub plenum_id: i64,
    pub ordinal: i64,
    pub title: String,
    pub kind: String,
    pub presenter: String,
}

impl NewAgendaItem {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        if !(1..=999).contains(&self.ordinal) {
            e.push("ordinal", "out-of-range");
        }
        self.title = required_line(&mut e, "title", &self.title, TITLE);
        if ItemKind::parse(&self.kind).is_none() {
            e.push("kind", "invalid-choice");
        }
        self.presenter = optional_line(&mut e, "presenter", Some(&self.presenter), NAME).unwrap_or_default();
        e.finish(self)
    }
}

/// An agenda item's fields as edited: all of them, as the form shows them.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ItemChange {
    pub ordinal: i64,
    pub title: String,
    /// report, draft, plan, programme, personnel or other.
    pub kind: String,
    #[serde(default)]
    pub presenter: String,
    /// The half-day of the programme the item is taken up in; none leaves it unplaced.
    #[serde(default)]
    pub slot_id: Option<i64>,
}

impl ItemChange {
    pub fn validate(self, plenum_id: i64) -> Result<Self, FieldErrors> {
        let NewAgendaItem { ordinal, title, kind, presenter, .. } = NewAgendaItem {
            plenum_id,
            ordinal: self.ordinal,
            title: self.title,
            kind: self.kind,
            presenter: self.presenter,
        }
        .validate()?;
        Ok(ItemChange { ordinal, title, kind, presenter, slot_id: self.slot_id })
    }
}

/// A half-day of the programme.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewProgrammeSlot {
    pub plenum_id: i64,
    /// YYYY-MM-DD, within the plenum's days.
    pub day: String,
    /// morning or afternoon.
    pub part: String,
    /// HH:MM: a morning starts from 06:00 to before noon, an afternoon from noon to 18:00.
    pub starts_at: String,
    /// hall or groups.
    pub venue: String,
}

impl NewProgrammeSlot {
    /// Check the fields against the plenum's first and last day.
    pub fn validate(mut self, plenum_days: (&str, &str)) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.day = date(&mut e, "day", &self.day);
        let part = DayPart::parse(&self.part);
        if part.is_none() {
            e.push("part", "invalid-choice");
        }
        if Venue::parse(&self.venue).is_none() {
            e.push("venue", "invalid-choice");
        }
        if !e.0.iter().any(|f| f.field == "day") && !within(&self.day, plenum_days) {
            e.push("day", "outside-plenum");
        }
        self.starts_at = check_start(&mut e, part, &self.starts_at);
        self.part = self.part.trim().to_string();
        self.venue = self.venue.trim().to_string();
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewGroup {
    pub plenum_id: i64,
    pub name: String,
    pub leader_member_id: Option<i64>,
    pub secretary_member_id: Option<i64>,
    pub member_ids: Vec<i64>,
}

const TEXT: usize = 20_000;

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewDelegate {
    pub plenum_id: i64,
    pub member_id: Option<i64>,
    pub user_id: Option<i64>,
    pub full_name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub unit: String,
    /// "member" or "guest".
    pub kind: String,
    pub group_id: Option<i64>,
    /// The badge's QR code; the caller makes it random.
    #[serde(skip)]
    pub checkin_code: String,
}

impl NewDelegate {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.full_name = required_line(&mut e, "full_name", &self.full_name, NAME);
        self.title = optional_line(&mut e, "title", Some(&self.title), NAME).unwrap_or_default();
        self.unit = optional_line(&mut e, "unit", Some(&self.unit), NAME).unwrap_or_default();
        if DelegateKind::parse(&self.kind).is_none() {
            e.push("kind", "invalid-choice");
        }
        if self.checkin_code.len() < 16 {
            e.push("checkin_code", "too-short");
        }
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewMeetingSession {
    pub plenum_id: i64,
    /// "plenary" or "group".
    pub kind: String,
    pub group_id: Option<i64>,
    pub title: String,
    #[serde(default = "default_speaking_seconds")]
    pub speaking_seconds: i64,
}

fn default_speaking_seconds() -> i64 {
    plenum_core::conduct::speakers::DEFAULT_SPEAKING_SECONDS
}

/// Speaking time, by the core's bounds ([`SpeakingTime`]).
pub fn check_speaking_seconds(e: &mut FieldErrors, field: &str, s: i64) {
    if SpeakingTime::parse(s).is_none() {
        e.push(field, "speaking-time");
    }
}

impl NewMeetingSession {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.title = required_line(&mut e, "title", &self.title, TITLE);
        match (SessionKind::parse(&self.kind), self.group_id) {
            (Some(SessionKind::Plenary), None) | (Some(SessionKind::Group), Some(_)) => {}
            (Some(_), _) => e.push("group_id", "group-mismatch"),
            (None, _) => e.push("kind", "invalid-choice"),
        }
        check_speaking_seconds(&mut e, "speaking_seconds", self.speaking_seconds);
        e.finish(self)
    }
}

/// A change to a session; unset fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct SessionChange {
    /// Set the current item; `0` clears it.
    pub current_item_id: Option<i64>,
    /// planned, open or closed.
    pub status: Option<String>,
    pub speaking_seconds: Option<i64>,
}

impl SessionChange {
    pub fn validate(self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        if let Some(s) = &self.status {
            if SessionStatus::parse(s).is_none() {
                e.push("status", "invalid-choice");
            }
        }
        if let Some(s) = self.speaking_seconds {
            check_speaking_seconds(&mut e, "speaking_seconds", s);
        }
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewSpeakerEntry {
    pub session_id: i64,
    pub item_id: i64,
    pub delegate_id: i64,
    /// "speak" or "written".
    pub kind: String,
}

impl NewSpeakerEntry {
    pub fn validate(self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        if EntryKind::parse(&self.kind).is_none() {
            e.push("kind", "invalid-choice");
        }
        e.finish(self)
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewSpeech {
    pub session_id: i64,
    pub delegate_id: i64,
    pub item_id: i64,
    pub speaker_entry_id: Option<i64>,
    pub seconds: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewOpinion {
    /// Empty for a written opinion.
    pub speech_id: Option<i64>,
    pub delegate_id: i64,
    pub item_id: i64,
    pub passage_anchor: Option<String>,
    /// agree, disagree, propose_change or other.
    pub stance: String,
    pub text: String,
}

impl NewOpinion {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        if plenum_core::conduct::record::Stance::parse(&self.stance).is_none() {
            e.push("stance", "invalid-choice");
        }
        self.text = plenum_core::text::nfc(self.text.trim());
        if self.text.is_empty() {
            e.push("text", "required");
        } else if self.text.chars().count() > TEXT {
            e.push("text", "too-long");
        }
        self.passage_anchor = optional_line(&mut e, "passage_anchor", self.passage_anchor.as_deref(), 120);
        e.finish(self)
    }
}

/// A correction to an opinion.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct OpinionChange {
    pub stance: String,
    pub text: String,
    pub passage_anchor: Option<String>,
    pub item_id: i64,
}
