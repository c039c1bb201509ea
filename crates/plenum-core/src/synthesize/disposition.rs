//! A disposition answers one opinion. The presenting body (cơ quan tham mưu)
//! drafts it; the office approves it or returns it with a note. Taking an
//! opinion in (tiếp thu) changes the draft, so it names the passage of the
//! newer version that carries the change; explaining (giải trình) keeps the
//! draft and so must say why.

use serde::{Deserialize, Serialize};

use crate::text::{nfc, FieldErrors};

/// How an opinion is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispositionKind {
    /// Tiếp thu: the draft changes.
    TakenIn,
    /// Giải trình: the draft stays, for the reason given.
    Explained,
    /// Ghi nhận: noted, for the later work it concerns.
    Noted,
    /// Outside what the plenum decides on this item.
    OutOfScope,
}

impl DispositionKind {
    pub const ALL: [DispositionKind; 4] =
        [DispositionKind::TakenIn, DispositionKind::Explained, DispositionKind::Noted, DispositionKind::OutOfScope];

    pub fn as_str(self) -> &'static str {
        match self {
            DispositionKind::TakenIn => "taken_in",
            DispositionKind::Explained => "explained",
            DispositionKind::Noted => "noted",
            DispositionKind::OutOfScope => "out_of_scope",
        }
    }

    pub fn parse(s: &str) -> Option<DispositionKind> {
        DispositionKind::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

crate::stored_code!(DispositionKind, "disposition kind");

/// Where a disposition stands in the office's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Written, waiting for the office.
    Drafted,
    /// Sent back to the body with the office's note.
    Returned,
    /// Approved: it goes into the report and the delegate sees it.
    Approved,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] = [ReviewStatus::Drafted, ReviewStatus::Returned, ReviewStatus::Approved];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Drafted => "drafted",
            ReviewStatus::Returned => "returned",
            ReviewStatus::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

crate::stored_code!(ReviewStatus, "review status");

/// The longest reply or review note, in characters: a long paragraph.
pub const MAX_REPLY: usize = 4000;

/// A disposition as written, checked. `change` is the (document, passage
/// anchor) of the newer version that carries a taken-in opinion's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispositionDraft {
    pub kind: DispositionKind,
    pub reply: String,
    pub change: Option<(i64, String)>,
}

/// Check a disposition: an explanation must give its reason (giải trình
/// means saying why the draft stays); only a taken-in opinion names a change.
pub fn check(kind: &str, reply: &str, change: Option<(i64, String)>) -> Result<DispositionDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let reply = nfc(reply.trim());
    let kind = DispositionKind::parse(kind);
    match kind {
        None => errors.push("kind", "invalid-choice"),
        Some(DispositionKind::Explained) if reply.is_empty() => errors.push("reply", "reason-required"),
        Some(_) => {}
    }
    if reply.chars().count() > MAX_REPLY {
        errors.push("reply", "too-long");
    } else if reply.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.push("reply", "invalid-characters");
    }
    let change = if kind == Some(DispositionKind::TakenIn) { change } else { None };
    errors.finish(()).map(|()| DispositionDraft { kind: kind.unwrap_or(DispositionKind::Noted), reply, change })
}

/// The review the office may make of a disposition in `status`. Approving
/// what is already approved, or returning what is returned, changes nothing
/// and is refused, so the history holds each step once.
pub fn may_review(status: ReviewStatus, to: ReviewStatus) -> bool {
    matches!((status, to), (ReviewStatus::Drafted, ReviewStatus::Approved | ReviewStatus::Returned))
        || matches!((status, to), (ReviewStatus::Returned, ReviewStatus::Approved))
}

/// A check of the trace from a taken-in opinion to the draft: the change it
/// names must be a passage that differs from the version before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TraceFlag {
    /// Taken in, but no change is named.
    NoChange,
    /// The named passage is the same as in the version before it.
    Unchanged,
}

/// Progress of the answers: how many of `total` opinions have an answer,
/// how many of those the office approved, and how many it returned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub total: usize,
    pub answered: usize,
    pub approved: usize,
    pub returned: usize,
}

impl Progress {
    pub fn add(&mut self, status: Option<ReviewStatus>) {
        self.total += 1;
        match status {
            None => return,
            Some(ReviewStatus::Approved) => self.approved += 1,
            Some(ReviewStatus::Returned) => self.returned += 1,
            Some(ReviewStatus::Drafted) => {}
        }
        self.answered += 1;
    }

    /// Answers waiting for the office (drafted, not returned to the body).
    pub fn awaiting(&self) -> usize {
        self.answered - self.approved - self.returned
    }

    /// The sum of two parts (items) of the plenum.
    pub fn plus(self, o: Progress) -> Progress {
        Progress {
            total: self.total + o.total,
            answered: self.answered + o.answered,
            approved: self.approved + o.approved,
            returned: self.returned + o.returned,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explanation_needs_its_reason() {
        let e = check("explained", "  ", None).unwrap_err();
        assert_eq!(e.0[0].code, "reason-required");
        assert!(check("explained", "Đã có trong Nghị quyết 15", None).is_ok());
        assert!(check("noted", "", None).is_ok());
        assert_eq!(check("bogus", "", None).unwrap_err().0[0].field, "kind");
    }

    #[test]
    fn only_taken_in_names_a_change() {
        let c = Some((3, "a1".to_string()));
        assert_eq!(check("taken_in", "", c.clone()).unwrap().change, c);
        assert_eq!(check("explained", "vì", c).unwrap().change, None);
    }

    #[test]
    fn review_goes_forward_only() {
        use ReviewStatus::*;
        assert!(may_review(Drafted, Approved));
        assert!(may_review(Drafted, Returned));
        assert!(may_review(Returned, Approved));
        assert!(!may_review(Approved, Approved));
        assert!(!may_review(Approved, Returned));
        assert!(!may_review(Returned, Returned));
        assert!(!may_review(Drafted, Drafted));
    }

    #[test]
    fn progress_counts_answers_and_approvals() {
        let mut p = Progress::default();
        for s in [None, Some(ReviewStatus::Drafted), Some(ReviewStatus::Approved), Some(ReviewStatus::Returned)] {
            p.add(s);
        }
        assert_eq!(p, Progress { total: 4, answered: 3, approved: 1, returned: 1 });
        assert_eq!(p.awaiting(), 1, "a returned answer waits for the body, not the office");
    }
}
