//! Plenum's documents in and out. Printable documents are typeset with Typst
//! as a library, in Liberation Serif (metric-compatible with Times New Roman,
//! as Hướng dẫn 36-HD/VPTW expects), shipped in `assets/fonts/` so nothing
//! needs installing where Plenum runs. What people upload (drafts, reports,
//! spreadsheets, CSV files) is read in [`upload`]; what it means is decided
//! in `plenum-core`.

#[cfg(feature = "pdf")]
mod badges;
#[cfg(feature = "export")]
pub mod export;
pub mod upload;
#[cfg(feature = "pdf")]
mod world;

#[cfg(feature = "pdf")]
pub use badges::{badges_pdf, qr_svg, Badge};
pub use upload::{
    read_table, read_table_within, Deadline, Format, Limits, SheetError, Table, TableRow, MAX_CELLS, MAX_CELL_BYTES,
    MAX_COLUMNS, MAX_PARTS, MAX_ROWS, MAX_TEXT_BYTES, MAX_UNPACKED_BYTES,
};

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The Typst source was rejected; the messages say where.
    #[error("typesetting failed: {0}")]
    Typeset(String),
    #[error("PDF export failed: {0}")]
    Export(String),
    #[error("QR code: {0}")]
    Qr(String),
}

pub type Result<T, E = DocError> = std::result::Result<T, E>;
