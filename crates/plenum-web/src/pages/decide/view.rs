//! A poll as its pages show it: every label already in the reader's
//! language, so the templates only lay it out.

use plenum_app::decide::outcome::Outcome;
use plenum_core::decide::poll::{count_choices, Hands, PollMethod, PollState};
use plenum_store::decide::Poll;

use crate::i18n::{Lang, Tr};
use crate::state::AppState;

pub fn kind_label(t: Tr, p: &Poll) -> String {
    t.s(&format!("dec-kind-{}", p.kind.as_str()))
}

pub fn method_label(t: Tr, p: &Poll) -> String {
    t.s(&format!("dec-method-{}", p.method.as_str()))
}

pub fn state_label(t: Tr, p: &Poll) -> String {
    t.s(&format!("dec-state-{}", p.state.as_str()))
}

/// Whether members vote on their tablets (or in writing), so a count of
/// who has voted means something.
pub fn counts_voters(p: &Poll) -> bool {
    matches!(p.method, PollMethod::Electronic | PollMethod::Written | PollMethod::Secret)
}

/// "63/70 đã bỏ phiếu" while a poll members vote in is open; empty otherwise.
/// Only how many: never who, never how.
pub async fn participation(state: &AppState, t: Tr, p: &Poll) -> Result<String, crate::error::AppError> {
    if p.state != PollState::Open || !counts_voters(p) {
        return Ok(String::new());
    }
    let voted = state.store.participation(p.id).await?;
    let of = p.present.unwrap_or(0);
    Ok(t.0.t_args("dec-participation", &[("voted", voted.to_string()), ("of", of.to_string())]))
}

/// The running counts of an open named vote the chair chose to show live.
pub async fn running(state: &AppState, p: &Poll) -> Result<Option<Hands>, crate::error::AppError> {
    if p.state != PollState::Open || !p.method.is_named() || !p.show_live.0 {
        return Ok(None);
    }
    let votes = state.store.named_votes(p.id).await?;
    Ok(Some(count_choices(votes.iter().map(|(_, c)| c))))
}

pub struct MotionView {
    pub counts: Hands,
    pub passed: bool,
    pub explanation: String,
}

pub struct CandidateView {
    pub name: String,
    pub votes: u64,
    pub percent: String,
    pub elected: bool,
}

pub struct ElectionView {
    pub issued: i64,
    pub returned: u64,
    pub valid: u64,
    pub invalid: u64,
    pub threshold: String,
    pub candidates: Vec<CandidateView>,
    /// In order of votes.
    pub elected: Vec<String>,
    pub runoff: String,
    pub unfilled: String,
    pub warnings: Vec<String>,
}

/// A closed poll's result, in the reader's language.
pub enum ResultView {
    Motion(MotionView),
    Election(ElectionView),
}

pub fn result(t: Tr, o: Outcome) -> ResultView {
    let vi = t.0 == Lang::Vi;
    match o {
        Outcome::Motion { counts, result } => ResultView::Motion(MotionView {
            counts,
            passed: result.passed,
            explanation: if vi { result.explanation_vi } else { result.explanation_en },
        }),
        Outcome::Election { issued, result } => {
            let candidates = result
                .candidates
                .iter()
                .map(|c| CandidateView {
                    name: c.name.clone(),
                    votes: c.votes,
                    // "66,67%" in Vietnamese, as the minutes write it.
                    percent: if vi {
                        format!("{:.2}%", c.percent_of_base).replace('.', ",")
                    } else {
                        format!("{:.2}%", c.percent_of_base)
                    },
                    elected: result.elected.contains(&c.name),
                })
                .collect();
            let runoff = if result.runoff.is_empty() {
                String::new()
            } else {
                t.0.t_args("dec-runoff-note", &[("names", result.runoff.join(", "))])
            };
            let unfilled = if result.unfilled == 0 {
                String::new()
            } else {
                t.0.t_args("dec-unfilled", &[("n", result.unfilled.to_string())])
            };
            ResultView::Election(ElectionView {
                issued,
                returned: result.ballots.returned,
                valid: result.ballots.valid,
                invalid: result.ballots.invalid,
                threshold: t.0.t_args(
                    "dec-threshold",
                    &[("threshold", result.threshold.to_string()), ("base", result.base.to_string())],
                ),
                candidates,
                elected: result.elected.clone(),
                runoff,
                unfilled,
                warnings: result
                    .warnings
                    .iter()
                    .map(|w| if vi { w.message_vi.clone() } else { w.message_en.clone() })
                    .collect(),
            })
        }
    }
}

/// A closed poll's result, counted again from what is stored.
pub async fn result_of(state: &AppState, t: Tr, p: &Poll) -> Result<Option<ResultView>, crate::error::AppError> {
    Ok(plenum_app::decide::outcome::of(&state.app, p).await?.map(|o| result(t, o)))
}
