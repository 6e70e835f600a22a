"""Plausibility rules for amounts and dates read from untrusted bodies.

A broken or hostile payload carries ``NaN``, ``Infinity``, ``1e30`` or a date in year 1, 1900
or 2100. Stored as written, one such value heads every "largest award" ranking or "latest"
view for good, and NaN/Infinity are not even valid JSON for the warehouse payload. Every
source reads these values through the helpers below, so the rules are the same everywhere:

- An amount must be a finite number of at most :data:`MAX_AMOUNT` dollars either way (a
  trillion: more than any single federal award, ceiling or private round; the largest IDV
  ceilings are tens of billions). Anything else is not an amount: None ("undisclosed").
  Negative amounts stay where a source means them (FPDS deobligations).
- A publication time (``Document.published_at``) or an event's day is plausible from
  :data:`EARLIEST` to one day after the record was fetched. No source here holds older
  records (FPDS begins in fiscal 1979, EDGAR in 1993, web feeds later), and the placeholders
  0001-01-01, 1900-01-01 and the Unix epoch 1970-01-01 all fall before it; a record cannot
  have been published after it was fetched, and the day of slack absorbs clocks and zones
  (a feed dated in its publisher's tomorrow). An implausible value becomes None; the payload
  keeps what the source wrote, so it can still be inspected.

JSON bodies are read with :func:`json_loads` (deep nesting and lone surrogates, below).
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

MAX_AMOUNT = 1e12
EARLIEST = datetime(1975, 1, 1, tzinfo=timezone.utc)
FUTURE_SLACK = timedelta(days=1)


def plausible_amount(value: float | None) -> float | None:
    """``value`` when it is a finite amount of at most :data:`MAX_AMOUNT` either way, else None."""
    if value is None or not math.isfinite(value) or abs(value) > MAX_AMOUNT:
        return None
    return value


def latest_plausible(fetched_at: datetime | None) -> datetime:
    """The latest plausible publication time of a record fetched at ``fetched_at``."""
    if fetched_at is None:
        fetched_at = datetime.now(timezone.utc)
    elif fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=timezone.utc)
    try:
        return fetched_at + FUTURE_SLACK
    except OverflowError:  # a fetch time at the end of the calendar: nothing is later
        return fetched_at


def plausible_time(when: datetime | None, fetched_at: datetime | None) -> datetime | None:
    """``when`` if it can be a publication time of a record fetched at ``fetched_at``, else None."""
    if when is None:
        return None
    aware = when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)
    if aware < EARLIEST or aware > latest_plausible(fetched_at):
        return None
    return when


def plausible_day(day: date | None, fetched_at: datetime | None) -> date | None:
    """``day`` if something can have happened on it, judged as :func:`plausible_time` does."""
    if day is None:
        return None
    if day < EARLIEST.date() or day > latest_plausible(fetched_at).date():
        return None
    return day


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_JSON_DEPTH = 100  # the APIs read here nest a few levels; a hundred is far beyond any


def json_loads(body: bytes | str) -> Any:
    """``json.loads`` for untrusted bodies: ValueError for anything that is not usable JSON.

    - Nesting deeper than :data:`MAX_JSON_DEPTH` is refused. Python's ``json`` raises
      RecursionError (which no caller expects) past about a thousand levels, and a value
      nested just under that limit fails later instead, when the payload is written back
      with ``json.dumps`` from a deeper stack.
    - A lone surrogate escape (``"\\ud800"``) is valid JSON but not text: UTF-8 cannot encode
      it, so a document's content hash and the warehouse load would fail on it. Each becomes
      U+FFFD, the replacement character.
    """
    try:
        data = json.loads(body)
    except RecursionError:
        raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None
    raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    if not isinstance(data, (list, dict)):
        return _fix_text(data) if isinstance(data, str) else data
    return _checked(data, fix_surrogates=bool(_SURROGATE_ESCAPE.search(raw)))


def _fix_text(text: str) -> str:
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _checked(data: Any, fix_surrogates: bool) -> Any:
    """``data`` after the depth check, lone surrogates replaced in strings and keys when asked
    (an explicit stack: no recursion on a value nested close to the recursion limit)."""
    if fix_surrogates:
        return _checked_fixing(data)
    stack = [(data, 0)]
    while stack:  # the depth check alone: only containers are visited
        value, depth = stack.pop()
        if depth >= MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return data


def _checked_fixing(data: Any) -> Any:
    root = [data]
    stack: list[tuple[Any, Any, int]] = [(root, 0, 0)]
    while stack:
        container, key, depth = stack.pop()
        value = container[key]
        if isinstance(value, str):
            container[key] = _fix_text(value)
            continue
        if not isinstance(value, (list, dict)):
            continue
        if depth >= MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
        if isinstance(value, list):
            stack.extend((value, index, depth + 1) for index in range(len(value)))
        else:
            value = container[key] = {_fix_text(k): v for k, v in value.items()}
            stack.extend((value, k, depth + 1) for k in value)
    return root[0]
