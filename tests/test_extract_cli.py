"""`spacemine extract`: JSONL texts in, one line of events per text out (the scorer's format)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from spacemine.cli import EXIT_USAGE, main

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_extract_writes_one_line_per_text_with_typed_events(tmp_path):
    source = _write(tmp_path / "in.jsonl", [
        {"id": "a", "title": "Award", "published": "2026-11-02",
         "text": "NASA awarded Intuitive Machines $30 million to deliver a drill to the Moon."},
        {"id": "b", "title": "Science", "published": "2026-11-02", "text": "Regolith holds oxygen."},
        {"id": 3, "title": "Round", "published": "2026-11-03T10:00:00Z",
         "text": "AstroForge raised $40 million in a Series A round led by Initialized Capital."},
    ])
    out = tmp_path / "out.jsonl"
    assert main(["extract", "--input", str(source), "--output", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "3"]
    award, nothing, round_ = (line["events"] for line in lines)
    assert nothing == []
    assert award[0]["type"] == "contract_award" and award[0]["actors"] == ["Intuitive Machines"]
    assert award[0]["counterparty"] == ["NASA"] and award[0]["amount_usd"] == 30_000_000
    assert round_[0]["type"] == "funding_round" and round_[0]["stage"] == "series_a"
    evidence = award[0]["evidence"][0]
    text = "NASA awarded Intuitive Machines $30 million to deliver a drill to the Moon."
    assert text[evidence["start"]:evidence["end"]].strip() == evidence["sentence"]


@pytest.mark.parametrize("line, message", [
    ("not json", "in.jsonl:1"),
    ('{"title": "no id"}', "id"),
    ('{"id": "x", "text": "t", "published": "yesterday"}', "published"),
])
def test_bad_input_lines_are_named(tmp_path, capsys, line, message):
    source = tmp_path / "in.jsonl"
    source.write_text(line + "\n")
    assert main(["extract", "--input", str(source), "--output", str(tmp_path / "o.jsonl")]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_the_dev_set_scores_through_the_shared_scorer(tmp_path):
    if not (SHARED_EVAL / "dev_events.jsonl").exists():
        pytest.skip("the evaluation set is not beside this clone")
    out = tmp_path / "pred.jsonl"
    assert main(["extract", "--input", str(SHARED_EVAL / "dev_events.jsonl"), "--output", str(out)]) == 0
    result = subprocess.run([sys.executable, str(SHARED_EVAL / "score_events.py"),
                             str(SHARED_EVAL / "dev_events.jsonl"), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    f1 = float(report.strip().splitlines()[-1].split()[1])
    amounts = re.search(r"amount accuracy .*= ([0-9.]+)", report)
    negatives = re.search(r"false-positive rate on negative documents: \d+/\d+ = ([0-9.]+)", report)
    # The acceptance bar on the labelled dev set.
    assert f1 >= 0.90, report
    assert amounts and float(amounts.group(1)) >= 0.90, report
    assert negatives and float(negatives.group(1)) <= 0.05, report
