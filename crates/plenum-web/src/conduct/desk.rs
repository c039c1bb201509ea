//! The secretary's desk as the pages read its forms.

/// Minutes as a secretary types them ("5", "4.5", "4,5") to seconds; empty is
/// none. The error is the field code.
pub fn minutes_to_seconds(raw: &str) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<f64>() {
        Ok(m) if m.is_finite() && (0.0..=600.0).contains(&m) => Ok(Some((m * 60.0).round() as i64)),
        _ => Err("out-of-range"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_read_with_either_decimal_mark() {
        assert_eq!(minutes_to_seconds(""), Ok(None));
        assert_eq!(minutes_to_seconds(" 5 "), Ok(Some(300)));
        assert_eq!(minutes_to_seconds("4,5"), Ok(Some(270)));
        assert_eq!(minutes_to_seconds("0.25"), Ok(Some(15)));
        assert_eq!(minutes_to_seconds("-1"), Err("out-of-range"));
        assert_eq!(minutes_to_seconds("601"), Err("out-of-range"));
        assert_eq!(minutes_to_seconds("năm"), Err("out-of-range"));
        assert_eq!(minutes_to_seconds("NaN"), Err("out-of-range"));
    }
}
