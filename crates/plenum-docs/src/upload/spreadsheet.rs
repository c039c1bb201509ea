//! The first sheet of an uploaded spreadsheet, read within [`Limits`].
//!
//! calamine builds a dense grid spanning the used cells' extents, whatever the
//! sheet declares, so one cell at A1 and one at XFD1048576 would ask for
//! 512 GiB. Here nothing is handed to calamine before its archive has been
//! unpacked once, counting the bytes actually inflated; XLSX and XLSB cells
//! are streamed and bounded one by one, and an ODS sheet, which calamine
//! expands whole with its repeats, is measured beforehand ([`super::ods`]).

use std::io::{self, Cursor, Read};

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets, XlsxError};

use super::sheet::{cell_text, Format, Limits, SheetError, Table, TableRow};

/// The signature of an OLE compound file: Excel 97–2003 (.xls), or an encrypted workbook.
const OLE: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

pub(crate) fn unreadable(e: impl ToString) -> SheetError {
    SheetError::Unreadable(e.to_string())
}

pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    // calamine reads an .xls file's every sheet into full grids as it opens it.
    if bytes.starts_with(&OLE) {
        return Err(SheetError::LegacyFormat);
    }
    check_archive(bytes, limits)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(SheetError::Empty);
    };
    let mut grid = Grid::new(limits);
    match &mut book {
        Sheets::Xlsx(book) => {
            let mut cells = match book.worksheet_cells_reader(&name) {
                Ok(cells) => cells,
                // A chart sheet first: no cells, as calamine's own range reading has it.
                Err(XlsxError::NotAWorksheet(_)) => return Ok(grid.into_table()),
                Err(e) => return Err(unreadable(e)),
            };
            while let Some(cell) = cells.next_cell().map_err(unreadable)? {
                grid.add(cell.get_position(), Data::from(cell.get_value().clone()))?;
            }
        }
        Sheets::Xlsb(book) => {
            let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
            while let Some(cell) = cells.next_cell().map_err(unreadable)? {
                grid.add(cell.get_position(), Data::from(cell.get_value().clone()))?;
            }
        }
        // Measured before it was opened, so its range is within the limits.
        Sheets::Ods(book) => {
            let range = book.worksheet_range(&name).map_err(unreadable)?;
            let (top, left) = range.start().unwrap_or((0, 0));
            for (row, col, value) in range.used_cells() {
                grid.add((top + row as u32, left + col as u32), value.clone())?;
            }
        }
        Sheets::Xls(_) => return Err(SheetError::LegacyFormat),
    }
    Ok(grid.into_table())
}

/// Unpack every part of the archive once, counting what is inflated rather
/// than what the archive declares, and measure an ODS sheet's content.
fn check_archive(bytes: &[u8], limits: &Limits) -> Result<(), SheetError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if archive.len() > limits.parts {
        return Err(SheetError::TooManyParts { max: limits.parts });
    }
    let too_large = SheetError::TooLarge { max: limits.unpacked_bytes };
    let mut left = limits.unpacked_bytes;
    for i in 0..archive.len() {
        if limits.deadline.passed() {
            return Err(SheetError::TooSlow);
        }
        let part = archive.by_index(i).map_err(unreadable)?;
        let inflated = io::copy(&mut part.take(left + 1), &mut io::sink()).map_err(unreadable)?;
        left = left.checked_sub(inflated).ok_or(too_large.clone())?;
    }
    // Only an ODS file has this part, but calamine tries ODS on any archive
    // that is neither XLSX nor XLSB, so it is measured wherever it is.
    if let Ok(content) = archive.by_name("content.xml") {
        super::ods::check_content(content.take(limits.unpacked_bytes), limits)?;
    }
    Ok(())
}

/// The used cells of a sheet as they come, bounded as they come, and laid
/// out at the end as rows from the first used row to the last and columns
/// from the first used column to the last: the shape calamine's range has.
struct Grid<'a> {
    limits: &'a Limits,
    cells: Vec<((u32, u32), String)>,
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
    text_bytes: usize,
}

/// Widen a span of rows or columns to take `at`, returning its new length.
fn widen(span: &mut Option<(u32, u32)>, at: u32) -> usize {
    let (first, last) = span.get_or_insert((at, at));
    (*first, *last) = ((*first).min(at), (*last).max(at));
    (*last - *first) as usize + 1
}

impl<'a> Grid<'a> {
    fn new(limits: &'a Limits) -> Self {
        Grid { limits, cells: Vec::new(), rows: None, columns: None, text_bytes: 0 }
    }

    fn add(&mut self, (row, col): (u32, u32), value: Data) -> Result<(), SheetError> {
        if value == Data::Empty {
            return Ok(());
        }
        let limits = self.limits;
        if limits.deadline.passed() {
            return Err(SheetError::TooSlow);
        }
        if self.cells.len() >= limits.cells {
            return Err(SheetError::TooManyCells { max: limits.cells });
        }
        let text = cell_text(&value);
        if text.len() > limits.cell_bytes {
            return Err(SheetError::CellTooLong { max: limits.cell_bytes });
        }
        self.text_bytes += text.len();
        if self.text_bytes > limits.text_bytes {
            return Err(SheetError::TooLarge { max: limits.text_bytes as u64 });
        }
        let height = widen(&mut self.rows, row);
        if height > limits.rows {
            return Err(SheetError::TooManyRows { max: limits.rows });
        }
        let width = widen(&mut self.columns, col);
        if width > limits.columns {
            return Err(SheetError::TooManyColumns { max: limits.columns });
        }
        if height * width > limits.cells {
            return Err(SheetError::TooManyCells { max: limits.cells });
        }
        self.cells.push(((row, col), text));
        Ok(())
    }

    fn into_table(self) -> Table {
        let (Some((top, bottom)), Some((left, right))) = (self.rows, self.columns) else {
            return Table { format: Format::Spreadsheet, encoding: None, rows: Vec::new() };
        };
        let width = (right - left) as usize + 1;
        let mut rows: Vec<TableRow> = (top..=bottom)
            .map(|r| TableRow { line: r as usize + 1, cells: vec![String::new(); width], bad_encoding: false })
            .collect();
        // A later cell at the same place wins, as in calamine's range.
        for ((row, col), text) in self.cells {
            rows[(row - top) as usize].cells[(col - left) as usize] = text;
        }
        Table { format: Format::Spreadsheet, encoding: None, rows }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use calamine::open_workbook_auto_from_rs;
    use proptest::prelude::*;
    use zip::write::SimpleFileOptions;

    use crate::upload::sheet::*;

    fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

    /// An XLSX file written by hand, so that it can say what no spreadsheet program would.
    fn xlsx_with(dimension: &str, cells: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
        );
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("_rels/.rels", RELS.as_bytes()),
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        parts.extend_from_slice(extra);
        archive(&parts)
    }

    fn text_cell(at: &str, text: &str) -> String {
        format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    fn xlsx(cells: &[(&str, &str)]) -> Vec<u8> {
        xlsx_with("A1", &cells.iter().map(|(at, text)| text_cell(at, text)).collect::<String>(), &[])
    }

    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

    /// An ODS file with one table of the given rows.
    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Danh sách">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        archive(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", MANIFEST.as_bytes()),
            ("content.xml", content.as_bytes()),
        ])
    }

    fn ods_row(rows_repeated: u64, cells: &str) -> String {
        format!(r#"<table:table-row table:number-rows-repeated="{rows_repeated}">{cells}</table:table-row>"#)
    }

    fn ods_cell(columns_repeated: u64, text: &str) -> String {
        if text.is_empty() {
            return format!(r#"<table:table-cell table:number-columns-repeated="{columns_repeated}"/>"#);
        }
        format!(
            r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{columns_repeated}"><text:p>{text}</text:p></table:table-cell>"#
        )
    }

    fn small() -> Limits {
        Limits {
            rows: 4,
            columns: 3,
            cells: 8,
            cell_bytes: 16,
            text_bytes: 64,
            unpacked_bytes: 1 << 20,
            parts: 8,
            deadline: crate::Deadline::NONE,
        }
    }

    fn lines_and_cells(t: &Table) -> Vec<(usize, Vec<&str>)> {
        t.rows.iter().map(|r| (r.line, r.cells.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn a_cell_at_the_far_corner_of_the_sheet_is_refused_before_any_grid_is_built() {
        // A1 and XFD1048576: calamine's range would ask for 2^34 cells, 512 GiB.
        let bytes = xlsx_with("A1", &(text_cell("A1", "Họ và tên") + r#"<c r="XFD1048576"><v>1</v></c>"#), &[]);
        assert!(bytes.len() < 2048, "a file of {} bytes", bytes.len());
        assert_eq!(read_table(&bytes), Err(SheetError::TooManyRows { max: MAX_ROWS }));
        let wide = xlsx(&[("A1", "Họ và tên"), ("XFD1", "x")]);
        assert_eq!(read_table(&wide), Err(SheetError::TooManyColumns { max: MAX_COLUMNS }));
    }

    #[test]
    fn rows_and_columns_are_bounded_by_the_cells_not_by_the_declared_dimension() {
        // 100 columns by 100,000 rows, declared and spanned by two cells.
        let spanning = xlsx_with("A1:CV100000", &(text_cell("A1", "a") + &text_cell("CV100000", "b")), &[]);
        assert_eq!(read_table(&spanning), Err(SheetError::TooManyRows { max: MAX_ROWS }));
        // The same declaration over two small rows is read as the two rows.
        let declared = xlsx_with("A1:CV100000", &(text_cell("A1", "a") + &text_cell("B2", "b")), &[]);
        assert_eq!(lines_and_cells(&read_table(&declared).unwrap()), vec![(1, vec!["a", ""]), (2, vec!["", "b"])]);
    }

    #[test]
    fn each_bound_admits_its_limit_and_refuses_one_more() {
        let limits = small();
        let column = |n: usize| {
            xlsx(
                &(1..=n)
                    .map(|r| (format!("B{r}"), "x"))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(|(a, t)| (a.as_str(), *t))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(read_table_within(&column(4), &limits).unwrap().rows.len(), 4);
        assert_eq!(read_table_within(&column(5), &limits), Err(SheetError::TooManyRows { max: 4 }));

        let row = xlsx(&[("B2", "x"), ("D2", "y")]);
        assert_eq!(lines_and_cells(&read_table_within(&row, &limits).unwrap()), vec![(2, vec!["x", "", "y"])]);
        let row = xlsx(&[("B2", "x"), ("E2", "y")]);
        assert_eq!(read_table_within(&row, &limits), Err(SheetError::TooManyColumns { max: 3 }));

        // Three rows of three columns: nine cells in the grid, one more than eight.
        let grid = xlsx(&[("A1", "x"), ("C3", "y")]);
        assert_eq!(read_table_within(&grid, &limits), Err(SheetError::TooManyCells { max: 8 }));
        let grid = xlsx(&[("A1", "x"), ("C2", "y")]);
        assert_eq!(read_table_within(&grid, &limits).unwrap().rows.len(), 2);

        let long = "x".repeat(16);
        assert!(read_table_within(&xlsx(&[("A1", &long)]), &limits).is_ok());
        let longer = "Đ".repeat(9); // 18 bytes
        assert_eq!(read_table_within(&xlsx(&[("A1", &longer)]), &limits), Err(SheetError::CellTooLong { max: 16 }));
    }

    #[test]
    fn many_cells_citing_one_long_shared_string_are_bounded_by_their_text() {
        let shared = format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{}</t></si></sst>"#,
            "x".repeat(16)
        );
        let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
        let cells: String =
            ["A1", "B1", "C1", "A2", "B2"].iter().map(|at| format!(r#"<c r="{at}" t="s"><v>0</v></c>"#)).collect();
        let bytes = xlsx_with("A1", &cells, &[("xl/sharedStrings.xml", shared.as_bytes())]);
        let bytes = {
            // The workbook's relationships, replaced by ones that name the shared strings.
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut parts = Vec::new();
            for i in 0..zip.len() {
                let mut f = zip.by_index(i).unwrap();
                let mut body = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut body).unwrap();
                let body = if f.name() == "xl/_rels/workbook.xml.rels" { rels.as_bytes().to_vec() } else { body };
                parts.push((f.name().to_string(), body));
            }
            archive(&parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect::<Vec<_>>())
        };
        let four = Limits { text_bytes: 64, ..small() };
        assert_eq!(read_table_within(&bytes, &four), Err(SheetError::TooLarge { max: 64 }));
        let five = Limits { text_bytes: 80, ..small() };
        assert_eq!(
            read_table_within(&bytes, &five).unwrap().rows[1].cells,
            vec!["x".repeat(16), "x".repeat(16), String::new()]
        );
    }

    #[test]
    fn a_zip_bomb_is_refused_by_the_bytes_it_inflates_to() {
        let zeros = vec![0u8; 2 << 20];
        let bomb = xlsx_with("A1", &text_cell("A1", "x"), &[("xl/media/image1.png", &zeros)]);
        assert!(bomb.len() < 64 * 1024, "2 MiB of zeros deflate to {} bytes", bomb.len());
        let limits = Limits { unpacked_bytes: 2 << 20, ..small() };
        assert_eq!(read_table_within(&bomb, &limits), Err(SheetError::TooLarge { max: 2 << 20 }));

        // At the bound exactly, the file is read.
        let plain = xlsx(&[("A1", "x")]);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&plain[..])).unwrap();
        let unpacked: u64 = (0..zip.len()).map(|i| zip.by_index(i).unwrap().size()).sum();
        let at = Limits { unpacked_bytes: unpacked, ..small() };
        assert!(read_table_within(&plain, &at).is_ok());
        let below = Limits { unpacked_bytes: unpacked - 1, ..small() };
        assert_eq!(read_table_within(&plain, &below), Err(SheetError::TooLarge { max: unpacked - 1 }));

        let big_bomb = xlsx_with("A1", &text_cell("A1", "x"), &[("xl/media/image1.png", &vec![0u8; 40 << 20])]);
        assert_eq!(read_table(&big_bomb), Err(SheetError::TooLarge { max: MAX_UNPACKED_BYTES }));
    }

    #[test]
    fn an_archive_of_too_many_parts_is_refused() {
        let names: Vec<String> = (0..9).map(|i| format!("xl/media/image{i}.png")).collect();
        let extra: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let limits = Limits { parts: 12, ..small() };
        assert_eq!(
            read_table_within(&xlsx_with("A1", &text_cell("A1", "x"), &extra[..8]), &limits).map(|t| t.rows.len()),
            Ok(1)
        );
        assert_eq!(
            read_table_within(&xlsx_with("A1", &text_cell("A1", "x"), &extra), &limits),
            Err(SheetError::TooManyParts { max: 12 })
        );
    }

    #[test]
    fn ods_repeats_are_counted_before_calamine_expands_them() {
        let wide = ods(&ods_row(1, &ods_cell(16_384, "x")));
        assert_eq!(read_table(&wide), Err(SheetError::TooManyColumns { max: MAX_COLUMNS }));
        let tall = ods(&ods_row(1_000_000, &ods_cell(3, "x")));
        assert_eq!(read_table(&tall), Err(SheetError::TooManyRows { max: MAX_ROWS }));
        let both = ods(&ods_row(1_000_000, &ods_cell(1_000_000, "x")));
        // A million used columns in one row: calamine would keep them all before trimming.
        assert_eq!(read_table(&both), Err(SheetError::TooManyCells { max: MAX_CELLS }));
        // Empty rows between used ones count; a used cell far to the right keeps every column before it.
        let limits = small();
        let gap =
            ods(&(ods_row(1, &ods_cell(1, "x")) + &ods_row(3, &ods_cell(1, "")) + &ods_row(1, &ods_cell(1, "y"))));
        assert_eq!(read_table_within(&gap, &limits), Err(SheetError::TooManyRows { max: 4 }));
        let far = ods(&ods_row(1, &(ods_cell(9, "") + &ods_cell(1, "x"))));
        assert_eq!(read_table_within(&far, &limits), Err(SheetError::TooManyCells { max: 8 }));
        let text = ods(&ods_row(3, &ods_cell(3, &"x".repeat(8))));
        assert_eq!(read_table_within(&text, &Limits { cells: 9, ..limits }), Err(SheetError::TooLarge { max: 64 }));
    }

    #[test]
    fn ods_rows_read_as_calamine_reads_them() {
        // Repeated cells and rows, and the trailing empty rows and columns
        // a spreadsheet program writes to the end of the sheet.
        let rows = ods_row(1, &(ods_cell(1, "") + &ods_cell(1, "") + &ods_cell(1, "")))
            + &ods_row(2, &(ods_cell(1, "") + &ods_cell(2, "Tổ 1") + &ods_cell(1_000, "")))
            + &ods_row(1, &(ods_cell(2, "") + &ods_cell(1, "Lê Văn A")))
            + &ods_row(1_048_000, &ods_cell(16_384, ""));
        let t = read_table(&ods(&rows)).unwrap();
        assert_eq!(
            lines_and_cells(&t),
            vec![(2, vec!["Tổ 1", "Tổ 1"]), (3, vec!["Tổ 1", "Tổ 1"]), (4, vec!["", "Lê Văn A"])]
        );
    }

    #[test]
    fn old_excel_files_are_refused_with_their_own_error() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(512, 0);
        assert_eq!(read_table(&ole), Err(SheetError::LegacyFormat));
    }

    /// The rows as they were read before cells were streamed: calamine's whole range.
    fn rows_of_calamine_range(bytes: &[u8]) -> Vec<TableRow> {
        use calamine::Reader;
        let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
        range
            .rows()
            .enumerate()
            .map(|(i, cells)| TableRow {
                line: first_row + i + 1,
                cells: cells.iter().map(cell_text).collect(),
                bad_encoding: false,
            })
            .collect()
    }

    proptest! {
        /// Streamed cells are laid out as calamine's range lays them out.
        #[test]
        fn streamed_rows_match_calamine_range(
            cells in prop::collection::vec((0u32..40, 0u16..12, prop_oneof![
                "[a-zA-Zà-ỹ ]{0,8}".prop_map(Some),
                Just(None),
            ], -1e6f64..1e6), 1..30),
        ) {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for (row, col, text, number) in &cells {
                match text {
                    Some(t) => sheet.write_string(*row, *col, t).map(|_| ()).unwrap(),
                    None => sheet.write_number(*row, *col, number.round()).map(|_| ()).unwrap(),
                }
            }
            let bytes = book.save_to_buffer().unwrap();
            prop_assert_eq!(read_table(&bytes).unwrap().rows, rows_of_calamine_range(&bytes));
        }
    }
}
