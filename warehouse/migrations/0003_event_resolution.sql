-- 0003: cross-source resolution (natural identity, sources count, corrections), market
-- segments per event, and a view that links every event to its sentences and URLs.
ALTER TABLE events ADD COLUMN segments VARCHAR[] DEFAULT [];
ALTER TABLE events ADD COLUMN identity VARCHAR;
ALTER TABLE events ADD COLUMN source_count INTEGER DEFAULT 1;
ALTER TABLE events ADD COLUMN amended_at TIMESTAMPTZ;

-- One row per piece of evidence: the event, the sentence it rests on, the document and its URL.
CREATE OR REPLACE VIEW event_sources AS
SELECT e.event_id, e.type, e.actor_names, e.counterparty_names, e.amount_usd, e.amount_kind,
       e.program, e.event_date, e.source_count,
       v.field, v.sentence, v.sentence_start, v.sentence_end, v.pattern_id, v.recorded_at,
       d.doc_id, d.source_id, d.kind AS document_kind, d.url, d.title, d.published_at
FROM events e
JOIN event_evidence v USING (event_id)
LEFT JOIN documents d USING (doc_id);
