//! A plenum's roster as the pages and the API show it: messages for an
//! uploaded list's problems, and the addresses printed on badges.

use axum::http::{header, HeaderMap};
use plenum_app::prepare::delegates::UploadProblem;
use plenum_core::prepare::roster::{FileProblem, RowProblem};
use plenum_docs::SheetError;
use plenum_store::Delegate;

use crate::i18n::Lang;

/// Why an uploaded file gave no rows at all, in the reader's language.
pub fn upload_message(lang: Lang, p: &UploadProblem) -> String {
    match p {
        UploadProblem::Sheet(SheetError::UnclosedQuote { line }) => {
            lang.t_args("import-file-unclosed-quote", &[("line", line.to_string())])
        }
        UploadProblem::Sheet(e) => {
            let key = format!("import-file-{}", e.code());
            match e.limit() {
                Some(max) => lang.t_args(&key, &[("max", max.to_string())]),
                None => lang.t(&key),
            }
        }
        UploadProblem::File(FileProblem::MissingColumn(c)) => {
            lang.t_args("import-file-missing-column", &[("column", lang.t(&format!("import-column-{}", c.as_str())))])
        }
        UploadProblem::File(p) => lang.t(&format!("import-file-{}", p.code())),
        UploadProblem::TooLarge => lang.t("import-file-too-large"),
    }
}

/// One row problem, in the reader's language.
pub fn problem_message(lang: Lang, p: &RowProblem) -> String {
    let detail = match p.code {
        "too-long" | "invalid-characters" => lang.t(&format!("label-{}", p.detail)),
        _ => p.detail.clone(),
    };
    lang.t_args(&format!("import-error-{}", p.code), &[("detail", detail)])
}

/// Where this server is reached, as the browser that asked sees it, for
/// addresses printed on badges and shown as links.
pub fn origin(headers: &HeaderMap, secure: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("localhost");
    let forwarded = headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok());
    let scheme = match forwarded {
        Some("https") => "https",
        Some("http") => "http",
        _ if secure => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

/// The address a badge's QR code opens.
pub fn checkin_url(origin: &str, d: &Delegate) -> String {
    format!("{origin}/checkin/{}", d.checkin_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way a spreadsheet is refused has its message in both languages, with its bound.
    #[test]
    fn every_sheet_error_has_a_message_in_both_languages() {
        for e in [
            SheetError::Empty,
            SheetError::NotATable,
            SheetError::UnclosedQuote { line: 7 },
            SheetError::Unreadable(String::new()),
            SheetError::BadCsv(String::new()),
            SheetError::LegacyFormat,
            SheetError::TooManyRows { max: 10_000 },
            SheetError::TooManyColumns { max: 64 },
            SheetError::TooManyCells { max: 200_000 },
            SheetError::CellTooLong { max: 4096 },
            SheetError::TooLarge { max: 32 * 1024 * 1024 },
            SheetError::TooManyParts { max: 1000 },
            SheetError::TooSlow,
        ] {
            for lang in [Lang::Vi, Lang::En] {
                let message = upload_message(lang, &UploadProblem::Sheet(e.clone()));
                // A key the catalog lacks comes back as itself.
                assert!(!message.starts_with("import-file-"), "{message} in {lang:?}");
                if let Some(max) = e.limit() {
                    assert!(message.contains(&max.to_string()), "{message}");
                }
                if let SheetError::UnclosedQuote { line } = e {
                    assert!(message.contains(&line.to_string()), "{message}");
                }
            }
        }
    }
}
