//! Reading an uploaded table: a CSV file (in any encoding [`super::encoding`]
//! tells, separated by commas, semicolons or tabs) or a spreadsheet (XLSX,
//! XLSB, ODS), into rows of text. Nothing here knows what the columns mean.

use calamine::Data;

use super::encoding::{self, Encoding};
use super::{delimited, Deadline};

/// The kind of file, told from its first bytes rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Spreadsheet,
}

impl Format {
    /// Spreadsheets are ZIP (XLSX, ODS, XLSB) or OLE (XLS) containers.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            Format::Spreadsheet
        } else {
            Format::Csv
        }
    }
}

/// One row as read, with the line (CSV) or row number (spreadsheet) people see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub line: usize,
    pub cells: Vec<String>,
    /// Some bytes were not valid UTF-8 and were replaced (U+FFFD) to show the rest.
    pub bad_encoding: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub format: Format,
    /// The encoding a CSV file was read in; a spreadsheet has none to tell.
    pub encoding: Option<Encoding>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("the file is empty")]
    Empty,
    /// Neither a spreadsheet nor text: an image, a PDF, a program…
    #[error("the file is not a table")]
    NotATable,
    /// A quoted CSV cell opened on this line is never closed, or is closed
    /// with text after it: reading on would merge the rows after it into it.
    #[error("a quote opened on line {line} is not closed")]
    UnclosedQuote { line: usize },
    #[error("the spreadsheet cannot be read: {0}")]
    Unreadable(String),
    #[error("the CSV file cannot be read: {0}")]
    BadCsv(String),
    /// An Excel 97–2003 (.xls) file: calamine reads it whole, with no way to bound it first.
    #[error("an old Excel file (.xls); save it as .xlsx or CSV")]
    LegacyFormat,
    #[error("the sheet spans more than {max} rows")]
    TooManyRows { max: usize },
    #[error("the sheet spans more than {max} columns")]
    TooManyColumns { max: usize },
    #[error("the sheet has more than {max} cells")]
    TooManyCells { max: usize },
    #[error("a cell holds more than {max} bytes of text")]
    CellTooLong { max: usize },
    #[error("the spreadsheet unpacks to more than {max} bytes")]
    TooLarge { max: u64 },
    #[error("the spreadsheet has more than {max} parts")]
    TooManyParts { max: usize },
    /// Reading took longer than its time budget ([`Limits::deadline`]).
    #[error("the file took too long to read")]
    TooSlow,
}

impl SheetError {
    /// A stable name for the error, for messages and API answers.
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::Empty => "empty",
            SheetError::NotATable => "not-a-table",
            SheetError::UnclosedQuote { .. } => "unclosed-quote",
            SheetError::Unreadable(_) => "unreadable",
            SheetError::BadCsv(_) => "bad-csv",
            SheetError::LegacyFormat => "legacy-excel",
            SheetError::TooManyRows { .. } => "sheet-too-many-rows",
            SheetError::TooManyColumns { .. } => "sheet-too-many-columns",
            SheetError::TooManyCells { .. } => "sheet-too-many-cells",
            SheetError::CellTooLong { .. } => "sheet-cell-too-long",
            SheetError::TooLarge { .. } => "sheet-too-large",
            SheetError::TooManyParts { .. } => "sheet-too-many-parts",
            SheetError::TooSlow => "sheet-too-slow",
        }
    }

    /// The bound that was passed, as its message states it: a count, or
    /// bytes of one cell, or MiB (rounded up) for a whole file.
    pub fn limit(&self) -> Option<u64> {
        match *self {
            SheetError::TooManyRows { max }
            | SheetError::TooManyColumns { max }
            | SheetError::TooManyCells { max }
            | SheetError::CellTooLong { max }
            | SheetError::TooManyParts { max } => Some(max as u64),
            SheetError::TooLarge { max } => Some(max.div_ceil(1024 * 1024)),
            SheetError::Empty
            | SheetError::NotATable
            | SheetError::UnclosedQuote { .. }
            | SheetError::Unreadable(_)
            | SheetError::BadCsv(_)
            | SheetError::LegacyFormat
            | SheetError::TooSlow => None,
        }
    }
}

/// Rows a sheet may span, first used row to last. A plenum has at most a few
/// thousand delegates; the roster import refuses more than 2,000 rows itself.
pub const MAX_ROWS: usize = 10_000;
/// Columns a sheet may span, first used column to last: a roster has a handful.
pub const MAX_COLUMNS: usize = 64;
/// Cells of the grid the rows are built from (rows spanned × columns spanned),
/// and used cells in the file.
pub const MAX_CELLS: usize = 200_000;
/// Text of one cell, in bytes: a name, a title or a unit is far shorter.
pub const MAX_CELL_BYTES: usize = 4 * 1024;
/// Text of all cells together, in bytes, so that many cells citing one long
/// shared string cannot add up to gigabytes.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;
/// Bytes a spreadsheet (a ZIP archive) may unpack to, all parts together. An
/// upload is at most 1 MB, and XML compresses about tenfold; a ZIP bomb
/// inflates a thousandfold and more.
pub const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;
/// Parts (files) in a spreadsheet's archive: a workbook has a few dozen.
pub const MAX_PARTS: usize = 1_000;

/// How much of a spreadsheet is read before it is refused. Every bound is
/// checked as the file is read, before anything of its size is allocated, so
/// a small hostile file cannot make the server allocate gigabytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub rows: usize,
    pub columns: usize,
    pub cells: usize,
    pub cell_bytes: usize,
    pub text_bytes: usize,
    pub unpacked_bytes: u64,
    pub parts: usize,
    /// When reading must stop: the readers check it in their loops.
    pub deadline: Deadline,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            rows: MAX_ROWS,
            columns: MAX_COLUMNS,
            cells: MAX_CELLS,
            cell_bytes: MAX_CELL_BYTES,
            text_bytes: MAX_TEXT_BYTES,
            unpacked_bytes: MAX_UNPACKED_BYTES,
            parts: MAX_PARTS,
            deadline: Deadline::NONE,
        }
    }
}

/// Read a CSV file or the first sheet of a spreadsheet, within the default [`Limits`].
pub fn read_table(bytes: &[u8]) -> Result<Table, SheetError> {
    read_table_within(bytes, &Limits::default())
}

/// Read a CSV file or the first sheet of a spreadsheet. A CSV file is read
/// as it is: its rows take no more memory than its bytes, and the upload is
/// bounded in size. A spreadsheet is bounded by `limits`.
pub fn read_table_within(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SheetError::Empty);
    }
    match Format::sniff(bytes) {
        Format::Csv => read_csv(bytes, limits),
        Format::Spreadsheet => super::spreadsheet::read(bytes, limits),
    }
}

/// What files that are not tables begin with, among those people upload by
/// mistake: PNG, JPEG, GIF and WebP images, PDF, RAR and 7-Zip archives.
const NOT_TABLES: [&[u8]; 7] = [b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"RIFF", b"%PDF", b"Rar!", b"7z\xBC\xAF"];

/// Text has no control characters but line breaks and tabs; a binary file
/// read as text has many. A few stray ones (a form feed) are let through.
fn looks_binary(text: &str) -> bool {
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n')).count();
    text.contains('\0') || controls * 100 > text.chars().count()
}

fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    if NOT_TABLES.iter().any(|magic| bytes.starts_with(magic)) {
        return Err(SheetError::NotATable);
    }
    let decoded = encoding::decode(bytes);
    if looks_binary(&decoded.text) {
        return Err(SheetError::NotATable);
    }
    let rows = delimited::rows(&decoded.text, delimited::delimiter(&decoded.text), limits)?;
    let rows = rows
        .into_iter()
        .map(|(line, cells)| TableRow {
            line,
            // Only bytes the decoder had to replace are flagged, not a U+FFFD the file holds.
            bad_encoding: decoded.lossy && cells.iter().any(|c| c.contains(char::REPLACEMENT_CHARACTER)),
            cells,
        })
        .collect();
    Ok(Table { format: Format::Csv, encoding: Some(decoded.encoding), rows })
}

/// A cell as people typed it.
pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        // Whole numbers typed in a cell (a group "1") come back as floats.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cells(t: &Table) -> Vec<Vec<&str>> {
        t.rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn csv_with_bom_quotes_and_a_semicolon_separator() {
        let t = read_table("\u{feff}Họ và tên;Đơn vị\n\"Lê Văn A\";\"Quận 1; Hà Nội\"\n".as_bytes()).unwrap();
        assert_eq!(t.format, Format::Csv);
        assert_eq!(cells(&t), vec![vec!["Họ và tên", "Đơn vị"], vec!["Lê Văn A", "Quận 1; Hà Nội"]]);
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn damaged_utf8_is_flagged_on_its_own_row() {
        let mut bytes = "Họ và tên,Đơn vị\nAn,Hà Nội\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Nguy\xean,Y\nBinh,Z\n"); // "Nguyên" in Windows-1258, pasted into UTF-8
        let t = read_table(&bytes).unwrap();
        assert_eq!(t.encoding, Some(Encoding::Utf8));
        assert_eq!(
            t.rows.iter().map(|r| (r.line, r.bad_encoding)).collect::<Vec<_>>(),
            vec![(1, false), (2, false), (3, true), (4, false)]
        );
        assert_eq!(t.rows[2].cells[0], "Nguy\u{fffd}n");
    }

    /// As Vietnamese Excel saves "CSV (Comma delimited)": Windows-1258, tone
    /// marks decomposed, semicolons, a title line above the header.
    #[test]
    fn a_windows_1258_csv_from_vietnamese_excel() {
        let bytes = b"DANH S\xC1CH \xD0A\xF2I BI\xCA\xD2U;;\r\nHo\xF2 va\xCC t\xEAn;Vai tro\xCC;T\xF4\xD2\r\nNguy\xEA\xDEn V\xE3n A;u\xD2y vi\xEAn;T\xF4\xD2 1\r\n";
        let t = read_table(bytes).unwrap();
        assert_eq!(t.encoding, Some(Encoding::Windows1258));
        assert_eq!(
            cells(&t),
            vec![
                vec!["DANH SÁCH ĐẠI BIỂU", "", ""],
                vec!["Họ và tên", "Vai trò", "Tổ"],
                vec!["Nguyễn Văn A", "ủy viên", "Tổ 1"]
            ]
        );
        assert!(t.rows.iter().all(|r| !r.bad_encoding));
    }

    #[test]
    fn a_renamed_image_or_binary_file_is_not_a_table() {
        assert_eq!(read_table(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(SheetError::NotATable));
        assert_eq!(read_table(b"%PDF-1.7\n"), Err(SheetError::NotATable));
        let mut noise: Vec<u8> = (0u8..=255).cycle().take(2000).collect();
        noise.insert(0, b'x');
        assert_eq!(read_table(&noise), Err(SheetError::NotATable));
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        let t = read_table("Họ và tên,Vai trò\n\"Lê Văn A,ủy viên\nPhạm C,khách mời\n".as_bytes());
        assert_eq!(t, Err(SheetError::UnclosedQuote { line: 2 }));
    }

    #[test]
    fn excel_unicode_text_is_utf16_with_tabs() {
        let text = "Họ và tên\tTổ\r\nTrần Thị Bình\tTổ 2\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let t = read_table(&bytes).unwrap();
        assert_eq!(t.encoding, Some(Encoding::Utf16Le));
        assert_eq!(cells(&t), vec![vec!["Họ và tên", "Tổ"], vec!["Trần Thị Bình", "Tổ 2"]]);
    }

    #[test]
    fn reading_stops_once_its_deadline_has_passed() {
        let passed = Limits { deadline: Deadline::after(std::time::Duration::ZERO), ..Limits::default() };
        assert_eq!(read_table_within(b"name,unit\nAn,X\n", &passed).unwrap_err(), SheetError::TooSlow);
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "Họ và tên").unwrap();
        let xlsx = book.save_to_buffer().unwrap();
        assert_eq!(read_table_within(&xlsx, &passed).unwrap_err(), SheetError::TooSlow);
        assert!(read_table_within(&xlsx, &Limits::default()).is_ok());
    }

    #[test]
    fn xlsx_rows_keep_their_sheet_row_numbers() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(1, 0, "DANH SÁCH ĐẠI BIỂU").unwrap();
        sheet.write_string(3, 0, "Họ và tên").unwrap();
        sheet.write_string(3, 1, "Tổ").unwrap();
        sheet.write_string(4, 0, "Phạm Văn Cường").unwrap();
        sheet.write_number(4, 1, 3.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let t = read_table(&bytes).unwrap();
        assert_eq!(t.format, Format::Spreadsheet);
        let rows: Vec<_> = t
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .map(|r| (r.line, r.cells.clone()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (2, vec!["DANH SÁCH ĐẠI BIỂU".to_string(), String::new()]),
                (4, vec!["Họ và tên".into(), "Tổ".into()]),
                (5, vec!["Phạm Văn Cường".into(), "3".into()])
            ]
        );
    }

    #[test]
    fn empty_and_corrupt_files_are_refused() {
        assert_eq!(read_table(b"  \n"), Err(SheetError::Empty));
        assert!(matches!(read_table(b"PK\x03\x04not really a zip"), Err(SheetError::Unreadable(_))));
    }

    proptest! {
        /// Whatever cells a CSV writer produces, we read them back as written.
        #[test]
        fn csv_round_trips(rows in proptest::collection::vec(proptest::collection::vec("[^\\p{Cc}\u{feff}]{0,12}", 3), 1..8)) {
            let mut w = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(Vec::new());
            for r in &rows {
                w.write_record(r).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let t = read_table(&bytes);
            if rows.iter().flatten().all(|c| c.trim().is_empty()) {
                return Ok(());
            }
            let t = t.unwrap();
            let nfc: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| plenum_core::text::nfc(c)).collect()).collect();
            prop_assert_eq!(t.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>(), nfc);
        }
    }
}
