//! The web server's integration tests: one binary, one module per area. Each
//! test starts a real server on port 0 over a fresh database, through the
//! same [`plenum_web::launch::Application::build`] that `plenum serve` uses.

mod common;

mod agenda;
mod api_contract;
mod change_history;
mod delegates;
mod desk;
mod documents;
mod exports;
mod floor;
mod group_scope;
mod headers;
mod history_register;
mod http;
mod imports;
mod limits;
mod links;
mod live_events;
mod polls;
mod polls_pages;
mod relay;
mod reopened;
mod roles;
mod rollcall;
mod scopes_accounts;
mod scopes_grants;
mod scopes_history;
mod scopes_reads;
mod screens;
mod search;
mod synthesis;
mod synthesis_documents;

// Debian's Chromium through chromedriver; see `common::browser`.
mod browser;
mod browser_agenda;
mod browser_axe;
mod browser_checkin;
mod browser_desk;
mod browser_documents;
mod browser_floor;
mod browser_history;
mod browser_issued;
mod browser_plenum_live;
mod browser_polls;
mod browser_projector;
mod browser_rollcall;
mod browser_synthesis;
mod browser_tablet;
