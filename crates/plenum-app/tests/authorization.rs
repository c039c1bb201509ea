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
use plenum_app::{history, App, Error, Principal};
use plenum_core::access::{Grant, GrantScope, Role};
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
        all.iter().find(|s| s.group_id.is_none() && s.status == "open").expect("the demo's plenary session").id
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
async fn check_in_is_for_the_secretaries_and_the_office() {
    let d = demo().await;
    let delegate = d.app.store.delegates(d.plenum.id).await.unwrap().remove(0);
    forbidden(checkin::badge_holder(&d.app, &d.who("daibieu").await, &delegate.checkin_code).await);
    let done = checkin::check_in(&d.app, &d.who("thuky").await, &delegate.checkin_code, false, delegate.version).await;
    assert_eq!(done.unwrap().attendance, "present");
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
    history::entries(&d.app, &d.who("kiemtra").await, 0, 10).await.expect("an auditor reads the history");
    forbidden(history::entries(&d.app, &d.who("thuky").await, 0, 10).await);
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
