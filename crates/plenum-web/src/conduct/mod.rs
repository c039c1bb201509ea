//! Conducting a plenum: what the pages and the API share.

pub mod roster;
pub mod statistics;
