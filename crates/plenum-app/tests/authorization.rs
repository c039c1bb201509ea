//! Each use case checks the caller's permission on the resource's own scope:
//! the demo's accounts against the demo plenum (in the Hà Nội organization)
//! and against a plenum of another province, on a fresh SQLite store.

use std::sync::Arc;

use plenum_app::accounts::{sign_in, users};
use plenum_app::conduct::floor::{self, EntryAction};
use plenum_app::conduct::opinions::{self, OpinionInput};
use plenum_app::conduct::speeches::{self, SpeechInput};
use plenum_app::conduct::{attendance, checkin, sessions};
use plenum_app::prepare::{agenda, delegates, documents, organizations, plenums};
use plenum_app::synthesize::search;
use plenum_app::{history, App, Error, Principal};
use plenum_core::access::{Grant, GrantScope, Role};
use plenum_core::synthesize::search::SearchKind;
use plenum_store::input::{NewAgendaItem, NewCommittee, NewOrganization, NewPlenum};
use plenum_store::{Plenum, Store};
use plenum_store_sqlite::SqliteStore;

struct Demo {
    app: App,
    plenum: Plenum,
    _dir: tempfile::TempDir,
}

async fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    store.migrate().await.unwrap();
    plenum_app::demo::load(&store).await.unwrap();
    let store: Arc<dyn Store> = Arc::new(store);
    let plenum = store.plenums().await.unwrap().remove(0);
    Demo { app: App::new(store), plenum, _dir: dir }
}

impl Demo {
    async fn who(&self, username: &str) -> Principal {
        let user = self.app.store.user_by_username(username).await.unwrap().expect("a demo account");
        Principal::load(&self.app, user).await.unwrap()
    }

    /// A plenum of another province's committee, outside every Hà Nội grant.
    async fn elsewhere(&self) -> Plenum {
        let admin = self.who("admin").await;
        let top = self.app.store.organizations().await.unwrap().into_iter().find(|o| o.parent_id.is_none()).unwrap();
        let org = organizations::create(
            &self.app,
            &admin,
            NewOrganization {
                name: "Đảng bộ tỉnh Bắc Ninh".into(),
                short_name: "TU Bắc Ninh".into(),
                level: "city".into(),
                parent_id: Some(top.id),
            },
        )
        .await
        .unwrap();
        let committee = self
            .app
            .store
            .create_committee(
                &admin.actor(),
                NewCommittee {
                    org_id: org.id,
                    name: "Ban Chấp hành Đảng bộ tỉnh Bắc Ninh".into(),
                    term: "XX".into(),
                    term_label: "khóa XX, nhiệm kỳ 2020-2025".into(),
                    starts_on: "2020-10-15".into(),
                },
            )
            .await
            .unwrap();
        plenums::convene(&self.app, &admin, new_plenum(committee.id)).await.unwrap()
    }

    async fn open_session(&self) -> i64 {
        let all = self.app.store.meeting_sessions(self.plenum.id).await.unwrap();
        all.iter().find(|s| s.group_id.is_none() && s.status.as_str() == "open").expect("the demo's plenary session").id
    }
}

fn new_plenum(committee_id: i64) -> NewPlenum {
    NewPlenum {
        committee_id,
        ordinal: 3,
        title: "Hội nghị lần thứ 3".into(),
        starts_on: "2023-03-01".into(),
        ends_on: "2023-03-01".into(),
        place: "Hội trường Tỉnh ủy".into(),
    }
}

fn item(plenum_id: i64, ordinal: i64) -> NewAgendaItem {
    NewAgendaItem {
        plenum_id,
        ordinal,
        title: "Báo cáo kiểm điểm".into(),
        kind: "report".into(),
        presenter: String::new(),
    }
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, Error>) {
    assert!(matches!(r, Err(Error::Forbidden)), "expected 403, got {r:?}");
}

#[tokio::test]
async fn the_office_prepares_within_its_own_organization_only() {
    let d = demo().await;
    let other = d.elsewhere().await;
    let thuky = d.who("thuky").await;
    agenda::add_item(&d.app, &thuky, item(d.plenum.id, 99)).await.expect("the Hà Nội office prepares its plenum");
    forbidden(agenda::add_item(&d.app, &thuky, item(other.id, 1)).await);
    forbidden(plenums::get(&d.app, &thuky, other.id).await);
    forbidden(plenums::convene(&d.app, &thuky, new_plenum(other.committee_id)).await);
    let visible: Vec<i64> = plenums::visible(&d.app, &thuky).await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(visible, [d.plenum.id], "another province's plenum is not listed");
    let admin = d.who("admin").await;
    agenda::add_item(&d.app, &admin, item(other.id, 1)).await.expect("a system-wide administrator prepares anywhere");
}

#[tokio::test]
async fn guests_and_delegates_see_but_do_not_prepare() {
    let d = demo().await;
    for name in ["khachmoi", "daibieu", "chutri", "kiemtra"] {
        let who = d.who(name).await;
        plenums::get(&d.app, &who, d.plenum.id).await.unwrap_or_else(|e| panic!("{name} sees the plenum: {e}"));
        forbidden(agenda::add_item(&d.app, &who, item(d.plenum.id, 98)).await);
        let guest = delegates::AddDelegate { full_name: "Nguyễn Văn Khách".into(), ..Default::default() };
        forbidden(delegates::add(&d.app, &who, d.plenum.id, guest).await);
        forbidden(documents::may_file(&d.app, &who, d.app.store.agenda_items(d.plenum.id).await.unwrap()[0].id).await);
    }
}

/// Editing the agenda is the office's, on its own plenum: an item is reached
/// only through its own plenum, and the other roles see but do not edit.
#[tokio::test]
async fn only_the_office_edits_moves_and_removes_items_of_its_own_plenum() {
    let d = demo().await;
    let other = d.elsewhere().await;
    let admin = d.who("admin").await;
    let foreign = agenda::add_item(&d.app, &admin, item(other.id, 1)).await.unwrap();
    let thuky = d.who("thuky").await;
    let mine = agenda::add_item(&d.app, &thuky, item(d.plenum.id, 97)).await.unwrap();
    let change = |i: &plenum_store::AgendaItem| plenum_store::input::ItemChange {
        ordinal: i.ordinal,
        title: "Báo cáo kiểm điểm (sửa)".into(),
        kind: "report".into(),
        presenter: String::new(),
        slot_id: None,
    };
    for name in ["khachmoi", "daibieu", "chutri", "kiemtra"] {
        let who = d.who(name).await;
        forbidden(agenda::update_item(&d.app, &who, d.plenum.id, mine.id, mine.version, change(&mine)).await);
        forbidden(agenda::move_item(&d.app, &who, d.plenum.id, mine.id, mine.version, 0).await);
        forbidden(agenda::remove_item(&d.app, &who, d.plenum.id, mine.id, mine.version).await);
        agenda::slots(&d.app, &who, d.plenum.id).await.unwrap_or_else(|e| panic!("{name} reads the programme: {e}"));
    }
    // Another province's item: refused on its plenum, and not found under this one.
    forbidden(agenda::update_item(&d.app, &thuky, other.id, foreign.id, 1, change(&foreign)).await);
    let under_mine = agenda::remove_item(&d.app, &thuky, d.plenum.id, foreign.id, 1).await;
    assert!(matches!(under_mine, Err(Error::NotFound)), "{under_mine:?}");
    let edited = agenda::update_item(&d.app, &thuky, d.plenum.id, mine.id, mine.version, change(&mine)).await.unwrap();
    agenda::remove_item(&d.app, &thuky, d.plenum.id, mine.id, edited.version)
        .await
        .expect("the office removes a free item");
}

#[tokio::test]
async fn a_written_opinion_is_sent_only_in_ones_own_name() {
    let d = demo().await;
    let item_id = d.app.store.agenda_items(d.plenum.id).await.unwrap()[0].id;
    let opinion = |text: &str| OpinionInput {
        item_id: Some(item_id),
        passage_anchor: None,
        stance: "agree".into(),
        text: text.into(),
    };
    let daibieu = d.who("daibieu").await;
    let o = opinions::write_own(&d.app, &daibieu, d.plenum.id, opinion("Tán thành.")).await.unwrap();
    let own = d.app.store.delegate_for_user(d.plenum.id, daibieu.user.id).await.unwrap().unwrap();
    assert_eq!(o.delegate_id, own.id);
    // A guest holds no voting part; an auditor is no delegate; the office writes for nobody.
    for name in ["khachmoi", "kiemtra", "thuky"] {
        forbidden(opinions::write_own(&d.app, &d.who(name).await, d.plenum.id, opinion("x")).await);
    }
    let unknown = OpinionInput { item_id: Some(i64::MAX), ..opinion("") };
    match opinions::write_own(&d.app, &daibieu, d.plenum.id, unknown).await {
        Err(Error::Invalid(f)) => {
            let fields: Vec<_> = f.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
            assert!(fields.contains(&("item_id", "not-found")), "{fields:?}");
            assert!(fields.iter().any(|(field, _)| *field == "text"), "reported with the other fields: {fields:?}");
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn the_floor_is_the_chairs_and_a_delegate_withdraws_only_their_own_request() {
    let d = demo().await;
    let session = d.open_session().await;
    let daibieu = d.who("daibieu").await;
    let chutri = d.who("chutri").await;
    let entry =
        floor::ask(&d.app, &daibieu, session, None, None, "speak").await.expect("a delegate asks for the floor");
    forbidden(floor::act(&d.app, &daibieu, session, entry.id, entry.version, EntryAction::GiveFloor).await);
    let other = d.app.store.delegates(d.plenum.id).await.unwrap().into_iter().find(|x| x.id != entry.delegate_id);
    forbidden(floor::ask(&d.app, &daibieu, session, other.map(|x| x.id), None, "speak").await);
    let version = d.app.store.meeting_session(session).await.unwrap().version;
    floor::act(&d.app, &chutri, session, entry.id, version, EntryAction::GiveFloor)
        .await
        .expect("the chair gives the floor");
    forbidden(
        sessions::create(
            &d.app,
            &daibieu,
            plenum_store::input::NewMeetingSession {
                plenum_id: d.plenum.id,
                kind: "plenary".into(),
                group_id: None,
                title: "Phiên bế mạc".into(),
                speaking_seconds: 300,
            },
        )
        .await,
    );
}

#[tokio::test]
async fn a_group_secretary_records_in_their_own_group_only() {
    let d = demo().await;
    let thukyto = d.who("thukyto").await;
    let plenary = d.open_session().await;
    let speaker = d.app.store.delegates(d.plenum.id).await.unwrap()[0].id;
    let speech = SpeechInput { delegate_id: speaker, item_id: None, seconds: Some(60), speaker_entry_id: None };
    forbidden(speeches::record(&d.app, &thukyto, plenary, speech.clone()).await);
    forbidden(attendance::set(&d.app, &d.who("daibieu").await, speaker, "present", "", None).await);
    let thuky = d.who("thuky").await;
    speeches::record(&d.app, &thuky, plenary, speech).await.expect("the office's secretaries record in the hall");
}

#[tokio::test]
async fn a_group_secretary_acts_on_their_own_groups_delegates_only() {
    let d = demo().await;
    let thukyto = d.who("thukyto").await;
    let groups = d.app.store.groups(d.plenum.id).await.unwrap();
    let in_group = |name: &str| groups.iter().find(|g| g.name == name).unwrap().id;
    let delegates = d.app.store.delegates(d.plenum.id).await.unwrap();
    let of = |g: i64| delegates.iter().find(|x| x.group_id == Some(g)).unwrap().clone();
    let (mine, theirs) = (of(in_group("Tổ 1")), of(in_group("Tổ 2")));
    let guest = delegates.iter().find(|x| x.group_id.is_none()).unwrap();
    forbidden(attendance::set(&d.app, &thukyto, theirs.id, "present", "", None).await);
    forbidden(attendance::set_in(&d.app, &thukyto, d.plenum.id, guest.id, "present", "", None).await);
    forbidden(checkin::badge_holder(&d.app, &thukyto, &theirs.checkin_code).await);
    attendance::set(&d.app, &thukyto, mine.id, "present", "", None).await.expect("her own group's roll");
    checkin::badge_holder(&d.app, &thukyto, &mine.checkin_code).await.expect("her own group's badge");
    let sessions = d.app.store.meeting_sessions(d.plenum.id).await.unwrap();
    let own = sessions.iter().find(|s| s.group_id == Some(in_group("Tổ 1"))).unwrap().id;
    let hall = d.open_session().await;
    forbidden(floor::ask(&d.app, &thukyto, hall, Some(mine.id), None, "speak").await);
    forbidden(floor::ask(&d.app, &thukyto, own, Some(theirs.id), None, "speak").await);
}

#[tokio::test]
async fn mark_all_present_reaches_only_the_callers_own_roll_and_keeps_what_was_recorded() {
    let d = demo().await;
    forbidden(attendance::mark_all_present(&d.app, &d.who("daibieu").await, d.plenum.id).await);
    let thukyto = d.who("thukyto").await;
    let group1 = d.app.store.groups(d.plenum.id).await.unwrap().into_iter().find(|g| g.name == "Tổ 1").unwrap();
    let delegates = d.app.store.delegates(d.plenum.id).await.unwrap();
    let in_group1 = |x: &plenum_store::Delegate| {
        x.group_id.map_or_else(|| x.member_id.is_some_and(|m| group1.member_ids.contains(&m)), |g| g == group1.id)
    };
    let away = delegates.iter().find(|x| in_group1(x)).unwrap();
    attendance::set(&d.app, &thukyto, away.id, "absent", "Đi công tác", None).await.unwrap();

    let marked = attendance::mark_all_present(&d.app, &thukyto, d.plenum.id).await.unwrap();
    let expected: Vec<i64> = delegates.iter().filter(|x| in_group1(x) && x.id != away.id).map(|x| x.id).collect();
    assert!(!expected.is_empty());
    assert_eq!(marked.iter().map(|x| x.id).collect::<Vec<_>>(), expected, "her own group's, the absent one kept");
    let after = d.app.store.delegates(d.plenum.id).await.unwrap();
    assert!(after.iter().filter(|x| !in_group1(x)).all(|x| x.attendance.as_str() == "expected"), "no other group's");
    assert_eq!(after.iter().find(|x| x.id == away.id).unwrap().attendance_reason, "Đi công tác");

    let all = attendance::mark_all_present(&d.app, &d.who("thuky").await, d.plenum.id).await.unwrap();
    assert_eq!(all.len(), delegates.len() - expected.len() - 1, "the office marks the rest");
    forbidden(attendance::mark_all_present(&d.app, &thukyto, d.elsewhere().await.id).await);
}

#[tokio::test]
async fn only_the_offices_secretaries_move_the_roll_to_another_sitting() {
    let d = demo().await;
    forbidden(attendance::open_sitting(&d.app, &d.who("thukyto").await, d.plenum.id, 2).await);
    forbidden(attendance::open_sitting(&d.app, &d.who("daibieu").await, d.plenum.id, 2).await);
    forbidden(attendance::open_sitting(&d.app, &d.who("thuky").await, d.elsewhere().await.id, 1).await);
    attendance::open_sitting(&d.app, &d.who("thuky").await, d.plenum.id, 2).await.expect("the office's secretary");
    let v = attendance::sittings_for(&d.app, &d.plenum).await.unwrap();
    assert_eq!((v.current, v.all.len()), (2, 4), "two days, a morning and an afternoon each");
}

#[tokio::test]
async fn check_in_is_for_the_secretaries_and_the_office() {
    let d = demo().await;
    let delegate = d.app.store.delegates(d.plenum.id).await.unwrap().remove(0);
    forbidden(checkin::badge_holder(&d.app, &d.who("daibieu").await, &delegate.checkin_code).await);
    let done = checkin::check_in(&d.app, &d.who("thuky").await, &delegate.checkin_code, false, delegate.version).await;
    assert_eq!(done.unwrap().attendance.as_str(), "present");
}

#[tokio::test]
async fn accounts_and_history_belong_to_administrators_and_auditors() {
    let d = demo().await;
    let account = |name: &str| users::NewAccount {
        username: name.into(),
        display_name: name.into(),
        password: "mat-khau-dai".into(),
        grant: Grant { role: Role::Guest, scope: GrantScope { org: None, plenum: Some(d.plenum.id) } },
    };
    forbidden(users::create(&d.app, &d.who("thuky").await, account("khach2")).await);
    users::create(&d.app, &d.who("admin").await, account("khach2")).await.expect("an administrator adds accounts");
    history::entries(&d.app, &d.who("kiemtra").await, 0, 10, &history::Filter::everything())
        .await
        .expect("an auditor reads the history");
    forbidden(history::entries(&d.app, &d.who("thuky").await, 0, 10, &history::Filter::everything()).await);
}

fn account(name: &str, role: Role, org: Option<i64>, plenum: Option<i64>) -> users::NewAccount {
    users::NewAccount {
        username: name.into(),
        display_name: name.into(),
        password: "mat-khau-dai".into(),
        grant: Grant { role, scope: GrantScope { org, plenum } },
    }
}

#[tokio::test]
async fn an_organizations_administrator_grants_and_lists_inside_it_only() {
    let d = demo().await;
    let root = d.who("admin").await;
    let elsewhere = d.elsewhere().await;
    let hanoi = d.plenum.org_id;
    users::add(&d.app, &root.actor(), account("qthn", Role::Admin, Some(hanoi), None)).await.unwrap();
    let qt = d.who("qthn").await;

    forbidden(users::create(&d.app, &qt, account("x1", Role::Admin, None, None)).await);
    forbidden(users::create(&d.app, &qt, account("x2", Role::Guest, None, Some(elsewhere.id))).await);
    forbidden(users::create(&d.app, &qt, account("x3", Role::Guest, Some(elsewhere.org_id), None)).await);
    let parent = d.app.store.organization(hanoi).await.unwrap().parent_id.expect("Hà Nội has a parent");
    forbidden(users::create(&d.app, &qt, account("x4", Role::Auditor, Some(parent), None)).await);
    users::create(&d.app, &qt, account("vp2", Role::Secretary, Some(hanoi), None)).await.expect("its own organization");
    users::create(&d.app, &qt, account("db2", Role::Delegate, None, Some(d.plenum.id))).await.expect("its plenum");
    forbidden(users::create(&d.app, &d.who("thuky").await, account("x5", Role::Guest, None, Some(d.plenum.id))).await);

    let accounts = users::accounts(&d.app, &qt).await.unwrap();
    let names: Vec<&str> = accounts.iter().map(|a| a.user.username.as_str()).collect();
    assert!(names.contains(&"thuky") && names.contains(&"vp2") && names.contains(&"db2"), "{names:?}");
    assert!(!names.contains(&"admin"), "a system-wide account is not the organization's: {names:?}");
    let orgs = organizations::list(&d.app, &qt).await.unwrap();
    assert!(orgs.iter().all(|o| o.id != parent && o.id != elsewhere.org_id) && orgs.iter().any(|o| o.id == hanoi));
    assert!(users::accounts(&d.app, &root).await.unwrap().iter().any(|a| a.user.username == "admin"));
}

#[tokio::test]
async fn a_plenum_auditor_reads_full_pages_of_that_plenums_history_only() {
    let d = demo().await;
    let root = d.who("admin").await;
    let elsewhere = d.elsewhere().await;
    users::add(&d.app, &root.actor(), account("kt-hn", Role::Auditor, None, Some(d.plenum.id))).await.unwrap();
    let auditor = d.who("kt-hn").await;
    let read = history::entries(&d.app, &auditor, 0, 25, &history::Filter::everything()).await.unwrap();
    assert_eq!(read.entries.len(), 25, "a full page of what the reader may see");
    for r in &read.entries {
        let public: serde_json::Value = serde_json::from_str(r.payload()).unwrap();
        assert_eq!(public["plenum_id"], d.plenum.id, "{}", r.entry.action);
    }
    let page = history::page_before(&d.app, &auditor, None, 25, &history::Filter::everything()).await.unwrap();
    assert_eq!(page.entries.len(), 25);
    assert!(page.entries.iter().all(|r| !r.entry.action.starts_with("user.") && r.entry.action != "role.granted"));
    assert!(page.entries.windows(2).all(|w| w[0].entry.seq > w[1].entry.seq), "newest first");
    let older = history::page_before(&d.app, &auditor, page.older, 25, &history::Filter::everything()).await.unwrap();
    assert!(older.entries.iter().all(|r| r.entry.seq < page.entries[24].entry.seq), "the next page goes on below");
    // The other province's plenum is not theirs.
    let head = d.app.store.history_head().await.unwrap().0;
    let all = history::entries(&d.app, &auditor, 0, 1000, &history::Filter::everything()).await.unwrap();
    assert!(all.entries.iter().all(|r| !r.payload().contains(&format!("\"plenum_id\":{}", elsewhere.id))));
    assert!(all.next_after <= head);
}

#[tokio::test]
async fn failed_sign_ins_hold_back_that_account_from_that_address_only() {
    let d = demo().await;
    let attacker: std::net::IpAddr = "203.0.113.9".parse().unwrap();
    let owner: std::net::IpAddr = "198.51.100.4".parse().unwrap();
    for _ in 0..plenum_core::access::LoginLimits::default().account_at_address.max_failures {
        let wrong = sign_in::check_login(&d.app, "thuky", "sai-mat-khau", attacker).await;
        assert!(matches!(wrong, Err(Error::Unauthorized)));
    }
    let right = sign_in::check_login(&d.app, " THUKY ", "thuky-2023", attacker).await;
    assert!(matches!(right, Err(Error::TooManyRequests(s)) if s > 0), "even the right password waits: {right:?}");
    sign_in::check_login(&d.app, "thuky", "thuky-2023", owner).await.expect("the owner elsewhere is not locked out");
    sign_in::check_login(&d.app, "daibieu", "daibieu-2023", attacker).await.expect("other accounts are not held back");
}

#[tokio::test]
async fn password_work_past_its_queue_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    store.migrate().await.unwrap();
    let limits = plenum_app::AppLimits {
        hashing: plenum_app::accounts::secrets::HashingLimits { permits: 1, queue: 0 },
        ..Default::default()
    };
    let app = App::with_limits(Arc::new(store), limits);
    let here: std::net::IpAddr = "198.51.100.4".parse().unwrap();
    // Many sign-ins at once: one holds the only permit while it verifies, and
    // with no room to wait the others are turned away rather than queued.
    let attempts: Vec<_> = (0..32)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move { sign_in::check_login(&app, "nobody", "sai-mat-khau", here).await })
        })
        .collect();
    let mut results = Vec::new();
    for a in attempts {
        results.push(a.await.unwrap());
    }
    assert!(results.iter().any(|r| matches!(r, Err(Error::Busy(s)) if *s > 0)), "{results:?}");
    assert!(results.iter().any(|r| matches!(r, Err(Error::Unauthorized))), "{results:?}");
}

#[tokio::test]
async fn the_office_alone_makes_and_revokes_hall_screen_links_of_its_own_plenums() {
    use plenum_app::conduct::screens;
    let d = demo().await;
    let other = d.elsewhere().await;
    let thuky = d.who("thuky").await;
    for name in ["khachmoi", "daibieu", "chutri", "kiemtra"] {
        let who = d.who(name).await;
        forbidden(screens::create(&d.app, &who, d.plenum.id, "Hội trường").await);
        forbidden(screens::list(&d.app, &who, d.plenum.id).await);
    }
    forbidden(screens::create(&d.app, &thuky, other.id, "Hội trường").await);
    let (link, secret) = screens::create(&d.app, &thuky, d.plenum.id, "  Hội trường tầng 2 ").await.unwrap();
    assert_eq!(link.label, "Hội trường tầng 2");
    let (opened, plenum) = screens::open(&d.app, &secret).await.unwrap();
    assert_eq!((opened.id, plenum.id), (link.id, d.plenum.id));
    assert!(matches!(screens::open(&d.app, "not a secret").await, Err(Error::NotFound)));
    assert!(matches!(screens::create(&d.app, &thuky, d.plenum.id, " ").await, Err(Error::Invalid(_))));
    forbidden(screens::revoke(&d.app, &d.who("chutri").await, d.plenum.id, link.id).await);
    screens::revoke(&d.app, &thuky, d.plenum.id, link.id).await.unwrap();
    assert!(matches!(screens::open(&d.app, &secret).await, Err(Error::NotFound)), "a revoked link opens nothing");
}

#[tokio::test]
async fn the_attendance_list_is_for_those_who_take_the_roll() {
    let d = demo().await;
    forbidden(attendance::list(&d.app, &d.who("daibieu").await, d.plenum.id).await);
    forbidden(attendance::list(&d.app, &d.who("chutri").await, d.plenum.id).await);
    forbidden(attendance::list(&d.app, &d.who("thuky").await, d.elsewhere().await.id).await);
    let list = attendance::list(&d.app, &d.who("thukyto").await, d.plenum.id).await.expect("a secretary's roll");
    assert_eq!(list.lines.len(), d.app.store.delegates(d.plenum.id).await.unwrap().len(), "the page's delegates");
    assert!(list.lines.iter().any(|l| l.group == "Tổ 1"), "each line names its group");
    let t = list.quorum.tally;
    assert_eq!((t.members + t.guests) as usize, list.lines.len(), "the result counts the list's lines");
}

#[tokio::test]
async fn the_opinion_record_reaches_what_the_desk_reaches() {
    let d = demo().await;
    forbidden(speeches::opinion_record(&d.app, &d.who("daibieu").await, d.plenum.id).await);
    forbidden(speeches::opinion_record(&d.app, &d.who("kiemtra").await, d.plenum.id).await);
    let (_, all) = speeches::opinion_record(&d.app, &d.who("thuky").await, d.plenum.id).await.unwrap();
    assert_eq!(all.len(), d.app.store.opinions(d.plenum.id).await.unwrap().len(), "the office's record is whole");
    let (_, own) = speeches::opinion_record(&d.app, &d.who("thukyto").await, d.plenum.id).await.unwrap();
    let groups = d.app.store.groups(d.plenum.id).await.unwrap();
    let sessions = d.app.store.meeting_sessions(d.plenum.id).await.unwrap();
    let speeches = d.app.store.speeches(d.plenum.id).await.unwrap();
    let group1 = groups.iter().find(|g| g.name == "Tổ 1").unwrap().id;
    let in_group1 = |o: &plenum_store::Opinion| {
        let s = speeches.iter().find(|s| Some(s.id) == o.speech_id);
        s.and_then(|s| sessions.iter().find(|x| x.id == s.session_id)).and_then(|x| x.group_id) == Some(group1)
    };
    assert!(!own.is_empty() && own.len() < all.len(), "{} of {}", own.len(), all.len());
    assert!(own.iter().all(in_group1), "a group secretary's record is their group's only");
    assert_eq!(own.len(), all.iter().filter(|o| in_group1(o)).count());
}

/// Search reads what its reader may read: the documents' passages and the
/// speeches' opinions for whoever sees the plenum, opinions sent in writing
/// for the office's desk only, and another province's plenum for nobody of Hà Nội.
#[tokio::test]
async fn search_finds_only_what_its_reader_may_read() {
    let d = demo().await;
    let item_id = d.app.store.agenda_items(d.plenum.id).await.unwrap()[0].id;
    let daibieu = d.who("daibieu").await;
    let written = OpinionInput {
        item_id: Some(item_id),
        passage_anchor: None,
        stance: "propose_change".into(),
        text: "Đề nghị làm rõ lộ trình số hóa hồ sơ đảng viên.".into(),
    };
    let written = opinions::write_own(&d.app, &daibieu, d.plenum.id, written).await.unwrap();
    let ask = |q: &str| search::Ask { q: q.into(), ..Default::default() };
    let ids = |r: &search::Results| r.hits.iter().map(|f| (f.hit.kind, f.hit.id)).collect::<Vec<_>>();

    let thuky = d.who("thuky").await;
    let office = search::search(&d.app, &thuky, d.plenum.id, &ask("so hoa ho so dang vien")).await.unwrap();
    assert_eq!(ids(&office), [(SearchKind::Opinion, written.id)], "the office's desk reads written opinions");
    let marked: Vec<&str> =
        office.hits[0].snippet.marks.iter().map(|r| &office.hits[0].snippet.text[r.clone()]).collect();
    assert_eq!(marked, ["số", "hóa", "hồ", "sơ", "đảng", "viên"], "marked on the original words");
    for name in ["daibieu", "khachmoi", "thukyto", "chutri"] {
        let who = d.who(name).await;
        let r = search::search(&d.app, &who, d.plenum.id, &ask("so hoa ho so dang vien")).await.unwrap();
        assert!(
            r.hits.iter().all(|f| f.hit.id != written.id || f.hit.kind != SearchKind::Opinion),
            "{name} reads no written opinion"
        );
        // What the record of speeches and the documents show, they find.
        let r = search::search(&d.app, &who, d.plenum.id, &ask("dang vien")).await.unwrap();
        assert!(
            r.hits.iter().any(|f| f.hit.kind == SearchKind::Opinion && f.hit.speech_id.is_some()),
            "{name}: spoken opinions"
        );
        let passages = search::Ask { kinds: vec![SearchKind::Passage], ..ask("xay dung dang") };
        let r = search::search(&d.app, &who, d.plenum.id, &passages).await.unwrap();
        assert!(!r.hits.is_empty() && r.hits.iter().all(|f| f.hit.kind == SearchKind::Passage), "{name}: passages");
    }
    let other = d.elsewhere().await;
    forbidden(search::search(&d.app, &thuky, other.id, &ask("dang")).await);
    let wordy = "tiếp thu ".repeat(30);
    match search::search(&d.app, &thuky, d.plenum.id, &ask(&wordy)).await {
        Err(Error::Invalid(f)) => assert_eq!(f.0[0].field, "q"),
        other => panic!("a query past its bound is refused, got {other:?}"),
    }
    let page = search::Ask { limit: Some(51), ..ask("dang") };
    assert!(matches!(search::search(&d.app, &thuky, d.plenum.id, &page).await, Err(Error::Invalid(_))));
}
