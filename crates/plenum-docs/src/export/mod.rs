//! What the office downloads: tables as XLSX and CSV ([`xlsx`], [`csv`]), and
//! documents in Party form as DOCX and PDF ([`party`]), among them the counting
//! minutes and the result sheets of votes ([`minutes`]). Each export is built
//! from plain rows the caller has already put in the reader's language.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Workbook};

use crate::{DocError, Result};

#[cfg(feature = "inspect")]
pub mod inspect;
pub mod minutes;
pub mod party;

/// One table: a sheet of a workbook, or a whole CSV file.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's tab name; cut to what spreadsheets accept.
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

/// A text that a spreadsheet would read as a formula (or, with a tab or carriage
/// return first, could be turned into one) gets a leading apostrophe, so a
/// delegate's name or an opinion can never run as a formula when the office opens
/// the CSV (OWASP, "CSV Injection").
pub fn neutralize(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The sheets as one XLSX workbook. Text is always written as a string cell,
/// which a spreadsheet shows as it is and never evaluates, so no neutralizing
/// is needed there and the text stays exactly as recorded.
pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let err = |e: rust_xlsxwriter::XlsxError| DocError::Export(e.to_string());
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    for (i, sheet) in sheets.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&sheet.name, i)).map_err(err)?;
        for (c, title) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, col(c)?, title, &header).map_err(err)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| DocError::Export("too many rows".into()))?;
            for (c, cell) in row.iter().enumerate() {
                let c = col(c)?;
                match cell {
                    Cell::Text(t) => ws.write_string_with_format(r, c, t, &wrap).map(|_| ()),
                    Cell::Int(n) => ws.write_number(r, c, *n as f64).map(|_| ()),
                    Cell::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                }
                .map_err(err)?;
            }
        }
        for (c, width) in column_widths(sheet).into_iter().enumerate() {
            ws.set_column_width(col(c)?, width).map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

fn col(c: usize) -> Result<u16> {
    u16::try_from(c).map_err(|_| DocError::Export("too many columns".into()))
}

/// Widths in characters from the longest line in each column, between 6 and 60:
/// wide enough to read, narrow enough that an opinion's text wraps.
fn column_widths(sheet: &Sheet) -> Vec<f64> {
    let len = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut widths: Vec<usize> = sheet.columns.iter().map(|c| len(c)).collect();
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            let n = match cell {
                Cell::Text(t) => len(t),
                Cell::Int(n) => n.to_string().len(),
                Cell::Number(n) => n.to_string().len(),
            };
            if c < widths.len() {
                widths[c] = widths[c].max(n);
            }
        }
    }
    widths.into_iter().map(|w| (w + 2).clamp(6, 60) as f64).collect()
}

/// A worksheet name as spreadsheets accept it: at most 31 characters, none of
/// `[]:*?/\`, not empty.
fn sheet_name(name: &str, index: usize) -> String {
    let clean: String =
        name.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).take(31).collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    if clean.is_empty() {
        format!("Sheet{}", index + 1)
    } else {
        clean
    }
}

/// The sheet as CSV: UTF-8 with a byte-order mark, which Excel needs to read
/// Vietnamese correctly, comma-separated, and every text cell neutralized.
pub fn csv(sheet: &Sheet) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(&mut out);
        let text = |c: &Cell| match c {
            Cell::Text(t) => neutralize(t).into_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Number(n) => n.to_string(),
        };
        w.write_record(sheet.columns.iter().map(|c| neutralize(c).into_owned())).expect("writing to memory");
        for row in &sheet.rows {
            w.write_record(row.iter().map(text)).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use proptest::prelude::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "Ý kiến: tổ [1]".into(),
            columns: vec!["Đại biểu".into(), "Ý kiến".into(), "Số".into()],
            rows: vec![
                vec!["Nguyễn Thị Hồng Nhung".into(), "=HYPERLINK(\"http://x\")".into(), Cell::Int(3)],
                vec!["@Trần Văn B".into(), "-1+2".into(), Cell::Number(2.5)],
            ],
        }
    }

    #[test]
    fn formula_like_text_is_neutralized_and_other_text_is_not() {
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            assert_eq!(neutralize(&format!("{lead}1")), format!("'{lead}1"));
        }
        assert_eq!(neutralize("Hà Nội"), "Hà Nội");
        assert_eq!(neutralize(""), "");
        assert_eq!(neutralize("a=b"), "a=b");
    }

    #[test]
    fn csv_has_a_bom_and_neutralized_text_but_plain_numbers() {
        let bytes = csv(&sheet());
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> = r.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        assert_eq!(rows[0], ["Nguyễn Thị Hồng Nhung", "'=HYPERLINK(\"http://x\")", "3"]);
        assert_eq!(rows[1], ["'@Trần Văn B", "'-1+2", "2.5"]);
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), ["Đại biểu", "Ý kiến", "Số"]);
    }

    #[test]
    fn xlsx_reads_back_through_calamine_with_text_as_text() {
        let bytes = xlsx(&[sheet(), Sheet { name: String::new(), ..sheet() }]).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Ý kiến tổ 1", "Sheet2"]);
        let range = book.worksheet_range("Ý kiến tổ 1").unwrap();
        assert_eq!(range.get((0, 0)), Some(&Data::String("Đại biểu".into())));
        assert_eq!(
            range.get((1, 1)),
            Some(&Data::String("=HYPERLINK(\"http://x\")".into())),
            "a string, not a formula"
        );
        assert_eq!(range.get((1, 2)), Some(&Data::Float(3.0)));
        assert_eq!(range.get((2, 0)), Some(&Data::String("@Trần Văn B".into())));
        let formulas = book.worksheet_formula("Ý kiến tổ 1").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
    }

    proptest! {
        #[test]
        fn any_text_survives_csv_except_for_the_neutralizing_apostrophe(cells in prop::collection::vec(".{0,20}", 1..5)) {
            let s = Sheet { name: "x".into(), columns: vec!["c".into(); cells.len()], rows: vec![cells.iter().map(|c| Cell::Text(c.clone())).collect()] };
            let bytes = csv(&s);
            let mut r = ::csv::ReaderBuilder::new().from_reader(&bytes[3..]);
            let row = r.records().next().unwrap().unwrap();
            for (got, want) in row.iter().zip(&cells) {
                let want = neutralize(want);
                prop_assert_eq!(got, want.as_ref());
            }
        }
    }
}
