-- Full-text search over opinions and passages, insensitive to diacritics.
-- FTS5's remove_diacritics does not fold đ (a letter of its own), so the store
-- writes each row's text folded by plenum_core::text::fold into `folded`, and
-- the index reads that column. Rows written before this migration are folded
-- by the store right after migrating (SQL cannot fold đ).
ALTER TABLE opinions ADD COLUMN folded TEXT;
ALTER TABLE passages ADD COLUMN folded TEXT;

-- External-content indexes over `folded`, kept in step by the triggers below;
-- a row with no folded text yet is not in its index. An update takes the old
-- text out before it puts the new in, in one trigger: two triggers would fire
-- newest first, and indexing a row before removing it corrupts the index.
-- The opinions' index also holds each one's plenum, so a search of one plenum
-- intersects two posting lists instead of ranking every plenum's matches and
-- dropping the others' (the query gives the plenum column no weight).
CREATE VIRTUAL TABLE opinions_fts USING fts5(folded, plenum_id, content='opinions', content_rowid='id', tokenize='unicode61');
CREATE VIRTUAL TABLE passages_fts USING fts5(folded, content='passages', content_rowid='id', tokenize='unicode61');

CREATE TRIGGER opinions_fts_insert AFTER INSERT ON opinions WHEN new.folded IS NOT NULL BEGIN
    INSERT INTO opinions_fts (rowid, folded, plenum_id) VALUES (new.id, new.folded, new.plenum_id);
END;
CREATE TRIGGER opinions_fts_delete AFTER DELETE ON opinions WHEN old.folded IS NOT NULL BEGIN
    INSERT INTO opinions_fts (opinions_fts, rowid, folded, plenum_id) VALUES ('delete', old.id, old.folded, old.plenum_id);
END;
CREATE TRIGGER opinions_fts_update AFTER UPDATE OF folded, plenum_id ON opinions BEGIN
    INSERT INTO opinions_fts (opinions_fts, rowid, folded, plenum_id) SELECT 'delete', old.id, old.folded, old.plenum_id WHERE old.folded IS NOT NULL;
    INSERT INTO opinions_fts (rowid, folded, plenum_id) SELECT new.id, new.folded, new.plenum_id WHERE new.folded IS NOT NULL;
END;

CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages WHEN new.folded IS NOT NULL BEGIN
    INSERT INTO passages_fts (rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages WHEN old.folded IS NOT NULL BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
CREATE TRIGGER passages_fts_update AFTER UPDATE OF folded ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, folded) SELECT 'delete', old.id, old.folded WHERE old.folded IS NOT NULL;
    INSERT INTO passages_fts (rowid, folded) SELECT new.id, new.folded WHERE new.folded IS NOT NULL;
END;
