//! The summons letter (giấy triệu tập) each delegate receives, in Party form
//! (Hướng dẫn 36-HD/VPTW), as PDF and DOCX: for one delegate, or for everyone
//! summoned at once, one letter a page. A committee member is summoned; an
//! invited guest gets the same letter as an invitation (giấy mời). For the office.

use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::prepare::{agenda, delegates};
use plenum_core::prepare::roster::DelegateKind;
use plenum_docs::export::party::{self, Block, PartyDocument, Signature};
use plenum_store::{Delegate, Plenum};

use super::{file_name, party_head};
use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::Chrome;
use crate::state::AppState;

pub async fn all_pdf(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    let (name, docs) = everyone(state, &c, id).await?;
    attachment(FileType::Pdf, &name, move || party::pdf(&docs)).await
}

pub async fn all_docx(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    let (name, docs) = everyone(state, &c, id).await?;
    attachment(FileType::Docx, &name, move || party::docx(&docs)).await
}

pub async fn one_pdf(state: State<AppState>, c: Chrome, ids: Path<(i64, i64)>) -> Result<Response, AppError> {
    let (name, doc) = one(state, &c, ids).await?;
    attachment(FileType::Pdf, &name, move || party::pdf(&[doc])).await
}

pub async fn one_docx(state: State<AppState>, c: Chrome, ids: Path<(i64, i64)>) -> Result<Response, AppError> {
    let (name, doc) = one(state, &c, ids).await?;
    attachment(FileType::Docx, &name, move || party::docx(&[doc])).await
}

async fn everyone(
    State(state): State<AppState>,
    c: &Chrome,
    Path(id): Path<i64>,
) -> Result<(String, Vec<PartyDocument>), AppError> {
    let (plenum, summoned) = delegates::summoned(&state.app, c.require_user()?, id).await?;
    let letter = Letter::of(&state, c, &plenum).await?;
    let docs = summoned.iter().map(|d| letter.to(c.t.0, d)).collect();
    Ok((file_name(c.t.0, "exp-file-summons", &plenum), docs))
}

async fn one(
    State(state): State<AppState>,
    c: &Chrome,
    Path((id, did)): Path<(i64, i64)>,
) -> Result<(String, PartyDocument), AppError> {
    let (plenum, d) = delegates::prepared_delegate(&state.app, c.require_user()?, id, did).await?;
    let letter = Letter::of(&state, c, &plenum).await?;
    let name = format!("{} - {}", file_name(c.t.0, "exp-file-summons", &plenum), d.full_name);
    Ok((name, letter.to(c.t.0, &d)))
}

/// What every letter of a plenum shares: the head, the plenum, when and where it opens.
struct Letter {
    head: PartyDocument,
    plenum: String,
    opens: String,
    place: String,
    items: usize,
}

impl Letter {
    async fn of(state: &AppState, c: &Chrome, plenum: &Plenum) -> Result<Letter, AppError> {
        let lang = c.t.0;
        let user = c.require_user()?;
        let items = agenda::items(&state.app, user, plenum.id).await?.len();
        // It opens at the programme's first half-day when one is set, else on its first day.
        let first = agenda::slots(&state.app, user, plenum.id).await?.into_iter().next();
        let opens = match first {
            Some(s) => lang.t_args("exp-summons-opens-at", &[("time", s.starts_at), ("day", c.t.date(&s.day))]),
            None => lang.t_args("exp-summons-opens-on", &[("day", c.t.date(&plenum.starts_on))]),
        };
        let until = lang.t_args("exp-summons-until", &[("day", c.t.date(&plenum.ends_on))]);
        Ok(Letter {
            head: party_head(state, lang, plenum).await?,
            plenum: plenum.title.clone(),
            opens: format!("{opens} {until}"),
            place: plenum.place.clone(),
            items,
        })
    }

    fn to(&self, lang: Lang, d: &Delegate) -> PartyDocument {
        let guest = d.kind == DelegateKind::Guest;
        let mut blocks = vec![
            Block::paragraph(lang.t(if guest { "exp-invite-lead" } else { "exp-summons-lead" })),
            Block::field(lang.t("exp-summons-to"), d.full_name.clone()),
        ];
        if !d.title.is_empty() {
            blocks.push(Block::field(lang.t("exp-col-title"), d.title.clone()));
        }
        if !d.unit.is_empty() {
            blocks.push(Block::field(lang.t("exp-col-unit"), d.unit.clone()));
        }
        blocks.extend([
            Block::paragraph(lang.t_args("exp-summons-attend", &[("plenum", self.plenum.clone())])),
            Block::field(lang.t("exp-agenda-dates"), self.opens.clone()),
            Block::field(lang.t("exp-agenda-place"), self.place.clone()),
            Block::field(
                lang.t("exp-summons-content"),
                lang.t_args("exp-summons-items", &[("count", self.items.to_string())]),
            ),
            Block::paragraph(lang.t(if guest { "exp-invite-close" } else { "exp-summons-close" })),
        ]);
        PartyDocument {
            kind: lang.t(if guest { "exp-invite-type" } else { "exp-summons-type" }),
            summary: lang.t_args("exp-summons-summary", &[("plenum", self.plenum.clone())]),
            blocks,
            signature: Some(Signature {
                on_behalf: lang.t("exp-summons-sign-for"),
                title: lang.t("exp-summons-sign-title"),
                name: String::new(),
            }),
            recipients: vec![lang.t("exp-summons-recipient-self"), lang.t("exp-recipient-file")],
            ..self.head.clone()
        }
    }
}
