//! Deciding: polls on motions and elections, open and secret, their
//! casting, counting, and the published result; and the key that signs a
//! secret poll's published result.

pub mod ballot_box;
pub mod cast;
pub mod outcome;
pub mod paper;
pub mod polls;
pub mod publish;
pub mod signing;
