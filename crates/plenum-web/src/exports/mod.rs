//! Downloads in the shapes the office already uses: the agenda (PDF, DOCX in
//! Party form), each delegate's summons letter (PDF, DOCX in Party form), the
//! attendance list and
//! roll-call result (XLSX, PDF), the discussion statistics (XLSX, and DOCX in
//! Party form), the opinion record (XLSX, one row per opinion) and the
//! history's register (CSV, XLSX). Each is for
//! whoever may read the page it belongs to, and that page links to it; the
//! rows come from the same use case as the page.

mod agenda;
mod attendance;
mod history;
pub(crate) mod polls;
mod records;
mod statistics;
mod summons;
pub(crate) mod synthesis;

use plenum_docs::export::party::{place_and_date, PartyDocument};
use plenum_docs::export::Cell;
use plenum_store::Plenum;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::routes::{get, Routes};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/agenda.pdf", get(agenda::pdf))
        .route("/plenums/{id}/agenda.docx", get(agenda::docx))
        .route("/plenums/{id}/attendance.xlsx", get(attendance::xlsx))
        .route("/plenums/{id}/attendance.pdf", get(attendance::pdf))
        .route("/plenums/{id}/statistics.xlsx", get(statistics::xlsx))
        .route("/plenums/{id}/statistics.docx", get(statistics::docx))
        .route("/plenums/{id}/desk/record.xlsx", get(records::xlsx))
        .route("/plenums/{id}/summons.pdf", get(summons::all_pdf))
        .route("/plenums/{id}/summons.docx", get(summons::all_docx))
        .route("/plenums/{id}/delegates/{did}/summons.pdf", get(summons::one_pdf))
        .route("/plenums/{id}/delegates/{did}/summons.docx", get(summons::one_docx))
        .route("/history.csv", get(history::csv))
        .route("/history.xlsx", get(history::xlsx))
        .merge(synthesis::router())
        .merge(polls::router())
}

/// A file's name: `key` with the plenum's ordinal ("Điểm danh - Hội nghị lần thứ 11").
fn file_name(lang: Lang, key: &str, plenum: &Plenum) -> String {
    lang.t_args(key, &[("ordinal", plenum.ordinal.to_string())])
}

/// The head of a document the office issues for a plenum (Hướng dẫn
/// 36-HD/VPTW, part II): the Party organization above the issuer and the
/// committee itself, in capitals, and the place and today's date; not yet numbered.
async fn party_head(state: &AppState, lang: Lang, plenum: &Plenum) -> Result<PartyDocument, AppError> {
    party_head_dated(state, lang, plenum, None).await
}

/// Today's date in Hà Nội, as YYYY-MM-DD.
pub(crate) fn today() -> Result<String, AppError> {
    let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").map_err(|e| AppError::Internal(e.into()))?;
    Ok(jiff::Timestamp::now().to_zoned(tz).strftime("%Y-%m-%d").to_string())
}

/// [`party_head`] dated `on` (YYYY-MM-DD, the day a numbered document was
/// issued) instead of today.
async fn party_head_dated(
    state: &AppState,
    lang: Lang,
    plenum: &Plenum,
    on: Option<&str>,
) -> Result<PartyDocument, AppError> {
    let org = state.store.organization(plenum.org_id).await?;
    // The plenum's place ends with its city: "…, Hoàn Kiếm, Hà Nội".
    let place = plenum.place.rsplit(',').next().unwrap_or_default().trim();
    let day = match on {
        Some(d) => d.to_string(),
        None => today()?,
    };
    let ymd: Vec<i32> = day.split('-').filter_map(|p| p.parse().ok()).collect();
    let place_date = match (lang, ymd.as_slice()) {
        (Lang::Vi, [y, m, d]) => place_and_date(place, *y, *m as u8, *d as u8),
        _ => format!("{place}, {}", lang.date(&day)),
    };
    Ok(PartyDocument {
        issuer_parent: org.name.to_uppercase(),
        issuer: lang.t("exp-issuer"),
        place_date,
        recipients_label: lang.t("exp-recipients"),
        ..Default::default()
    })
}

/// A cell as a document's table shows it.
fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Number(n) => n.to_string(),
    }
}

/// Rows of cells as a document's table rows.
fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(text).collect()).collect()
}
