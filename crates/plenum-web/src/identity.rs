//! The signed-in caller of a request, as handlers and live streams see it.

use plenum_app::Principal;
use plenum_store::Session;

/// The signed-in user of a request: the application's principal (account
/// and role grants) with the session it came with.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub principal: Principal,
    pub session: Session,
    /// The session came from the cookie (so CSRF applies), not a bearer token.
    pub via_cookie: bool,
}

impl std::ops::Deref for CurrentUser {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.principal
    }
}
