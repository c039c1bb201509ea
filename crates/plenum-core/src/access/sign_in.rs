//! How a signed-in user holds their sign-in: a browser's session cookie or an
//! API token. The kind decides how it must be presented and whether it expires.

use serde::{Deserialize, Serialize};

/// The kind of a sign-in (a session, in the store's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInKind {
    /// A browser session, presented as a cookie; it expires.
    Web,
    /// An API token, presented as `Authorization: Bearer`; it lasts until revoked.
    Api,
}

impl SignInKind {
    pub const ALL: [SignInKind; 2] = [SignInKind::Web, SignInKind::Api];

    pub fn as_str(self) -> &'static str {
        match self {
            SignInKind::Web => "web",
            SignInKind::Api => "api",
        }
    }

    pub fn parse(s: &str) -> Option<SignInKind> {
        SignInKind::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// Does this kind of sign-in end by itself after a while?
    pub fn expires(self) -> bool {
        match self {
            SignInKind::Web => true,
            SignInKind::Api => false,
        }
    }
}

crate::stored_code!(SignInKind, "sign-in kind");
