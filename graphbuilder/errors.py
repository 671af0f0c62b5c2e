"""The project's exceptions: one base class, one subclass per stage that can fail."""


class GraphbuilderError(Exception):
    """Base of every error PolicyKG raises on purpose; the CLI prints it and exits 1."""


class IngestError(GraphbuilderError):
    """A policy file cannot be read, decoded or is empty. The message names the file."""


class PatternError(GraphbuilderError):
    """A cue-pattern file is malformed. The message names the file and line."""


class OntologyError(GraphbuilderError):
    """The shipped ontology is missing, unparsable or inconsistent."""


class QueryError(GraphbuilderError):
    """A named query is unknown or malformed, or a parameter cannot be bound."""


class StoreError(GraphbuilderError):
    """The store cannot be opened, read or written (missing build, lock held by another process)."""


class PushError(GraphbuilderError):
    """A remote triple store refused or failed a Graph Store Protocol request."""


class EvalError(GraphbuilderError):
    """Gold annotations are missing or malformed."""
