//! The discussion statistics, from the statistics page: a workbook with one
//! sheet per table (item, group, delegate), or a report in Party form (DOCX).

use axum::extract::{Path, State};
use axum::response::Response;
use plenum_core::conduct::statistics::{summary_en, Statistics};
use plenum_docs::export::party::{self, Block, Signature, Table};
use plenum_docs::export::{self as export, Cell, Sheet};

use super::{file_name, party_head, texts};
use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::Chrome;
use crate::state::AppState;

fn count(n: u32) -> Cell {
    Cell::Int(n.into())
}

/// The three tables, with the same figures the page shows (every delegate
/// who spoke, not only the page's most active).
fn tables(lang: Lang, s: &Statistics) -> [Sheet; 3] {
    let t = |k: &str| lang.t(k);
    let mut by_item: Vec<Vec<Cell>> = s
        .by_item
        .iter()
        .map(|i| {
            let b = &i.by_stance;
            vec![
                Cell::Int(i.ordinal),
                i.title.as_str().into(),
                count(i.speeches),
                count(i.opinions),
                count(b.agree),
                count(b.disagree),
                count(b.propose_change),
                count(b.other),
            ]
        })
        .collect();
    let stance = |f: fn(&plenum_core::conduct::statistics::ByStance) -> u32| {
        count(s.by_item.iter().map(|i| f(&i.by_stance)).sum())
    };
    by_item.push(vec![
        "".into(),
        t("desk-total").into(),
        count(s.speeches),
        count(s.opinions),
        stance(|b| b.agree),
        stance(|b| b.disagree),
        stance(|b| b.propose_change),
        stance(|b| b.other),
    ]);
    let by_group = s.by_group.iter().map(|g| vec![g.name.as_str().into(), count(g.speeches), count(g.opinions)]);
    let by_delegate = s
        .by_delegate
        .iter()
        .zip(1..)
        .map(|(d, n): (_, i64)| vec![Cell::Int(n), d.name.as_str().into(), count(d.speeches), count(d.opinions)]);
    [
        Sheet {
            name: t("exp-sheet-by-item"),
            columns: vec![
                t("exp-col-number"),
                t("exp-col-item"),
                t("desk-speeches"),
                t("desk-opinions"),
                t("desk-stance-agree"),
                t("desk-stance-disagree"),
                t("desk-stance-propose_change"),
                t("desk-stance-other"),
            ],
            rows: by_item,
        },
        Sheet {
            name: t("exp-sheet-by-group"),
            columns: vec![t("exp-col-group"), t("desk-speeches"), t("desk-opinions")],
            rows: by_group.collect(),
        },
        Sheet {
            name: t("exp-sheet-by-delegate"),
            columns: vec![t("exp-col-number"), t("desk-delegate"), t("desk-speeches"), t("desk-opinions")],
            rows: by_delegate.collect(),
        },
    ]
}

/// The seed's sentence in the reader's language.
fn summary(lang: Lang, s: &Statistics) -> String {
    match lang {
        Lang::Vi => s.summary_vi.clone(),
        Lang::En => summary_en(s.speeches, s.opinions, s.items_discussed),
    }
}

async fn of_plenum(state: &AppState, c: &Chrome, id: i64) -> Result<(plenum_store::Plenum, Statistics), AppError> {
    let hall = c.t.0.t("stats-hall");
    Ok(plenum_app::conduct::statistics::of_plenum(&state.app, c.require_user()?, id, &hall).await?)
}

pub async fn xlsx(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (plenum, s) = of_plenum(&state, &c, id).await?;
    let lang = c.t.0;
    let sheets = tables(lang, &s);
    let name = file_name(lang, "exp-file-statistics", &plenum);
    attachment(FileType::Xlsx, &name, move || export::xlsx(&sheets)).await
}

pub async fn docx(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (plenum, s) = of_plenum(&state, &c, id).await?;
    let lang = c.t.0;
    let mut doc = party_head(&state, lang, &plenum).await?;
    doc.kind = lang.t("exp-statistics-type");
    doc.summary = lang.t_args("exp-statistics-summary", &[("plenum", plenum.title.clone())]);
    let [by_item, by_group, by_delegate] = tables(lang, &s);
    let table = |sheet: Sheet, widths: Vec<u32>| {
        Block::Table(Table { columns: sheet.columns, widths, rows: texts(&sheet.rows) })
    };
    doc.blocks = vec![
        Block::paragraph(lang.t_args("exp-statistics-lead", &[("summary", summary(lang, &s))])),
        Block::heading(format!("1. {}", lang.t("desk-by-item"))),
        table(by_item, vec![4, 30, 9, 8, 8, 8, 9, 8]),
        Block::heading(format!("2. {}", lang.t("desk-by-group"))),
        table(by_group, vec![3, 1, 1]),
        Block::heading(format!("3. {}", lang.t("exp-sheet-by-delegate"))),
        table(by_delegate, vec![1, 6, 2, 2]),
    ];
    doc.signature =
        Some(Signature { on_behalf: lang.t("exp-sign-for"), title: lang.t("exp-sign-title"), name: String::new() });
    doc.recipients = vec![lang.t("exp-recipient-standing"), lang.t("exp-recipient-file")];
    let name = file_name(lang, "exp-file-statistics", &plenum);
    attachment(FileType::Docx, &name, move || party::docx(&[doc])).await
}
