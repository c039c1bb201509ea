//! Reading exports back as a person's software would, for tests: PDF through
//! poppler's `pdftotext`, DOCX through LibreOffice (converted to PDF, then read
//! the same way). Compiled only with the `inspect` feature, which only tests enable.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

/// The text of a PDF, pages separated by form feeds.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("export.pdf");
    std::fs::write(&path, pdf).expect("writing the PDF");
    pdf_file_text(&path)
}

fn pdf_file_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout".as_ref(), path.as_os_str(), "-".as_ref()])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (Debian's poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The text of a DOCX as LibreOffice lays it out. Each conversion runs with a
/// profile of its own, so tests converting at the same time don't share one.
pub fn docx_text(docx: &[u8]) -> String {
    static RUN: AtomicU64 = AtomicU64::new(0);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("export.docx");
    std::fs::write(&input, docx).expect("writing the DOCX");
    let profile = dir.path().join(format!("profile-{}-{}", std::process::id(), RUN.fetch_add(1, Ordering::Relaxed)));
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .unwrap_or_else(|e| panic!("soffice (Debian's libreoffice-writer) is needed: {e}"));
    let pdf = dir.path().join("export.pdf");
    assert!(
        out.status.success() && pdf.is_file(),
        "LibreOffice could not open the DOCX: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf_file_text(&pdf)
}
