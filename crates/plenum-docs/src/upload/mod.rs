//! Reading what people upload: drafts and reports (PDF, DOCX, Markdown, plain
//! text) into passages, and spreadsheets and CSV files into plain grids of
//! text. What the passages and rows mean is decided in `plenum-core`.

mod deadline;
mod delimited;
mod document;
mod docx;
mod encoding;
mod ods;
mod sheet;
mod spreadsheet;

pub use deadline::Deadline;
pub use document::{read, read_within, sniff};
pub use encoding::Encoding;
pub use sheet::{
    read_table, read_table_within, Format, Limits, SheetError, Table, TableRow, MAX_CELLS, MAX_CELL_BYTES, MAX_COLUMNS,
    MAX_PARTS, MAX_ROWS, MAX_TEXT_BYTES, MAX_UNPACKED_BYTES,
};
