"""Event candidates from a spaCy Doc: contract awards and funding rounds, with evidence.

The contract is final even though the rules will deepen: a ``Doc`` plus the ``Document`` it
came from go in, :class:`EventCandidate` records with :class:`Evidence` (the sentence's
character offsets and the id of the pattern that fired) come out.

Rules, per sentence:
- a trigger: award language (awarded, task order, contract, selected, purchase order ...) or
  funding language (raised, seed/Series round, financing ...);
- an actor from the gazetteer: the recipient (a company or university) of an award, the
  raiser (a company) of a round; counterparties are the agencies (awards) or the investors
  named in the sentence (rounds);
- hedged or background sentences are skipped: plans and talks ("plans to raise", "in talks",
  "set to"), and relative clauses about the past ("which won ... last year").
The amount is the money mention nearest the trigger; "up to" marks a ceiling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.gazetteer import Gazetteer, load_gazetteer
from nlp.money import MoneyMention, find_money
from spacemine.records import Amount, Document, EventCandidate, Evidence, OrgRef

_AWARD = re.compile(
    r"\b(award(?:ed|s|ing)?|contracts?|task orders?|delivery orders?|purchase orders?|"
    r"selected|selects|chose|chosen|picked|won|wins|grants?|granted|receives?|received)\b",
    re.IGNORECASE,
)
_FUNDING = re.compile(
    r"\b(rais(?:ed|es|ing)|funding round|financing|seed round|pre-seed|seed funding|"
    r"series [a-f]\b|(?:investment|funding|equity) round|round led by)",
    re.IGNORECASE,
)
_ROUND_WORD = re.compile(r"\b(round|seed|series [a-f]|financing|funding|raised|raises)\b", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(plans? to|planning to|in talks|considering|consider|seeks? to|seeking|aims? to|"
    r"intends? to|hopes? to|set to|expected to|is expected|would be|could|(?-i:may)|might|"
    r"proposals?|solicitation|request for proposals|competing for|bid for|will compete)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(?:which|that|who)\s+(?:previously\s+|had\s+|has\s+)?(?:won|raised|received|secured|closed)\b|"
    r"\b(?:last|previous)\s+(?:year|month)\b|\bpreviously\b|\bin\s+(?:19|20)\d\d\b.*\b(?:won|raised)\b|"
    # Cumulative totals are not a new round: "brings the total raised to $52 million".
    r"\b(?:brings?|bringing|took|takes)\s+(?:the|its|their)\s+total\b|\btotal\s+(?:raised|funding)\b|"
    r"\bto\s+date\b|\bso\s+far\b|\bsince\s+(?:its\s+)?(?:founding|inception)\b|"
    # How past work was paid for is background, not an award: "paid for by NASA study contracts".
    r"\bpaid\s+for\s+by\b|\bfunded\s+(?:its|their)\s+work\b",
    re.IGNORECASE,
)
_STAGE = re.compile(r"\b(pre-seed|seed|series ([a-f]))\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    org_id: str
    name: str
    kind: str
    start_char: int


class EventExtractor:
    """Doc in, candidates out. Holds the pipeline and gazetteer; cheap to call per document."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer or load_gazetteer()

    # Public API ---------------------------------------------------------------------------
    def extract(self, documents: Sequence[Document], batch_size: int = 64) -> dict[str, list[EventCandidate]]:
        """Candidates for each document (by doc_id), from its text and its title."""
        texts = []
        for document in documents:
            texts.append((document.text or "", (document, "text")))
            texts.append((document.title or "", (document, "title")))
        results: dict[str, list[EventCandidate]] = {d.doc_id: [] for d in documents}
        for doc, (document, field) in self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            results[document.doc_id].extend(self.candidates_from_doc(doc, document, field))
        return {doc_id: _best_per_event(found) for doc_id, found in results.items()}

    def candidates_from_doc(self, doc: Doc, document: Document, field: str = "text") -> list[EventCandidate]:
        """The final interface: a processed Doc and its Document give candidates with evidence."""
        money = find_money(doc.text)
        programs = [self._program_name(ent.ent_id_) for ent in doc.ents if ent.label_ == "PROGRAM"]
        found: list[EventCandidate] = []
        for sentence in doc.sents:
            found.extend(self._from_sentence(sentence, document, field, money, programs))
        return found

    # Rules ---------------------------------------------------------------------------------
    def _from_sentence(
        self,
        sentence: Span,
        document: Document,
        field: str,
        money: list[MoneyMention],
        doc_programs: list[str],
    ) -> Iterable[EventCandidate]:
        text = sentence.text
        if not text.strip() or _HEDGE.search(text) or _BACKGROUND.search(text):
            return []
        mentions = self._org_mentions(sentence)
        if not mentions:
            return []
        sentence_money = [m for m in money if sentence.start_char <= m.start < sentence.end_char]
        programs = [self._program_name(e.ent_id_) for e in sentence.ents if e.label_ == "PROGRAM"] or doc_programs[:1]
        award = _AWARD.search(text)
        funding = _FUNDING.search(text)
        if funding and (not award or _ROUND_WORD.search(text)) and not _is_award_sentence(text, mentions):
            candidate = self._funding(sentence, document, field, mentions, sentence_money, funding)
        elif award:
            candidate = self._award(sentence, document, field, mentions, sentence_money, award, programs)
        else:
            candidate = None
        return [candidate] if candidate else []

    def _award(self, sentence, document, field, mentions, money, trigger, programs) -> EventCandidate | None:
        recipients = [m for m in mentions if m.kind in ("company", "university")]
        agencies = [m for m in mentions if m.kind == "agency"]
        if not recipients or not (agencies or money):
            return None
        amount_mention = _nearest(money, sentence.start_char + trigger.start())
        lowered = sentence.text.lower()
        kind = "task_order" if "task order" in lowered or "delivery order" in lowered else "obligation"
        confidence = 0.55 + (0.2 if amount_mention else 0) + (0.15 if agencies else 0)
        return self._candidate(
            "contract_award", f"award.{trigger.group(1).lower().split()[0]}", sentence, document, field,
            actors=recipients[:1], counterparties=agencies, amount_mention=amount_mention,
            amount_kind=kind, program=programs[0] if programs else None, confidence=confidence,
        )

    def _funding(self, sentence, document, field, mentions, money, trigger) -> EventCandidate | None:
        raisers = [m for m in mentions if m.kind == "company"]
        if not raisers:
            return None
        if not money and not re.search(r"\bundisclosed\b", sentence.text, re.I):
            return None  # "a seed round" mentioned in passing is not news of a raise
        investors = [m for m in mentions if m.kind == "investor"]
        amount_mention = _nearest(money, sentence.start_char + trigger.start())
        stage_match = _STAGE.search(sentence.text)
        stage = None
        if stage_match:
            stage = f"series_{stage_match.group(2).lower()}" if stage_match.group(2) else stage_match.group(1).lower().replace("-", "_")
        confidence = 0.55 + (0.2 if amount_mention else 0) + (0.1 if investors or stage else 0)
        return self._candidate(
            "funding_round", f"funding.{trigger.group(1).lower().split()[0]}", sentence, document, field,
            actors=raisers[:1], counterparties=investors, amount_mention=amount_mention,
            amount_kind="round", program=None, confidence=confidence, stage=stage,
        )

    def _candidate(self, type_, pattern_id, sentence, document, field, *, actors, counterparties,
                   amount_mention, amount_kind, program, confidence, stage=None) -> EventCandidate:
        on = document.published_at.date() if document.published_at else None
        amount = None
        if amount_mention:
            kind = "ceiling" if amount_mention.qualifier == "up_to" else amount_kind
            amount = Amount(
                value=amount_mention.value, currency=amount_mention.currency, usd=amount_mention.usd(on),
                kind=kind, text=amount_mention.text, qualifier=amount_mention.qualifier,
            )
        return EventCandidate(
            type=type_,
            actors=tuple(OrgRef(m.org_id, m.name, m.kind) for m in actors),
            counterparties=tuple(OrgRef(m.org_id, m.name, m.kind) for m in _unique(counterparties)),
            amount=amount,
            evidence=Evidence(
                doc_id=document.doc_id, field=field, sentence_start=sentence.start_char,
                sentence_end=sentence.end_char, sentence=sentence.text.strip(), pattern_id=pattern_id,
            ),
            program=program,
            stage=stage,
            event_date=on,
            date_granularity="day" if on else None,
            confidence=round(min(confidence, 0.95), 2),
        )

    def _program_name(self, program_id: str) -> str:
        program = self.gazetteer.programs.get(program_id)
        return program.name if program else program_id

    def _org_mentions(self, sentence: Span) -> list[_Mention]:
        mentions = []
        for ent in sentence.ents:
            if ent.label_ != "ORG":
                continue
            org = self.gazetteer.org(ent.ent_id_)
            if org is not None:
                mentions.append(_Mention(org.id, org.name, org.kind, ent.start_char))
        return mentions


def _is_award_sentence(text: str, mentions: list[_Mention]) -> bool:
    """'NASA awarded X $5M' mentions funding words rarely; agency + award verb wins over 'funding'."""
    has_agency = any(m.kind == "agency" for m in mentions)
    return has_agency and bool(re.search(r"\b(award(?:ed|s)?|task order|contract|selected)\b", text, re.I)) \
        and not re.search(r"\b(round|series [a-f]|seed)\b", text, re.I)


def _nearest(money: list[MoneyMention], position: int) -> MoneyMention | None:
    return min(money, key=lambda m: abs(m.start - position)) if money else None


def _unique(mentions: Iterable[_Mention]) -> list[_Mention]:
    seen: dict[str, _Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.org_id, mention)
    return list(seen.values())


def _best_per_event(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """One candidate per (type, actors) in a document: the one with an amount and most confidence."""
    best: dict[tuple, EventCandidate] = {}
    for candidate in candidates:
        key = (candidate.type, tuple(a.org_id for a in candidate.actors))
        current = best.get(key)
        rank = (candidate.amount is not None, candidate.evidence.field == "text", candidate.confidence)
        if current is None or rank > (current.amount is not None, current.evidence.field == "text", current.confidence):
            best[key] = candidate
    return list(best.values())
