//! Conducting a plenum: what the pages and the API share.

pub mod desk;
pub mod floor;
pub mod roster;
pub mod statistics;
