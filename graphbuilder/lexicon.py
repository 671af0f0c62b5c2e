"""The lexicon: every SKOS label (en/ja/vi) of the shipped ontology, compiled into matchers.

Adding a label to ``ontology/`` is how the extractor learns a word; nothing here lists words.
``load_lexicon()`` reads the ontology once; ``Lexicon.find(text, lang)`` returns the concepts
mentioned in a text, longest label first, without overlaps within a scheme.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graphbuilder.errors import OntologyError
from graphbuilder.language import has_vietnamese_marks
from graphbuilder.model import Mention
from graphbuilder.ns import PKG

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

#: scheme IRI → the short name the extractor uses for it
SCHEMES = {
    PKG.PersonalDataScheme: "personal_data",
    PKG.PurposeScheme: "purpose",
    PKG.RecipientScheme: "recipient",
    PKG.LegalBasisScheme: "legal_basis",
    PKG.DataSubjectScheme: "data_subject",
    PKG.RightScheme: "right",
    PKG.MeasureScheme: "measure",
    PKG.OrganisationScheme: "organisation",
    PKG.PlaceScheme: "place",
}
#: schemes whose labels an English ellipsis may complete ("credit and affordability checks")
_ELLIPSIS_SCHEMES = ("personal_data", "purpose")
#: what a person does that makes them the data subject ("when you visit our website"): pkg:actionLabel
SUBJECT_ACTION = "subject_action"
#: stop phrases are matched as personal data, so that one hides the data labels inside it
STOP = "stop"
_STOP_SCHEMES = {PKG.StopPhraseScheme: STOP}



def fold(text: str) -> str:
    """Lower-case a text character by character, keeping its length (offsets stay valid), with the
    Vietnamese tone mark of "oa", "oe" and "uy" in one place ("hoá" and "hóa" are one spelling).

    Example:
        >>> fold("Cá nhân hoá") == fold("cá nhân hóa"), len(fold("Hoá"))
        (True, 3)
    """
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return _TONE_ON_SECOND.sub(_tone_to_first, "".join(out))


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
#: "oá", "oè", "uý" …: a tone mark on the second vowel of a diphthong whose first vowel bears none
_TONE_ON_SECOND = re.compile("([ou])([" + "".join(
    unicodedata.normalize("NFC", base + tone) for base in "aey" for tone in _TONES) + "])")


def _tone_to_first(m: re.Match) -> str:
    first, second = m.group(1), unicodedata.normalize("NFD", m.group(2))
    if (first, second[0]) not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return m.group(0)
    return unicodedata.normalize("NFC", first + second[1:]) + second[0]


def strip_diacritics(text: str) -> str:
    """Vietnamese without diacritics, one character for one (so offsets stay valid).

    Example:
        >>> strip_diacritics("địa chỉ email")
        'dia chi email'
    """
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d" if ch == "đ" else "D")
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if base.isascii() and base.isalpha() else ch)
    return "".join(out)


_LATIN_CHAR = re.compile(r"[0-9a-zà-ỹđ]")
_SEPARATOR_CHARS = set(" \t\n\r\u3000-‐−–・･/_")


def _is_latin(ch: str) -> bool:
    return bool(_LATIN_CHAR.match(ch))


def _label_keys(label: str, lang: str) -> list[str]:
    """The separator-free keys a label matches: the label itself and, in English, its plural."""
    key = "".join(ch for ch in label if ch not in _SEPARATOR_CHARS)
    if not key:
        return []
    keys = [key]
    if lang == "en" and key[-1].isalpha() and len(key) > 2 and key.isascii():
        if key.endswith("y") and not key.endswith(("ay", "ey", "oy", "uy")):
            keys.append(key[:-1] + "ies")
        elif key.endswith("sis"):  # analysis → analyses, diagnosis → diagnoses
            keys.append(key[:-3] + "ses")
        elif key.endswith(("s", "x", "ch", "sh")):
            keys.append(key + "es")
        else:
            keys.append(key + "s")
    return keys


@dataclass
class _Matcher:
    """A trie over separator-free label keys; finds, per scheme, the longest label at each position.

    Separators (spaces, hyphens, ・, /) are optional inside a label ("e-mail" = "email" = "e mail");
    a label that starts or ends with a Latin letter or digit only matches on a word boundary.
    """

    trie: dict = field(default_factory=dict)

    def add(self, key: str, scheme: str, concept: str) -> None:
        node = self.trie
        for ch in key:
            node = node.setdefault(ch, {})
        node.setdefault(None, {}).setdefault(scheme, concept)  # first (longest label) wins per scheme

    def find(self, folded: str, original: str, optional: re.Pattern | None = None) -> list[Mention]:
        """Mentions in ``folded``; ``optional`` matches words a label may have between its own words
        ("evaluate your application" reaches the label "evaluate application")."""
        if not self.trie:
            return []
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(folded):
            if ch not in _SEPARATOR_CHARS:
                chars.append(ch)
                index.append(i)
        n = len(chars)
        mentions: list[Mention] = []
        cursor: dict[str, int] = {}
        for start in range(n):
            first_latin = _is_latin(chars[start])
            if first_latin and start > 0 and index[start - 1] == index[start] - 1 and _is_latin(chars[start - 1]):
                continue  # inside a word
            best: dict[str, tuple[int, str]] = {}
            # walk the trie; an English plural ending inside the text may also be skipped
            # ("applicants for recruitment" reaches the label "applicant for recruitment")
            states = [(self.trie, start)]
            while states:
                node, j = states.pop()
                if None in node and j > start:
                    last_latin = _is_latin(chars[j - 1])
                    if not (last_latin and j < n and index[j] == index[j - 1] + 1 and _is_latin(chars[j])):
                        for scheme, concept in node[None].items():
                            if j > best.get(scheme, (0, ""))[0]:
                                best[scheme] = (j, concept)
                if j >= n:
                    continue
                if chars[j] in node:
                    states.append((node[chars[j]], j + 1))
                skip = self._inflection(chars, index, j)
                if skip and j + skip < n and chars[j + skip] in node:
                    states.append((node[chars[j + skip]], j + skip + 1))
                if optional is not None and node is not self.trie and index[j] != index[j - 1] + 1 \
                        and (word := optional.match(folded, index[j])) and word.end() < len(folded) \
                        and folded[word.end()] in _SEPARATOR_CHARS:
                    k = bisect.bisect_left(index, word.end())
                    if k < n and chars[k] in node:
                        states.append((node[chars[k]], k + 1))
            for scheme, (end, concept) in best.items():
                if cursor.get(scheme, 0) <= start:
                    a, b = index[start], index[end - 1] + 1
                    mentions.append(Mention(scheme, concept, a, b, original[a:b]))
                    cursor[scheme] = end
        return mentions

    @staticmethod
    def _inflection(chars: list[str], index: list[int], j: int) -> int:
        """Length of an English plural ending ('s', 'es') at j that ends a word inside a label, else 0."""
        if j == 0 or not _is_latin(chars[j - 1]) or not chars[j - 1].isascii():
            return 0
        for ending in ("s", "es"):
            k = j + len(ending)
            if "".join(chars[j:k]) == ending and k < len(chars) and \
                    (index[k] != index[k - 1] + 1 or not _is_latin(chars[k])):
                return len(ending)
        return 0


def _compile(entries: list[tuple[str, str, str, str]]) -> _Matcher:
    """entries: (label, lang, scheme name, concept). Longest label wins at a position."""
    matcher = _Matcher()
    for label, lang, scheme, concept in sorted(entries, key=lambda e: (-len(e[0]), e[0], e[2], e[3])):
        for key in _label_keys(label, lang):
            matcher.add(key, scheme, concept)
    return matcher


@dataclass
class Lexicon:
    """Labels compiled into matchers, plus the concept hierarchy and per-kind defaults."""

    graph: Graph
    matcher: _Matcher
    plain_matcher: _Matcher  # for Vietnamese typed without diacritics
    ancestors: dict[str, frozenset[str]]
    default_recipient: dict[str, str] = field(default_factory=dict)
    processing: dict[str, str] = field(default_factory=dict)
    operated_by: dict[str, str] = field(default_factory=dict)
    sign_in_services: frozenset[str] = frozenset()  # sources of data, never recipients
    precedence: dict[str, int] = field(default_factory=dict)
    implied_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind → recipient roles implying it
    implied_basis: dict[str, str] = field(default_factory=dict)  # recipient role → legal basis
    umbrellas: frozenset[str] = frozenset()  # data categories that stand for the named ones under them
    refinements: dict[str, dict[str, str]] = field(default_factory=dict)  # cue label → {concept: refined concept}
    optional_words: dict[str, re.Pattern] = field(default_factory=dict)  # lang → words labels may skip
    coordination: re.Pattern = re.compile(r"(?!)")  # English words joining conjuncts

    def find(self, text: str, lang: str, schemes: tuple[str, ...] | None = None) -> list[Mention]:
        """Concepts mentioned in ``text``; offsets are relative to ``text``.

        Example:
            >>> lex = load_lexicon()
            >>> sorted({m.concept.rsplit('#')[1] for m in lex.find("We collect your e-mail addresses.", "en")
            ...         if m.scheme == "personal_data"})
            ['EmailAddress']
        """
        folded = fold(text)
        plain = lang == "vi" and not has_vietnamese_marks(text)
        matcher = self.plain_matcher if plain else self.matcher
        matched = matcher.find(strip_diacritics(folded) if plain else folded, text, self.optional_words.get(lang))
        stops = [m for m in matched if m.scheme == STOP]
        found = [m for m in matched if m.scheme != STOP and (schemes is None or m.scheme in schemes)
                 and not (m.scheme == "personal_data" and any(
                     s.start <= m.start and m.end <= s.end and s.end - s.start > m.end - m.start for s in stops))]
        if lang == "en":
            found += [m for m in self._elided(text, found) if schemes is None or m.scheme in schemes]
        return sorted(found, key=lambda m: (m.start, -m.end, m.scheme))

    def _elided(self, text: str, found: list[Mention]) -> list[Mention]:
        """English conjuncts that share the words after the last one: "credit and affordability checks" also
        names credit checks, "schedule and conduct interviews" scheduling interviews, "home and work address"
        a home address. The mention spans the first conjunct."""
        extra = []
        for sep in self.coordination.finditer(text):
            if not sep.group(0).strip().isalpha():
                continue  # "a, b" lists items; "a and b N" may share N
            head = re.search(r"([A-Za-z][\w-]*)\s*$", text[:sep.start()])
            tail = re.match(r"\s*([A-Za-z][\w-]*)((?:\s+[A-Za-z][\w-]*){1,3})", text[sep.end():])
            if not head or not tail:
                continue
            a, b = head.span(1)
            if any(m.start <= a < m.end and m.scheme in _ELLIPSIS_SCHEMES for m in found):
                continue  # the first conjunct is a phrase of its own ("name and email address")
            phrase = head.group(1) + tail.group(2)
            for hit in self.matcher.find(fold(phrase), phrase):
                if hit.scheme in _ELLIPSIS_SCHEMES and hit.start == 0 and hit.end > len(head.group(1)) + 1:
                    extra.append(Mention(hit.scheme, hit.concept, a, b, text[a:b]))
        return extra

    def is_a(self, concept: str, ancestor: str) -> bool:
        """True when ``concept`` is ``ancestor`` or lies under it (skos:broader, exactMatch, subClassOf)."""
        return concept == ancestor or ancestor in self.ancestors.get(concept, frozenset())


def ontology_files(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    """The Turtle files that make up the shipped ontology (core, DPV subset, vocabularies)."""
    files = sorted(directory.glob("*.ttl")) + sorted((directory / "vocab").glob("*.ttl"))
    if not files:
        raise OntologyError(f"{directory}: no ontology files (*.ttl) found")
    return [f for f in files if f.name != "shapes.ttl"]


def load_ontology_graph(directory: Path = ONTOLOGY_DIR) -> Graph:
    """Parse every ontology file into one graph.

    Raises:
        OntologyError: a file does not parse; the message names it and the parser's complaint.
    """
    graph = Graph()
    for path in ontology_files(directory):
        try:
            graph.parse(path, format="turtle")
        except Exception as err:  # rdflib raises several types for bad Turtle
            raise OntologyError(f"{path}: cannot parse ontology file: {err}") from err
    return graph


@functools.cache
def load_lexicon(directory: Path = ONTOLOGY_DIR) -> Lexicon:
    """Read the ontology and compile its labels (cached: the ontology is read once per process)."""
    graph = load_ontology_graph(directory)
    entries: list[tuple[str, str, str, str]] = []
    plain_entries: list[tuple[str, str, str, str]] = []

    def add(scheme: str, concept: str, predicates: tuple = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)) -> None:
        for predicate in predicates:
            for label in graph.objects(URIRef(concept), predicate):
                lang = getattr(label, "language", None) or "en"
                text = fold(unicodedata.normalize("NFKC", str(label))).strip()
                if not text:
                    continue
                entries.append((text, lang, scheme, concept))
                if lang != "ja":
                    plain_entries.append((strip_diacritics(text), lang, scheme, concept))

    for scheme_iri, name in {**SCHEMES, **_STOP_SCHEMES}.items():
        for concept in graph.subjects(SKOS.inScheme, scheme_iri):
            add(name, str(concept))
    for concept in set(graph.subjects(PKG.actionLabel, None)):
        add(SUBJECT_ACTION, str(concept), (PKG.actionLabel,))
    kinds = {str(c) for c in graph.transitive_subjects(RDFS.subClassOf, PKG.PolicyStatement)} - {
        str(PKG.PolicyStatement), str(PKG.DataPractice)}
    for kind in kinds:
        add("kind", kind)

    ancestors = _ancestors(graph)
    lexicon = Lexicon(
        graph=graph,
        matcher=_compile(entries),
        plain_matcher=_compile(plain_entries),
        ancestors=ancestors,
        default_recipient={str(s): str(o) for s, o in graph.subject_objects(PKG.defaultRecipient)},
        processing={str(s): str(o) for s, o in graph.subject_objects(PKG.processing)},
        operated_by={str(s): str(o) for s, o in graph.subject_objects(PKG.operatedBy)},
        sign_in_services=frozenset(str(s) for s in graph.subjects(RDF.type, PKG.SignInService)),
        precedence={str(s): int(o) for s, o in graph.subject_objects(PKG.precedence)},
        implied_by={str(k): tuple(sorted(str(r) for r in graph.objects(k, PKG.impliedByRecipient)))
                    for k in set(graph.subjects(PKG.impliedByRecipient))},
        implied_basis={str(s): str(o) for s, o in graph.subject_objects(PKG.impliesLegalBasis)},
        umbrellas=frozenset(str(s) for s, o in graph.subject_objects(PKG.umbrella) if o.toPython() is True),
        refinements={str(cue): {str(s): str(o) for s, o in graph.subject_objects(prop)}
                     for prop, cue in graph.subject_objects(PKG.refinementCue)},
        optional_words={p.lang: p.regex for p in load_cues().get("OPTIONAL_WORD", ())},
        coordination=next((p.regex for p in load_cues().get("COORDINATION", ()) if p.lang == "en"), re.compile(r"(?!)")),
    )
    return lexicon


def _ancestors(graph: Graph) -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = defaultdict(set)
    for predicate in (SKOS.broader, RDFS.subClassOf, SKOS.exactMatch, OWL.equivalentClass):
        for s, o in graph.subject_objects(predicate):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                parents[str(s)].add(str(o))
                if predicate in (SKOS.exactMatch, OWL.equivalentClass):
                    parents[str(o)].add(str(s))
    closure: dict[str, frozenset[str]] = {}
    for node in list(parents):
        seen: set[str] = set()
        todo = list(parents[node])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        seen.discard(node)
        closure[node] = frozenset(seen)
    return closure


# --------------------------------------------------------------------------- cue patterns

@dataclass(frozen=True)
class CuePattern:
    """One regular-expression cue from ``ontology/cues.jsonl`` (negation, exception, names, dates)."""

    label: str
    lang: str
    id: str
    regex: re.Pattern


CUE_LABELS = {"NEGATION", "EXCEPTION", "CONDITIONAL_NEGATION", "LEAD_IN", "SELF_REFERENCE", "SUBJECT_NAME", "ORGANISATION",
              "DATE", "PURPOSE_MARKER", "CLAUSE_BREAK", "SUBJECT_BEFORE", "SUBJECT_AFTER",
              "SOURCE_BEFORE", "SOURCE_AFTER", "LEGAL_DEFINITION", "ADVICE",
              "ARTEFACT_BEFORE", "ARTEFACT_AFTER", "OCCASION",
              "COLUMN_LEGAL_BASIS", "COLUMN_RETENTION", "COLUMN_PURPOSE", "COLUMN_RECIPIENT", "COLUMN_SERVICE", "COLUMN_DATA",
              "PERSONALISED", "COORDINATION", "CONSENT_OF", "CONSENTING", "QUALIFIER_LINK",
              "RECIPIENT_SLOT", "COPYRIGHT", "OPTIONAL_WORD", "EXAMPLE", "SCOPE",
              "DIRECT_CHANNEL", "RECRUITMENT",
              "ANONYMOUS", "SUBJECT_DEFINITION",
              "NOTIFIED_BEFORE", "NOTIFIED_AFTER", "REFERENCE_BEFORE", "REFERENCE_AFTER",
              "POINTER", "CONTACTED_BEFORE", "CONTACTED_AFTER",
              "NECESSITY_BEFORE", "NECESSITY_AFTER", "STATUTE_NAME", "QUANTITY_BEFORE", "NO_CELL", "EXAMPLES_BEFORE", "LINKED_BEFORE", "LINKED_AFTER"}


@functools.cache
def load_cues(path: Path = ONTOLOGY_DIR / "cues.jsonl") -> dict[str, tuple[CuePattern, ...]]:
    """Read the cue patterns, grouped by label.

    Raises:
        PatternError: a line is not JSON, lacks a key, has an unknown label or an invalid regex;
            the message names the file and the line.
    """
    import json

    from graphbuilder.errors import PatternError

    grouped: dict[str, list[CuePattern]] = defaultdict(list)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise PatternError(f"{path}: cannot read cue patterns: {err}") from err
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            label, lang, ident, pattern = row["label"], row["lang"], row["id"], row["pattern"]
        except (ValueError, KeyError, TypeError) as err:
            raise PatternError(f"{path}:{number}: expected a JSON object with label, lang, id, pattern ({err})") from err
        if label not in CUE_LABELS:
            raise PatternError(f"{path}:{number}: unknown label {label!r} (known: {', '.join(sorted(CUE_LABELS))})")
        flags = 0 if label in {"ORGANISATION", "DATE", "SUBJECT_NAME", "RECIPIENT_SLOT", "REFERENCE_AFTER", "STATUTE_NAME"} else re.IGNORECASE
        try:
            regex = re.compile(pattern, flags)
        except re.error as err:
            raise PatternError(f"{path}:{number}: invalid pattern {ident!r}: {err}") from err
        grouped[label].append(CuePattern(label, lang, ident, regex))
    return {label: tuple(items) for label, items in grouped.items()}
