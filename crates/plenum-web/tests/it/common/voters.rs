//! Members who vote in a poll test: the demo's three accounts linked to
//! committee members, checked in.

use plenum_core::access::{Grant, GrantScope, Role};
use plenum_core::conduct::attendance::Attendance;
use plenum_store::Actor;

use super::TestApp;

/// The demo accounts linked to committee members: the chair (m01), the
/// delegate (m30) and Tổ 1's secretary (m20).
pub const VOTERS: [&str; 3] = ["chutri", "daibieu", "thukyto"];

/// Check the three in. Tổ 1's secretary is a member of the committee, so
/// they also hold the delegate's role on the plenum, which votes; the
/// group secretary's role alone records a group, it does not vote.
pub async fn check_in_three(app: &TestApp, plenum: i64) {
    let actor = Actor::system("test");
    let users = app.store.users().await.unwrap();
    for u in VOTERS {
        let user = users.iter().find(|x| x.username == u).unwrap();
        if u == "thukyto" {
            let scope = GrantScope { org: None, plenum: Some(plenum) };
            app.store.grant_role(&actor, user.id, Grant { role: Role::Delegate, scope }).await.unwrap();
        }
        let d = app.store.delegate_for_user(plenum, user.id).await.unwrap().unwrap();
        app.store.set_attendance(&actor, d.id, Attendance::Present, "", None).await.unwrap();
    }
}
