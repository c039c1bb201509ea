//! Documents of agenda items, their versions and passages: the records the
//! store hands out and what callers give it. An upload is checked here, once,
//! whether it came from a form, the API or the demo loader: size, real type,
//! and (for drafts in text form) its passages.

use plenum_core::prepare::document::MediaKind;
use plenum_core::text::{nfc, optional_line, required_line};
use plenum_core::FieldErrors;
use plenum_docs::upload::{read_within, Deadline};
use serde::{Deserialize, Serialize};

/// A document of an agenda item (tài liệu: báo cáo, dự thảo, tờ trình).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Document {
    pub id: i64,
    pub item_id: i64,
    pub plenum_id: i64,
    pub title: String,
    /// draft, report, submission or other.
    pub kind: String,
    pub created_at: i64,
    /// The latest version's number (versions are numbered 1, 2, …).
    pub latest: i64,
}

/// One uploaded version of a document (phiên bản, "dự thảo lần N").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct DocumentVersion {
    pub id: i64,
    pub document_id: i64,
    pub number: i64,
    pub filename: String,
    /// Sniffed from the content, never taken from the uploader.
    pub media_type: String,
    /// Size of the content in bytes.
    pub size: i64,
    pub note: String,
    pub created_at: i64,
    /// How many passages the version was split into (none for a PDF).
    pub passages: i64,
}

/// A numbered passage of a version (đoạn, điều, khoản, điểm).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Passage {
    pub id: i64,
    pub version_id: i64,
    pub ordinal: i64,
    /// Stable across versions while the words are unchanged; what opinions cite.
    pub anchor: String,
    /// The citation path, e.g. "II.2.a" or "Điều 3".
    pub label: String,
    pub level: i64,
    pub text: String,
}

impl plenum_core::prepare::revision::Versioned for Passage {
    fn anchor(&self) -> &str {
        &self.anchor
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn text(&self) -> &str {
        &self.text
    }
}

pub const DOCUMENT_KINDS: [&str; 4] = ["draft", "report", "submission", "other"];

/// A new document with its first version.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub item_id: i64,
    pub title: String,
    /// draft, report, submission or other.
    pub kind: String,
    pub version: NewVersion,
}

/// A version to upload.
#[derive(Debug, Clone, Default)]
pub struct NewVersion {
    pub filename: String,
    pub content: Vec<u8>,
    pub note: String,
    /// The latest version number the uploader saw; a newer one makes the upload stale.
    pub based_on: Option<i64>,
    /// When reading the file must have finished; past it the file is refused
    /// as too slow to read (`document-too-slow`).
    pub deadline: Deadline,
}

/// A version that passed the checks, ready to store.
#[derive(Debug, Clone)]
pub struct CheckedVersion {
    pub filename: String,
    pub media_type: &'static str,
    pub content: Vec<u8>,
    pub note: String,
    pub based_on: Option<i64>,
    pub passages: Vec<plenum_core::prepare::passages::Passage>,
}

impl NewVersion {
    /// Check the file and split it; problems are pushed to `e`.
    pub fn check(self, e: &mut FieldErrors) -> Option<CheckedVersion> {
        let note = optional_line(e, "note", Some(&self.note), 1000).unwrap_or_default();
        // Keep only the last path component: some browsers send the full client path.
        let base = nfc(self.filename.rsplit(['/', '\\']).next().unwrap_or("").trim());
        let filename = if base.is_empty() { String::new() } else { required_line(e, "filename", &base, 255) };
        match read_within(&filename, &self.content, self.deadline) {
            Ok(doc) => {
                let filename = if filename.is_empty() { default_name(doc.media) } else { filename };
                Some(CheckedVersion {
                    filename,
                    media_type: doc.media.media_type(),
                    content: self.content,
                    note,
                    based_on: self.based_on,
                    passages: doc.passages,
                })
            }
            Err(code) => {
                e.push("file", code);
                None
            }
        }
    }

    pub fn validate(self) -> Result<CheckedVersion, FieldErrors> {
        let mut e = FieldErrors::default();
        let checked = self.check(&mut e);
        match checked {
            Some(c) if e.is_empty() => Ok(c),
            _ => Err(e),
        }
    }
}

/// Run a check that reads an upload on a blocking thread: reading is CPU
/// work of up to seconds, which on an async worker would stall every request
/// that worker serves. The reader stops at its own deadline, since a blocking
/// task cannot be cancelled.
pub async fn off_the_workers<T: Send + 'static>(
    check: impl FnOnce() -> Result<T, FieldErrors> + Send + 'static,
) -> crate::StoreResult<T> {
    match tokio::task::spawn_blocking(check).await {
        Ok(checked) => Ok(checked?),
        Err(e) => Err(crate::StoreError::Backend(format!("reading an upload: {e}"))),
    }
}

fn default_name(media: MediaKind) -> String {
    match media {
        MediaKind::Pdf => "tai-lieu.pdf",
        MediaKind::Docx => "tai-lieu.docx",
        MediaKind::Markdown => "tai-lieu.md",
        MediaKind::Text => "tai-lieu.txt",
    }
    .to_string()
}

/// A document that passed the checks, with its first version.
#[derive(Debug, Clone)]
pub struct CheckedDocument {
    pub item_id: i64,
    pub title: String,
    pub kind: String,
    pub version: CheckedVersion,
}

impl NewDocument {
    pub fn validate(self) -> Result<CheckedDocument, FieldErrors> {
        let NewDocument { item_id, title, kind, version } = self;
        let mut e = FieldErrors::default();
        let title = required_line(&mut e, "title", &title, 500);
        let kind = kind.trim().to_string();
        if !DOCUMENT_KINDS.contains(&kind.as_str()) {
            e.push("kind", "invalid-choice");
        }
        match version.check(&mut e) {
            Some(version) if e.is_empty() => Ok(CheckedDocument { item_id, title, kind, version }),
            _ => Err(e),
        }
    }
}
