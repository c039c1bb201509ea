-- Synthesizing the opinions (tổng hợp, tiếp thu, giải trình ý kiến).

-- A body (cơ quan tham mưu) is a unit of an organization that presents
-- agenda items, answers their opinions and, later, carries out tasks: the
-- Party delegation of the People's Committee, a Party-building board, the
-- office. Its officers are accounts.
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, name)
);
CREATE TABLE body_officers (
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (body_id, user_id)
);

-- An item's presenter becomes a body of the plenum's organization. The
-- presenters already typed become bodies of their own name.
ALTER TABLE agenda_items ADD COLUMN body_id INTEGER REFERENCES bodies(id);
INSERT INTO bodies (org_id, name, created_at)
    SELECT DISTINCT c.org_id, a.presenter, 0
    FROM agenda_items a JOIN plenums p ON p.id = a.plenum_id JOIN committees c ON c.id = p.committee_id
    WHERE a.presenter <> '';
UPDATE agenda_items SET body_id = (
    SELECT b.id FROM bodies b JOIN committees c ON c.org_id = b.org_id JOIN plenums p ON p.committee_id = c.id
    WHERE p.id = agenda_items.plenum_id AND b.name = agenda_items.presenter);

-- Groups of similar opinions on one item, as the office accepted them.
CREATE TABLE opinion_groups (
    id INTEGER PRIMARY KEY,
    plenum_id INTEGER NOT NULL REFERENCES plenums(id),
    item_id INTEGER NOT NULL REFERENCES agenda_items(id),
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX opinion_groups_plenum ON opinion_groups(plenum_id);
CREATE TABLE opinion_groupings (
    opinion_id INTEGER PRIMARY KEY REFERENCES opinions(id),
    group_id INTEGER NOT NULL REFERENCES opinion_groups(id)
);
CREATE INDEX opinion_groupings_group ON opinion_groupings(group_id);

-- How each opinion is answered: taken in (the draft changes: the document
-- and the passage of its newer version that carries the change), explained
-- (the reason it stays), noted, or outside the scope. The presenting body
-- drafts it; the office approves it or returns it with a note.
CREATE TABLE dispositions (
    opinion_id INTEGER PRIMARY KEY REFERENCES opinions(id),
    plenum_id INTEGER NOT NULL REFERENCES plenums(id),
    kind TEXT NOT NULL CHECK (kind IN ('taken_in', 'explained', 'noted', 'out_of_scope')),
    reply TEXT NOT NULL,
    document_id INTEGER REFERENCES documents(id),
    change_anchor TEXT,
    status TEXT NOT NULL CHECK (status IN ('drafted', 'returned', 'approved')),
    review_note TEXT NOT NULL,
    drafted_by INTEGER REFERENCES users(id),
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX dispositions_plenum ON dispositions(plenum_id);

-- The documents a plenum issues in Party form (the synthesis report, the
-- resolution, the conclusion notice), each numbered per type and per term
-- from the committee's register (Hướng dẫn 36-HD/VPTW: "Số 12-BC/TU"), with
-- the text the office edits.
CREATE TABLE issued_documents (
    id INTEGER PRIMARY KEY,
    plenum_id INTEGER NOT NULL REFERENCES plenums(id),
    committee_id INTEGER NOT NULL REFERENCES committees(id),
    kind TEXT NOT NULL CHECK (kind IN ('synthesis_report', 'resolution', 'conclusion')),
    number INTEGER NOT NULL,
    issued_on TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    signer_for TEXT NOT NULL,
    signer_title TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    recipients TEXT NOT NULL,
    version INTEGER NOT NULL,
    UNIQUE (plenum_id, kind),
    UNIQUE (committee_id, kind, number)
);
