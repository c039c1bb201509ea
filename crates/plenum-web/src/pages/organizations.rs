//! Organizations: the tree (for administrators) and one organization's committees.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use plenum_app::prepare::organizations;
use plenum_core::prepare::organization::OrgLevel;
use plenum_store::input::NewOrganization;
use plenum_store::{Committee, Member, Organization};
use serde::Deserialize;

use super::{field_errors, render, see_other, Chrome};
use crate::error::AppError;
use crate::state::AppState;

pub struct OrgRow {
    pub org: Organization,
    pub depth: usize,
}

#[derive(Template)]
#[template(path = "organizations.html")]
struct OrgsPage {
    c: Chrome,
    rows: Vec<OrgRow>,
    levels: Vec<&'static str>,
    form: OrgForm,
    errors: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
pub struct OrgForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    parent_id: String,
}

/// Depth-first order, so the list reads as a tree. Its roots are the
/// organizations whose parent is not listed (an organization's administrator
/// sees the tree from their own organization down).
fn tree(orgs: Vec<Organization>) -> Vec<OrgRow> {
    fn walk(all: &[Organization], parent: Option<i64>, depth: usize, out: &mut Vec<OrgRow>) {
        for o in all.iter().filter(|o| o.parent_id == parent) {
            out.push(OrgRow { org: o.clone(), depth });
            walk(all, Some(o.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for root in orgs.iter().filter(|o| o.parent_id.is_none_or(|p| !orgs.iter().any(|x| x.id == p))) {
        out.push(OrgRow { org: root.clone(), depth: 0 });
        walk(&orgs, Some(root.id), 1, &mut out);
    }
    out
}

async fn page(state: &AppState, c: Chrome, form: OrgForm, errors: Vec<(String, String)>) -> Result<Response, AppError> {
    let rows = tree(organizations::list(&state.app, c.require_user()?).await?);
    render(&OrgsPage { c, rows, levels: OrgLevel::ALL.iter().map(|l| l.as_str()).collect(), form, errors })
}

pub async fn list(State(state): State<AppState>, c: Chrome) -> Result<Response, AppError> {
    page(&state, c, OrgForm::default(), Vec::new()).await
}

pub async fn create(State(state): State<AppState>, c: Chrome, Form(f): Form<OrgForm>) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let parent_id = f.parent_id.trim().parse::<i64>().ok();
    let new =
        NewOrganization { name: f.name.clone(), short_name: f.short_name.clone(), level: f.level.clone(), parent_id };
    match organizations::create(&state.app, &user, new).await {
        Ok(_) => Ok(see_other("/organizations")),
        Err(plenum_app::Error::Invalid(e)) => {
            let errors = field_errors(c.t, &e);
            page(&state, c, f, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrgPage {
    c: Chrome,
    org: Organization,
    committees: Vec<(Committee, Vec<Member>)>,
    /// An administrator: the link to the bodies and their officers.
    manage: bool,
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let org = organizations::get(&state.app, user, id).await?;
    let mut committees = Vec::new();
    for cm in state.store.committees(id).await? {
        let members = state.store.members(cm.id).await?;
        committees.push((cm, members));
    }
    let manage = plenum_app::accounts::users::may_manage(user);
    render(&OrgPage { c, org, committees, manage })
}
