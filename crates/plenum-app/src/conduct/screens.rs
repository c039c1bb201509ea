//! The hall screen's links (kiosk links): the office makes a link for the
//! computer that drives the hall's projector, which then shows the hall
//! screen without anyone signing in on it. A link is a bearer credential
//! for exactly one thing: reading that plenum's hall screen, which shows
//! what the hall itself sees. It signs no one in and opens nothing else.

use plenum_core::FieldErrors;
use plenum_store::{Plenum, ScreenLink};

use crate::accounts::secrets::{new_secret, secret_hash};
use crate::prepare::plenums;
use crate::{App, AppResult, Error, Principal};

/// The longest name of a screen's place: a room, a floor, a building.
pub const MAX_LABEL: usize = 200;

/// The plenum's links, newest first (the office).
pub async fn list(app: &App, who: &Principal, plenum_id: i64) -> AppResult<(Plenum, Vec<ScreenLink>)> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    let links = app.store.screen_links(plenum.id).await?;
    Ok((plenum, links))
}

/// A new link for the screen at `label` (the office). The secret is
/// returned once, to be shown once; only its hash is kept.
pub async fn create(app: &App, who: &Principal, plenum_id: i64, label: &str) -> AppResult<(ScreenLink, String)> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    let mut errors = FieldErrors::default();
    let label = plenum_core::text::required_line(&mut errors, "label", label, MAX_LABEL);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let secret = new_secret();
    let link = app.store.create_screen_link(&who.actor(), plenum.id, &label, &secret_hash(&secret)).await?;
    Ok((link, secret))
}

/// Revoke one of the plenum's links (the office). Screens showing it stop at their next request.
pub async fn revoke(app: &App, who: &Principal, plenum_id: i64, link_id: i64) -> AppResult<ScreenLink> {
    let plenum = plenums::prepared(app, who, plenum_id).await?;
    Ok(app.store.revoke_screen_link(&who.actor(), plenum.id, link_id).await?)
}

/// What a link's secret opens: its link and plenum, unless it is unknown or
/// revoked (both not found, so a guess learns nothing).
pub async fn open(app: &App, secret: &str) -> AppResult<(ScreenLink, Plenum)> {
    // A secret is 64 hex digits; anything else is not looked up at all.
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    let link = app.store.screen_link_by_secret(&secret_hash(secret)).await?.ok_or(Error::NotFound)?;
    let plenum = app.store.plenum(link.plenum_id).await?;
    Ok((link, plenum))
}
