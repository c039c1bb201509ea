//! Text on the way in: every string a user gives us is normalized to NFC,
//! because Vietnamese can be typed with combining marks (e.g. "ệ" as e + ̣ + ̂)
//! and two spellings of one name must compare equal.

pub mod fold;
pub mod legacy;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// NFC-normalize a string.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// One field's problem, with a message key from the catalog (`error-…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
}

/// All the field problems of one input, so a form can show them together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: &str, code: &'static str) {
        self.0.push(FieldError { field: field.to_string(), code });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `Ok(value)` when no error was pushed.
    pub fn finish<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// A required single-line text: trimmed, NFC, not empty, at most `max` characters,
/// without control characters. Problems are pushed to `errors`; the cleaned text is returned.
pub fn required_line(errors: &mut FieldErrors, field: &str, raw: &str, max: usize) -> String {
    let value = nfc(raw.trim());
    if value.is_empty() {
        errors.push(field, "required");
    } else if value.chars().count() > max {
        errors.push(field, "too-long");
    } else if value.chars().any(char::is_control) {
        errors.push(field, "invalid-characters");
    }
    value
}

/// An optional single-line text: empty becomes `None`.
pub fn optional_line(errors: &mut FieldErrors, field: &str, raw: Option<&str>, max: usize) -> Option<String> {
    match raw.map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(required_line(errors, field, v, max)),
    }
}

/// A calendar date written as YYYY-MM-DD, checked for a real day.
pub fn date(errors: &mut FieldErrors, field: &str, raw: &str) -> String {
    let v = raw.trim();
    if !is_iso_date(v) {
        errors.push(field, "invalid-date");
    }
    v.to_string()
}

fn is_iso_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1930 && (1..=days).contains(&d)
}

/// A whole number typed in a form field. Empty is "required", and text that is
/// not a number ("abc", "1,5") is "not-a-number", so the user is never told a
/// word is "out of range"; the range itself is the record's own check.
pub fn whole_number(raw: &str) -> Result<i64, &'static str> {
    let v = raw.trim();
    if v.is_empty() {
        return Err("required");
    }
    match v.parse::<i64>() {
        Ok(n) => Ok(n),
        // Digits too many for any field: a number, just out of range.
        Err(_) => {
            let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                Err("out-of-range")
            } else {
                Err("not-a-number")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn combining_marks_become_precomposed() {
        // "Nguyễn" typed as decomposed: e + U+0303 (tilde) + U+0302 (circumflex)
        let decomposed = "Nguye\u{0302}\u{0303}n";
        assert_eq!(nfc(decomposed), "Nguyễn");
    }

    #[test]
    fn required_line_reports_each_problem() {
        let mut e = FieldErrors::default();
        required_line(&mut e, "a", "   ", 10);
        required_line(&mut e, "b", "quá dài quá dài", 5);
        required_line(&mut e, "c", "x\u{7}y", 5);
        let codes: Vec<_> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(codes, vec![("a", "required"), ("b", "too-long"), ("c", "invalid-characters")]);
    }

    #[test]
    fn dates_are_real_days() {
        for ok in ["2023-01-05", "2024-02-29", "2000-02-29"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in ["2023-02-29", "1900-02-29", "2023-13-01", "2023-1-05", "05/01/2023", "", "2023-04-31"] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn a_word_in_a_number_field_is_not_a_number() {
        assert_eq!(whole_number(" 12 "), Ok(12));
        assert_eq!(whole_number("-3"), Ok(-3));
        assert_eq!(whole_number(""), Err("required"));
        assert_eq!(whole_number("   "), Err("required"));
        for word in ["abc", "1,5", "1.5", "12a", "một", "-", "+", "--5"] {
            assert_eq!(whole_number(word), Err("not-a-number"), "{word}");
        }
        assert_eq!(whole_number("99999999999999999999999"), Err("out-of-range"));
    }

    proptest! {
        #[test]
        fn every_integer_reads_back(n in any::<i64>()) {
            prop_assert_eq!(whole_number(&n.to_string()), Ok(n));
        }

        #[test]
        fn nfc_is_idempotent(s in "\\PC{0,40}") {
            let once = nfc(&s);
            prop_assert_eq!(nfc(&once), once);
        }
    }
}
