"""Slack message text: escaping of untrusted text, alert and digest messages.

Slack's mrkdwn treats ``<...>`` as links and mentions (``<!channel>``, ``<@U123>``,
``<https://x|label>``) and ``&`` as the start of an entity. Every string that comes from a
source (titles, sentences, names, amounts as written) goes through :func:`escape` so it is
shown literally; only the links *we* build use ``<url|label>``, with both halves escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

MAX_TEXT = 3000  # Slack section block text limit


def escape(text: str | None) -> str:
    """Escape Slack's control characters: &, < and > (in that order)."""
    if not text:
        return ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str | None, label: str) -> str:
    """A Slack link we build ourselves; a URL that could break out of ``<...>`` is not linked."""
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in "<>| \n"):
        return escape(label)
    return f"<{escape(url)}|{escape(label)}>"


def truncate(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_usd(amount: float | None) -> str:
    if amount is None:
        return "undisclosed"
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(amount) >= scale:
            return f"USD {amount / scale:,.1f}{suffix}"
    return f"USD {amount:,.0f}"


TYPE_LABELS = {
    "contract_award": "Contract award",
    "funding_round": "Funding round",
    "acquisition": "Acquisition",
    "partnership": "Partnership",
    "mission_outcome": "Mission outcome",
    "policy": "Policy",
    "filing": "Filing",
}


@dataclass(frozen=True)
class SlackMessage:
    """What a sink delivers: the plain-text fallback and Block Kit blocks (both escaped)."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    markdown: str = ""  # the same content for terminals and files
    thread: list[list[dict[str, Any]]] = field(default_factory=list)  # replies, each within Slack's limits


def event_headline(event: Mapping[str, Any]) -> str:
    actors = ", ".join(event.get("actor_names") or []) or "unknown organisation"
    label = TYPE_LABELS.get(event["type"], event["type"])
    headline = f"{label}: {actors}"
    if event.get("amount_usd") is not None:
        headline += f" — {format_usd(event['amount_usd'])}"
        if event.get("amount_kind") == "ceiling":
            headline += " ceiling"
        if event.get("amount_currency") and event["amount_currency"] != "USD":
            headline += f" ({event.get('amount_text')})"
    return headline


def alert_message(event: Mapping[str, Any], evidence: Sequence[Mapping[str, Any]], reason: str) -> SlackMessage:
    """One alert: what happened, who, how much, program, why it fired, the sentence, sources."""
    headline = escape(event_headline(event))
    details = []
    if event.get("counterparty_names"):
        details.append(f"Counterparty: {escape(', '.join(event['counterparty_names']))}")
    if event.get("program"):
        details.append(f"Program: {escape(str(event['program']))}")
    if event.get("stage"):
        details.append(f"Stage: {escape(str(event['stage']))}")
    sentence = evidence[0]["sentence"] if evidence else ""
    # bounded so that each link fits a block whole: a URL over 1,000 characters is shown unlinked
    sources = [link(e.get("url") if len(e.get("url") or "") <= 1000 else None,
                    truncate(e.get("title") or e.get("source_id") or "source", 200)) for e in evidence]
    fields_line = " · ".join(details)
    body = f"*{headline}*"
    if fields_line:
        body += f"\n{fields_line}"
    if sentence:
        body += f"\n> {truncate(escape(sentence), 1500)}"
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": truncate(body)}},
              *source_blocks(f"Why: {truncate(escape(reason), 1000)} · Sources: ", sources)]
    text = f"{headline}. {escape(sentence)}".strip()
    plain_details = " · ".join(
        part for part in (
            f"Counterparty: {', '.join(event['counterparty_names'])}" if event.get("counterparty_names") else "",
            f"Program: {event['program']}" if event.get("program") else "",
            f"Stage: {event['stage']}" if event.get("stage") else "",
        ) if part
    )
    sources_md = ", ".join(f"[{e.get('title') or e.get('source_id')}]({e.get('url')})" for e in evidence)
    parts = [f"**{event_headline(event)}**", plain_details, f"> {sentence}" if sentence else "",
             f"Why: {reason}", f"Sources: {sources_md}" if evidence else ""]
    markdown = "\n\n".join(part for part in parts if part)
    return SlackMessage(text=truncate(text, 4000), blocks=blocks, markdown=markdown)


MAX_SOURCE_BLOCKS = 45  # Slack takes 50 blocks a message: the rest are counted, not listed


def source_blocks(lead: str, links: Sequence[str]) -> list[dict[str, Any]]:
    """Context blocks listing every source link whole, as many blocks as the links need.

    A block's text is cut at 3,000 characters by Slack; cutting inside ``<url|title>`` would
    post broken markup, so links are packed whole, and an event reported by hundreds of
    sources says how many more there are instead of overflowing the message.
    """
    texts, current = [], lead
    for number, item in enumerate(links or ["n/a"]):
        piece = ("" if current == lead else " · ") + item
        if len(current) + len(piece) > MAX_TEXT - 60:
            texts.append(current)
            current = item
            if len(texts) >= MAX_SOURCE_BLOCKS:
                current = f"…and {len(links) - number} more sources in the warehouse (`event_sources` view)"
                break
        else:
            current += piece
    texts.append(current)
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]} for text in texts]


def forecast_message(version: int, scenario: str, year: int, before: float, after: float,
                     movers: Sequence[tuple], reason: str) -> SlackMessage:
    """A forecast move: the scenario-year, from and to, and the events that moved it most."""
    change = (after - before) / before * 100 if before else 0.0
    headline = (f"Forecast {scenario} {year}: {format_usd(after)} ({change:+.1f}% from {format_usd(before)}), "
                f"version {version}")
    lines = [f"{', '.join(names) if names else 'other inputs'}: {'+' if delta >= 0 else '-'}{format_usd(abs(delta))}"
             for names, delta in movers if delta]
    body = f"*{escape(headline)}*" + (("\nMoved by: " + escape("; ".join(lines))) if lines else "")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": truncate(body)}},
              {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(f"Why: {escape(reason)}")}]}]
    markdown = f"**{headline}**" + (("\n\nMoved by: " + "; ".join(lines)) if lines else "") + f"\n\nWhy: {reason}"
    return SlackMessage(text=truncate(escape(headline), 4000), blocks=blocks, markdown=markdown)


def source_message(source_id: str, failures: int, error: str | None, last_success, reason: str) -> SlackMessage:  # noqa: ANN001
    """A source in trouble: how many failures in a row, the last error, the last success."""
    since = f"{last_success:%Y-%m-%d %H:%M} UTC" if last_success else "never"
    headline = f"Source {source_id} is failing ({failures} in a row); last success: {since}"
    detail = f"Last error: {error}" if error else ""
    body = f"*{escape(headline)}*" + (f"\n{escape(detail)}" if detail else "")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": truncate(body)}},
              {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(f"Why: {escape(reason)}")}]}]
    return SlackMessage(text=truncate(escape(headline), 4000), blocks=blocks,
                        markdown=f"**{headline}**\n\n{detail}\n\nWhy: {reason}".strip())


def grouped_message(rule_id: str, texts: Sequence[str]) -> SlackMessage:
    """Many alerts of one rule as one message (a flood guard): one line each, within Slack's limits.

    ``texts`` are the alerts' plain-text fallbacks, already escaped when they were queued.
    """
    headline = f"{len(texts)} alerts from rule {rule_id}"
    lines = [f"• {truncate(text, 300)}" for text in texts]
    sections, current, shown = [], "", 0
    for line in lines:
        if len(current) + len(line) + 1 > 2900:
            sections.append(current)
            current = ""
            if len(sections) >= 45:
                break
        current += ("\n" if current else "") + line
        shown += 1
    if current and len(sections) < 45:
        sections.append(current)
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": truncate(headline, 150)}}]
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": section}} for section in sections]
    if shown < len(lines):
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn",
                                                        "text": f"…and {len(lines) - shown} more in the warehouse"}]})
    return SlackMessage(text=truncate(f"{escape(headline)}: " + "; ".join(texts), 4000), blocks=blocks,
                        markdown=f"**{headline}**\n\n" + "\n".join(f"- {t}" for t in texts))


def indicator_message(indicator: str, key: str, window_days: int, previous: float, current: float,
                      reason: str) -> SlackMessage:
    """A driver series moving: this trailing window against the one before."""
    money = indicator.endswith("_usd")
    show = format_usd if money else (lambda v: f"{v:,.0f}")
    change = f" ({(current - previous) / previous * 100:+.0f}%)" if previous else ""
    label = indicator.replace("_usd", "").replace("_", " ")
    scope = "" if key == "total" else f" ({key})"
    headline = (f"{label.capitalize()}{scope}: {show(current)} over the last {window_days} days, "
                f"against {show(previous)} the {window_days} days before{change}")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": truncate(f"*{escape(headline)}*")}},
              {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(f"Why: {escape(reason)}")}]}]
    return SlackMessage(text=truncate(escape(headline), 4000), blocks=blocks, markdown=f"**{headline}**\n\nWhy: {reason}")
