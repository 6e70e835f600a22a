-- 0007: the digest's chart, uploaded once into the digest's thread.
ALTER TABLE digests ADD COLUMN chart_ref VARCHAR;   -- the uploaded file's id (NULL: not uploaded yet)
