"""The build pipeline: policy files → store and export files, one policy at a time.

Wires the pure stages (ingest → segment → extract → build) to the store. A file that fails is
reported with its name and reason; the policies built before and after it are kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from graphbuilder.build import BUILD_GRAPH, ONTOLOGY_GRAPH, build, build_provenance, new_graph
from graphbuilder.errors import GraphbuilderError
from graphbuilder.extract import extract
from graphbuilder.ingest import find_policies, read_policy
from graphbuilder.lexicon import load_lexicon
from graphbuilder.model import PolicyExtraction
from graphbuilder.segment import segment
from graphbuilder.store import open_store, replace_graph, triple_count, write_outputs


@dataclass
class PolicyReport:
    """What building one file gave: its graph's size, or the error that stopped it."""

    path: Path
    doc_id: str | None = None
    controller: str | None = None
    languages: tuple[str, ...] = ()
    statements: int = 0
    triples: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None


@dataclass
class BuildReport:
    out: Path
    policies: list[PolicyReport] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    total_triples: int = 0

    @property
    def failed(self) -> list[PolicyReport]:
        return [p for p in self.policies if p.error]


def extract_file(path: Path) -> PolicyExtraction:
    """ingest → segment → extract for one file."""
    doc = read_policy(path)
    return extract(doc, segment(doc))


def run_build(paths: list[str | Path], out: str | Path, *,
              on_file: Callable[[Path, PolicyReport], None] | None = None,
              on_start: Callable[[int], None] | None = None) -> BuildReport:
    """Build every policy under ``paths`` into the store and export files in ``out``.

    Raises:
        GraphbuilderError: a path does not exist or nothing could be found to build.
    """
    out = Path(out)
    files = find_policies(paths)
    if not files:
        raise GraphbuilderError(f"no policy files (.txt, .md, .html) under {', '.join(map(str, paths))}")
    if on_start:
        on_start(len(files))
    lexicon = load_lexicon()
    started = datetime.now(timezone.utc)
    store = open_store(out, create=True)
    ontology = new_graph(ONTOLOGY_GRAPH)
    for triple in lexicon.graph:
        ontology.add(triple)
    replace_graph(store, ontology)
    report = BuildReport(out)
    built: list[PolicyExtraction] = []
    seen_ids: dict[str, Path] = {}
    for path in files:
        item = PolicyReport(path)
        try:
            extraction = extract_file(path)
            doc_id = extraction.document.doc_id
            if doc_id in seen_ids:
                suffix = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:6]
                item.warnings += (f"{path.name}: same name as {seen_ids[doc_id]}; graph named {doc_id}-{suffix}",)
                extraction = replace(extraction, document=replace(extraction.document, doc_id=f"{doc_id}-{suffix}"))
                doc_id = f"{doc_id}-{suffix}"
            seen_ids[doc_id] = path
            graph = build(extraction, lexicon)
            item.triples = replace_graph(store, graph)
            item.doc_id = doc_id
            item.controller = extraction.controller.name
            item.languages = extraction.languages
            item.statements = len(extraction.statements)
            item.warnings += extraction.warnings
            built.append(extraction)
        except GraphbuilderError as err:
            item.error = str(err)
        except Exception as err:  # a bug in one policy must not lose the others
            item.error = f"{path}: unexpected error while building: {type(err).__name__}: {err}"
        report.policies.append(item)
        if on_file:
            on_file(path, item)
    replace_graph(store, build_provenance(built, started))
    store.flush()
    report.files = write_outputs(store, out, ontology, str(ONTOLOGY_GRAPH))
    report.total_triples = sum(triple_count(store, g.value) for g in store.named_graphs()
                               if g.value not in (str(ONTOLOGY_GRAPH), str(BUILD_GRAPH)))
    del store
    return report
