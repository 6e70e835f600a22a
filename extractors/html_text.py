"""HTML to plain text with BeautifulSoup.

Feed bodies (``content:encoded``, ``summary``) are HTML fragments. We keep paragraph breaks
(the sentence splitter and evidence offsets depend on them), drop scripts, styles and
boilerplate, decode entities once, and collapse whitespace. Text that *looks* like markup
after decoding (``<!channel>``) stays literal: escaping for Slack happens at delivery.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, CData, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.exceptions import ParserRejectedMarkup

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "figure")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")
_TEXT_TYPES = (NavigableString, CData)


def parse_html(markup: str | bytes, from_encoding: str | None = None) -> BeautifulSoup:
    """BeautifulSoup with Python's ``html.parser``, which never gives up on a page except on a
    few broken markup declarations ("<![," raises ``ParserRejectedMarkup``). A hostile or
    truncated page must not stop a run: the declaration openers are escaped (they become
    text) and the page is parsed again; if that fails too, the page reads as empty."""
    options = {"from_encoding": from_encoding} if isinstance(markup, bytes) and from_encoding else {}
    try:
        return BeautifulSoup(markup, "html.parser", **options)
    except ParserRejectedMarkup:
        pass
    escaped = markup.replace(b"<!", b"&lt;!") if isinstance(markup, bytes) else markup.replace("<!", "&lt;!")
    try:
        return BeautifulSoup(escaped, "html.parser", **options)
    except ParserRejectedMarkup:
        return BeautifulSoup("", "html.parser")


def html_to_text(fragment: str | None) -> str:
    """Readable text of an HTML fragment, paragraphs separated by a blank line."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _normalise(fragment)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = parse_html(fragment)
    return _normalise("".join(_text_pieces(soup)))


def _text_pieces(soup: BeautifulSoup) -> list[str]:
    """The strings ``soup.get_text()`` would give, with a paragraph break around block tags and
    without the dropped tags.

    One walk with an explicit stack, without changing the tree: inserting a break after a tag
    (``insert_after``) costs bs4 a walk to the tag's last descendant, which made 100,000 nested
    ``<div>`` take minutes, and a recursive walk would overflow Python's stack on such a page.
    Like ``get_text()``, only plain strings and CDATA count (not comments, doctypes or
    processing instructions).
    """
    pieces: list[str] = []
    stack: list[object] = [iter(soup.contents)]
    while stack:
        top = stack[-1]
        if isinstance(top, str):  # the break that closes a block tag
            stack.pop()
            pieces.append(top)
            continue
        child = next(top, None)  # type: ignore[call-overload]
        if child is None:
            stack.pop()
        elif isinstance(child, Tag):
            if child.name in _DROP_TAGS:
                continue
            if child.name in _BLOCK_TAGS:
                pieces.append("\n\n")
                stack.append("\n\n")
            stack.append(iter(child.contents))
        elif type(child) in _TEXT_TYPES:
            pieces.append(str(child))
    return pieces


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _normalise(text: str) -> str:
    # NUL and the other C0 and C1 control characters are never text (in a feed they come from a
    # broken or hostile body or a wrong charset): they would end up in the warehouse and in Slack
    # messages, so they are dropped. Tabs, form feeds and line breaks are whitespace, kept.
    text = _CONTROLS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
