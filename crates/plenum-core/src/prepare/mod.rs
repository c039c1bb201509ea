//! Preparing a plenum: organizations, committees by term, plenums, agenda items.

pub mod agenda;
pub mod organization;
