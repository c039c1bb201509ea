//! The bounds of what one caller may send that the web layer sets, in one
//! place and configurable (tests set small ones). The bounds that belong to
//! the data itself (a title's length, a file's size, a sheet's rows) stay
//! with the rules that check them; `docs/SECURITY.md` lists them all.

use std::time::Duration;

use plenum_docs::upload::Deadline;

/// A JSON request body: the longest text field (an opinion, 20,000
/// characters of Vietnamese at up to 3 bytes each) with room to spare.
pub const JSON_BODY_BYTES: usize = 128 * 1024;

/// Reading one uploaded file (a draft or a roster) past this is refused.
pub const READ_TIME: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A JSON request body under `/api/v1`, in bytes; past it 413 `body-too-large`.
    pub json_body_bytes: usize,
    /// The time budget for reading one uploaded file; past it 422 (`document-too-slow`
    /// for a document, `sheet-too-slow` for a roster).
    pub read_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { json_body_bytes: JSON_BODY_BYTES, read_time: READ_TIME }
    }
}

impl Limits {
    /// When reading an upload that arrives now must have finished.
    pub fn read_deadline(&self) -> Deadline {
        Deadline::after(self.read_time)
    }
}
