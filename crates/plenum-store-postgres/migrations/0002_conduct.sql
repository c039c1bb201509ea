-- Preparing and conducting a plenum: documents and their passages, delegates
-- and attendance, meeting sessions, speaker lists, speeches and opinions.

CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES agenda_items(id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('draft', 'report', 'submission', 'other')),
    created_at BIGINT NOT NULL
);
CREATE INDEX documents_item ON documents(item_id);

CREATE TABLE document_versions (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    number BIGINT NOT NULL,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    content BYTEA NOT NULL,
    note TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (document_id, number)
);

-- A numbered passage of a version: an article, section or paragraph. Its
-- anchor is derived from its text, so it is the same in every version where
-- the text is unchanged.
CREATE TABLE passages (
    id BIGSERIAL PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES document_versions(id),
    ordinal BIGINT NOT NULL,
    anchor TEXT NOT NULL,
    label TEXT NOT NULL,
    level BIGINT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (version_id, ordinal),
    UNIQUE (version_id, anchor)
);

-- A person summoned to a plenum: a voting member or an invited guest.
CREATE TABLE delegates (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    member_id BIGINT REFERENCES members(id),
    user_id BIGINT REFERENCES users(id),
    full_name TEXT NOT NULL,
    title TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('member', 'guest')),
    group_id BIGINT REFERENCES discussion_groups(id),
    -- Printed as a QR code on the badge; scanning it checks the delegate in.
    checkin_code TEXT NOT NULL UNIQUE,
    -- SHA-256 of the one-time sign-in link's secret, cleared once used.
    link_hash TEXT UNIQUE,
    attendance TEXT NOT NULL CHECK (attendance IN ('expected', 'present', 'absent', 'late', 'left')),
    attendance_reason TEXT NOT NULL,
    attendance_at BIGINT,
    version BIGINT NOT NULL,
    UNIQUE (plenum_id, member_id)
);
CREATE INDEX delegates_plenum ON delegates(plenum_id);

-- A sitting of the plenary hall or of one discussion group (phiên họp).
CREATE TABLE meeting_sessions (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    kind TEXT NOT NULL CHECK (kind IN ('plenary', 'group')),
    group_id BIGINT REFERENCES discussion_groups(id),
    title TEXT NOT NULL,
    current_item_id BIGINT REFERENCES agenda_items(id),
    status TEXT NOT NULL CHECK (status IN ('planned', 'open', 'closed')),
    speaking_seconds BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX meeting_sessions_plenum ON meeting_sessions(plenum_id);

-- One entry of a session's speaker list (đăng ký phát biểu).
CREATE TABLE speaker_entries (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES meeting_sessions(id),
    item_id BIGINT NOT NULL REFERENCES agenda_items(id),
    delegate_id BIGINT NOT NULL REFERENCES delegates(id),
    -- 'speak' asks for the floor; 'written' says an opinion will be sent in writing.
    kind TEXT NOT NULL CHECK (kind IN ('speak', 'written')),
    position BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'speaking', 'done', 'withdrawn')),
    allotted_seconds BIGINT NOT NULL,
    requested_at BIGINT NOT NULL,
    started_at BIGINT,
    ended_at BIGINT,
    version BIGINT NOT NULL
);
CREATE INDEX speaker_entries_session ON speaker_entries(session_id);

-- One person speaking once (lượt phát biểu).
CREATE TABLE speeches (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    session_id BIGINT NOT NULL REFERENCES meeting_sessions(id),
    delegate_id BIGINT NOT NULL REFERENCES delegates(id),
    item_id BIGINT NOT NULL REFERENCES agenda_items(id),
    speaker_entry_id BIGINT REFERENCES speaker_entries(id),
    seconds BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX speeches_plenum ON speeches(plenum_id);

-- One point made (ý kiến), in a speech or in writing.
CREATE TABLE opinions (
    id BIGSERIAL PRIMARY KEY,
    plenum_id BIGINT NOT NULL REFERENCES plenums(id),
    speech_id BIGINT REFERENCES speeches(id),
    delegate_id BIGINT NOT NULL REFERENCES delegates(id),
    item_id BIGINT NOT NULL REFERENCES agenda_items(id),
    passage_anchor TEXT,
    stance TEXT NOT NULL CHECK (stance IN ('agree', 'disagree', 'propose_change', 'other')),
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX opinions_plenum ON opinions(plenum_id);
