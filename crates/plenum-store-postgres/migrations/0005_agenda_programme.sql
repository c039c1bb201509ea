-- The agenda is edited: each item carries a version for the optimistic check,
-- and may be placed in a half-day of the programme (buổi làm việc), which
-- sits from a start time in the hall or in the discussion groups.
CREATE TABLE programme_slots (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    day TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon')),
    starts_at TEXT NOT NULL,
    venue TEXT NOT NULL CHECK (venue IN ('hall', 'groups')),
    version BIGINT NOT NULL,
    UNIQUE (plenum_id, day, part)
);

ALTER TABLE agenda_items ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE agenda_items ADD COLUMN slot_id BIGINT REFERENCES programme_slots(id);
