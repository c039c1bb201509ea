//! The documents a plenum issues, in Party form (Hướng dẫn 36-HD/VPTW), as
//! DOCX and PDF: the report that takes in and explains the opinions (báo cáo
//! tổng hợp, tiếp thu, giải trình ý kiến), item by item from the synthesis;
//! the resolution (nghị quyết); and the conclusion notice (thông báo kết luận).
//! Each prints the office's saved text, numbered from the committee's
//! register, or, until it is saved, a default drawn from the plenum. For the
//! office. The same handlers answer the pages' and the API's addresses.

use axum::extract::{Path, State};
use axum::response::Response;
use plenum_app::prepare::agenda;
use plenum_app::synthesize::{issued, workspace, OpinionWork, Trace, Workspace};
use plenum_core::synthesize::disposition::DispositionKind;
use plenum_core::synthesize::issued::{number_line, IssuedKind, IssuedText};
use plenum_docs::export::party::{self, Block, PartyDocument, Signature};
use plenum_store::synthesize::IssuedDocument;
use plenum_store::Plenum;
use utoipa::OpenApi;

use super::{file_name, party_head_dated};
use crate::download::{attachment, FileType};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::Chrome;
use crate::routes::{get, Routes};
use crate::state::AppState;

/// The API's paths for these files, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(report_docx, report_pdf, resolution_docx, resolution_pdf, conclusion_docx, conclusion_pdf))]
pub struct Api;

/// The files' addresses, under the pages' root and under `/api/v1` alike.
pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/synthesis-report.docx", get(report_docx))
        .route("/plenums/{id}/synthesis-report.pdf", get(report_pdf))
        .route("/plenums/{id}/resolution.docx", get(resolution_docx))
        .route("/plenums/{id}/resolution.pdf", get(resolution_pdf))
        .route("/plenums/{id}/conclusion.docx", get(conclusion_docx))
        .route("/plenums/{id}/conclusion.pdf", get(conclusion_pdf))
}

/// The synthesis report as DOCX.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/synthesis-report.docx", security(("bearer" = [])),
    responses((status = 200, description = "The report taking in and explaining the opinions, item by item, in Party form",
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = inline(FileBody))))]
pub async fn report_docx(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, IssuedKind::SynthesisReport, FileType::Docx).await
}

/// The synthesis report as PDF.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/synthesis-report.pdf", security(("bearer" = [])),
    responses((status = 200, description = "The report taking in and explaining the opinions, item by item, in Party form",
        content_type = "application/pdf", body = inline(FileBody))))]
pub async fn report_pdf(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, IssuedKind::SynthesisReport, FileType::Pdf).await
}

/// The plenum's resolution as DOCX.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/resolution.docx", security(("bearer" = [])),
    responses((status = 200, description = "The plenum's resolution in Party form",
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = inline(FileBody))))]
pub async fn resolution_docx(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, IssuedKind::Resolution, FileType::Docx).await
}

/// The plenum's resolution as PDF.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/resolution.pdf", security(("bearer" = [])),
    responses((status = 200, description = "The plenum's resolution in Party form",
        content_type = "application/pdf", body = inline(FileBody))))]
pub async fn resolution_pdf(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, IssuedKind::Resolution, FileType::Pdf).await
}

/// The conclusion notice as DOCX.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/conclusion.docx", security(("bearer" = [])),
    responses((status = 200, description = "The notice of the plenum's conclusions in Party form",
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = inline(FileBody))))]
pub async fn conclusion_docx(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, IssuedKind::Conclusion, FileType::Docx).await
}

/// The conclusion notice as PDF.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/conclusion.pdf", security(("bearer" = [])),
    responses((status = 200, description = "The notice of the plenum's conclusions in Party form",
        content_type = "application/pdf", body = inline(FileBody))))]
pub async fn conclusion_pdf(state: State<AppState>, c: Chrome, id: Path<i64>) -> Result<Response, AppError> {
    file(state, c, id, IssuedKind::Conclusion, FileType::Pdf).await
}

/// A file's bytes, as the OpenAPI document describes them.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct FileBody(Vec<u8>);

async fn file(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    kind: IssuedKind,
    as_type: FileType,
) -> Result<Response, AppError> {
    let (name, doc) = document(&state, &c, id, kind).await?;
    match as_type {
        FileType::Pdf => attachment(as_type, &name, move || party::pdf(&[doc])).await,
        _ => attachment(as_type, &name, move || party::docx(&[doc])).await,
    }
}

/// The file's name and the document, as saved or by default.
async fn document(
    state: &AppState,
    c: &Chrome,
    id: i64,
    kind: IssuedKind,
) -> Result<(String, PartyDocument), AppError> {
    let lang = c.t.0;
    let user = c.require_user()?;
    let (plenum, saved) = issued::get(&state.app, user, id, kind).await?;
    // The synthesis is read before anything else is built: the office only.
    let synthesis = match kind {
        IssuedKind::SynthesisReport => Some(workspace::whole(&state.app, user, id).await?),
        _ => None,
    };
    let text = match &saved {
        Some(d) => saved_text(d),
        None => default_text(state, c, &plenum, kind).await?,
    };
    let mut doc = party_head_dated(state, lang, &plenum, saved.as_ref().map(|d| d.issued_on.as_str())).await?;
    if let Some(d) = &saved {
        doc.number = number_line(d.number, kind, &lang.t("exp-issuer-code"));
    }
    let mut blocks = body_blocks(&text.body);
    if let Some(w) = &synthesis {
        blocks.extend(synthesis_blocks(lang, w));
    }
    let signature =
        [&text.signer_for, &text.signer_title, &text.signer_name].iter().any(|s| !s.is_empty()).then(|| Signature {
            on_behalf: text.signer_for.clone(),
            title: text.signer_title.clone(),
            name: text.signer_name.clone(),
        });
    let doc = PartyDocument {
        kind: lang.t(&format!("exp-syn-{}-type", kind.slug())),
        summary: text.title.clone(),
        blocks,
        signature,
        recipients: text.recipient_lines(),
        ..doc
    };
    Ok((file_name(lang, &format!("exp-file-{}", kind.slug()), &plenum), doc))
}

/// The office's saved text.
pub(crate) fn saved_text(d: &IssuedDocument) -> IssuedText {
    IssuedText {
        title: d.title.clone(),
        body: d.body.clone(),
        signer_for: d.signer_for.clone(),
        signer_title: d.signer_title.clone(),
        signer_name: d.signer_name.clone(),
        recipients: d.recipients.clone(),
    }
}

/// The text a document starts from until the office saves its own: the
/// plenum's title, dates and place, and its agenda items as numbered paragraphs.
pub(crate) async fn default_text(
    state: &AppState,
    c: &Chrome,
    plenum: &Plenum,
    kind: IssuedKind,
) -> Result<IssuedText, AppError> {
    let lang = c.t.0;
    let items = agenda::items(&state.app, c.require_user()?, plenum.id).await?;
    let slug = kind.slug();
    let args = [
        ("plenum", plenum.title.clone()),
        ("from", lang.date(&plenum.starts_on)),
        ("to", lang.date(&plenum.ends_on)),
        ("place", plenum.place.clone()),
    ];
    let mut paragraphs = vec![lang.t_args(&format!("exp-syn-{slug}-opening"), &args)];
    match kind {
        IssuedKind::SynthesisReport => {}
        IssuedKind::Resolution => {
            paragraphs.push(lang.t("exp-syn-resolution-discussed"));
            paragraphs.extend(items.iter().enumerate().map(|(i, item)| format!("{}. {}.", i + 1, item.title)));
            paragraphs.push(lang.t("exp-syn-resolution-decides"));
            paragraphs.push(lang.t("exp-syn-resolution-decide-1"));
            paragraphs.push(lang.t("exp-syn-resolution-decide-2"));
        }
        IssuedKind::Conclusion => {
            paragraphs.extend(items.iter().enumerate().map(|(i, item)| {
                let presenter = if item.presenter.is_empty() {
                    lang.t("exp-syn-presenter-default")
                } else {
                    item.presenter.clone()
                };
                lang.t_args(
                    "exp-syn-conclusion-item",
                    &[("n", (i + 1).to_string()), ("title", item.title.clone()), ("presenter", presenter)],
                )
            }));
            paragraphs.push(lang.t("exp-syn-conclusion-close"));
        }
    }
    let recipients: Vec<String> = (1..=3)
        .map(|n| lang.t(&format!("exp-syn-{slug}-recipient-{n}")))
        .chain([lang.t("exp-syn-recipient-file")])
        .map(|r| format!("- {r}"))
        .collect();
    Ok(IssuedText {
        title: lang.t_args(&format!("exp-syn-{slug}-title"), &args),
        body: paragraphs.join("\n\n"),
        signer_for: lang.t(&format!("exp-syn-{slug}-sign-for")),
        signer_title: lang.t(&format!("exp-syn-{slug}-sign-title")),
        signer_name: String::new(),
        recipients: recipients.join("\n"),
    })
}

/// The office's body text as blocks. A blank line ends a paragraph; a line
/// that starts with a roman numeral ("II.") is a heading of its own, and one
/// that starts with a number or a letter ("1.", "a)") a paragraph of its own;
/// other lines continue the paragraph above them. A line in capitals
/// ("QUYẾT NGHỊ:") is a heading too.
pub fn body_blocks(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    let flush = |current: &mut Option<String>, blocks: &mut Vec<Block>| {
        if let Some(p) = current.take() {
            blocks.push(if is_heading(&p) { Block::heading(p) } else { Block::paragraph(p) });
        }
    };
    for line in body.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut current, &mut blocks);
            continue;
        }
        let marker = line.split_whitespace().next().unwrap_or_default();
        if roman(marker).is_some() || numbered(marker) {
            flush(&mut current, &mut blocks);
        }
        match &mut current {
            Some(p) => {
                p.push(' ');
                p.push_str(line);
            }
            None => current = Some(line.to_string()),
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn is_heading(p: &str) -> bool {
    let first = p.split_whitespace().next().unwrap_or_default();
    let letters: Vec<char> = p.chars().filter(|c| c.is_alphabetic()).collect();
    roman(first).is_some()
        || (p.chars().count() <= 120 && !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase()))
}

/// "II." as 2: a roman numeral with its full stop.
fn roman(marker: &str) -> Option<u32> {
    let digits = marker.strip_suffix('.')?;
    if digits.is_empty() || !digits.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    (1..=100).find(|n| to_roman(*n) == digits)
}

/// "1.", "2.3." or "a)": a paragraph's own number.
fn numbered(marker: &str) -> bool {
    let digits =
        marker.strip_suffix('.').filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit() || c == '.'));
    let letter = marker.strip_suffix(')').is_some_and(|l| l.chars().count() == 1 && l.chars().all(char::is_lowercase));
    digits.is_some() || letter
}

/// 1 as "I", 13 as "XIII".
fn to_roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 9] =
        [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (value, digit) in DIGITS {
        while n >= value {
            s.push_str(digit);
            n -= value;
        }
    }
    s
}

/// How many opinions are answered each way, counting approved answers only.
#[derive(Default)]
struct Tally {
    opinions: usize,
    taken: usize,
    explained: usize,
    noted: usize,
    out: usize,
}

impl Tally {
    fn add(&mut self, o: &OpinionWork) {
        self.opinions += 1;
        match o.disposition.as_ref().filter(|_| o.approved()).map(|d| d.kind) {
            Some(DispositionKind::TakenIn) => self.taken += 1,
            Some(DispositionKind::Explained) => self.explained += 1,
            Some(DispositionKind::Noted) => self.noted += 1,
            Some(DispositionKind::OutOfScope) => self.out += 1,
            None => {}
        }
    }

    fn pending(&self) -> usize {
        self.opinions - self.taken - self.explained - self.noted - self.out
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        vec![
            ("opinions", self.opinions.to_string()),
            ("taken", self.taken.to_string()),
            ("explained", self.explained.to_string()),
            ("noted", self.noted.to_string()),
            ("out", self.out.to_string()),
            ("pending", self.pending().to_string()),
        ]
    }
}

/// The synthesis, item by item: the counts, then the opinions in their
/// groups (stored groups first, then the rest), each with its approved answer.
fn synthesis_blocks(lang: Lang, w: &Workspace) -> Vec<Block> {
    let mut all = Tally::default();
    w.items.iter().flat_map(|i| &i.opinions).for_each(|o| all.add(o));
    let speeches: usize = w.items.iter().map(|i| i.speeches).sum();
    let mut args = all.args();
    args.extend([("speeches", speeches.to_string()), ("items", w.items.len().to_string())]);
    let mut blocks = vec![Block::paragraph(lang.t_args("exp-syn-overall", &args))];
    for (i, item) in w.items.iter().enumerate() {
        blocks.push(Block::heading(
            lang.t_args(
                "exp-syn-item-heading",
                &[("roman", to_roman(i as u32 + 1)), ("title", item.item.title.clone())],
            ),
        ));
        let mut tally = Tally::default();
        item.opinions.iter().for_each(|o| tally.add(o));
        if tally.opinions == 0 {
            blocks.push(Block::paragraph(lang.t("exp-syn-item-none")));
            continue;
        }
        let mut args = tally.args();
        args.push(("speeches", item.speeches.to_string()));
        blocks.push(Block::paragraph(lang.t_args("exp-syn-item-count", &args)));
        let mut n = 0;
        for g in &item.groups {
            let members: Vec<&OpinionWork> =
                g.opinion_ids.iter().filter_map(|id| item.opinions.iter().find(|o| o.opinion.id == *id)).collect();
            if members.is_empty() {
                continue;
            }
            // Each speaker once, in the order they first spoke.
            let mut names: Vec<&str> = Vec::new();
            for o in &members {
                if !names.contains(&o.delegate.as_str()) {
                    names.push(o.delegate.as_str());
                }
            }
            blocks.push(Block::field(
                lang.t("exp-syn-group"),
                lang.t_args("exp-syn-group-names", &[("title", g.title.clone()), ("names", names.join(", "))]),
            ));
            for o in members {
                n += 1;
                opinion_blocks(lang, n, o, &mut blocks);
            }
        }
        let rest: Vec<&OpinionWork> = item.opinions.iter().filter(|o| o.group_id.is_none()).collect();
        if !rest.is_empty() && !item.groups.is_empty() {
            blocks.push(Block::heading(lang.t("exp-syn-others")));
        }
        for o in rest {
            n += 1;
            opinion_blocks(lang, n, o, &mut blocks);
        }
    }
    blocks
}

/// One opinion, and its answer once the office approved it.
fn opinion_blocks(lang: Lang, n: usize, o: &OpinionWork, blocks: &mut Vec<Block>) {
    let mut said = o.delegate.clone();
    if let Some(g) = &o.discussion_group {
        said.push_str(&format!(" ({g})"));
    }
    if let Some(p) = &o.passage {
        said.push_str(&lang.t_args("exp-syn-passage", &[("label", p.clone())]));
    }
    blocks.push(Block::paragraph(
        lang.t_args("exp-syn-opinion", &[("n", n.to_string()), ("name", said), ("text", o.opinion.text.clone())]),
    ));
    let Some(d) = o.disposition.as_ref().filter(|_| o.approved()) else {
        blocks.push(Block::paragraph(lang.t("exp-syn-pending")));
        return;
    };
    let key = match d.kind {
        DispositionKind::TakenIn => "exp-syn-taken-in",
        DispositionKind::Explained => "exp-syn-explained",
        DispositionKind::Noted => "exp-syn-noted",
        DispositionKind::OutOfScope => "exp-syn-out-of-scope",
    };
    blocks.push(Block::paragraph(lang.t_args(key, &[("reply", d.reply.clone())])));
    if let Some(Trace::Changed(change)) = &o.trace {
        blocks.push(Block::paragraph(lang.t_args(
            "exp-syn-change",
            &[
                ("document", change.document_title.clone()),
                ("version", change.version.to_string()),
                ("label", change.label.clone()),
                ("text", change.text.clone()),
            ],
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(blocks: &[Block]) -> Vec<(char, String)> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text } => ('H', text.clone()),
                Block::Paragraph { text } => ('P', text.clone()),
                _ => ('?', String::new()),
            })
            .collect()
    }

    #[test]
    fn the_body_reads_as_headings_and_paragraphs() {
        let body = "Hội nghị họp từ ngày 05/01/2023\nđến ngày 06/01/2023.\n\nI. Các nội dung\n1. Báo cáo một.\n2. Báo cáo hai.\n\nQUYẾT NGHỊ:\na) Thông qua.";
        assert_eq!(
            shape(&body_blocks(body)),
            [
                ('P', "Hội nghị họp từ ngày 05/01/2023 đến ngày 06/01/2023.".to_string()),
                ('H', "I. Các nội dung".to_string()),
                ('P', "1. Báo cáo một.".to_string()),
                ('P', "2. Báo cáo hai.".to_string()),
                ('H', "QUYẾT NGHỊ:".to_string()),
                ('P', "a) Thông qua.".to_string()),
            ]
        );
    }

    #[test]
    fn the_api_declares_each_file_as_binary_of_its_type() {
        let doc = serde_json::to_value(crate::api::document()).unwrap();
        for kind in ["synthesis-report", "resolution", "conclusion"] {
            for (ext, media) in [("pdf", "application/pdf"), ("docx", crate::download::DOCX_MEDIA)] {
                let op = &doc["paths"][format!("/api/v1/plenums/{{id}}/{kind}.{ext}")]["get"];
                let schema = &op["responses"]["200"]["content"][media]["schema"];
                assert_eq!(schema["format"], "binary", "{kind}.{ext}: {op}");
                assert_eq!(op["parameters"][0]["name"], "id", "{kind}.{ext}");
                assert!(op["responses"]["403"].is_object(), "{kind}.{ext}: a refusal is declared");
            }
        }
    }

    #[test]
    fn roman_numerals_round_trip() {
        assert_eq!(to_roman(13), "XIII");
        assert_eq!(roman("XIII."), Some(13));
        assert_eq!(roman("IV."), Some(4));
        assert_eq!(roman("Ix."), None);
        assert_eq!(roman("II"), None, "a heading's numeral ends with its full stop");
        assert!(numbered("1.") && numbered("2.3.") && numbered("b)"));
        assert!(!numbered("Hội") && !numbered("2023"));
    }
}
