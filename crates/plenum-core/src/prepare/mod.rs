//! Preparing a plenum: organizations, committees by term, plenums, agenda items.

pub mod agenda;
pub mod organization;
pub mod groups;
pub mod roster;
