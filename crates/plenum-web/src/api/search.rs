//! Searching a plenum's record and documents through the API.

use axum::extract::{Path, Query, State};
use axum::Json;
use plenum_app::synthesize::search::{self, Ask, Found};
use plenum_core::synthesize::search::SearchKind;
use serde::{Deserialize, Serialize};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// A search as asked in the query string; the page's form sends the same fields.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to find, with or without diacritics ("tiep thu" finds "tiếp thu"): every term must
    /// occur. At most 200 characters and 12 terms; beyond that 422.
    #[serde(default)]
    pub q: String,
    /// Only this kind: `opinion` or `passage`; empty or absent for both, another value is 422.
    #[serde(default)]
    pub kind: String,
    /// At most this many hits (1–50, default 20).
    pub limit: Option<i64>,
    /// Skip this many hits first (0–1000).
    pub offset: Option<i64>,
}

impl SearchParams {
    /// The application's question; an unknown kind is a field error on `kind`.
    pub fn ask(&self) -> Result<Ask, AppError> {
        let kinds = match self.kind.trim() {
            "" => Vec::new(),
            k => vec![SearchKind::parse(k).ok_or_else(|| plenum_app::Error::field("kind", "invalid-choice"))?],
        };
        Ok(Ask { q: self.q.clone(), kinds, limit: self.limit, offset: self.offset })
    }
}

/// One hit, best first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// `opinion` or `passage`.
    pub kind: &'static str,
    pub id: i64,
    pub item_id: i64,
    /// Higher is better; comparable within one answer only.
    pub score: f64,
    /// The stretch of the text around its first match.
    pub snippet: String,
    /// Where the terms occur in `snippet`, as `[start, end)` character (code point) offsets.
    pub marks: Vec<[usize; 2]>,
    /// Whether text was left out before and after the snippet.
    pub cut_before: bool,
    pub cut_after: bool,
    /// An opinion's delegate, and its speech (none for one sent in writing).
    pub delegate_id: Option<i64>,
    pub speech_id: Option<i64>,
    /// A passage's document and version number.
    pub document_id: Option<i64>,
    pub version: Option<i64>,
    /// A passage's anchor, or the passage an opinion cites.
    pub anchor: Option<String>,
    /// A passage's label, e.g. "II.2.a".
    pub label: Option<String>,
}

impl From<Found> for Hit {
    fn from(f: Found) -> Hit {
        let s = &f.snippet;
        let chars = |at: usize| s.text[..at].chars().count();
        let marks = s.marks.iter().map(|r| [chars(r.start), chars(r.end)]).collect();
        Hit {
            kind: f.hit.kind.as_str(),
            id: f.hit.id,
            item_id: f.hit.item_id,
            score: f.hit.score,
            marks,
            cut_before: s.cut_before,
            cut_after: s.cut_after,
            snippet: f.snippet.text,
            delegate_id: f.hit.delegate_id,
            speech_id: f.hit.speech_id,
            document_id: f.hit.document_id,
            version: f.hit.version_number,
            anchor: f.hit.anchor,
            label: f.hit.label,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchBody {
    pub hits: Vec<Hit>,
    /// Whether more hits follow (ask again with `offset` + `limit`).
    pub more: bool,
}

/// Search the plenum's opinions and the passages of its documents' latest versions, insensitive
/// to diacritics (đ as d), best match first. Whoever may see the plenum finds passages and the
/// opinions speeches carried; opinions sent in writing are found by the office's desk only.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/search", params(SearchParams), security(("bearer" = [])),
    responses((status = 200, body = SearchBody), (status = 403, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchBody>, AppError> {
    let r = search::search(&state.app, &user, id, &p.ask()?).await?;
    Ok(Json(SearchBody { more: r.more, hits: r.hits.into_iter().map(Hit::from).collect() }))
}
