//! Adding, editing, moving and removing agenda items from the office's page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use plenum_app::prepare::agenda;
use plenum_app::Error as Refused;
use plenum_core::prepare::agenda::{ItemKind, ItemUse};
use plenum_core::FieldErrors;
use plenum_store::input::{ItemChange, NewAgendaItem};
use plenum_store::{AgendaItem, Conflict, Plenum};
use serde::Deserialize;

use super::{
    agenda_page, prepared_plenum, presenters, slot_views, version_of, ItemForm, Problems, RemoveForm, SlotView,
};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::documents::FormErrors;
use crate::pages::numbers::{form_number, join_checks};
use crate::pages::{render, see_other, Chrome};
use crate::state::AppState;

/// The half-day chosen in a form: empty is none, anything else must be one of the plenum's.
fn slot_choice(e: &mut FieldErrors, raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse() {
        Ok(id) => Some(id),
        Err(_) => {
            e.push("slot_id", "invalid-choice");
            None
        }
    }
}

/// The form's fields checked as the record checks them, with the form's own number check first.
fn checked(f: &ItemForm, plenum_id: i64) -> (ItemChange, FieldErrors) {
    let mut e = FieldErrors::default();
    let ordinal = form_number(&mut e, "ordinal", &f.ordinal);
    let slot_id = slot_choice(&mut e, &f.slot_id);
    let change =
        ItemChange { ordinal, title: f.title.clone(), kind: f.kind.clone(), presenter: f.presenter.clone(), slot_id };
    if let Err(more) = change.clone().validate(plenum_id) {
        join_checks(&mut e, more);
    }
    (change, e)
}

/// A field problem, a taken number or a refusal, as the form shows it.
fn form_errors(t: Tr, e: &Refused) -> Option<FormErrors> {
    match e {
        Refused::Conflict(Conflict::OrdinalTaken) => Some(FormErrors::one("ordinal", t.s("prep-item-ordinal-taken"))),
        Refused::Invalid(fe) => Some(FormErrors::from_fields(t, "item", fe)),
        _ => None,
    }
}

pub async fn add(
    State(state): State<AppState>,
    c: Chrome,
    Path(id): Path<i64>,
    Form(f): Form<ItemForm>,
) -> Result<Response, AppError> {
    let plenum = prepared_plenum(&state, &c, id).await?;
    let user = c.require_user()?.clone();
    let (change, e) = checked(&f, id);
    let refused = if e.is_empty() {
        let new = NewAgendaItem {
            plenum_id: id,
            ordinal: change.ordinal,
            title: change.title,
            kind: change.kind,
            presenter: change.presenter,
        };
        match agenda::add_item(&state.app, &user, new).await {
            Ok(item) => match change.slot_id {
                // Placed in a half-day: the same form's second step, based on the version just made.
                Some(_) => {
                    let placed = ItemChange { slot_id: change.slot_id, ..item_change(&item) };
                    match agenda::update_item(&state.app, &user, id, item.id, item.version, placed).await {
                        Ok(_) => return Ok(see_other(&format!("/plenums/{id}/agenda"))),
                        Err(e) => e,
                    }
                }
                None => return Ok(see_other(&format!("/plenums/{id}/agenda"))),
            },
            Err(e) => e,
        }
    } else {
        Refused::Invalid(e)
    };
    let Some(errors) = form_errors(c.t, &refused) else { return Err(refused.into()) };
    let status = status_of(&refused);
    let problems = Problems { item: errors, ..Problems::default() };
    agenda_page(&state, c, plenum, Some(f), None, problems, status).await
}

fn status_of(e: &Refused) -> StatusCode {
    match e {
        Refused::Conflict(_) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// An item's fields as they are, to change one of them.
fn item_change(i: &AgendaItem) -> ItemChange {
    ItemChange {
        ordinal: i.ordinal,
        title: i.title.clone(),
        kind: i.kind.as_str().to_string(),
        presenter: i.presenter.clone(),
        slot_id: i.slot_id,
    }
}

/// The edit form as typed, with the version it was read at.
#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    fields: ItemForm,
}

#[derive(Template)]
#[template(path = "agenda_item_edit.html")]
struct EditPage {
    c: Chrome,
    plenum: Plenum,
    item: AgendaItem,
    /// The version the form is based on: the one first read, kept through a refused save.
    version: i64,
    kinds: Vec<&'static str>,
    slots: Vec<SlotView>,
    presenters: Vec<String>,
    form: ItemForm,
    errors: FormErrors,
    /// Why the item was not removed, or not saved (a newer version), above the forms.
    notice: Option<String>,
}

fn form_of(i: &AgendaItem) -> ItemForm {
    ItemForm {
        ordinal: i.ordinal.to_string(),
        title: i.title.clone(),
        kind: i.kind.as_str().to_string(),
        presenter: i.presenter.clone(),
        slot_id: i.slot_id.map(|s| s.to_string()).unwrap_or_default(),
    }
}

struct Edit {
    version: Option<i64>,
    form: Option<ItemForm>,
    errors: FormErrors,
    notice: Option<String>,
    status: StatusCode,
}

impl Edit {
    fn fresh() -> Edit {
        Edit { version: None, form: None, errors: FormErrors::default(), notice: None, status: StatusCode::OK }
    }
}

async fn edit_page(
    state: &AppState,
    c: Chrome,
    plenum_id: i64,
    item_id: i64,
    edit: Edit,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let (plenum, item) = agenda::prepared_item(&state.app, &user, plenum_id, item_id).await?;
    let items = agenda::items(&state.app, &user, plenum_id).await?;
    let slots = slot_views(&c, agenda::slots(&state.app, &user, plenum_id).await?, &items);
    let page = EditPage {
        presenters: presenters(&items),
        version: edit.version.unwrap_or(item.version),
        form: edit.form.unwrap_or_else(|| form_of(&item)),
        c,
        plenum,
        item,
        kinds: ItemKind::ALL.iter().map(|k| k.as_str()).collect(),
        slots,
        errors: edit.errors,
        notice: edit.notice,
    };
    let mut res = render(&page)?;
    *res.status_mut() = edit.status;
    Ok(res)
}

pub async fn edit_form(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, item_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    edit_page(&state, c, id, item_id, Edit::fresh()).await
}

pub async fn update(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, item_id)): Path<(i64, i64)>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    agenda::prepared_item(&state.app, &user, id, item_id).await?;
    let version = version_of(&f.version);
    let (change, e) = checked(&f.fields, id);
    let refused = if e.is_empty() {
        match agenda::update_item(&state.app, &user, id, item_id, version, change).await {
            Ok(_) => return Ok(see_other(&format!("/plenums/{id}/agenda#item-{item_id}"))),
            Err(e) => e,
        }
    } else {
        Refused::Invalid(e)
    };
    let mut edit = Edit {
        version: Some(version),
        form: Some(f.fields),
        errors: FormErrors::default(),
        notice: None,
        status: status_of(&refused),
    };
    match &refused {
        // Someone changed the item first: show theirs, keep what was typed, based on theirs now.
        Refused::Conflict(Conflict::Stale) => {
            edit.notice = Some(c.t.s("agenda-edit-stale"));
            edit.version = None;
        }
        other => match form_errors(c.t, other) {
            Some(errors) => edit.errors = errors,
            None => return Err(refused.into()),
        },
    }
    edit_page(&state, c, id, item_id, edit).await
}

/// Where an item moves, from the up/down buttons, with the version the page showed.
#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    version: String,
    /// The item's new place, 1 = first.
    #[serde(default)]
    position: String,
}

pub async fn move_item(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, item_id)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    let plenum = prepared_plenum(&state, &c, id).await?;
    let user = c.require_user()?.clone();
    let to = f.position.trim().parse::<usize>().ok().filter(|p| *p >= 1).map(|p| p - 1);
    let refused = match to {
        Some(to) => match agenda::move_item(&state.app, &user, id, item_id, version_of(&f.version), to).await {
            // Back to the item's row, where the focus goes on.
            Ok(_) => return Ok(see_other(&format!("/plenums/{id}/agenda#item-{item_id}"))),
            Err(e) => e,
        },
        None => Refused::field("position", "not-a-number"),
    };
    let notice = match &refused {
        Refused::Conflict(Conflict::Stale) => c.t.s("agenda-move-stale"),
        Refused::Invalid(_) => c.t.s("agenda-move-invalid"),
        _ => return Err(refused.into()),
    };
    let problems = Problems { notice: Some(notice), ..Problems::default() };
    agenda_page(&state, c, plenum, None, None, problems, status_of(&refused)).await
}

/// Why an item stays, in words: "3 ý kiến, 1 tài liệu".
pub fn uses_in_words(t: Tr, u: ItemUse) -> String {
    let parts = [
        ("agenda-use-opinions", u.opinions),
        ("agenda-use-documents", u.documents),
        ("agenda-use-speeches", u.speeches),
        ("agenda-use-speaker-entries", u.speaker_entries),
        ("agenda-use-sessions", u.sessions),
    ];
    let words: Vec<String> =
        parts.iter().filter(|(_, n)| *n > 0).map(|(key, n)| t.0.t_count(key, u64::from(*n))).collect();
    t.0.t_args("agenda-remove-refused", &[("uses", words.join(", "))])
}

pub async fn remove(
    State(state): State<AppState>,
    c: Chrome,
    Path((id, item_id)): Path<(i64, i64)>,
    Form(f): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let user = c.require_user()?.clone();
    let refused = match agenda::remove_item(&state.app, &user, id, item_id, version_of(&f.version)).await {
        Ok(()) => return Ok(see_other(&format!("/plenums/{id}/agenda"))),
        Err(e) => e,
    };
    let notice = match &refused {
        Refused::Conflict(Conflict::ItemInUse(u)) => uses_in_words(c.t, *u),
        Refused::Conflict(Conflict::Stale) => c.t.s("agenda-remove-stale"),
        _ => return Err(refused.into()),
    };
    let edit = Edit { notice: Some(notice), status: StatusCode::CONFLICT, ..Edit::fresh() };
    edit_page(&state, c, id, item_id, edit).await
}
