"""Query: run named SPARQL queries from ``queries/*.rq`` against the built store.

A query file starts with ``#`` header lines saying what it answers and its parameters
(``# param: name — meaning``). Parameters are bound as RDF terms through the store's
substitutions, never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graphbuilder.errors import QueryError
from graphbuilder.ns import PREFIXES

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"


@dataclass(frozen=True)
class NamedQuery:
    """A library query: its name (file stem), text, summary line and declared parameters."""

    name: str
    path: Path
    text: str
    summary: str
    params: tuple[str, ...]


def _parse_header(text: str) -> tuple[str, tuple[str, ...]]:
    summary = ""
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if m := re.match(r"param:\s*(\w+)", body, re.IGNORECASE):
            params.append(m.group(1))
        elif body and not summary:
            summary = body
    return summary, tuple(params)


def library(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``directory``, by name."""
    found = {}
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        summary, params = _parse_header(text)
        found[path.stem] = NamedQuery(path.stem, path, text, summary, params)
    return found


def resolve(name_or_path: str, directory: Path = QUERY_DIR) -> NamedQuery:
    """A query by library name or by file path.

    Raises:
        QueryError: neither a known name nor a readable file (the message lists the known names).
    """
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        text = path.read_text(encoding="utf-8")
        summary, params = _parse_header(text)
        return NamedQuery(path.stem, path, text, summary, params)
    known = library(directory)
    name = path.stem if path.suffix == ".rq" else name_or_path
    if name in known:
        return known[name]
    raise QueryError(f"unknown query {name_or_path!r}; known: {', '.join(known) or '(none)'}")


def parse_term(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: <iri>, prefix:name, "literal"@lang, or plain text (a literal)."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    if m := re.fullmatch(r"([A-Za-z][\w-]*):([\w.-]+)", value):
        if m.group(1) in PREFIXES:
            return ox.NamedNode(PREFIXES[m.group(1)] + m.group(2))
    if value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    if m := re.fullmatch(r'"(.*)"@([A-Za-z-]+)', value, re.DOTALL):
        return ox.Literal(m.group(1), language=m.group(2))
    if m := re.fullmatch(r'"(.*)"', value, re.DOTALL):
        return ox.Literal(m.group(1))
    if re.fullmatch(r"-?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


def run_query(store: ox.Store, query: NamedQuery, params: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Run a SELECT query; returns (variable names, rows of {variable: pyoxigraph term}).

    Raises:
        QueryError: malformed query (with line and column), unknown parameter, or not a SELECT.
    """
    params = params or {}
    unknown = set(params) - set(query.params)
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                         f"it takes: {', '.join(query.params) or 'none'}")
    substitutions = {ox.Variable(k): parse_term(v) for k, v in params.items()}
    try:
        result = store.query(query.text, prefixes=PREFIXES, use_default_graph_as_union=True,
                             substitutions=substitutions)
    except SyntaxError as err:
        raise QueryError(f"{query.path}: malformed query: {err}") from err
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"{query.name}: only SELECT queries print as tables")
    variables = [v.value for v in result.variables]
    rows = [{name: solution[name] for name in variables} for solution in result]
    return variables, rows


def term_text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    """A term as a person reads it: prefixed IRI, or the literal's value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return term.value
