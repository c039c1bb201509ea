//! What callers give the store to create things. Every text is NFC-normalized
//! and checked here, once, whether it came from a form, the API or the CLI.

use plenum_core::prepare::agenda::ItemKind;
use plenum_core::prepare::organization::OrgLevel;
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
    /// "web" (a cookie) or "api" (a bearer token).
    pub kind: &'static str,
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

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewGroup {
    pub plenum_id: i64,
    pub name: String,
    pub leader_member_id: Option<i64>,
    pub secretary_member_id: Option<i64>,
    pub member_ids: Vec<i64>,
}

impl NewGroup {
    pub fn validate(mut self) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        self.name = required_line(&mut e, "name", &self.name, NAME);
        self.member_ids.sort_unstable();
        self.member_ids.dedup();
        e.finish(self)
    }
}
