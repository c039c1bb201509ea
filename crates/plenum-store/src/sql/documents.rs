//! Documents, their versions (with the uploaded bytes) and passages. A
//! version and all its passages are written in one transaction, so a version
//! is never visible half-split.

/// Column lists of the documents part, shared by both backends.
pub mod cols {
    use crate::documents::{Document, DocumentVersion, Passage};

    /// `latest` is 0 only in the instant between a document's insert and its first version's.
    pub const DOCUMENT: &str = "d.id, d.item_id, a.plenum_id, d.title, d.kind, d.created_at,
        (SELECT COALESCE(MAX(v.number), 0) FROM document_versions v WHERE v.document_id = d.id)";
    pub const DOCUMENT_FROM: &str = "documents d JOIN agenda_items a ON a.id = d.item_id";
    pub type DocumentRow = (i64, i64, i64, String, String, i64, i64);

    pub fn document(r: DocumentRow) -> Document {
        let (id, item_id, plenum_id, title, kind, created_at, latest) = r;
        Document { id, item_id, plenum_id, title, kind, created_at, latest }
    }

    // PostgreSQL's length() of bytea is a 32-bit integer; the cast makes both backends answer BIGINT.
    pub const VERSION: &str = "v.id, v.document_id, v.number, v.filename, v.media_type, CAST(length(v.content) AS BIGINT), v.note, v.created_at,
        (SELECT COUNT(*) FROM passages p WHERE p.version_id = v.id)";
    pub type VersionRow = (i64, i64, i64, String, String, i64, String, i64, i64);

    pub fn version(r: VersionRow) -> DocumentVersion {
        let (id, document_id, number, filename, media_type, size, note, created_at, passages) = r;
        DocumentVersion { id, document_id, number, filename, media_type, size, note, created_at, passages }
    }

    pub const PASSAGE: &str = "id, version_id, ordinal, anchor, label, level, text";
    pub type PassageRow = (i64, i64, i64, String, String, i64, String);

    pub fn passage(r: PassageRow) -> Passage {
        let (id, version_id, ordinal, anchor, label, level, text) = r;
        Passage { id, version_id, ordinal, anchor, label, level, text }
    }
}

#[doc(hidden)]
#[macro_export]
macro_rules! impl_documents {
    ($Store:ty, $DB:ty) => {
        impl $Store {
            /// Insert a version numbered `number` and its passages.
            async fn insert_version(
                tx: &mut ::sqlx::Transaction<'static, $DB>,
                document_id: i64,
                number: i64,
                v: &$crate::documents::CheckedVersion,
            ) -> $crate::StoreResult<$crate::documents::DocumentVersion> {
                use $crate::sql::db_err;
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO document_versions (document_id, number, filename, media_type, content, note, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(document_id)
                .bind(number)
                .bind(&v.filename)
                .bind(v.media_type)
                .bind(&v.content)
                .bind(&v.note)
                .bind($crate::sql::now_micros())
                .fetch_one(&mut **tx)
                .await
                .map_err(|e| match db_err(e) {
                    // Another upload took this number first (PostgreSQL, concurrent writers).
                    $crate::StoreError::Conflict("duplicate") => $crate::sql::rows::stale(),
                    other => other,
                })?;
                for p in &v.passages {
                    ::sqlx::query("INSERT INTO passages (version_id, ordinal, anchor, label, level, text) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(id)
                        .bind(p.ordinal)
                        .bind(&p.anchor)
                        .bind(&p.label)
                        .bind(p.level)
                        .bind(&p.text)
                        .execute(&mut **tx)
                        .await
                        .map_err(db_err)?;
                }
                let sql = format!("SELECT {} FROM document_versions v WHERE v.id = $1", $crate::sql::documents::cols::VERSION);
                let r: $crate::sql::documents::cols::VersionRow = ::sqlx::query_as(&sql).bind(id).fetch_one(&mut **tx).await.map_err(db_err)?;
                Ok($crate::sql::documents::cols::version(r))
            }
        }

        #[$crate::sql::async_trait]
        impl $crate::Documents for $Store {
            async fn create_document(
                &self,
                actor: &$crate::Actor,
                new: $crate::documents::NewDocument,
            ) -> $crate::StoreResult<($crate::documents::Document, $crate::documents::DocumentVersion)> {
                use $crate::sql::db_err;
                use $crate::sql::documents::cols;
                let new = new.validate()?;
                let plenum_id = self.item_plenum(new.item_id, "item_id").await?;
                let scope = self.plenum_scope(plenum_id).await?;
                let mut tx = self.begin().await?;
                let (id,): (i64,) = ::sqlx::query_as("INSERT INTO documents (item_id, title, kind, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                    .bind(new.item_id)
                    .bind(&new.title)
                    .bind(&new.kind)
                    .bind($crate::sql::now_micros())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let v = Self::insert_version(&mut tx, id, 1, &new.version).await?;
                let sql = format!("SELECT {} FROM {} WHERE d.id = $1", cols::DOCUMENT, cols::DOCUMENT_FROM);
                let d = cols::document(::sqlx::query_as(&sql).bind(id).fetch_one(&mut *tx).await.map_err(db_err)?);
                self.commit_change(tx, actor, "document.created", scope, $crate::sql::json!({"document": &d, "version": &v})).await?;
                Ok((d, v))
            }

            async fn add_version(
                &self,
                actor: &$crate::Actor,
                document_id: i64,
                new: $crate::documents::NewVersion,
            ) -> $crate::StoreResult<$crate::documents::DocumentVersion> {
                use $crate::sql::db_err;
                let new = new.validate()?;
                let doc = $crate::Documents::document(self, document_id).await?;
                let scope = self.plenum_scope(doc.plenum_id).await?;
                let mut tx = self.begin().await?;
                // A no-op write: on PostgreSQL it locks the document's row, so two
                // uploads to one document are numbered one after the other.
                ::sqlx::query("UPDATE documents SET title = title WHERE id = $1").bind(document_id).execute(&mut *tx).await.map_err(db_err)?;
                let (latest,): (i64,) = ::sqlx::query_as("SELECT COALESCE(MAX(number), 0) FROM document_versions WHERE document_id = $1")
                    .bind(document_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                if new.based_on.is_some_and(|b| b != latest) {
                    return Err($crate::sql::rows::stale());
                }
                let v = Self::insert_version(&mut tx, document_id, latest + 1, &new).await?;
                let data = $crate::sql::json!({"document_id": document_id, "item_id": doc.item_id, "version": &v});
                self.commit_change(tx, actor, "document.version_added", scope, data).await?;
                Ok(v)
            }

            async fn document_item(&self, item_id: i64) -> $crate::StoreResult<$crate::AgendaItem> {
                let (id, plenum_id, ordinal, title, kind, presenter): (i64, i64, i64, String, String, String) =
                    ::sqlx::query_as("SELECT id, plenum_id, ordinal, title, kind, presenter FROM agenda_items WHERE id = $1")
                        .bind(item_id)
                        .fetch_one(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok($crate::AgendaItem { id, plenum_id, ordinal, title, kind, presenter })
            }

            async fn documents(&self, plenum_id: i64) -> $crate::StoreResult<Vec<$crate::documents::Document>> {
                use $crate::sql::documents::cols;
                let sql = format!("SELECT {} FROM {} WHERE a.plenum_id = $1 ORDER BY a.ordinal, d.id", cols::DOCUMENT, cols::DOCUMENT_FROM);
                let r: Vec<cols::DocumentRow> = ::sqlx::query_as(&sql).bind(plenum_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(cols::document).collect())
            }

            async fn document(&self, id: i64) -> $crate::StoreResult<$crate::documents::Document> {
                use $crate::sql::documents::cols;
                let sql = format!("SELECT {} FROM {} WHERE d.id = $1", cols::DOCUMENT, cols::DOCUMENT_FROM);
                let r: cols::DocumentRow = ::sqlx::query_as(&sql).bind(id).fetch_one(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(cols::document(r))
            }

            async fn document_versions(&self, document_id: i64) -> $crate::StoreResult<Vec<$crate::documents::DocumentVersion>> {
                use $crate::sql::documents::cols;
                let sql = format!("SELECT {} FROM document_versions v WHERE v.document_id = $1 ORDER BY v.number", cols::VERSION);
                let r: Vec<cols::VersionRow> = ::sqlx::query_as(&sql).bind(document_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(cols::version).collect())
            }

            async fn document_version(&self, id: i64) -> $crate::StoreResult<$crate::documents::DocumentVersion> {
                use $crate::sql::documents::cols;
                let sql = format!("SELECT {} FROM document_versions v WHERE v.id = $1", cols::VERSION);
                let r: cols::VersionRow = ::sqlx::query_as(&sql).bind(id).fetch_one(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(cols::version(r))
            }

            async fn document_content(&self, version_id: i64) -> $crate::StoreResult<Vec<u8>> {
                let (content,): (Vec<u8>,) = ::sqlx::query_as("SELECT content FROM document_versions WHERE id = $1")
                    .bind(version_id)
                    .fetch_one(self.reader())
                    .await
                    .map_err($crate::sql::db_err)?;
                Ok(content)
            }

            async fn passages(&self, version_id: i64) -> $crate::StoreResult<Vec<$crate::documents::Passage>> {
                use $crate::sql::documents::cols;
                let sql = format!("SELECT {} FROM passages WHERE version_id = $1 ORDER BY ordinal", cols::PASSAGE);
                let r: Vec<cols::PassageRow> = ::sqlx::query_as(&sql).bind(version_id).fetch_all(self.reader()).await.map_err($crate::sql::db_err)?;
                Ok(r.into_iter().map(cols::passage).collect())
            }
        }
    };
}
