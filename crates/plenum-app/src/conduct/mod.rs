//! Conducting a plenum: check-in and attendance, meeting sessions, the floor,
//! speeches and opinions as they are recorded, and the statistics.

pub mod attendance;
pub mod checkin;
pub mod floor;
pub mod opinions;
pub mod recording;
pub mod screens;
pub mod sessions;
pub mod speeches;
pub mod statistics;
