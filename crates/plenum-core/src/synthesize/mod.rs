//! Synthesizing a plenum's opinions (tổng hợp, tiếp thu, giải trình ý kiến):
//! the groups of opinions that make the same point, so the report answers
//! each point once; how each opinion is answered and reviewed; and the
//! documents the plenum issues.

pub mod cluster;
pub mod disposition;
pub mod issued;
pub mod search;
pub mod terms;

pub use cluster::{cluster, OpinionText, DEFAULT_THRESHOLD, MAX_OPINIONS};
