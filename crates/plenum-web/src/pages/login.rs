//! The login page, logout and the language switch.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use plenum_core::access::SignInKind;
use serde::Deserialize;

use super::{render, Chrome};
use crate::auth::{self, MaybeUser};
use crate::client::ClientAddr;
use crate::error::{message, AppError};
use crate::i18n::LANG_COOKIE;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only same-site paths, so the login page cannot be used to bounce people elsewhere.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

pub async fn form(
    State(state): State<AppState>,
    mut c: Chrome,
    MaybeUser(user): MaybeUser,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let next = safe_next(q.next.as_deref());
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    // Always a fresh token: one the browser already carries may have been
    // planted by someone else (a sibling site can set cookies for this host).
    let token = auth::new_secret();
    c.csrf = token.clone();
    let page = LoginPage { c, next, username: String::new(), error: None };
    Ok((jar.add(auth::pre_csrf_cookie(token, state.config.secure_cookies)), render(&page)?).into_response())
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    mut c: Chrome,
    client: ClientAddr,
    jar: CookieJar,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_next(f.next.as_deref());
    match auth::check_login(&state, &f.username, &f.password, client).await {
        Ok(user) => {
            let (secret, _) = auth::start_session(&state, &user, SignInKind::Web, "web").await?;
            let jar = jar.add(auth::session_cookie(&state, secret)).remove(Cookie::from(auth::PRE_CSRF_COOKIE));
            Ok((jar, Redirect::to(&next)).into_response())
        }
        Err(e @ (AppError::Unauthorized | AppError::TooManyRequests(_) | AppError::Unavailable(..))) => {
            // Show the form again with the name kept and the reason, never which part was wrong.
            let code = if matches!(e, AppError::Unauthorized) { "bad-credentials" } else { e.code() };
            let retry_after = match e {
                AppError::TooManyRequests(s) | AppError::Unavailable(_, s) => Some(s),
                _ => None,
            };
            c.csrf = jar.get(auth::PRE_CSRF_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
            let error = Some(message(c.t.0, code));
            let status = e.status();
            let page = LoginPage { c, next, username: f.username, error };
            let mut res = (status, render(&page)?).into_response();
            if let Some(s) = retry_after {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, s.into());
            }
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

pub async fn logout(State(state): State<AppState>, c: Chrome, jar: CookieJar) -> Result<Response, AppError> {
    if let (Some(u), Some(secret)) = (&c.user, jar.get(auth::SESSION_COOKIE)) {
        state.store.delete_session(&u.actor(), &auth::secret_hash(secret.value())).await?;
        state.sessions.forget_user(u.user.id);
    }
    Ok((jar.remove(Cookie::build(auth::SESSION_COOKIE).path("/")), Redirect::to("/login")).into_response())
}

/// Sign out everywhere: every session and token of the account ends, this one too.
pub async fn logout_everywhere(State(state): State<AppState>, c: Chrome, jar: CookieJar) -> Result<Response, AppError> {
    let u = c.require_user()?;
    plenum_app::accounts::sign_in::sign_out_everywhere(&state.app, u).await?;
    state.sessions.forget_user(u.user.id);
    Ok((jar.remove(Cookie::build(auth::SESSION_COOKIE).path("/")), Redirect::to("/login")).into_response())
}

/// Switch the interface language; remembered in a cookie for a year.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Response {
    let lang = crate::i18n::Lang::parse(&code).unwrap_or_default();
    let cookie = Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .max_age(cookie::time::Duration::days(365))
        .build();
    (jar.add(cookie), Redirect::to(&safe_next(q.next.as_deref()))).into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/plenums/1")), "/plenums/1");
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "plenums"] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
