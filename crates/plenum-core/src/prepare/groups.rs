//! Discussion groups (tổ thảo luận): members of the committee split into
//! groups before the plenary hall, each led by a leader (tổ trưởng) with a
//! secretary (thư ký tổ) who records the discussion.

use crate::prepare::roster::fold;
use crate::text::required_line;
use crate::FieldErrors;

/// A group as the office proposes it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPlan {
    pub name: String,
    pub leader: i64,
    pub secretary: i64,
    /// Sorted, without repeats, leader and secretary included.
    pub members: Vec<i64>,
}

/// Check a proposed group. `eligible` are the committee members summoned to
/// the plenum; `taken` are the names of its existing groups. The leader and
/// the secretary are two different eligible members, and belong to the group.
pub fn plan_group(
    name: &str,
    leader: Option<i64>,
    secretary: Option<i64>,
    members: &[i64],
    eligible: &[i64],
    taken: &[String],
) -> Result<GroupPlan, FieldErrors> {
    let mut e = FieldErrors::default();
    let name = required_line(&mut e, "name", name, 200);
    if !name.is_empty() && taken.iter().any(|t| fold(t) == fold(&name)) {
        e.push("name", "name-taken");
    }
    let check = |e: &mut FieldErrors, field: &str, who: Option<i64>| match who {
        None => e.push(field, "required"),
        Some(id) if !eligible.contains(&id) => e.push(field, "not-summoned-member"),
        Some(_) => {}
    };
    check(&mut e, "leader_member_id", leader);
    check(&mut e, "secretary_member_id", secretary);
    if leader.is_some() && leader == secretary {
        e.push("secretary_member_id", "same-as-leader");
    }
    if members.iter().any(|m| !eligible.contains(m)) {
        e.push("member_ids", "not-summoned-member");
    }
    let (Some(leader), Some(secretary)) = (leader, secretary) else { return Err(e) };
    let mut all: Vec<i64> = members.iter().copied().chain([leader, secretary]).collect();
    all.sort_unstable();
    all.dedup();
    e.finish(GroupPlan { name, leader, secretary, members: all })
}

/// The discussion group a delegate sits in: the one set on the delegate,
/// else the group whose members include the delegate's committee member;
/// `None` for one in no group (guests, most often). `groups` are the
/// plenum's groups with their members.
pub fn group_of<'a>(
    assigned: Option<i64>,
    member: Option<i64>,
    groups: impl IntoIterator<Item = (i64, &'a [i64])>,
) -> Option<i64> {
    assigned.or_else(|| member.and_then(|m| groups.into_iter().find(|(_, ms)| ms.contains(&m)).map(|(g, _)| g)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delegate_sits_in_the_group_set_on_them_else_their_members_group() {
        let groups: [(i64, &[i64]); 2] = [(1, &[10, 11]), (2, &[20])];
        assert_eq!(group_of(Some(2), Some(10), groups), Some(2), "the group set on the delegate wins");
        assert_eq!(group_of(None, Some(10), groups), Some(1));
        assert_eq!(group_of(None, Some(99), groups), None);
        assert_eq!(group_of(None, None, groups), None, "a guest in no group");
    }

    fn codes(r: Result<GroupPlan, FieldErrors>) -> Vec<(String, &'static str)> {
        r.unwrap_err().0.into_iter().map(|f| (f.field, f.code)).collect()
    }

    #[test]
    fn leader_and_secretary_join_the_group() {
        let g = plan_group(" Tổ 5 ", Some(3), Some(1), &[7, 3], &[1, 3, 7, 9], &["Tổ 1".into()]).unwrap();
        assert_eq!(g, GroupPlan { name: "Tổ 5".into(), leader: 3, secretary: 1, members: vec![1, 3, 7] });
    }

    #[test]
    fn every_problem_is_named() {
        assert_eq!(
            codes(plan_group("TỔ 1", Some(2), Some(2), &[8], &[1, 2], &["Tổ 1".into()])),
            vec![
                ("name".into(), "name-taken"),
                ("secretary_member_id".into(), "same-as-leader"),
                ("member_ids".into(), "not-summoned-member")
            ]
        );
        assert_eq!(
            codes(plan_group("", None, Some(5), &[], &[1], &[])),
            vec![
                ("name".into(), "required"),
                ("leader_member_id".into(), "required"),
                ("secretary_member_id".into(), "not-summoned-member")
            ]
        );
    }
}
