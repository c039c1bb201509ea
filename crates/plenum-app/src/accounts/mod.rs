//! Accounts: users and their grants, sign-in with its throttle, sessions and API tokens.

pub mod grants;
pub mod secrets;
pub mod sign_in;
pub mod throttle;
pub mod tokens;
pub mod users;
