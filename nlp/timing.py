"""Dates in text, read against the publication date: is this clause news, or background?

News reports an event "on Tuesday", "today", "on Jan. 3"; background mentions one "in 2021",
"last year", "in February" (for an item published in May). The rules ask
:func:`is_background` about the words around a trigger, and :func:`resolve_dates` gives the
dates with their granularity (day, month, year) for an event's date.

Month-day dates without a year take the publication year, or the year before when that would
put them more than a fortnight in the future (a January item about "Dec. 12"). Future dates
("by December 2022", "planned for 2029") never make a clause background.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
def month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation in any case ("August", "AUG", "Sept."), else None."""
    return _MONTHS.get(name.lower().rstrip(".")[:3])


_MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|"
          # headline capitals ("IN AUGUST"); "MAY" only before a day ("LIFTED OFF MAY 3"): capitals also write the verb
          r"JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|MAY(?=\s+\d{1,2}\b))")
_DATE = re.compile(
    rf"(?P<prefix>\b(?i:by|until|through|before|no\s+earlier\s+than|for|in\s+early|in\s+late)\s+(?i:the\s+end\s+of\s+)?)?"
    rf"(?:\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"
    rf"|\b(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}(?:\s+(?P<year2>\d{{4}}))?\b"
    rf"|\b(?i:in|during|since|from|of)\s+(?i:early\s+|late\s+|mid-?)?{_MONTH.replace('month', 'month3')}(?:\s+(?P<year3>\d{{4}}))?\b"
    rf"|\b(?:(?i:in|during|since|from|of|between)\s+(?i:early\s+|late\s+|mid-?)?|(?i:Day|Eve)\s+)(?P<year4>(?:19|20)\d\d)\b"
    # a month and its year with no preposition: "5/ Feb 2023: they finished the SPAC merger"
    rf"|\b{_MONTH.replace('month', 'month5')}\s+(?P<year5>(?:19|20)\d\d)\b)"
)
# Every date expression names a month (as _MONTH writes it) or a year 19xx/20xx. Most clauses
# the rules ask about name neither, and these literals are found by a fast scan where _DATE,
# whose optional prefix is tried at every character, is slow.
_DATE_HINT = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
                        r"JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|(?:19|20)\d\d")
# "Two years ago tonight ...", "Four years ago today ...": an anniversary told from today
YEARS_AGO_TODAY = (r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:years?|decades?)\s+ago\s+"
                   r"(?:today|tonight|this\s+week|this\s+month)\b")
BACKGROUND_WORDS = re.compile(
    r"\b(?:last\s+yr|last\s+(?:year|decade|spring|summer|autumn|fall|winter|January|February|March|April|June|July|August|"
    r"September|October|November|December|(?-i:May))|earlier\s+this\s+(?:year|decade|spring|summer|autumn|fall|winter)|"
    r"(?:years|decades)\s+ago|(?:a|one|two|three|four|five|several)\s+years?\s+(?:ago|earlier|after|before)|"
    # "Twelve months ago today Blue Ghost settled onto Mare Crisium"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|several|\d{1,2})\s+months\s+ago|"
    # "the previously announced merger" closes now; "formerly known as" only names the company
    r"over\s+the\s+(?:summer|spring|winter|autumn|fall)|"
    r"previously(?!\s+(?:announced|revised|disclosed|agreed|signed|indicated|expected|estimated|stated|reported|filed|raised|increased|lifted|upsized|amended|set|planned|scheduled))|formerly(?!\s+(?:known|called|named|(?-i:[A-Z])))|in\s+the\s+past|in\s+recent\s+(?:years|decades)|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decades)|in\s+the\s+(?:autumn|spring|summer)|once\s+again|"
    r"(?:\w+\s+)?years\s+(?:(?:this|last)\s+(?:week|month)\s+)?(?:after|since|on)\b|"
    # a time told relative to the story's own past: "closed a Series A that May", "a year later Luxembourg passed"
    r"that\s+(?-i:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"that\s+(?:spring|summer|autumn|fall|winter)|"
    r"(?:a|one|two|three|four|five|six|several|\d+)\s+(?:years?|months?)\s+later|"
    # "SpaceX later received a $1.15 billion option" after a sentence dated 2021: the story's own past
    # "Canadensys received about $1.6 million and MDA about $1.76 million for earlier Phase A work"
    r"for\s+(?:its\s+|their\s+|the\s+)?(?:earlier|previous|prior)\s+(?:[\w-]+\s+){0,3}?(?:work|phases?|stud(?:y|ies)|"
    r"contracts?|rounds?)|"
    # (deals only: "the lander, which later lost contact" tells the same flight's end)
    r"(?<![\w-])later\s+(?=(?:received|won|secured|signed|raised|bought|acquired|got|sold|agreed|joined)\b))",
    re.IGNORECASE,
)
# Every alternative of BACKGROUND_WORDS holds one of these words in any case, or a month's
# capitalised name ("that May"). Looked for in the lower-cased clause they are found by a fast
# scan, where the case-insensitive pattern is tried at every character; "ı", "ſ" and "İ" are
# the characters it reads as ASCII letters that lower-case to something else.
_BACKGROUND_HINT = re.compile(r"last|earlier|ago|year|decade|previously|formerly|past|recent|autumn|spring|summer|"
                              r"once|later")
_MONTH_NAME = re.compile(r"January|February|March|April|May|June|July|August|September|October|November|December")
_FOLDS_TO_ASCII = re.compile("[ıſİ]")


def _may_say_background(text: str) -> bool:
    """False when BACKGROUND_WORDS cannot match ``text``."""
    return bool(_FOLDS_TO_ASCII.search(text) or _BACKGROUND_HINT.search(text.lower()) or _MONTH_NAME.search(text))


# Words that date what a sentence tells to the item's own week ("landed on Sunday", "said today").
RECENT_DAY_WORDS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight"

# Old enough to be background: clearly before the item's own news window.
BACKGROUND_AFTER = timedelta(days=40)
_FIRST_REFERENCE, _LAST_REFERENCE = date(2, 1, 1), date(9998, 12, 31)
FIRST_YEAR, LAST_YEAR = 1900, 2099  # years a date in the news can name (year4 is 19xx/20xx already)


@dataclass(frozen=True)
class TextDate:
    start: int
    end: int
    value: date          # the latest day the expression can mean
    granularity: str     # "day" | "month" | "year"
    future_marker: bool  # "by December 2022": a deadline, not when something happened


def _reference(published: date | None) -> date | None:
    """``published`` as a reference day, or None when it leaves no room for the arithmetic below
    (a document dated 0001-01-01 or 9999-12-31 made it raise OverflowError and ValueError)."""
    if published is None or not _FIRST_REFERENCE <= published <= _LAST_REFERENCE:
        return None
    return published


def resolve_dates(text: str, published: date | None) -> list[TextDate]:
    """Every date expression in ``text`` resolved against ``published`` (a day, a month or a year)."""
    if not _DATE_HINT.search(text):
        return []
    published = _reference(published)
    found = []
    for match in _DATE.finditer(text):
        month_name = match.group("month") or match.group("month2") or match.group("month3") or match.group("month5")
        year_text = match.group("year") or match.group("year2") or match.group("year3") or match.group("year4") or \
            match.group("year5")
        day_text = match.group("day") or match.group("day2")
        year = int(year_text) if year_text else None
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            # "Jan. 3, 2100" is a typo or noise: no date at all. Read without its year it became
            # Jan. 3 of the publication year, an old date that made the clause background.
            continue
        month = month_number(month_name) if month_name else None
        if month is None and year is None:
            continue
        if year is None:
            if published is None:
                continue
            year = published.year
        try:
            if month and day_text:
                value, granularity = date(year, month, min(int(day_text), monthrange(year, month)[1])), "day"
            elif month:
                value, granularity = date(year, month, monthrange(year, month)[1]), "month"
            else:
                value, granularity = date(year, 12, 31), "year"
        except ValueError:
            continue
        earliest = value.replace(day=1) if granularity == "month" else value
        if not year_text and published and earliest > published + timedelta(days=15):
            value = value.replace(year=value.year - 1) if not (value.month == 2 and value.day == 29) else value
        prefix = (match.group("prefix") or "").strip().lower()
        found.append(TextDate(match.start(), match.end(), value, granularity, bool(prefix)))
    return found


# "pursuant to the Business Combination Agreement dated September 16, 2022": the document's own date,
# not when the event the clause reports happened
_DOCUMENT_DATED = re.compile(r"\b(?:dated|executed)\s+(?:as\s+of\s+)?(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{1,4})?|"
                             r"\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{1,4})?)")  # (a window may cut the year short)


_SINCE_BEFORE = re.compile(r"\b(?:first|only|best|biggest|largest)\b[^.;]{0,40}?\bsince\s+(?:the\s+|its\s+|their\s+)?$|"
                           r"\bfirst\s+since\s+(?:the\s+)?$", re.IGNORECASE)


def measured_since(text: str, found: TextDate) -> bool:
    """"its first success since the July 2019 debut": the news is measured against an old date,
    which dates the comparison, not the news."""
    return bool(_SINCE_BEFORE.search(text, max(0, found.start - 40), found.start))


def is_background(text: str, published: date | None) -> bool:
    """True when ``text`` (a clause around a trigger) dates what it says to well before publication."""
    if "dated" in text or "executed" in text:
        text = _DOCUMENT_DATED.sub(lambda m: " " * len(m.group(0)), text)
    if _may_say_background(text) and BACKGROUND_WORDS.search(text):
        return True
    published = _reference(published)
    if published is None:
        return False
    for found in resolve_dates(text, published):
        if found.future_marker or measured_since(text, found):
            continue
        # "in August" happened sometime in August: judged by the middle of the month; "in late 2018"
        # sometime in 2018, judged by the middle of the year (not its last day, weeks before a February item).
        when = found.value.replace(day=15) if found.granularity == "month" else \
            found.value.replace(month=7, day=1) if found.granularity == "year" else found.value
        if when < published - BACKGROUND_AFTER:
            return True
    return False
