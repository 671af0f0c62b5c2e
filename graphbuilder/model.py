"""The data model every stage shares: frozen dataclasses with offsets back into the text.

A Document is one decoded, normalised policy; a Section is a heading with its units;
a Unit is a sentence, list item, table row or heading; a Statement is one extracted
practice with its evidence. Concepts are IRIs (strings) from the shipped ontology.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One policy file, decoded and NFKC-normalised.

    ``offsets[i]`` is the index in ``source_text`` of the character ``text[i]`` came from,
    so every span in the normalised text maps back to the source.
    """

    doc_id: str
    source: str
    text: str
    source_text: str
    offsets: tuple[int, ...]
    encoding: str
    content_hash: str
    media_type: str = "text/plain"

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the source text."""
        if start >= len(self.offsets):
            return len(self.source_text), len(self.source_text)
        last = self.offsets[end - 1] + 1 if end > start else self.offsets[start]
        return self.offsets[start], last


@dataclass(frozen=True)
class Unit:
    """A sentence, list item, table row or heading: the smallest piece a statement cites."""

    doc_id: str
    text: str
    start_char: int
    end_char: int
    lang: str
    section_path: tuple[str, ...]
    kind: str = "sentence"  # sentence | item | row | heading
    table_header: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading and the units under it, with the headings above it as its path."""

    doc_id: str
    heading: str
    path: tuple[str, ...]
    level: int
    start_char: int
    end_char: int
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Mention:
    """A vocabulary concept found in a unit's text (offsets relative to the unit)."""

    scheme: str
    concept: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Where a statement was read: the exact quote and its offsets in the normalised text."""

    quote: str
    start_char: int
    end_char: int
    section: str
    lang: str


@dataclass(frozen=True)
class Recipient:
    """A recipient: a DPV role, and a name when the policy names the organisation."""

    role: str
    name: str | None = None
    known_as: str | None = None  # organisation concept from the vocabulary, if recognised


@dataclass(frozen=True)
class Statement:
    """One practice the policy states (or denies), with everything the sentence says about it."""

    kind: str
    controller: str
    personal_data: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    legal_bases: tuple[str, ...] = ()
    data_subjects: tuple[str, ...] = ()
    rights: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    negated: bool = False
    condition: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def content_key(self) -> tuple:
        """What the statement says, without where it says it: equal keys are one fact."""
        return (
            self.kind,
            self.personal_data,
            self.purposes,
            self.recipients,
            self.legal_bases,
            self.data_subjects,
            self.rights,
            self.measures,
            self.negated,
        )


@dataclass(frozen=True)
class Controller:
    """The data controller: one entity, all the names it is written under."""

    names: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class PolicyExtraction:
    """Everything extracted from one policy: the input of ``build``."""

    document: Document
    languages: tuple[str, ...]
    controller: Controller
    title: str
    dates: tuple[str, ...]
    statements: tuple[Statement, ...]
    warnings: tuple[str, ...] = field(default=())
