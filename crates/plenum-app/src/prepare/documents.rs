//! Documents filed under agenda items, and their versions.
//!
//! Filing is two steps, so that an adapter checks the caller's permission
//! before it reads (and complains about) an upload: first obtain the
//! permission as a value ([`may_file`], [`may_revise`]), then act with it.

use plenum_core::access::Permission;
use plenum_store::documents::{Document, DocumentVersion, NewDocument, NewVersion, Passage};
use plenum_store::{AgendaItem, Plenum};

use crate::{App, AppResult, Principal};

/// An agenda item the caller may file documents under.
#[derive(Debug, Clone)]
pub struct Filing {
    pub item: AgendaItem,
    pub plenum: Plenum,
}

/// A document the caller may add versions to.
#[derive(Debug, Clone)]
pub struct Revision {
    pub document: Document,
    pub plenum: Plenum,
}

/// An agenda item with its documents.
#[derive(Debug, Clone)]
pub struct ItemDocuments {
    pub item: AgendaItem,
    pub documents: Vec<(Document, Vec<DocumentVersion>)>,
}

async fn item_plenum(app: &App, who: &Principal, item_id: i64, p: Permission) -> AppResult<(AgendaItem, Plenum)> {
    let item = app.store.document_item(item_id).await?;
    let plenum = app.plenum_for(who, item.plenum_id, p).await?;
    Ok((item, plenum))
}

async fn document_plenum(app: &App, who: &Principal, id: i64, p: Permission) -> AppResult<(Document, Plenum)> {
    let doc = app.store.document(id).await?;
    let plenum = app.plenum_for(who, doc.plenum_id, p).await?;
    Ok((doc, plenum))
}

/// May the caller file documents under this item (the office)?
pub async fn may_file(app: &App, who: &Principal, item_id: i64) -> AppResult<Filing> {
    let (item, plenum) = item_plenum(app, who, item_id, Permission::Prepare).await?;
    Ok(Filing { item, plenum })
}

/// File a new document with its first version.
pub async fn file(
    app: &App,
    who: &Principal,
    filing: &Filing,
    title: String,
    kind: String,
    version: NewVersion,
) -> AppResult<(Document, DocumentVersion)> {
    let new = NewDocument { item_id: filing.item.id, title, kind, version };
    Ok(app.store.create_document(&who.actor(), new).await?)
}

/// May the caller add versions to this document (the office)?
pub async fn may_revise(app: &App, who: &Principal, document_id: i64) -> AppResult<Revision> {
    let (document, plenum) = document_plenum(app, who, document_id, Permission::Prepare).await?;
    Ok(Revision { document, plenum })
}

/// Add a version; refused as stale if another was added since the one it is based on.
pub async fn revise(app: &App, who: &Principal, r: &Revision, version: NewVersion) -> AppResult<DocumentVersion> {
    Ok(app.store.add_version(&who.actor(), r.document.id, version).await?)
}

/// Every agenda item of a plenum with its documents and their versions.
pub async fn of_plenum(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<ItemDocuments>> {
    app.plenum_for(who, plenum_id, Permission::ViewPlenum).await?;
    let docs = app.store.documents(plenum_id).await?;
    let mut out = Vec::new();
    for item in app.store.agenda_items(plenum_id).await? {
        let mut documents = Vec::new();
        for d in docs.iter().filter(|d| d.item_id == item.id) {
            documents.push((d.clone(), app.store.document_versions(d.id).await?));
        }
        out.push(ItemDocuments { item, documents });
    }
    Ok(out)
}

/// A document and its plenum, for those who may see the plenum.
pub async fn document(app: &App, who: &Principal, document_id: i64) -> AppResult<(Document, Plenum)> {
    document_plenum(app, who, document_id, Permission::ViewPlenum).await
}

/// A version with its document.
pub async fn version(app: &App, who: &Principal, version_id: i64) -> AppResult<(Document, DocumentVersion)> {
    let version = app.store.document_version(version_id).await?;
    let (document, _) = document(app, who, version.document_id).await?;
    Ok((document, version))
}

/// A version's passages (none for a PDF).
pub async fn passages(
    app: &App,
    who: &Principal,
    version_id: i64,
) -> AppResult<(Document, DocumentVersion, Vec<Passage>)> {
    let (document, version) = self::version(app, who, version_id).await?;
    Ok((document, version, app.store.passages(version_id).await?))
}

/// A version's file: its metadata and bytes.
pub async fn content(app: &App, who: &Principal, version_id: i64) -> AppResult<(DocumentVersion, Vec<u8>)> {
    let (_, version) = self::version(app, who, version_id).await?;
    Ok((version, app.store.document_content(version_id).await?))
}
