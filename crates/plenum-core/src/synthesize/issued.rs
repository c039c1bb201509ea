//! The documents a plenum issues in Party form, and their numbers. Hướng dẫn
//! 36-HD/VPTW (2018), part II.3: a Party document's number is its ordinal in
//! the issuer's register for that type within the term, then the type's
//! abbreviation and the issuer's: "Số 12-BC/TU".

use serde::{Deserialize, Serialize};

use crate::text::{nfc, required_line, FieldErrors};

/// The kinds of document a plenum issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuedKind {
    /// Báo cáo tổng hợp, tiếp thu, giải trình ý kiến.
    SynthesisReport,
    /// Nghị quyết.
    Resolution,
    /// Thông báo kết luận.
    Conclusion,
}

impl IssuedKind {
    pub const ALL: [IssuedKind; 3] = [IssuedKind::SynthesisReport, IssuedKind::Resolution, IssuedKind::Conclusion];

    pub fn as_str(self) -> &'static str {
        match self {
            IssuedKind::SynthesisReport => "synthesis_report",
            IssuedKind::Resolution => "resolution",
            IssuedKind::Conclusion => "conclusion",
        }
    }

    pub fn parse(s: &str) -> Option<IssuedKind> {
        IssuedKind::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// The address segment: `synthesis-report`, `resolution`, `conclusion`.
    pub fn slug(self) -> &'static str {
        match self {
            IssuedKind::SynthesisReport => "synthesis-report",
            IssuedKind::Resolution => "resolution",
            IssuedKind::Conclusion => "conclusion",
        }
    }

    pub fn from_slug(s: &str) -> Option<IssuedKind> {
        IssuedKind::ALL.into_iter().find(|x| x.slug() == s)
    }

    /// The type's abbreviation in the number (Hướng dẫn 36-HD/VPTW,
    /// appendix 1): báo cáo BC, nghị quyết NQ, thông báo TB.
    pub fn abbreviation(self) -> &'static str {
        match self {
            IssuedKind::SynthesisReport => "BC",
            IssuedKind::Resolution => "NQ",
            IssuedKind::Conclusion => "TB",
        }
    }
}

crate::stored_code!(IssuedKind, "issued document kind");

/// "Số 12-BC/TU": the number as printed, two digits at least.
pub fn number_line(number: i64, kind: IssuedKind, issuer: &str) -> String {
    format!("Số {number:02}-{}/{issuer}", kind.abbreviation())
}

/// The longest body the office may write, in characters.
pub const MAX_BODY: usize = 100_000;

/// The parts of an issued document the office edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedText {
    pub title: String,
    pub body: String,
    pub signer_for: String,
    pub signer_title: String,
    pub signer_name: String,
    /// One recipient a line.
    pub recipients: String,
}

impl IssuedText {
    /// Check and normalize: the title is one line; the body and the
    /// recipients are lines of text.
    pub fn check(self) -> Result<IssuedText, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = required_line(&mut e, "title", &self.title, 300);
        let lines = |e: &mut FieldErrors, field: &str, raw: &str, max: usize| {
            let v = nfc(raw.trim()).replace("\r\n", "\n");
            if v.chars().count() > max {
                e.push(field, "too-long");
            } else if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                e.push(field, "invalid-characters");
            }
            v
        };
        let body = lines(&mut e, "body", &self.body, MAX_BODY);
        let recipients = lines(&mut e, "recipients", &self.recipients, 2000);
        let one = |e: &mut FieldErrors, field: &str, raw: &str| {
            let v = nfc(raw.trim());
            if v.chars().count() > 200 {
                e.push(field, "too-long");
            } else if v.chars().any(char::is_control) {
                e.push(field, "invalid-characters");
            }
            v
        };
        let signer_for = one(&mut e, "signer_for", &self.signer_for);
        let signer_title = one(&mut e, "signer_title", &self.signer_title);
        let signer_name = one(&mut e, "signer_name", &self.signer_name);
        e.finish(IssuedText { title, body, signer_for, signer_title, signer_name, recipients })
    }

    /// The recipients as lines, without blanks and leading dashes.
    pub fn recipient_lines(&self) -> Vec<String> {
        self.recipients
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '–']).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_guide_shows() {
        assert_eq!(number_line(12, IssuedKind::SynthesisReport, "TU"), "Số 12-BC/TU");
        assert_eq!(number_line(7, IssuedKind::Resolution, "TU"), "Số 07-NQ/TU");
        assert_eq!(number_line(123, IssuedKind::Conclusion, "TU"), "Số 123-TB/TU");
    }

    #[test]
    fn kinds_round_trip_by_slug() {
        for k in IssuedKind::ALL {
            assert_eq!(IssuedKind::from_slug(k.slug()), Some(k));
            assert_eq!(IssuedKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn text_is_checked_and_recipients_split() {
        let t =
            IssuedText { title: " ".into(), recipients: "- Ban Bí thư\n\n- Lưu VPTU".into(), ..Default::default() };
        assert_eq!(t.clone().check().unwrap_err().0[0].field, "title");
        let ok = IssuedText { title: "Nghị quyết".into(), ..t }.check().unwrap();
        assert_eq!(ok.recipient_lines(), ["Ban Bí thư", "Lưu VPTU"]);
    }
}
