"""Event rules, one module per event type; each exposes ``find(ctx) -> list[EventCandidate]``."""
