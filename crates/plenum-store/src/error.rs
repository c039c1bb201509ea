use plenum_core::conduct::speakers::FloorRefusal;
use plenum_core::prepare::agenda::ItemUse;
use plenum_core::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A rule or a concurrent change refused the change; the variant names which.
    #[error("conflict: {}", .0.code())]
    Conflict(Conflict),
    #[error("database error: {0}")]
    Backend(String),
}

/// A code the database holds that this version does not know: the data is wrong, not the request.
impl From<plenum_core::codes::UnknownCode> for StoreError {
    fn from(e: plenum_core::codes::UnknownCode) -> Self {
        StoreError::Backend(e.to_string())
    }
}

/// Why a change was refused although its input was well formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// The change was based on an outdated read (optimistic concurrency).
    Stale,
    /// Another account already has this username.
    UsernameTaken,
    /// The committee already has a plenum, or the plenum an agenda item, with this number.
    OrdinalTaken,
    /// The organization already has a committee for this term.
    TermTaken,
    /// The plenum already has a discussion group of this name.
    GroupNameTaken,
    /// The member is already summoned to this plenum.
    AlreadySummoned,
    /// A uniqueness rule no call site names.
    Duplicate,
    /// A check constraint refused the row.
    Check,
    /// A backup is loaded only into an empty database.
    NotEmpty,
    /// A rule of the speaker list (see [`FloorRefusal`]).
    Floor(FloorRefusal),
    /// A one-time sign-in link was used already, or replaced.
    LinkUsed,
    /// The delegate signs in with an account holding more than a one-time
    /// link may grant, so no link signs in as it.
    HasAccount,
    /// The agenda item is not removed: the record points to it, as counted.
    ItemInUse(ItemUse),
    /// The programme already has this half-day (day and part of the day).
    SlotTaken,
    /// The half-day is not removed: agenda items are placed in it.
    SlotInUse,
}

impl Conflict {
    /// The code the HTTP API and the interface catalogs know it by. Every
    /// uniqueness conflict keeps the one code "duplicate" it always had, so
    /// API clients see no change; the variant says which rule it was.
    pub fn code(self) -> &'static str {
        match self {
            Conflict::Stale => "stale",
            Conflict::UsernameTaken
            | Conflict::OrdinalTaken
            | Conflict::TermTaken
            | Conflict::GroupNameTaken
            | Conflict::AlreadySummoned
            | Conflict::SlotTaken
            | Conflict::Duplicate => "duplicate",
            Conflict::Check => "check",
            Conflict::NotEmpty => "not-empty",
            Conflict::Floor(r) => r.as_str(),
            Conflict::LinkUsed => "link-used",
            Conflict::HasAccount => "has-account",
            Conflict::ItemInUse(_) => "item-in-use",
            Conflict::SlotInUse => "slot-in-use",
        }
    }
}

impl From<FloorRefusal> for StoreError {
    fn from(r: FloorRefusal) -> Self {
        StoreError::Conflict(Conflict::Floor(r))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<FieldErrors> for StoreError {
    fn from(e: FieldErrors) -> Self {
        StoreError::Invalid(e)
    }
}
