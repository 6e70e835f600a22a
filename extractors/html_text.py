"""HTML to plain text with BeautifulSoup.

Feed bodies (``content:encoded``, ``summary``) are HTML fragments. We keep paragraph breaks
(the sentence splitter and evidence offsets depend on them), drop scripts, styles and
boilerplate, decode entities once, and collapse whitespace. Text that *looks* like markup
after decoding (``<!channel>``) stays literal: escaping for Slack happens at delivery.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "figure")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")


def html_to_text(fragment: str | None) -> str:
    """Readable text of an HTML fragment, paragraphs separated by a blank line."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _normalise(fragment)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return _normalise(soup.get_text())


def _normalise(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
