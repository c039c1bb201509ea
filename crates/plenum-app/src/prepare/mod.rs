//! Preparing a plenum: the organization tree and its committees, convening
//! the plenum, its agenda and documents, summoning delegates and forming groups.

pub mod agenda;
pub mod delegates;
pub mod documents;
pub mod groups;
pub mod organizations;
pub mod plenums;
