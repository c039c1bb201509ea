//! Check-in at the door: a secretary (or the office) scans a delegate's badge.

use plenum_core::access::Permission;
use plenum_core::conduct::attendance::Attendance;
use plenum_store::{Delegate, Plenum};

use crate::{App, AppResult, Error, Principal};

/// The delegate behind a badge's code, if the caller may take the roll on
/// their plenum (secretaries, or the office that printed the badges).
pub async fn badge_holder(app: &App, who: &Principal, code: &str) -> AppResult<(Plenum, Delegate)> {
    let d = app.store.delegate_by_checkin_code(code).await?.ok_or(Error::NotFound)?;
    let plenum = app.store.plenum(d.plenum_id).await?;
    if !app.may_on_plenum(who, Permission::Record, &plenum).await?
        && !app.may_on_plenum(who, Permission::Prepare, &plenum).await?
    {
        return Err(Error::Forbidden);
    }
    Ok((plenum, d))
}

/// Mark the badge's holder present (or late), as of the version the desk showed.
pub async fn check_in(app: &App, who: &Principal, code: &str, late: bool, version: i64) -> AppResult<Delegate> {
    let (_, d) = badge_holder(app, who, code).await?;
    let a = if late { Attendance::Late } else { Attendance::Present };
    Ok(app.store.set_attendance(&who.actor(), d.id, a, "", Some(version)).await?)
}
