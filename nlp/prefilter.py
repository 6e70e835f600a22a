"""Scan a large trigger pattern only where one of its alternatives can start.

The rules' trigger patterns are alternations of dozens of phrases behind a word boundary
(``\\b(touched\\s+down|soft-landed|lifted\\s+off|...)``). Python's ``re`` tries every alternative
at every word of a sentence before it gives up, and most sentences hold no trigger: scanning them
was a tenth of extraction. Every alternative starts with fixed letters, though ("tou", "sof",
"lif"), so a match can only start where a word boundary is followed by one of those.
:func:`finditer` reads those first letters off the compiled pattern (``re``'s own parser), finds
the places they stand with a small pattern of the same boundary and case rules, and tries the
full pattern only there. It gives exactly the matches ``pattern.finditer`` gives, the same spans
in the same order (tests compare the two on text drawn from the patterns).

A pattern whose first letters cannot be read safely (one that does not start with a word
boundary, an alternative that opens with a class of many letters, an inline case flag) is scanned
the usual way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the parser behind re.compile; private, so without it every pattern is scanned as usual
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every supported Python (3.11+) has both
    _parser = None

PREFIX = 3  # first letters read off each alternative
_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}
_gates: dict[re.Pattern, re.Pattern | None] = {}


class _Unreadable(Exception):
    """The pattern's start cannot be told from its letters."""


def finditer(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying the pattern only where one of its alternatives' first
    letters stand after a word boundary."""
    gate = _gates.get(pattern, False)
    if gate is False:
        gate = _gates[pattern] = _read_gate(pattern)
    if gate is None:
        yield from pattern.finditer(text)
        return
    position = 0
    search = gate.search
    while (start := search(text, position)) is not None:
        at = start.start()
        match = pattern.match(text, at)
        if match is None:
            position = at + 1  # (every position is looked at: candidates may overlap)
            continue
        yield match
        position = max(match.end(), at + 1)


def _read_gate(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern of the word boundary and the first letters one of which starts every match of
    ``pattern``; None when they cannot be read."""
    if _parser is None:
        return None
    try:
        if pattern.flags & (re.ASCII | re.LOCALE) or not isinstance(pattern.pattern, str):
            raise _Unreadable  # a word boundary other than the one the start positions use
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        if not items or _name(items[0][0]) != "AT" or _name(items[0][1]) != "AT_BOUNDARY":
            raise _Unreadable  # a match may start inside a word: every position must be tried
        prefixes = _prefixes(items[1:], PREFIX, bool(pattern.flags & re.IGNORECASE))
    except (_Unreadable, RecursionError):
        return None
    except Exception:  # noqa: BLE001 - a pattern the parser reads differently: scan it as usual
        return None
    if not prefixes or any(not p for p in prefixes):
        return None
    # The same boundary and the same case rules as the pattern's own: wherever the pattern can
    # match, the gate matches at the same position.
    return re.compile(rf"\b(?:{_trie(prefixes)})", pattern.flags)


def _trie(prefixes: set[str]) -> str:
    """The prefixes as one alternation sharing their first letters ("sof|soa|lif" is written
    "so(?:a|f)|lif"): ``re`` tries a flat alternation's branches one by one at every word, and
    the shared form rules out most words at their first letter (a third to a half faster)."""
    if "" in prefixes:
        return ""  # (a prefix that ends here: whatever follows, the gate matches at this position)
    by_first: dict[str, set[str]] = {}
    for prefix in prefixes:
        by_first.setdefault(prefix[0], set()).add(prefix[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        rest = _trie(rests)
        branches.append(re.escape(first) + (f"(?:{rest})" if "|" in rest else rest))
    return "|".join(branches)


def _name(value: object) -> str:
    return str(value)


def _prefixes(items: list, need: int, ignorecase: bool) -> set[str]:
    """Strings, each at most ``need`` long, one of which every match of ``items`` starts with.

    Raises _Unreadable when a match could start with something no fixed letters describe."""
    current = [""]
    for index, (op, av) in enumerate(items):
        name = _name(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] == 0 and av[1] >= 1:
            # an optional part ("(?:successfully\s+)?accomplished"): the match starts with it, or without it
            rest = items[index + 1:]
            left = need - min(map(len, current))
            try:
                tails = _prefixes(list(av[2]) + rest, left, ignorecase) | _prefixes(rest, left, ignorecase)
            except _Unreadable:
                if "" in current:
                    raise
                return {c[:need] for c in current}
            return {(c + t)[:need] for c in current for t in tails}
        if name in _ZERO_WIDTH:
            continue  # a boundary or a lookaround consumes nothing
        if name == "LITERAL":
            current = [c + _letter(av, ignorecase) for c in current]
        elif name == "IN":
            letters = _class_letters(av, ignorecase)
            current = [c + letter for c in current for letter in letters]
        elif name in ("SUBPATTERN", "BRANCH") or (name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                                                  and av[0] >= 1):
            branches = _branches(op, av)
            tails = set()
            try:
                for branch in branches:
                    tails |= _prefixes(branch, need - min(map(len, current)), ignorecase)
            except _Unreadable:
                if "" in current:
                    raise
                return {c[:need] for c in current}  # the letters so far start every match
            return {(c + t)[:need] for c in current for t in tails}
        else:
            break  # an optional part, a class of many letters ...: the prefix ends here
        if min(map(len, current)) >= need:
            break
    if not any(current) or "" in current:
        raise _Unreadable
    return {c[:need] for c in current}


def _branches(op: object, av: object) -> list[list]:
    name = _name(op)
    if name == "SUBPATTERN":
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & re.IGNORECASE:
            raise _Unreadable  # an inline case flag: the letters' case rules change inside
        return [list(sub)]
    if name == "BRANCH":
        return [list(branch) for branch in av[1]]
    return [list(av[2])]  # a repeat taken at least once: its first pass starts the match


def _letter(code: int, ignorecase: bool) -> str:
    char = chr(code)
    if ignorecase:
        if not char.isascii() and not (char.lower() == char == char.upper()):
            raise _Unreadable  # a non-ASCII letter's case variants are not all known here
        return char.lower()
    return char


def _class_letters(av: list, ignorecase: bool) -> list[str]:
    letters = []
    for op, value in av:
        if _name(op) != "LITERAL":
            raise _Unreadable  # a range, a category or a negated class
        letters.append(_letter(value, ignorecase))
    if not letters or len(letters) > 4:
        raise _Unreadable
    return sorted(set(letters))
