"""`spacemine extract`: run the event extractor over a JSONL file of texts, offline.

Input lines are ``{"id", "title", "text", "published"}`` (published: an ISO date or time);
output lines are ``{"id", "events": [...]}`` in the shape the evaluation scorer reads
(``../shared/eval/score_events.py`` in the development workspace). No warehouse is touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any

from spacemine.records import Document, EventCandidate


class ExtractInputError(ValueError):
    """A line of the input file is not a usable record; the message names the line."""


def read_records(handle: IO[str], origin: str) -> Iterator[Document]:
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise ExtractInputError(f"{where}: not JSON ({exc})") from None
        if not isinstance(record, dict) or not isinstance(record.get("id"), (str, int)):
            raise ExtractInputError(f"{where}: each line needs an \"id\" (text or number)")
        text, title = record.get("text") or "", record.get("title") or ""
        if not isinstance(text, str) or not isinstance(title, str):
            raise ExtractInputError(f"{where}: \"text\" and \"title\" must be text")
        yield Document(
            doc_id=str(record["id"]), source_id="extract", kind="news", external_id=str(record["id"]),
            url=None, title=title, published_at=_published(record.get("published"), where),
            fetched_at=datetime.now(timezone.utc), text=text,
        )


def _published(value: Any, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(str(value)), datetime.min.time())
        except ValueError:
            raise ExtractInputError(f"{where}: \"published\" must be an ISO date, got {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def event_record(candidate: EventCandidate) -> dict[str, Any]:
    amount = candidate.amount
    evidence = candidate.evidence
    return {
        "type": candidate.type,
        "actors": [org.name for org in candidate.actors],
        "counterparty": [org.name for org in candidate.counterparties],
        "amount_usd": amount.usd if amount else None,
        "currency": amount.currency if amount else None,
        "amount_original": amount.value if amount else None,
        "program": candidate.program,
        "outcome": candidate.outcome,
        "stage": candidate.stage,
        "evidence": [{"field": evidence.field, "start": evidence.sentence_start, "end": evidence.sentence_end,
                      "sentence": evidence.sentence, "pattern": evidence.pattern_id}],
    }


def extract_file(input_path: Path, output_path: Path, extractor=None, batch: int = 256,  # noqa: ANN001
                 progress: Callable[[int], None] | None = None) -> int:
    """Extract events for every record; write one output line per input record. Returns the count."""
    if extractor is None:
        from nlp.events import EventExtractor
        from nlp.pipeline import default_nlp

        extractor = EventExtractor(default_nlp())
    count = 0
    with open(input_path, encoding="utf-8") as source, open(output_path, "w", encoding="utf-8") as sink:
        pending: list[Document] = []
        for document in read_records(source, str(input_path)):
            pending.append(document)
            if len(pending) >= batch:
                count += _flush(extractor, pending, sink)
                pending = []
                if progress:
                    progress(count)
        count += _flush(extractor, pending, sink)
        if progress:
            progress(count)
    return count


def _flush(extractor, documents: list[Document], sink: IO[str]) -> int:  # noqa: ANN001
    if not documents:
        return 0
    found = extractor.extract(documents)
    for document in documents:
        events = [event_record(c) for c in found.get(document.doc_id, [])]
        sink.write(json.dumps({"id": document.doc_id, "events": events}, ensure_ascii=False) + "\n")
    return len(documents)
