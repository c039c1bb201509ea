//! Who may do what. Roles are granted per organization (and everything below it)
//! or per plenum; the permission matrix below is the single place that decides.

use serde::{Deserialize, Serialize};

use crate::prepare::roster::DelegateKind;
pub mod sign_in;
pub mod throttle;
pub use sign_in::SignInKind;
pub use throttle::{address_key, login_wait, FailureLog, LoginLimits, ThrottleRule};

/// A role a user holds in an organization or a plenum.
/// (vai trò: quản trị, thư ký/văn phòng, chủ trì, đại biểu, khách mời,
/// thư ký tổ, cán bộ đơn vị thực hiện, kiểm tra/kiểm toán)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Secretary,
    Chair,
    Delegate,
    Guest,
    GroupSecretary,
    TaskOfficer,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Secretary,
        Role::Chair,
        Role::Delegate,
        Role::Guest,
        Role::GroupSecretary,
        Role::TaskOfficer,
        Role::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretary => "secretary",
            Role::Chair => "chair",
            Role::Delegate => "delegate",
            Role::Guest => "guest",
            Role::GroupSecretary => "group_secretary",
            Role::TaskOfficer => "task_officer",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// The permissions this role carries, wherever it is granted.
    pub fn permits(self, p: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match p {
            ViewPlenum => true,
            Administer => self == Admin,
            Prepare => matches!(self, Admin | Secretary),
            Preside => matches!(self, Admin | Chair),
            Record => matches!(self, Admin | Secretary | GroupSecretary),
            Participate => matches!(self, Delegate | Chair),
            ViewHistory => matches!(self, Admin | Auditor),
            ReportProgress => matches!(self, Admin | Secretary | TaskOfficer),
        }
    }
}

/// An action class that routes are guarded by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Read the plenums, agenda and documents within one's scope.
    ViewPlenum,
    /// Manage organizations, committees, users and role grants.
    Administer,
    /// Prepare a plenum: agenda, documents, delegates, groups (the office's work).
    Prepare,
    /// Run the floor: speaker list and votes.
    Preside,
    /// Record speeches and opinions.
    Record,
    /// Take part as a voting member: ask to speak, send opinions, vote.
    Participate,
    /// Read the hash-chained history.
    ViewHistory,
    /// Report progress on assigned tasks.
    ReportProgress,
}

impl Permission {
    pub const ALL: [Permission; 8] = [
        Permission::ViewPlenum,
        Permission::Administer,
        Permission::Prepare,
        Permission::Preside,
        Permission::Record,
        Permission::Participate,
        Permission::ViewHistory,
        Permission::ReportProgress,
    ];
}

/// Where a grant applies. `org: None, plenum: None` is system-wide (only admins get that).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantScope {
    pub org: Option<i64>,
    pub plenum: Option<i64>,
}

/// A role held somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub scope: GrantScope,
}

/// The thing being acted on: a plenum belongs to an organization, whose
/// ancestors (nearest first, the organization itself first of all) are listed.
#[derive(Debug, Clone, Default)]
pub struct Target<'a> {
    pub plenum: Option<i64>,
    pub org_path: &'a [i64],
}

/// Does any grant give `p` on `target`? A grant on an organization covers
/// everything below it; a plenum grant covers that plenum only.
pub fn allowed(grants: &[Grant], p: Permission, target: &Target<'_>) -> bool {
    grants.iter().any(|g| g.role.permits(p) && covers(g.scope, target))
}

/// Does the user hold `p` anywhere at all? Used for navigation and list pages,
/// whose rows are then filtered one by one with [`allowed`].
pub fn allowed_somewhere(grants: &[Grant], p: Permission) -> bool {
    grants.iter().any(|g| g.role.permits(p))
}

fn covers(scope: GrantScope, target: &Target<'_>) -> bool {
    match (scope.org, scope.plenum) {
        (None, None) => true,
        (_, Some(pl)) => target.plenum == Some(pl),
        (Some(org), None) => target.org_path.contains(&org),
    }
}

/// The one grant a delegate's one-time tablet link signs in with: on that
/// one plenum, a member votes and speaks as a delegate, a guest stays a guest.
pub fn link_grant(kind: DelegateKind, plenum: i64) -> Grant {
    Grant { role: kind.role(), scope: GrantScope { org: None, plenum: Some(plenum) } }
}

/// May a one-time link sign in as an account holding `grants`? Only if it
/// holds nothing beyond the delegate record's own [`link_grant`]. Whoever
/// holds the link holds the account, so a link for an account with any
/// other role (the chair's, a secretary's) would hand that role to anyone
/// the office gave the link to: such a delegate signs in with the account.
pub fn link_may_sign_in(grants: &[Grant], kind: DelegateKind, plenum: i64) -> bool {
    let own = link_grant(kind, plenum);
    grants.iter().all(|g| *g == own)
}

impl Role {
    /// Is this role at least as high as `other`? An administrator ranks over
    /// every role; the other roles rank only over themselves (none of them
    /// carries all of another's permissions).
    pub fn at_least(self, other: Role) -> bool {
        self == Role::Admin || self == other
    }
}

/// The grant of the principal's that lets them make `new`, whose scope is
/// placed in the tree at `target` (the plenum if it is one plenum's, and the
/// organization path of that plenum or organization): one that administers a scope covering the
/// new grant's whole scope, with a role at least as high. A scoped
/// administrator grants inside their own organization (or below it, or on one
/// of its plenums) and never system-wide; a non-administrator grants nothing.
/// Listing accounts follows the same rule: an administrator sees the grants
/// they could have made.
pub fn granting<'g>(grants: &'g [Grant], new: &Grant, target: &Target<'_>) -> Option<&'g Grant> {
    grants.iter().find(|g| {
        g.role.permits(Permission::Administer) && g.role.at_least(new.role) && scope_covers(g.scope, new.scope, target)
    })
}

/// Does `outer` contain all of `inner` (placed at `target`)? A system-wide
/// scope contains everything; an organization contains itself, what is below
/// it and their plenums; a plenum contains only itself. Nothing but a
/// system-wide scope contains the system-wide scope.
fn scope_covers(outer: GrantScope, inner: GrantScope, target: &Target<'_>) -> bool {
    if inner.org.is_none() && inner.plenum.is_none() {
        return outer.org.is_none() && outer.plenum.is_none();
    }
    covers(outer, target)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn grant(role: Role, org: Option<i64>, plenum: Option<i64>) -> Grant {
        Grant { role, scope: GrantScope { org, plenum } }
    }

    #[test]
    fn org_grant_covers_descendants_but_not_siblings() {
        let g = [grant(Role::Secretary, Some(2), None)];
        let inside = Target { plenum: Some(7), org_path: &[5, 2, 1] };
        let sibling = Target { plenum: Some(8), org_path: &[6, 3, 1] };
        assert!(allowed(&g, Permission::Prepare, &inside));
        assert!(!allowed(&g, Permission::Prepare, &sibling));
    }

    #[test]
    fn plenum_grant_is_for_that_plenum_only() {
        let g = [grant(Role::Delegate, None, Some(7))];
        assert!(allowed(&g, Permission::Participate, &Target { plenum: Some(7), org_path: &[2] }));
        assert!(!allowed(&g, Permission::Participate, &Target { plenum: Some(8), org_path: &[2] }));
    }

    #[test]
    fn delegate_cannot_prepare_and_guest_cannot_participate() {
        let t = Target { plenum: Some(1), org_path: &[1] };
        assert!(!allowed(&[grant(Role::Delegate, Some(1), None)], Permission::Prepare, &t));
        assert!(!allowed(&[grant(Role::Guest, Some(1), None)], Permission::Participate, &t));
        assert!(allowed(&[grant(Role::Guest, Some(1), None)], Permission::ViewPlenum, &t));
    }

    #[test]
    fn only_admin_administers_and_history_is_for_admin_and_auditor() {
        for r in Role::ALL {
            assert_eq!(r.permits(Permission::Administer), r == Role::Admin, "{r:?}");
            assert_eq!(r.permits(Permission::ViewHistory), matches!(r, Role::Admin | Role::Auditor), "{r:?}");
        }
    }

    #[test]
    fn a_link_signs_in_only_as_the_delegate_records_own_kind_on_its_plenum() {
        use DelegateKind::{Guest, Member};
        assert!(link_may_sign_in(&[], Member, 7), "a new account gets its grant on first use");
        assert!(link_may_sign_in(&[grant(Role::Delegate, None, Some(7))], Member, 7));
        assert!(link_may_sign_in(&[grant(Role::Guest, None, Some(7))], Guest, 7));
        assert!(!link_may_sign_in(&[grant(Role::Delegate, None, Some(7))], Guest, 7), "a guest stays a guest");
        assert!(!link_may_sign_in(&[grant(Role::Delegate, None, Some(8))], Member, 7), "another plenum");
        assert!(!link_may_sign_in(&[grant(Role::Delegate, Some(1), None)], Member, 7), "an organization's grant");
        for role in [Role::Admin, Role::Secretary, Role::Chair, Role::GroupSecretary, Role::TaskOfficer, Role::Auditor]
        {
            let grants = [grant(Role::Delegate, None, Some(7)), grant(role, None, Some(7))];
            assert!(!link_may_sign_in(&grants, Member, 7), "{role:?} is never handed out by a link");
        }
    }

    #[test]
    fn roles_round_trip_through_text() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    /// The tree of the grant tests: 1 ⊃ {2 ⊃ {4, 5}, 3 ⊃ {6}}; plenum 10+k belongs to organization k.
    fn path_of(org: i64) -> Vec<i64> {
        let parent = |o: i64| match o {
            2 | 3 => Some(1),
            4 | 5 => Some(2),
            6 => Some(3),
            _ => None,
        };
        let mut path = vec![org];
        while let Some(p) = parent(*path.last().unwrap()) {
            path.push(p);
        }
        path
    }

    /// Where a scope sits: its plenum and the path of its organization.
    fn placed(scope: GrantScope) -> (Option<i64>, Vec<i64>) {
        match (scope.plenum, scope.org) {
            (Some(p), _) => (Some(p), path_of(p - 10)),
            (None, Some(o)) => (None, path_of(o)),
            (None, None) => (None, Vec::new()),
        }
    }

    fn may_grant(grants: &[Grant], new: Grant) -> bool {
        let (plenum, path) = placed(new.scope);
        granting(grants, &new, &Target { plenum, org_path: &path }).is_some()
    }

    #[test]
    fn a_scoped_admin_grants_inside_their_organization_only() {
        let admin2 = [grant(Role::Admin, Some(2), None)];
        assert!(may_grant(&admin2, grant(Role::Admin, Some(4), None)), "a child organization");
        assert!(may_grant(&admin2, grant(Role::Secretary, Some(2), None)), "their own organization");
        assert!(may_grant(&admin2, grant(Role::Delegate, None, Some(15))), "a plenum below");
        assert!(!may_grant(&admin2, grant(Role::Admin, None, None)), "system-wide");
        assert!(!may_grant(&admin2, grant(Role::Guest, Some(1), None)), "the parent organization");
        assert!(!may_grant(&admin2, grant(Role::Guest, Some(3), None)), "a sibling organization");
        assert!(!may_grant(&admin2, grant(Role::Guest, None, Some(13))), "a sibling's plenum");
        assert!(!may_grant(&admin2, grant(Role::Guest, Some(99), None)), "an organization not in the tree");
    }

    #[test]
    fn a_plenum_admin_grants_on_that_plenum_and_nobody_else_grants() {
        let plenum_admin = [grant(Role::Admin, None, Some(14))];
        assert!(may_grant(&plenum_admin, grant(Role::Delegate, None, Some(14))));
        assert!(!may_grant(&plenum_admin, grant(Role::Delegate, Some(4), None)));
        for r in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
            let everywhere = [grant(r, None, None)];
            assert!(!may_grant(&everywhere, grant(r, None, Some(14))), "{r:?} grants nothing");
        }
        assert!(may_grant(&[grant(Role::Admin, None, None)], grant(Role::Admin, None, None)));
    }

    fn any_scope() -> impl Strategy<Value = GrantScope> {
        prop_oneof![
            Just(GrantScope { org: None, plenum: None }),
            (1i64..=6).prop_map(|o| GrantScope { org: Some(o), plenum: None }),
            (11i64..=16).prop_map(|p| GrantScope { org: None, plenum: Some(p) }),
        ]
    }

    fn any_grant() -> impl Strategy<Value = Grant> {
        (proptest::sample::select(Role::ALL.to_vec()), any_scope()).prop_map(|(role, scope)| Grant { role, scope })
    }

    /// Every place a grant can reach: each organization and each plenum.
    fn every_target() -> Vec<(Option<i64>, Vec<i64>)> {
        (1..=6).map(|o| (None, path_of(o))).chain((11..=16).map(|p| (Some(p), path_of(p - 10)))).collect()
    }

    proptest! {
        /// A grant made by a principal is always covered by one of the
        /// principal's own grants with a role at least as high: wherever the
        /// new grant reaches, the granter's grant reaches too.
        #[test]
        fn a_grant_made_is_covered_by_a_higher_grant_of_the_granter(
            mine in proptest::collection::vec(any_grant(), 0..5),
            new in any_grant(),
        ) {
            let (plenum, path) = placed(new.scope);
            if let Some(g) = granting(&mine, &new, &Target { plenum, org_path: &path }) {
                prop_assert!(g.role.at_least(new.role) && g.role.permits(Permission::Administer));
                for (plenum, path) in every_target() {
                    let t = Target { plenum, org_path: &path };
                    prop_assert!(!covers(new.scope, &t) || covers(g.scope, &t), "{g:?} does not cover {new:?} at {t:?}");
                }
                let system_wide = new.scope.org.is_none() && new.scope.plenum.is_none();
                prop_assert!(!system_wide || (g.scope.org.is_none() && g.scope.plenum.is_none()));
            }
            let root = mine.iter().any(|g| g.role == Role::Admin && g.scope == GrantScope { org: None, plenum: None });
            prop_assert!(!root || may_grant(&mine, new), "a system-wide administrator grants anything");
        }
    }
}
