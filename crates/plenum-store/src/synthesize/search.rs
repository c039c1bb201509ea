//! Full-text search over opinions and passages. Both are indexed by their
//! text folded in Rust (`folded`, written with every insert and update),
//! because neither backend folds đ: SQLite through an FTS5 index kept by
//! triggers and ranked by bm25, PostgreSQL through a GIN index on
//! `to_tsvector('simple', folded)` ranked by `ts_rank`. The query's terms
//! come from [`Terms`], letters and digits only, so no search syntax of the
//! user's reaches either engine.

use async_trait::async_trait;
use plenum_core::synthesize::search::{SearchKind, Terms, MAX_LIMIT};
use plenum_core::text::fold::fold;
use sqlx::AnyPool;

use crate::store::{db_err, SqlStore};
use crate::StoreResult;

/// The deepest offset a page may start at: paging further costs the engine
/// ranking every hit before it, and nobody reads that far.
pub const MAX_OFFSET: i64 = 1_000;

/// One search: the terms, where to look, and which page.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    pub terms: Terms,
    /// The plenums to search; hits of any other are never returned.
    pub plenum_ids: Vec<i64>,
    /// What to look in; nothing is found when empty.
    pub kinds: Vec<SearchKind>,
    /// Whether opinions sent in writing are included; opinions a speech
    /// carried are part of the public record of speeches and always are.
    pub written_opinions: bool,
    /// At most [`MAX_LIMIT`] and one more, so a caller can tell a next page follows (a larger one is lowered to it).
    pub limit: i64,
    /// At most [`MAX_OFFSET`].
    pub offset: i64,
}

/// One hit, best first: an opinion or a passage of a document's latest
/// version that has passages.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SearchHit {
    #[sqlx(try_from = "String")]
    pub kind: SearchKind,
    pub id: i64,
    pub plenum_id: i64,
    pub item_id: i64,
    pub text: String,
    /// Higher is better; comparable within one search only.
    pub score: f64,
    /// An opinion's delegate and speech (none for a written one).
    pub delegate_id: Option<i64>,
    pub speech_id: Option<i64>,
    /// A passage's document and version number.
    pub document_id: Option<i64>,
    pub version_number: Option<i64>,
    /// A passage's anchor, or the passage an opinion cites.
    pub anchor: Option<String>,
    /// A passage's label ("II.2.a").
    pub label: Option<String>,
}

/// How one backend matches and ranks the rows of a table `t` aliased `a`
/// against the query bound at `param`.
struct Matching {
    from: String,
    condition: String,
    score: String,
}

fn matching(backend: &str, table: &str, alias: &str, param: usize) -> Matching {
    if backend == "sqlite" {
        // The opinions' index has a second column, their plenum, which must not count in the rank.
        let weights = if table == "opinions" { ", 1.0, 0.0" } else { "" };
        Matching {
            from: format!("{table}_fts JOIN {table} {alias} ON {alias}.id = {table}_fts.rowid"),
            condition: format!("{table}_fts MATCH ${param}"),
            // bm25 is lower for a better match.
            score: format!("-bm25({table}_fts{weights})"),
        }
    } else if table == "opinions" {
        // The index's expression, word for word, against the terms and the plenums
        // (`$param`); only the terms (`$1`) count in the rank.
        let vector = format!("to_tsvector('simple', 'plenum' || {alias}.plenum_id::TEXT || ' ' || {alias}.folded)");
        Matching {
            from: format!("{table} {alias}"),
            condition: format!("{vector} @@ to_tsquery('simple', ${param})"),
            score: format!("ts_rank(to_tsvector('simple', {alias}.folded), plainto_tsquery('simple', $1))"),
        }
    } else {
        let vector = format!("to_tsvector('simple', {alias}.folded)");
        Matching {
            from: format!("{table} {alias}"),
            condition: format!("{vector} @@ plainto_tsquery('simple', ${param})"),
            score: format!("ts_rank({vector}, plainto_tsquery('simple', ${param}))"),
        }
    }
}

/// What `$1` (passages) and `$2` (opinions) are bound to: on SQLite an FTS5
/// expression of the quoted terms; on PostgreSQL the plain terms, and for
/// opinions a tsquery. The opinions' expression also asks for the plenums
/// inside the index, where each opinion's plenum is indexed with its text.
fn match_params(backend: &str, q: &SearchQuery) -> (String, String) {
    if backend == "sqlite" {
        let terms = q.terms.fts5();
        let plenums: Vec<String> = q.plenum_ids.iter().map(|id| format!("\"{id}\"")).collect();
        let opinions = format!("plenum_id : ({}) AND folded : ({terms})", plenums.join(" OR "));
        (terms, opinions)
    } else {
        // Terms are letters and digits only, so they are plain lexemes in a tsquery.
        let plenums: Vec<String> = q.plenum_ids.iter().map(|id| format!("plenum{id}")).collect();
        let opinions = format!("({}) & ({})", q.terms.as_slice().join(" & "), plenums.join(" | "));
        (q.terms.plain(), opinions)
    }
}

/// The statement for a query; the plenum ids are bound from `$3` on.
fn statement(backend: &str, q: &SearchQuery) -> String {
    const FIRST_PLENUM: usize = 3;
    let plenums: Vec<String> = (0..q.plenum_ids.len()).map(|i| format!("${}", i + FIRST_PLENUM)).collect();
    let plenums = plenums.join(", ");
    let mut parts = Vec::new();
    if q.kinds.contains(&SearchKind::Opinion) {
        let m = matching(backend, "opinions", "o", 2);
        let written = if q.written_opinions { "" } else { " AND o.speech_id IS NOT NULL" };
        parts.push(format!(
            "SELECT 'opinion' AS kind, o.id AS id, o.plenum_id AS plenum_id, o.item_id AS item_id, o.text AS text,
                    CAST({score} AS DOUBLE PRECISION) AS score, o.delegate_id AS delegate_id, o.speech_id AS speech_id,
                    CAST(NULL AS BIGINT) AS document_id, CAST(NULL AS BIGINT) AS version_number,
                    o.passage_anchor AS anchor, CAST(NULL AS TEXT) AS label
             FROM {from} WHERE {condition} AND o.plenum_id IN ({plenums}){written}",
            score = m.score,
            from = m.from,
            condition = m.condition,
        ));
    }
    if q.kinds.contains(&SearchKind::Passage) {
        let m = matching(backend, "passages", "p", 1);
        // Only the latest version of a document that has passages: earlier
        // ones would repeat every unchanged passage.
        parts.push(format!(
            "SELECT 'passage' AS kind, p.id AS id, i.plenum_id AS plenum_id, d.item_id AS item_id, p.text AS text,
                    CAST({score} AS DOUBLE PRECISION) AS score, CAST(NULL AS BIGINT) AS delegate_id,
                    CAST(NULL AS BIGINT) AS speech_id, d.id AS document_id, v.number AS version_number,
                    p.anchor AS anchor, p.label AS label
             FROM {from} JOIN document_versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
                  JOIN agenda_items i ON i.id = d.item_id
             WHERE {condition} AND i.plenum_id IN ({plenums})
               AND v.number = (SELECT MAX(v2.number) FROM document_versions v2 WHERE v2.document_id = d.id
                               AND EXISTS (SELECT 1 FROM passages p2 WHERE p2.version_id = v2.id))",
            score = m.score,
            from = m.from,
            condition = m.condition,
        ));
    }
    let after = FIRST_PLENUM + q.plenum_ids.len();
    format!(
        "SELECT * FROM ({}) hits ORDER BY score DESC, kind, id LIMIT ${} OFFSET ${}",
        parts.join(" UNION ALL "),
        after,
        after + 1
    )
}

#[async_trait]
impl crate::Search for SqlStore {
    async fn search(&self, q: &SearchQuery) -> StoreResult<Vec<SearchHit>> {
        if q.plenum_ids.is_empty() || q.kinds.is_empty() {
            return Ok(Vec::new());
        }
        let backend = self.backend().name();
        let sql = statement(backend, q);
        let (passages, opinions) = match_params(backend, q);
        let mut query = sqlx::query_as::<_, SearchHit>(&sql).bind(passages).bind(opinions);
        for id in &q.plenum_ids {
            query = query.bind(*id);
        }
        query
            .bind(q.limit.clamp(1, MAX_LIMIT + 1))
            .bind(q.offset.clamp(0, MAX_OFFSET))
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }
}

/// Fold the text of rows written before search came (their `folded` is
/// NULL), so the index covers them; a migration cannot, as SQL does not fold
/// đ. Run after every migration; once done it finds nothing to do. This is
/// derived data, not a change of the record, so the history has no entry.
pub(crate) async fn fold_missing(pool: &AnyPool) -> StoreResult<()> {
    const BATCH: i64 = 500;
    for table in ["opinions", "passages"] {
        loop {
            let rows: Vec<(i64, String)> =
                sqlx::query_as(&format!("SELECT id, text FROM {table} WHERE folded IS NULL ORDER BY id LIMIT $1"))
                    .bind(BATCH)
                    .fetch_all(pool)
                    .await
                    .map_err(db_err)?;
            let mut tx = pool.begin().await.map_err(db_err)?;
            for (id, text) in &rows {
                sqlx::query(&format!("UPDATE {table} SET folded = $1 WHERE id = $2"))
                    .bind(fold(text))
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            tx.commit().await.map_err(db_err)?;
            if (rows.len() as i64) < BATCH {
                break;
            }
        }
    }
    Ok(())
}
