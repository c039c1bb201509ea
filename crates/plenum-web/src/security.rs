//! Headers every response carries. The Content-Security-Policy allows
//! scripts, styles, images and connections from this origin only, and no
//! inline script or style (`unsafe-inline` is never allowed: every script and
//! style is a file under `/static/`). No page may be framed, except the hall
//! screen (the projector) by the origins the `projector_frame_ancestors`
//! setting lists.

use axum::extract::{Request, State};
use axum::http::header::{
    HeaderValue, CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// Everything but `frame-ancestors`, which [`policy`] appends.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/// A response extension by which a page asks to be embeddable as the hall screen.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HallScreen;

fn policy(frame_ancestors: &str) -> String {
    format!("{POLICY}; frame-ancestors {frame_ancestors}")
}

/// The headers of every response; the projector may be framed where configured.
pub(crate) async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let over_tls = over_tls(req.headers());
    let mut res = next.run(req).await;
    let embeddable = res.extensions().get::<HallScreen>().and(state.config.projector_frame_ancestors.as_deref());
    set(&mut res, embeddable, over_tls);
    res
}

/// The same headers, with no page framed (for the refusals served without state).
pub(crate) async fn default_headers(req: Request, next: Next) -> Response {
    let over_tls = over_tls(req.headers());
    let mut res = next.run(req).await;
    set(&mut res, None, over_tls);
    res
}

/// Behind a TLS-terminating proxy the request says so; cookies then get
/// `Secure` even when the `secure_cookies` setting was left off.
fn over_tls(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

fn set(res: &mut Response, frame_ancestors: Option<&str>, over_tls: bool) {
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    // A response may bring a policy of its own (an uploaded file, shown in our pages' frame).
    if !h.contains_key(CONTENT_SECURITY_POLICY) {
        page_policy(h, frame_ancestors);
    }
    if over_tls {
        secure_cookies(h);
    }
}

fn page_policy(h: &mut HeaderMap, frame_ancestors: Option<&str>) {
    match frame_ancestors.and_then(|f| HeaderValue::from_str(&policy(f)).ok()) {
        Some(csp) => {
            h.insert(CONTENT_SECURITY_POLICY, csp);
            h.remove(X_FRAME_OPTIONS);
        }
        None => {
            h.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_str(&policy("'none'")).expect("ascii"));
            // For browsers that predate `frame-ancestors`.
            h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
    }
}

fn secure_cookies(h: &mut HeaderMap) {
    let cookies: Vec<HeaderValue> = h.get_all(SET_COOKIE).iter().cloned().collect();
    h.remove(SET_COOKIE);
    for c in cookies {
        let text = c.to_str().unwrap_or_default();
        let secured = if text.to_ascii_lowercase().split(';').any(|p| p.trim() == "secure") {
            c.clone()
        } else {
            HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(c.clone())
        };
        h.append(SET_COOKIE, secured);
    }
}
