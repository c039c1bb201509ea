//! The conformance story, part: deciding. One vote per member is the
//! database's own rule, even for two casts racing; a secret ballot and its
//! roll mark never share a transaction; casting writes nothing to the
//! history; the close rewrites the ballots in an order no one chose, in
//! one transaction that shares nothing with the roll, purges the working
//! rows, and keeps the commitments apart from the contents; and neither
//! the history nor a backup holds a choice beside a voter.

use std::collections::{BTreeSet, HashSet};

use async_trait::async_trait;
use plenum_core::decide::poll::{Choice, PollKind, PollMethod, PollState};

use crate::decide::{Cast, Closing, NewPoll, PaperEntry, Snapshot};
use crate::input::*;
use crate::{Actor, Store, StoreError};

/// One row as the backend keeps it: the transaction that wrote it, where
/// the backend knows (PostgreSQL's `xmin`), and one column's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub txn: Option<String>,
    pub value: String,
}

/// How a backend's test reads rows in their physical order.
#[async_trait]
pub trait Physical: Sync {
    /// `column` of `table`'s rows of one poll, in physical order.
    async fn scan(&self, table: &str, column: &str, poll_id: i64) -> Vec<Row>;
}

const VOTERS: usize = 12;
const CANDIDATES: [&str; 5] = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"];

/// A distinct ballot for each voter: the names crossed, as a bit pattern.
fn ballot_of(i: usize) -> String {
    let crossed: Vec<&str> =
        CANDIDATES.iter().enumerate().filter(|(b, _)| (i + 1) >> b & 1 == 1).map(|(_, n)| *n).collect();
    let mut sorted = crossed.clone();
    sorted.sort();
    serde_json::json!({ "crossed": sorted, "issued_by_committee": true }).to_string()
}

fn leaf_of(i: usize) -> String {
    format!("{:064x}", 0xabcdef_u64 * (i as u64 + 1))
}

pub async fn run(store: &dyn Store, physical: &dyn Physical) {
    store.migrate().await.expect("migrate");
    let actor = Actor::system("conformance");
    let (_, plenum) = super::eleventh_plenum(store, &actor).await;
    let mut voters = Vec::new();
    for i in 0..VOTERS {
        let d = NewDelegate {
            plenum_id: plenum.id,
            member_id: None,
            user_id: None,
            full_name: format!("Ủy viên {i}"),
            title: String::new(),
            unit: String::new(),
            kind: "member".into(),
            group_id: None,
            checkin_code: format!("decide-checkin-code-{i:04}"),
        };
        voters.push(store.add_delegate(&actor, d).await.unwrap().id);
    }
    let new = |title: &str, kind: PollKind, method: PollMethod| NewPoll {
        plenum_id: plenum.id,
        uid: format!("uid-{title}"),
        item_id: None,
        title: title.into(),
        kind,
        method,
        rules: "{}".into(),
        seats: (kind != PollKind::Motion).then_some(3),
        candidates: serde_json::to_string(&CANDIDATES).unwrap(),
        runoff: false,
        show_live: false,
        deadline: None,
    };
    let at = Snapshot { members: VOTERS as i64, excluded: 0, present: VOTERS as i64 };

    // ---- An open, named vote: one per member, by the key itself.
    let motion = store.create_poll(&actor, new("motion", PollKind::Motion, PollMethod::Electronic)).await.unwrap();
    let refused = store.record_votes(motion.id, &[(voters[0], Choice::Yes)]).await;
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "a draft poll takes no vote: {refused:?}");
    let motion = store.open_poll(&actor, motion.id, motion.version, at).await.unwrap();
    assert_eq!(motion.state, PollState::Open);
    assert_eq!((motion.members, motion.present), (Some(VOTERS as i64), Some(VOTERS as i64)));
    let casts = store
        .record_votes(motion.id, &[(voters[0], Choice::Yes), (voters[1], Choice::No), (voters[0], Choice::No)])
        .await
        .unwrap();
    assert_eq!(casts, [Cast::Recorded, Cast::Recorded, Cast::AlreadyVoted]);
    // Two casts of one member racing: exactly one is recorded.
    let (yes, abstain) = ([(voters[2], Choice::Yes)], [(voters[2], Choice::Abstain)]);
    let (a, b) = tokio::join!(store.record_votes(motion.id, &yes), store.record_votes(motion.id, &abstain));
    let both = [a.unwrap()[0], b.unwrap()[0]];
    assert_eq!(both.iter().filter(|c| **c == Cast::Recorded).count(), 1, "{both:?}");
    assert_eq!(store.participation(motion.id).await.unwrap(), 3);
    assert!(store.has_voted(motion.id, voters[1]).await.unwrap());
    assert!(!store.has_voted(motion.id, voters[5]).await.unwrap());
    let stale = store.close_poll(&actor, motion.id, motion.version - 1, Closing::default()).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let closed = store.close_poll(&actor, motion.id, motion.version, Closing::default()).await.unwrap();
    assert_eq!(closed.votes.len(), 3);
    assert_eq!(closed.votes[0], (voters[0], Choice::Yes));
    let late = store.record_votes(motion.id, &[(voters[6], Choice::Yes)]).await;
    assert!(matches!(late, Err(StoreError::Invalid(_))), "a closed poll takes no vote: {late:?}");
    let sealed = store.seal_poll(&actor, motion.id, "{\"passed\":false}".into(), None).await.unwrap();
    assert_eq!(sealed.result.as_deref(), Some("{\"passed\":false}"));
    assert!(store.seal_poll(&actor, motion.id, "{}".into(), None).await.is_err(), "a result is recorded once");

    // ---- A secret election on the tablets.
    let poll = store.create_poll(&actor, new("election", PollKind::Election, PollMethod::Secret)).await.unwrap();
    let poll = store.set_counting_committee(&actor, poll.id, poll.version, "[]".into()).await.unwrap();
    let poll = store.open_poll(&actor, poll.id, poll.version, at).await.unwrap();
    let (head_before, _) = store.history_head().await.unwrap();
    let mut cast_order = Vec::new();
    for (i, v) in voters.iter().enumerate() {
        let c = store.cast_ballots(poll.id, &[(*v, ballot_of(i), leaf_of(i))]).await.unwrap();
        assert_eq!(c, [Cast::Recorded]);
        cast_order.push(ballot_of(i));
    }
    let again = store.cast_ballots(poll.id, &[(voters[3], ballot_of(0), leaf_of(99))]).await.unwrap();
    assert_eq!(again, [Cast::AlreadyVoted], "one ballot per member");
    assert_eq!(store.history_head().await.unwrap().0, head_before, "casting writes nothing to the history");
    assert_eq!(store.participation(poll.id).await.unwrap(), VOTERS as i64);

    // No ballot shares a transaction with a roll mark.
    let roll_txns: HashSet<Option<String>> =
        physical.scan("poll_roll", "delegate_id", poll.id).await.into_iter().map(|r| r.txn).collect();
    let ballots = physical.scan("ballots", "content", poll.id).await;
    assert_eq!(ballots.len(), VOTERS);
    for b in &ballots {
        if b.txn.is_some() {
            assert!(!roll_txns.contains(&b.txn), "a ballot and a roll mark share transaction {:?}", b.txn);
        }
    }

    let closed = store.close_poll(&actor, poll.id, poll.version, Closing::default()).await.unwrap();
    let mut got = closed.contents.clone();
    got.sort();
    let mut want = cast_order.clone();
    want.sort();
    assert_eq!(got, want, "every ballot is in the tally exactly once");
    let mut sorted_leaves = closed.leaves.clone();
    sorted_leaves.sort();
    assert_eq!(closed.leaves, sorted_leaves, "commitments are kept in ascending order");
    let mut roll = voters.clone();
    roll.sort();
    assert_eq!(closed.roll, roll);
    assert!(physical.scan("ballots", "content", poll.id).await.is_empty(), "the working rows are purged");

    // After the close: the tally, in physical order, is not the casting
    // order; it was written in one transaction the roll shares no part of.
    let tallied = physical.scan("tallied_ballots", "content", poll.id).await;
    let physical_order: Vec<String> = tallied.iter().map(|r| r.value.clone()).collect();
    assert_eq!(physical_order.len(), VOTERS);
    assert_ne!(physical_order, cast_order, "the tally keeps the casting order");
    let tally_txns: BTreeSet<Option<String>> = tallied.iter().map(|r| r.txn.clone()).collect();
    assert_eq!(tally_txns.len(), 1, "the tally is written at once");
    assert!(tally_txns.iter().all(|t| t.is_none() || !roll_txns.contains(t)));
    let (stored, leaves) = store.tallied(poll.id).await.unwrap();
    assert_eq!(stored.len(), VOTERS);
    assert_eq!(leaves, closed.leaves);

    // The history: the roll as a whole at close, the contents only in the
    // sealed result, never both in one entry, and no entry while casting.
    store
        .seal_poll(&actor, poll.id, "{}".into(), Some(serde_json::json!({ "contents": closed.contents }).to_string()))
        .await
        .unwrap();
    let entries = store.history(head_before, 1000).await.unwrap();
    assert_eq!(
        entries.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["poll.closed", "poll.sealed"],
        "nothing between the opening and the close"
    );
    for e in &entries {
        let holds_roll = voters.iter().any(|v| e.payload.contains(&format!("\"roll\":[{v}")));
        let holds_content =
            cast_order.iter().any(|c| e.payload.contains(&c.replace('"', "\\\"")) || e.payload.contains(c));
        assert!(!(holds_roll && holds_content), "entry {} holds a choice beside the roll", e.seq);
    }

    // A backup: the ballots' tables carry no voter and no time, in id order.
    let backup = store.export().await.unwrap();
    for name in ["ballots", "tallied_ballots", "poll_leaves"] {
        let t = backup.tables.iter().find(|t| t.name == name).unwrap();
        assert!(
            t.columns.iter().all(|c| !c.contains("delegate") && !c.ends_with("_at") && !c.contains("user")),
            "{name} holds {:?}",
            t.columns
        );
    }
    let t = backup.tables.iter().find(|t| t.name == "tallied_ballots").unwrap();
    let ids: Vec<&str> = t.rows.iter().filter_map(|r| r[1].as_str()).collect();
    let mut sorted_ids = ids.clone();
    sorted_ids.sort();
    assert_eq!(ids, sorted_ids, "a backup orders ballots by their random id");

    // ---- Paper ballots, entered by two counters.
    let paper = store.create_poll(&actor, new("paper", PollKind::Election, PollMethod::Paper)).await.unwrap();
    let counter_user = store
        .create_user(
            &actor,
            NewUser { username: "kiemphieu".into(), display_name: "Kiểm phiếu".into(), password_hash: "x".into() },
        )
        .await
        .unwrap()
        .id;
    let entry =
        |counter, sheet| PaperEntry { counter, sheet, content: ballot_of(sheet as usize), entered_by: counter_user };
    assert!(store.enter_paper(&actor, paper.id, entry(1, 1)).await.is_err(), "a draft takes no ballots");
    let paper = store.open_poll(&actor, paper.id, paper.version, at).await.unwrap();
    for sheet in 1..=3 {
        store.enter_paper(&actor, paper.id, entry(1, sheet)).await.unwrap();
        store.enter_paper(&actor, paper.id, entry(2, sheet)).await.unwrap();
    }
    // A correction replaces the counter's own entry of that sheet.
    store.enter_paper(&actor, paper.id, PaperEntry { content: ballot_of(9), ..entry(2, 3) }).await.unwrap();
    let entries = store.paper_entries(paper.id).await.unwrap();
    assert_eq!(entries.len(), 6);
    assert_eq!(entries[5].content, ballot_of(9));
    let closed = store
        .close_poll(&actor, paper.id, paper.version, Closing { hands: None, issued: Some(4), present: None })
        .await
        .unwrap();
    assert_eq!(closed.contents.len(), 3, "the first counter's entries are the tally");
    assert_eq!(closed.poll.issued, Some(4));
}
