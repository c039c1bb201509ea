//! What a use case can answer besides its result. The web turns each variant
//! into its status code; the command line into words.

use plenum_core::FieldErrors;
use plenum_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No caller, or a caller whose credentials do not hold.
    #[error("not signed in")]
    Unauthorized,
    /// The caller may not do this here.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The input breaks a rule; each field names its problem.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The change collides with the current state; the code names how.
    #[error("conflict: {0:?}")]
    Conflict(plenum_store::Conflict),
    /// Too many failed sign-ins (from this address): wait this many seconds.
    #[error("too many attempts")]
    TooManyRequests(u64),
    /// The server is at its bound for this kind of work (password hashing):
    /// try again after this many seconds.
    #[error("busy")]
    Busy(u64),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, Error>;

impl Error {
    /// One field with one problem.
    pub fn field(name: &str, code: &'static str) -> Error {
        let mut f = FieldErrors::default();
        f.push(name, code);
        Error::Invalid(f)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Invalid(f) => Error::Invalid(f),
            StoreError::Conflict(c) => Error::Conflict(c),
            StoreError::Backend(m) => Error::Internal(anyhow::anyhow!(m)),
        }
    }
}

impl From<FieldErrors> for Error {
    fn from(f: FieldErrors) -> Self {
        Error::Invalid(f)
    }
}
