//! Conducting a plenum: attendance and the live quorum.

pub mod quorum;
