"""Fast paths give what the plain code gives: money found near currencies, dates looked for
only where a month or a year is written, background words only where their words are, sentence
starts computed without spaCy's sentencizer."""

from __future__ import annotations

import re
from datetime import date

import pytest
import spacy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START

from nlp import money, timing
from nlp.context import _rule_based_starts
from nlp.money import MONEY_PATTERN, find_money
from nlp.timing import is_background, resolve_dates

TEXTS = [
    "It won up to   \n $10 million, then more than twenty million dollars and 5 EUR.",
    "approximately ten million euros; a 3 rs engine; Rs. 40 crore; RS 25; -$5 million; $1e30",
    "US$5m, C$ 3 billion, A$2.5 bn and ¥10.15 billion (approximately US$90.2 million)",
    "European partners, entrepreneurs and the Saudi fund: no money here, but years of it.",
    "DOLLARS: 12 DOLLARS, 7 EUROS, five hundred million euros and a million dollars",
    # "ſ" and "ı" read as "s" and "i" to a case-insensitive pattern but lower-case to themselves,
    # and "İ" lower-cases to two characters: these texts take the full scan
    "Paſt deals: up to $5 million; ınvestors put in 3 million dollars", "İstanbul's fund raised USD 5 million",
]


@pytest.mark.parametrize("text", TEXTS)
def test_money_found_near_currencies_is_the_money_of_a_full_scan(text, monkeypatch):
    near = find_money(text)
    monkeypatch.setattr(money, "_next_money", lambda text, lowered, position: MONEY_PATTERN.search(text, position))
    assert near == find_money(text)


@pytest.mark.parametrize("text", [
    "The lander touched down on Feb. 22, 2024, after a launch in mid-February.",
    "by the end of 2029; no earlier than late SEPTEMBER; on 3 March; during 1999",
    "Contracts were signed last spring and the company grew", "In early ٢٠٢١ it raised money",
])
def test_clauses_without_a_month_or_year_hold_no_date(text, monkeypatch):
    published = date(2024, 3, 1)
    hinted = resolve_dates(text, published)
    monkeypatch.setattr(timing, "_DATE_HINT", re.compile(""))  # every clause read in full
    assert hinted == resolve_dates(text, published)


@pytest.mark.parametrize("text", [
    "NASA picked Intuitive Machines. The award is $118 million! Is it? Yes.",
    "U.S. officials said... \"We won.\" (The deal closed.) ok?! Fine. 。Next",
    "... starts with dots. And ends without", "One", "?", "Hello world",
])
def test_sentence_starts_are_the_sentencizers(text):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    array = doc.to_array([SENT_START, ORTH, IS_PUNCT])
    expected = [i for i, value in enumerate(array[:, 0].tolist()) if value == 1]
    assert _rule_based_starts(array[:, 1].tolist(), array[:, 2].tolist()) == expected


@pytest.mark.parametrize("text", [
    "The company was founded last year", "It LAST raised money in the sprİng", "that May it closed a round",
    "that may be news", "formerly known as Ispace", "it previously raised $5 million", "two years later it flew",
    "The lander touched down on Tuesday", "Contracts signed ſummer", "over the past three decades",
])
def test_clauses_without_a_background_word_are_not_read_for_one(text, monkeypatch):
    published = date(2024, 3, 1)
    hinted = is_background(text, published)
    monkeypatch.setattr(timing, "_may_say_background", lambda text: True)  # every clause read in full
    assert hinted == is_background(text, published)


@pytest.mark.parametrize("pattern, gated", [
    (re.compile(r"\b(touched\s+down|(?:successfully\s+)?landed|['’]re\s+partnering|a\s+hard\s+landing|no\s+chance)",
                re.IGNORECASE), True),
    (re.compile(r"(?:touched|landed)"), False),                     # no word boundary first: every position
    (re.compile(r"\b([A-Z]\w+\s+landed)"), False),                 # a class of many letters first
    (re.compile(r"\b((?i:touched)\s+down)"), False),                # an inline case flag
])
def test_the_first_letters_gate_is_read_only_where_it_is_safe(pattern, gated):
    from nlp.prefilter import _read_gate, finditer
    assert (_read_gate(pattern) is not None) == gated
    # ("we’re": a match opening on a mark after a word; "a no chance": a candidate that fails two letters
    # before one that matches)
    text = ("It touched down. TOUCHED DOWN; ſuccessfully landed, touched  down and we’re partnering, landed, "
            "with a no chance of a hard landing.")
    assert [m.span() for m in finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]
