//! Server-rendered pages. Every form works without JavaScript; `static/live.js`
//! only adds live fragment swaps over SSE.

pub(crate) mod agenda;
mod decide;
mod delegates;
mod desk;
mod documents;
mod floor;
pub(crate) mod history;
mod home;
mod issued;
mod login;
pub(crate) mod numbers;
mod organizations;
pub(crate) mod pasted;
mod plenum;
mod search;
mod synthesis;
mod users;

use crate::routes::{get, post, Routes};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

/// The changes that alter what the floor's pages show, which a hall screen's own stream carries.
pub(crate) use floor::LIVE_ON as FLOOR_LIVE_ON;

pub fn router() -> Routes {
    Routes::new()
        .route("/", get(home::show))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout).back_to("/"))
        .route("/logout/everywhere", post(login::logout_everywhere).back_to("/"))
        .route("/lang/{code}", get(login::switch_language))
        .route("/organizations", get(organizations::list).post(organizations::create))
        .route("/organizations/{id}", get(organizations::show))
        .route("/plenums/{id}", get(plenum::show))
        .route("/plenums/{id}/fragments/agenda", get(plenum::agenda_fragment))
        .route("/plenums/{id}/search", get(search::show))
        .route("/history", get(history::list))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}/disable", post(users::disable).back_to("/users"))
        .merge(agenda::router())
        .merge(documents::router())
        .merge(delegates::router())
        .merge(floor::router())
        .merge(desk::router())
        .merge(synthesis::router())
        .merge(decide::router())
        .merge(issued::router())
        .merge(crate::exports::router())
}

/// A link in the navigation bar.
pub struct Nav {
    pub href: &'static str,
    pub key: &'static str,
    pub current: bool,
}

/// What every page's layout needs: language, who is signed in, CSRF token, navigation.
pub struct Chrome {
    pub t: Tr,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    pub path: String,
    pub nav: Vec<Nav>,
}

impl Chrome {
    pub fn user_name(&self) -> String {
        self.user.as_ref().map(|u| u.user.display_name.clone()).unwrap_or_default()
    }

    /// The user's roles, in the page language, for the header.
    pub fn roles(&self) -> String {
        let mut roles: Vec<&str> = self.user.iter().flat_map(|u| u.grants.iter().map(|g| g.role.as_str())).collect();
        roles.sort_unstable();
        roles.dedup();
        roles.iter().map(|r| self.t.role(r)).collect::<Vec<_>>().join(", ")
    }

    pub fn other_lang(&self) -> &'static str {
        match self.t.0 {
            Lang::Vi => "en",
            Lang::En => "vi",
        }
    }

    /// The signed-in user, or 401 (which the page layer turns into the login page).
    pub fn require_user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }
}

impl FromRequestParts<AppState> for Chrome {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        let t = Tr(Lang::from_headers(&parts.headers));
        let user = parts.extensions.get::<CurrentUser>().cloned();
        let path = parts.uri.path().to_string();
        let mut nav = Vec::new();
        if let Some(u) = &user {
            nav.push(Nav { href: "/", key: "nav-plenums", current: path == "/" || path.starts_with("/plenums") });
            if plenum_app::accounts::users::may_manage(u) {
                nav.push(Nav {
                    href: "/organizations",
                    key: "nav-organizations",
                    current: path.starts_with("/organizations"),
                });
                nav.push(Nav { href: "/users", key: "nav-users", current: path.starts_with("/users") });
            }
            if plenum_app::history::may_read(u) {
                nav.push(Nav { href: "/history", key: "nav-history", current: path.starts_with("/history") });
            }
        }
        let csrf = user.as_ref().map(|u| u.session.csrf.clone()).unwrap_or_default();
        Ok(Chrome { t, user, csrf, path, nav })
    }
}

/// Render a template, turning a template failure into a logged 500.
pub fn render(t: &impl Template) -> Result<Response, AppError> {
    Ok(Html(t.render().map_err(|e| AppError::Internal(e.into()))?).into_response())
}

/// After a successful form post: back to a page (Post/Redirect/Get).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A form's field problems for a re-rendered form: (field, "Label: problem")
/// in the page's language. `label` names a field as the form shows it; a
/// field it leaves unnamed shows the problem alone.
pub fn labelled_errors(
    lang: Lang,
    e: &plenum_core::FieldErrors,
    label: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    e.0.iter()
        .map(|f| {
            let label = label(&f.field);
            let message = crate::error::field_message(lang, f.code);
            (f.field.clone(), if label.is_empty() { message } else { format!("{label}: {message}") })
        })
        .collect()
}

/// Field problems labelled from the common catalog (`label-{field}`).
pub fn field_errors(t: Tr, e: &plenum_core::FieldErrors) -> Vec<(String, String)> {
    labelled_errors(t.0, e, |field| t.s(&format!("label-{field}")))
}

#[cfg(test)]
mod tests {
    /// A role on a list replaces its list role, and its items are then items
    /// of no list (axe's `listitem` rule; screen readers stop announcing
    /// "list, 2 items"). An alert around a list goes on an element of its own.
    #[test]
    fn no_list_in_a_template_takes_another_role() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for f in std::fs::read_dir(dir).unwrap() {
            let path = f.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for tag in text.split('<').skip(1) {
                let open = tag.split('>').next().unwrap_or_default();
                if open.starts_with("ul") || open.starts_with("ol") {
                    checked += 1;
                    assert!(!open.contains("role="), "{}: <{open}>", path.display());
                }
            }
        }
        assert!(checked > 10, "the templates' lists were found ({checked})");
    }
}
