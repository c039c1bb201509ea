//! Search over a plenum's record and documents, insensitive to diacritics,
//! filtered by what the caller may read: whoever may see the plenum reads its
//! documents' passages and the opinions its speeches carried (the record of
//! speeches shows them); opinions sent in writing only those whose desk
//! reaches them, as the opinion record does.

use plenum_core::synthesize::search::{snippet, QueryError, SearchKind, Snippet, Terms, MAX_LIMIT};
use plenum_store::synthesize::search::{SearchHit, SearchQuery, MAX_OFFSET};
use plenum_store::Plenum;

use crate::conduct::recording::scope_of;
use crate::prepare::plenums;
use crate::{App, AppResult, Error, Principal};

/// What was asked: the query as typed, the kinds to look in (all when
/// empty), and the page.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    pub q: String,
    pub kinds: Vec<SearchKind>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// One hit with the stretch of its text to show, the terms marked.
#[derive(Debug, Clone)]
pub struct Found {
    pub hit: SearchHit,
    pub snippet: Snippet,
}

/// A page of hits, best first.
#[derive(Debug, Clone)]
pub struct Results {
    pub plenum: Plenum,
    pub hits: Vec<Found>,
    pub offset: i64,
    pub limit: i64,
    /// Whether another page follows.
    pub more: bool,
}

/// The hits per page when the caller names no limit.
pub const DEFAULT_LIMIT: i64 = 20;

/// The query's terms, or the field error on `q` that refuses it.
pub fn terms(q: &str) -> AppResult<Terms> {
    Terms::parse(q).map_err(|e: QueryError| Error::field("q", e.code()))
}

/// Search one plenum the caller may see.
pub async fn search(app: &App, who: &Principal, plenum_id: i64, ask: &Ask) -> AppResult<Results> {
    let plenum = plenums::get(app, who, plenum_id).await?;
    let terms = terms(&ask.q)?;
    let limit = ask.limit.unwrap_or(DEFAULT_LIMIT);
    let offset = ask.offset.unwrap_or(0);
    let mut invalid = plenum_core::FieldErrors::default();
    if !(1..=MAX_LIMIT).contains(&limit) {
        invalid.push("limit", "search-limit");
    }
    if !(0..=MAX_OFFSET).contains(&offset) {
        invalid.push("offset", "search-offset");
    }
    if !invalid.is_empty() {
        return Err(Error::Invalid(invalid));
    }
    // Written opinions belong to no group: a desk reaches them only when it
    // reaches the whole plenum (the office's, not a group secretary's).
    let written_opinions = match scope_of(app, who, &plenum).await {
        Ok(scope) => scope.allows(None),
        Err(Error::Forbidden) => false,
        Err(e) => return Err(e),
    };
    let kinds = if ask.kinds.is_empty() { SearchKind::ALL.to_vec() } else { ask.kinds.clone() };
    // One more than the page, to know whether another follows.
    let query = SearchQuery { terms, plenum_ids: vec![plenum.id], kinds, written_opinions, limit: limit + 1, offset };
    let mut hits = app.store.search(&query).await?;
    let more = hits.len() as i64 > limit;
    hits.truncate(limit as usize);
    let hits = hits.into_iter().map(|hit| Found { snippet: snippet(&hit.text, &query.terms), hit }).collect();
    Ok(Results { plenum, hits, offset, limit, more })
}
