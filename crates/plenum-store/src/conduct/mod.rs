//! Conducting a plenum: the floor (meeting sessions and their speaker lists)
//! and the record (speeches and opinions).

mod floor;
mod records;
mod screens;
pub(crate) mod sittings;
