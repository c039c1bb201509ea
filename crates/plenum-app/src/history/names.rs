//! The names a register line shows instead of ids: delegates, agenda items
//! and sessions of the plenums on the page, and accounts for the entries
//! only administrators read. Loaded once per page, for what the page shows.

use std::collections::{HashMap, HashSet};

use plenum_core::access::Permission;

use super::Readable;
use crate::{App, AppResult};

#[derive(Debug, Default)]
pub struct Names {
    pub delegates: HashMap<i64, String>,
    /// An agenda item's ordinal and title.
    pub items: HashMap<i64, (i64, String)>,
    pub sessions: HashMap<i64, String>,
    pub documents: HashMap<i64, String>,
    pub plenums: HashMap<i64, String>,
    pub users: HashMap<i64, String>,
}

impl Names {
    pub fn delegate(&self, id: i64) -> String {
        self.delegates.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }

    pub fn item(&self, id: i64) -> String {
        match self.items.get(&id) {
            Some((ordinal, title)) => format!("{ordinal}. {title}"),
            None => format!("#{id}"),
        }
    }

    pub fn session(&self, id: i64) -> String {
        self.sessions.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }

    pub fn document(&self, id: i64) -> String {
        self.documents.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }

    pub fn user(&self, id: i64) -> String {
        self.users.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }
}

/// The names the entries need. Each entry was already checked readable: its
/// plenum is one the reader sees, and account names are looked up only when
/// an administrative entry (read by an administrator) is among them.
pub async fn names(app: &App, entries: &[Readable]) -> AppResult<Names> {
    let mut out = Names::default();
    let mut plenums = HashSet::new();
    let mut accounts = false;
    for c in entries.iter().filter_map(|r| r.change.as_ref()) {
        plenums.extend(c.scope.plenum_id);
        accounts |= c.change.permission() == Permission::Administer;
    }
    for p in plenums {
        match app.store.plenum(p).await {
            Ok(plenum) => out.plenums.insert(p, plenum.title),
            Err(plenum_store::StoreError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        out.delegates.extend(app.store.delegates(p).await?.into_iter().map(|d| (d.id, d.full_name)));
        out.items.extend(app.store.agenda_items(p).await?.into_iter().map(|i| (i.id, (i.ordinal, i.title))));
        out.sessions.extend(app.store.meeting_sessions(p).await?.into_iter().map(|s| (s.id, s.title)));
        out.documents.extend(app.store.documents(p).await?.into_iter().map(|d| (d.id, d.title)));
    }
    if accounts {
        out.users.extend(app.store.users().await?.into_iter().map(|u| (u.id, u.username)));
    }
    Ok(out)
}
