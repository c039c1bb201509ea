//! Preparing a plenum: organizations and committees, the plenum itself, its
//! agenda and discussion groups, its documents, and the delegates summoned.

mod agenda;
pub(crate) mod delegates;
mod documents;
mod groups;
mod organizations;
mod plenums;

pub(crate) use agenda::{item_plenum, items as agenda_items};
pub(crate) use delegates::{delegate, delegate_in};
pub(crate) use groups::of_plenum as groups_of;
