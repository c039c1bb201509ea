//! The opinion record, from the secretary's desk: one row per opinion, with
//! the columns the API gives an opinion (`GET /api/v1/plenums/{id}/speeches`),
//! under the same names, so a file and a script read alike.

use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::conduct::speeches;
use plenum_docs::export::{self as export, Cell, Sheet};
use plenum_store::Opinion;

use super::file_name;
use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::pages::Chrome;
use crate::state::AppState;

/// An opinion's fields as the API names them, in the order it declares them.
const COLUMNS: [&str; 10] = [
    "id",
    "plenum_id",
    "speech_id",
    "delegate_id",
    "item_id",
    "passage_anchor",
    "stance",
    "text",
    "created_at",
    "version",
];

/// An opinion's row, read from its API form, so each cell is what the API
/// gives under that name (an empty cell where it gives null).
fn row(o: &Opinion) -> Result<Vec<Cell>, AppError> {
    let json = serde_json::to_value(o).map_err(|e| AppError::Internal(e.into()))?;
    Ok(COLUMNS
        .iter()
        .map(|c| match &json[*c] {
            serde_json::Value::Number(n) => n.as_i64().map(Cell::Int).unwrap_or_else(|| Cell::Text(n.to_string())),
            serde_json::Value::String(s) => Cell::Text(s.clone()),
            _ => Cell::Text(String::new()),
        })
        .collect())
}

pub async fn xlsx(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (plenum, opinions) = speeches::opinion_record(&state.app, c.require_user()?, id).await?;
    let lang = c.t.0;
    let sheet = Sheet {
        name: lang.t("exp-sheet-opinions"),
        columns: COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: opinions.iter().map(row).collect::<Result<_, _>>()?,
    };
    let name = file_name(lang, "exp-file-records", &plenum);
    attachment(FileType::Xlsx, &name, move || export::xlsx(&[sheet])).await
}
