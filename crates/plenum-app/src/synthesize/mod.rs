//! Synthesizing the discussion: finding what was said and written, and the
//! passages it is about, before each opinion is answered.

pub mod search;
