"""spaCy pipeline: gazetteer entities, money, and event candidates with provenance."""
