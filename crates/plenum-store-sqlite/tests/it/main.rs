//! The SQLite backend's integration tests, one module per area.

mod conformance;
mod cursor_relay;
mod schema;
