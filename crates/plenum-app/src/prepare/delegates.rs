//! Summoning delegates (đại biểu): one at a time, or imported from a list;
//! and the one-time links that sign a delegate's tablet in.

use plenum_core::access::{link_grant, link_may_sign_in};
use plenum_core::prepare::roster::{
    check_rows, importable, rows_from_table, CheckedRow, FileProblem, KnownMember, RosterContext, RosterRow, Summoned,
};
use plenum_docs::{Deadline, Encoding, SheetError};
use plenum_store::input::{NewDelegate, NewUser};
use plenum_store::{Actor, Delegate, Plenum, User};

use super::plenums;
use crate::accounts::secrets::{new_secret, secret_hash};
use crate::{App, AppResult, Error, Principal};

/// The largest list accepted: a list of a few thousand people is far smaller.
pub const MAX_UPLOAD: usize = 1024 * 1024;

/// Everyone summoned, for the office, the secretaries and the chair.
pub async fn list(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<Delegate>> {
    // The records (names, accounts, attendance reasons) are the roster page's
    // and the chair's (who puts delegates on the speaker list): whoever may
    // open neither page may not read them through the API either.
    let plenum = app.store.plenum(plenum_id).await?;
    let can = app.abilities(who, &plenum).await?;
    if !(can.prepare || can.record || can.preside) {
        return Err(Error::Forbidden);
    }
    Ok(app.store.delegates(plenum_id).await?)
}

/// The roster's pages: for the office (who summons) and the secretaries (who
/// take the roll); 403 for anyone else.
pub async fn roster(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, crate::Abilities)> {
    let plenum = app.store.plenum(plenum_id).await?;
    let can = app.abilities(who, &plenum).await?;
    if !can.prepare && !can.record {
        return Err(Error::Forbidden);
    }
    Ok((plenum, can))
}

/// Everyone summoned, for the office that writes their summons letters.
pub async fn summoned(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, Vec<Delegate>)> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    Ok((plenum, app.store.delegates(plenum_id).await?))
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

/// Summon one person: a guest, or a committee member not yet summoned (the office).
pub async fn add(app: &App, who: &Principal, plenum_id: i64, a: AddDelegate) -> AppResult<Delegate> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    let mut errors = plenum_core::FieldErrors::default();
    let kind = a.kind.clone().unwrap_or_else(|| "guest".into());
    if let Some(g) = a.group_id {
        if !app.store.groups(plenum.id).await?.iter().any(|x| x.id == g) {
            errors.push("delegate_group", "not-found");
        }
    }
    match (kind.as_str(), a.member_id) {
        ("member", Some(m)) => {
            if !app.store.members(plenum.committee_id).await?.iter().any(|x| x.id == m) {
                errors.push("member_id", "not-found");
            } else if app.store.delegates(plenum.id).await?.iter().any(|d| d.member_id == Some(m)) {
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
        return Err(Error::Invalid(more));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(app.store.add_delegate(&who.actor(), new).await?)
}

/// Why an uploaded file gave no rows at all.
#[derive(Debug)]
pub enum UploadProblem {
    Sheet(SheetError),
    File(FileProblem),
    TooLarge,
}

impl UploadProblem {
    pub fn code(&self) -> &'static str {
        match self {
            UploadProblem::Sheet(e) => e.code(),
            UploadProblem::File(p) => p.code(),
            UploadProblem::TooLarge => "too-large",
        }
    }
}

/// The rows of an uploaded list, as read.
#[derive(Debug)]
pub struct ReadList {
    pub rows: Vec<RosterRow>,
    /// The encoding a CSV file was read in, for the office to check; none for a spreadsheet.
    pub encoding: Option<Encoding>,
}

/// Read an uploaded CSV or spreadsheet into rows (not yet checked), on a
/// blocking thread: reading is CPU work that would stall an async worker.
/// The readers stop themselves at `deadline`, since a blocking task cannot be
/// cancelled; past it the file is refused as `sheet-too-slow`.
pub async fn read_upload(
    bytes: impl AsRef<[u8]> + Send + 'static,
    deadline: Deadline,
) -> Result<ReadList, UploadProblem> {
    tokio::task::spawn_blocking(move || read_upload_now(bytes.as_ref(), deadline))
        .await
        .unwrap_or_else(|e| Err(UploadProblem::Sheet(SheetError::Unreadable(e.to_string()))))
}

fn read_upload_now(bytes: &[u8], deadline: Deadline) -> Result<ReadList, UploadProblem> {
    if bytes.len() > MAX_UPLOAD {
        return Err(UploadProblem::TooLarge);
    }
    let limits = plenum_docs::Limits { deadline, ..Default::default() };
    let table = plenum_docs::read_table_within(bytes, &limits).map_err(UploadProblem::Sheet)?;
    let rows: Vec<(usize, Vec<String>, bool)> =
        table.rows.into_iter().map(|r| (r.line, r.cells, r.bad_encoding)).collect();
    Ok(ReadList { rows: rows_from_table(&rows).map_err(UploadProblem::File)?, encoding: table.encoding })
}

/// The plenum as rows are checked against it: groups, committee members, who is summoned.
async fn context(app: &App, plenum: &Plenum) -> AppResult<RosterContext> {
    let groups = app.store.groups(plenum.id).await?.into_iter().map(|g| (g.id, g.name)).collect();
    let members = app
        .store
        .members(plenum.committee_id)
        .await?
        .into_iter()
        .map(|m| KnownMember { id: m.id, full_name: m.full_name, unit: m.unit })
        .collect();
    let summoned = app
        .store
        .delegates(plenum.id)
        .await?
        .into_iter()
        .map(|d| Summoned { member_id: d.member_id, full_name: d.full_name, unit: d.unit })
        .collect();
    Ok(RosterContext { groups, members, summoned })
}

/// What an import found, and did.
#[derive(Debug)]
pub struct Imported {
    pub rows: Vec<CheckedRow>,
    /// Every row passed: the file can be (or was) imported.
    pub importable: bool,
    /// Delegates created (0 on a dry run or when refused).
    pub imported: usize,
}

/// Check rows against the plenum as it is now and, unless this is a dry run
/// or some row has a problem, summon them all (the office). All or none.
pub async fn import(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    rows: &[RosterRow],
    dry_run: bool,
) -> AppResult<Imported> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    let rows = check_rows(rows, &context(app, &plenum).await?);
    let ok = importable(&rows);
    let imported = if ok && !dry_run {
        app.store.import_delegates(&who.actor(), plenum_id, new_delegates(plenum_id, &rows)).await?.len()
    } else {
        0
    };
    Ok(Imported { rows, importable: ok, imported })
}

/// The delegates to create from rows that passed every check.
fn new_delegates(plenum_id: i64, rows: &[CheckedRow]) -> Vec<NewDelegate> {
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

/// One delegate of the plenum, for the office's detail page and badges.
pub async fn prepared_delegate(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    delegate_id: i64,
) -> AppResult<(Plenum, Delegate)> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    let d = app.store.delegate(delegate_id).await?;
    if d.plenum_id != plenum.id {
        return Err(Error::NotFound);
    }
    Ok((plenum, d))
}

/// Issue a new one-time link for a delegate's device; any earlier one stops
/// working (the office). Returns the secret, which is shown once and never
/// stored. A delegate whose account holds more than the delegate's own
/// grant gets no link: they sign in with that account.
pub async fn issue_link(app: &App, who: &Principal, plenum_id: i64, delegate_id: i64) -> AppResult<String> {
    let (_, d) = prepared_delegate(app, who, plenum_id, delegate_id).await?;
    require_link_may_sign_in(app, &d).await?;
    let secret = new_secret();
    app.store.set_link_hash(&who.actor(), delegate_id, Some(&secret_hash(&secret))).await?;
    Ok(secret)
}

/// What the printed sheet of sign-in codes gives one delegate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlipLink {
    /// A new one-time link's secret.
    Issued(String),
    /// Their tablet has signed in already (the delegate has an account): a
    /// new link would be needless, and the session in use is left alone.
    SignedIn,
    /// Their account holds a role beyond the delegate record's own
    /// (`access::link_may_sign_in`): no link may sign it in.
    OtherRole,
}

/// Issue the tablet sign-in links of every delegate at once, for the printed
/// sheet (the office). Never touches a tablet already signed in: a delegate
/// with an account gets no new link, and an account holding more than the
/// record's own grant (`access::link_grant`) gets none at all. A link issued
/// earlier and never used is replaced, as issuing one delegate's link does.
pub async fn issue_links(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, Vec<(Delegate, SlipLink)>)> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    let mut out = Vec::new();
    for d in app.store.delegates(plenum_id).await? {
        let slip = match d.user_id {
            Some(_) if takes_links(app, &d).await? => SlipLink::SignedIn,
            Some(_) => SlipLink::OtherRole,
            None => {
                let secret = new_secret();
                app.store.set_link_hash(&who.actor(), d.id, Some(&secret_hash(&secret))).await?;
                SlipLink::Issued(secret)
            }
        };
        out.push((d, slip));
    }
    Ok((plenum, out))
}

/// What the delegate record's kind lets a link grant; an unknown kind is a guest's.
/// May a one-time link sign this delegate in? Not when their account holds
/// any role beyond the delegate record's own on its plenum. For the page
/// that offers the button only where it works.
pub async fn takes_links(app: &App, d: &Delegate) -> AppResult<bool> {
    Ok(match d.user_id {
        Some(user_id) => link_may_sign_in(&app.store.grants_of(user_id).await?, d.kind, d.plenum_id),
        None => true,
    })
}

/// Refuse (`Conflict::HasAccount`) a link to an account holding any role
/// beyond the delegate record's own on its plenum.
async fn require_link_may_sign_in(app: &App, d: &Delegate) -> AppResult<()> {
    match d.user_id {
        Some(user_id) => require_account_fits_link(app, d, user_id).await,
        None => Ok(()),
    }
}

async fn require_account_fits_link(app: &App, d: &Delegate, user_id: i64) -> AppResult<()> {
    if link_may_sign_in(&app.store.grants_of(user_id).await?, d.kind, d.plenum_id) {
        Ok(())
    } else {
        Err(Error::Conflict(plenum_store::Conflict::HasAccount))
    }
}

/// Use a one-time link: the delegate's account (created on first use, with
/// an unusable password and the delegate's or guest's role on the plenum).
/// The link is the credential: anyone holding it may use it, once.
pub async fn redeem_link(app: &App, secret: &str) -> AppResult<(User, Delegate)> {
    let actor = Actor::system("one-time-link");
    let d = app
        .store
        .take_link(&actor, &secret_hash(secret.trim()))
        .await?
        .ok_or(Error::Conflict(plenum_store::Conflict::LinkUsed))?;
    // Checked again now: roles may have been granted since the link was issued.
    // The link is used up either way.
    require_link_may_sign_in(app, &d).await?;
    if let Some(id) = d.user_id {
        return Ok((app.store.user(id).await?, d));
    }
    let username = format!("daibieu-{}-{}", d.plenum_id, d.id);
    // An account left by an interrupted earlier use of a link is this delegate's:
    // reuse it, unless it has come to hold more than the link grants.
    let user = match app.store.user_by_username(&username).await? {
        Some(u) => {
            require_account_fits_link(app, &d, u.id).await?;
            u
        }
        None => {
            // Nobody knows this password: the account signs in only through links.
            let password_hash = app.passwords.hash(new_secret()).await?;
            let user = app
                .store
                .create_user(&actor, NewUser { username, display_name: d.full_name.clone(), password_hash })
                .await?;
            app.store.grant_role(&actor, user.id, link_grant(d.kind, d.plenum_id)).await?;
            user
        }
    };
    app.store.link_delegate_user(&actor, d.id, user.id).await?;
    Ok((user, d))
}
