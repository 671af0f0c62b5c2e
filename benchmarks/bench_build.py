"""Benchmark: how fast the pipeline stages run over the shared corpora.

Reports, per stage, the time for all policies of ../shared/corpus and ../shared/corpus-extra
(repeated --repeat times), and the whole build into a store. Figures only; nothing asserts.

Usage: .venv/bin/python benchmarks/bench_build.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graphbuilder.build import build
from graphbuilder.extract import extract
from graphbuilder.ingest import find_policies, read_policy
from graphbuilder.lexicon import load_lexicon
from graphbuilder.pipeline import run_build
from graphbuilder.segment import segment

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = find_policies([SHARED / "corpus", SHARED / "corpus-extra"])
    started = time.perf_counter()
    lexicon = load_lexicon()
    print(f"lexicon load: {time.perf_counter() - started:.2f} s")
    totals = {"ingest": 0.0, "segment": 0.0, "extract": 0.0, "build": 0.0}
    characters = statements = triples = 0
    for _ in range(args.repeat):
        for path in files:
            t0 = time.perf_counter()
            doc = read_policy(path)
            t1 = time.perf_counter()
            sections = segment(doc)
            t2 = time.perf_counter()
            result = extract(doc, sections, lexicon)
            t3 = time.perf_counter()
            graph = build(result, lexicon)
            t4 = time.perf_counter()
            for stage, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                totals[stage] += seconds
            characters += len(doc.text)
            statements += len(result.statements)
            triples += len(graph)
    runs = len(files) * args.repeat
    print(f"{runs} policy runs, {characters / runs:,.0f} characters, {statements / runs:.1f} statements, "
          f"{triples / runs:,.0f} triples per policy on average")
    for stage, seconds in totals.items():
        print(f"{stage:>8}: {1000 * seconds / runs:7.1f} ms per policy")
    print(f"   total: {sum(totals.values()) / runs * 1000:7.1f} ms per policy, "
          f"{runs / sum(totals.values()):.1f} policies per second")
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        report = run_build([SHARED / "corpus", SHARED / "corpus-extra"], out)
        print(f"full build of {len(report.policies)} policies into a store with exports: "
              f"{time.perf_counter() - t0:.2f} s ({report.total_triples:,} triples)")


if __name__ == "__main__":
    main()
