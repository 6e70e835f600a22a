"""Build the spaCy pipeline: blank English, sentence splitting, gazetteer entities.

No statistical model is needed (nor downloaded): the tokenizer and sentencizer ship with
spaCy, and entities come from the gazetteer through an EntityRuler whose match ids are the
canonical organisation and program ids.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from nlp.gazetteer import Gazetteer, load_gazetteer


def build_nlp(gazetteer: Gazetteer | None = None) -> Language:
    gazetteer = gazetteer or load_gazetteer()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(gazetteer.entity_patterns(nlp.tokenizer))
    return nlp


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The shipped pipeline, built once per process (a few hundred patterns: ~0.2 s)."""
    return build_nlp()
