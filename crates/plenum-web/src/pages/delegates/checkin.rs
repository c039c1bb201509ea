//! Check-in by badge: the QR code opens `/checkin/{code}` on a secretary's
//! phone or tablet, which shows the delegate and one big button. And the
//! one-time link `/d/{secret}` that signs a delegate's tablet in.

use crate::routes::{get, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use plenum_app::conduct::checkin;
use plenum_app::prepare::delegates;
use plenum_core::access::SignInKind;
use plenum_store::{Delegate, Plenum};
use serde::Deserialize;

use super::group_name;
use crate::auth::{self, MaybeUser};
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new().route("/checkin/{code}", get(show).post(check_in)).route("/d/{secret}", get(device).post(redeem))
}

#[derive(Template)]
#[template(path = "checkin.html")]
struct CheckinPage {
    c: Chrome,
    plenum: Plenum,
    d: Delegate,
    group: String,
    in_room: bool,
    done: bool,
    stale: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct CheckinFlash {
    done: Option<u8>,
    stale: Option<u8>,
}

/// The delegate behind a badge, if the user may take the roll on their plenum.
async fn badge_holder(state: &AppState, c: &Chrome, code: &str) -> Result<(Plenum, Delegate), AppError> {
    Ok(checkin::badge_holder(&state.app, c.require_user()?, code).await?)
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(code): Path<String>,
    Query(f): Query<CheckinFlash>,
) -> Result<Response, AppError> {
    let (plenum, d) = badge_holder(&state, &c, &code).await?;
    let group = group_name(&state.store.groups(plenum.id).await?, &d);
    let in_room = d.attendance.in_room();
    let stale = f.stale.map(|_| crate::error::message(c.t.0, "stale"));
    render(&CheckinPage { c, plenum, d, group, in_room, done: f.done.is_some(), stale })
}

#[derive(Deserialize)]
pub struct CheckinForm {
    /// "present" (the big button) or "late".
    attendance: String,
    version: i64,
}

pub async fn check_in(
    State(state): State<AppState>,
    c: Chrome,
    Path(code): Path<String>,
    Form(f): Form<CheckinForm>,
) -> Result<Response, AppError> {
    let late = f.attendance == "late";
    let here = format!("/checkin/{code}");
    match checkin::check_in(&state.app, c.require_user()?, &code, late, f.version).await {
        Ok(_) => Ok(see_other(&format!("{here}?done=1"))),
        Err(plenum_app::Error::Conflict(plenum_store::Conflict::Stale)) => Ok(see_other(&format!("{here}?stale=1"))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "device_link.html")]
struct DevicePage {
    c: Chrome,
    secret: String,
}

/// The one-time link opened: a button to use it. Opening alone changes
/// nothing, so a link preview in a chat app cannot use up the link.
pub async fn device(
    State(state): State<AppState>,
    mut c: Chrome,
    MaybeUser(user): MaybeUser,
    jar: CookieJar,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    if user.is_some() {
        return render(&DevicePage { c, secret });
    }
    // Not signed in: the form is protected like the login form.
    let token = jar.get(auth::PRE_CSRF_COOKIE).map(|k| k.value().to_string()).unwrap_or_else(auth::new_secret);
    c.csrf = token.clone();
    Ok((jar.add(auth::pre_csrf_cookie(token, state.config.secure_cookies)), render(&DevicePage { c, secret })?)
        .into_response())
}

/// Use the link: sign this device in as the delegate, once.
pub async fn redeem(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let (user, d) = delegates::redeem_link(&state.app, &secret).await?;
    let (session, _) = auth::start_session(&state, &user, SignInKind::Web, "one-time link").await?;
    let jar = jar.add(auth::session_cookie(&state, session));
    Ok((jar, Redirect::to(&format!("/plenums/{}/tablet", d.plenum_id))).into_response())
}
