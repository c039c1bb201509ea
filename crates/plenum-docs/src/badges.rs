//! Delegate badges (thẻ đại biểu): a printable A4 sheet, 2 × 4 badges a page.

use qrcode::render::svg;
use qrcode::QrCode;
use serde::Serialize;

use crate::world::{pdf, DocWorld};
use crate::{DocError, Result};

const TEMPLATE: &str = include_str!("../templates/badges.typ");

/// What one badge shows. Labels come already in the reader's language.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// The plenum, printed across the top.
    pub event: String,
    pub name: String,
    pub title: String,
    pub unit: String,
    /// "Ủy viên Ban Chấp hành" or "Khách mời".
    pub kind: String,
    /// The discussion group, e.g. "Tổ 1"; may be empty.
    pub group: String,
    /// What the QR code encodes: the absolute check-in URL.
    pub qr: String,
}

#[derive(Serialize)]
struct SheetData<'a> {
    title: &'a str,
    badges: Vec<Badge>,
}

/// A QR code as an SVG image, with its quiet zone.
pub fn qr_svg(payload: &str) -> Result<String> {
    let code = QrCode::new(payload.as_bytes()).map_err(|e| DocError::Qr(e.to_string()))?;
    Ok(code.render::<svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build())
}

/// The badges of `badges`, in order, as a PDF.
pub fn badges_pdf(title: &str, badges: &[Badge]) -> Result<Vec<u8>> {
    let badges = badges.iter().map(|b| Ok(Badge { qr: qr_svg(&b.qr)?, ..b.clone() })).collect::<Result<Vec<_>>>()?;
    let data = serde_json::to_vec(&SheetData { title, badges }).expect("badge data serializes");
    pdf(&DocWorld::new(TEMPLATE, vec![("/data.json", data)]))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn badge(i: usize) -> Badge {
        Badge {
            event: "Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ Thành phố khóa XVII".into(),
            name: format!("Nguyễn Thị Hồng Nhung {i}"),
            title: "Phó Bí thư Thành ủy".into(),
            unit: "Thành ủy Hà Nội".into(),
            kind: "Ủy viên Ban Chấp hành".into(),
            group: "Tổ 1".into(),
            qr: format!("http://127.0.0.1:8080/checkin/{i:032x}"),
        }
    }

    /// Poppler's tools read the PDF as a person's viewer would.
    pub(crate) fn poppler(tool: &str, pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("badges.pdf");
        std::fs::write(&path, pdf).unwrap();
        let mut cmd = std::process::Command::new(tool);
        cmd.arg(&path);
        if tool == "pdftotext" {
            cmd.arg("-");
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}"));
        assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn nine_badges_make_a_two_page_pdf_with_vietnamese_text() {
        let pdf = badges_pdf("Thẻ đại biểu", &(0..9).map(badge).collect::<Vec<_>>()).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "a PDF file");
        let raw = poppler("pdftotext", &pdf);
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("Nguyễn Thị Hồng Nhung 8"), "the names, diacritics intact:\n{text}");
        assert!(text.contains("Tổ 1") && text.contains("Thành ủy Hà Nội"), "{text}");
        assert_eq!(raw.matches('\u{c}').count(), 2, "8 badges on the first page, 1 on the second");
        let fonts = poppler("pdffonts", &pdf);
        assert!(!fonts.contains(" no "), "every font embedded:\n{fonts}");
        if let Ok(dir) = std::env::var("PLENUM_DOCS_OUT") {
            std::fs::write(std::path::Path::new(&dir).join("badges.pdf"), &pdf).unwrap();
        }
        assert!(
            fonts.contains("+LiberationSerif-Bold ") && fonts.contains("+LiberationSerif "),
            "the shipped fonts, embedded:\n{fonts}"
        );
    }

    #[test]
    fn qr_code_is_an_svg() {
        let svg = qr_svg("http://example.test/checkin/abc").unwrap();
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
