"""Turn what a rule found into an :class:`EventCandidate` with its evidence and amount."""

from __future__ import annotations

from collections.abc import Iterable

from nlp.context import DocContext, Mention, Sentence
from nlp.money import MoneyMention
from nlp.timing import resolve_dates
from spacemine.records import Amount, EventCandidate, Evidence, OrgRef


def org_refs(mentions: Iterable[Mention]) -> tuple[OrgRef, ...]:
    seen: dict[str, OrgRef] = {}
    for mention in mentions:
        seen.setdefault(mention.org_id, OrgRef(mention.org_id, mention.display_name, mention.kind))
    return tuple(seen.values())


def candidate(
    ctx: DocContext,
    sentence: Sentence,
    type_: str,
    pattern_id: str,
    *,
    actors: Iterable[Mention],
    counterparties: Iterable[Mention] = (),
    money: MoneyMention | None = None,
    amount_kind: str = "stated",
    program: str | None = None,
    stage: str | None = None,
    outcome: str | None = None,
    confidence: float = 0.7,
) -> EventCandidate:
    actor_refs = org_refs(actors)
    actor_ids = {a.org_id for a in actor_refs}
    counterparty_refs = tuple(c for c in org_refs(counterparties) if c.org_id not in actor_ids)
    amount = amount_of(ctx, money, amount_kind)
    event_date, granularity = _event_date(ctx, sentence)
    return EventCandidate(
        type=type_,
        actors=actor_refs,
        counterparties=counterparty_refs,
        amount=amount,
        evidence=Evidence(
            doc_id=ctx.document.doc_id, field=sentence.field, sentence_start=sentence.start,
            sentence_end=sentence.end, sentence=sentence.text.strip(), pattern_id=pattern_id,
        ),
        program=program,
        stage=stage,
        outcome=outcome,
        event_date=event_date,
        date_granularity=granularity,
        confidence=round(min(confidence, 0.95), 2),
    )


def amount_of(ctx: DocContext, money: MoneyMention | None, amount_kind: str = "stated") -> Amount | None:
    """A money mention as an event's amount, in dollars at the item's date ("up to" is a ceiling)."""
    if money is None:
        return None
    kind = "ceiling" if money.qualifier == "up_to" else amount_kind
    return Amount(value=money.value, currency=money.currency, usd=money.usd(ctx.published), kind=kind,
                  text=money.text, qualifier=money.qualifier)


def _event_date(ctx: DocContext, sentence: Sentence):  # noqa: ANN202
    """The sentence's own date when it states one near publication, else the publication day."""
    if ctx.published is None:
        return None, None
    for found in resolve_dates(sentence.text, ctx.published):
        if not found.future_marker and found.value <= ctx.published and (ctx.published - found.value).days <= 31:
            return found.value, found.granularity
    return ctx.published, "day"
