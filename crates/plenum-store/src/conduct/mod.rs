//! Conducting a plenum: the floor (meeting sessions and their speaker lists)
//! and the record (speeches and opinions).

mod floor;
mod records;
pub(crate) mod sittings;
mod screens;
