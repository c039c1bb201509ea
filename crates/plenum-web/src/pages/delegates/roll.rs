//! The roll call (điểm danh) of a plenum's delegates: compact rows, a search
//! by name or unit and a filter by attendance, "mark all present", and one
//! delegate's attendance saved in place. Without JavaScript every form posts
//! and the page comes back; with `roll.js` a save swaps only its row (or, for
//! "mark all present", the roll) and the search filters as one types.

use crate::routes::{post, Routes};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use plenum_app::conduct::attendance::{self, SittingsView};
use plenum_core::conduct::attendance::Tally;
use plenum_core::conduct::roll_call::{marked_by_all_present, RollFilter, MAX_QUERY};
use plenum_core::conduct::sittings::Sitting;
use plenum_store::{Delegate, DiscussionGroup, Plenum};
use serde::Deserialize;

use super::{group_name, Flash};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/delegates/{did}/attendance", post(set_attendance).back_to("/plenums/{id}/delegates"))
        .route("/plenums/{id}/attendance/all-present", post(mark_all_present).back_to("/plenums/{id}/delegates"))
        .route("/plenums/{id}/sitting", post(open_sitting).back_to("/plenums/{id}/delegates"))
}

/// "Buổi sáng ngày 05/01/2023", "Morning, 5 Jan 2023".
pub fn sitting_label(t: Tr, s: &Sitting) -> String {
    t.0.t_args("sitting-label", &[("half", s.half.as_str().to_string()), ("day", t.date(&s.day))])
}

/// One sitting as the roll shows it: its number, label and figures.
pub struct SittingRow {
    pub number: i64,
    pub label: String,
    pub current: bool,
    pub tally: Tally,
}

/// The attendance choices a secretary has, in roll-call order.
pub const ROLL: [&str; 5] = ["present", "late", "absent", "left", "expected"];

/// The header `roll.js` sends: answer with the changed part of the page, not a redirect.
const INLINE: &str = "x-plenum-inline";

pub struct Row {
    pub d: Delegate,
    pub group: String,
    /// Name and unit, folded as the search compares them.
    pub haystack: String,
    /// Does the filter show this row? (A hidden row is still sent, so the
    /// script can show it again as the search changes.)
    pub shown: bool,
}

/// A note beside one row: the delegate, the message, and whether it is an error.
#[derive(Default)]
pub struct RowNote(Option<(i64, String, bool)>);

impl RowNote {
    pub fn for_row(&self, id: &i64) -> &str {
        self.0.as_ref().filter(|n| n.0 == *id).map(|n| n.1.as_str()).unwrap_or("")
    }
    pub fn is_error(&self) -> bool {
        self.0.as_ref().is_some_and(|n| n.2)
    }
}

/// Everything the roll's section shows.
pub struct RollView {
    pub record: bool,
    pub rows: Vec<Row>,
    pub choices: [&'static str; 5],
    pub note: RowNote,
    pub notice: Option<String>,
    /// The search and the status chosen, as typed.
    pub query: String,
    pub status: String,
    pub max_query: usize,
    /// The plenum's sittings, and whether the user may move the roll to another (the office).
    pub sittings: Vec<SittingRow>,
    pub sitting: String,
    pub may_switch: bool,
}

impl RollView {
    pub fn new(
        record: bool,
        delegates: Vec<Delegate>,
        groups: &[DiscussionGroup],
        query: &str,
        status: &str,
    ) -> RollView {
        let filter = RollFilter::new(query, status);
        let rows = delegates
            .into_iter()
            .map(|d| {
                let haystack = RollFilter::haystack(&d.full_name, &d.unit);
                Row { shown: filter.shows(&haystack, d.attendance), group: group_name(groups, &d), haystack, d }
            })
            .collect();
        RollView {
            record,
            rows,
            choices: ROLL,
            note: RowNote::default(),
            notice: None,
            query: query.chars().take(MAX_QUERY).collect(),
            status: filter.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
            max_query: MAX_QUERY,
            sittings: Vec::new(),
            sitting: String::new(),
            may_switch: false,
        }
    }

    /// The sittings, for the roll's heading, its switch and its per-sitting figures.
    pub fn with_sittings(mut self, t: Tr, v: &SittingsView, may_switch: bool) -> RollView {
        self.sitting = v
            .current()
            .map(|s| {
                t.0.t_args(
                    "sitting-current",
                    &[
                        ("label", sitting_label(t, s)),
                        ("number", s.number.to_string()),
                        ("all", v.all.len().to_string()),
                    ],
                )
            })
            .unwrap_or_default();
        self.sittings = v
            .all
            .iter()
            .map(|(s, tally)| SittingRow {
                number: s.number,
                label: sitting_label(t, s),
                current: s.number == v.current,
                tally: *tally,
            })
            .collect();
        self.may_switch = may_switch;
        self
    }

    /// The note after a redirect from a roll-call form.
    pub fn with_flash(mut self, t: Tr, f: &Flash) -> RollView {
        self.note = match (f.stale, f.saved) {
            (Some(d), _) => RowNote(Some((d, crate::error::message(t.0, "stale"), true))),
            (None, Some(d)) => RowNote(Some((d, t.s("dlg-attendance-saved"), false))),
            _ => RowNote::default(),
        };
        self.notice = match (f.marked, f.sitting) {
            (Some(n), _) => Some(t.0.t_args("roll-marked", &[("count", n.to_string())])),
            (None, Some(_)) => Some(t.s("sitting-opened")),
            _ => None,
        };
        self
    }

    pub fn shown(&self) -> usize {
        self.rows.iter().filter(|r| r.shown).count()
    }

    /// Those "mark all present" would mark.
    pub fn not_called(&self) -> usize {
        self.rows.iter().filter(|r| marked_by_all_present(r.d.attendance)).count()
    }
}

#[derive(Template)]
#[template(path = "delegates_roll.html")]
struct RollSection {
    c: Chrome,
    plenum: Plenum,
    roll: RollView,
}

/// One row alone; the row's template is the one the roll's loop includes, with its loop variable `dr`.
#[derive(Template)]
#[template(source = r#"{% let dr = row %}{% include "delegates_roll_row.html" %}"#, ext = "html")]
struct RollRow {
    c: Chrome,
    plenum: Plenum,
    roll: RollView,
    row: Row,
}

fn inline(headers: &HeaderMap) -> bool {
    headers.contains_key(INLINE)
}

#[derive(Deserialize)]
pub struct AttendanceForm {
    attendance: String,
    #[serde(default)]
    reason: String,
    version: i64,
    /// "detail" to come back to the delegate's own page.
    #[serde(default)]
    back: String,
}

/// One delegate's row, fresh from the store, with a note beside it.
async fn row(state: &AppState, c: Chrome, plenum: Plenum, did: i64, note: RowNote) -> Result<Response, AppError> {
    let d = state.store.delegate(did).await?;
    let groups = state.store.groups(plenum.id).await?;
    let mut roll = RollView::new(true, vec![d], &groups, "", "");
    roll.note = note;
    let row = roll.rows.pop().ok_or(AppError::NotFound)?;
    render(&RollRow { c, plenum, roll, row })
}

/// The roll call, one delegate at a time, against the version the page showed.
pub async fn set_attendance(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path((id, did)): Path<(i64, i64)>,
    Form(f): Form<AttendanceForm>,
) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let result = attendance::set_in(&state.app, who, id, did, &f.attendance, &f.reason, Some(f.version)).await;
    if inline(&headers) && f.back != "detail" {
        let stale = matches!(result, Err(plenum_app::Error::Conflict(plenum_store::Conflict::Stale)));
        if !stale {
            result?;
        }
        let plenum = attendance::roll_call(&state.app, who, id).await?;
        let note = if stale {
            RowNote(Some((did, crate::error::message(c.t.0, "stale"), true)))
        } else {
            RowNote(Some((did, c.t.s("dlg-attendance-saved"), false)))
        };
        let page = row(&state, c, plenum, did, note).await?;
        return Ok(if stale { (StatusCode::CONFLICT, page).into_response() } else { page });
    }
    let back =
        if f.back == "detail" { format!("/plenums/{id}/delegates/{did}") } else { format!("/plenums/{id}/delegates") };
    let anchor = if f.back == "detail" { String::new() } else { format!("#d{did}") };
    match result {
        Ok(_) => Ok(see_other(&format!("{back}?saved={did}{anchor}"))),
        Err(plenum_app::Error::Conflict(plenum_store::Conflict::Stale)) => {
            Ok(see_other(&format!("{back}?stale={did}{anchor}")))
        }
        Err(plenum_app::Error::Invalid(_)) => Err(AppError::BadRequest("invalid-input")),
        Err(e) => Err(e.into()),
    }
}

/// "Mark all present": everyone the caller takes the roll of who is not yet called.
pub async fn mark_all_present(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let marked = attendance::mark_all_present(&state.app, who, id).await?.len();
    if !inline(&headers) {
        return Ok(see_other(&format!("/plenums/{id}/delegates?marked={marked}#roll")));
    }
    let plenum = attendance::roll_call(&state.app, who, id).await?;
    let (delegates, groups) = tokio::try_join!(state.store.delegates(id), state.store.groups(id))?;
    let sittings = attendance::sittings_for(&state.app, &plenum).await?;
    let may_switch = super::open(&state, &c, id).await?.1.prepare;
    let flash = Flash { marked: Some(marked), ..Flash::default() };
    let roll = RollView::new(true, delegates, &groups, "", "")
        .with_flash(c.t, &flash)
        .with_sittings(c.t, &sittings, may_switch);
    render(&RollSection { c, plenum, roll })
}

#[derive(Deserialize)]
pub struct SittingForm {
    #[serde(default)]
    sitting: String,
}

/// Move the roll to another sitting (the office): a form, back to the page.
pub async fn open_sitting(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<SittingForm>,
) -> Result<Response, AppError> {
    let sitting = f.sitting.trim().parse().map_err(|_| AppError::BadRequest("invalid-input"))?;
    match attendance::open_sitting(&state.app, c.require_user()?, id, sitting).await {
        Ok(()) => Ok(see_other(&format!("/plenums/{id}/delegates?sitting={sitting}#roll"))),
        Err(plenum_app::Error::Invalid(_)) => Err(AppError::BadRequest("invalid-input")),
        Err(e) => Err(e.into()),
    }
}
