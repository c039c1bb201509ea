//! The demo plenum: the 11th plenum of the Hanoi Party Committee, term XVII,
//! as told in `shared/seed` (13 agenda items, 4 discussion groups). Member
//! names are synthetic. The data is in `hanoi_plenum_11.json`, written for
//! this project.

use std::collections::HashMap;

use serde::Deserialize;

use crate::input::*;
use crate::{Actor, Store, StoreResult};

const DATA: &str = include_str!("hanoi_plenum_11.json");

#[derive(Deserialize)]
pub struct DemoData {
    pub organizations: Vec<DemoOrg>,
    pub committee: DemoCommittee,
    pub bodies: Vec<DemoBody>,
    pub plenum: DemoPlenum,
}

#[derive(Deserialize)]
pub struct DemoOrg {
    pub key: String,
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub parent: Option<String>,
}

#[derive(Deserialize)]
pub struct DemoCommittee {
    pub org: String,
    pub name: String,
    pub term: String,
    pub term_label: String,
    pub starts_on: String,
    pub members: Vec<DemoMember>,
}

#[derive(Deserialize)]
pub struct DemoMember {
    pub key: String,
    pub full_name: String,
    pub title: String,
    pub unit: String,
    pub standing: bool,
}

#[derive(Deserialize)]
pub struct DemoBody {
    pub key: String,
    pub name: String,
}

#[derive(Deserialize)]
pub struct DemoPlenum {
    pub ordinal: i64,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub groups: Vec<DemoGroup>,
    pub agenda_items: Vec<DemoItem>,
}

#[derive(Deserialize)]
pub struct DemoGroup {
    pub key: String,
    pub name: String,
    pub leader: String,
    pub secretary: String,
    pub members: Vec<String>,
}

#[derive(Deserialize)]
pub struct DemoItem {
    pub ordinal: i64,
    pub kind: String,
    pub title: String,
    pub presenter: String,
}

pub fn data() -> DemoData {
    serde_json::from_str(DATA).expect("the embedded demo data is valid")
}

/// What the loader created, for callers that add accounts on top.
#[derive(Debug, Clone)]
pub struct DemoIds {
    pub org_id: i64,
    pub committee_id: i64,
    pub plenum_id: i64,
    /// Member ids by the data's keys (m01…).
    pub members: HashMap<String, i64>,
    /// Group ids by the data's keys (g1…).
    pub groups: HashMap<String, i64>,
}

/// Load the demo plenum into a database (normally an empty one).
pub async fn load(store: &dyn Store) -> StoreResult<DemoIds> {
    let d = data();
    let actor = Actor::system("demo");
    let mut orgs: HashMap<String, i64> = HashMap::new();
    for o in &d.organizations {
        let parent_id = o.parent.as_ref().map(|k| orgs[k]);
        let org = store
            .create_organization(&actor, NewOrganization { name: o.name.clone(), short_name: o.short_name.clone(), level: o.level.clone(), parent_id })
            .await?;
        orgs.insert(o.key.clone(), org.id);
    }
    let c = &d.committee;
    let org_id = orgs[&c.org];
    let committee = store
        .create_committee(
            &actor,
            NewCommittee { org_id, name: c.name.clone(), term: c.term.clone(), term_label: c.term_label.clone(), starts_on: c.starts_on.clone() },
        )
        .await?;
    let mut members = HashMap::new();
    for m in &c.members {
        let added = store
            .add_member(
                &actor,
                NewMember {
                    committee_id: committee.id,
                    full_name: m.full_name.clone(),
                    title: m.title.clone(),
                    unit: m.unit.clone(),
                    standing: m.standing,
                    user_id: None,
                },
            )
            .await?;
        members.insert(m.key.clone(), added.id);
    }
    let p = &d.plenum;
    let plenum = store
        .create_plenum(
            &actor,
            NewPlenum {
                committee_id: committee.id,
                ordinal: p.ordinal,
                title: p.title.clone(),
                starts_on: p.starts_on.clone(),
                ends_on: p.ends_on.clone(),
                place: p.place.clone(),
            },
        )
        .await?;
    let body_name = |key: &str| d.bodies.iter().find(|b| b.key == key).map(|b| b.name.clone()).unwrap_or_else(|| key.to_string());
    for item in &p.agenda_items {
        store
            .add_agenda_item(
                &actor,
                NewAgendaItem {
                    plenum_id: plenum.id,
                    ordinal: item.ordinal,
                    title: item.title.clone(),
                    kind: item.kind.clone(),
                    presenter: body_name(&item.presenter),
                },
            )
            .await?;
    }
    let mut groups = HashMap::new();
    for g in &p.groups {
        let created = store
            .create_group(
                &actor,
                NewGroup {
                    plenum_id: plenum.id,
                    name: g.name.clone(),
                    leader_member_id: members.get(&g.leader).copied(),
                    secretary_member_id: members.get(&g.secretary).copied(),
                    member_ids: g.members.iter().filter_map(|k| members.get(k).copied()).collect(),
                },
            )
            .await?;
        groups.insert(g.key.clone(), created.id);
    }
    Ok(DemoIds { org_id, committee_id: committee.id, plenum_id: plenum.id, members, groups })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_matches_the_seed() {
        let d = data();
        assert_eq!(d.plenum.ordinal, 11);
        assert_eq!(d.committee.term, "XVII");
        assert_eq!(d.plenum.agenda_items.len(), 13, "the seed's 13 items");
        assert_eq!(d.plenum.groups.len(), 4, "the seed's 4 discussion groups");
        assert!((60..=80).contains(&d.committee.members.len()), "a committee of about 70");
        assert!(d.committee.members.iter().any(|m| m.standing), "a standing committee");
        let grouped: usize = d.plenum.groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(grouped, d.committee.members.len(), "every member sits in exactly one group");
    }
}
