-- Accounts, organizations, committees, plenums, agenda, groups, history.
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE organizations (
    id BIGSERIAL PRIMARY KEY,
    parent_id BIGINT REFERENCES organizations(id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('central', 'city', 'district', 'grassroots'))
);

CREATE TABLE committees (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    term TEXT NOT NULL,
    term_label TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    UNIQUE (org_id, term)
);

CREATE TABLE members (
    id BIGSERIAL PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    full_name TEXT NOT NULL,
    title TEXT NOT NULL,
    unit TEXT NOT NULL,
    standing BOOLEAN NOT NULL,
    user_id BIGINT REFERENCES users(id)
);
CREATE INDEX members_committee ON members(committee_id);

CREATE TABLE plenums (
    id BIGSERIAL PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES committees(id),
    ordinal BIGINT NOT NULL,
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    place TEXT NOT NULL,
    UNIQUE (committee_id, ordinal)
);

CREATE TABLE role_grants (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    org_id BIGINT REFERENCES organizations(id),
    plenum_id BIGINT REFERENCES plenums(id)
);
CREATE INDEX role_grants_user ON role_grants(user_id);

CREATE TABLE sessions (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('web', 'api')),
    csrf TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT
);

CREATE TABLE agenda_items (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    ordinal BIGINT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    presenter TEXT NOT NULL,
    UNIQUE (plenum_id, ordinal)
);

CREATE TABLE discussion_groups (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    name TEXT NOT NULL,
    leader_member_id BIGINT REFERENCES members(id),
    secretary_member_id BIGINT REFERENCES members(id),
    UNIQUE (plenum_id, name)
);

CREATE TABLE group_members (
    group_id BIGINT NOT NULL REFERENCES discussion_groups(id),
    member_id BIGINT NOT NULL REFERENCES members(id),
    PRIMARY KEY (group_id, member_id)
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- The chain head: one row, updated in every writing transaction, which both
-- numbers the entries and serializes writers on the chain.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
