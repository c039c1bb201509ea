//! The floor as the chair's console and the delegate's tablet show it:
//! minutes as typed, and the clock.

/// Minutes as people type them ("5", "2.5", "2,5") → whole seconds.
pub fn minutes_to_seconds(raw: &str) -> Option<i64> {
    let m: f64 = raw.trim().replace(',', ".").parse().ok()?;
    m.is_finite().then(|| (m * 60.0).round() as i64)
}

/// Seconds → minutes for an input's value: 420 → "7", 450 → "7.5".
pub fn seconds_to_minutes(s: i64) -> String {
    format!("{}", s as f64 / 60.0)
}

/// A clock reading: "4:05", or "−0:12" once over time.
pub fn clock_text(seconds: i64) -> String {
    let sign = if seconds < 0 { "−" } else { "" };
    let s = seconds.unsigned_abs();
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_and_the_clock() {
        assert_eq!(minutes_to_seconds(" 7 "), Some(420));
        assert_eq!(minutes_to_seconds("2,5"), Some(150));
        assert_eq!(minutes_to_seconds("0.5"), Some(30));
        assert_eq!(minutes_to_seconds("năm"), None);
        assert_eq!(minutes_to_seconds("inf"), None);
        assert_eq!(seconds_to_minutes(420), "7");
        assert_eq!(seconds_to_minutes(450), "7.5");
        assert_eq!(clock_text(245), "4:05");
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(-12), "−0:12");
        assert_eq!(clock_text(3600), "60:00");
    }
}
