//! The search page of a plenum: a plain GET form (it works without
//! JavaScript) and the hits, best first, their terms marked. The text is
//! escaped by the template; only the marks around it are the page's own.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use plenum_app::prepare::{agenda, plenums};
use plenum_app::synthesize::search::{self, Found, Results};
use plenum_core::synthesize::search::{SearchKind, Snippet, MAX_QUERY_CHARS};
use plenum_store::Plenum;

use super::{render, Chrome};
use crate::api::search::SearchParams;
use crate::error::{field_message, AppError};
use crate::state::AppState;

/// A stretch of a snippet, marked or not.
pub struct Piece {
    pub text: String,
    pub marked: bool,
}

/// One hit as the page lists it.
pub struct HitView {
    /// `opinion` or `passage`, and its name in the page's language.
    pub kind: &'static str,
    pub kind_name: String,
    /// "2. Báo cáo …": the agenda item it belongs to.
    pub item: String,
    /// A passage's place in its document ("II.2.a") and its address.
    pub label: Option<String>,
    pub href: Option<String>,
    /// Whether it is an opinion sent in writing rather than spoken.
    pub written: bool,
    pub pieces: Vec<Piece>,
    pub cut_before: bool,
    pub cut_after: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    c: Chrome,
    plenum: Plenum,
    q: String,
    kind: String,
    kinds: Vec<(&'static str, String)>,
    max_chars: usize,
    problems: Vec<String>,
    /// None before anything was asked.
    hits: Option<Vec<HitView>>,
    /// The query string of the next page, when there is one.
    next: Option<String>,
}

/// The snippet cut at its marks.
fn pieces(s: &Snippet) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in &s.marks {
        if r.start > at {
            out.push(Piece { text: s.text[at..r.start].to_string(), marked: false });
        }
        out.push(Piece { text: s.text[r.clone()].to_string(), marked: true });
        at = r.end;
    }
    if at < s.text.len() {
        out.push(Piece { text: s.text[at..].to_string(), marked: false });
    }
    out
}

fn view(c: &Chrome, f: Found, items: &[plenum_store::AgendaItem]) -> HitView {
    let item = items.iter().find(|i| i.id == f.hit.item_id).map(|i| format!("{}. {}", i.ordinal, i.title));
    let href = match (f.hit.kind, f.hit.document_id, f.hit.version_number, &f.hit.anchor) {
        (SearchKind::Passage, Some(d), Some(v), Some(a)) => Some(format!("/documents/{d}/versions/{v}#{a}")),
        _ => None,
    };
    HitView {
        kind: f.hit.kind.as_str(),
        kind_name: c.t.s(&format!("search-kind-{}", f.hit.kind.as_str())),
        item: item.unwrap_or_default(),
        label: if f.hit.kind == SearchKind::Passage { f.hit.label.clone() } else { None },
        href,
        written: f.hit.kind == SearchKind::Opinion && f.hit.speech_id.is_none(),
        pieces: pieces(&f.snippet),
        cut_before: f.snippet.cut_before,
        cut_after: f.snippet.cut_after,
    }
}

/// The query string of the page after `r`.
fn next_page(p: &SearchParams, r: &Results) -> Option<String> {
    r.more.then(|| {
        let next = [("q", p.q.clone()), ("kind", p.kind.clone()), ("offset", (r.offset + r.limit).to_string())];
        serde_urlencoded::to_string(next).unwrap_or_default()
    })
}

pub async fn show(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Query(p): Query<SearchParams>,
) -> Result<Response, AppError> {
    let user = c.require_user()?;
    let plenum = plenums::get(&state.app, user, id).await?;
    let lang = c.t.0;
    let mut problems = Vec::new();
    let (mut hits, mut next) = (None, None);
    if !p.q.trim().is_empty() {
        let found = match p.ask() {
            Ok(ask) => search::search(&state.app, user, id, &ask).await.map_err(AppError::from),
            Err(e) => Err(e),
        };
        match found {
            Ok(r) => {
                let items = agenda::items(&state.app, user, id).await?;
                next = next_page(&p, &r);
                hits = Some(r.hits.into_iter().map(|f| view(&c, f, &items)).collect());
            }
            Err(AppError::Unprocessable(f)) => {
                problems =
                    f.0.iter()
                        .map(|e| {
                            format!("{} {}", lang.t(&format!("search-field-{}", e.field)), field_message(lang, e.code))
                        })
                        .collect();
            }
            Err(e) => return Err(e),
        }
    }
    let kinds = SearchKind::ALL.iter().map(|k| (k.as_str(), c.t.s(&format!("search-kinds-{}", k.as_str())))).collect();
    let refused = !problems.is_empty();
    let page = SearchPage { c, plenum, q: p.q, kind: p.kind, kinds, max_chars: MAX_QUERY_CHARS, problems, hits, next };
    let res = render(&page)?;
    // A refused query is answered as the API answers it, with the form to correct it.
    Ok(if refused { (StatusCode::UNPROCESSABLE_ENTITY, res).into_response() } else { res })
}
