//! Pages: the delegates of a plenum (đại biểu) — who is summoned, their
//! discussion groups, the roll call and the live quorum; importing the list
//! from a file; check-in by QR code; badges; one-time links for tablets.

mod checkin;
mod detail;
mod import;
mod roll;
mod sign_in;

pub use roll::ROLL;

use crate::routes::{get, post, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use plenum_app::conduct::attendance::{self, QuorumView};
use plenum_app::prepare::delegates::{self, AddDelegate};
use plenum_app::prepare::groups::{self, GroupProposal};
use plenum_app::prepare::plenums;
use plenum_core::prepare::roster::DelegateKind;
use plenum_store::{Delegate, DiscussionGroup, Plenum};
use serde::Deserialize;

use super::{field_errors, render, see_other, Chrome};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/delegates", get(show).post(add_guest))
        .route("/plenums/{id}/groups", post(create_group).back_to("/plenums/{id}/delegates"))
        .route("/plenums/{id}/fragments/quorum", get(quorum_fragment))
        .merge(import::router())
        .merge(detail::router())
        .merge(checkin::router())
        .merge(roll::router())
        .merge(sign_in::router())
}

/// What the user may do on these pages: summon, import, form groups, print
/// badges, issue links (the office); take the roll call (secretaries).
pub type Can = plenum_app::Abilities;

/// The plenum, if the user may prepare it or record its attendance.
pub async fn open(state: &AppState, c: &Chrome, id: i64) -> Result<(Plenum, Can), AppError> {
    Ok(delegates::roster(&state.app, c.require_user()?, id).await?)
}

/// The plenum, if the user prepares it.
pub async fn prepared(state: &AppState, c: &Chrome, id: i64) -> Result<Plenum, AppError> {
    Ok(plenums::prepared(&state.app, c.require_user()?, id).await?)
}

/// After a refused form only the office posts: it prepares, and it may take the roll.
const OFFICE: Can = Can { view: true, prepare: true, preside: false, record: true, participate: false };

/// A delegate's group: the one set on the delegate, else the group whose members include them.
pub fn group_name(groups: &[DiscussionGroup], d: &Delegate) -> String {
    d.group_id
        .and_then(|g| groups.iter().find(|x| x.id == g))
        .or_else(|| d.member_id.and_then(|m| groups.iter().find(|g| g.member_ids.contains(&m))))
        .map(|g| g.name.clone())
        .unwrap_or_default()
}

pub struct GroupRow {
    pub g: DiscussionGroup,
    pub leader: String,
    pub secretary: String,
}

#[derive(Deserialize, Default)]
pub struct GuestForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    group_id: String,
}

#[derive(Default)]
pub struct GroupForm {
    name: String,
    leader: Option<i64>,
    secretary: Option<i64>,
    members: Vec<i64>,
}

impl GroupForm {
    fn is_leader(&self, id: &i64) -> bool {
        self.leader == Some(*id)
    }
    fn is_secretary(&self, id: &i64) -> bool {
        self.secretary == Some(*id)
    }
    fn has(&self, id: &i64) -> bool {
        self.members.contains(id)
    }
}

#[derive(Deserialize, Default)]
pub struct Flash {
    imported: Option<usize>,
    added: Option<String>,
    group: Option<String>,
    /// The delegate whose change was refused as outdated.
    stale: Option<i64>,
    saved: Option<i64>,
    /// How many "mark all present" marked.
    marked: Option<usize>,
    /// The sitting just opened.
    sitting: Option<i64>,
    /// The roll's search and status filter.
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
}

#[derive(Template)]
#[template(path = "delegates.html")]
struct DelegatesPage {
    c: Chrome,
    plenum: Plenum,
    can: Can,
    roll: roll::RollView,
    members: usize,
    guests: usize,
    groups: Vec<GroupRow>,
    /// Member delegates: (member id, name), for the group form.
    eligible: Vec<(i64, String)>,
    q: QuorumView,
    guest: GuestForm,
    guest_errors: Vec<(String, String)>,
    group: GroupForm,
    group_errors: Vec<(String, String)>,
    notice: Option<String>,
    problem: Option<String>,
}

#[derive(Template)]
#[template(path = "delegates_quorum.html")]
struct QuorumFragment {
    c: Chrome,
    q: QuorumView,
}

/// Notices after a redirect, in the page language.
fn notices(t: Tr, f: &Flash) -> (Option<String>, Option<String>) {
    let notice = if let Some(n) = f.imported {
        Some(t.0.t_args("dlg-imported", &[("count", n.to_string())]))
    } else if let Some(name) = &f.added {
        Some(t.0.t_args("dlg-added", &[("name", name.clone())]))
    } else if let Some(name) = &f.group {
        Some(t.0.t_args("dlg-group-created", &[("name", name.clone())]))
    } else {
        f.saved.map(|_| t.s("dlg-attendance-saved"))
    };
    (notice, f.stale.map(|_| crate::error::message(t.0, "stale")))
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    c: Chrome,
    plenum: Plenum,
    can: Can,
    guest: GuestForm,
    guest_errors: Vec<(String, String)>,
    group: GroupForm,
    group_errors: Vec<(String, String)>,
    flash: Flash,
) -> Result<Response, AppError> {
    let delegates = state.store.delegates(plenum.id).await?;
    let groups = state.store.groups(plenum.id).await?;
    let eligible: Vec<(i64, String)> =
        delegates.iter().filter_map(|d| d.member_id.map(|m| (m, d.full_name.clone()))).collect();
    let name_of =
        |m: Option<i64>| m.and_then(|m| eligible.iter().find(|e| e.0 == m)).map(|e| e.1.clone()).unwrap_or_default();
    let group_rows = groups
        .iter()
        .map(|g| GroupRow {
            g: g.clone(),
            leader: name_of(g.leader_member_id),
            secretary: name_of(g.secretary_member_id),
        })
        .collect();
    let members = delegates.iter().filter(|d| d.kind == DelegateKind::Member).count();
    let guests = delegates.len() - members;
    let sittings = attendance::sittings_for(&state.app, &plenum).await?;
    let roll = roll::RollView::new(can.record, delegates, &groups, &flash.q, &flash.status)
        .with_flash(c.t, &flash)
        .with_sittings(c.t, &sittings, can.prepare);
    let q = attendance::quorum_for(&state.app, &plenum).await?;
    let (notice, problem) = notices(c.t, &flash);
    render(&DelegatesPage {
        guests,
        members,
        roll,
        groups: group_rows,
        eligible,
        q,
        c,
        plenum,
        can,
        guest,
        guest_errors,
        group,
        group_errors,
        notice,
        problem,
    })
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    let (plenum, can) = open(&state, &c, id).await?;
    page(&state, c, plenum, can, GuestForm::default(), vec![], GroupForm::default(), vec![], flash).await
}

/// The live quorum panel alone; the delegates page and the chair's console swap it in.
pub async fn quorum_fragment(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let q = attendance::quorum_now(&state.app, c.require_user()?, id).await?;
    render(&QuorumFragment { c, q })
}

/// Invite a guest (khách mời).
pub async fn add_guest(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<GuestForm>,
) -> Result<Response, AppError> {
    let plenum = prepared(&state, &c, id).await?;
    let a = AddDelegate {
        full_name: f.full_name.clone(),
        title: f.title.clone(),
        unit: f.unit.clone(),
        kind: Some("guest".into()),
        member_id: None,
        group_id: f.group_id.trim().parse().ok(),
    };
    match delegates::add(&state.app, c.require_user()?, id, a).await {
        Ok(d) => Ok(see_other(&format!(
            "/plenums/{id}/delegates?{}#guests",
            serde_urlencoded::to_string([("added", &d.full_name)]).unwrap_or_default()
        ))),
        Err(plenum_app::Error::Invalid(e)) => {
            let errors = field_errors(c.t, &e);
            page(&state, c, plenum, OFFICE, f, errors, GroupForm::default(), vec![], Flash::default()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Form a discussion group with its leader and secretary among the member delegates.
pub async fn create_group(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let plenum = prepared(&state, &c, id).await?;
    let one = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let form = GroupForm {
        name: one("name"),
        leader: one("leader_member_id").trim().parse().ok(),
        secretary: one("secretary_member_id").trim().parse().ok(),
        members: f.iter().filter(|(k, _)| k == "member_ids").filter_map(|(_, v)| v.trim().parse().ok()).collect(),
    };
    let proposal = GroupProposal {
        name: form.name.clone(),
        leader: form.leader,
        secretary: form.secretary,
        members: form.members.clone(),
    };
    match groups::form(&state.app, c.require_user()?, id, &proposal).await {
        Ok(g) => Ok(see_other(&format!(
            "/plenums/{id}/delegates?{}#groups",
            serde_urlencoded::to_string([("group", &g.name)]).unwrap_or_default()
        ))),
        Err(plenum_app::Error::Invalid(e)) => {
            let errors = field_errors(c.t, &e);
            page(&state, c, plenum, OFFICE, GuestForm::default(), vec![], form, errors, Flash::default()).await
        }
        Err(e) => Err(e.into()),
    }
}
