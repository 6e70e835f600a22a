"""Build the spaCy pipeline: tokens, sentences, gazetteer entities, and optionally a model.

The default needs no download: blank English and a gazetteer component whose match ids are
the gazetteer's canonical organisation, country, mission and program ids; sentences are split
by spaCy's rule-based sentencizer's rule, applied to token arrays when the context is built.
When an installed spaCy English model is configured (``nlp.model`` in the config,
e.g. ``en_core_web_sm`` or a path to a trained pipeline), its statistical entities fill the
gaps: ORG spans the gazetteer does not know become discovered organisations, and PERSON,
GPE, LOC, DATE and similar spans stop capitalised words from being mistaken for organisations.
The gazetteer wins wherever both match (its ruler runs after the model and overwrites).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from nlp import gazetteer_matcher  # noqa: F401 - registers the "spacemine_gazetteer" factory
from nlp.gazetteer import Gazetteer, load_gazetteer

# Components a statistical English pipeline may have that entity tagging does not need.
_UNNEEDED = ("lemmatizer", "textcat", "textcat_multilabel", "entity_linker", "morphologizer", "tagger",
             "attribute_ruler", "trainable_lemmatizer", "spancat")


class ModelError(RuntimeError):
    """The configured statistical model cannot be loaded; the message says how to fix it."""


def build_nlp(gazetteer: Gazetteer | None = None, model: str | None = None) -> Language:
    gazetteer = gazetteer or load_gazetteer()
    if model:
        try:
            nlp = spacy.load(model, exclude=list(_UNNEEDED))
        except OSError as exc:
            raise ModelError(
                f"nlp.model is set to {model!r} but spaCy cannot load it ({exc}). Install the model "
                f"package (python -m pip install {model} from your package index) or unset nlp.model "
                "to use the gazetteer-only pipeline."
            ) from None
        if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
            nlp.add_pipe("sentencizer", first=True)
        _add_gazetteer(nlp, gazetteer, after="ner" if nlp.has_pipe("ner") else None)
    else:
        # No sentencizer: the context computes its sentence starts from token arrays
        # (nlp.context._rule_based_starts), the same starts at a fraction of its cost.
        nlp = spacy.blank("en")
        _add_gazetteer(nlp, gazetteer)
    _split_handles(nlp)
    return nlp


def _split_handles(nlp: Language) -> None:
    """"Thread from @AstroForge": a social handle is the name after its "@" (spaCy's English
    tokenizer keeps "@AstroForge" as one token, so the gazetteer never saw the name). Only a
    token's first character is a prefix, so e-mail addresses stay whole."""
    prefixes = list(nlp.Defaults.prefixes or ()) + ["@"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search


def _add_gazetteer(nlp: Language, gazetteer: Gazetteer, after: str | None = None) -> None:
    """The gazetteer component (:mod:`nlp.gazetteer_matcher`); it overwrites a model's
    entities where both match: the gazetteer wins."""
    any_case, exact = gazetteer.phrase_patterns()
    placement = {"after": after} if after else {}
    matcher = nlp.add_pipe("spacemine_gazetteer", name="gazetteer", **placement)
    matcher.add_patterns(any_case, exact)


@lru_cache(maxsize=4)
def default_nlp(model: str | None = None) -> Language:
    """The pipeline, built once per process and model (a few thousand patterns: well under a second)."""
    return build_nlp(model=model)
