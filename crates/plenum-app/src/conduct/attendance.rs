//! The roll call and the live quorum.

use plenum_core::access::Permission;
use plenum_core::conduct::attendance::{tally, Attendance, Tally};
use plenum_core::conduct::quorum::{quorum, QuorumStatus};
use plenum_core::conduct::record::RecordingScope;
use plenum_core::conduct::roll_call::marked_by_all_present;
use plenum_core::conduct::sittings::{sittings, Sitting};
use plenum_core::prepare::groups::group_of;
use plenum_core::prepare::roster::DelegateKind;
use plenum_store::{Delegate, Plenum};

use super::recording::{require_delegate, scope_of};
use crate::prepare::plenums;
use crate::{App, AppResult, Error, Principal};

/// The plenum, for those who take its roll (secretaries).
pub async fn roll_call(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Plenum> {
    app.plenum_for(who, plenum_id, Permission::Record).await
}

/// Record a delegate's attendance (secretaries; a group secretary for their
/// own group's delegates only), as of the version last read (a newer one
/// refuses the change as stale). `attendance` is its code; an unknown one
/// is a field error.
pub async fn set(
    app: &App,
    who: &Principal,
    delegate_id: i64,
    attendance: &str,
    reason: &str,
    version: Option<i64>,
) -> AppResult<Delegate> {
    let d = app.store.delegate(delegate_id).await?;
    let plenum = app.store.plenum(d.plenum_id).await?;
    record(app, who, &plenum, &d, attendance, reason, version).await
}

/// The roll call of one plenum's page: as [`set`], for a delegate who must
/// be of this plenum (not found otherwise).
pub async fn set_in(
    app: &App,
    who: &Principal,
    plenum_id: i64,
    delegate_id: i64,
    attendance: &str,
    reason: &str,
    version: Option<i64>,
) -> AppResult<Delegate> {
    let plenum = roll_call(app, who, plenum_id).await?;
    let d = app.store.delegate(delegate_id).await?;
    if d.plenum_id != plenum_id {
        return Err(Error::NotFound);
    }
    record(app, who, &plenum, &d, attendance, reason, version).await
}

async fn record(
    app: &App,
    who: &Principal,
    plenum: &Plenum,
    d: &Delegate,
    attendance: &str,
    reason: &str,
    version: Option<i64>,
) -> AppResult<Delegate> {
    // The attendance moves the quorum: a group secretary takes only their group's roll.
    require_delegate(app, &scope_of(app, who, plenum).await?, d).await?;
    let a = Attendance::parse(attendance).ok_or_else(|| Error::field("attendance", "invalid-choice"))?;
    Ok(app.store.set_attendance(&who.actor(), d.id, a, reason, version).await?)
}

/// "Mark all present" (có mặt tất cả): every delegate the caller takes the
/// roll of (a group secretary: their own group's) who is not yet called is
/// marked present, each as of the version just read, so one recorded
/// meanwhile by someone else is left as they recorded it. Returns those marked.
pub async fn mark_all_present(app: &App, who: &Principal, plenum_id: i64) -> AppResult<Vec<Delegate>> {
    let plenum = roll_call(app, who, plenum_id).await?;
    let scope = scope_of(app, who, &plenum).await?;
    let (delegates, groups) = tokio::try_join!(app.store.delegates(plenum_id), app.store.groups(plenum_id))?;
    let mut marked = Vec::new();
    for d in delegates.iter().filter(|d| marked_by_all_present(d.attendance)) {
        let group = group_of(d.group_id, d.member_id, groups.iter().map(|g| (g.id, g.member_ids.as_slice())));
        if scope != RecordingScope::Plenum && !scope.allows(group) {
            continue;
        }
        match app.store.set_attendance(&who.actor(), d.id, Attendance::Present, "", Some(d.version)).await {
            Ok(d) => marked.push(d),
            Err(plenum_store::StoreError::Conflict(plenum_store::Conflict::Stale)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(marked)
}

/// The plenum's sittings (buổi), the one whose roll is being taken, and
/// each sitting's roll-call figures.
#[derive(Debug, Clone)]
pub struct SittingsView {
    pub current: i64,
    /// Each sitting with its figures (members and guests by attendance).
    pub all: Vec<(Sitting, Tally)>,
}

impl SittingsView {
    pub fn current(&self) -> Option<&Sitting> {
        self.all.iter().map(|(s, _)| s).find(|s| s.number == self.current)
    }
}

/// The sittings of a plenum the caller has already opened.
pub async fn sittings_for(app: &App, plenum: &Plenum) -> AppResult<SittingsView> {
    let (current, roll, delegates) = tokio::try_join!(
        app.store.current_sitting(plenum.id),
        app.store.sitting_roll(plenum.id),
        app.store.delegates(plenum.id)
    )?;
    let recorded: std::collections::HashMap<(i64, i64), Attendance> =
        roll.iter().map(|r| ((r.sitting, r.delegate_id), r.attendance)).collect();
    let all = sittings(&plenum.starts_on, &plenum.ends_on)
        .into_iter()
        .map(|s| {
            // A delegate with no entry at a sitting was not called there.
            let of = |d: &Delegate| recorded.get(&(s.number, d.id)).copied().unwrap_or(Attendance::Expected);
            let t = tally(delegates.iter().map(|d| (d.kind == DelegateKind::Member, of(d))));
            (s, t)
        })
        .collect();
    Ok(SittingsView { current, all })
}

/// Take the roll of another sitting (the secretaries of the whole plenum: a
/// group secretary's roll is their group's, the sitting is everyone's).
pub async fn open_sitting(app: &App, who: &Principal, plenum_id: i64, sitting: i64) -> AppResult<()> {
    let plenum = roll_call(app, who, plenum_id).await?;
    if scope_of(app, who, &plenum).await? != RecordingScope::Plenum {
        return Err(Error::Forbidden);
    }
    Ok(app.store.open_sitting(&who.actor(), plenum_id, sitting).await?)
}

/// The live quorum panel's figures.
#[derive(Debug, Clone)]
pub struct QuorumView {
    pub status: QuorumStatus,
    pub tally: Tally,
    /// The attendance rule, as a fraction of all members.
    pub attendance_fraction: (u32, u32),
}

impl QuorumView {
    /// Members still needed in the room before a decision can pass.
    pub fn short_to_pass(&self) -> u32 {
        self.status.needed_to_pass.saturating_sub(self.status.present)
    }
    pub fn short_of_attendance(&self) -> u32 {
        self.status.attendance_required.saturating_sub(self.status.present)
    }
}

/// The quorum as it stands now, for those who may see the plenum.
pub async fn quorum_now(app: &App, who: &Principal, plenum_id: i64) -> AppResult<QuorumView> {
    plenums::get(app, who, plenum_id).await?;
    quorum_of(app, plenum_id).await
}

/// The quorum of a plenum the caller was already allowed to see.
pub(crate) async fn quorum_of(app: &App, plenum_id: i64) -> AppResult<QuorumView> {
    let delegates = app.store.delegates(plenum_id).await?;
    Ok(view(app, tally(delegates.iter().map(|d| (d.kind == DelegateKind::Member, d.attendance)))))
}

/// The quorum a tally makes under the deployment's attendance rule.
fn view(app: &App, t: Tally) -> QuorumView {
    let rule = app.rules.attendance;
    QuorumView {
        status: quorum(t.members, t.members_in_room, rule),
        tally: t,
        attendance_fraction: (rule.num(), rule.den()),
    }
}

/// The quorum for a page that has already opened the plenum.
pub async fn quorum_for(app: &App, plenum: &Plenum) -> AppResult<QuorumView> {
    quorum_of(app, plenum.id).await
}

/// One delegate's line of the attendance list, as printed and exported.
#[derive(Debug, Clone)]
pub struct AttendanceLine {
    pub delegate: Delegate,
    /// The discussion group's name; empty for a delegate in no group.
    pub group: String,
    pub attendance: Attendance,
    pub reason: String,
}

/// The attendance list and the roll-call result of one plenum.
#[derive(Debug, Clone)]
pub struct AttendanceList {
    pub plenum: Plenum,
    pub lines: Vec<AttendanceLine>,
    pub quorum: QuorumView,
}

/// The attendance list and roll-call result, for those who may open the
/// roll-call page (the office and the secretaries): the same delegates the
/// page lists, members first as summoned.
pub async fn list(app: &App, who: &Principal, plenum_id: i64) -> AppResult<AttendanceList> {
    let (plenum, _) = crate::prepare::delegates::roster(app, who, plenum_id).await?;
    let (delegates, groups) = tokio::try_join!(app.store.delegates(plenum_id), app.store.groups(plenum_id))?;
    let lines = lines(delegates, &groups);
    let quorum = view(app, tally(lines.iter().map(|l| (l.delegate.kind == DelegateKind::Member, l.attendance))));
    Ok(AttendanceList { plenum, lines, quorum })
}

/// The one place the list's lines are made, from each delegate's attendance
/// as it stands. Attendance per sitting (morning, afternoon) plugs in here:
/// given a sitting, a line takes that sitting's attendance and reason
/// instead of the delegate's own, and the tally above follows the lines.
fn lines(delegates: Vec<Delegate>, groups: &[plenum_store::DiscussionGroup]) -> Vec<AttendanceLine> {
    delegates
        .into_iter()
        .map(|d| {
            let group = plenum_core::prepare::groups::group_of(
                d.group_id,
                d.member_id,
                groups.iter().map(|g| (g.id, g.member_ids.as_slice())),
            )
            .and_then(|g| groups.iter().find(|x| x.id == g))
            .map(|g| g.name.clone())
            .unwrap_or_default();
            AttendanceLine { group, attendance: d.attendance, reason: d.attendance_reason.clone(), delegate: d }
        })
        .collect()
}
