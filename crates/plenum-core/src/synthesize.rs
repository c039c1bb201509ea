//! Synthesizing the discussion (tổng hợp ý kiến): finding what was said and
//! written across the record, before it is answered item by item.

pub mod search;
