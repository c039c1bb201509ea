-- Attendance per sitting (buổi họp): a plenum's sittings are the morning and the afternoon of
-- each of its days (plenum_core::conduct::sittings), numbered from 1. The roll is called at each.
-- A delegate's attendance columns hold the current sitting's roll (what check-in, the quorum and
-- the desk read); every roll entry is also kept here, by sitting, so opening another sitting
-- starts its own roll and reopening one brings its roll back.
CREATE TABLE sitting_attendance (
    delegate_id INTEGER NOT NULL REFERENCES delegates(id),
    sitting INTEGER NOT NULL CHECK (sitting >= 1),
    attendance TEXT NOT NULL CHECK (attendance IN ('expected', 'present', 'absent', 'late', 'left')),
    attendance_reason TEXT NOT NULL,
    attendance_at INTEGER,
    PRIMARY KEY (delegate_id, sitting)
);

-- The sitting whose roll is being taken; a plenum without a row is at its first.
CREATE TABLE current_sittings (
    plenum_id INTEGER PRIMARY KEY REFERENCES plenums(id),
    sitting INTEGER NOT NULL CHECK (sitting >= 1)
);

-- The attendance recorded before sittings existed becomes the first sitting's.
INSERT INTO sitting_attendance (delegate_id, sitting, attendance, attendance_reason, attendance_at)
    SELECT id, 1, attendance, attendance_reason, attendance_at FROM delegates WHERE attendance <> 'expected';
