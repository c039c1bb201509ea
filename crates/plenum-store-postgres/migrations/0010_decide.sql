-- Deciding (biểu quyết, bỏ phiếu, bầu cử).

-- A vote or a ballot held at a plenum. Its rule set is copied in at creation
-- and never changes, so a result always says what it was held under.
CREATE TABLE polls (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    -- The public name of the poll in receipts and the published result.
    uid TEXT NOT NULL UNIQUE,
    item_id BIGINT REFERENCES agenda_items(id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('motion', 'election', 'nomination')),
    method TEXT NOT NULL CHECK (method IN ('hands', 'electronic', 'written', 'secret', 'paper')),
    rules TEXT NOT NULL,
    seats BIGINT,
    candidates TEXT NOT NULL,
    runoff BIGINT NOT NULL CHECK (runoff IN (0, 1)),
    show_live BIGINT NOT NULL CHECK (show_live IN (0, 1)),
    deadline BIGINT,
    counting_committee TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
    -- Taken when the poll opens: all members, those excluded from the base, those present.
    members BIGINT,
    excluded BIGINT,
    present BIGINT,
    -- Paper ballots the counting committee issued.
    issued BIGINT,
    -- A show of hands as the secretary counted it.
    hands TEXT,
    opened_at BIGINT,
    closed_at BIGINT,
    result TEXT,
    published TEXT,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX polls_plenum ON polls(plenum_id);

-- Named votes: an electronic open vote or a written one. One per member,
-- enforced here by the key, inside the transaction that records it.
CREATE TABLE open_votes (
    poll_id BIGINT NOT NULL REFERENCES polls(id),
    delegate_id BIGINT NOT NULL REFERENCES delegates(id),
    choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    PRIMARY KEY (poll_id, delegate_id)
);

-- Who has cast a secret ballot: the roll, kept apart from the ballots and
-- never written in the same transaction as one.
CREATE TABLE poll_roll (
    poll_id BIGINT NOT NULL REFERENCES polls(id),
    delegate_id BIGINT NOT NULL REFERENCES delegates(id),
    PRIMARY KEY (poll_id, delegate_id)
);

-- Secret ballots while the poll is open. No voter, no time: a random id
-- keys each. The heap keeps them in the order their batches were written
-- (ctid, xmin) until the close rewrites them shuffled; see
-- docs/THREAT-MODEL.md. The commitment (leaf) is the voter's receipt.
CREATE TABLE ballots (
    poll_id BIGINT NOT NULL REFERENCES polls(id),
    id TEXT NOT NULL,
    content TEXT NOT NULL,
    leaf TEXT NOT NULL,
    PRIMARY KEY (poll_id, id)
);

-- At close the ballots are rewritten here in shuffled order under new random
-- ids, without their commitments, and the working rows above are purged.
CREATE TABLE tallied_ballots (
    poll_id BIGINT NOT NULL REFERENCES polls(id),
    id TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (poll_id, id)
);

-- The commitments of a closed poll, apart from the contents.
CREATE TABLE poll_leaves (
    poll_id BIGINT NOT NULL REFERENCES polls(id),
    leaf TEXT NOT NULL,
    PRIMARY KEY (poll_id, leaf)
);

-- Paper ballots as two counters of the counting committee entered them,
-- each on their own, by the number written on the sheet.
CREATE TABLE paper_entries (
    poll_id BIGINT NOT NULL REFERENCES polls(id),
    counter BIGINT NOT NULL CHECK (counter IN (1, 2)),
    sheet BIGINT NOT NULL,
    content TEXT NOT NULL,
    entered_by BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (poll_id, counter, sheet)
);

-- Every vote finds the caller's own delegate by account; without this, each
-- read scanned the whole plenum's delegates.
CREATE INDEX delegates_user ON delegates(user_id, plenum_id);
