"""Source extractors: each turns one source family's payloads into Document records."""
