//! Preparing a plenum: organizations, committees by term, plenums, agenda items,
//! documents and their passages.

pub mod agenda;
pub mod document;
pub mod groups;
pub mod organization;
pub mod passages;
pub mod programme;
pub mod revision;
pub mod roster;
