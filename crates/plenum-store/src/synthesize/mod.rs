//! Synthesizing the discussion: searching the record (opinions and the
//! passages of documents) before it is answered item by item.

pub mod search;
