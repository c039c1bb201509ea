-- Accounts, organizations, committees, plenums, agenda, groups, history.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES organizations(id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('central', 'city', 'district', 'grassroots'))
);

CREATE TABLE committees (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    term TEXT NOT NULL,
    term_label TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    UNIQUE (org_id, term)
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees(id),
    full_name TEXT NOT NULL,
    title TEXT NOT NULL,
    unit TEXT NOT NULL,
    standing INTEGER NOT NULL,
    user_id INTEGER REFERENCES users(id)
);
CREATE INDEX members_committee ON members(committee_id);

CREATE TABLE plenums (
    id INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees(id),
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    place TEXT NOT NULL,
    UNIQUE (committee_id, ordinal)
);

CREATE TABLE role_grants (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    org_id INTEGER REFERENCES organizations(id),
    plenum_id INTEGER REFERENCES plenums(id)
);
CREATE INDEX role_grants_user ON role_grants(user_id);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('web', 'api')),
    csrf TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    plenum_id INTEGER NOT NULL REFERENCES plenums(id),
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    presenter TEXT NOT NULL,
    UNIQUE (plenum_id, ordinal)
);

CREATE TABLE discussion_groups (
    id INTEGER PRIMARY KEY,
    plenum_id INTEGER NOT NULL REFERENCES plenums(id),
    name TEXT NOT NULL,
    leader_member_id INTEGER REFERENCES members(id),
    secretary_member_id INTEGER REFERENCES members(id),
    UNIQUE (plenum_id, name)
);

CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES discussion_groups(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (group_id, member_id)
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- The chain head: one row, updated in every writing transaction, which both
-- numbers the entries and serializes writers on the chain.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
