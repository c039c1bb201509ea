-- Full-text search over opinions and passages, insensitive to diacritics.
-- unaccent does not fold đ (a letter of its own), so the store writes each
-- row's text folded by plenum_core::text::fold into `folded`, and the index
-- reads that column. Rows written before this migration are folded by the
-- store right after migrating (SQL cannot fold đ).
ALTER TABLE opinions ADD COLUMN folded TEXT;
ALTER TABLE passages ADD COLUMN folded TEXT;

-- Expression indexes rather than stored tsvector columns: nothing extra to
-- back up or restore, and the queries name the same expression. The `simple`
-- configuration only splits and lower-cases: no stemming or stop words,
-- which are wrong for Vietnamese.
-- The opinions' vector also holds their plenum (as the word "plenum<id>"), so a
-- search of one plenum intersects posting lists inside the index instead of
-- fetching every plenum's matches and dropping the others'.
CREATE INDEX opinions_search ON opinions USING GIN (to_tsvector('simple', 'plenum' || plenum_id::TEXT || ' ' || folded));
CREATE INDEX passages_search ON passages USING GIN (to_tsvector('simple', folded));
