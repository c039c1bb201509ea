//! The tablet sign-in codes of a plenum's delegates, printed at once: a
//! sheet of slips, like the badge sheet, each with a delegate's one-time
//! link as a QR code; the delegates given no link are listed with the reason.

use serde::Serialize;

use crate::badges::qr_svg;
use crate::world::{pdf, DocWorld};
use crate::Result;

const TEMPLATE: &str = include_str!("../templates/sign_in.typ");

/// One delegate on the sheet. Labels come already in the reader's language.
#[derive(Debug, Clone, Serialize)]
pub struct SignInSlip {
    pub name: String,
    pub unit: String,
    /// "Ủy viên Ban Chấp hành" or "Khách mời".
    pub kind: String,
    pub group: String,
    /// The absolute one-time link; `None` for a delegate given none.
    #[serde(skip)]
    pub link: Option<String>,
    /// Why no link was given (empty when one was).
    pub note: String,
}

/// The sheet's own words.
#[derive(Debug, Clone, Serialize)]
pub struct SignInLabels {
    pub title: String,
    /// How to use a slip, under the title.
    pub hint: String,
    /// Over the list of delegates given no link.
    pub without_title: String,
}

#[derive(Serialize)]
struct Slip<'a> {
    #[serde(flatten)]
    slip: &'a SignInSlip,
    link: &'a str,
    qr: String,
}

#[derive(Serialize)]
struct SheetData<'a> {
    #[serde(flatten)]
    labels: &'a SignInLabels,
    slips: Vec<Slip<'a>>,
    without: Vec<&'a SignInSlip>,
}

/// The sheet, as a PDF: the slips with a link, in order, then those without.
pub fn sign_in_pdf(labels: &SignInLabels, slips: &[SignInSlip]) -> Result<Vec<u8>> {
    let with = slips
        .iter()
        .filter_map(|s| s.link.as_deref().map(|l| (s, l)))
        .map(|(slip, link)| Ok(Slip { slip, link, qr: qr_svg(link)? }))
        .collect::<Result<Vec<_>>>()?;
    let without = slips.iter().filter(|s| s.link.is_none()).collect();
    let data = serde_json::to_vec(&SheetData { labels, slips: with, without }).expect("sheet data serializes");
    pdf(&DocWorld::new(TEMPLATE, vec![("/data.json", data)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_carry_their_links_and_those_without_are_listed_with_the_reason() {
        let slip = |i: usize, link: bool| SignInSlip {
            name: format!("Nguyễn Thị Hồng Nhung {i}"),
            unit: "Sở Tài chính".into(),
            kind: "Ủy viên Ban Chấp hành".into(),
            group: "Tổ 1".into(),
            link: link.then(|| format!("http://127.0.0.1:8080/d/{i:043}")),
            note: if link { String::new() } else { "Đã đăng nhập trên máy tính bảng".into() },
        };
        let slips: Vec<_> = (0..13).map(|i| slip(i, i != 4)).collect();
        let labels = SignInLabels {
            title: "Mã đăng nhập máy tính bảng — Hội nghị lần thứ 11".into(),
            hint: "Mỗi mã dùng một lần.".into(),
            without_title: "Đại biểu không được cấp mã".into(),
        };
        let pdf = sign_in_pdf(&labels, &slips).unwrap();
        let text = crate::badges::tests::poppler("pdftotext", &pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // pdftotext breaks a long link after its host ("…:8080/ d/…"): match from the path on.
        assert!(flat.contains("Mã đăng nhập máy tính bảng — Hội nghị lần thứ 11"), "{flat}");
        assert!(
            flat.contains("Nguyễn Thị Hồng Nhung 12") && flat.contains("d/0000000000000000000000000000000000000000012"),
            "{flat}"
        );
        assert!(
            flat.contains("Đại biểu không được cấp mã 1 Nguyễn Thị Hồng Nhung 4 Đã đăng nhập trên máy tính bảng"),
            "{flat}"
        );
        assert!(!flat.contains("d/0000000000000000000000000000000000000000004"), "no link for the one given none");
    }
}
