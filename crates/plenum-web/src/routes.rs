//! The one place routes are declared. Every part of the server builds its
//! routes with [`Routes`] and the method functions here instead of axum's,
//! so the server knows its own route table: [`table`] lists each method and
//! path pattern, and the role matrix test checks every one of them.

use std::collections::HashMap;

use axum::extract::{DefaultBodyLimit, MatchedPath};
use axum::handler::Handler;
use axum::http::{Method, Uri};
use axum::response::Redirect;
use axum::routing::{self, MethodRouter};
use axum::Router;

use crate::state::AppState;

/// One path's handlers, with the methods they answer.
pub struct Endpoint {
    methods: Vec<Method>,
    router: MethodRouter<AppState>,
}

macro_rules! methods {
    ($($name:ident => $method:ident),* $(,)?) => {
        $(
            #[doc = concat!("An endpoint answering `", stringify!($method), "` with `handler`.")]
            pub fn $name<H, T>(handler: H) -> Endpoint
            where
                H: Handler<T, AppState>,
                T: 'static,
            {
                Endpoint { methods: vec![Method::$method], router: routing::$name(handler) }
            }
        )*

        impl Endpoint {
            $(
                #[doc = concat!("Also answer `", stringify!($method), "` with `handler`.")]
                pub fn $name<H, T>(mut self, handler: H) -> Endpoint
                where
                    H: Handler<T, AppState>,
                    T: 'static,
                {
                    self.methods.push(Method::$method);
                    self.router = self.router.$name(handler);
                    self
                }
            )*
        }
    };
}

methods!(get => GET, post => POST, patch => PATCH, put => PUT, delete => DELETE);

impl Endpoint {
    /// Accept request bodies up to `bytes` (uploads) instead of axum's default.
    pub fn body_limit(mut self, bytes: usize) -> Endpoint {
        self.router = self.router.layer(DefaultBodyLimit::max(bytes));
        self
    }

    /// Answer `GET` at a form's address by sending the browser to `page`, the
    /// page the form belongs to (a pattern whose `{name}`s take the values of
    /// this route's own). A refused form is shown again at the address it was
    /// posted to, and reopening that address (history, a restored tab) is a
    /// GET, which would otherwise get a bare 405 and no page. The redirect
    /// shows nothing itself: the page checks who may see it.
    pub fn back_to(self, page: &'static str) -> Endpoint {
        self.get(move |matched: MatchedPath, uri: Uri| async move {
            Redirect::to(&fill_pattern(page, matched.as_str(), uri.path()))
        })
    }
}

/// `page` with each `{name}` replaced by the segment of `path` at `{name}` in `pattern`.
fn fill_pattern(page: &str, pattern: &str, path: &str) -> String {
    let values: HashMap<&str, &str> = pattern
        .split('/')
        .zip(path.split('/'))
        .filter_map(|(p, v)| Some((p.strip_prefix('{')?.strip_suffix('}')?, v)))
        .collect();
    page.split('/')
        .map(|seg| {
            seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')).and_then(|n| values.get(n).copied()).unwrap_or(seg)
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A router together with the (method, path pattern) of every route it holds.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<(Method, String)>,
}

impl Default for Routes {
    fn default() -> Self {
        Routes::new()
    }
}

impl Routes {
    pub fn new() -> Routes {
        Routes { router: Router::new(), table: Vec::new() }
    }

    /// Route `path` (an axum pattern: `/plenums/{id}`) to `endpoint`.
    pub fn route(mut self, path: &str, endpoint: Endpoint) -> Routes {
        self.table.extend(endpoint.methods.into_iter().map(|m| (m, path.to_string())));
        self.router = self.router.route(path, endpoint.router);
        self
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }

    /// `other`'s routes under `prefix` (`/api/v1`).
    pub fn nest(mut self, prefix: &str, other: Routes) -> Routes {
        self.table.extend(other.table.into_iter().map(|(m, p)| (m, format!("{prefix}{p}"))));
        self.router = self.router.nest(prefix, other.router);
        self
    }

    /// Accept request bodies up to `bytes` on every route here; an endpoint's
    /// own [`Endpoint::body_limit`] (uploads) is nearer its handler and wins.
    pub fn body_limit(mut self, bytes: usize) -> Routes {
        self.router = self.router.layer(DefaultBodyLimit::max(bytes));
        self
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }

    pub fn table(&self) -> &[(Method, String)] {
        &self.table
    }
}

/// Every route the server answers: method and path pattern, as `router` builds them.
pub fn table() -> Vec<(Method, String)> {
    crate::routes_of_server(crate::limits::Limits::default().json_body_bytes).table
}

#[cfg(test)]
mod tests {
    use super::fill_pattern;

    #[test]
    fn a_form_address_names_its_page() {
        let pattern = "/plenums/{id}/chair/sessions/{sid}/speakers/{eid}/{action}";
        assert_eq!(
            fill_pattern("/plenums/{id}/chair", pattern, "/plenums/7/chair/sessions/3/speakers/9/stop"),
            "/plenums/7/chair"
        );
        assert_eq!(
            fill_pattern(
                "/documents/{id}/versions/{number}",
                "/documents/{id}/versions/{number}/opinions",
                "/documents/4/versions/2/opinions"
            ),
            "/documents/4/versions/2"
        );
        assert_eq!(fill_pattern("/", "/logout", "/logout"), "/");
    }
}
