//! Synthesize: after the debate, the secretariat groups the opinions that make
//! the same point, so the report that takes in and explains them ("báo cáo
//! tổng hợp, tiếp thu, giải trình ý kiến") answers each point once.

pub mod cluster;
pub mod terms;

pub use cluster::{cluster, OpinionText, DEFAULT_THRESHOLD, MAX_OPINIONS};
