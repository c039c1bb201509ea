-- Deciding (biểu quyết, bỏ phiếu, bầu cử).

-- A vote or a ballot held at a plenum. Its rule set is copied in at creation
-- and never changes, so a result always says what it was held under.
CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    plenum_id INTEGER NOT NULL REFERENCES plenums(id),
    -- The public name of the poll in receipts and the published result.
    uid TEXT NOT NULL UNIQUE,
    item_id INTEGER REFERENCES agenda_items(id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('motion', 'election', 'nomination')),
    method TEXT NOT NULL CHECK (method IN ('hands', 'electronic', 'written', 'secret', 'paper')),
    rules TEXT NOT NULL,
    seats INTEGER,
    candidates TEXT NOT NULL,
    runoff INTEGER NOT NULL CHECK (runoff IN (0, 1)),
    show_live INTEGER NOT NULL CHECK (show_live IN (0, 1)),
    deadline INTEGER,
    counting_committee TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
    -- Taken when the poll opens: all members, those excluded from the base, those present.
    members INTEGER,
    excluded INTEGER,
    present INTEGER,
    -- Paper ballots the counting committee issued.
    issued INTEGER,
    -- A show of hands as the secretary counted it.
    hands TEXT,
    opened_at INTEGER,
    closed_at INTEGER,
    result TEXT,
    published TEXT,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX polls_plenum ON polls(plenum_id);

-- Named votes: an electronic open vote or a written one. One per member,
-- enforced here by the key, inside the transaction that records it.
CREATE TABLE open_votes (
    poll_id INTEGER NOT NULL REFERENCES polls(id),
    delegate_id INTEGER NOT NULL REFERENCES delegates(id),
    choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    PRIMARY KEY (poll_id, delegate_id)
);

-- Who has cast a secret ballot: the roll, kept apart from the ballots and
-- never written in the same transaction as one.
CREATE TABLE poll_roll (
    poll_id INTEGER NOT NULL REFERENCES polls(id),
    delegate_id INTEGER NOT NULL REFERENCES delegates(id),
    PRIMARY KEY (poll_id, delegate_id)
) WITHOUT ROWID;

-- Secret ballots while the poll is open. No voter, no time: a random id
-- keys each, and WITHOUT ROWID keeps them in that id's order, not in the
-- order they were cast. The commitment (leaf) is the voter's receipt.
CREATE TABLE ballots (
    poll_id INTEGER NOT NULL REFERENCES polls(id),
    id TEXT NOT NULL,
    content TEXT NOT NULL,
    leaf TEXT NOT NULL,
    PRIMARY KEY (poll_id, id)
) WITHOUT ROWID;

-- At close the ballots are rewritten here in shuffled order under new random
-- ids, without their commitments, and the working rows above are purged.
CREATE TABLE tallied_ballots (
    poll_id INTEGER NOT NULL REFERENCES polls(id),
    id TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (poll_id, id)
) WITHOUT ROWID;

-- The commitments of a closed poll, apart from the contents.
CREATE TABLE poll_leaves (
    poll_id INTEGER NOT NULL REFERENCES polls(id),
    leaf TEXT NOT NULL,
    PRIMARY KEY (poll_id, leaf)
) WITHOUT ROWID;

-- Paper ballots as two counters of the counting committee entered them,
-- each on their own, by the number written on the sheet.
CREATE TABLE paper_entries (
    poll_id INTEGER NOT NULL REFERENCES polls(id),
    counter INTEGER NOT NULL CHECK (counter IN (1, 2)),
    sheet INTEGER NOT NULL,
    content TEXT NOT NULL,
    entered_by INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (poll_id, counter, sheet)
);

-- Every vote finds the caller's own delegate by account; without this, each
-- read scanned the whole plenum's delegates.
CREATE INDEX delegates_user ON delegates(user_id, plenum_id);
