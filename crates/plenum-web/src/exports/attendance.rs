//! The attendance list and the roll-call result, from the roll-call page:
//! a workbook of two sheets, or a PDF list in Party form.

use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::conduct::attendance::{self, AttendanceList, QuorumView};
use plenum_docs::export::party::{self, Block, Table};
use plenum_docs::export::{self as export, Cell, Sheet};

use super::{file_name, party_head, texts};
use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::Chrome;
use crate::state::AppState;

/// The list's columns, and their relative widths on paper.
const COLUMNS: [(&str, u32); 8] = [
    ("exp-col-number", 5),
    ("exp-col-name", 18),
    ("exp-col-title", 20),
    ("exp-col-unit", 16),
    ("dlg-kind", 9),
    ("exp-col-group", 8),
    ("dlg-attendance", 10),
    ("exp-col-reason", 14),
];

/// One row per delegate, as the roll-call page lists them.
fn list_rows(lang: Lang, list: &AttendanceList) -> Vec<Vec<Cell>> {
    list.lines
        .iter()
        .zip(1..)
        .map(|(l, n): (_, i64)| {
            vec![
                Cell::Int(n),
                l.delegate.full_name.as_str().into(),
                l.delegate.title.as_str().into(),
                l.delegate.unit.as_str().into(),
                lang.t(&format!("dlg-kind-{}", l.delegate.kind)).into(),
                l.group.as_str().into(),
                lang.t(&format!("dlg-att-{}", l.attendance.as_str())).into(),
                l.reason.as_str().into(),
            ]
        })
        .collect()
}

/// The roll-call result: each figure with its count.
fn result_rows(lang: Lang, q: &QuorumView) -> Vec<Vec<Cell>> {
    let t = &q.tally;
    let (num, den) = q.attendance_fraction;
    let required = lang.t_args("exp-result-required", &[("num", num.to_string()), ("den", den.to_string())]);
    [
        (lang.t("exp-result-members"), t.members),
        (lang.t("exp-result-present"), t.members_in_room),
        (lang.t("exp-result-late"), t.members_late),
        (lang.t("exp-result-absent"), t.members_absent),
        (lang.t("exp-result-left"), t.members_left),
        (lang.t("exp-result-expected"), t.members_expected),
        (lang.t("exp-result-guests"), t.guests),
        (lang.t("exp-result-guests-present"), t.guests_in_room),
        (lang.t("exp-result-needed"), q.status.needed_to_pass),
        (required, q.status.attendance_required),
    ]
    .into_iter()
    .map(|(figure, n)| vec![Cell::Text(figure), Cell::Int(n.into())])
    .collect()
}

fn columns(lang: Lang) -> Vec<String> {
    COLUMNS.iter().map(|(k, _)| lang.t(k)).collect()
}

fn result_columns(lang: Lang) -> Vec<String> {
    vec![lang.t("exp-col-figure"), lang.t("exp-col-count")]
}

pub async fn xlsx(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let list = attendance::list(&state.app, c.require_user()?, id).await?;
    let lang = c.t.0;
    let sheets = vec![
        Sheet { name: lang.t("exp-sheet-attendance"), columns: columns(lang), rows: list_rows(lang, &list) },
        Sheet {
            name: lang.t("exp-sheet-result"),
            columns: result_columns(lang),
            rows: result_rows(lang, &list.quorum),
        },
    ];
    let name = file_name(lang, "exp-file-attendance", &list.plenum);
    attachment(FileType::Xlsx, &name, move || export::xlsx(&sheets)).await
}

pub async fn pdf(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let list = attendance::list(&state.app, c.require_user()?, id).await?;
    let lang = c.t.0;
    let mut doc = party_head(&state, lang, &list.plenum).await?;
    doc.kind = lang.t("exp-attendance-type");
    doc.summary = lang.t_args("exp-attendance-summary", &[("plenum", list.plenum.title.clone())]);
    doc.blocks = vec![
        Block::Table(Table {
            columns: columns(lang),
            widths: COLUMNS.iter().map(|(_, w)| *w).collect(),
            rows: texts(&list_rows(lang, &list)),
        }),
        Block::heading(lang.t("exp-sheet-result")),
        Block::Table(Table {
            columns: result_columns(lang),
            widths: vec![5, 1],
            rows: texts(&result_rows(lang, &list.quorum)),
        }),
    ];
    let name = file_name(lang, "exp-file-attendance", &list.plenum);
    attachment(FileType::Pdf, &name, move || party::pdf(&[doc])).await
}
