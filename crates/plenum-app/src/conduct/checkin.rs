//! Check-in at the door: a secretary (or the office) scans a delegate's badge.

use plenum_core::conduct::attendance::Attendance;
use plenum_store::{Delegate, Plenum};

use super::recording::{require_delegate, scope_of};
use crate::{App, AppResult, Error, Principal};

/// The delegate behind a badge's code, if the caller may take the roll on
/// their plenum (secretaries and the office that printed the badges, who
/// record too; a group secretary for their own group's delegates only).
pub async fn badge_holder(app: &App, who: &Principal, code: &str) -> AppResult<(Plenum, Delegate)> {
    let d = app.store.delegate_by_checkin_code(code).await?.ok_or(Error::NotFound)?;
    let plenum = app.store.plenum(d.plenum_id).await?;
    require_delegate(app, &scope_of(app, who, &plenum).await?, &d).await?;
    Ok((plenum, d))
}

/// Mark the badge's holder present (or late), as of the version the desk showed.
pub async fn check_in(app: &App, who: &Principal, code: &str, late: bool, version: i64) -> AppResult<Delegate> {
    let (_, d) = badge_holder(app, who, code).await?;
    let a = if late { Attendance::Late } else { Attendance::Present };
    Ok(app.store.set_attendance(&who.actor(), d.id, a, "", Some(version)).await?)
}
