//! An uploaded document (tài liệu): its size limit, the types it may be, why
//! one is refused, and what reading it yields. The bytes themselves are read
//! in `plenum-docs` (`plenum_docs::upload`); this crate stays free of file
//! formats.

use super::passages::Passage;

/// The largest upload accepted: a long draft with images fits; a scanned
/// book does not, and would make every page that lists versions slow.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// What a document's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Pdf,
    Docx,
    Markdown,
    Text,
}

impl MediaKind {
    pub fn media_type(self) -> &'static str {
        match self {
            MediaKind::Pdf => "application/pdf",
            MediaKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            MediaKind::Markdown => "text/markdown; charset=utf-8",
            MediaKind::Text => "text/plain; charset=utf-8",
        }
    }
}

/// Why a file was refused; each is a field error code on the `file` field.
pub mod refusal {
    pub const EMPTY: &str = "document-empty";
    pub const TOO_LARGE: &str = "document-too-large";
    /// Neither PDF, DOCX nor text (an image, a spreadsheet, a program…).
    pub const TYPE: &str = "document-type";
    /// A legacy binary Office file (.doc, .xls): it must be saved again as DOCX or PDF.
    pub const LEGACY_OFFICE: &str = "document-legacy-office";
    /// Text in an 8-bit encoding that cannot be told (e.g. Windows-1258); TCVN3
    /// and VNI text is recognized and converted instead.
    pub const ENCODING: &str = "document-encoding";
    /// It claims to be a DOCX or a zip but cannot be opened.
    pub const UNREADABLE: &str = "document-unreadable";
    /// A draft in text form whose text is empty.
    pub const NO_TEXT: &str = "document-no-text";
    /// Reading it took longer than the time budget for one upload.
    pub const TOO_SLOW: &str = "document-too-slow";
}

/// A document read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadDocument {
    pub media: MediaKind,
    /// Empty for a PDF.
    pub passages: Vec<Passage>,
}
