//! What a secretary records: opinions and their stance.

use serde::{Deserialize, Serialize};

use crate::access::{allowed, Grant, Permission, Role, Target};

/// The stance of an opinion (ý kiến): agree, disagree, propose a change, other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Agree,
    Disagree,
    ProposeChange,
    Other,
}

impl Stance {
    pub const ALL: [Stance; 4] = [Stance::Agree, Stance::Disagree, Stance::ProposeChange, Stance::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Disagree => "disagree",
            Stance::ProposeChange => "propose_change",
            Stance::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

// A stance as stored; an unknown one is an error, not a silent drop.
crate::stored_code!(Stance, "stance");

/// Where someone may record speeches and opinions in one plenum. The office
/// (secretaries, administrators) records everywhere; a group secretary (thư ký
/// tổ) records only the sittings of the discussion groups whose secretary they
/// are — each group keeps its own minutes, and the hall's are the office's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordingScope {
    /// Every session, the hall and written opinions included.
    Plenum,
    /// Only the sessions of these discussion groups (possibly none).
    Groups(Vec<i64>),
}

impl RecordingScope {
    /// May a session of this group (`None`: the plenary hall) be recorded?
    /// Written opinions belong to no group, so they ask with `None` too.
    pub fn allows(&self, group_id: Option<i64>) -> bool {
        match self {
            RecordingScope::Plenum => true,
            RecordingScope::Groups(gs) => group_id.is_some_and(|g| gs.contains(&g)),
        }
    }
}

/// The recording scope given by `grants` on `target`, or `None` if they give
/// no right to record there. `secretary_of` lists the groups of the plenum
/// whose secretary is the user's committee member. A grant that records
/// everywhere wins over a group secretary's grant.
pub fn recording_scope(grants: &[Grant], target: &Target<'_>, secretary_of: &[i64]) -> Option<RecordingScope> {
    let records = |g: &&Grant| allowed(std::slice::from_ref(*g), Permission::Record, target);
    let holding: Vec<&Grant> = grants.iter().filter(records).collect();
    if holding.iter().any(|g| g.role != Role::GroupSecretary) {
        Some(RecordingScope::Plenum)
    } else if holding.is_empty() {
        None
    } else {
        let mut groups = secretary_of.to_vec();
        groups.sort_unstable();
        groups.dedup();
        Some(RecordingScope::Groups(groups))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::GrantScope;

    fn grant(role: Role, org: Option<i64>, plenum: Option<i64>) -> Grant {
        Grant { role, scope: GrantScope { org, plenum } }
    }

    const HERE: Target<'static> = Target { plenum: Some(7), org_path: &[2, 1] };

    #[test]
    fn stances_round_trip_through_text() {
        for s in Stance::ALL {
            assert_eq!(Stance::parse(s.as_str()), Some(s));
        }
        assert_eq!(Stance::parse("abstain"), None);
    }

    #[test]
    fn the_office_records_everywhere() {
        for role in [Role::Admin, Role::Secretary] {
            let scope = recording_scope(&[grant(role, Some(1), None)], &HERE, &[]);
            assert_eq!(scope, Some(RecordingScope::Plenum), "{role:?}");
            assert!(scope.unwrap().allows(None));
        }
    }

    #[test]
    fn a_group_secretary_records_only_their_groups() {
        let scope = recording_scope(&[grant(Role::GroupSecretary, None, Some(7))], &HERE, &[12, 11, 12]).unwrap();
        assert_eq!(scope, RecordingScope::Groups(vec![11, 12]));
        assert!(scope.allows(Some(11)) && scope.allows(Some(12)));
        assert!(!scope.allows(Some(13)), "another group");
        assert!(!scope.allows(None), "the hall, and written opinions");
        let nobody = recording_scope(&[grant(Role::GroupSecretary, None, Some(7))], &HERE, &[]).unwrap();
        assert!(!nobody.allows(Some(11)), "the secretary of no group records nowhere");
    }

    #[test]
    fn the_wider_grant_wins_and_grants_elsewhere_do_not_count() {
        let both = [grant(Role::GroupSecretary, None, Some(7)), grant(Role::Secretary, Some(2), None)];
        assert_eq!(recording_scope(&both, &HERE, &[11]), Some(RecordingScope::Plenum));
        let elsewhere = [grant(Role::Secretary, Some(3), None), grant(Role::GroupSecretary, None, Some(8))];
        assert_eq!(recording_scope(&elsewhere, &HERE, &[11]), None);
        for role in [Role::Chair, Role::Delegate, Role::Guest, Role::TaskOfficer, Role::Auditor] {
            assert_eq!(recording_scope(&[grant(role, Some(1), None)], &HERE, &[11]), None, "{role:?}");
        }
    }
}
