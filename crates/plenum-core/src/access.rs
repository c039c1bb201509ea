//! Who may do what. Roles are granted per organization (and everything below it)
//! or per plenum; the permission matrix below is the single place that decides.

use serde::{Deserialize, Serialize};

pub mod throttle;
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

#[cfg(test)]
mod tests {
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
    fn roles_round_trip_through_text() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
