//! The demo plenum: the 11th plenum of the Hanoi Party Committee, term XVII,
//! as told in `shared/seed` (13 agenda items, 4 discussion groups). Member
//! names are synthetic. The data is in `hanoi_plenum_11.json`, written for
//! this project.

mod synthesis;

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
    #[serde(default)]
    pub guests: Vec<DemoGuest>,
    #[serde(default)]
    pub documents: Vec<DemoDocument>,
    #[serde(default)]
    pub speeches: Vec<DemoSpeech>,
}

#[derive(Deserialize)]
pub struct DemoGuest {
    pub full_name: String,
    pub title: String,
    pub unit: String,
}

#[derive(Deserialize)]
pub struct DemoDocument {
    /// The agenda item's ordinal.
    pub item: i64,
    pub title: String,
    pub kind: String,
    pub text: String,
}

#[derive(Deserialize)]
pub struct DemoSpeech {
    /// A member key (m01…).
    pub speaker: String,
    /// A group key (g1…) or "hall".
    pub venue: String,
    /// The item's ordinal.
    pub item: i64,
    pub minutes: i64,
    pub opinions: Vec<DemoOpinion>,
}

#[derive(Deserialize)]
pub struct DemoOpinion {
    pub item: i64,
    /// A passage label of the item's draft ("II.2.a"), if the opinion cites one.
    pub passage: Option<String>,
    pub stance: String,
    pub text: String,
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
    /// Delegate ids by member key (m01…).
    pub delegates: HashMap<String, i64>,
    /// Agenda item ids by ordinal.
    pub items: HashMap<i64, i64>,
    /// The plenary session (open, for live use) and the group sessions by key.
    pub plenary_session: i64,
    pub group_sessions: HashMap<String, i64>,
}

/// A random code for a badge's QR code.
pub fn new_checkin_code() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// Load the demo plenum into a database (normally an empty one).
pub async fn load(store: &dyn Store) -> StoreResult<DemoIds> {
    let d = data();
    let actor = Actor::system("demo");
    let mut orgs: HashMap<String, i64> = HashMap::new();
    for o in &d.organizations {
        let parent_id = o.parent.as_ref().map(|k| orgs[k]);
        let org = store
            .create_organization(
                &actor,
                NewOrganization {
                    name: o.name.clone(),
                    short_name: o.short_name.clone(),
                    level: o.level.clone(),
                    parent_id,
                },
            )
            .await?;
        orgs.insert(o.key.clone(), org.id);
    }
    let c = &d.committee;
    let org_id = orgs[&c.org];
    let committee = store
        .create_committee(
            &actor,
            NewCommittee {
                org_id,
                name: c.name.clone(),
                term: c.term.clone(),
                term_label: c.term_label.clone(),
                starts_on: c.starts_on.clone(),
            },
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
    let body_name =
        |key: &str| d.bodies.iter().find(|b| b.key == key).map(|b| b.name.clone()).unwrap_or_else(|| key.to_string());
    let mut items = HashMap::new();
    for item in &p.agenda_items {
        let added = store
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
        items.insert(item.ordinal, added.id);
    }
    let delegates = load_delegates(store, &actor, &d, plenum.id, &members).await?;
    // Groups are formed among summoned members, who are seated in them.
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
    let (plenary_session, group_sessions) = load_sessions(store, &actor, &d, plenum.id, &groups, &items).await?;
    let anchors = load_documents(store, &actor, &d, &items).await?;
    load_discussion(store, &actor, &d, &delegates, &items, &anchors, plenary_session, &group_sessions).await?;
    synthesis::load(store, &actor, &d, plenum.id, &items, &delegates, &anchors).await?;
    // The vote the plenum ended with (the seed: "Ban Chấp hành Đảng bộ Thành
    // phố đã biểu quyết thông qua Nghị quyết của Hội nghị"), ready for the chair to open.
    store.create_poll(&actor, adoption(plenum.id)).await?;
    Ok(DemoIds {
        org_id,
        committee_id: committee.id,
        plenum_id: plenum.id,
        members,
        groups,
        delegates,
        items,
        plenary_session,
        group_sessions,
    })
}

/// Every member is summoned (and seated in a group when the groups are
/// formed); the guests are invited.
async fn load_delegates(
    store: &dyn Store,
    actor: &Actor,
    d: &DemoData,
    plenum_id: i64,
    members: &HashMap<String, i64>,
) -> StoreResult<HashMap<String, i64>> {
    let mut new: Vec<NewDelegate> = d
        .committee
        .members
        .iter()
        .map(|m| NewDelegate {
            plenum_id,
            member_id: Some(members[&m.key]),
            user_id: None,
            full_name: m.full_name.clone(),
            title: m.title.clone(),
            unit: m.unit.clone(),
            kind: "member".into(),
            group_id: None,
            checkin_code: new_checkin_code(),
        })
        .collect();
    new.extend(d.plenum.guests.iter().map(|g| NewDelegate {
        plenum_id,
        member_id: None,
        user_id: None,
        full_name: g.full_name.clone(),
        title: g.title.clone(),
        unit: g.unit.clone(),
        kind: "guest".into(),
        group_id: None,
        checkin_code: new_checkin_code(),
    }));
    let added = store.import_delegates(actor, plenum_id, new).await?;
    Ok(d.committee.members.iter().zip(&added).map(|(m, del)| (m.key.clone(), del.id)).collect())
}

/// One closed session per discussion group, and the plenary session, open on the first item.
async fn load_sessions(
    store: &dyn Store,
    actor: &Actor,
    d: &DemoData,
    plenum_id: i64,
    groups: &HashMap<String, i64>,
    items: &HashMap<i64, i64>,
) -> StoreResult<(i64, HashMap<String, i64>)> {
    let mut group_sessions = HashMap::new();
    for g in &d.plenum.groups {
        let s = store
            .create_meeting_session(
                actor,
                NewMeetingSession {
                    plenum_id,
                    kind: "group".into(),
                    group_id: Some(groups[&g.key]),
                    title: format!("Thảo luận {}", g.name),
                    speaking_seconds: 420,
                },
            )
            .await?;
        let s = store
            .update_meeting_session(
                actor,
                s.id,
                s.version,
                SessionChange { status: Some("closed".into()), ..Default::default() },
            )
            .await?;
        group_sessions.insert(g.key.clone(), s.id);
    }
    let hall = store
        .create_meeting_session(
            actor,
            NewMeetingSession {
                plenum_id,
                kind: "plenary".into(),
                group_id: None,
                title: "Thảo luận tại Hội trường".into(),
                speaking_seconds: 420,
            },
        )
        .await?;
    store
        .update_meeting_session(
            actor,
            hall.id,
            hall.version,
            SessionChange {
                status: Some("open".into()),
                current_item_id: items.get(&1).copied(),
                ..Default::default()
            },
        )
        .await?;
    Ok((hall.id, group_sessions))
}

/// Passage anchors by item ordinal, then by label.
pub type Anchors = HashMap<i64, HashMap<String, String>>;

/// Each item's draft as version 1 of a "draft" document. Returns the
/// passages' anchors, so opinions can cite them.
async fn load_documents(
    store: &dyn Store,
    actor: &Actor,
    d: &DemoData,
    items: &HashMap<i64, i64>,
) -> StoreResult<Anchors> {
    use crate::documents::{NewDocument, NewVersion};
    let mut anchors = Anchors::new();
    for doc in &d.plenum.documents {
        let version = NewVersion {
            filename: format!("du-thao-noi-dung-{}.txt", doc.item),
            content: doc.text.as_bytes().to_vec(),
            note: "Dự thảo trình Hội nghị".into(),
            ..NewVersion::default()
        };
        let (_, v) = store
            .create_document(
                actor,
                NewDocument { item_id: items[&doc.item], title: doc.title.clone(), kind: doc.kind.clone(), version },
            )
            .await?;
        let by_label = anchors.entry(doc.item).or_default();
        for p in store.passages(v.id).await? {
            // A label cited twice in one draft would be ambiguous; the first one is meant.
            by_label.entry(p.label).or_insert(p.anchor);
        }
    }
    Ok(anchors)
}

/// The anchor an opinion's cited label stands for in its item's draft.
fn cited_anchor(anchors: &Anchors, item: i64, label: Option<&str>) -> StoreResult<Option<String>> {
    match label {
        None => Ok(None),
        Some(l) => anchors
            .get(&item)
            .and_then(|m| m.get(l))
            .cloned()
            .map(Some)
            .ok_or_else(|| crate::store::field("passage_anchor", "not-found")),
    }
}

/// The recorded discussion: each speech with the opinions it carried.
#[allow(clippy::too_many_arguments)]
async fn load_discussion(
    store: &dyn Store,
    actor: &Actor,
    d: &DemoData,
    delegates: &HashMap<String, i64>,
    items: &HashMap<i64, i64>,
    anchors: &Anchors,
    plenary_session: i64,
    group_sessions: &HashMap<String, i64>,
) -> StoreResult<()> {
    for sp in &d.plenum.speeches {
        let session_id = if sp.venue == "hall" { plenary_session } else { group_sessions[&sp.venue] };
        let delegate_id = delegates[&sp.speaker];
        let speech = store
            .record_speech(
                actor,
                NewSpeech {
                    session_id,
                    delegate_id,
                    item_id: items[&sp.item],
                    speaker_entry_id: None,
                    seconds: Some(sp.minutes * 60),
                },
            )
            .await?;
        for o in &sp.opinions {
            store
                .add_opinion(
                    actor,
                    NewOpinion {
                        speech_id: Some(speech.id),
                        delegate_id,
                        item_id: items[&o.item],
                        passage_anchor: cited_anchor(anchors, o.item, o.passage.as_deref())?,
                        stance: o.stance.clone(),
                        text: o.text.clone(),
                    },
                )
                .await?;
        }
    }
    Ok(())
}

/// The draft vote adopting the plenum's resolution: on the tablets, named,
/// more than half of all members (the default rule set).
fn adoption(plenum_id: i64) -> crate::decide::NewPoll {
    use plenum_core::decide::poll::{PollKind, PollMethod};
    crate::decide::NewPoll {
        plenum_id,
        uid: hex::encode(rand::random::<[u8; 12]>()),
        item_id: None,
        title: "Biểu quyết thông qua Nghị quyết Hội nghị lần thứ 11".into(),
        kind: PollKind::Motion,
        method: PollMethod::Electronic,
        rules: serde_json::to_string(&plenum_core::decide::RuleSet::party_committee()).unwrap_or_default(),
        seats: None,
        candidates: "[]".into(),
        runoff: false,
        show_live: false,
        deadline: None,
    }
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
        // The seed: "59 lượt phát biểu với 130 ý kiến về 13 nội dung".
        assert_eq!(d.plenum.speeches.len(), 59);
        assert_eq!(d.plenum.speeches.iter().map(|s| s.opinions.len()).sum::<usize>(), 130);
    }

    /// Every item has one draft, and every passage an opinion cites exists in
    /// that item's draft, once.
    #[test]
    fn every_cited_passage_is_in_its_items_draft() {
        use plenum_core::prepare::passages::{split, text_paragraphs};
        let d = data();
        let mut drafts: Vec<i64> = d.plenum.documents.iter().map(|doc| doc.item).collect();
        drafts.sort_unstable();
        assert_eq!(drafts, (1..=13).collect::<Vec<_>>(), "one draft per item");
        let mut cited = 0;
        for o in d.plenum.speeches.iter().flat_map(|s| &s.opinions) {
            let Some(label) = &o.passage else { continue };
            let doc = d.plenum.documents.iter().find(|doc| doc.item == o.item).unwrap();
            let passages = split(&text_paragraphs(&doc.text));
            let found = passages.iter().filter(|p| &p.label == label).count();
            assert_eq!(found, 1, "item {}: passage {label} should appear once in its draft", o.item);
            cited += 1;
        }
        assert!(cited > 50, "most opinions cite a passage ({cited})");
    }
}
