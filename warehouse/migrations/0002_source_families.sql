-- 0002: every source family keeps its incremental state here (cursors, seen ids), and the
-- raw payload of a POST keeps the request that produced it.
ALTER TABLE source_state ADD COLUMN family VARCHAR;
ALTER TABLE source_state ADD COLUMN name VARCHAR;
ALTER TABLE source_state ADD COLUMN cursor JSON;
ALTER TABLE raw_fetches ADD COLUMN request VARCHAR;
UPDATE source_state SET family = 'news' WHERE family IS NULL;
