"""The gazetteer as a spaCy component: two PhraseMatchers (any case, exact case) in one pass.

spaCy's EntityRuler would do the same job, but it re-reads ``doc.ents`` and recounts its
patterns on every document, which at thousands of aliases costs more than tokenizing. This
component matches once per matcher, keeps the longest non-overlapping spans (names in any
case win a tie against exact-case short forms), writes them to ``doc.ents`` with their
canonical id (``ent.ent_id_``), and also leaves them as plain tuples in
``doc.user_data["gazetteer"]`` so the extractor reads them without building a Span per token.
"""

from __future__ import annotations

from typing import Any

import numpy

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

USER_DATA_KEY = "gazetteer"
MODEL_DATA_KEY = "model_entities"


class GazetteerMatcher:
    def __init__(self, nlp: Language, name: str = "gazetteer", overwrite_ents: bool = True) -> None:
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.vocab = nlp.vocab
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._tokenizer = nlp.tokenizer

    def add_patterns(self, any_case: list[dict[str, Any]], exact: list[dict[str, Any]]) -> None:
        for matcher, patterns in ((self.any_case, any_case), (self.exact, exact)):
            grouped: dict[str, list[Doc]] = {}
            for pattern in patterns:
                key = f"{pattern['label']}|{pattern['id']}"
                grouped.setdefault(key, []).append(self._tokenizer(pattern["pattern"]))
            for key, docs in grouped.items():
                matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        strings = self.vocab.strings
        spans = []
        for priority, matcher in ((1, self.any_case), (0, self.exact)):
            for match_id, start, end in matcher(doc):
                label, entity_id = strings[match_id].split("|", 1)
                spans.append((end - start, priority, start, end, label, entity_id))
        # Longest first, any-case before exact-case on a tie; then keep non-overlapping.
        spans.sort(key=lambda s: (-s[0], -s[1], s[2]))
        taken = bytearray(len(doc))
        chosen = []
        for _, _, start, end, label, entity_id in spans:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, label, entity_id))
        chosen.sort()
        found = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label, entity_id) for s, e, label, entity_id in chosen]
        doc.user_data[USER_DATA_KEY] = found
        if not doc.has_annotation("ENT_IOB"):
            # No model ran before us (the default pipeline): no entities to merge with.
            doc.user_data[MODEL_DATA_KEY] = []
            _write_ents(doc, chosen)
            return doc
        ents = [Span(doc, s, e, label=label, span_id=entity_id) for s, e, label, entity_id in chosen]
        # A statistical model ran before us: its entities fill the gaps the gazetteer leaves.
        model = [ent for ent in doc.ents if not any(taken[ent.start:ent.end])]
        doc.user_data[MODEL_DATA_KEY] = [(ent.start_char, ent.end_char, ent.label_) for ent in model]
        if self.overwrite_ents:
            doc.ents = filter_spans(ents + model)
        else:
            doc.ents = filter_spans(model + ents)
        return doc


def _write_ents(doc: Doc, chosen: list[tuple[int, int, str, str]]) -> None:
    """``doc.ents = [Span(doc, start, end, label=label, span_id=entity_id), ...]`` for
    non-overlapping spans sorted by start, written as a token array: the setter builds every
    Span twice and checks every token in Python, which cost as much as matching.

    Token by token this is what the setter writes: B (3) then I (1) with the label on an
    entity's tokens, O (2) and no label elsewhere; inside an entity the id is the span's and
    the knowledge-base id 0, outside both stay as they were.
    """
    strings = doc.vocab.strings
    array = numpy.zeros((len(doc), 2), dtype="uint64")
    array[:, 0] = 2
    for start, end, label, entity_id in chosen:
        label_id = strings.add(label)
        if not label_id:
            continue  # the setter drops a span without a label
        array[start, 0] = 3
        array[start + 1:end, 0] = 1
        array[start:end, 1] = label_id
        span_id = strings.add(entity_id)
        for token in doc[start:end]:
            token.ent_kb_id = 0
            if span_id:  # the setter keeps a token's id when the span has none
                token.ent_id = span_id
    doc.from_array([ENT_IOB, ENT_TYPE], array)


@Language.factory("spacemine_gazetteer", default_config={"overwrite_ents": True})
def make_gazetteer_matcher(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name, overwrite_ents)
