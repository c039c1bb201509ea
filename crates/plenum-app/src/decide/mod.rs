//! Deciding (biểu quyết, bầu cử): what a vote needs beyond the core's pure
//! counting, such as the key that signs a secret poll's published result.

pub mod signing;
