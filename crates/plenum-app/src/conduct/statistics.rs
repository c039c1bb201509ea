//! The discussion's figures, computed from the records.

use plenum_core::conduct::statistics::{compute, Names, OpinionFact, SpeechFact, Statistics};
use plenum_store::Plenum;

use crate::prepare::plenums;
use crate::{App, AppResult, Principal};

/// The statistics of one plenum, for those who may see it. `hall` names the
/// plenary hall in the reader's language.
pub async fn of_plenum(app: &App, who: &Principal, plenum_id: i64, hall: &str) -> AppResult<(Plenum, Statistics)> {
    let plenum = plenums::get(app, who, plenum_id).await?;
    let s = compute_now(app, plenum_id, hall).await?;
    Ok((plenum, s))
}

async fn compute_now(app: &App, plenum_id: i64, hall: &str) -> AppResult<Statistics> {
    let store = &app.store;
    let (items, groups, delegates, sessions, speeches, opinions) = tokio::try_join!(
        store.agenda_items(plenum_id),
        store.groups(plenum_id),
        store.delegates(plenum_id),
        store.meeting_sessions(plenum_id),
        store.speeches(plenum_id),
        store.opinions(plenum_id),
    )?;
    let item_names: Vec<(i64, i64, String)> = items.into_iter().map(|i| (i.id, i.ordinal, i.title)).collect();
    let group_names: Vec<(i64, String)> = groups.into_iter().map(|g| (g.id, g.name)).collect();
    let delegate_names: Vec<(i64, String)> = delegates.into_iter().map(|d| (d.id, d.full_name)).collect();
    let session_group = |id: i64| sessions.iter().find(|s| s.id == id).and_then(|s| s.group_id);
    let speech_facts: Vec<SpeechFact> = speeches
        .iter()
        .map(|s| SpeechFact {
            id: s.id,
            item_id: s.item_id,
            group_id: session_group(s.session_id),
            delegate_id: s.delegate_id,
        })
        .collect();
    let opinion_facts: Vec<OpinionFact> = opinions
        .iter()
        .map(|o| OpinionFact {
            speech_id: o.speech_id,
            item_id: o.item_id,
            delegate_id: o.delegate_id,
            stance: o.stance,
        })
        .collect();
    let names = Names { items: &item_names, groups: &group_names, delegates: &delegate_names, hall };
    Ok(compute(&names, &speech_facts, &opinion_facts))
}
