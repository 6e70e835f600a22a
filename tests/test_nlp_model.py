"""The optional statistical pipeline: a configured spaCy model fills gaps, the gazetteer wins.

No model is downloaded here: a small pipeline saved to disk stands in for one (its "ner" is an
entity ruler that tags what a statistical model would), loaded the way a user's installed
model is, by name or path.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import spacy

from nlp.events import EventExtractor
from nlp.gazetteer import load_gazetteer
from nlp.pipeline import ModelError, build_nlp
from spacemine.records import Document
from spacemine.settings import ConfigError, load_settings

WHEN = datetime(2026, 3, 10, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> str:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ner = nlp.add_pipe("entity_ruler", name="ner")
    ner.add_patterns([
        {"label": "ORG", "pattern": "zeta rocks"},         # lower case: only a model would call it a company
        {"label": "PERSON", "pattern": "Astrobotic"},      # a model's mistake the gazetteer must override
        {"label": "PERSON", "pattern": "Orbital Depot Systems"},
    ])
    path = tmp_path_factory.mktemp("model") / "fake_model"
    nlp.to_disk(path)
    return str(path)


def _events(nlp, text: str):
    document = Document(doc_id="m", source_id="test", kind="news", external_id="m", url=None, title="Notes",
                        published_at=WHEN, fetched_at=WHEN, text=text)
    return EventExtractor(nlp, load_gazetteer()).extract([document])["m"]


def test_a_models_organisation_fills_a_gap_the_gazetteer_and_name_shapes_leave(model_path):
    text = "zeta rocks raised $4 million in a seed round."

    assert _events(build_nlp(), text) == []
    (event,) = _events(build_nlp(model=model_path), text)
    assert event.type == "funding_round" and event.actors[0].name == "zeta rocks"
    assert event.actors[0].org_id.startswith("new:")


def test_the_gazetteer_wins_where_the_model_disagrees(model_path):
    (event,) = _events(build_nlp(model=model_path), "NASA has awarded Astrobotic a $20 million task order.")

    assert event.actors[0].org_id == "astrobotic"


def test_a_models_person_or_place_keeps_a_capitalised_name_from_being_a_company(model_path):
    text = "Orbital Depot Systems raised $3 million in a seed round."

    assert _events(build_nlp(), text)[0].actors[0].name == "Orbital Depot Systems"
    assert _events(build_nlp(model=model_path), text) == []


def test_a_model_that_is_not_installed_is_a_clear_error():
    with pytest.raises(ModelError, match="en_core_web_nonexistent.*nlp.model"):
        build_nlp(model="en_core_web_nonexistent")


def test_the_model_is_configured_in_the_config_file(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("nlp:\n  model: en_core_web_sm\n")
    assert load_settings({"SPACEMINE_CONFIG": str(config)}).nlp_model == "en_core_web_sm"
    assert load_settings({}).nlp_model is None
    config.write_text("nlp:\n  model: 3\n")
    with pytest.raises(ConfigError, match="nlp.model"):
        load_settings({"SPACEMINE_CONFIG": str(config)})
