//! Synthesizing the opinions: the bodies that answer them, each opinion's
//! disposition and its review, the groups of similar opinions, and the
//! documents the plenum issues with their register numbers; and searching
//! the record (opinions and the passages of documents).

mod bodies;
pub(crate) use bodies::body_named;
mod dispositions;
mod groups;
mod issued;
pub mod search;

use plenum_core::synthesize::disposition::{DispositionKind, ReviewStatus};
use plenum_core::synthesize::issued::IssuedKind;
use serde::{Deserialize, Serialize};

/// A body (cơ quan tham mưu) of an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Body {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
}

/// An opinion's answer, where it stands in review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Disposition {
    pub opinion_id: i64,
    pub plenum_id: i64,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: DispositionKind,
    pub reply: String,
    /// For a taken-in opinion: the draft, and the anchor of the passage of
    /// its newer version that carries the change.
    pub document_id: Option<i64>,
    pub change_anchor: Option<String>,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub status: ReviewStatus,
    /// The office's note when it returned the answer.
    pub review_note: String,
    pub drafted_by: Option<i64>,
    pub updated_at: i64,
    pub version: i64,
}

/// A group of similar opinions on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct OpinionGroup {
    pub id: i64,
    pub plenum_id: i64,
    pub item_id: i64,
    pub title: String,
    /// Its opinions, in the order they were made.
    #[sqlx(skip)]
    pub opinion_ids: Vec<i64>,
}

/// A document the plenum issues, as the office last saved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct IssuedDocument {
    pub id: i64,
    pub plenum_id: i64,
    pub committee_id: i64,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: IssuedKind,
    /// Its ordinal in the committee's register for this kind.
    pub number: i64,
    pub issued_on: String,
    pub title: String,
    pub body: String,
    pub signer_for: String,
    pub signer_title: String,
    pub signer_name: String,
    pub recipients: String,
    pub version: i64,
}

/// A disposition as a body or the office writes it.
#[derive(Debug, Clone)]
pub struct NewDisposition {
    pub opinion_id: i64,
    pub kind: String,
    pub reply: String,
    /// (document, passage anchor of its newer version), for a taken-in opinion.
    pub change: Option<(i64, String)>,
    /// The version the writer saw; `None` for an opinion not yet answered.
    pub expected_version: Option<i64>,
}

/// One group as the office accepts it: its title and its opinions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDraft {
    pub title: String,
    pub opinion_ids: Vec<i64>,
}

/// One edit of an item's groups, made in place so the other groups keep their ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupEdit {
    Rename {
        group_id: i64,
        title: String,
    },
    /// The opinions of `from` join `into`, and `from` is gone.
    Merge {
        from: i64,
        into: i64,
    },
    /// The opinion leaves its group (a group left empty is gone).
    SplitOff {
        opinion_id: i64,
    },
}
