//! A plenum's roster, as the pages and the API share it: reading an uploaded
//! list of delegates, the live quorum figures, check-in addresses and the
//! one-time links that sign a delegate's tablet in.

use axum::http::{header, HeaderMap};
use plenum_core::access::{Grant, GrantScope, Role};
use plenum_core::conduct::attendance::{tally, Attendance, Tally};
use plenum_core::conduct::quorum::{quorum, QuorumStatus, DEFAULT_ATTENDANCE};
use plenum_core::prepare::roster::{
    check_rows, rows_from_table, CheckedRow, FileProblem, KnownMember, RosterContext, RosterRow, RowProblem, Summoned,
};
use plenum_docs::SheetError;
use plenum_store::input::{NewDelegate, NewUser};
use plenum_store::{Actor, Delegate, Plenum, User};

use crate::auth::{hash_password, new_secret, secret_hash};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// The largest file accepted: a list of a few thousand people is far smaller.
pub const MAX_UPLOAD: usize = 1024 * 1024;

/// Why an uploaded file gave no rows at all.
#[derive(Debug)]
pub enum UploadProblem {
    Sheet(SheetError),
    File(FileProblem),
    TooLarge,
}

impl UploadProblem {
    /// The message, in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            UploadProblem::Sheet(e) => {
                let key = format!("import-file-{}", e.code());
                match e.limit() {
                    Some(max) => lang.t_args(&key, &[("max", max.to_string())]),
                    None => lang.t(&key),
                }
            }
            UploadProblem::File(FileProblem::MissingColumn(c)) => lang
                .t_args("import-file-missing-column", &[("column", lang.t(&format!("import-column-{}", c.as_str())))]),
            UploadProblem::File(p) => lang.t(&format!("import-file-{}", p.code())),
            UploadProblem::TooLarge => lang.t("import-file-too-large"),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            UploadProblem::Sheet(e) => e.code(),
            UploadProblem::File(p) => p.code(),
            UploadProblem::TooLarge => "too-large",
        }
    }
}

/// Read an uploaded CSV or spreadsheet into rows (not yet checked).
pub fn read_upload(bytes: &[u8]) -> Result<Vec<RosterRow>, UploadProblem> {
    if bytes.len() > MAX_UPLOAD {
        return Err(UploadProblem::TooLarge);
    }
    let table = plenum_docs::read_table(bytes).map_err(UploadProblem::Sheet)?;
    let rows: Vec<(usize, Vec<String>, bool)> =
        table.rows.into_iter().map(|r| (r.line, r.cells, r.bad_encoding)).collect();
    rows_from_table(&rows).map_err(UploadProblem::File)
}

/// The plenum as rows are checked against it: groups, committee members, who is summoned.
pub async fn context(state: &AppState, plenum: &Plenum) -> Result<RosterContext, AppError> {
    let groups = state.store.groups(plenum.id).await?.into_iter().map(|g| (g.id, g.name)).collect();
    let members = state
        .store
        .members(plenum.committee_id)
        .await?
        .into_iter()
        .map(|m| KnownMember { id: m.id, full_name: m.full_name, unit: m.unit })
        .collect();
    let summoned = state
        .store
        .delegates(plenum.id)
        .await?
        .into_iter()
        .map(|d| Summoned { member_id: d.member_id, full_name: d.full_name, unit: d.unit })
        .collect();
    Ok(RosterContext { groups, members, summoned })
}

/// Check rows against the plenum as it is now.
pub async fn check(state: &AppState, plenum: &Plenum, rows: &[RosterRow]) -> Result<Vec<CheckedRow>, AppError> {
    Ok(check_rows(rows, &context(state, plenum).await?))
}

/// The delegates to create from rows that passed every check.
pub fn new_delegates(plenum_id: i64, rows: &[CheckedRow]) -> Vec<NewDelegate> {
    rows.iter()
        .map(|r| NewDelegate {
            plenum_id,
            member_id: r.member_id,
            user_id: None,
            full_name: r.row.full_name.clone(),
            title: r.row.title.clone(),
            unit: r.row.unit.clone(),
            kind: r.kind.map(|k| k.as_str()).unwrap_or("guest").to_string(),
            group_id: r.group_id,
            checkin_code: plenum_store::demo::new_checkin_code(),
        })
        .collect()
}

/// One row problem, in the reader's language.
pub fn problem_message(lang: Lang, p: &RowProblem) -> String {
    let detail = match p.code {
        "too-long" | "invalid-characters" => lang.t(&format!("label-{}", p.detail)),
        _ => p.detail.clone(),
    };
    lang.t_args(&format!("import-error-{}", p.code), &[("detail", detail)])
}

/// The live quorum panel's figures.
#[derive(Debug, Clone)]
pub struct QuorumView {
    pub status: QuorumStatus,
    pub tally: Tally,
    /// The attendance rule, as a fraction of all members.
    pub attendance_fraction: (u32, u32),
}

impl QuorumView {
    /// Members still needed in the room before a decision can pass.
    pub fn short_to_pass(&self) -> u32 {
        self.status.needed_to_pass.saturating_sub(self.status.present)
    }
    pub fn short_of_attendance(&self) -> u32 {
        self.status.attendance_required.saturating_sub(self.status.present)
    }
}

pub async fn quorum_view(state: &AppState, plenum_id: i64) -> Result<QuorumView, AppError> {
    let delegates = state.store.delegates(plenum_id).await?;
    let t = tally(
        delegates
            .iter()
            .map(|d| (d.kind == "member", Attendance::parse(&d.attendance).unwrap_or(Attendance::Expected))),
    );
    let (num, den) = DEFAULT_ATTENDANCE;
    Ok(QuorumView {
        status: quorum(t.members, t.members_in_room, num, den),
        tally: t,
        attendance_fraction: DEFAULT_ATTENDANCE,
    })
}

/// Where this server is reached, as the browser that asked sees it, for
/// addresses printed on badges and shown as links.
pub fn origin(headers: &HeaderMap, secure: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("localhost");
    let forwarded = headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok());
    let scheme = match forwarded {
        Some("https") => "https",
        Some("http") => "http",
        _ if secure => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

/// The address a badge's QR code opens.
pub fn checkin_url(origin: &str, d: &Delegate) -> String {
    format!("{origin}/checkin/{}", d.checkin_code)
}

/// Issue a new one-time link for a delegate's device; any earlier one stops working.
/// Returns the secret, which is shown once and never stored.
pub async fn issue_link(state: &AppState, actor: &Actor, delegate_id: i64) -> Result<String, AppError> {
    let secret = new_secret();
    state.store.set_link_hash(actor, delegate_id, Some(&secret_hash(&secret))).await?;
    Ok(secret)
}

/// Use a one-time link: the delegate's account (created on first use, with
/// an unusable password and the delegate's or guest's role on the plenum).
pub async fn redeem_link(state: &AppState, secret: &str) -> Result<(User, Delegate), AppError> {
    let actor = Actor::system("one-time-link");
    let d = state.store.take_link(&actor, &secret_hash(secret.trim())).await?.ok_or(AppError::Conflict("link-used"))?;
    if let Some(id) = d.user_id {
        return Ok((state.store.user(id).await?, d));
    }
    let username = format!("daibieu-{}-{}", d.plenum_id, d.id);
    // An account left by an interrupted earlier use of a link is this delegate's: reuse it.
    let user = match state.store.user_by_username(&username).await? {
        Some(u) => u,
        None => {
            // Nobody knows this password: the account signs in only through links.
            let password_hash = tokio::task::spawn_blocking(|| hash_password(&new_secret()))
                .await
                .map_err(|e| AppError::Internal(e.into()))??;
            let user = state
                .store
                .create_user(&actor, NewUser { username, display_name: d.full_name.clone(), password_hash })
                .await?;
            let role = if d.kind == "member" { Role::Delegate } else { Role::Guest };
            state
                .store
                .grant_role(&actor, user.id, Grant { role, scope: GrantScope { org: None, plenum: Some(d.plenum_id) } })
                .await?;
            user
        }
    };
    state.store.link_delegate_user(&actor, d.id, user.id).await?;
    Ok((user, d))
}

/// One person to summon, from a form or the API.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct AddDelegate {
    pub full_name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub unit: String,
    /// "guest" (default) or "member"; a member names the committee member.
    #[serde(default)]
    pub kind: Option<String>,
    pub member_id: Option<i64>,
    pub group_id: Option<i64>,
}

/// Summon one person: a guest, or a committee member not yet summoned.
pub async fn add_delegate(
    state: &AppState,
    actor: &Actor,
    plenum: &Plenum,
    a: AddDelegate,
) -> Result<Delegate, AppError> {
    let mut errors = plenum_core::FieldErrors::default();
    let kind = a.kind.clone().unwrap_or_else(|| "guest".into());
    if let Some(g) = a.group_id {
        if !state.store.groups(plenum.id).await?.iter().any(|x| x.id == g) {
            errors.push("delegate_group", "not-found");
        }
    }
    match (kind.as_str(), a.member_id) {
        ("member", Some(m)) => {
            if !state.store.members(plenum.committee_id).await?.iter().any(|x| x.id == m) {
                errors.push("member_id", "not-found");
            } else if state.store.delegates(plenum.id).await?.iter().any(|d| d.member_id == Some(m)) {
                errors.push("member_id", "already-summoned");
            }
        }
        ("member", None) => errors.push("member_id", "required"),
        _ => {}
    }
    let new = NewDelegate {
        plenum_id: plenum.id,
        member_id: if kind == "member" { a.member_id } else { None },
        user_id: None,
        full_name: a.full_name,
        title: a.title,
        unit: a.unit,
        kind,
        group_id: a.group_id,
        checkin_code: plenum_store::demo::new_checkin_code(),
    };
    // Report the store's own checks (name, kind…) together with ours.
    if let Err(mut more) = new.clone().validate() {
        more.0.extend(errors.0);
        return Err(AppError::Unprocessable(more));
    }
    if !errors.is_empty() {
        return Err(AppError::Unprocessable(errors));
    }
    Ok(state.store.add_delegate(actor, new).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way a spreadsheet is refused has its message in both languages, with its bound.
    #[test]
    fn every_sheet_error_has_a_message_in_both_languages() {
        for e in [
            SheetError::Empty,
            SheetError::Unreadable(String::new()),
            SheetError::BadCsv(String::new()),
            SheetError::LegacyFormat,
            SheetError::TooManyRows { max: 10_000 },
            SheetError::TooManyColumns { max: 64 },
            SheetError::TooManyCells { max: 200_000 },
            SheetError::CellTooLong { max: 4096 },
            SheetError::TooLarge { max: 32 * 1024 * 1024 },
            SheetError::TooManyParts { max: 1000 },
        ] {
            for lang in [Lang::Vi, Lang::En] {
                let message = UploadProblem::Sheet(e.clone()).message(lang);
                // A key the catalog lacks comes back as itself.
                assert!(!message.starts_with("import-file-"), "{message} in {lang:?}");
                if let Some(max) = e.limit() {
                    assert!(message.contains(&max.to_string()), "{message}");
                }
            }
        }
    }
}
