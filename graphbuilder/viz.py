"""Viz: interactive HTML flow graphs drawn from the knowledge graph (SPARQL → networkx → pyvis).

Each page is a query plus a layout. The named queries ``queries/viz-*.rq`` read the store; pure
functions turn their rows into :class:`Flow` records, the flows into a networkx graph (node sizes,
layers and "others" groups are computed there), and the graph into one self-contained pyvis page:
vis-network is inlined, a Content-Security-Policy forbids every fetch, and every text from a policy
reaches the page only as JSON data shown with ``textContent``/canvas or through Jinja's HTML escaping.
``render_all`` is the only function that touches the store and the disk.

Pages written under ``OUT/viz/``:

- ``policy-<id>.html``: one flow graph per policy, data subjects → personal data → controller →
  purposes and recipients, with the legal basis and condition of each flow;
- ``overview.html``: the corpus, personal data → controllers → recipients (the ``top`` busiest of each
  column, the rest grouped into an "others" node), so recipients shared by many controllers stand out;
- ``focus-<name>.html``: one category or recipient across all policies (``--focus``);
- ``index.html``: a summary table linking every page.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx

from graphbuilder.errors import GraphbuilderError
from graphbuilder.ingest import slug
from graphbuilder.ns import BASE, DPV, PKG, PREFIXES

__all__ = ["render_all"]

VIZ_DIR = "viz"
LAYOUTS = ("layered", "physics")
OTHERS = ""  # the term of a node that groups the less busy nodes of one type

SUBJECT, CATEGORY, CONTROLLER, PURPOSE, RECIPIENT, ROLE = "subject", "category", "controller", "purpose", "recipient", "role"


@dataclass(frozen=True)
class NodeType:
    """How one type of node looks and where it stands: its column, colour, vis shape and legend label."""

    key: str
    label: str
    others: str  # what its "others" node holds: "12 other purposes"
    column: int
    color: str
    shape: str


NODE_TYPES = {t.key: t for t in (
    NodeType(SUBJECT, "Data subject", "other data subjects", 0, "#8e6bbf", "hexagon"),
    NodeType(CATEGORY, "Personal data", "other personal data", 1, "#3b7dd8", "dot"),
    NodeType(CONTROLLER, "Controller", "other controllers", 2, "#f0a020", "square"),
    NodeType(RECIPIENT, "Recipient (named)", "other named recipients", 3, "#d9443a", "triangle"),
    NodeType(ROLE, "Recipient (role)", "other recipient roles", 3, "#ee8c84", "triangleDown"),
    NodeType(PURPOSE, "Purpose", "other purposes", 3, "#2e9e5b", "diamond"),
)}
OTHERS_COLOR = "#a3aab1"
#: statement kind → edge colour; sharing kinds stand out, the rest are slate
KIND_COLORS = {
    str(PKG.ThirdPartyProvision): "#d9443a",
    str(PKG.CrossBorderTransfer): "#b2377d",
    str(PKG.DisclosureToAuthority): "#34495e",
    str(PKG.JointUse): "#8e44ad",
    str(PKG.Entrustment): "#e07b00",
    str(PKG.BusinessSuccession): "#138d75",
}
DEFAULT_EDGE_COLOR = "#8796a8"  # flows of other kinds into a recipient
NEUTRAL_EDGE_COLOR = "#a9b8c8"  # every edge that does not end at a recipient
#: Flow field each queried property fills
_FIELDS = {
    str(DPV.hasDataSubject): "subjects",
    str(DPV.hasPersonalData): "categories",
    str(DPV.hasPurpose): "purposes",
    str(DPV.hasRecipient): "recipients",
    str(DPV.hasLegalBasis): "bases",
    str(PKG.condition): "conditions",
}
_LABEL_RANK = {"http://www.w3.org/2004/02/skos/core#prefLabel": 0, "http://www.w3.org/2000/01/rdf-schema#label": 1,
               str(DPV.hasName): 2}
MAX_QUOTES = 4  # evidence sentences shown in one edge tooltip
MAX_LABELLED_EDGES = 24  # a page with more edges to purposes and recipients shows their legal basis on hover only
MAX_QUOTE_CHARS = 280


# ---------------------------------------------------------------- data: query rows → flows


@dataclass(frozen=True)
class Quote:
    """A piece of evidence: the quoted sentence and the section heading it stands under."""

    text: str
    section: str = ""
    lang: str = ""
    start: int = 0


@dataclass(frozen=True)
class Flow:
    """One data flow (a ``dpv:Process`` statement) with everything the graphs draw of it (IRIs as strings)."""

    statement: str
    policy: str
    controller: str
    kinds: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    evidence: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Policy:
    """One policy as the index lists it; ``languages`` has the policy's main language first."""

    iri: str
    title: str
    source: str
    controller: str
    languages: tuple[str, ...] = ("en",)
    denials: tuple[tuple[str, tuple[Quote, ...]], ...] = ()  # (denied kind, evidence)

    @property
    def lang(self) -> str:
        return self.languages[0] if self.languages else "en"


@dataclass
class Labels:
    """Every label of every drawn term: ``names[term]`` is a list of (rank, language, text)."""

    names: dict[str, list[tuple[int, str | None, str]]] = field(default_factory=dict)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def text(self, term: str, lang: str = "en") -> str:
        """The term's label in ``lang``, else English, else the organisation's name, else its local name.

        Example:
            >>> Labels({"x:a": [(0, "en", "email"), (0, "ja", "メール")]}).text("x:a", "ja")
            'メール'
            >>> Labels().text("https://w3id.org/dpv/pd#EmailAddress")
            'EmailAddress'
        """
        entries = self.names.get(term, ())
        name = next((text for rank, _, text in entries if rank == 2), None)
        for want in dict.fromkeys((lang, "en")):
            found = sorted((rank, text != name, text) for rank, language, text in entries
                           if language == want and rank < 2)
            if found:
                return found[0][2]
        if name:
            return name
        if entries:
            return sorted(entries)[0][2]
        return re.split(r"[#/]", term.rstrip("/#"))[-1] or term

    def all_texts(self, term: str) -> list[str]:
        return list(dict.fromkeys(text for _, _, text in sorted(self.names.get(term, ()))))


@dataclass
class Corpus:
    """What the pages draw: the policies, their flows and the labels of every term."""

    policies: list[Policy]
    flows: list[Flow]
    labels: Labels


def labels_from_rows(rows: Iterable[dict]) -> Labels:
    """Labels from viz-labels rows (``term``, ``property``, ``label``, ``label_lang``, ``role``)."""
    labels = Labels()
    roles: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        entry = (_LABEL_RANK.get(row["property"], 1), row.get("label_lang"), row["label"])
        bucket = labels.names.setdefault(row["term"], [])
        if entry not in bucket:
            bucket.append(entry)
        if row.get("role"):
            roles[row["term"]].add(row["role"])
    labels.roles = {term: tuple(sorted(found)) for term, found in roles.items()}
    return labels


def evidence_from_rows(rows: Iterable[dict]) -> dict[str, tuple[Quote, ...]]:
    """statement IRI → its quotes in text order, from viz-evidence rows."""
    found: dict[str, list[Quote]] = defaultdict(list)
    for row in rows:
        quote = Quote(row["quote"], row.get("section") or "", row.get("language") or "", int(row.get("start") or 0))
        if quote not in found[row["statement"]]:
            found[row["statement"]].append(quote)
    return {statement: tuple(sorted(quotes, key=lambda q: q.start)) for statement, quotes in found.items()}


def flows_from_rows(rows: Iterable[dict], evidence: dict[str, tuple[Quote, ...]] | None = None) -> list[Flow]:
    """Flows from viz-flows/viz-focus rows (one row per statement, property and value), in row order.

    Example:
        >>> rows = [{"policy": "p", "statement": "s", "kind": "k", "controller": "c",
        ...          "property": "https://w3id.org/dpv#hasPersonalData", "value": "pd:Email"}]
        >>> flows_from_rows(rows)[0].categories
        ('pd:Email',)
    """
    evidence = evidence or {}
    parts: dict[str, dict] = {}
    for row in rows:
        statement = row["statement"]
        part = parts.setdefault(statement, {"policy": row["policy"], "controller": row["controller"], "kinds": {},
                                            **{name: {} for name in _FIELDS.values()}})
        part["kinds"][row["kind"]] = None
        name = _FIELDS.get(row.get("property") or "")
        if name and row.get("value") is not None:
            part[name][row["value"]] = None
    return [Flow(statement, part["policy"], part["controller"], evidence=evidence.get(statement, ()),
                 **{name: tuple(sorted(part[name])) for name in ("kinds", *_FIELDS.values())})
            for statement, part in parts.items()]


def policies_from_rows(rows: Iterable[dict], denial_rows: Iterable[dict], evidence: dict[str, tuple[Quote, ...]]
                       ) -> list[Policy]:
    """Policies from viz-policies rows, with their denials (viz-denials rows) and main language first.

    A policy in several languages (Vietnamese, then the same text in English) is drawn in the language
    most of its evidence is written in.
    """
    found: dict[str, dict] = {}
    for row in rows:
        part = found.setdefault(row["policy"], {"title": row.get("title") or "", "source": row.get("source") or "",
                                                "controller": row["controller"], "languages": {}})
        if row.get("language"):
            part["languages"][row["language"]] = None
    denials: dict[str, list] = defaultdict(list)
    for row in denial_rows:
        denials[row["policy"]].append((row.get("practice") or "", evidence.get(row["statement"], ())))
    policies = []
    for iri, part in sorted(found.items()):
        policies.append(Policy(iri, part["title"], part["source"], part["controller"],
                               tuple(sorted(part["languages"])) or ("en",), tuple(denials.get(iri, ()))))
    return policies


def with_main_language(policy: Policy, flows: Iterable[Flow]) -> Policy:
    """The policy with the language most of its evidence is written in first.

    Example:
        >>> p = Policy("p", "", "", "c", ("en", "vi"))
        >>> with_main_language(p, [Flow("s", "p", "c", evidence=(Quote("x", lang="vi"),))]).languages
        ('vi', 'en')
    """
    spoken = Counter(q.lang for flow in flows for q in flow.evidence if q.lang)
    spoken.update(q.lang for _, quotes in policy.denials for q in quotes if q.lang)
    ranked = sorted(policy.languages, key=lambda lang: (-spoken[lang], lang))
    return replace(policy, languages=tuple(ranked))


def focus_flows(flows: Iterable[Flow], terms: Iterable[str]) -> list[Flow]:
    """The flows naming a focus term, each keeping only the focus among its categories (or recipients).

    Example:
        >>> f = Flow("s", "p", "c", categories=("a", "b"), recipients=("r",))
        >>> focus_flows([f], {"a"})[0].categories, focus_flows([f], {"a"})[0].recipients
        (('a',), ('r',))
    """
    terms = set(terms)
    kept = []
    for flow in flows:
        categories = tuple(c for c in flow.categories if c in terms)
        recipients = tuple(r for r in flow.recipients if r in terms)
        if categories or recipients:
            kept.append(replace(flow, categories=categories or flow.categories, recipients=recipients or flow.recipients))
    return kept


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def resolve_focus(focus: str, flows: Iterable[Flow], labels: Labels) -> tuple[str, ...]:
    """The categories or recipients a ``--focus`` value names: an IRI (``pd:EmailAddress``) or a name ("Google").

    A name matches the labels that hold it as a whole word ("Google" finds "Google Inc" and "Google
    Analytics"; case and width folded); failing that, the labels that contain it at all.

    Raises:
        GraphbuilderError: nothing in the flows matches (the message lists some names that would).
    """
    from graphbuilder.query import parse_term

    candidates = sorted({t for f in flows for t in f.categories} | {t for f in flows for t in f.recipients})
    term = parse_term(focus)
    if type(term).__name__ == "NamedNode":
        if term.value in candidates:
            return (term.value,)
        wanted = _fold(focus)
    else:
        wanted = _fold(term.value)
    texts = {c: [_fold(t) for t in labels.all_texts(c)] + [_fold(slug(labels.text(c)))] for c in candidates}
    word = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    whole = tuple(c for c in candidates if any(word.search(t) for t in texts[c]) or _fold(c.rsplit("/", 1)[-1]) == wanted)
    if whole:
        return whole
    partial = tuple(c for c in candidates if wanted and any(wanted in t for t in texts[c]))
    if partial:
        return partial
    known = ", ".join(sorted({labels.text(c) for c in candidates})[:12]) or "(no categories or recipients built)"
    raise GraphbuilderError(f"--focus {focus!r}: no personal-data category or recipient in the build matches; "
                            f"known names include: {known}")


# ---------------------------------------------------------------- graph: flows → networkx


def recipient_type(term: str) -> str:
    """A named organisation (an IRI the build minted) or a DPV role such as dpv:ThirdParty."""
    return RECIPIENT if term.startswith(BASE) else ROLE


def flow_graph(flows: Iterable[Flow], *, subjects: bool = True, purposes: bool = True) -> nx.DiGraph:
    """The graph of some flows: data subjects → categories → controllers → purposes and recipients.

    Nodes are ``(type, term)`` pairs; every node and edge keeps the set of statements (``flows``) that
    pass through it. Without ``subjects``/``purposes`` it is the corpus overview's shape.

    Example:
        >>> f = Flow("s1", "p", "acme", subjects=("dpv:Customer",), categories=("pd:Email",), recipients=("dpv:ThirdParty",))
        >>> sorted(flow_graph([f]).edges())  # doctest: +NORMALIZE_WHITESPACE
        [(('category', 'pd:Email'), ('controller', 'acme')),
         (('controller', 'acme'), ('role', 'dpv:ThirdParty')),
         (('subject', 'dpv:Customer'), ('category', 'pd:Email'))]
    """
    graph = nx.DiGraph()

    def touch(node: tuple[str, str], statement: str) -> None:
        if node not in graph:
            graph.add_node(node, flows=set())
        graph.nodes[node]["flows"].add(statement)

    def link(source: tuple[str, str], target: tuple[str, str], statement: str) -> None:
        touch(source, statement)
        touch(target, statement)
        if not graph.has_edge(source, target):
            graph.add_edge(source, target, flows=set())
        graph.edges[source, target]["flows"].add(statement)

    for flow in flows:
        controller = (CONTROLLER, flow.controller)
        categories = [(CATEGORY, c) for c in flow.categories]
        touch(controller, flow.statement)
        for subject in flow.subjects if subjects else ():
            for target in categories or [controller]:
                link((SUBJECT, subject), target, flow.statement)
        for category in categories:
            link(category, controller, flow.statement)
        targets = [(recipient_type(r), r) for r in flow.recipients] + [(PURPOSE, p) for p in flow.purposes if purposes]
        for target in targets:
            link(controller, target, flow.statement)
    return graph


def with_controllers(graph: nx.DiGraph, controllers: Iterable[str]) -> nx.DiGraph:
    """The graph with a node for each controller, also those no flow was read for (drawn alone)."""
    for controller in controllers:
        if (CONTROLLER, controller) not in graph:
            graph.add_node((CONTROLLER, controller), flows=set())
    return graph


def aggregate(graph: nx.DiGraph, top: int, flows: dict[str, Flow]) -> nx.DiGraph:
    """Keep the ``top`` busiest nodes of each type; merge the others of that type into one "others" node.

    Busiest means named by the most controllers, then passed by the most flows. The others node
    ``(type, OTHERS)`` lists what it holds in ``members``; edges into it merge their flows.

    Example:
        >>> fs = {f"s{i}": Flow(f"s{i}", "p", "acme", categories=(f"c{i}",)) for i in range(5)}
        >>> g = aggregate(flow_graph(fs.values()), 2, fs)
        >>> sorted(n for n in g if n[0] == "category"), len(g.nodes[("category", "")]["members"])
        ([('category', ''), ('category', 'c0'), ('category', 'c1')], 3)
    """
    if top < 1:
        raise GraphbuilderError(f"top must be at least 1, not {top}")
    mapping: dict[tuple[str, str], tuple[str, str]] = {}
    by_type: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node in graph:
        by_type[node[0]].append(node)
    for kind, members in by_type.items():
        if len(members) <= top + 1:  # an "others" node holding one node helps nobody
            continue
        ranked = sorted(members, key=lambda n: (-len({flows[s].controller for s in graph.nodes[n]["flows"]}),
                                                -len(graph.nodes[n]["flows"]), n[1]))
        for node in ranked[top:]:
            mapping[node] = (kind, OTHERS)
    if not mapping:
        return graph
    merged = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        target = mapping.get(node, node)
        if target not in merged:
            merged.add_node(target, flows=set(), members=[])
        merged.nodes[target]["flows"] |= data["flows"]
        if target != node:
            merged.nodes[target]["members"].append(node[1])
    for source, target, data in graph.edges(data=True):
        source, target = mapping.get(source, source), mapping.get(target, target)
        if not merged.has_edge(source, target):
            merged.add_edge(source, target, flows=set())
        merged.edges[source, target]["flows"] |= data["flows"]
    return merged


# ---------------------------------------------------------------- layout: networkx → positions

COLUMN_GAP = 380  # px between the columns of the layered layout
SUBCOLUMN_GAP = 215  # px between the sub-columns a long column wraps into (labels wrap at 190 px)
ROW_GAP = 16  # px between two nodes of a sub-column, on top of their sizes and labels
LINE_PX = 20  # px a line of a node's label takes (16 px font)
LABEL_PX = 190  # px a label may be wide before it wraps (vis widthConstraint)
ASPECT = 1.9  # the width/height a page's canvas has; long columns wrap until the layout is about as wide


def node_size(flow_count: int) -> float:
    """The drawn radius for a node ``flow_count`` flows pass through (grows with the log, capped).

    Example:
        >>> node_size(1), node_size(15), node_size(1000)
        (10.2, 19.8, 30.0)
    """
    return float(min(30.0, round(7 + 3.2 * math.log2(1 + flow_count), 1)))


def _order_columns(graph: nx.DiGraph, columns: dict[int, list]) -> None:
    """Order each column by the mean rank of its neighbours in the columns beside it (fewer crossings)."""
    rank: dict = {}
    keys = sorted(columns)

    def sort(column: int, neighbours) -> None:  # noqa: ANN001
        def key(node):  # noqa: ANN001, ANN202
            near = [rank[n] for n in neighbours(node) if n in rank and n[0] != node[0]]
            centre = sum(near) / len(near) if near else float(len(columns[column]))
            return (node[0] == PURPOSE, node[1] == OTHERS, centre, -len(graph.nodes[node]["flows"]), node[1])
        columns[column].sort(key=key)
        rank.update({node: i for i, node in enumerate(columns[column])})

    for column in keys:
        columns[column].sort(key=lambda n: (-len(graph.nodes[n]["flows"]), n[1]))
        rank.update({node: i for i, node in enumerate(columns[column])})
    for _ in range(2):
        for column in keys[1:]:
            sort(column, graph.predecessors)
        for column in reversed(keys[:-1]):
            sort(column, graph.successors)


def _wraps(heights: list[list[float]]) -> list[int]:
    """How many sub-columns each column wraps into so the layout is about ASPECT times wider than high."""
    wraps = [1] * len(heights)
    if not heights:
        return wraps

    def tall(i: int) -> float:
        return max(sum(heights[i][k::wraps[i]]) for k in range(wraps[i])) if heights[i] else 0.0

    while True:
        width = (len(heights) - 1) * COLUMN_GAP + sum(w - 1 for w in wraps) * SUBCOLUMN_GAP
        tallest = max(range(len(heights)), key=tall)
        if tall(tallest) <= max(width, COLUMN_GAP) / ASPECT or wraps[tallest] >= len(heights[tallest]):
            return wraps
        wraps[tallest] += 1


def label_lines(label: str) -> int:
    """How many lines a node label takes once vis wraps it at LABEL_PX (wide East Asian characters count double).

    Example:
        >>> label_lines("email address"), label_lines("株式会社ファンコミュニケーションズ"), label_lines("Google" + chr(10) + "2 controllers")
        (1, 2, 2)
    """
    total = 0
    for line in label.split("\n"):
        width = sum(16 if unicodedata.east_asian_width(ch) in "WF" else 9.5 for ch in line)
        total += max(1, math.ceil(width / LABEL_PX))
    return total


def layered_positions(graph: nx.DiGraph, lines: dict | None = None) -> dict:
    """Left-to-right positions (px): one column per node type, each centred on y = 0.

    A long column wraps into staggered sub-columns (node i in sub-column i mod n), keeping its order
    from top to bottom, until the layout fits a wide page. ``lines`` gives the label lines of each node
    (one when missing), so that labels do not run into the node below.

    Example:
        >>> g = flow_graph([Flow("s", "p", "acme", categories=("a", "b"))])
        >>> pos = layered_positions(g)
        >>> pos[("category", "a")][0] < pos[("controller", "acme")][0]
        True
    """
    present = sorted({NODE_TYPES[node[0]].column for node in graph})
    columns: dict[int, list] = {index: [] for index in range(len(present))}
    for node in graph:
        columns[present.index(NODE_TYPES[node[0]].column)].append(node)
    _order_columns(graph, columns)
    lines = lines or {}
    heights = [[2 * node_size(len(graph.nodes[n]["flows"])) + ROW_GAP + LINE_PX * lines.get(n, 1) for n in columns[i]]
               for i in sorted(columns)]
    positions = {}
    x = 0.0
    for index, wraps in enumerate(_wraps(heights)):
        nodes = columns[index]
        for sub in range(wraps):
            chunk, sizes = nodes[sub::wraps], heights[index][sub::wraps]
            y = -sum(sizes) / 2 + sub * (sum(sizes) / max(len(sizes), 1)) / wraps
            for node, height in zip(chunk, sizes):
                positions[node] = (x + sub * SUBCOLUMN_GAP, y + height / 2)
                y += height
        x += (wraps - 1) * SUBCOLUMN_GAP + COLUMN_GAP
    return positions


def physics_positions(graph: nx.DiGraph) -> dict:
    """Starting positions (px) for the free physics layout: a networkx spring layout, seeded (stable)."""
    if not graph:
        return {}
    spread = 140 * math.sqrt(graph.number_of_nodes())
    layout = nx.spring_layout(graph, seed=7, iterations=80)
    return {node: (float(x) * spread, float(y) * spread) for node, (x, y) in layout.items()}


# ---------------------------------------------------------------- styling: networkx → what vis draws


@dataclass(frozen=True)
class View:
    """One page: its file, title, caption, the language of its labels and what to draw."""

    file: str
    title: str
    caption: str
    lang: str = "en"
    multi_policy: bool = False
    focus: tuple[str, ...] = ()
    notes: tuple[tuple[str, str, str], ...] = ()  # (heading, quote, section) listed under the graph


def count(number: int, noun: str) -> str:
    """A number and its noun, plural when it is not 1.

    Example:
        >>> count(1, "policy"), count(5, "policy"), count(2, "flow")
        ('1 policy', '5 policies', '2 flows')
    """
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1]}ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else f"{number} {noun}s"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def prefixed(term: str) -> str:
    """An IRI with the project's prefixes (``pd:EmailAddress``)."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if term.startswith(namespace):
            return f"{prefix}:{term[len(namespace):]}"
    return term


def _edge_kind(kinds: Counter) -> str:
    """The kind an edge is coloured by: a sharing kind if any flow is one, else the commonest kind."""
    sharing = [k for k in KIND_COLORS if kinds.get(k)]
    if sharing:
        return max(sharing, key=lambda k: kinds[k])
    return kinds.most_common(1)[0][0] if kinds else ""


def style(graph: nx.DiGraph, flows: dict[str, Flow], labels: Labels, view: View,
          policy_titles: dict[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    """The vis nodes (in the graph's node order) and edges: labels in the view's language, English and
    evidence on hover, size by flows, colour and shape by type, legal basis on the edges to purposes and
    recipients when there are few enough of them to read.

    Every text stays plain text here (vis shows titles with ``innerText`` and labels on the canvas);
    the page embeds the lists as HTML-safe JSON.
    """
    policy_titles = policy_titles or {}
    index = {statement: i for i, statement in enumerate(sorted(flows))}

    def name(node: tuple[str, str]) -> str:
        kind, term = node
        if term == OTHERS:
            return f"{len(graph.nodes[node]['members'])} {NODE_TYPES[kind].others}"
        return labels.text(term, view.lang)

    nodes = []
    for node, data in graph.nodes(data=True):
        kind, term = node
        node_flows = data["flows"]
        controllers = {flows[s].controller for s in node_flows}
        policies = {flows[s].policy for s in node_flows}
        label = name(node)
        english = labels.text(term, "en") if term != OTHERS else label
        lines = [label]
        if english != label:
            lines.append(f"English: {english}")
        role = ", ".join(labels.text(r, "en") for r in labels.roles.get(term, ()))
        lines.append(NODE_TYPES[kind].label + (f" · {role}" if role else ""))
        lines.append(count(len(node_flows), "flow")
                     + (f" · {count(len(controllers), 'controller')} · {count(len(policies), 'policy')}"
                        if view.multi_policy else ""))
        if term == OTHERS:
            members = sorted(labels.text(m, view.lang) for m in data["members"])
            lines.append("Grouped here: " + ", ".join(members[:20]) + (f", … (+{len(members) - 20})" if len(members) > 20 else ""))
        else:
            lines.append(prefixed(term))
        display = _short(label, 60)
        shared = view.multi_policy and kind in (RECIPIENT, ROLE, CATEGORY) and len(controllers) > 1 and term != OTHERS
        if shared:
            display += f"\n{len(controllers)} controllers"
        color = OTHERS_COLOR if term == OTHERS else NODE_TYPES[kind].color
        nodes.append({
            "id": node_id(node), "label": display, "title": "\n".join(lines), "kind": kind,
            "filter": "others" if term == OTHERS else kind,
            "shape": NODE_TYPES[kind].shape, "color": color, "baseColor": color, "size": node_size(len(node_flows)),
            "borderWidth": 4 if (shared or term in view.focus) else 1,
            "en": english, "search": " ".join(dict.fromkeys([label, english, *labels.all_texts(term)])).casefold(),
            "flows": sorted(index[s] for s in node_flows),
        })
    edges = []
    labelled = not view.multi_policy and sum(
        1 for u, v in graph.edges if u[0] == CONTROLLER and v[0] in (RECIPIENT, ROLE, PURPOSE)) <= MAX_LABELLED_EDGES
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        edge_flows = sorted(data["flows"], key=lambda s: index[s])
        kinds = Counter(k for s in edge_flows for k in flows[s].kinds)
        bases = list(dict.fromkeys(b for s in edge_flows for b in flows[s].bases))
        conditions = list(dict.fromkeys(c for s in edge_flows for c in flows[s].conditions))
        conditional = all(flows[s].conditions for s in edge_flows)
        lines = [f"{name(source)} → {name(target)}",
                 f"{count(len(edge_flows), 'flow')}: "
                 + ", ".join(f"{labels.text(k, view.lang)} ×{n}" if n > 1 else labels.text(k, view.lang)
                             for k, n in kinds.most_common()),
                 "Legal basis: " + ("; ".join(labels.text(b, view.lang) for b in bases) if bases else "not stated")]
        if conditions:
            lines.append("Condition: " + "; ".join(_short(c, 160) for c in conditions[:3])
                         + (f" (+{len(conditions) - 3})" if len(conditions) > 3 else ""))
        if view.multi_policy:
            titles = sorted({policy_titles.get(flows[s].policy, flows[s].policy) for s in edge_flows})
            lines.append("Policies: " + ", ".join(titles[:6]) + (f", … (+{len(titles) - 6})" if len(titles) > 6 else ""))
        quotes = list(dict.fromkeys((q.text, q.section, flows[s].policy) for s in edge_flows for q in flows[s].evidence))
        for text, section, policy in quotes[:MAX_QUOTES]:
            where = " · ".join(p for p in (policy_titles.get(policy, "") if view.multi_policy else "",
                                             f"§ {section}" if section else "") if p)
            lines.append(f"\n“{_short(text, MAX_QUOTE_CHARS)}”" + (f"\n   — {where}" if where else ""))
        if len(quotes) > MAX_QUOTES:
            lines.append(f"\n… and {count(len(quotes) - MAX_QUOTES, 'more sentence')}")
        to_recipient = target[0] in (RECIPIENT, ROLE)
        colour = KIND_COLORS.get(_edge_kind(kinds), DEFAULT_EDGE_COLOR) if to_recipient else NEUTRAL_EDGE_COLOR
        to_target = source[0] == CONTROLLER and (to_recipient or target[0] == PURPOSE)
        edge = {
            "id": f"e{number}", "from": node_id(source), "to": node_id(target), "title": "\n".join(lines),
            "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.75}, "baseColor": colour,
            "width": round(1 + 1.6 * math.log2(len(edge_flows)), 2) if edge_flows else 1,
            "dashes": conditional, "kinds": sorted(kinds), "flows": [index[s] for s in edge_flows],
        }
        if to_target and bases and labelled:
            shown = [labels.text(b, view.lang) for b in bases]
            edge["label"] = _short(shown[0], 28) + (f" +{len(shown) - 1}" if len(shown) > 1 else "")
        edges.append(edge)
    return nodes, edges


def node_id(node: tuple[str, str]) -> str:
    return f"{node[0]}|{node[1]}"


# ---------------------------------------------------------------- page: vis data → HTML (pyvis)


def _options(physics: bool, edge_count: int) -> dict:
    smooth = ({"type": "continuous"} if physics else
              {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45})
    return {
        "nodes": {"font": {"size": 16, "face": "system-ui, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff",
                           "color": "#1f2933"},
                  "widthConstraint": {"maximum": 190}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.45}}, "smooth": smooth,
                  "font": {"size": 12, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#52606d"},
                  "selectionWidth": 1.5, "hoverWidth": 1},
        "physics": ({"enabled": True, "solver": "barnesHut",
                     "barnesHut": {"gravitationalConstant": -14000, "centralGravity": 0.15, "springLength": 230,
                                   "springConstant": 0.02, "damping": 0.3, "avoidOverlap": 1},
                     "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True}}
                    if physics else {"enabled": False}),
        "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": True,
                        "hideEdgesOnDrag": edge_count > 800, "hideEdgesOnZoom": edge_count > 800},
        "layout": {"improvedLayout": False},
    }


@functools.cache
def _vis_js() -> str:
    """pyvis's bundled vis-network, to inline in every page.

    Its stylesheet is left out: nearly all of it (220 kB) styles the editing and navigation buttons these
    pages do not use; PAGE_CSS styles the tooltip.
    """
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    js = path.read_text(encoding="utf-8")
    if "</script" in js.lower():
        raise GraphbuilderError(f"{path}: the bundled vis-network cannot be inlined (it contains '</script')")
    return js


@functools.cache
def _jinja() -> "object":
    from jinja2 import DictLoader, Environment, select_autoescape

    return Environment(loader=DictLoader({"page.html": PAGE_TEMPLATE, "index.html": INDEX_TEMPLATE}),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def _with_csp(html: str) -> str:
    """Fill in the page's Content-Security-Policy: no fetch of any kind; only the page's own scripts run."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in re.findall(r"<script>(.*?)</script>", html, re.DOTALL)})
    policy = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
              f"script-src {' '.join(hashes) or chr(39) + 'none' + chr(39)}; base-uri 'none'; form-action 'none'")
    return html.replace("__CSP__", policy, 1)


def legend(graph: nx.DiGraph, vis_edges: list[dict], labels: Labels, lang: str) -> tuple[list[dict], list[dict]]:
    """The node types and statement kinds a page shows, with their colours and counts (legend and filters)."""
    counts = Counter("others" if node[1] == OTHERS else node[0] for node in graph)
    types = [{"key": t.key, "label": t.label, "color": t.color, "shape": t.shape, "count": counts[t.key]}
             for t in NODE_TYPES.values() if counts[t.key]]
    if counts["others"]:
        types.append({"key": "others", "label": "Others (grouped)", "color": OTHERS_COLOR, "shape": "dot",
                      "count": counts["others"]})
    kind_counts = Counter(k for edge in vis_edges for k in edge["kinds"])
    kinds = [{"key": k, "label": labels.text(k, lang), "color": KIND_COLORS.get(k, DEFAULT_EDGE_COLOR), "count": n}
             for k, n in sorted(kind_counts.items(), key=lambda item: (item[0] not in KIND_COLORS, -item[1]))]
    return types, kinds


def render_page(graph: nx.DiGraph, flows: dict[str, Flow], labels: Labels, view: View, *, layout: str = "layered",
                policy_titles: dict[str, str] | None = None) -> str:
    """One self-contained HTML page drawing ``graph`` with pyvis (vis-network inlined, no network needed).

    Raises:
        GraphbuilderError: an unknown layout.
    """
    from pyvis.network import Network

    if layout not in LAYOUTS:
        raise GraphbuilderError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    physics = layout == "physics"
    vis_nodes, vis_edges = style(graph, flows, labels, view, policy_titles)
    lines = {node: label_lines(vis["label"]) for node, vis in zip(graph, vis_nodes)}
    positions = physics_positions(graph) if physics else layered_positions(graph, lines)
    for node, vis in zip(graph, vis_nodes):
        vis["x"], vis["y"] = (round(value, 1) for value in positions[node])
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node in vis_nodes:
        net.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in vis_edges:
        net.add_edge(edge["from"], edge["to"], **{k: v for k, v in edge.items() if k not in ("from", "to")})
    net.options = _options(physics, len(vis_edges))
    types, kinds = legend(graph, vis_edges, labels, view.lang)
    env = _jinja()
    net.templateEnv = env
    net.path = "page.html"
    env.globals.update(page=view, node_types=types, edge_kinds=kinds, physics=physics, vis_js=_vis_js(),
                       page_js=PAGE_JS, page_css=PAGE_CSS)
    try:
        html = net.generate_html()
    finally:
        for key in ("page", "node_types", "edge_kinds", "physics", "vis_js", "page_js", "page_css"):
            env.globals.pop(key, None)
    return _with_csp(html)


def render_index(policies: list[dict], pages: list[dict], caption: str) -> str:
    """The index page: the summary table of the policies and a link to every page."""
    return _with_csp(_jinja().get_template("index.html").render(policies=policies, pages=pages, caption=caption,
                                                                page_css=PAGE_CSS))


# ---------------------------------------------------------------- views: corpus → pages


def policy_file(policy: str) -> str:
    return f"policy-{slug(policy.rstrip('/').rsplit('/', 1)[-1])}.html"


def focus_file(focus: str) -> str:
    return f"focus-{slug(focus)}.html"


def policy_view(policy: Policy, flows: list[Flow], labels: Labels) -> View:
    controller = labels.text(policy.controller, policy.lang)
    notes = tuple((f"Denied: {labels.text(kind, policy.lang) if kind else 'practice'}", q.text, q.section)
                  for kind, quotes in policy.denials for q in quotes[:1])
    denied = f" {count(len(policy.denials), 'denied practice')} listed below, not drawn." if policy.denials else ""
    source = " · ".join(dict.fromkeys(p for p in (policy.title, policy.source) if p)) or policy.iri
    return View(policy_file(policy.iri), f"{controller} — data flows",
                f"How {controller} handles personal data, as read from {source}: "
                f"who the data is about → which personal data → the controller → purposes and recipients. "
                f"{count(len(flows), 'flow')}.{denied} Hover an edge for its legal basis and the sentences it was "
                "read from.",
                policy.lang, notes=notes)


def overview_view(corpus: Corpus, graph: nx.DiGraph, top: int) -> View:
    grouped = any(node[1] == OTHERS for node in graph)
    return View("overview.html", "Corpus overview — who shares which personal data with whom",
                f"{count(len(corpus.policies), 'policy')}: the personal data each controller handles (left), the controllers "
                f"(middle) and the recipients they share it with (right). Recipients and categories named by several "
                f"controllers have a thick border and say how many."
                + (f" Only the {top} busiest of each column are drawn; the rest are grouped into an 'others' node."
                   if grouped else ""),
                "en", multi_policy=True)


def focus_view(focus: str, terms: tuple[str, ...], flows: list[Flow], labels: Labels) -> View:
    names = ", ".join(labels.text(t) for t in terms)

    return View(focus_file(focus), f"Focus — {names}",
                f"Every flow, across {count(len({f.policy for f in flows}), 'policy')}, that names {names}: "
                f"who the data is about → personal data → controllers → purposes and recipients. "
                f"{count(len(flows), 'flow')}. Hover an edge for the sentences it was read from.",
                "en", multi_policy=True, focus=terms)


def summary(policy: Policy, flows: list[Flow], labels: Labels) -> dict:
    """One row of the index table."""
    return {"file": policy_file(policy.iri), "title": policy.title or policy.iri, "source": policy.source,
            "languages": ", ".join(policy.languages), "controller": labels.text(policy.controller, policy.lang),
            "statements": len(flows), "denials": len(policy.denials),
            "categories": len({c for f in flows for c in f.categories}),
            "recipients": len({r for f in flows for r in f.recipients})}


@dataclass
class Rendered:
    """A page ready to write: its file name, HTML and the graph it draws (tests compare counts with it)."""

    file: str
    html: str
    graph: nx.DiGraph
    title: str


def _rendered(graph: nx.DiGraph, flows: dict[str, Flow], labels: Labels, view: View, layout: str,
              titles: dict[str, str]) -> Rendered:
    return Rendered(view.file, render_page(graph, flows, labels, view, layout=layout, policy_titles=titles), graph,
                    view.title)


def render_views(corpus: Corpus, *, focus: dict[str, tuple[tuple[str, ...], list[Flow]]] | None = None,
                 layout: str = "layered", top: int = 40) -> Iterator[Rendered]:
    """Every page of a corpus, one at a time (pure: no store, no disk); the index comes last.

    ``focus`` maps each ``--focus`` value to its terms and flows (from viz-focus).
    """
    titles = {p.iri: p.title or p.iri for p in corpus.policies}
    by_policy: dict[str, list[Flow]] = defaultdict(list)
    for flow in corpus.flows:
        by_policy[flow.policy].append(flow)
    table, links = [], []
    for policy in corpus.policies:
        flows = by_policy.get(policy.iri, [])
        policy = with_main_language(policy, flows)
        by_id = {f.statement: f for f in flows}
        graph = aggregate(with_controllers(flow_graph(flows), [policy.controller]), top, by_id)
        table.append(summary(policy, flows, corpus.labels))
        yield _rendered(graph, by_id, corpus.labels, policy_view(policy, flows, corpus.labels), layout, titles)
    by_id = {f.statement: f for f in corpus.flows}
    graph = flow_graph(corpus.flows, subjects=False, purposes=False)
    graph = aggregate(with_controllers(graph, [p.controller for p in corpus.policies]), top, by_id)
    pages = [_rendered(graph, by_id, corpus.labels, overview_view(corpus, graph, top), layout, titles)]
    for name, (terms, flows) in (focus or {}).items():
        by_id = {f.statement: f for f in flows}
        pages.append(_rendered(aggregate(flow_graph(flows), top, by_id), by_id, corpus.labels,
                               focus_view(name, terms, flows, corpus.labels), layout, titles))
    for page in pages:
        links.append({"file": page.file, "title": page.title})
        yield page
    caption = (f"{count(len(corpus.policies), 'policy')}, {count(len(corpus.flows), 'data flow')}. Each page is an "
               "interactive graph: hover for evidence, click a node to follow its flows, search and filter from the "
               "toolbar.")
    yield Rendered("index.html", render_index(table, links, caption), nx.DiGraph(), "PolicyKG flow graphs")


# ---------------------------------------------------------------- the edge: store → corpus, pages → files


def _rows(store, name: str, params: dict[str, str] | None = None) -> list[dict]:  # noqa: ANN001
    """A viz query's rows as plain strings; a language-tagged literal adds ``<variable>_lang``."""
    from graphbuilder.query import resolve, run_query

    _, rows = run_query(store, resolve(name), params)
    plain = []
    for row in rows:
        item = {}
        for key, term in row.items():
            item[key] = None if term is None else term.value
            if getattr(term, "language", None):
                item[f"{key}_lang"] = term.language
        plain.append(item)
    return plain


def read_corpus(store) -> Corpus:  # noqa: ANN001
    """Everything the pages draw, read from the store with the viz-*.rq queries."""
    evidence = evidence_from_rows(_rows(store, "viz-evidence"))
    return Corpus(policies_from_rows(_rows(store, "viz-policies"), _rows(store, "viz-denials"), evidence),
                  flows_from_rows(_rows(store, "viz-flows"), evidence),
                  labels_from_rows(_rows(store, "viz-labels")))


def read_focus(store, corpus: Corpus, focus: str) -> tuple[tuple[str, ...], list[Flow]]:  # noqa: ANN001
    """The terms a ``--focus`` value names and the flows (viz-focus) that name them."""
    terms = resolve_focus(focus, corpus.flows, corpus.labels)
    evidence = {f.statement: f.evidence for f in corpus.flows}
    flows: dict[str, Flow] = {}
    for term in terms:
        for flow in flows_from_rows(_rows(store, "viz-focus", {"focus": f"<{term}>"}), evidence):
            flows.setdefault(flow.statement, flow)
    return terms, focus_flows(flows.values(), terms)


def render_all(out: str | Path, *, focus: Iterable[str] = (), layout: str = "layered", top: int = 40) -> list[Path]:
    """Draw the build in ``out`` as interactive HTML pages under ``out/viz/``; returns the files written.

    Writes one flow graph per policy, the corpus overview, one focus page per ``focus`` value
    (a category IRI such as ``pd:EmailAddress`` or a name such as ``"Google"``) and ``index.html``.
    Pages of policies no longer in the build are removed.

    Raises:
        GraphbuilderError: no build in ``out``, an unknown layout, ``top`` below 1, or a focus that matches nothing
            (checked before anything is written).
    """
    from graphbuilder.store import open_store, write_file

    if layout not in LAYOUTS:
        raise GraphbuilderError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    if top < 1:
        raise GraphbuilderError(f"--top must be at least 1, not {top}")
    store = open_store(out)
    try:
        corpus = read_corpus(store)
        focused = {name: read_focus(store, corpus, name) for name in dict.fromkeys(focus)}
    finally:
        del store
    pages = render_views(corpus, focus=focused, layout=layout, top=top)
    target = Path(out) / VIZ_DIR
    written = [write_file(page.html.encode("utf-8"), target / page.file) for page in pages]
    keep = {path.name for path in written}
    for stale in [*target.glob("policy-*.html"), *target.glob("focus-*.html")]:
        if stale.name not in keep:
            stale.unlink()
    return written


# ---------------------------------------------------------------- the page: template, style, script (all inline)

PAGE_TEMPLATE = """<!DOCTYPE html>
{%- macro symbol(shape, color) -%}
<svg class="sym" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
{%- if shape == 'square' %}<rect x="-6" y="-6" width="12" height="12" fill="{{ color }}"/>
{%- elif shape == 'diamond' %}<polygon points="0,-7 7,0 0,7 -7,0" fill="{{ color }}"/>
{%- elif shape == 'triangle' %}<polygon points="0,-7 7,6 -7,6" fill="{{ color }}"/>
{%- elif shape == 'triangleDown' %}<polygon points="-7,-6 7,-6 0,7" fill="{{ color }}"/>
{%- elif shape == 'hexagon' %}<polygon points="-7,0 -3.5,-6 3.5,-6 7,0 3.5,6 -3.5,6" fill="{{ color }}"/>
{%- else %}<circle r="6" fill="{{ color }}"/>{% endif %}</svg>
{%- endmacro %}
<html lang="{{ page.lang }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="__CSP__">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }}</title>
<style>{{ page_css|safe }}</style>
<script>{{ vis_js|safe }}</script>
</head>
<body>
<header>
<nav><a href="index.html">← all graphs</a></nav>
<h1>{{ page.title }}</h1>
<p class="caption">{{ page.caption }}</p>
</header>
<div class="toolbar">
<input id="search" type="search" placeholder="Search a node…" aria-label="Search a node" list="node-names" autocomplete="off">
<datalist id="node-names"></datalist>
<select id="select" aria-label="Select a node"><option value="">Select a node…</option></select>
<button id="fit" type="button">Fit</button>
<button id="reset" type="button">Reset</button>
<span id="status" aria-live="polite"></span>
</div>
<main>
<div id="mynetwork"></div>
<aside class="legend">
<h2>Nodes <small>untick to hide</small></h2>
<ul>
{%- for t in node_types %}
<li><label><input type="checkbox" class="type-filter" value="{{ t.key }}" data-label="{{ t.label }}" checked> {{ symbol(t.shape, t.color) }} {{ t.label }}{% if t.count %} <span class="count">{{ t.count }}</span>{% endif %}</label></li>
{%- endfor %}
</ul>
{%- if edge_kinds %}
<h2>Flows <small>untick to hide</small></h2>
<ul>
{%- for k in edge_kinds %}
<li><label><input type="checkbox" class="kind-filter" value="{{ k.key }}" checked> <span class="line" style="background: {{ k.color }}"></span> {{ k.label }} <span class="count">{{ k.count }}</span></label></li>
{%- endfor %}
<li><span class="line dashed"></span> only under a condition</li>
</ul>
{%- endif %}
<p class="hint">Node size: flows through the node. Edge width: flows along the edge. Colour: how the data reaches
a recipient. Hover for details and evidence; click a node or an edge to follow its flows.</p>
</aside>
</main>
{%- if page.notes %}
<section class="notes"><h2>Not drawn</h2><ul>
{%- for heading, quote, section in page.notes %}
<li><strong>{{ heading }}</strong>: “{{ quote }}”{% if section %} <span class="section">§ {{ section }}</span>{% endif %}</li>
{%- endfor %}
</ul></section>
{%- endif %}
<script>
var nodes, edges, network;
var PAGE = {"nodes": {{ nodes|tojson }}, "edges": {{ edges|tojson }}, "options": JSON.parse({{ options|tojson }}),
            "physics": {{ physics|tojson }}};
{{ page_js|safe }}
</script>
</body>
</html>
"""

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="__CSP__">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PolicyKG flow graphs</title>
<style>{{ page_css|safe }}</style>
</head>
<body class="index">
<header>
<h1>PolicyKG flow graphs</h1>
<p class="caption">{{ caption }}</p>
</header>
<section>
<h2>The corpus</h2>
<ul class="pages">
{%- for p in pages %}
<li><a href="{{ p.file }}">{{ p.title }}</a></li>
{%- endfor %}
</ul>
<h2>Policies <small>one flow graph each</small></h2>
<table>
<thead><tr><th>Policy</th><th>Language</th><th>Controller</th><th class="num">Statements</th><th class="num">Denied</th>
<th class="num">Categories</th><th class="num">Recipients</th></tr></thead>
<tbody>
{%- for p in policies %}
<tr><td><a href="{{ p.file }}">{{ p.title }}</a><div class="source">{{ p.source }}</div></td><td>{{ p.languages }}</td>
<td>{{ p.controller }}</td><td class="num">{{ p.statements }}</td><td class="num">{{ p.denials }}</td>
<td class="num">{{ p.categories }}</td><td class="num">{{ p.recipients }}</td></tr>
{%- endfor %}
</tbody>
</table>
</section>
</body>
</html>
"""

PAGE_CSS = """
html, body { margin: 0; height: 100%; color: #1f2933; background: #f5f7fa;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 8px 18px 2px; background: #fff; border-bottom: 1px solid #e4e7eb; }
header h1 { font-size: 19px; margin: 2px 0 3px; }
header nav a, a { color: #2f6fc4; text-decoration: none; }
header nav { font-size: 12px; }
.caption { margin: 0 0 6px; color: #52606d; max-width: 120ch; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 6px 18px; background: #fff;
  border-bottom: 1px solid #e4e7eb; }
.toolbar input, .toolbar select, .toolbar button { font: inherit; padding: 3px 8px; border: 1px solid #cbd2d9;
  border-radius: 4px; background: #fff; }
.toolbar input[type=search] { width: 230px; }
.toolbar select { max-width: 300px; }
.toolbar button { cursor: pointer; }
#status { color: #52606d; font-size: 12px; }
main { flex: 1; display: flex; min-height: 360px; }
#mynetwork { flex: 1; position: relative; background: #fff; }
.legend { width: 240px; padding: 4px 14px; background: #fff; border-left: 1px solid #e4e7eb; overflow-y: auto;
  font-size: 13px; }
.legend h2 { font-size: 12px; margin: 10px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #52606d; }
.legend h2 small { text-transform: none; letter-spacing: 0; font-weight: normal; color: #9aa5b1; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { margin: 3px 0; }
.legend label { cursor: pointer; }
.count { color: #9aa5b1; font-size: 11px; }
.hint { color: #7b8794; font-size: 12px; }
.sym { vertical-align: -3px; }
.line { display: inline-block; width: 22px; height: 3px; vertical-align: middle; border-radius: 2px; }
.line.dashed { background: repeating-linear-gradient(90deg, #8796a8 0 5px, transparent 5px 9px); }
div.vis-tooltip { position: absolute; visibility: hidden; pointer-events: none; z-index: 5;
  white-space: pre-wrap; max-width: 460px; padding: 8px 10px; border: 1px solid #cbd2d9;
  border-radius: 6px; background: #fff; color: #1f2933; box-shadow: 0 4px 14px rgba(0, 0, 0, .15);
  font: 12.5px/1.45 system-ui, sans-serif; }
.notes { max-height: 20vh; overflow: auto; padding: 4px 18px 8px; background: #fff; border-top: 1px solid #e4e7eb;
  font-size: 13px; }
.notes h2 { font-size: 12px; text-transform: uppercase; color: #52606d; margin: 6px 0; }
.notes ul { margin: 0; padding-left: 18px; }
.section, .source { color: #7b8794; font-size: 12px; }
body.index { display: block; height: auto; }
body.index section { padding: 4px 18px 18px; }
body.index h2 { font-size: 15px; margin: 14px 0 6px; }
body.index h2 small { font-weight: normal; color: #7b8794; font-size: 12px; margin-left: 6px; }
.pages { columns: 2; margin: 0; }
table { border-collapse: collapse; background: #fff; min-width: 60%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
th { background: #f0f3f7; font-size: 12px; text-transform: uppercase; color: #52606d; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
"""

PAGE_JS = """
(function () {
  "use strict";
  var DIM = "rgba(205, 211, 218, 0.45)";
  var container = document.getElementById("mynetwork");
  nodes = new vis.DataSet(PAGE.nodes);
  edges = new vis.DataSet(PAGE.edges);
  network = new vis.Network(container, {nodes: nodes, edges: edges}, PAGE.options);
  var search = document.getElementById("search");
  var select = document.getElementById("select");
  var status = document.getElementById("status");
  var summary = nodes.length + " nodes · " + edges.length + " edges";
  status.textContent = summary;

  function ready() {
    window.policykgReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  if (PAGE.physics) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    network.once("afterDrawing", ready);
  }

  // the search list and the select menu, grouped by node type (text only: nothing is parsed as HTML)
  var datalist = document.getElementById("node-names");
  var sorted = nodes.get().sort(function (a, b) { return a.label.localeCompare(b.label); });
  document.querySelectorAll(".type-filter").forEach(function (box) {
    var group = document.createElement("optgroup");
    group.label = box.getAttribute("data-label");
    sorted.forEach(function (n) {
      if (n.filter !== box.value) { return; }
      var option = document.createElement("option");
      option.value = n.id;
      option.textContent = n.label.replace(/\\n/g, " · ");
      group.appendChild(option);
    });
    if (group.children.length) { select.appendChild(group); }
  });
  sorted.forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.label.split("\\n")[0];
    datalist.appendChild(option);
  });

  // light up the flows in flowSet; of the selected nodes' types, only the selected nodes themselves
  // (following "email address" shows where the email goes, not every category collected with it)
  function highlight(flowSet, selected) {
    var chosen = new Set(selected || []), chosenKinds = new Set();
    chosen.forEach(function (id) { chosenKinds.add(nodes.get(id).kind); });
    var touches = function (item) {
      return !flowSet || item.flows.some(function (f) { return flowSet.has(f); });
    };
    var lit = new Set(), shown = [];
    nodes.update(nodes.map(function (n) {
      var on = touches(n) && (chosen.has(n.id) || !chosenKinds.has(n.kind));
      if (on) { lit.add(n.id); }
      if (on && !n.hidden) { shown.push(n.id); }
      return {id: n.id, color: on ? n.baseColor : DIM, font: {color: on ? "#1f2933" : "#c5cbd3"}};
    }));
    edges.update(edges.map(function (e) {
      var on = touches(e) && lit.has(e.from) && lit.has(e.to);
      return {id: e.id, color: {color: on ? e.baseColor : DIM, highlight: e.baseColor, hover: e.baseColor,
                                opacity: on ? 0.75 : 0.3},
              font: {color: on ? "#52606d" : "rgba(0, 0, 0, 0)"}};
    }));
    return shown;
  }

  function follow(flows, selected, fit) {
    var shown = highlight(new Set(flows), selected);
    network.selectNodes(selected, false);
    if (fit && shown.length) { network.fit({nodes: shown, animation: false}); }
    status.textContent = flows.length + " flow" + (flows.length === 1 ? "" : "s") + " · " + shown.length + " nodes";
  }

  function followNodes(ids, fit) {
    var flows = new Set();
    ids.forEach(function (id) { nodes.get(id).flows.forEach(function (f) { flows.add(f); }); });
    follow(Array.from(flows), ids, fit);
  }

  function clear() {
    highlight(null);
    network.unselectAll();
    status.textContent = summary;
  }

  function matches(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return []; }
    return nodes.getIds({filter: function (n) { return !n.hidden && n.search.indexOf(wanted) >= 0; }});
  }

  search.addEventListener("input", function () {
    var found = matches(search.value);
    if (!search.value.trim()) { clear(); return; }
    if (!found.length) { clear(); status.textContent = "no node matches"; return; }
    followNodes(found, false);
    status.textContent = found.length + " match" + (found.length === 1 ? "" : "es") + " · " + status.textContent;
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { var found = matches(search.value); if (found.length) { followNodes(found, true); } }
  });
  select.addEventListener("change", function () {
    if (select.value) { followNodes([select.value], true); } else { clear(); }
  });
  network.on("click", function (params) {
    if (params.nodes.length) {
      followNodes(params.nodes, false);
    } else if (params.edges.length) {
      follow(edges.get(params.edges[0]).flows, [], false);
    } else {
      clear();
    }
  });

  function applyFilters() {
    var hiddenTypes = new Set(), shownKinds = new Set();
    document.querySelectorAll(".type-filter").forEach(function (box) { if (!box.checked) { hiddenTypes.add(box.value); } });
    document.querySelectorAll(".kind-filter").forEach(function (box) { if (box.checked) { shownKinds.add(box.value); } });
    nodes.update(nodes.map(function (n) { return {id: n.id, hidden: hiddenTypes.has(n.filter)}; }));
    edges.update(edges.map(function (e) {
      return {id: e.id, hidden: e.kinds.length > 0 && !e.kinds.some(function (k) { return shownKinds.has(k); })};
    }));
  }
  document.querySelectorAll(".type-filter, .kind-filter").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({animation: false}); });
  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll(".type-filter, .kind-filter").forEach(function (box) { box.checked = true; });
    search.value = "";
    select.value = "";
    applyFilters();
    clear();
    network.fit({animation: false});
  });
})();
"""
