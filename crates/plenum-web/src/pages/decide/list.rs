//! The plenum's polls, and for the chair the form that creates one.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::decide::polls::{self, PollForm};
use plenum_core::access::Permission;
use plenum_store::{AgendaItem, Plenum};
use serde::Deserialize;

use super::view;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{labelled_errors, render, see_other, Chrome};
use crate::state::AppState;

/// The built-in rule sets the form offers.
const RULES: &[&str] = &["party-committee", "two-thirds", "present-majority"];

pub struct Row {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub method: String,
    pub state: String,
    pub state_code: &'static str,
    pub participation: String,
}

/// An option of a select: value, label, selected.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn opts(all: impl IntoIterator<Item = (String, String)>, current: &str) -> Vec<Opt> {
    all.into_iter().map(|(value, label)| Opt { selected: value == current, value, label }).collect()
}

#[derive(Deserialize, Default, Clone)]
pub struct CreateForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    rules: String,
    #[serde(default)]
    seats: String,
    #[serde(default)]
    candidates: String,
    #[serde(default)]
    runoff: Option<String>,
    #[serde(default)]
    show_live: Option<String>,
    #[serde(default)]
    item_id: String,
    #[serde(default)]
    deadline: String,
}

#[derive(Template)]
#[template(path = "decide_list.html")]
struct Page {
    c: Chrome,
    plenum: Plenum,
    rows: Vec<Row>,
    preside: bool,
    live_on: &'static str,
    kinds: Vec<Opt>,
    methods: Vec<Opt>,
    rules: Vec<Opt>,
    items: Vec<Opt>,
    typed: CreateForm,
    errors: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    c: Chrome,
    id: i64,
    typed: CreateForm,
    errors: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let who = c.require_user()?;
    let all = polls::list(&state.app, who, id).await?;
    let plenum = state.store.plenum(id).await?;
    let preside = state.app.may_on_plenum(who, Permission::Preside, &plenum).await?;
    let t = c.t;
    let mut rows = Vec::new();
    for p in &all {
        rows.push(Row {
            id: p.id,
            title: p.title.clone(),
            kind: view::kind_label(t, p),
            method: view::method_label(t, p),
            state: view::state_label(t, p),
            state_code: p.state.as_str(),
            participation: view::participation(state, t, p).await?,
        });
    }
    let agenda: Vec<AgendaItem> = state.store.agenda_items(id).await?;
    let word = |prefix: &str, w: &str| (w.to_string(), t.s(&format!("{prefix}-{w}")));
    let kinds =
        opts(plenum_core::decide::poll::PollKind::ALL.iter().map(|k| word("dec-kind", k.as_str())), &typed.kind);
    let methods =
        opts(plenum_core::decide::poll::PollMethod::ALL.iter().map(|m| word("dec-method", m.as_str())), &typed.method);
    let rules = opts(RULES.iter().map(|r| word("dec-rules", r)), &typed.rules);
    let mut items = vec![Opt { value: String::new(), label: t.s("dec-item-none"), selected: typed.item_id.is_empty() }];
    items
        .extend(opts(agenda.iter().map(|i| (i.id.to_string(), format!("{}. {}", i.ordinal, i.title))), &typed.item_id));
    let refused = !errors.is_empty();
    let mut res = render(&Page {
        c,
        plenum,
        rows,
        preside,
        live_on: super::LIVE_ON,
        kinds,
        methods,
        rules,
        items,
        typed,
        errors,
    })?;
    if refused {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub async fn show(State(state): State<AppState>, c: Chrome, Path(id): Path<i64>) -> Result<Response, AppError> {
    page(&state, c, id, CreateForm::default(), Vec::new()).await
}

/// The form's text as the use case takes it; a field that does not parse is
/// refused by name.
fn poll_form(f: &CreateForm) -> Result<PollForm, AppError> {
    let seats = match f.seats.trim() {
        "" => None,
        s => Some(s.parse().map_err(|_| AppError::field("seats", "not-a-number"))?),
    };
    let item_id = match f.item_id.trim() {
        "" => None,
        s => Some(s.parse().map_err(|_| AppError::field("item_id", "invalid-choice"))?),
    };
    // A written vote runs until the end of the day chosen, in Hà Nội's time.
    let deadline = match f.deadline.trim() {
        "" => None,
        d => Some(
            crate::i18n::day_start(d).ok_or_else(|| AppError::field("deadline", "invalid-date"))? + 86_400_000_000 - 1,
        ),
    };
    Ok(PollForm {
        title: f.title.clone(),
        item_id,
        kind: f.kind.clone(),
        method: f.method.clone(),
        rules: f.rules.clone(),
        seats,
        candidates: f.candidates.lines().map(str::to_string).collect(),
        runoff: f.runoff.is_some(),
        show_live: f.show_live.is_some(),
        deadline,
    })
}

pub fn refusal(t: Tr, e: AppError) -> Result<Vec<(String, String)>, AppError> {
    let lang = t.0;
    match e {
        AppError::Unprocessable(f) => Ok(labelled_errors(lang, &f, |field| lang.t(&format!("dec-label-{field}")))),
        AppError::Conflict(_) => Ok(vec![(String::new(), lang.t("dec-stale"))]),
        other => Err(other),
    }
}

pub async fn create(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<CreateForm>,
) -> Result<Response, AppError> {
    let result =
        async { Ok::<_, AppError>(polls::create(&state.app, c.require_user()?, id, poll_form(&f)?).await?) }.await;
    match result {
        Ok(p) => Ok(see_other(&format!("/polls/{}", p.id))),
        Err(e) => {
            let errors = refusal(c.t, e)?;
            page(&state, c, id, f, errors).await
        }
    }
}
