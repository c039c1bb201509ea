//! Codes as stored: each domain enum is kept as its text code, and a stored
//! code this version does not know is an error that names it.

use std::fmt;

/// A stored code no variant matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    /// What kind of code, e.g. "stance".
    pub what: &'static str,
    pub value: String,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.what, self.value)
    }
}

impl std::error::Error for UnknownCode {}
