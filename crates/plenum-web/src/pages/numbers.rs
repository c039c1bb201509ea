//! Numbers typed in forms. A word in a number field is "not a number", never
//! "out of range": the range is the record's own check, made once the text is a number.

use plenum_core::text::whole_number;
use plenum_core::FieldErrors;

/// The number typed in `field`, or its problem pushed to `e` ("required",
/// "not-a-number") and 1 in its place, so the record's other checks still run
/// and every problem is reported at once. A form with a problem is never saved.
pub fn form_number(e: &mut FieldErrors, field: &str, raw: &str) -> i64 {
    whole_number(raw).unwrap_or_else(|code| {
        e.push(field, code);
        1
    })
}

/// Add the record's own checks to the form's, leaving out a field the form
/// already refused, so a field shows one problem.
pub fn join_checks(e: &mut FieldErrors, more: FieldErrors) {
    let refused: Vec<String> = e.0.iter().map(|f| f.field.clone()).collect();
    e.0.extend(more.0.into_iter().filter(|f| !refused.contains(&f.field)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_not_a_number_and_hides_no_other_problem() {
        let mut e = FieldErrors::default();
        assert_eq!(form_number(&mut e, "ordinal", "abc"), 1);
        let mut more = FieldErrors::default();
        more.push("ordinal", "out-of-range");
        more.push("title", "required");
        join_checks(&mut e, more);
        let codes: Vec<_> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(codes, vec![("ordinal", "not-a-number"), ("title", "required")]);
        let mut e = FieldErrors::default();
        assert_eq!(form_number(&mut e, "ordinal", " 7 "), 7);
        assert!(e.is_empty());
    }
}
