"""US Eastern time, the clock of federal and SEC records written without a zone.

FPDS (``2020-04-02 07:30:45``), USAspending's ``last_modified_date``, SAM.gov's naive
timestamps and EDGAR's Atom ``updated`` values without an offset are all US Eastern local
time; one helper reads them all, so a fix here reaches every source.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f",
                 "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%Y %H:%M:%S", "%Y/%m/%d")


def naive_timestamp(value: str) -> datetime | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def eastern_to_utc(value: Any) -> datetime | None:
    """A federal timestamp as an aware UTC datetime.

    FPDS writes ``2020-04-02 07:30:45`` with no zone: it is US Eastern local time (feedparser
    would silently call it UTC, four or five hours off). USAspending's ``last_modified_date``
    copies the FPDS value, so it is read the same way. Values that carry an offset keep it.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = naive_timestamp(text)
        if parsed is None:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=EASTERN)
    try:
        return parsed.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01 or 9999-12-31 moved across a zone leaves the calendar
        return None
