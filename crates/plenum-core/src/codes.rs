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

/// Makes a code enum (one with `as_str` and `parse`) readable from a stored
/// text column: `TryFrom<String>` for the store's rows (sqlx's `try_from`),
/// which names the code on failure, and `Display` as the code itself.
#[macro_export]
macro_rules! stored_code {
    ($ty:ty, $what:literal) => {
        impl TryFrom<String> for $ty {
            type Error = $crate::codes::UnknownCode;

            fn try_from(s: String) -> Result<$ty, Self::Error> {
                <$ty>::parse(&s).ok_or($crate::codes::UnknownCode { what: $what, value: s })
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::access::SignInKind;
    use crate::conduct::attendance::Attendance;
    use crate::conduct::record::Stance;
    use crate::conduct::speakers::{EntryKind, EntryStatus, SessionKind, SessionStatus};
    use crate::prepare::agenda::ItemKind;
    use crate::prepare::roster::DelegateKind;

    /// Every code reads back as itself, and an unknown one is an error naming it.
    fn round_trips<T>(all: &[T], what: &str)
    where
        T: Copy + PartialEq + std::fmt::Debug + std::fmt::Display + TryFrom<String, Error = super::UnknownCode>,
    {
        for &c in all {
            assert_eq!(T::try_from(c.to_string()).unwrap(), c);
        }
        let err = T::try_from("nonsense".to_string()).unwrap_err();
        assert_eq!(err.what, what);
        assert_eq!(err.value, "nonsense");
    }

    #[test]
    fn stored_codes_round_trip_and_unknown_ones_are_errors() {
        round_trips(&Stance::ALL, "stance");
        round_trips(&Attendance::ALL, "attendance");
        round_trips(&EntryKind::ALL, "speaker entry kind");
        round_trips(&EntryStatus::ALL, "speaker entry status");
        round_trips(&SessionKind::ALL, "meeting session kind");
        round_trips(&SessionStatus::ALL, "meeting session status");
        round_trips(&ItemKind::ALL, "agenda item kind");
        round_trips(&DelegateKind::ALL, "delegate kind");
        round_trips(&SignInKind::ALL, "sign-in kind");
    }
}
