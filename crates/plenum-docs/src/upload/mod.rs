//! Reading what people upload: drafts and reports (PDF, DOCX, Markdown, plain
//! text) into passages, and spreadsheets and CSV files into plain grids of
//! text. What the passages and rows mean is decided in `plenum-core`.

mod document;
mod docx;
mod sheet;

pub use document::{read, sniff};
pub use sheet::{read_table, Format, SheetError, Table, TableRow};
