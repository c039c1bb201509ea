//! Synthesizing the opinions: the workspace the office and the presenting
//! bodies answer them in, the office's review, groups of similar opinions,
//! each delegate's view of their own answers, and the documents the plenum
//! issues; and searching the record (opinions and draft passages). The office holds `Permission::Prepare` on the plenum; a body's
//! officers work on the items their body presents.

pub mod answers;
pub mod bodies;
pub mod groups;
pub mod issued;
pub mod search;
mod trace;
pub mod workspace;

pub use trace::{ChangeChoice, Trace};
pub use workspace::{ItemWork, OpinionWork, Workspace};
