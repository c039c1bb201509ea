//! Synthesizing a plenum's opinions (tổng hợp, tiếp thu, giải trình ý kiến):
//! how each opinion is answered and reviewed, and the documents the plenum issues.

pub mod disposition;
pub mod issued;
