//! Documents of agenda items, their versions (with the uploaded bytes) and
//! passages. A version and all its passages are written in one transaction,
//! so a version is never visible half-split.

use async_trait::async_trait;
use sqlx::AnyConnection;

use crate::change::{data, Change};
use crate::documents::{CheckedVersion, Document, DocumentVersion, NewDocument, NewVersion, Passage};
use crate::store::{db_err, now_micros, on_unique, stale, SqlStore};
use crate::{Actor, AgendaItem, Conflict, StoreResult};

/// `latest` is 0 only in the instant between a document's insert and its first version's.
const DOCUMENT: &str = "SELECT d.id, d.item_id, a.plenum_id, d.title, d.kind, d.created_at,
        (SELECT COALESCE(MAX(v.number), 0) FROM document_versions v WHERE v.document_id = d.id) AS latest
     FROM documents d JOIN agenda_items a ON a.id = d.item_id";

// PostgreSQL's length() of bytea is a 32-bit integer; the cast makes both backends answer BIGINT.
const VERSION: &str = "SELECT v.id, v.document_id, v.number, v.filename, v.media_type,
        CAST(length(v.content) AS BIGINT) AS size, v.note, v.created_at,
        (SELECT COUNT(*) FROM passages p WHERE p.version_id = v.id) AS passages
     FROM document_versions v";

const PASSAGE: &str = "SELECT id, version_id, ordinal, anchor, label, level, text FROM passages";

async fn document(conn: &mut AnyConnection, id: i64) -> StoreResult<Document> {
    sqlx::query_as(&format!("{DOCUMENT} WHERE d.id = $1")).bind(id).fetch_one(conn).await.map_err(db_err)
}

/// Insert a version numbered `number` and its passages.
async fn insert_version(
    conn: &mut AnyConnection,
    document_id: i64,
    number: i64,
    v: &CheckedVersion,
) -> StoreResult<DocumentVersion> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO document_versions (document_id, number, filename, media_type, content, note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(document_id)
    .bind(number)
    .bind(&v.filename)
    .bind(v.media_type)
    .bind(&v.content)
    .bind(&v.note)
    .bind(now_micros())
    .fetch_one(&mut *conn)
    .await
    // Another upload took this number first.
    .map_err(on_unique("document_versions", &["document_id", "number"], Conflict::Stale))?;
    for p in &v.passages {
        sqlx::query(
            "INSERT INTO passages (version_id, ordinal, anchor, label, level, text, folded)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(p.ordinal)
        .bind(&p.anchor)
        .bind(&p.label)
        .bind(p.level)
        .bind(&p.text)
        .bind(plenum_core::text::fold::fold(&p.text))
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    }
    sqlx::query_as(&format!("{VERSION} WHERE v.id = $1")).bind(id).fetch_one(conn).await.map_err(db_err)
}

#[async_trait]
impl crate::Documents for SqlStore {
    async fn create_document(&self, actor: &Actor, new: NewDocument) -> StoreResult<(Document, DocumentVersion)> {
        let new = crate::documents::off_the_workers(move || new.validate()).await?;
        let mut tx = self.begin().await?;
        let plenum_id = super::agenda::item_plenum(&mut tx, new.item_id, "item_id").await?;
        let scope = self.plenum_scope(&mut tx, plenum_id).await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO documents (item_id, title, kind, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(new.item_id)
        .bind(&new.title)
        .bind(&new.kind)
        .bind(now_micros())
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let v = insert_version(&mut tx, id, 1, &new.version).await?;
        let d = document(&mut tx, id).await?;
        let data = data::DocumentCreated { document: d.clone(), version: v.clone() };
        self.commit_change(tx, actor, scope, Change::DocumentCreated(data)).await?;
        Ok((d, v))
    }

    async fn add_version(&self, actor: &Actor, document_id: i64, new: NewVersion) -> StoreResult<DocumentVersion> {
        let new = crate::documents::off_the_workers(move || new.validate()).await?;
        // The history head's lock, taken by `begin`, numbers two uploads to
        // one document one after the other.
        let mut tx = self.begin().await?;
        let doc = document(&mut tx, document_id).await?;
        let scope = self.plenum_scope(&mut tx, doc.plenum_id).await?;
        if new.based_on.is_some_and(|b| b != doc.latest) {
            return Err(stale());
        }
        let v = insert_version(&mut tx, document_id, doc.latest + 1, &new).await?;
        let data = data::VersionAdded { document_id, item_id: doc.item_id, version: v.clone() };
        self.commit_change(tx, actor, scope, Change::DocumentVersionAdded(data)).await?;
        Ok(v)
    }

    async fn document_item(&self, item_id: i64) -> StoreResult<AgendaItem> {
        super::agenda::item(&mut *self.reader().acquire().await.map_err(db_err)?, item_id).await
    }

    async fn documents(&self, plenum_id: i64) -> StoreResult<Vec<Document>> {
        sqlx::query_as(&format!("{DOCUMENT} WHERE a.plenum_id = $1 ORDER BY a.ordinal, d.id"))
            .bind(plenum_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn document(&self, id: i64) -> StoreResult<Document> {
        document(&mut *self.reader().acquire().await.map_err(db_err)?, id).await
    }

    async fn document_versions(&self, document_id: i64) -> StoreResult<Vec<DocumentVersion>> {
        sqlx::query_as(&format!("{VERSION} WHERE v.document_id = $1 ORDER BY v.number"))
            .bind(document_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn document_version(&self, id: i64) -> StoreResult<DocumentVersion> {
        sqlx::query_as(&format!("{VERSION} WHERE v.id = $1")).bind(id).fetch_one(self.reader()).await.map_err(db_err)
    }

    async fn document_content(&self, version_id: i64) -> StoreResult<Vec<u8>> {
        let (content,): (Vec<u8>,) = sqlx::query_as("SELECT content FROM document_versions WHERE id = $1")
            .bind(version_id)
            .fetch_one(self.reader())
            .await
            .map_err(db_err)?;
        Ok(content)
    }

    async fn passages(&self, version_id: i64) -> StoreResult<Vec<Passage>> {
        sqlx::query_as(&format!("{PASSAGE} WHERE version_id = $1 ORDER BY ordinal"))
            .bind(version_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }
}
