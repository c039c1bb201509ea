//! Plenum's domain core. Every rule that decides something — who may do what,
//! how the history chain is hashed, what a valid organization tree is — lives
//! here as a pure function, so that one grep finds it together with its source.
//! Nothing in this crate performs I/O.

pub mod access;
pub mod codes;
pub mod conduct;
pub mod decide;
pub mod history;
pub mod prepare;
pub mod synthesize;
pub mod text;

pub use access::{Permission, Role};
pub use text::{FieldError, FieldErrors};
