-- 0005: a digest too long for one Slack message continues in its thread; each reply is
-- recorded as it is posted, so a retried delivery posts only the missing replies.
ALTER TABLE digests ADD COLUMN thread_blocks JSON;          -- list of block lists, one per reply
ALTER TABLE digests ADD COLUMN thread_posted INTEGER DEFAULT 0;
ALTER TABLE digests ADD COLUMN thread_sending INTEGER;      -- the reply being posted (crash marker)
