//! Bodies (cơ quan tham mưu) of an organization and their officers. Making an
//! account an officer lets it read and answer the opinions on the items its
//! body presents, so it is an administrator's act, like granting a role.

use plenum_core::access::Permission;
use plenum_store::synthesize::Body;
use plenum_store::{Organization, User};

use crate::{App, AppResult, Error, Principal};

/// A body with its officers.
#[derive(Debug, Clone)]
pub struct BodyOfficers {
    pub body: Body,
    pub officers: Vec<User>,
}

/// An organization's bodies with their officers (its administrators).
pub async fn of_organization(app: &App, who: &Principal, org_id: i64) -> AppResult<(Organization, Vec<BodyOfficers>)> {
    app.require_on_org(who, Permission::Administer, org_id).await?;
    let org = app.store.organization(org_id).await?;
    let mut out = Vec::new();
    for body in app.store.bodies(org_id).await? {
        let mut officers = Vec::new();
        for id in app.store.body_officers(body.id).await? {
            officers.push(app.store.user(id).await?);
        }
        out.push(BodyOfficers { body, officers });
    }
    Ok((org, out))
}

/// Make the account with this user name an officer of the body (an
/// administrator of the body's organization). An unknown name is a field
/// error; with `org_id`, a body of another organization is not found.
pub async fn add_officer(
    app: &App,
    who: &Principal,
    org_id: Option<i64>,
    body_id: i64,
    username: &str,
) -> AppResult<Body> {
    let body = app.store.body(body_id).await?;
    app.require_on_org(who, Permission::Administer, body.org_id).await?;
    if org_id.is_some_and(|o| o != body.org_id) {
        return Err(Error::NotFound);
    }
    let Some(user) = app.store.user_by_username(username.trim()).await? else {
        let mut e = plenum_core::FieldErrors::default();
        e.push("username", "not-found");
        return Err(Error::Invalid(e));
    };
    app.store.add_body_officer(&who.actor(), body.id, user.id).await?;
    Ok(body)
}
