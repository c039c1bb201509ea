//! Conducting a plenum: how the pages and the API present it (the use cases
//! themselves live in `plenum_app::conduct`).

pub mod citation;
pub mod desk;
pub mod floor;
pub mod roster;
