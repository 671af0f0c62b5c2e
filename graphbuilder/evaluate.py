"""Evaluate: score the built graph against gold annotations, field by field.

Gold files follow the project's annotation guide (one YAML per policy). A prediction is right
when it is the gold term or lies under it in the shipped hierarchy (DPV's skos:broader and the
project's links); a gold ``any: [...]`` item is found by a prediction matching any member.
Predictions are read back from the store with SPARQL, so what is scored is what users query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import yaml

from graphbuilder.errors import EvalError
from graphbuilder.lexicon import Lexicon, load_lexicon
from graphbuilder.names import names_match
from graphbuilder.ns import PREFIXES

CONCEPT_FIELDS = ("personal_data", "purposes", "recipients", "legal_bases", "data_subjects")
NAME_FIELDS = ("controller", "named_recipients")
FIELDS = ("controller",) + CONCEPT_FIELDS + ("named_recipients",)

_PREDICATE = {
    "personal_data": "dpv:hasPersonalData",
    "purposes": "dpv:hasPurpose",
    "legal_bases": "dpv:hasLegalBasis",
    "data_subjects": "dpv:hasDataSubject",
}


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def figures(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class EvalResult:
    per_policy: dict[str, dict[str, FieldScore]]
    overall: dict[str, FieldScore]

    def to_json(self) -> dict:
        return {
            "overall": {f: s.figures() for f, s in self.overall.items()},
            "policies": {
                name: {f: {**s.figures(), "misses": s.misses, "wrong": s.wrong} for f, s in fields.items()}
                for name, fields in self.per_policy.items()
            },
        }


# --------------------------------------------------------------------------- gold

def _expand(term: str) -> str:
    prefix, _, local = term.partition(":")
    if prefix in PREFIXES and local:
        return PREFIXES[prefix] + local
    return term


def load_gold(path: Path) -> dict:
    """One gold file, with prefixed names expanded and ``any:`` groups as frozensets.

    Raises:
        EvalError: unreadable YAML or a missing ``policy`` key; the message names the file.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise EvalError(f"{path}: cannot read gold annotations: {err}") from err
    if not isinstance(data, dict) or "policy" not in data:
        raise EvalError(f"{path}: gold annotations need a 'policy' key naming the input file")
    gold = {"policy": data["policy"]}
    for name in CONCEPT_FIELDS:
        items = []
        for item in data.get(name) or []:
            if isinstance(item, dict) and "any" in item:
                items.append(frozenset(_expand(t) for t in item["any"]))
            else:
                items.append(frozenset([_expand(str(item))]))
        gold[name] = items
    controller = data.get("controller") or []
    gold["controller"] = [frozenset(controller if isinstance(controller, list) else [controller])] if controller else []
    named = []
    for item in data.get("named_recipients") or []:
        named.append(frozenset(item["any"]) if isinstance(item, dict) else frozenset([str(item)]))
    gold["named_recipients"] = named
    return gold


# --------------------------------------------------------------------------- predictions

def _rows(store: ox.Store, query: str, graph: str) -> dict[str, str]:
    """value → the quote of the statement naming the fewest values of its kind (where it was read most
    directly; a generic mention resolved to many categories is the least telling evidence)."""
    result = store.query(query, prefixes=PREFIXES, substitutions={ox.Variable("g"): ox.NamedNode(graph)})
    rows = [(s["value"].value, s["quote"].value if s["quote"] is not None else "",
             int(s["n"].value) if s["n"] is not None else 0) for s in result]
    best: dict[str, tuple[int, str]] = {}
    for value, quote, n in rows:
        if value not in best or n < best[value][0]:
            best[value] = (n, quote)
    return {value: quote for value, (_, quote) in best.items()}


def predictions(store: ox.Store, graph: str) -> dict[str, dict[str, str]]:
    """Per field: predicted value → one evidence quote, read from the policy's named graph."""
    found: dict[str, dict[str, str]] = {}

    def select(pattern: str, predicate: str) -> str:
        return ("SELECT ?g ?value ?quote ?n WHERE { GRAPH ?g { " + pattern +
                " OPTIONAL { ?s pkg:hasEvidence/oa:hasSelector/oa:exact ?quote } "
                "{ SELECT ?s (COUNT(?other) AS ?n) WHERE { ?s " + predicate + " ?other } GROUP BY ?s } } }")

    for name, predicate in _PREDICATE.items():
        found[name] = _rows(store, select(f"?s a dpv:Process ; {predicate} ?value .", predicate), graph)
    roles = ("?s a dpv:Process ; dpv:hasRecipient ?r . OPTIONAL { ?r a ?type . FILTER(?type != dpv:Organisation) } "
             "BIND(COALESCE(?type, ?r) AS ?value)")
    found["recipients"] = _rows(store, select(roles, "dpv:hasRecipient"), graph)
    names = "?s a dpv:Process ; dpv:hasRecipient ?r . ?r rdfs:label ?value ."
    found["named_recipients"] = _rows(store, select(names, "dpv:hasRecipient"), graph)
    controller = ("SELECT ?g ?value ?quote ?n WHERE { GRAPH ?g { ?p a pkg:PrivacyPolicy ; "
                  "dpv:hasDataController/rdfs:label ?value } }")
    found["controller"] = _rows(store, controller, graph)
    return found


# --------------------------------------------------------------------------- scoring

def score_field(name: str, gold_items: list[frozenset[str]], predicted: dict[str, str], lexicon: Lexicon) -> FieldScore:
    """Precision: predictions matching some gold item. Recall: gold items matched by some prediction."""
    if name in NAME_FIELDS:
        def matches(value: str, item: frozenset[str]) -> bool:
            return any(names_match(value, g) for g in item)
    else:
        def matches(value: str, item: frozenset[str]) -> bool:
            return any(lexicon.is_a(value, g) for g in item)
    score = FieldScore()
    if name == "controller":
        hit = any(matches(v, item) for v in predicted for item in gold_items)
        score.tp, score.fp, score.fn = (1, 0, 0) if hit else (0, int(bool(predicted)), int(bool(gold_items)))
        if not hit:
            score.misses = sorted(n for item in gold_items for n in item)
            score.wrong = [{"value": v, "evidence": ""} for v in predicted]
        return score
    for item in gold_items:
        if any(matches(v, item) for v in predicted):
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(" | ".join(sorted(_short(t) for t in item)))
    for value, quote in sorted(predicted.items()):
        if not any(matches(value, item) for item in gold_items):
            score.fp += 1
            score.wrong.append({"value": _short(value), "evidence": quote})
    return score


def _short(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def evaluate_store(store: ox.Store, gold_dir: Path, lexicon: Lexicon | None = None) -> EvalResult:
    """Score every policy that has a gold file in ``gold_dir`` against the graphs in ``store``.

    Raises:
        EvalError: no gold files, or a gold file names a policy the store does not hold.
    """
    lexicon = lexicon or load_lexicon()
    gold_files = sorted(Path(gold_dir).glob("*.yaml")) + sorted(Path(gold_dir).glob("*.yml"))
    if not gold_files:
        raise EvalError(f"{gold_dir}: no gold annotation files (*.yaml)")
    graphs = {s["file"].value: s["g"].value for s in store.query(
        "SELECT ?g ?file WHERE { GRAPH ?g { ?g a pkg:PrivacyPolicy ; pkg:sourceFile ?file } }", prefixes=PREFIXES)}
    per_policy: dict[str, dict[str, FieldScore]] = {}
    overall = {name: FieldScore() for name in FIELDS}
    for path in gold_files:
        gold = load_gold(path)
        graph = graphs.get(gold["policy"])
        if graph is None:
            continue
        predicted = predictions(store, graph)
        scores = {name: score_field(name, gold[name], predicted.get(name, {}), lexicon) for name in FIELDS}
        per_policy[gold["policy"]] = scores
        for name, score in scores.items():
            overall[name].add(score)
    if not per_policy:
        raise EvalError(f"{gold_dir}: none of the gold files names a policy that was built")
    return EvalResult(per_policy, overall)


def evaluate_paths(paths: list[Path], gold_dir: Path, out: Path) -> EvalResult:
    """Build ``paths`` into ``out``, score against ``gold_dir``, write ``out/eval.json``."""
    from graphbuilder.pipeline import run_build
    from graphbuilder.store import open_store, write_file

    if not Path(gold_dir).is_dir():
        raise EvalError(f"{gold_dir}: gold folder not found")
    run_build(paths, out)
    store = open_store(out)
    result = evaluate_store(store, gold_dir)
    write_file(json.dumps(result.to_json(), ensure_ascii=False, indent=2).encode("utf-8"), Path(out) / "eval.json")
    return result


def render_report(result: EvalResult, console, *, show_errors: bool = False) -> None:  # noqa: ANN001
    """Print the per-field table (and, if asked, every miss and wrong item with its evidence)."""
    from rich.table import Table

    if show_errors:
        for policy, fields in result.per_policy.items():
            for name, score in fields.items():
                for miss in score.misses:
                    console.print(f"[yellow]miss[/]  {policy} {name}: {miss}", highlight=False)
                for wrong in score.wrong:
                    console.print(f"[red]wrong[/] {policy} {name}: {wrong['value']} ← {wrong['evidence'][:160]!r}",
                                  highlight=False)
    per_policy = Table(title="Per policy: precision / recall")
    per_policy.add_column("policy")
    for name in FIELDS:
        per_policy.add_column(name.replace("_", " "), justify="right")
    for policy, fields in result.per_policy.items():
        per_policy.add_row(policy, *[f"{fields[n].precision:.2f} / {fields[n].recall:.2f}" for n in FIELDS])
    console.print(per_policy)
    table = Table(title="Extraction against gold (micro-averaged over policies)")
    for column in ("field", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, score in result.overall.items():
        table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                      str(score.tp), str(score.fp), str(score.fn))
    console.print(table)
