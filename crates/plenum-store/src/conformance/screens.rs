//! The hall screen's links: made, found by their secret's hash, revoked
//! once (a second revocation changes nothing), each step in the history
//! without the hash.

use crate::{verify_history, Actor, Conflict, Store, StoreError};

pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    let actor = Actor::system("conformance");
    let (_, plenum) = super::eleventh_plenum(store, &actor).await;
    let hash = "a".repeat(64);

    let link = store.create_screen_link(&actor, plenum.id, "Hội trường tầng 2", &hash).await.unwrap();
    assert_eq!((link.plenum_id, link.label.as_str(), link.revoked_at), (plenum.id, "Hội trường tầng 2", None));
    assert_eq!(store.screen_link_by_secret(&hash).await.unwrap(), Some(link.clone()));
    assert_eq!(store.screen_link_by_secret(&"b".repeat(64)).await.unwrap(), None, "another secret opens nothing");
    let again = store.create_screen_link(&actor, plenum.id, "Phòng họp", &hash).await.unwrap_err();
    assert!(matches!(again, StoreError::Conflict(Conflict::Duplicate)), "a secret opens one link: {again:?}");
    let second = store.create_screen_link(&actor, plenum.id, "Phòng họp", &"c".repeat(64)).await.unwrap();
    let listed: Vec<i64> = store.screen_links(plenum.id).await.unwrap().iter().map(|l| l.id).collect();
    assert_eq!(listed, vec![second.id, link.id], "newest first");

    // Another plenum's link is not found through this one.
    let refused = store.revoke_screen_link(&actor, plenum.id + 1, link.id).await.unwrap_err();
    assert!(matches!(refused, StoreError::NotFound), "{refused:?}");
    let revoked = store.revoke_screen_link(&actor, plenum.id, link.id).await.unwrap();
    assert!(revoked.revoked_at.is_some());
    assert_eq!(store.screen_link_by_secret(&hash).await.unwrap(), None, "a revoked link opens nothing");
    assert!(store.screen_link_by_secret(&"c".repeat(64)).await.unwrap().is_some(), "the other link still works");
    let entries = verify_history(store).await.unwrap().unwrap();
    assert_eq!(store.revoke_screen_link(&actor, plenum.id, link.id).await.unwrap(), revoked);
    assert_eq!(verify_history(store).await.unwrap(), Ok(entries), "revoking twice records nothing");

    let history = store.history(0, 1000).await.unwrap();
    let actions: Vec<&str> =
        history.iter().map(|e| e.action.as_str()).filter(|a| a.starts_with("screen_link.")).collect();
    assert_eq!(actions, ["screen_link.created", "screen_link.created", "screen_link.revoked"]);
    assert!(history.iter().all(|e| !e.payload.contains(&hash)), "the history never holds a secret's hash");
}
