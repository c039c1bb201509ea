//! Measuring an ODS sheet before calamine expands it. `content.xml` may say
//! "this cell, 16,384 times" (`table:number-columns-repeated`) and "this row,
//! a million times" (`table:number-rows-repeated`), and calamine materializes
//! every repeat of a row or cell that holds something, over the box from the
//! first used row and column to the last. That box, the cells and their text
//! are counted here, repeats included, against the same [`Limits`] as
//! streamed cells. A cell with children counts as used even when calamine
//! would find it empty: the measure errs on the side of refusing.

use std::io::{BufRead, BufReader, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::sheet::{Limits, SheetError};
use super::spreadsheet::unreadable;

/// Check every table of an ODS `content.xml`: calamine reads them all.
pub(crate) fn check_content(xml: impl Read, limits: &Limits) -> Result<(), SheetError> {
    let mut reader = Reader::from_reader(BufReader::new(xml));
    let mut buf = Vec::new();
    let mut workbook = Workbook::default();
    let mut table: Option<TableBox> = None;
    loop {
        if limits.deadline.passed() {
            return Err(SheetError::TooSlow);
        }
        match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) if e.name().as_ref() == b"table:table" => table = Some(TableBox::default()),
            Event::End(e) if e.name().as_ref() == b"table:table" => {
                if let Some(t) = table.take() {
                    workbook.cells += t.cells();
                }
            }
            Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
                let repeats = repeats(&e, b"table:number-rows-repeated")?;
                let row = measure_row(&mut reader, limits)?;
                if let Some(t) = table.as_mut() {
                    t.add(row, repeats, &mut workbook, limits)?;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// What the tables measured so far materialize, all together.
#[derive(Default)]
struct Workbook {
    cells: u64,
    text_bytes: u64,
}

/// One row as calamine keeps it: from column 0 to its last used cell.
struct Row {
    /// The first and one past the last used column, repeats included; `None`: nothing used.
    used: Option<(u64, u64)>,
    text_bytes: u64,
}

/// The box of a table's used rows and columns, repeats included.
#[derive(Default)]
struct TableBox {
    rows: u64,
    /// Empty rows after a used one: they count only once a used row follows.
    empty_rows: u64,
    columns: Option<(u64, u64)>,
}

impl TableBox {
    fn cells(&self) -> u64 {
        self.rows.saturating_mul(self.columns.map_or(0, |(first, end)| end - first))
    }

    fn add(&mut self, row: Row, repeats: u64, workbook: &mut Workbook, limits: &Limits) -> Result<(), SheetError> {
        let Some((first, end)) = row.used else {
            if self.rows > 0 {
                self.empty_rows = self.empty_rows.saturating_add(repeats);
            }
            return Ok(());
        };
        self.rows = self.rows.saturating_add(self.empty_rows).saturating_add(repeats);
        self.empty_rows = 0;
        if self.rows > limits.rows as u64 {
            return Err(SheetError::TooManyRows { max: limits.rows });
        }
        let (left, right) = self.columns.get_or_insert((first, end));
        (*left, *right) = ((*left).min(first), (*right).max(end));
        if *right - *left > limits.columns as u64 {
            return Err(SheetError::TooManyColumns { max: limits.columns });
        }
        if workbook.cells.saturating_add(self.cells()) > limits.cells as u64 {
            return Err(SheetError::TooManyCells { max: limits.cells });
        }
        workbook.text_bytes = workbook.text_bytes.saturating_add(row.text_bytes.saturating_mul(repeats));
        if workbook.text_bytes > limits.text_bytes as u64 {
            return Err(SheetError::TooLarge { max: limits.text_bytes as u64 });
        }
        Ok(())
    }
}

/// How many times an element stands repeated; once when not said.
fn repeats(e: &BytesStart, attr: &[u8]) -> Result<u64, SheetError> {
    match e.try_get_attribute(attr).map_err(unreadable)? {
        None => Ok(1),
        Some(a) => std::str::from_utf8(&a.value)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| SheetError::Unreadable(format!("{} is not a count", String::from_utf8_lossy(attr)))),
    }
}

fn is_cell(e: &BytesStart) -> bool {
    matches!(e.name().as_ref(), b"table:table-cell" | b"table:covered-table-cell")
}

/// Measure the cells of a row, up to its end tag.
fn measure_row<R: BufRead>(reader: &mut Reader<R>, limits: &Limits) -> Result<Row, SheetError> {
    let mut buf = Vec::new();
    let mut row = Row { used: None, text_bytes: 0 };
    let (mut column, mut empty_run) = (0u64, 0u64);
    loop {
        if limits.deadline.passed() {
            return Err(SheetError::TooSlow);
        }
        let (repeats, text_bytes, used) = match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Empty(e) if is_cell(&e) => {
                let value = attribute_bytes(&e)?;
                (repeats(&e, b"table:number-columns-repeated")?, value.unwrap_or(0), value.is_some())
            }
            Event::Start(e) if is_cell(&e) => {
                let (repeats, value) = (repeats(&e, b"table:number-columns-repeated")?, attribute_bytes(&e)?);
                let text = text_bytes(reader)?;
                (repeats, value.map_or(text, |v| v.max(text)), true)
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => return Ok(row),
            Event::Eof => return Err(SheetError::Unreadable("content.xml ends inside a row".into())),
            _ => {
                buf.clear();
                continue;
            }
        };
        buf.clear();
        if !used {
            empty_run = empty_run.saturating_add(repeats);
            continue;
        }
        if text_bytes > limits.cell_bytes as u64 {
            return Err(SheetError::CellTooLong { max: limits.cell_bytes });
        }
        column = column.saturating_add(empty_run);
        empty_run = 0;
        let first = row.used.map_or(column, |(first, _)| first);
        column = column.saturating_add(repeats);
        row.used = Some((first, column));
        row.text_bytes = row.text_bytes.saturating_add(text_bytes.saturating_mul(repeats));
        // calamine keeps every column of the row up to its last used cell.
        if column > limits.cells as u64 {
            return Err(SheetError::TooManyCells { max: limits.cells });
        }
        if column - first > limits.columns as u64 {
            return Err(SheetError::TooManyColumns { max: limits.columns });
        }
    }
}

/// A cell's value given in its attributes (`office:value-type` and the value
/// attributes), as the bytes of its longest one; `None` when it has none.
fn attribute_bytes(e: &BytesStart) -> Result<Option<u64>, SheetError> {
    let mut longest = None;
    for a in e.attributes() {
        let a = a.map_err(unreadable)?;
        let key = a.key.as_ref();
        if key.starts_with(b"office:") || key == b"table:formula" {
            longest = Some(longest.unwrap_or(0).max(a.value.len() as u64));
        }
    }
    Ok(longest)
}

/// The bytes of text inside a cell, up to its end tag.
fn text_bytes<R: BufRead>(reader: &mut Reader<R>) -> Result<u64, SheetError> {
    let mut buf = Vec::new();
    let (mut depth, mut bytes) = (1usize, 0u64);
    loop {
        match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(bytes);
                }
            }
            Event::Text(t) => bytes = bytes.saturating_add(t.len() as u64),
            Event::CData(t) => bytes = bytes.saturating_add(t.len() as u64),
            Event::Eof => return Err(SheetError::Unreadable("content.xml ends inside a cell".into())),
            _ => {}
        }
        buf.clear();
    }
}
