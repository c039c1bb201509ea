//! Importing the list of delegates from a CSV file or a spreadsheet: upload,
//! a preview listing every row with its own problems, then an all-or-nothing
//! import. The preview keeps nothing in server memory: the checked rows travel
//! in the confirm form and are checked again, against the plenum as it is
//! then, before anything is saved — a restart in between loses nothing.

use crate::routes::{post, Routes};
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum::Form;
use plenum_app::prepare::delegates::{self, Imported, MAX_UPLOAD};
use plenum_core::prepare::roster::{importable, CheckedRow, RosterRow};
use plenum_store::Plenum;
use serde::Deserialize;

use super::prepared;
use crate::conduct::roster::{problem_message, upload_message};
use crate::error::AppError;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/delegates/import", post(upload).back_to("/plenums/{id}/delegates"))
        .route("/plenums/{id}/delegates/import/confirm", post(confirm).back_to("/plenums/{id}/delegates"))
}

pub struct PreviewRow {
    pub r: CheckedRow,
    pub kind: String,
    pub problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "delegates_import.html")]
struct PreviewPage {
    c: Chrome,
    plenum: Plenum,
    filename: String,
    /// A problem with the whole file; then there are no rows.
    file_problem: Option<String>,
    /// The encoding a CSV file was read in, named so the office sees that
    /// accented names came through; none for a spreadsheet or a reconfirm.
    encoding: Option<&'static str>,
    rows: Vec<PreviewRow>,
    bad: usize,
    ok: bool,
    /// The rows, carried to the confirm step.
    carried: String,
    /// Shown when the rows were fine at upload but the plenum changed before confirming.
    rechecked: bool,
}

fn preview(
    c: Chrome,
    plenum: Plenum,
    filename: String,
    encoding: Option<&'static str>,
    rows: Vec<CheckedRow>,
    rechecked: bool,
) -> Result<Response, AppError> {
    let lang = c.t.0;
    let ok = importable(&rows);
    let carried = serde_json::to_string(&rows.iter().map(|r| &r.row).collect::<Vec<_>>())
        .map_err(|e| AppError::Internal(e.into()))?;
    let rows: Vec<PreviewRow> = rows
        .into_iter()
        .map(|r| PreviewRow {
            kind: r.kind.map(|k| lang.t(&format!("dlg-kind-{}", k.as_str()))).unwrap_or_default(),
            problems: r.problems.iter().map(|p| problem_message(lang, p)).collect(),
            r,
        })
        .collect();
    let bad = rows.iter().filter(|r| !r.problems.is_empty()).count();
    render(&PreviewPage { c, plenum, filename, file_problem: None, encoding, rows, bad, ok, carried, rechecked })
}

/// The uploaded file (multipart field `file`), checked row by row; nothing is saved yet.
pub async fn upload(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    // Permission first: a refused user learns nothing about the form's shape.
    let plenum = prepared(&state, &c, id).await?;
    let mut form = form.map_err(|_| AppError::BadRequest("invalid-input"))?;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form.next_field().await.map_err(|_| AppError::BadRequest("invalid-input"))? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|_| AppError::BadRequest("body-too-large"))?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let (filename, bytes) = file.unwrap_or_default();
    let list = match delegates::read_upload(bytes, state.config.limits.read_deadline()).await {
        Ok(list) => list,
        Err(p) => {
            let file_problem = Some(upload_message(c.t.0, &p));
            return render(&PreviewPage {
                c,
                plenum,
                filename,
                file_problem,
                encoding: None,
                rows: vec![],
                bad: 0,
                ok: false,
                carried: String::new(),
                rechecked: false,
            });
        }
    };
    let checked = delegates::import(&state.app, c.require_user()?, id, &list.rows, true).await?.rows;
    preview(c, plenum, filename, list.encoding.map(|e| e.label()), checked, false)
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    rows: String,
    #[serde(default)]
    filename: String,
}

/// Import the carried rows, all or none, if they still pass every check.
pub async fn confirm(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let plenum = prepared(&state, &c, id).await?;
    if f.rows.len() > 2 * MAX_UPLOAD {
        return Err(AppError::BadRequest("body-too-large"));
    }
    let rows: Vec<RosterRow> = serde_json::from_str(&f.rows).map_err(|_| AppError::BadRequest("bad-json"))?;
    let Imported { rows, importable, imported } =
        delegates::import(&state.app, c.require_user()?, id, &rows, false).await?;
    if !importable {
        return preview(c, plenum, f.filename, None, rows, true);
    }
    Ok(see_other(&format!("/plenums/{id}/delegates?imported={imported}#roll")))
}
