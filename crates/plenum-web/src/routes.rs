//! The one place routes are declared. Every part of the server builds its
//! routes with [`Routes`] and the method functions here instead of axum's,
//! so the server knows its own route table: [`table`] lists each method and
//! path pattern, and the role matrix test checks every one of them.

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
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
