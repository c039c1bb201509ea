-- The hall screen's links (kiosk links): each opens one plenum's projector
-- page, read-only, without signing in, until the office revokes it.
CREATE TABLE screen_links (
    id INTEGER PRIMARY KEY,
    plenum_id INTEGER NOT NULL REFERENCES plenums(id),
    -- Where the screen is, as the office names it.
    label TEXT NOT NULL,
    -- SHA-256 of the link's secret, which is shown once and never stored.
    secret_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX screen_links_plenum ON screen_links(plenum_id);
