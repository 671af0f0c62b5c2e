"""Query: run named SPARQL queries from ``queries/*.rq`` against the built store.

A query file starts with ``#`` header lines: the first says what it answers, the next ones
explain it, ``# param: name — meaning`` declares a parameter (add ``(optional)`` when the query
also runs without it), and ``# example: policykg query …`` shows a call. Parameters are bound
as RDF terms through the store's substitutions, never pasted into the query text, so a
parameter must be a variable of the SELECT clause. The prefixes of
:data:`graphbuilder.ns.PREFIXES` are predeclared.

Example:
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/policykg/id/org/acme"),
    ...                   ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Acme")))
    >>> named = parse_query("# Labels of a thing?\\n# param: thing — its IRI\\n"
    ...                     "SELECT ?thing ?label { ?thing rdfs:label ?label }")
    >>> variables, rows = run_query(store, named, {"thing": "kg:org/acme"})
    >>> variables, [term_text(row["label"]) for row in rows]
    (['thing', 'label'], ['Acme'])
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graphbuilder.errors import QueryError
from graphbuilder.ns import PREFIXES

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
XSD = PREFIXES["xsd"]
#: --format name → SPARQL 1.1 query results format (what a SPARQL server would answer)
RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
VIZ_PREFIX = "viz-"  # the queries behind the HTML pages of ``policykg viz``
Term = ox.NamedNode | ox.Literal | ox.BlankNode
Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass(frozen=True)
class Param:
    """A declared query parameter: the variable it binds, what it means, whether it must be given."""

    name: str
    description: str = ""
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    """A query: its name (file stem), text, summary line, explanation, parameters and examples."""

    name: str
    path: Path
    text: str
    summary: str
    params: tuple[Param, ...] = ()
    description: str = ""
    examples: tuple[str, ...] = ()

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)


_PARAM = re.compile(r"param:\s*(\w+)\s*(?:[—–:-]+\s*)?(.*)", re.IGNORECASE)
_EXAMPLE = re.compile(r"example:\s*(.*)", re.IGNORECASE)


def parse_query(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """A query from its text: the ``#`` header lines give its summary, parameters and examples."""
    summary, description, params, examples = "", [], [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if m := _PARAM.match(body):
            meaning = m.group(2).strip()
            optional = "(optional)" in meaning.lower()
            meaning = re.sub(r"\s*\(optional\)", "", meaning, flags=re.IGNORECASE).strip()
            params.append(Param(m.group(1), meaning, not optional))
        elif m := _EXAMPLE.match(body):
            examples.append(m.group(1).strip())
        elif body and not summary:
            summary = body
        elif body:
            description.append(body)
    return NamedQuery(name, path or Path(f"{name}.rq"), text, summary, tuple(params), " ".join(description),
                      tuple(examples))


def load_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file.

    Raises:
        QueryError: the file cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read query file: {err}") from err
    return parse_query(text, path.stem, path)


def library(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``directory``, by name."""
    return {path.stem: load_query(path) for path in sorted(directory.glob("*.rq"))}


def resolve(name_or_path: str, directory: Path = QUERY_DIR) -> NamedQuery:
    """A query by library name or by file path.

    Raises:
        QueryError: neither a known name nor a readable file (the message suggests near names and
            lists the known ones).
    """
    path = Path(name_or_path)
    if path.suffix in (".rq", ".sparql") and path.is_file():
        return load_query(path)
    known = library(directory)
    name = path.stem if path.suffix == ".rq" else name_or_path
    if name in known:
        return known[name]
    if path.is_file():  # a query file named otherwise
        return load_query(path)
    near = difflib.get_close_matches(name, list(known), n=3)
    hint = f"did you mean {' or '.join(near)}? " if near else ""
    raise QueryError(f"unknown query {name_or_path!r}; {hint}known: {', '.join(known) or '(none)'} "
                     "(see 'policykg query --list')")


def parse_term(value: str) -> Term:
    """A parameter value as an RDF term.

    Accepts ``<iri>``, a prefixed name of a known prefix (``pd:EmailAddress``, ``kg:policy/acme``),
    a bare ``http(s):``/``urn:`` IRI, a quoted literal with an optional ``@lang`` or
    ``^^datatype``, an integer, ``true``/``false``; anything else is a plain string literal.

    Raises:
        QueryError: the value looks like an IRI or literal but is not a valid one.

    Example:
        >>> parse_term("pd:EmailAddress").value
        'https://w3id.org/dpv/pd#EmailAddress'
        >>> parse_term('"Google"@en')
        <Literal value=Google language=en>
    """
    value = value.strip()
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if (m := re.fullmatch(r"([A-Za-z][\w-]*):(\S*)", value)) and m.group(1) in PREFIXES:
            return ox.NamedNode(PREFIXES[m.group(1)] + m.group(2))
        if value.startswith(("http://", "https://", "urn:")):
            return ox.NamedNode(value)
        if m := re.fullmatch(r'"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?', value, re.DOTALL):
            text = m.group(1).replace('\\"', '"')
            if m.group(2):
                return ox.Literal(text, language=m.group(2))
            if m.group(3):
                datatype = parse_term(m.group(3))
                if not isinstance(datatype, ox.NamedNode):
                    raise ValueError(f"datatype {m.group(3)} is not an IRI")
                return ox.Literal(text, datatype=datatype)
            return ox.Literal(text)
    except ValueError as err:
        raise QueryError(f"parameter value {value!r} is not a valid RDF term: {err}") from err
    if re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if value in ("true", "false"):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "boolean"))
    return ox.Literal(value)


def _variables_in(text: str) -> set[str]:
    return set(re.findall(r"[?$](\w+)", text))


def bind_params(query: NamedQuery, params: dict[str, str] | None) -> dict[str, Term]:
    """The parameters as RDF terms, checked against the query's declared parameters.

    A query file without ``# param:`` lines takes any of its variables as a parameter.

    Raises:
        QueryError: an unknown parameter, a missing required one, or a value that is not an RDF term.
    """
    params = params or {}
    allowed = set(query.param_names) if query.params else _variables_in(query.text)
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"it takes: {', '.join(query.param_names) or 'none'}")
    missing = [p.name for p in query.params if p.required and p.name not in params]
    if missing:
        raise QueryError(f"{query.name}: missing parameter(s) {', '.join(missing)}; give them as "
                         + " ".join(f"--param {m}=VALUE" for m in missing))
    return {name: parse_term(value) for name, value in params.items()}


def _syntax_error(query: NamedQuery, err: SyntaxError) -> QueryError:
    """A QueryError that points at the line and column pyoxigraph reports, with the line itself."""
    message = str(err.msg if err.msg else err)
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not m:
        return QueryError(f"{query.path}: malformed query: {message}")
    line, column, reason = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    lines = query.text.splitlines()
    if line > len(lines):
        return QueryError(f"{query.path}:{line}:{column}: malformed query: {reason} (at the end of the query)")
    source = lines[line - 1]
    if "Prefix not found" in reason:  # pyoxigraph points after the name: point at its start
        name = re.search(r"([A-Za-z][\w.-]*)?:\S*$", source[:column - 1])
        if name:
            column = name.start() + 1
        reason = (f"unknown prefix '{name.group(1) or '' if name else '?'}:'; known: {', '.join(PREFIXES)} "
                  "(or declare it with PREFIX)")
    caret = " " * (max(column, 1) - 1) + "^"
    return QueryError(f"{query.path}:{line}:{column}: malformed query: {reason}\n  {source}\n  {caret}")


def execute(store: ox.Store, query: NamedQuery, params: dict[str, str] | None = None) -> Results:
    """Run any query form on the store; the default graph is the union of all named graphs.

    Raises:
        QueryError: malformed query (the message gives the line and column), bad parameters,
            or the store failed while reading.
    """
    substitutions = {ox.Variable(name): term for name, term in bind_params(query, params).items()}
    try:
        return store.query(query.text, prefixes=PREFIXES, use_default_graph_as_union=True,
                           substitutions=substitutions)
    except SyntaxError as err:
        raise _syntax_error(query, err) from err
    except RuntimeError as err:  # e.g. a parameter that is not a projected variable
        raise QueryError(f"{query.path}: cannot bind {', '.join(v.value for v in substitutions)}: {err} "
                         "(a parameter must be a variable of the SELECT clause)") from err
    except OSError as err:
        raise QueryError(f"{query.name}: the store failed while answering: {err}") from err


def solution_rows(results: Results, name: str = "query") -> tuple[list[str], list[dict[str, Term | None]]]:
    """SELECT results as (variable names, rows of {variable: term or None}).

    Raises:
        QueryError: the results are not solutions (an ASK or CONSTRUCT query).
    """
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError(f"{name}: only SELECT queries give rows")
    variables = [v.value for v in results.variables]
    return variables, [{v: solution[v] for v in variables} for solution in results]


def run_query(store: ox.Store, query: NamedQuery, params: dict[str, str] | None = None
              ) -> tuple[list[str], list[dict[str, Term | None]]]:
    """Run a SELECT query; returns (variable names, rows of {variable: pyoxigraph term or None}).

    Raises:
        QueryError: malformed query (with line and column), bad parameters, or not a SELECT.
    """
    return solution_rows(execute(store, query, params), query.name)


def serialize_results(results: Results, fmt: str) -> bytes:
    """Results in a SPARQL 1.1 results format (csv, tsv, json); CONSTRUCT results as N-Triples.

    Raises:
        QueryError: unknown format (the message lists the known ones).
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown results format {fmt!r}; known: {', '.join(RESULT_FORMATS)}")
    if isinstance(results, ox.QueryTriples):
        return results.serialize(format=ox.RdfFormat.N_TRIPLES)
    return results.serialize(format=RESULT_FORMATS[fmt])


def _skip_token(text: str, i: int) -> int:
    """The index after a comment, string or IRI starting at ``i`` (``i`` itself when none starts there)."""
    ch = text[i]
    if ch == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if ch in "'\"":
        quote = ch * 3 if text.startswith(ch * 3, i) else ch
        j = i + len(quote)
        while j < len(text) and not text.startswith(quote, j):
            j += 2 if text[j] == "\\" else 1
        return j + len(quote)
    if ch == "<" and (m := re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:])):
        return i + m.end()
    return i


def _where_brace(text: str) -> int:
    """Index of the ``{`` that opens the query's outermost WHERE group."""
    i, depth, first = 0, 0, -1
    while i < len(text):
        j = _skip_token(text, i)
        if j != i:
            i = j
            continue
        ch = text[i]
        if ch == "{":
            before = re.search(r"(\w+)\s*$", text[:i])
            keyword = before.group(1).upper() if before else ""
            if depth == 0 and keyword == "WHERE":
                return i
            if depth == 0 and first < 0 and keyword not in ("EXISTS", "CONSTRUCT"):
                first = i
            depth += 1
        elif ch == "}":
            depth -= 1
        i += 1
    if first < 0:
        raise QueryError("cannot find the query's WHERE group to bind its parameters")
    return first


def standalone_text(query: NamedQuery, params: dict[str, str] | None = None) -> str:
    """The query as text any SPARQL 1.1 endpoint accepts: prefixes declared, parameters bound.

    A SPARQL endpoint has no substitution API, so each parameter becomes an inline ``VALUES``
    row at the start of the WHERE group, written as an N-Triples term (escaped by pyoxigraph,
    never the raw text). Added text goes on the first line, so line numbers stay those of the file.

    Raises:
        QueryError: bad parameters, or no WHERE group to bind them in.

    Example:
        >>> named = parse_query("# q\\n# param: c — a category\\nSELECT ?s WHERE { ?s dpv:hasPersonalData ?c }")
        >>> print(standalone_text(named, {"c": "pd:Name"}).splitlines()[-1])
        SELECT ?s WHERE { VALUES (?c) { (<https://w3id.org/dpv/pd#Name>) } ?s dpv:hasPersonalData ?c }
    """
    terms = bind_params(query, params)
    text = query.text
    if terms:
        at = _where_brace(text) + 1
        names = " ".join(f"?{name}" for name in terms)
        values = " ".join(str(term) for term in terms.values())
        text = f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"
    declared = set(re.findall(r"PREFIX\s+([\w-]*):", text, re.IGNORECASE))
    prologue = "".join(f"PREFIX {p}: <{iri}> " for p, iri in PREFIXES.items() if p not in declared)
    return prologue + text


def term_text(term: Term | None) -> str:
    """A term as a person reads it: prefixed IRI, or the literal's value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return term.value


def library_reference(directory: Path = QUERY_DIR) -> str:
    """The query library as a Markdown reference (``docs/queries.md`` is this text).

    The ``viz-*`` queries feed the HTML pages of ``policykg viz`` and are left out.
    """
    queries = {name: q for name, q in library(directory).items() if not name.startswith(VIZ_PREFIX)}
    lines = ["# Query library", "",
             "<!-- Generated by `policykg query --list --format markdown`; edit the .rq headers, not this file. -->",
             "", "Named SPARQL queries in `queries/`. Run one with `policykg query NAME [--param key=value …]` "
             "against a build, or with `--endpoint URL` against a SPARQL server holding the pushed graph. "
             "Parameter values are RDF terms: `pd:EmailAddress`, `kg:policy/acme`, `<https://…>`, "
             "`\"Google\"@en`, `42`.", "", "| query | answers |", "|---|---|"]
    lines += [f"| [`{q.name}`](#{q.name}) | {q.summary} |" for q in queries.values()]
    for q in queries.values():
        lines += ["", f"## {q.name}", "", f"**{q.summary}**", ""]
        if q.description:
            lines += [q.description, ""]
        if q.params:
            lines += ["Parameters:", ""]
            lines += [f"- `{p.name}`{'' if p.required else ' (optional)'}: {p.description}" for p in q.params]
            lines.append("")
        lines += ["```", *q.examples, "```", "", f"Source: [`queries/{q.path.name}`](../queries/{q.path.name})"]
    lines += ["", "## Queries behind the HTML pages", "",
              f"The `{VIZ_PREFIX}*.rq` queries are what `policykg viz` draws its pages from. They run like any other "
              "(`policykg query --list` shows them) but are shaped for the pages rather than for reading."]
    return "\n".join(lines) + "\n"
