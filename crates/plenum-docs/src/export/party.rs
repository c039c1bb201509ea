//! A document in Party form (thể thức văn bản của Đảng), per Hướng dẫn
//! 36-HD/VPTW (2018): the issuing body with a "*" below it and the number on the
//! left, "ĐẢNG CỘNG SẢN VIỆT NAM" with the place and date on the right; the type
//! and summary centred; the body; the signature block (T/M, K/T, T/L) on the
//! right and the recipients on the left; Times New Roman on A4. One model,
//! [`PartyDocument`], is rendered both as DOCX ([`docx`]) and as PDF ([`pdf`]),
//! so the two never drift apart.

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
    Table as DocxTable, TableAlignmentType, TableCell, TableLayoutType, TableRow, WidthType,
};
use serde::Serialize;

use crate::world::{pdf as typeset, DocWorld};
use crate::{DocError, Result};

const TEMPLATE: &str = include_str!("../../templates/party.typ");

/// Hướng dẫn 36-HD/VPTW asks for Times New Roman; the PDF uses the metric-compatible
/// Liberation Serif shipped with Plenum.
const FONT: &str = "Times New Roman";

/// One document in Party form. Every text is already in the reader's language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PartyDocument {
    /// The level above the issuer, e.g. "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"; may be empty.
    pub issuer_parent: String,
    /// The issuing body, e.g. "THÀNH ỦY" or "BAN CHẤP HÀNH".
    pub issuer: String,
    /// The document's number, e.g. "Số 07-GTT/TU"; empty when not yet numbered.
    pub number: String,
    /// "Hà Nội, ngày 07 tháng 12 năm 2026"; see [`place_and_date`].
    pub place_date: String,
    /// The type, in capitals, e.g. "GIẤY TRIỆU TẬP".
    pub kind: String,
    /// The summary under the type; may be empty.
    pub summary: String,
    pub blocks: Vec<Block>,
    pub signature: Option<Signature>,
    /// "Nơi nhận" lines, without their leading dash.
    pub recipients: Vec<String>,
    /// The heading of the recipients ("Nơi nhận:"), in the reader's language.
    pub recipients_label: String,
}

/// A part of a document's body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A section heading, bold.
    Heading {
        text: String,
    },
    /// A paragraph of running text, justified with its first line indented.
    Paragraph {
        text: String,
    },
    /// A line of "label: value", the label bold (e.g. "Thời gian: 8 giờ …").
    Field {
        label: String,
        value: String,
    },
    Table(Table),
    /// Signature lines side by side, up to three to a row, for a document
    /// that several people sign, such as counting minutes signed by every
    /// member of the counting committee (QĐ 190-QĐ/TW art. 8). Each has its
    /// title above and its name under the space left for the signature.
    Signatures {
        signers: Vec<Signature>,
    },
}

impl Block {
    pub fn heading(text: impl Into<String>) -> Block {
        Block::Heading { text: text.into() }
    }

    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph { text: text.into() }
    }

    pub fn field(label: impl Into<String>, value: impl Into<String>) -> Block {
        Block::Field { label: label.into(), value: value.into() }
    }

    pub fn signatures(signers: Vec<Signature>) -> Block {
        Block::Signatures { signers }
    }
}

/// Signature lines to a row: three still leave each name room on one line of A4
/// (templates/party.typ lays them out the same way).
const SIGNERS_PER_ROW: usize = 3;

/// A ruled table with a bold header row.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    pub columns: Vec<String>,
    /// Relative widths, one per column; empty for equal widths.
    pub widths: Vec<u32>,
    pub rows: Vec<Vec<String>>,
}

/// The signature block (thể thức đề ký).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Signature {
    /// "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "T/L BAN THƯỜNG VỤ"; may be empty.
    pub on_behalf: String,
    /// The signer's title, e.g. "PHÓ BÍ THƯ THƯỜNG TRỰC".
    pub title: String,
    /// The signer's name; empty leaves the place to be filled by hand.
    pub name: String,
}

/// "Hà Nội, ngày 07 tháng 02 năm 2026": the day and month written with two digits,
/// as the Party's documents date themselves.
pub fn place_and_date(place: &str, year: i32, month: u8, day: u8) -> String {
    format!("{place}, ngày {day:02} tháng {month:02} năm {year}")
}

// ------------------------------------------------------------------ DOCX

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// Margins: top and bottom 20 mm, left 30 mm, right 15 mm (Hướng dẫn 36-HD/VPTW, part II).
const MARGIN: PageMargin =
    PageMargin { top: 1134, left: 1701, bottom: 1134, right: 851, header: 567, footer: 567, gutter: 0 };
/// The text width between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = (A4.0 as usize) - 1701 - 851;

/// The documents as one DOCX file, each after the first starting on a new page.
pub fn docx(documents: &[PartyDocument]) -> Result<Vec<u8>> {
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).east_asia(FONT).cs(FONT);
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(MARGIN)
        .default_fonts(fonts)
        .default_size(28)
        .default_line_spacing(LineSpacing::new().after(120));
    for (i, d) in documents.iter().enumerate() {
        if i > 0 {
            doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        }
        doc = add_document(doc, d);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| DocError::Export(e.to_string()))?;
    Ok(out.into_inner())
}

fn text(s: &str) -> Run {
    // A line break inside a value becomes a break in the run, not a lost newline.
    let mut run = Run::new();
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

fn centred(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

fn plain_cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new().width(width, WidthType::Dxa), TableCell::add_paragraph)
        .clear_all_border()
}

fn add_document(mut doc: Docx, d: &PartyDocument) -> Docx {
    // The header: two columns without borders, issuer left, the Party's name right.
    let left_w = TEXT_WIDTH * 9 / 20;
    let right_w = TEXT_WIDTH - left_w;
    let mut left = Vec::new();
    if !d.issuer_parent.is_empty() {
        left.push(centred(text(&d.issuer_parent)));
    }
    left.push(centred(text(&d.issuer).bold()));
    left.push(centred(text("*")));
    if !d.number.is_empty() {
        left.push(centred(text(&d.number)));
    }
    let right = vec![
        centred(text("ĐẢNG CỘNG SẢN VIỆT NAM").bold().underline("single")),
        centred(text("")),
        centred(text(&d.place_date).italic()),
    ];
    let header =
        DocxTable::without_borders(vec![TableRow::new(vec![plain_cell(left, left_w), plain_cell(right, right_w)])])
            .set_grid(vec![left_w, right_w])
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed);
    doc = doc.add_table(header).add_paragraph(Paragraph::new());

    doc = doc.add_paragraph(centred(text(&d.kind).bold().size(32)));
    if !d.summary.is_empty() {
        doc = doc.add_paragraph(centred(text(&d.summary).bold()));
    }
    doc = doc.add_paragraph(centred(text("-----")));

    for (i, block) in d.blocks.iter().enumerate() {
        // The text just before signature lines goes to their page with them, so
        // no one signs under a page that holds nothing of what they sign.
        let before_signatures = matches!(d.blocks.get(i + 1), Some(Block::Signatures { .. }));
        doc = match block {
            Block::Heading { text: t } => doc.add_paragraph(Paragraph::new().add_run(text(t).bold()).keep_next(true)),
            Block::Paragraph { text: t } => doc.add_paragraph(
                Paragraph::new()
                    .add_run(text(t))
                    .align(AlignmentType::Both)
                    .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
                    .keep_next(before_signatures),
            ),
            Block::Field { label, value } => doc.add_paragraph(
                Paragraph::new()
                    .add_run(text(&format!("{label}: ")).bold())
                    .add_run(text(value))
                    .keep_next(before_signatures),
            ),
            Block::Table(t) => doc.add_table(table(t)).add_paragraph(Paragraph::new()),
            Block::Signatures { signers } => doc.add_table(signatures(signers)).add_paragraph(Paragraph::new()),
        };
    }

    // The recipients on the left, the signature on the right, side by side.
    let mut left = Vec::new();
    if !d.recipients.is_empty() {
        left.push(Paragraph::new().add_run(text(&d.recipients_label).bold().italic().size(24)));
        for r in &d.recipients {
            left.push(Paragraph::new().add_run(text(&format!("- {r}")).size(22)));
        }
    }
    let mut right = Vec::new();
    if let Some(s) = &d.signature {
        if !s.on_behalf.is_empty() {
            right.push(centred(text(&s.on_behalf).bold()));
        }
        right.push(centred(text(&s.title).bold()));
        for _ in 0..3 {
            right.push(Paragraph::new());
        }
        right.push(centred(text(&s.name).bold()));
    }
    if !left.is_empty() || !right.is_empty() {
        let w = TEXT_WIDTH / 2;
        left.push(Paragraph::new());
        right.push(Paragraph::new());
        doc = doc.add_table(
            DocxTable::without_borders(vec![TableRow::new(vec![
                plain_cell(left, w),
                plain_cell(right, TEXT_WIDTH - w),
            ])])
            .set_grid(vec![w, TEXT_WIDTH - w])
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed),
        );
    }
    doc
}

/// The signature lines as a borderless table. A row is never split, so a title
/// stays with the name under it, and each row but the last keeps with the next
/// (Word's "keep with next" on a row's paragraphs), so the lines stay together.
fn signatures(signers: &[Signature]) -> DocxTable {
    let n = signers.len().clamp(1, SIGNERS_PER_ROW);
    let w = TEXT_WIDTH / n;
    let rows = signers.chunks(n).count();
    let cell = |s: Option<&Signature>, keep: bool| {
        let mut ps = Vec::new();
        if let Some(s) = s {
            if !s.on_behalf.is_empty() {
                ps.push(centred(text(&s.on_behalf).bold()));
            }
            ps.push(centred(text(&s.title).bold()));
            for _ in 0..3 {
                ps.push(Paragraph::new());
            }
            ps.push(centred(text(&s.name).bold()));
        }
        ps.push(Paragraph::new());
        plain_cell(ps.into_iter().map(|p| p.keep_next(keep)).collect(), w)
    };
    let rows = signers
        .chunks(n)
        .enumerate()
        .map(|(r, row)| TableRow::new((0..n).map(|i| cell(row.get(i), r + 1 < rows)).collect()).cant_split())
        .collect();
    DocxTable::without_borders(rows)
        .set_grid(vec![w; n])
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn table(t: &Table) -> DocxTable {
    let n = t.columns.len().max(1);
    let weights: Vec<usize> =
        if t.widths.len() == n { t.widths.iter().map(|w| (*w).max(1) as usize).collect() } else { vec![1; n] };
    let total: usize = weights.iter().sum();
    let grid: Vec<usize> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
    let cell = |s: &str, w: usize, head: bool| {
        let run = if head { text(s).bold().size(24) } else { text(s).size(24) };
        let p = Paragraph::new().add_run(run);
        TableCell::new().width(w, WidthType::Dxa).add_paragraph(if head { p.align(AlignmentType::Center) } else { p })
    };
    let mut rows = vec![TableRow::new(t.columns.iter().zip(&grid).map(|(c, w)| cell(c, *w, true)).collect())];
    for row in &t.rows {
        rows.push(
            TableRow::new(
                grid.iter().enumerate().map(|(i, w)| cell(row.get(i).map_or("", String::as_str), *w, false)).collect(),
            )
            .cant_split(),
        );
    }
    DocxTable::new(rows)
        .set_grid(grid)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .layout(TableLayoutType::Fixed)
}

// ------------------------------------------------------------------- PDF

#[derive(Serialize)]
struct PdfData<'a> {
    documents: &'a [PartyDocument],
}

/// The documents as one PDF, each starting on a new page.
pub fn pdf(documents: &[PartyDocument]) -> Result<Vec<u8>> {
    let data = serde_json::to_vec(&PdfData { documents }).expect("document data serializes");
    typeset(&DocWorld::new(TEMPLATE, vec![("/data.json", data)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn summons(name: &str) -> PartyDocument {
        PartyDocument {
            issuer_parent: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI".into(),
            issuer: "THÀNH ỦY".into(),
            number: "Số 07-GTT/TU".into(),
            place_date: place_and_date("Hà Nội", 2026, 2, 7),
            kind: "GIẤY TRIỆU TẬP".into(),
            summary: "Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ Thành phố khóa XVII".into(),
            blocks: vec![
                Block::paragraph("Ban Thường vụ Thành ủy trân trọng triệu tập đồng chí:"),
                Block::field("Đồng chí", name),
                Block::heading("I. NỘI DUNG"),
                Block::Table(Table {
                    columns: vec!["STT".into(), "Nội dung".into()],
                    widths: vec![1, 8],
                    rows: vec![vec![
                        "1".into(),
                        "Báo cáo kết quả công tác xây dựng Đảng năm 2022\nvà nhiệm vụ 2023".into(),
                    ]],
                }),
            ],
            signature: Some(Signature {
                on_behalf: "T/M BAN THƯỜNG VỤ".into(),
                title: "PHÓ BÍ THƯ THƯỜNG TRỰC".into(),
                name: "Nguyễn Văn Phong".into(),
            }),
            recipients: vec!["Như trên,".into(), "Lưu Văn phòng Thành ủy.".into()],
            recipients_label: "Nơi nhận:".into(),
        }
    }

    #[test]
    fn the_date_line_has_two_digit_day_and_month() {
        assert_eq!(place_and_date("Hà Nội", 2023, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2023");
        assert_eq!(place_and_date("Hà Nội", 2026, 12, 17), "Hà Nội, ngày 17 tháng 12 năm 2026");
    }

    #[test]
    fn a_docx_is_a_zip_with_the_text_in_times_new_roman() {
        let bytes = docx(&[summons("Trần Thị Ánh"), summons("Lê Đức Mạnh")]).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        for want in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 07-GTT/TU",
            "GIẤY TRIỆU TẬP",
            "Trần Thị Ánh",
            "Lê Đức Mạnh",
            "T/M BAN THƯỜNG VỤ",
        ] {
            assert!(xml.contains(want), "{want} in document.xml");
        }
        assert_eq!(xml.matches("w:type=\"page\"").count(), 1, "the second document starts on a new page");
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/styles.xml").unwrap(), &mut styles).unwrap();
        assert!(styles.contains("Times New Roman"), "the default font");
    }

    #[cfg(feature = "inspect")]
    #[test]
    fn both_forms_read_back_with_their_vietnamese_text() {
        let docs = [summons("Trần Thị Ánh"), summons("Lê Đức Mạnh")];
        if let Ok(dir) = std::env::var("PLENUM_DOCS_OUT") {
            let dir = std::path::Path::new(&dir);
            std::fs::write(dir.join("summons.pdf"), pdf(&docs).unwrap()).unwrap();
            std::fs::write(dir.join("summons.docx"), docx(&docs).unwrap()).unwrap();
        }
        for (what, text) in [
            ("pdf", super::super::inspect::pdf_text(&pdf(&docs).unwrap())),
            ("docx", super::super::inspect::docx_text(&docx(&docs).unwrap())),
        ] {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for want in [
                "ĐẢNG CỘNG SẢN VIỆT NAM",
                "THÀNH ỦY",
                "Số 07-GTT/TU",
                "Hà Nội, ngày 07 tháng 02 năm 2026",
                "GIẤY TRIỆU TẬP",
                "Trần Thị Ánh",
                "Lê Đức Mạnh",
                "Báo cáo kết quả công tác xây dựng Đảng năm 2022",
                "PHÓ BÍ THƯ THƯỜNG TRỰC",
                "Nơi nhận:",
            ] {
                assert!(flat.contains(want), "{what}: {want:?} in\n{flat}");
            }
            assert!(text.matches('\u{c}').count() >= 2, "{what}: each summons on its own page");
        }
    }
}
