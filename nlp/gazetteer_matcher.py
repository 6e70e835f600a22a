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
        self._keys: dict[int, tuple[str, str]] = {}  # match id -> (label, entity id), split once

    def add_patterns(self, any_case: list[dict[str, Any]], exact: list[dict[str, Any]]) -> None:
        for matcher, patterns in ((self.any_case, any_case), (self.exact, exact)):
            grouped: dict[str, list[Doc]] = {}
            for pattern in patterns:
                key = f"{pattern['label']}|{pattern['id']}"
                grouped.setdefault(key, []).append(self._tokenizer(pattern["pattern"]))
            for key, docs in grouped.items():
                matcher.add(key, docs)
                label, entity_id = key.split("|", 1)
                self._keys[self.vocab.strings.add(key)] = (label, entity_id)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for priority, matcher in ((1, self.any_case), (0, self.exact)):
            for match_id, start, end in matcher(doc):
                label, entity_id = self._keys[match_id]
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
        ents = [Span(doc, s, e, label=label, span_id=entity_id) for s, e, label, entity_id in chosen]
        doc.user_data[USER_DATA_KEY] = [(ent.start_char, ent.end_char, label, entity_id)
                                        for ent, (_, _, label, entity_id) in zip(ents, chosen)]
        # A statistical model ran before us: its entities fill the gaps the gazetteer leaves.
        model = [ent for ent in doc.ents if not any(taken[ent.start:ent.end])] if doc.has_annotation("ENT_IOB") else []
        doc.user_data[MODEL_DATA_KEY] = [(ent.start_char, ent.end_char, ent.label_) for ent in model]
        if not model:
            doc.ents = ents  # already non-overlapping and in order: filter_spans would cost a third of this component
        elif self.overwrite_ents:
            doc.ents = filter_spans(ents + model)
        else:
            doc.ents = filter_spans(model + ents)
        return doc


@Language.factory("spacemine_gazetteer", default_config={"overwrite_ents": True})
def make_gazetteer_matcher(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name, overwrite_ents)
