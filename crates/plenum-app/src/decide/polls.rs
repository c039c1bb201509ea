//! Polls as the chair runs them: create one on a motion or an election,
//! name its counting committee, open it, close it. Closing counts it under
//! the rule set it was created with and seals the result.

use plenum_core::access::Permission;
use plenum_core::conduct::attendance::members_present;
use plenum_core::decide::poll::{Hands, PollKind, PollMethod, PollState};
use plenum_core::decide::RuleSet;
use plenum_core::prepare::roster::DelegateKind;
use plenum_core::text::{nfc, required_line, FieldErrors};
use plenum_store::decide::{Closing, NewPoll, Poll, Snapshot};
use plenum_store::Plenum;

use super::outcome;
use crate::{App, AppResult, Error, Principal};

/// Bounds on what one poll holds.
pub const MAX_CANDIDATES: usize = 100;
pub const MAX_NAME: usize = 200;
pub const MAX_TITLE: usize = 500;
pub const MAX_COMMITTEE: usize = 25;
/// A written vote runs for at most this long.
pub const MAX_WRITTEN_DAYS: i64 = 60;

/// A poll as the chair describes it.
#[derive(Debug, Clone, Default)]
pub struct PollForm {
    pub title: String,
    pub item_id: Option<i64>,
    pub kind: String,
    pub method: String,
    /// A built-in rule set's name, or one given in full as JSON.
    pub rules: String,
    pub seats: Option<i64>,
    pub candidates: Vec<String>,
    pub runoff: bool,
    pub show_live: bool,
    /// A written vote's deadline, microseconds since the epoch.
    pub deadline: Option<i64>,
}

/// A rule set by name or in full.
pub fn rules_of(raw: &str) -> Result<RuleSet, &'static str> {
    let raw = raw.trim();
    let rules = if raw.is_empty() {
        RuleSet::party_committee()
    } else if raw.starts_with('{') {
        let r: RuleSet = serde_json::from_str(raw).map_err(|_| "bad-rules")?;
        r.check().map_err(|_| "bad-rules")?;
        r
    } else {
        RuleSet::by_name(raw).map_err(|_| "unknown-rules")?
    };
    Ok(rules)
}

/// The rule set a poll was created under.
pub fn rules_held(poll: &Poll) -> RuleSet {
    serde_json::from_str(&poll.rules).unwrap_or_else(|_| RuleSet::party_committee())
}

pub fn candidates_of(poll: &Poll) -> Vec<String> {
    serde_json::from_str(&poll.candidates).unwrap_or_default()
}

pub fn committee_of(poll: &Poll) -> Vec<i64> {
    serde_json::from_str(&poll.counting_committee).unwrap_or_default()
}

fn check(form: &PollForm, now: i64) -> Result<(NewPollParts, RuleSet), FieldErrors> {
    let mut e = FieldErrors::default();
    let title = required_line(&mut e, "title", &form.title, MAX_TITLE);
    let kind = PollKind::parse(form.kind.trim());
    let method = PollMethod::parse(form.method.trim());
    if kind.is_none() {
        e.push("kind", "invalid-choice");
    }
    if method.is_none() {
        e.push("method", "invalid-choice");
    }
    if let (Some(k), Some(m)) = (kind, method) {
        if !m.allowed_for(k) {
            e.push("method", "secret-for-people");
        }
    }
    let rules = rules_of(&form.rules).map_err(|code| e.push("rules", code)).ok();
    let mut candidates: Vec<String> = Vec::new();
    let (mut seats, mut runoff) = (None, false);
    if matches!(kind, Some(PollKind::Election | PollKind::Nomination)) {
        for raw in &form.candidates {
            let name = nfc(raw.trim());
            if name.is_empty() {
                continue;
            }
            if name.chars().count() > MAX_NAME {
                e.push("candidates", "too-long");
            } else if candidates.contains(&name) {
                e.push("candidates", "duplicate-candidate");
            } else {
                candidates.push(name);
            }
        }
        if candidates.is_empty() {
            e.push("candidates", "required");
        }
        if candidates.len() > MAX_CANDIDATES {
            e.push("candidates", "too-many");
        }
        match form.seats {
            Some(s) if s >= 1 && (s as usize) <= candidates.len().max(1) => seats = Some(s),
            Some(_) => e.push("seats", "seats-above-candidates"),
            None => e.push("seats", "required"),
        }
        runoff = form.runoff;
    }
    let mut deadline = None;
    if method == Some(PollMethod::Written) {
        match form.deadline {
            Some(d) if d > now && d <= now + MAX_WRITTEN_DAYS * 86_400_000_000 => deadline = Some(d),
            Some(_) => e.push("deadline", "deadline-range"),
            None => e.push("deadline", "required"),
        }
    }
    let parts = NewPollParts { title, kind, method, seats, candidates, runoff, deadline };
    e.finish(())?;
    Ok((parts, rules.unwrap_or_else(RuleSet::party_committee)))
}

struct NewPollParts {
    title: String,
    kind: Option<PollKind>,
    method: Option<PollMethod>,
    seats: Option<i64>,
    candidates: Vec<String>,
    runoff: bool,
    deadline: Option<i64>,
}

/// The plenum, for the chair running its votes.
pub async fn presiding(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Plenum> {
    app.plenum_for(who, plenum_id, Permission::Preside).await
}

/// Create a poll (the chair).
pub async fn create(app: &App, who: &Principal, plenum_id: i64, form: PollForm) -> AppResult<Poll> {
    presiding(app, who, plenum_id).await?;
    let (p, rules) = check(&form, plenum_store::store::now_micros()).map_err(Error::Invalid)?;
    if let Some(item) = form.item_id {
        if !app.store.agenda_items(plenum_id).await?.iter().any(|i| i.id == item) {
            return Err(Error::field("item_id", "not-found"));
        }
    }
    let new = NewPoll {
        plenum_id,
        uid: hex::encode(rand::random::<[u8; 12]>()),
        item_id: form.item_id,
        title: p.title,
        kind: p.kind.unwrap_or(PollKind::Motion),
        method: p.method.unwrap_or(PollMethod::Hands),
        rules: serde_json::to_string(&rules).unwrap_or_default(),
        seats: p.seats,
        candidates: serde_json::to_string(&p.candidates).unwrap_or_default(),
        runoff: p.runoff,
        show_live: form.show_live,
        deadline: p.deadline,
    };
    Ok(app.store.create_poll(&who.actor(), new).await?)
}

/// The title of a poll's runoff round.
pub fn runoff_title(title: &str) -> String {
    format!("{title} (vòng 2)")
}

/// Create the new round among the candidates tied at the last seat of a
/// closed election (QĐ 190-QĐ/TW art. 30, shared/DOMAIN.md "Elections"):
/// a draft under the same rule set, method and counting committee, for the
/// seats left unfilled. Only the tied are on its list, and the highest
/// totals win it without the threshold. The meeting decides whether to hold
/// it, so the chair creates it, once per round.
pub async fn runoff(app: &App, who: &Principal, poll_id: i64) -> AppResult<Poll> {
    let (poll, _) = run(app, who, poll_id).await?;
    let Some(outcome::Outcome::Election { result, .. }) = outcome::of(app, &poll).await? else {
        return Err(Error::field("poll", "no-runoff"));
    };
    if result.runoff.is_empty() || result.unfilled == 0 {
        return Err(Error::field("poll", "no-runoff"));
    }
    let title = runoff_title(&poll.title);
    if app.store.polls(poll.plenum_id).await?.iter().any(|p| p.runoff.0 && p.title == title) {
        return Err(Error::field("poll", "runoff-exists"));
    }
    let new = NewPoll {
        plenum_id: poll.plenum_id,
        uid: hex::encode(rand::random::<[u8; 12]>()),
        item_id: poll.item_id,
        title,
        kind: poll.kind,
        method: poll.method,
        rules: poll.rules.clone(),
        seats: Some(result.unfilled as i64),
        candidates: serde_json::to_string(&result.runoff).unwrap_or_default(),
        runoff: true,
        show_live: false,
        deadline: None,
    };
    let created = app.store.create_poll(&who.actor(), new).await?;
    if committee_of(&poll).is_empty() {
        return Ok(created);
    }
    let (id, version) = (created.id, created.version);
    Ok(app.store.set_counting_committee(&who.actor(), id, version, poll.counting_committee).await?)
}

/// A poll and its plenum, for those who may see the plenum.
pub async fn get(app: &App, who: &Principal, poll_id: i64) -> AppResult<(Poll, Plenum)> {
    let poll = app.store.poll(poll_id).await?;
    let plenum = app.plenum_for(who, poll.plenum_id, Permission::ViewPlenum).await?;
    Ok((poll, plenum))
}

/// A poll the caller runs.
pub async fn run(app: &App, who: &Principal, poll_id: i64) -> AppResult<(Poll, Plenum)> {
    let poll = app.store.poll(poll_id).await?;
    let plenum = presiding(app, who, poll.plenum_id).await?;
    Ok((poll, plenum))
}

pub async fn list(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<Poll>> {
    app.plenum_for(who, plenum_id, Permission::ViewPlenum).await?;
    Ok(app.store.polls(plenum_id).await?)
}

/// Name the counting committee: members of the plenum who are not
/// candidates (QĐ 190-QĐ/TW art. 8), elected beforehand by show of hands.
pub async fn set_committee(
    app: &App,
    who: &Principal,
    poll_id: i64,
    version: i64,
    delegates: Vec<i64>,
) -> AppResult<Poll> {
    let (poll, plenum) = run(app, who, poll_id).await?;
    if delegates.len() > MAX_COMMITTEE {
        return Err(Error::field("counting_committee", "too-many"));
    }
    let roster = app.store.delegates(plenum.id).await?;
    let candidates = candidates_of(&poll);
    let mut chosen = Vec::new();
    for id in delegates {
        let Some(d) = roster.iter().find(|d| d.id == id) else {
            return Err(Error::field("counting_committee", "not-found"));
        };
        if candidates.iter().any(|c| nfc(c) == nfc(&d.full_name)) {
            return Err(Error::field("counting_committee", "candidate-counts"));
        }
        if !chosen.contains(&id) {
            chosen.push(id);
        }
    }
    let json = serde_json::to_string(&chosen).unwrap_or_default();
    Ok(app.store.set_counting_committee(&who.actor(), poll_id, version, json).await?)
}

/// The plenum's members in the room now, and all its members.
async fn members_now(app: &App, plenum_id: i64) -> AppResult<(i64, i64)> {
    let roster = app.store.delegates(plenum_id).await?;
    let (in_room, all) = members_present(roster.iter().map(|d| (d.kind == DelegateKind::Member, d.attendance)));
    Ok((i64::from(in_room), i64::from(all)))
}

/// Open a poll, taking the count of members, those excluded from the base
/// and those present now.
pub async fn open(app: &App, who: &Principal, poll_id: i64, version: i64, excluded: i64) -> AppResult<Poll> {
    let (poll, plenum) = run(app, who, poll_id).await?;
    let (in_room, members) = members_now(app, plenum.id).await?;
    if excluded < 0 || excluded > members {
        return Err(Error::field("excluded", "excluded-range"));
    }
    // A written vote reaches every member who may vote, wherever they are.
    let present = if poll.method.needs_presence() { in_room.min(members - excluded) } else { members - excluded };
    if poll.method == PollMethod::Paper && committee_of(&poll).len() < 2 {
        return Err(Error::field("counting_committee", "two-counters"));
    }
    Ok(app.store.open_poll(&who.actor(), poll_id, version, Snapshot { members, excluded, present }).await?)
}

/// Close a poll and seal its result. A show of hands closes with its
/// counts; a paper ballot with the number issued, once both counters'
/// entries agree.
pub async fn close(
    app: &App,
    who: &Principal,
    poll_id: i64,
    version: i64,
    hands: Option<Hands>,
    issued: Option<i64>,
) -> AppResult<Poll> {
    let (poll, _) = run(app, who, poll_id).await?;
    if poll.state != PollState::Open {
        return Err(Error::field("poll", "not-open"));
    }
    let mut closing = Closing::default();
    // Members who came in after the opening may have voted: the count is
    // held against those present at the close, if more.
    if poll.method.needs_presence() {
        let (in_room, _) = members_now(app, poll.plenum_id).await?;
        let voters = poll.members.unwrap_or(0) - poll.excluded.unwrap_or(0);
        closing.present = Some(in_room.min(voters));
    }
    match poll.method {
        PollMethod::Hands => {
            let h = hands.ok_or_else(|| Error::field("hands", "required"))?;
            let present = poll.present.unwrap_or(0);
            if [h.yes, h.no, h.abstain, h.not_voting].iter().any(|n| *n < 0) {
                return Err(Error::field("hands", "negative"));
            }
            if h.yes + h.no + h.abstain + h.not_voting > present {
                return Err(Error::field("hands", "votes-above-present"));
            }
            closing.hands = Some(serde_json::to_string(&h).unwrap_or_default());
        }
        PollMethod::Paper => {
            let issued = issued.ok_or_else(|| Error::field("issued", "required"))?;
            if issued < 0 || issued > poll.present.unwrap_or(0) {
                return Err(Error::field("issued", "issued-range"));
            }
            let (differences, first) = super::paper::reconciled(app, poll.id).await?;
            if !differences.is_empty() {
                return Err(Error::field("entries", "entries-differ"));
            }
            if first as i64 > issued {
                return Err(Error::field("issued", "returned-above-issued"));
            }
            closing.issued = Some(issued);
        }
        PollMethod::Electronic | PollMethod::Written | PollMethod::Secret => {}
    }
    let closed = app.store.close_poll(&who.actor(), poll_id, version, closing).await?;
    outcome::seal(app, who, closed).await
}
