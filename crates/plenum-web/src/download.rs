//! Sending a file to be saved: its type and a name that survives the header.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// `inline; filename="du-thao.pdf"; filename*=UTF-8''d%E1%BB%B1-th%E1%BA%A3o.pdf` (RFC 6266):
/// an ASCII fallback for old clients and the real Vietnamese name for the rest.
pub fn content_disposition(kind: &str, filename: &str) -> HeaderValue {
    let ascii: String =
        filename.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect();
    let encoded: String = filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    HeaderValue::from_str(&format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// A DOCX file's media type.
pub const DOCX_MEDIA: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A file the office downloads, by its extension.
#[derive(Debug, Clone, Copy)]
pub enum FileType {
    Csv,
    Xlsx,
    Docx,
    Pdf,
}

impl FileType {
    fn extension(self) -> &'static str {
        match self {
            FileType::Csv => "csv",
            FileType::Xlsx => "xlsx",
            FileType::Docx => "docx",
            FileType::Pdf => "pdf",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            FileType::Csv => "text/csv; charset=utf-8",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Docx => DOCX_MEDIA,
            FileType::Pdf => "application/pdf",
        }
    }
}

/// Make a file off the async workers (building a workbook or typesetting is
/// CPU work) and send it as an attachment named `name` plus its extension.
pub async fn attachment<F>(kind: FileType, name: &str, make: F) -> Result<Response, AppError>
where
    F: FnOnce() -> plenum_docs::Result<Vec<u8>> + Send + 'static,
{
    let bytes = tokio::task::spawn_blocking(make)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.media_type()));
    h.insert(header::CONTENT_DISPOSITION, content_disposition("attachment", &format!("{name}.{}", kind.extension())));
    // The figures change with every record: never keep a stale copy.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn vietnamese_file_names_survive_the_header() {
        let h = super::content_disposition("inline", "dự thảo.pdf");
        assert_eq!(
            h.to_str().unwrap(),
            "inline; filename=\"d__th_o.pdf\"; filename*=UTF-8''d%E1%BB%B1%20th%E1%BA%A3o.pdf"
        );
    }
}
