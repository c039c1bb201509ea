//! Accounts and their roles (administrators only).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use plenum_app::accounts::users::{self, NewAccount};
use plenum_core::access::{Grant, GrantScope, Role};
use plenum_store::{Conflict, Organization, Plenum, User};
use serde::Deserialize;

use super::{field_errors, render, see_other, Chrome};
use crate::error::AppError;
use crate::state::AppState;

pub struct UserRow {
    pub user: User,
    pub grants: Vec<String>,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    c: Chrome,
    rows: Vec<UserRow>,
    roles: Vec<&'static str>,
    /// May the caller grant system-wide?
    everywhere: bool,
    orgs: Vec<Organization>,
    plenums: Vec<Plenum>,
    form: UserForm,
    errors: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
pub struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    /// "org:ID", "plenum:ID" or "all".
    #[serde(default)]
    scope: String,
}

async fn page(
    state: &AppState,
    c: Chrome,
    form: UserForm,
    errors: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let users::Reach { everywhere, orgs, plenums } = users::reach(&state.app, who).await?;
    let rows = users::accounts(&state.app, who)
        .await?
        .into_iter()
        .map(|a| {
            let grants = a
                .grants
                .into_iter()
                .map(|g| {
                    let place = match (g.scope.org, g.scope.plenum) {
                        (_, Some(p)) => plenums.iter().find(|x| x.id == p).map(|x| x.title.clone()).unwrap_or_default(),
                        (Some(o), None) => orgs.iter().find(|x| x.id == o).map(|x| x.name.clone()).unwrap_or_default(),
                        (None, None) => c.t.s("scope-all"),
                    };
                    format!("{} — {}", c.t.role(g.role.as_str()), place)
                })
                .collect();
            UserRow { user: a.user, grants }
        })
        .collect();
    let roles = Role::ALL.iter().map(|r| r.as_str()).collect();
    render(&UsersPage { c, rows, roles, everywhere, orgs, plenums, form, errors })
}

pub async fn list(State(state): State<AppState>, c: Chrome) -> Result<Response, AppError> {
    users::manage(c.require_user()?)?;
    page(&state, c, UserForm::default(), Vec::new()).await
}

pub async fn create(State(state): State<AppState>, c: Chrome, Form(f): Form<UserForm>) -> Result<Response, AppError> {
    let actor = c.require_user()?.clone();
    users::manage(&actor)?;
    let mut errors = plenum_core::FieldErrors::default();
    let role = Role::parse(&f.role);
    if role.is_none() {
        errors.push("role", "invalid-choice");
    }
    let scope = parse_scope(&f.scope);
    if scope.is_none() {
        errors.push("scope", "invalid-choice");
    }
    if f.password.chars().count() < users::MIN_PASSWORD_CHARS {
        errors.push("password", "too-short");
    }
    match (role, scope) {
        (Some(role), Some(scope)) if errors.is_empty() => {
            let account = NewAccount {
                username: f.username.clone(),
                display_name: f.display_name.clone(),
                password: f.password.clone(),
                grant: Grant { role, scope },
            };
            match users::create(&state.app, &actor, account).await {
                Ok(_) => Ok(see_other("/users")),
                Err(plenum_app::Error::Invalid(fe)) => {
                    let errors = field_errors(c.t, &fe);
                    page(&state, c, f, errors).await
                }
                // Uniqueness conflicts share the code "duplicate", whose message
                // must fit any of them; a taken username is said as such.
                Err(plenum_app::Error::Conflict(conflict)) => {
                    let message = match conflict {
                        Conflict::UsernameTaken => c.t.s("users-username-taken"),
                        other => crate::error::message(c.t.0, other.code()),
                    };
                    page(&state, c, f, vec![("username".to_string(), message)]).await
                }
                Err(e) => Err(e.into()),
            }
        }
        _ => {
            let errors = field_errors(c.t, &errors);
            page(&state, c, f, errors).await
        }
    }
}

/// "all", "org:ID" or "plenum:ID".
pub fn parse_scope(s: &str) -> Option<GrantScope> {
    match s.trim().split_once(':') {
        None if s.trim() == "all" => Some(GrantScope { org: None, plenum: None }),
        Some(("org", id)) => id.parse().ok().map(|id| GrantScope { org: Some(id), plenum: None }),
        Some(("plenum", id)) => id.parse().ok().map(|id| GrantScope { org: None, plenum: Some(id) }),
        _ => None,
    }
}

/// Disable an account from its row on the users page.
pub async fn disable(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    users::disable(&state.app, c.require_user()?, id).await?;
    state.sessions.forget_user(id);
    Ok(see_other("/users"))
}
