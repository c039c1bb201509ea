//! The documents a plenum issues (the synthesis report, the resolution, the
//! conclusion notice): the office edits each one's text and signature block;
//! its first save takes the next number of the committee's register.

use plenum_core::synthesize::issued::{IssuedKind, IssuedText};
use plenum_store::synthesize::IssuedDocument;
use plenum_store::Plenum;

use super::workspace::Access;
use crate::{App, AppResult, Principal};

/// The plenum and its document of this kind, if saved (the office only).
pub async fn get(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    kind: IssuedKind,
) -> AppResult<(Plenum, Option<IssuedDocument>)> {
    let access = Access::of(app, who, plenum_id).await?;
    access.require_office()?;
    let doc = app.store.issued_document(plenum_id, kind).await?;
    Ok((access.plenum, doc))
}

/// Save the office's text; `issued_on` is today's date (YYYY-MM-DD) for a first save.
pub async fn save(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    kind: IssuedKind,
    text: IssuedText,
    issued_on: &str,
    expected_version: Option<i64>,
) -> AppResult<IssuedDocument> {
    let access = Access::of(app, who, plenum_id).await?;
    access.require_office()?;
    Ok(app.store.save_issued_document(&who.actor(), plenum_id, kind, text, issued_on, expected_version).await?)
}
