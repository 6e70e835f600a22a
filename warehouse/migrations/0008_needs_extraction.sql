-- 0008: a flag for the documents the NLP has not run on yet. The pipeline asked
-- "extracted_hash IS DISTINCT FROM content_hash" of every document on every run, comparing two
-- 64-character strings per row: a run with nothing new took longer as the history grew. A
-- boolean column compresses to almost nothing and answers the same question in a scan of it.
ALTER TABLE documents ADD COLUMN needs_extraction BOOLEAN DEFAULT true;
UPDATE documents SET needs_extraction = (extracted_hash IS DISTINCT FROM content_hash);
