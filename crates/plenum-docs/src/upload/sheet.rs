//! Reading an uploaded table: a CSV file (UTF-8, with or without BOM, or
//! Excel's UTF-16 "Unicode text") or a spreadsheet (XLSX, XLS, XLSB, ODS),
//! into rows of text. Nothing here knows what the columns mean.

use calamine::Data;

use super::Deadline;

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
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("the file is empty")]
    Empty,
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

fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    let utf16;
    let bytes = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16 = decode_utf16le(rest);
        utf16.as_bytes()
    } else {
        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
    };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter(bytes)).from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        if limits.deadline.passed() {
            return Err(SheetError::TooSlow);
        }
        let line = reader.position().line() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut bad_encoding = false;
                let cells = record
                    .iter()
                    .map(|f| match std::str::from_utf8(f) {
                        Ok(s) => s.to_string(),
                        Err(_) => {
                            bad_encoding = true;
                            String::from_utf8_lossy(f).into_owned()
                        }
                    })
                    .collect();
                rows.push(TableRow {
                    line: record.position().map(|p| p.line() as usize).unwrap_or(line),
                    cells,
                    bad_encoding,
                });
            }
            Err(e) => return Err(SheetError::BadCsv(e.to_string())),
        }
    }
    Ok(Table { format: Format::Csv, rows })
}

/// The separator of the first line: comma, semicolon (spreadsheets set up for
/// a decimal comma) or tab (Excel's "Unicode text"), whichever occurs most.
/// Separators inside quoted cells do not count.
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts {
        [c, s, t] if s > c && s >= t => b';',
        [c, _, t] if t > c => b'\t',
        _ => b',',
    }
}

fn decode_utf16le(bytes: &[u8]) -> String {
    let units = bytes.chunks(2).map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
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
    fn invalid_utf8_is_flagged_on_its_own_row() {
        let mut bytes = b"name,unit\nAn,X\n".to_vec();
        bytes.extend_from_slice(b"Nguy\xean,Y\nBinh,Z\n"); // "Nguyên" in Windows-1258/Latin-1
        let t = read_table(&bytes).unwrap();
        assert_eq!(
            t.rows.iter().map(|r| (r.line, r.bad_encoding)).collect::<Vec<_>>(),
            vec![(1, false), (2, false), (3, true), (4, false)]
        );
        assert_eq!(t.rows[2].cells[0], "Nguy\u{fffd}n");
    }

    #[test]
    fn excel_unicode_text_is_utf16_with_tabs() {
        let text = "Họ và tên\tTổ\r\nTrần Thị Bình\tTổ 2\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let t = read_table(&bytes).unwrap();
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
        fn csv_round_trips(rows in proptest::collection::vec(proptest::collection::vec("[^\u{0}\u{feff}]{0,12}", 3), 1..8)) {
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
            prop_assert_eq!(t.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>(), rows);
        }
    }
}
