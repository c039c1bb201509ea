//! Conducting a plenum: attendance and the live quorum, the speaker list,
//! what is recorded, and the statistics computed from the records.

pub mod attendance;
pub mod length;
pub mod quorum;
pub mod record;
pub mod roll_call;
pub mod sittings;
pub mod speakers;
pub mod statistics;
