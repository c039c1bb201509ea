//! How long reading one upload may take. Reading runs on a blocking thread,
//! which cannot be cancelled from outside; so every reader's loop asks its
//! [`Deadline`] as it goes and gives up once it has passed, freeing the thread.

use std::time::{Duration, Instant};

/// The moment reading must have finished by, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// No time limit (the command line, the demo loader, unit tests).
    pub const NONE: Deadline = Deadline(None);

    /// `budget` from now. A zero budget has passed at the first check.
    pub fn after(budget: Duration) -> Deadline {
        Deadline(Instant::now().checked_add(budget))
    }

    pub fn passed(&self) -> bool {
        self.0.is_some_and(|at| Instant::now() >= at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_budget_has_passed_and_none_never_does() {
        assert!(Deadline::after(Duration::ZERO).passed());
        assert!(!Deadline::NONE.passed());
        assert!(!Deadline::after(Duration::from_secs(3600)).passed());
    }
}
