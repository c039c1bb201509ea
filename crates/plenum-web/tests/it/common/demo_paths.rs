//! Concrete addresses for the route table's patterns: each `{name}` filled
//! with something of the demo plenum, so a test can walk every route.

use super::TestApp;

/// Something of the demo plenum for each kind of path parameter.
pub struct DemoIds {
    pub plenum: i64,
    pub document: i64,
    pub user: i64,
    pub org: i64,
    pub delegate: i64,
    pub session: i64,
    pub item: i64,
    pub opinion: i64,
    /// A poll of the demo plenum (a draft paper vote, made here if there is none).
    pub poll: i64,
    pub code: String,
    /// A hall screen link's secret: none by default (its pages answer 404);
    /// a test that opens the hall screen by its link sets a real one.
    pub secret: String,
}

impl DemoIds {
    pub async fn load(app: &TestApp) -> DemoIds {
        let store = &app.store;
        let plenum = store.plenums().await.unwrap()[0].clone();
        let document = store.documents(plenum.id).await.unwrap().remove(0);
        let delegate = store.delegates(plenum.id).await.unwrap().remove(0);
        let session = store.meeting_sessions(plenum.id).await.unwrap().remove(0);
        let opinion = store.opinions(plenum.id).await.unwrap().remove(0);
        let poll = demo_poll(app, plenum.id).await;
        let user = store.users().await.unwrap().into_iter().find(|u| u.username == "khachmoi").unwrap();
        DemoIds {
            plenum: plenum.id,
            document: document.id,
            user: user.id,
            org: plenum.org_id,
            delegate: delegate.id,
            session: session.id,
            item: document.item_id,
            opinion: opinion.id,
            poll,
            code: delegate.checkin_code.clone(),
            secret: "0".repeat(64),
        }
    }

    /// A concrete value for a path parameter, by the segment before it and its name.
    fn value(&self, before: &str, name: &str) -> String {
        match (before, name) {
            ("plenums", "id") => self.plenum.to_string(),
            ("documents", "id") => self.document.to_string(),
            ("users", "id") => self.user.to_string(),
            ("organizations", "id") => self.org.to_string(),
            ("bodies", "id") => "999999".into(),
            ("polls", "id") => self.poll.to_string(),
            // The language the pages are tested in: switching stays on it.
            ("lang", "code") => "vi".into(),
            // The office's page for each document the plenum issues.
            ("issued", "kind") => "resolution".into(),
            (_, "did") => self.delegate.to_string(),
            (_, "sid") => self.session.to_string(),
            (_, "item_id") | (_, "iid") => self.item.to_string(),
            (_, "oid") => self.opinion.to_string(),
            (_, "code") => self.code.clone(),
            (_, "number") => "1".into(),
            (_, "action") => "stop".into(),
            // No such entry or link: the form's page does not depend on it.
            (_, "eid") | (_, "lid") | (_, "slot_id") | (_, "gid") | (_, "bid") => "999999".into(),
            (_, "secret") => self.secret.clone(),
            _ => panic!("no demo value for {{{name}}} after {before}: add one in tests/it/common/demo_paths.rs"),
        }
    }

    /// `pattern` (`/plenums/{id}/delegates/{did}`) with every `{name}` filled.
    pub fn concrete(&self, pattern: &str) -> String {
        let segments: Vec<&str> = pattern.split('/').collect();
        segments
            .iter()
            .enumerate()
            .map(|(i, seg)| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => self.value(segments[i - 1], name),
                None => seg.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The demo plenum's first paper poll; when it has none, a motion on paper,
/// opened and closed with no sheet entered, so that every poll page (the
/// counting committee's too) and its record's download have one to show.
pub async fn demo_poll(app: &TestApp, plenum: i64) -> i64 {
    let polls = app.store.polls(plenum).await.unwrap();
    if let Some(p) = polls.iter().find(|p| p.method == plenum_core::decide::poll::PollMethod::Paper) {
        return p.id;
    }
    let new = plenum_store::decide::NewPoll {
        plenum_id: plenum,
        uid: "0123456789abcdef01234567".into(),
        item_id: None,
        title: "Thông qua Nghị quyết Hội nghị".into(),
        kind: plenum_core::decide::poll::PollKind::Motion,
        method: plenum_core::decide::poll::PollMethod::Paper,
        rules: serde_json::to_string(&plenum_core::decide::RuleSet::party_committee()).unwrap(),
        seats: None,
        candidates: "[]".into(),
        runoff: false,
        show_live: false,
        deadline: None,
    };
    let actor = plenum_store::Actor::system("test");
    let poll = app.store.create_poll(&actor, new).await.unwrap();
    let at = plenum_store::decide::Snapshot { members: 70, excluded: 0, present: 60 };
    let poll = app.store.open_poll(&actor, poll.id, poll.version, at).await.unwrap();
    let closing = plenum_store::decide::Closing { issued: Some(0), ..Default::default() };
    app.store.close_poll(&actor, poll.id, poll.version, closing).await.unwrap().poll.id
}
