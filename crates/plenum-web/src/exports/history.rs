//! The register as a download, for the auditor: the lines the history page
//! shows for the same filter, newest first, as CSV or XLSX. One file holds at
//! most [`history::MAX_PAGE`] lines from the place asked (`before`), found
//! within the read's scan budget, so a download is as bounded as an API page.

use axum::extract::{Query, State};
use axum::response::Response;
use plenum_app::history;
use plenum_docs::export::{self as export, Cell, Sheet};

use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::history::line::Line;
use crate::pages::history::Ask;
use crate::pages::Chrome;
use crate::state::AppState;

pub async fn csv(state: State<AppState>, c: Chrome, ask: Query<Ask>) -> Result<Response, AppError> {
    let (lang, sheet) = register(state, c, ask).await?;
    attachment(FileType::Csv, &lang.t("history-file"), move || Ok(export::csv(&sheet))).await
}

pub async fn xlsx(state: State<AppState>, c: Chrome, ask: Query<Ask>) -> Result<Response, AppError> {
    let (lang, sheet) = register(state, c, ask).await?;
    attachment(FileType::Xlsx, &lang.t("history-file"), move || export::xlsx(&[sheet])).await
}

/// The reader's lines for the filter asked, as one sheet. A filter the page
/// would refuse is refused here with the same fields.
async fn register(State(state): State<AppState>, c: Chrome, Query(ask): Query<Ask>) -> Result<(Lang, Sheet), AppError> {
    let user = c.require_user()?;
    let lang = c.t.0;
    let filter = ask.filter().map_err(|problems| {
        let mut errors = plenum_core::FieldErrors::default();
        for (field, _) in problems {
            errors.push(field, "invalid");
        }
        AppError::Unprocessable(errors)
    })?;
    let page = history::page_before(&state.app, user, ask.before, history::MAX_PAGE, &filter).await?;
    let names = history::names(&state.app, &page.entries).await?;
    let lines: Vec<Line> = page.entries.iter().map(|r| Line::new(r, &names, lang)).collect();
    Ok((lang, sheet(lang, &lines)))
}

/// One row per line, under the page's own column names.
fn sheet(lang: Lang, lines: &[Line]) -> Sheet {
    let columns = [
        "#",
        "history-time",
        "history-actor",
        "history-filter-kind",
        "history-action",
        "history-what-changed",
        "history-hash",
    ];
    let changed = |l: &Line| {
        l.fields
            .iter()
            .map(|f| match &f.before {
                Some(b) => format!("{}: {} → {}", f.name, b, f.after),
                None => format!("{}: {}", f.name, f.after),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    Sheet {
        name: lang.t("history-title"),
        columns: columns.iter().map(|k| if *k == "#" { k.to_string() } else { lang.t(k) }).collect(),
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    Cell::Int(l.seq),
                    Cell::Text(lang.moment(l.at)),
                    Cell::Text(l.actor.clone()),
                    Cell::Text(l.kind.clone()),
                    Cell::Text(l.sentence.clone()),
                    Cell::Text(changed(l)),
                    Cell::Text(l.hash.clone()),
                ]
            })
            .collect(),
    }
}
