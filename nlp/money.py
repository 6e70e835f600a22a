"""Money mentions: "$112.4 million", "USD 5M", "€12.5 million", "¥1.2 billion", "up to $50M".

Amounts convert to USD at the bundled rate of the item's date (``data/fx_rates.yaml``: monthly
midpoints interpolated for the major currencies, yearly averages otherwise); a dollar
equivalent stated in the text wins over the table. Qualifiers are kept: "up to" marks a
ceiling, "nearly"/"about" an approximation.

Not money, whatever the pattern matched: a number glued to letters or digits the pattern did
not read ("$1e30" is not "$1", "$100s" not "$100"), a negative amount ("-$5 million", "−€2m";
events carry no negative amounts), and more than :data:`MAX_VALUE` units of any currency.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

_SYMBOLS = {
    "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "cad": "CAD", "c$": "CAD", "aud": "AUD", "a$": "AUD", "chf": "CHF",
    "₹": "INR", "inr": "INR", "rs.": "INR", "rs": "INR", "cny": "CNY", "rmb": "CNY",
    "₩": "KRW", "krw": "KRW",
}
_WORD_CURRENCIES = {"dollars": "USD", "euros": "EUR", "euro": "EUR", "yen": "JPY", "pounds": "GBP",
                    "rupees": "INR", "yuan": "CNY", "renminbi": "CNY", "francs": "CHF"}
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "crore": 1e7, "lakh": 1e5, "trillion": 1e12, "tn": 1e12,
}
# "one million euros", "two billion dollars": a number word before a scale word and a currency word
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
                 "hundred": 100, "a": 1}
_NUMBER_WORD_BEFORE = re.compile(r"\b(?:" + "|".join(w for w in _NUMBER_WORDS if w != "a") +
                                 r"|thousand|and|\d+)[\s-]*$", re.IGNORECASE)
_NUMBER_WORD = r"(?:" + "|".join(w for w in _NUMBER_WORDS if w != "a") + r"|a)(?=\s+(?:million|billion|trillion)\s)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Ten trillion units: beyond any deal or budget the rules report in any currency read here
# (¥10 trillion is about $70 billion); "$999,999,999,999 billion" is noise, not an amount.
MAX_VALUE = 1e13
_MINUS = ("-", "\u2212")
# "10 million dollars" starts where its number starts: without the look-behind before num2, a
# run of 20,000 digits was retried from every digit in it (quadratic: 28 s).
_SYMBOL = r"US\$|C\$|A\$|\$|€|£|¥|₹|₩|(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|INR|CNY|RMB|KRW|(?-i:Rs)\.?)(?![A-Za-z])"
_CURRENCY_WORD = r"(?:dollars|euros|euro|yen|pounds|rupees|yuan|renminbi|francs)\b"
MONEY_PATTERN = re.compile(
    rf"""
    (?P<qual>\b(?:up\s+to|nearly|almost|about|approximately|roughly|around|more\s+than|over|between)\s+)?
    (?:
        (?P<sym>{_SYMBOL})\s?
        (?P<num>{_NUMBER})(?:\s*-?\s*(?P<lowscale>million|billion|trillion|mln|mn|bn|tn|[mb])\b)?
        (?:(?P<sep>\s*(?:-|–|to|and)\s*)(?:US\$|\$|€|£|¥|₹)?\s?(?P<high>{_NUMBER}))?
        (?:\s*-?\s*(?P<scale>million|billion|trillion|thousand|crore|lakh|mln|mn|bn|tn|[mbk])\b)?
      |
        (?<![\d,.\w])(?P<num2>{_NUMBER}|{_NUMBER_WORD})\s*(?P<scale2>million|billion|trillion|thousand|crore|lakh)?\s*
        (?P<cur2>{_CURRENCY_WORD})
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Every money mention holds a currency symbol, code or word, and at most four words come
# before it ("up to", a number, a scale word: "up to ten million dollars"). Scanning a whole
# item with MONEY_PATTERN cost more than tokenizing it (the optional qualifier is tried at
# every character), so the scan starts a few words before the next currency instead: the
# same matches, found from closer.
_CURRENCY = re.compile(rf"{_SYMBOL}|{_CURRENCY_WORD}", re.IGNORECASE)
_WORDS_BEFORE_CURRENCY = 6  # four words, the currency's own word, and one to spare
# Where _CURRENCY may match, looked for in the lower-cased text: a case-insensitive pattern
# is tried at every character, lower-case literals are found by a fast scan (grouped by first
# letter: "eur" also finds "euro" and "euros"). Any character that _CURRENCY reads as a letter
# of these words lower-cases to that letter, except "ı", "ſ" and "İ" (which lower-cases to two
# characters): texts with those take the slow path.
_CURRENCY_HINT = re.compile(r"[$€£¥₹₩]|us[$d]|c(?:\$|ad|hf|ny)|a(?:\$|ud)|eur|gbp|jpy|inr|krw|r(?:mb|s|upees|enminbi)|"
                            r"dollars|y(?:en|uan)|pounds|francs")
_FOLDS_TO_ASCII = re.compile("[ıſ]")
@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    text: str
    value: float
    currency: str
    qualifier: str | None
    stated_usd: float | None = None  # "¥10.15 billion (approximately US$90.2 million)"

    def usd(self, on: date | None) -> float | None:
        if self.stated_usd is not None:
            return self.stated_usd
        return to_usd(self.value, self.currency, on)


# Letters the case-insensitive pattern matches as ASCII ones: "ſ" as "s", "ı" and "İ" as "i",
# the Kelvin sign as "k". Table lookups fold them the same way.
_ASCII_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "\u212a": "k"})


def _folded(word: str) -> str:
    return word.translate(_ASCII_FOLD).lower()


def find_money(text: str) -> list[MoneyMention]:
    """Every money mention in ``text`` with character offsets."""
    found = []
    position = 0
    lowered = text.lower()
    if len(lowered) != len(text) or _FOLDS_TO_ASCII.search(text):
        lowered = None  # see _CURRENCY_HINT
    while (match := _next_money(text, lowered, position)) is not None:
        position = max(match.end(), position + 1)
        high = None
        end = match.end()
        if match.group("sym"):
            currency = _SYMBOLS.get(_folded(match.group("sym")))
            number, scale = match.group("num"), match.group("scale") or match.group("lowscale")
            if match.group("high"):
                # A range ("$10-15 million", "$5 million to $8 million"): the upper bound is
                # the most the deal can be worth; the text keeps both ends.
                number, high = match.group("high"), match.group("num")
                lone_scale = match.group("lowscale") and not match.group("scale")
                plain_and = match.group("sep").strip() == "and" and not match.group("qual")
                if lone_scale or plain_and:
                    # "$5 million and 20 staff", "$4 million and $2 million": not a range.
                    number, high, scale = match.group("num"), None, match.group("lowscale")
                    end = match.end("lowscale") if match.group("lowscale") else match.end("num")
        else:
            currency = _WORD_CURRENCIES.get(_folded(match.group("cur2")))
            number, scale = match.group("num2"), match.group("scale2")
        if currency is None or (scale and _folded(scale) not in _SCALES):
            continue  # a spelling the case-insensitive pattern accepts but no table lists ("uſd")
        if number.lower() in _NUMBER_WORDS and _NUMBER_WORD_BEFORE.search(text[:match.start()]):
            continue  # "five hundred million euros", "twenty five million": not read from their last word
        try:
            word = _NUMBER_WORDS.get(number.lower())
            value = float(word) if word is not None else float(number.replace(",", ""))
        except ValueError:
            continue
        if scale:
            value *= _SCALES[_folded(scale)]
        if not _plausible(text, match.start(), end, value):
            continue
        qualifier = None
        if match.group("qual"):
            words = " ".join(match.group("qual").lower().split())
            qualifier = {"up to": "up_to", "more than": "more_than", "over": "more_than",
                         "between": "range"}.get(words, "about")
        if high is not None:
            qualifier = "range"
        position = end
        found.append(MoneyMention(match.start(), end, text[match.start():end].strip(), value, currency, qualifier))
    return _with_stated_usd(text, found)


def _next_money(text: str, lowered: str | None, position: int) -> re.Match[str] | None:
    """``MONEY_PATTERN.search(text, position)``, started a few words before the next currency.

    ``lowered`` is ``text.lower()`` when it lines up with ``text`` character for character
    (else None)."""
    currency = _next_currency(text, lowered, position)
    if currency is None:
        return None  # no currency left: no money left
    start = currency
    for _ in range(_WORDS_BEFORE_CURRENCY):
        # str.isspace is the regex's \s: a word here is what lies between \s runs
        while start > position and text[start - 1].isspace():
            start -= 1
        while start > position and not text[start - 1].isspace():
            start -= 1
    return MONEY_PATTERN.search(text, start)


def _next_currency(text: str, lowered: str | None, position: int) -> int | None:
    """Where ``_CURRENCY.search(text, position)`` would match."""
    if lowered is None:
        found = _CURRENCY.search(text, position)
        return found.start() if found else None
    while (hint := _CURRENCY_HINT.search(lowered, position)) is not None:
        if _CURRENCY.match(text, hint.start()):
            return hint.start()
        position = hint.start() + 1  # "rs" in "years": hints may overlap, so step by one
    return None


def _plausible(text: str, start: int, end: int, value: float) -> bool:
    """Not glued to more digits or letters, not negative, finite and at most :data:`MAX_VALUE`."""
    if end < len(text) and text[end].isalnum():
        return False  # "$1e30", "$100s"
    if start > 0 and text[start - 1] in _MINUS and (start == 1 or not text[start - 2].isalnum()):
        return False  # "-$5 million"; "$3-$5" is a range the pattern reads as one mention
    return math.isfinite(value) and value <= MAX_VALUE


_EQUIVALENT = re.compile(r"^\s*[(\[,]\s*(?:or\s+)?(?:approximately|approx\.|about|roughly|around|some|nearly|~)?\s*$",
                         re.IGNORECASE)


def _with_stated_usd(text: str, found: list[MoneyMention]) -> list[MoneyMention]:
    """A foreign amount followed by its dollar equivalent is one amount: the text's own
    conversion beats the bundled rate ("¥10.15 billion (approximately US$90.2 million)")."""
    out: list[MoneyMention] = []
    skip = set()
    for index, mention in enumerate(found):
        if index in skip:
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if (following is not None and mention.currency != "USD" and following.currency == "USD"
                and _EQUIVALENT.match(text[mention.end:following.start])):
            out.append(MoneyMention(mention.start, mention.end, mention.text, mention.value, mention.currency,
                                    mention.qualifier, stated_usd=following.value))
            skip.add(index + 1)
            continue
        out.append(mention)
    return out


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("nlp").joinpath("data", "fx_rates.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _rates() -> dict[str, dict[int, float]]:
    return {cur: {int(y): float(r) for y, r in years.items()} for cur, years in _data()["usd_per_unit"].items()}


@lru_cache(maxsize=1)
def _monthly() -> dict[str, dict[date, float]]:
    """Month-midpoint rates: {currency: {date(year, month, 15): rate}}."""
    table: dict[str, dict[date, float]] = {}
    for currency, years in (_data().get("usd_per_unit_monthly") or {}).items():
        points = table.setdefault(currency, {})
        for year, months in years.items():
            for month, rate in enumerate(months, 1):
                points[date(int(year), month, 15)] = float(rate)
    return table


def rate_on(currency: str, on: date | None) -> float | None:
    """US dollars per unit on a date: interpolated between the monthly midpoints around it
    where the table has them, else the yearly average (the nearest year outside the table)."""
    points = _monthly().get(currency)
    if points and on is not None:
        days = sorted(points)
        if days[0] <= on <= days[-1]:
            after = next(d for d in days if d >= on)
            before = max(d for d in days if d <= on)
            if before == after:
                return points[before]
            share = (on - before).days / (after - before).days
            return points[before] + (points[after] - points[before]) * share
    table = _rates().get(currency)
    if not table:
        return None
    year = on.year if on else max(table)
    nearest = min(table, key=lambda y: abs(y - year))
    return table[nearest]


def to_usd(value: float, currency: str, on: date | None) -> float | None:
    """USD value at the bundled rate of the date (see :func:`rate_on`); None for an unknown currency."""
    if currency == "USD":
        return value
    rate = rate_on(currency, on)
    return None if rate is None else round(value * rate, 2)
