//! The one scripted story every backend must pass. Each backend's test file
//! opens a fresh database and calls [`run`]; the assertions are written once.

pub mod agenda;
pub mod columns;
pub mod concurrency;
pub mod conduct;
pub mod decide;
pub mod delegates;
pub mod desk;
pub mod documents;
pub mod screens;
pub mod search;
pub mod synthesis;

use std::time::Duration;

use plenum_core::access::{Grant, GrantScope, Role, SignInKind};
use plenum_core::history::ChainBreak;

use crate::change::{Change, Committed};
use crate::input::*;
use crate::{schema, verify_history, Actor, Conflict, Store, StoreError};

/// The next event committed after history entry `after`. On PostgreSQL,
/// notifications of changes committed before subscribing may still be in flight.
pub(crate) async fn next_event(
    live: &mut tokio::sync::broadcast::Receiver<crate::change::Committed>,
    after: i64,
) -> crate::Event {
    loop {
        let ev = tokio::time::timeout(Duration::from_secs(5), live.recv())
            .await
            .expect("event arrives")
            .map(crate::Event::from)
            .unwrap();
        if ev.seq > after {
            return ev;
        }
    }
}

/// A committee of term XVII and its 11th plenum: the common ground of the
/// part stories, which then add what they test.
pub(crate) async fn eleventh_plenum(store: &dyn Store, actor: &Actor) -> (crate::Committee, crate::Plenum) {
    let org = store
        .create_organization(
            actor,
            NewOrganization {
                name: "Đảng Cộng sản Việt Nam".into(),
                short_name: "TW".into(),
                level: "central".into(),
                parent_id: None,
            },
        )
        .await
        .unwrap();
    let committee = store
        .create_committee(
            actor,
            NewCommittee {
                org_id: org.id,
                name: "Ban Chấp hành".into(),
                term: "XVII".into(),
                term_label: "khóa XVII".into(),
                starts_on: "2020-10-13".into(),
            },
        )
        .await
        .unwrap();
    let plenum = store
        .create_plenum(
            actor,
            NewPlenum {
                committee_id: committee.id,
                ordinal: 11,
                title: "Hội nghị lần thứ 11".into(),
                starts_on: "2023-01-05".into(),
                ends_on: "2023-01-06".into(),
                place: "Hà Nội".into(),
            },
        )
        .await
        .unwrap();
    (committee, plenum)
}

fn field_codes(e: &StoreError) -> Vec<(String, &'static str)> {
    match e {
        StoreError::Invalid(f) => f.0.iter().map(|x| (x.field.clone(), x.code)).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// The story. Panics with a message naming the broken expectation.
pub async fn run(store: &dyn Store) {
    store.migrate().await.expect("migrate");
    store.migrate().await.expect("migrating twice is harmless");
    assert!(store.is_empty().await.unwrap(), "a new database is empty");
    assert_eq!(verify_history(store).await.unwrap(), Ok(0), "an empty history verifies");

    let mut schema_names: Vec<&str> = schema::TABLES.iter().map(|t| t.name).collect();
    schema_names.sort_unstable();
    assert_eq!(store.table_names().await.unwrap(), schema_names, "the backup's table list matches the migrations");
    let live = store.live_columns().await.unwrap();
    assert_eq!(schema::differences(&live), Vec::<String>::new(), "and so do its columns, one by one");

    let actor = Actor::system("conformance");
    let mut live = store.subscribe();

    // Accounts, with NFC on the way in.
    let user = store
        .create_user(
            &actor,
            NewUser {
                username: " ThuKy ".into(),
                display_name: "Nguye\u{302}\u{303}n Thị Hoa".into(),
                password_hash: "$argon2id$x".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(user.username, "thuky");
    assert_eq!(user.display_name, "Nguyễn Thị Hoa");
    let dup = store
        .create_user(
            &actor,
            NewUser { username: "THUKY".into(), display_name: "Khác".into(), password_hash: "h".into() },
        )
        .await
        .unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(Conflict::UsernameTaken)), "duplicate username: {dup:?}");
    let bad = store
        .create_user(&actor, NewUser { username: "thư ký".into(), display_name: " ".into(), password_hash: "h".into() })
        .await
        .unwrap_err();
    assert_eq!(field_codes(&bad), vec![("username".into(), "username-chars"), ("display_name".into(), "required")]);
    assert_eq!(store.user_by_username("THUKY").await.unwrap().map(|u| u.id), Some(user.id));
    assert!(store.user_by_username("nobody").await.unwrap().is_none());

    let ev = tokio::time::timeout(Duration::from_secs(5), live.recv())
        .await
        .expect("event arrives")
        .map(crate::Event::from)
        .unwrap();
    assert_eq!(ev.action, "user.created");
    assert_eq!(ev.payload["username"], "thuky");
    assert_eq!(ev.org_id, None);

    // The organization tree only grows downwards.
    let central = store
        .create_organization(
            &actor,
            NewOrganization {
                name: "Đảng Cộng sản Việt Nam".into(),
                short_name: "TW".into(),
                level: "central".into(),
                parent_id: None,
            },
        )
        .await
        .unwrap();
    let hanoi = store
        .create_organization(
            &actor,
            NewOrganization {
                name: "Đảng bộ Thành phố Hà Nội".into(),
                short_name: "TU".into(),
                level: "city".into(),
                parent_id: Some(central.id),
            },
        )
        .await
        .unwrap();
    let upside_down = store
        .create_organization(
            &actor,
            NewOrganization {
                name: "Sai".into(),
                short_name: "S".into(),
                level: "central".into(),
                parent_id: Some(hanoi.id),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_codes(&upside_down), vec![("parent_id".into(), "level-order")]);
    let orphan = store
        .create_organization(
            &actor,
            NewOrganization {
                name: "Mồ côi".into(),
                short_name: "M".into(),
                level: "district".into(),
                parent_id: Some(9999),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_codes(&orphan), vec![("parent_id".into(), "not-found")]);
    assert_eq!(store.organizations().await.unwrap().len(), 2, "refused organizations were not saved");

    // A committee by term, its members, a plenum with its agenda and groups.
    let committee = store
        .create_committee(
            &actor,
            NewCommittee {
                org_id: hanoi.id,
                name: "Ban Chấp hành Đảng bộ Thành phố Hà Nội".into(),
                term: "XVII".into(),
                term_label: "khóa XVII, nhiệm kỳ 2020-2025".into(),
                starts_on: "2020-10-13".into(),
            },
        )
        .await
        .unwrap();
    let mut members = Vec::new();
    for i in 1..=11 {
        let m = store
            .add_member(
                &actor,
                NewMember {
                    committee_id: committee.id,
                    full_name: format!("Ủy viên {i}"),
                    title: String::new(),
                    unit: "Thành ủy".into(),
                    standing: i <= 3,
                    user_id: (i == 1).then_some(user.id),
                },
            )
            .await
            .unwrap();
        members.push(m);
    }
    let listed = store.members(committee.id).await.unwrap();
    assert_eq!(listed, members);
    assert_eq!(listed.iter().filter(|m| m.standing).count(), 3);

    let plenum = store
        .create_plenum(
            &actor,
            NewPlenum {
                committee_id: committee.id,
                ordinal: 11,
                title: "Hội nghị lần thứ 11".into(),
                starts_on: "2023-01-05".into(),
                ends_on: "2023-01-06".into(),
                place: "Hà Nội".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(plenum.org_id, hanoi.id);
    let again = store
        .create_plenum(
            &actor,
            NewPlenum {
                committee_id: committee.id,
                ordinal: 11,
                title: "Trùng".into(),
                starts_on: "2023-01-05".into(),
                ends_on: "2023-01-06".into(),
                place: "Hà Nội".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict(Conflict::OrdinalTaken)), "one 11th plenum per committee: {again:?}");
    let backwards = store
        .create_plenum(
            &actor,
            NewPlenum {
                committee_id: committee.id,
                ordinal: 12,
                title: "X".into(),
                starts_on: "2023-02-05".into(),
                ends_on: "2023-02-01".into(),
                place: "Y".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_codes(&backwards), vec![("ends_on".into(), "before-start")]);

    for ordinal in [2, 1, 3] {
        store
            .add_agenda_item(
                &actor,
                NewAgendaItem {
                    plenum_id: plenum.id,
                    ordinal,
                    title: format!("Nội dung {ordinal}"),
                    kind: "report".into(),
                    presenter: "Văn phòng".into(),
                },
            )
            .await
            .unwrap();
    }
    let bad_kind = store
        .add_agenda_item(
            &actor,
            NewAgendaItem {
                plenum_id: plenum.id,
                ordinal: 4,
                title: "X".into(),
                kind: "speech".into(),
                presenter: String::new(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_codes(&bad_kind), vec![("kind".into(), "invalid-choice")]);
    let items = store.agenda_items(plenum.id).await.unwrap();
    assert_eq!(items.iter().map(|i| i.ordinal).collect::<Vec<_>>(), vec![1, 2, 3], "agenda in order");

    // Groups are formed among summoned members only, by the core's rule,
    // checked by the store itself.
    let group_of = |leader: usize, secretary: usize, name: &str, member_ids: Vec<i64>| NewGroup {
        plenum_id: plenum.id,
        name: name.into(),
        leader_member_id: Some(members[leader].id),
        secretary_member_id: Some(members[secretary].id),
        member_ids,
    };
    let unsummoned = store.create_group(&actor, group_of(0, 4, "Tổ 1", vec![])).await.unwrap_err();
    assert_eq!(
        field_codes(&unsummoned),
        vec![("leader_member_id".into(), "not-summoned-member"), ("secretary_member_id".into(), "not-summoned-member")]
    );
    let mut seated = Vec::new();
    for m in [&members[0], &members[4]] {
        let summoned = NewDelegate {
            plenum_id: plenum.id,
            member_id: Some(m.id),
            user_id: None,
            full_name: m.full_name.clone(),
            title: String::new(),
            unit: m.unit.clone(),
            kind: "member".into(),
            group_id: None,
            checkin_code: crate::demo::new_checkin_code(),
        };
        seated.push(store.add_delegate(&actor, summoned).await.unwrap().id);
    }
    let group = store
        .create_group(&actor, group_of(0, 4, "Tổ 1", vec![members[4].id, members[0].id, members[4].id]))
        .await
        .unwrap();
    assert_eq!(group.member_ids, vec![members[0].id, members[4].id], "members sorted and deduplicated");
    assert_eq!(store.groups(plenum.id).await.unwrap(), vec![group.clone()]);
    for d in &seated {
        assert_eq!(store.delegate(*d).await.unwrap().group_id, Some(group.id), "its members are seated in it");
    }
    let same_name = store.create_group(&actor, group_of(4, 0, "TỔ 1", vec![])).await.unwrap_err();
    assert_eq!(field_codes(&same_name), vec![("name".into(), "name-taken")]);

    // Roles and sessions.
    let grant = Grant { role: Role::Secretary, scope: GrantScope { org: Some(hanoi.id), plenum: None } };
    store.grant_role(&actor, user.id, grant).await.unwrap();
    assert_eq!(store.grants_of(user.id).await.unwrap(), vec![grant]);

    // Signing out everywhere ends every session and token of the account;
    // disabling it ends them too, and its sessions are refused from then on.
    let other = store
        .create_user(&actor, NewUser { username: "u2".into(), display_name: "U2".into(), password_hash: "h".into() })
        .await
        .unwrap();
    let token = |hash: &str| NewSession {
        user_id: other.id,
        token_hash: hash.into(),
        csrf: "c".into(),
        kind: SignInKind::Api,
        expires_at: None,
        label: "api".into(),
    };
    for h in ["h2", "h3"] {
        store.create_session(&actor, token(h)).await.unwrap();
    }
    assert_eq!(store.end_sessions(&actor, other.id).await.unwrap(), 2);
    assert!(store.session_by_hash("h2", 1_000).await.unwrap().is_none());
    store.create_session(&actor, token("h4")).await.unwrap();
    store.disable_user(&actor, other.id).await.unwrap();
    store.disable_user(&actor, other.id).await.unwrap();
    assert!(store.session_by_hash("h4", 1_000).await.unwrap().is_none());
    assert!(store.user(other.id).await.unwrap().disabled_at.is_some());
    assert!(store.disable_user(&actor, 999_999).await.is_err(), "an unknown account");
    let s = store
        .create_session(
            &actor,
            NewSession {
                user_id: user.id,
                token_hash: "h1".into(),
                csrf: "c1".into(),
                kind: SignInKind::Web,
                expires_at: Some(2_000),
                label: "web".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(store.session_by_hash("h1", 1_000).await.unwrap().map(|x| x.id), Some(s.id));
    assert!(store.session_by_hash("h1", 3_000).await.unwrap().is_none(), "an expired session is not live");
    store.delete_session(&actor, "h1").await.unwrap();
    assert!(store.session_by_hash("h1", 1_000).await.unwrap().is_none());

    // The history holds one entry per change, chained.
    let changes = verify_history(store).await.unwrap().expect("intact chain");
    assert_eq!(
        changes,
        1 + 2 + 1 + 11 + 1 + 3 + 2 + 1 + 1 + 1 + 1 + 6,
        "one entry per successful change, none for refused ones"
    );
    let entries = store.history(0, 1000).await.unwrap();
    assert_eq!(entries.first().unwrap().action, "user.created");
    let last = Committed::from_entry(entries.last().unwrap()).expect("the last entry decodes");
    assert!(matches!(last.change, Change::LoginEnded(_)), "the sign-out is the last entry");

    // Backup is a consistent dump of every table.
    let backup = store.export().await.unwrap();
    backup.check().unwrap();
    assert_eq!(backup.table("members").unwrap().rows.len(), 11);
    assert_eq!(backup.table("audit_log").unwrap().rows.len() as i64, changes);
    let refused = store.import(&backup).await.unwrap_err();
    assert!(
        matches!(refused, StoreError::Conflict(Conflict::NotEmpty)),
        "import refuses a database with data: {refused:?}"
    );

    // Tampering is caught and the first bad entry named.
    store.execute_raw("UPDATE audit_log SET payload = '{\"forged\":true}' WHERE seq = 7").await.unwrap();
    assert_eq!(verify_history(store).await.unwrap(), Err(ChainBreak::Altered { seq: 7 }));
    store.execute_raw("DELETE FROM audit_log WHERE seq = 5").await.unwrap();
    assert_eq!(verify_history(store).await.unwrap().unwrap_err().seq(), 5, "deleted entry named");
}

/// Restoring a backup into an empty database reproduces it row by row,
/// and the restored history still verifies and can be appended to.
pub async fn restore_into(store: &dyn Store, backup: &crate::backup::Backup) {
    store.migrate().await.unwrap();
    crate::backup::import_checked(store, backup).await.expect("import into empty database");
    assert_eq!(&store.export().await.unwrap(), backup, "restored data equals the backup row by row");
    let n = verify_history(store).await.unwrap().expect("restored chain verifies");
    let actor = Actor::system("restore-check");
    store
        .create_user(
            &actor,
            NewUser {
                username: "after-restore".into(),
                display_name: "Sau khôi phục".into(),
                password_hash: "h".into(),
            },
        )
        .await
        .expect("ids continue after the imported rows");
    assert_eq!(verify_history(store).await.unwrap(), Ok(n + 1));
}
