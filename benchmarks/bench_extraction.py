"""Extraction speed as a ratio: the whole extractor against spaCy's tokenizer alone.

Both run on the same generated texts in the same process, alternating, best of several
rounds; the figure that matters is the ratio (extraction words per second divided by
tokenizer-only words per second), which is stable across machines where absolute speeds
are not. The issue's goal: at least 10%.

Run: ``make bench`` (all benchmarks) or ``python -m benchmarks.bench_extraction [--docs N]``.
"""

from __future__ import annotations

import argparse
import platform
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.corpus import generate
from spacemine.records import Document

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_events.jsonl"


def load_jsonl(path: Path, docs: int) -> list[Document]:
    """Texts in the evaluation format ({"id", "title", "text", "published"}), repeated to ``docs``."""
    from spacemine.extract_io import read_records

    with open(path, encoding="utf-8") as handle:
        base = list(read_records(handle, str(path)))
    if not base:
        raise SystemExit(f"{path}: no records")
    return [replace(base[i % len(base)], doc_id=f"{base[i % len(base)].doc_id}-{i}") for i in range(max(docs, len(base)))]


def measure(docs: int = 2000, rounds: int = 3, source: Path | None = None) -> dict[str, float]:
    from nlp.events import EventExtractor
    from nlp.pipeline import build_nlp

    documents = load_jsonl(source, docs) if source else generate(docs)
    nlp = build_nlp()
    extractor = EventExtractor(nlp)
    texts = [t for d in documents for t in (d.title, d.text)]
    words = sum(len(t.split()) for t in texts)
    extractor.extract(documents[:20])  # warm caches (regexes, gazetteer) outside the timing
    best_tokenizer = best_extract = float("inf")
    events = 0
    for _ in range(rounds):
        began = time.perf_counter()
        for _doc in nlp.tokenizer.pipe(texts, batch_size=256):
            pass
        best_tokenizer = min(best_tokenizer, time.perf_counter() - began)
        began = time.perf_counter()
        found = extractor.extract(documents)
        best_extract = min(best_extract, time.perf_counter() - began)
        events = sum(len(v) for v in found.values())
    return {
        "documents": docs, "words": words, "events": events,
        "tokenizer_words_per_s": words / best_tokenizer, "extraction_words_per_s": words / best_extract,
        "ratio": best_tokenizer / best_extract,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--input", type=Path, default=None,
                        help="JSONL texts to measure on (default: the labelled dev set when it sits beside the "
                             "project, else the generated corpus)")
    args = parser.parse_args()
    source = args.input or (SHARED_EVAL if SHARED_EVAL.is_file() else None)
    result = measure(args.docs, args.rounds, source)
    corpus = source.name if source else "generated corpus"
    print(f"extraction vs tokenizer on {corpus} ({platform.machine()}, Python {platform.python_version()})")
    print(f"  corpus: {result['documents']} documents, {result['words']:,} words, {result['events']} events found")
    print(f"  tokenizer only : {result['tokenizer_words_per_s']:>12,.0f} words/s")
    print(f"  full extraction: {result['extraction_words_per_s']:>12,.0f} words/s")
    print(f"  ratio          : {result['ratio']:.1%} of tokenizer speed (goal: at least 10%)")


if __name__ == "__main__":
    main()
