"""Segment: split a normalised policy into sections (headings, articles, numbered and bulleted
items, pipe tables) and those into units (sentences, list items, table rows), each knowing its
section path and language.

``segment(doc)`` is the entry point; it is pure over the Document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graphbuilder.language import detect_language
from graphbuilder.model import Document, Section, Unit

# --------------------------------------------------------------------------- line shapes

_CIRCLED = set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ARTICLE = re.compile(r"^(第\s*\d+\s*[条章節]|Article\s+\d+|Điều\s+\d+|Chương\s+[\dIVX]+|Chapter\s+\d+|Section\s+\d+)",
                      re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{1,2})(?:\s*[.．、:]\s*|\s+)(?=\S)(?!\d)")
_SUBNUMBERED = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s*(?=\S)")
_PAREN_MARK = re.compile(r"^(?:\(\s*(?:\d{1,2}|[A-Za-z]|[ivx]{1,4})\s*\)|(?:[a-zA-Z]|[ivx]{1,4})\)|[A-Za-z]\.\s)\s*")
_BULLET = re.compile(r"^(?:[-*•·・●○■□◆◇▪►▶※‐−–—]|\u30fb)\s*")
_BRACKET_HEADING = re.compile(r"^[【\[〔<].{1,150}[】\]〕>]$")
_TERMINAL = tuple("。.!?！？:：;；、,")
_TABLE_SEPARATOR = re.compile(r"^\|?[\s:|\-]+\|?$")


@dataclass
class _Line:
    text: str
    start: int
    end: int
    marker: str  # heading-md | article | numbered | subnumbered | paren | circled | bullet | row | plain | blank
    body_start: int  # offset (relative) where the text after the marker starts


def _line_shape(doc: Document, text: str, start: int) -> tuple[str, int]:
    stripped = text.lstrip()
    indent = len(text) - len(stripped)
    if not stripped:
        return "blank", 0
    if (stripped.startswith("|") and stripped.count("|") >= 2) or stripped.count(" | ") >= 2 or \
            ("|" in stripped and _TABLE_SEPARATOR.match(stripped)) or text.count("\t") >= 2:
        return "row", indent  # a pipe table (with or without outer pipes), or cells copied with tabs
    source_char = doc.source_text[doc.offsets[start + indent]] if start + indent < len(doc.offsets) else ""
    if source_char in _CIRCLED:
        return "circled", indent + len(re.match(r"^\d+\s*", stripped).group(0)) if stripped[0].isdigit() else indent
    if m := _MD_HEADING.match(stripped):
        return "heading-md", indent + len(m.group(1)) + 1
    if m := _ARTICLE.match(stripped):
        return "article", indent
    if m := _SUBNUMBERED.match(stripped):
        return "subnumbered", indent + m.end()
    if m := _NUMBERED.match(stripped):
        return "numbered", indent + m.end()
    if m := _PAREN_MARK.match(stripped):
        return "paren", indent + m.end()
    if m := _BULLET.match(stripped):
        rest = stripped[m.end():]
        # "- ① text": a bullet that carries a circled number
        if rest and start + indent + m.end() < len(doc.offsets) and \
                doc.source_text[doc.offsets[start + indent + m.end()]] in _CIRCLED:
            digits = re.match(r"^\d+\s*", rest)
            return "circled", indent + m.end() + (digits.end() if digits else 0)
        return "bullet", indent + m.end()
    return "plain", indent


def _lines(doc: Document) -> list[_Line]:
    lines = []
    pos = 0
    for raw in doc.text.split("\n"):
        end = pos + len(raw)
        marker, body = _line_shape(doc, raw, pos)
        lines.append(_Line(raw, pos, end, marker, body))
        pos = end + 1
    return lines


def _is_short_title(text: str, lang: str | None) -> bool:
    body = text.strip()
    limit = 40 if lang == "ja" else 90
    return 0 < len(body) <= limit and not body.endswith(_TERMINAL) and not body.startswith("(")


def _heading_level(lines: list[_Line], i: int, lang: str | None) -> int | None:
    """Decide whether line i is a heading and at which level (1 = top)."""
    line = lines[i]
    body = line.text.strip()
    nxt = next((l for l in lines[i + 1:] if l.marker != "blank"), None)
    prev = next((l for l in reversed(lines[:i]) if l.marker != "blank"), None)
    if nxt is not None and nxt.text.strip()[:1] in tuple("。、.,"):
        return None  # a line broken before its full stop is a sentence, not a heading
    prev_blank = i == 0 or lines[i - 1].marker == "blank"
    next_blank = i + 1 < len(lines) and lines[i + 1].marker == "blank"
    if line.marker == "heading-md":
        return len(_MD_HEADING.match(body).group(1))
    if line.marker == "article":
        return 1 if len(body) <= 80 or "(" in body[:40] or "（" in body[:40] else None
    if line.marker == "subnumbered" and _is_short_title(body, lang):
        return 2
    if line.marker == "numbered" and prev is not None and prev.marker == "numbered":
        return None  # "1. … 2. …" on consecutive lines is a list, whatever follows its last item
    if line.marker == "numbered":
        rest = body[line.body_start - (len(line.text) - len(line.text.lstrip())):]
        if _is_short_title(rest, lang) and (nxt is None or nxt.marker != "numbered" or next_blank):
            return 1
        return None
    if prev is not None and prev.marker == line.marker and line.marker in {"paren", "circled"}:
        return None  # (A) … (G) (H): the last item of a run is an item, whatever follows it
    if line.marker in {"paren", "circled"} and _is_short_title(line.text[line.body_start:], lang) and nxt is not None:
        deeper = {"paren": {"bullet", "circled"}, "circled": {"bullet"}}[line.marker]
        if nxt.marker in deeper or (nxt.marker == "plain" and not _is_short_title(nxt.text, lang)):
            return 2 if line.marker == "paren" else 3
    if line.marker == "plain":
        if _BRACKET_HEADING.match(body):
            return 1
        if prev is None and _is_short_title(body, lang):
            return 1  # the first line of a document is its title
        if _is_short_title(body, lang) and prev_blank and (next_blank or nxt is None or
                                                           (nxt.marker in {"numbered", "paren", "bullet", "circled", "row"})):
            return 1
    return None


# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = re.compile(r"(?:\b(?:Co|Ltd|Inc|Corp|No|Art|Mr|Mrs|Ms|Dr|St|vs|e\.g|i\.e|U\.S|approx|incl|Nr|para)\.|\b[A-Z]\.)$")
_SENTENCE_END = re.compile(r"[。！？!?]+[」』)]*|\.(?=\s+[A-Z0-9\"“(À-Ỹ])|;\s+(?=[A-Z])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in a line (relative offsets), keeping abbreviations intact.

    Example:
        >>> t = "Acme Co., Ltd. collects data. We use it。次の文です。"
        >>> [t[a:b] for a, b in split_sentences(t)]
        ['Acme Co., Ltd. collects data.', 'We use it。', '次の文です。']
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[m.start()] == "." and _ABBREVIATIONS.search(text[start:m.start() + 1]):
            continue
        if _open_brackets(text[start:m.start()]) > 0:
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _open_brackets(text: str) -> int:
    return sum(text.count(c) for c in "(「『[【") - sum(text.count(c) for c in ")」』]】")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --------------------------------------------------------------------------- sections

@functools.lru_cache(maxsize=4096)
def cell_spans(row: str) -> tuple[tuple[int, int], ...]:
    """Where the cells of a table row lie in its text (pipe- or tab-separated; outer pipes optional).
    Cached: the extractor reads a row's cells for its columns, its "No" cells and its title cell.

    Example:
        >>> row = "| Google Analytics | Google LLC |"
        >>> [row[a:b] for a, b in cell_spans(row)]
        ['Google Analytics', 'Google LLC']
    """
    separator = "|" if "|" in row else "\t"
    spans, start = [], 0
    for piece in row.split(separator):
        end = start + len(piece)
        a = start + len(piece) - len(piece.lstrip())
        spans.append((a, max(a, end - (len(piece) - len(piece.rstrip())))))
        start = end + 1
    if separator == "|":  # outer pipes open and close the row; they bound no cell
        if spans and not row[:spans[0][0]].strip() and spans[0][0] == spans[0][1]:
            spans = spans[1:]
        if spans and spans[-1][0] == spans[-1][1]:
            spans = spans[:-1]
    return tuple(spans)


def _table_cells(text: str) -> tuple[str, ...]:
    return tuple(text[a:b] for a, b in cell_spans(text))


def _is_navigation(cells: tuple[str, ...]) -> bool:
    """Three or more short link labels, none a sentence, make a site menu ("Support: Help | Terms | Privacy")
    when no row beside them has as many cells.

    Example:
        >>> _is_navigation(("Home", "About us", "Careers", "Contact")), _is_navigation(("Name", "Required"))
        (True, False)
    """
    labels = [c for c in cells if c]
    return len(labels) >= 3 and all(
        len(c) <= 40 and not re.search(r"[。;；@]|\.(?:\s|$)", c) and (i == 0 or not re.search(r"[:：]", c))
        for i, c in enumerate(labels))


def _is_widget(text: str) -> bool:
    """A line with two or more bracketed buttons is a banner or form of the page, not policy text
    ("We use cookies. [Accept all] [Settings]", "Your e-mail [ ] [SUBSCRIBE]"); a Markdown link is no button.

    Example:
        >>> _is_widget("We use cookies. [Accept all] [Customise]"), _is_widget("See [our policy](https://x.example).")
        (True, False)
    """
    return len(re.findall(r"[\[［][^\[\]［］\n]{0,30}[\]］](?!\()", text)) >= 2


def _looks_like_header(cells: tuple[str, ...]) -> bool:
    """A first table row of short labels (no addresses, no digits) is the header of a table without a rule line."""
    return len(cells) >= 2 and all(len(c) <= 24 and not re.search(r"[0-9@]|://", c) for c in cells)


def segment(doc: Document) -> list[Section]:
    """Split a Document into sections of units.

    Example:
        >>> from graphbuilder.ingest import parse_policy
        >>> doc = parse_policy("1. Data we collect\\n- Name\\n- Email address\\n".encode(), "p.txt")
        >>> [(s.heading, [u.text for u in s.units if u.kind == "item"]) for s in segment(doc)]
        [('1. Data we collect', ['Name', 'Email address'])]
    """
    lines = _lines(doc)
    sections: list[Section] = []
    stack: list[tuple[int, str, int]] = []  # (level, heading, start)
    units: list[Unit] = []
    current_start = 0
    last_lang = "en"
    table_header: tuple[str, ...] = ()
    in_table = False

    def path() -> tuple[str, ...]:
        return tuple(h for _, h, _ in stack)

    def close(end: int) -> None:
        nonlocal units
        if units or stack:
            heading = stack[-1][1] if stack else ""
            level = stack[-1][0] if stack else 0
            sections.append(Section(doc.doc_id, heading, path(), level, current_start, end, tuple(units)))
        units = []

    for i, line in enumerate(lines):
        if line.marker == "blank":
            continue
        lang = detect_language(line.text) or last_lang
        last_lang = lang
        if line.marker == "row":
            cells = _table_cells(line.text)
            if _TABLE_SEPARATOR.match(line.text.strip()):
                continue
            titled = bool(re.search(r"\S[:：]\s*\S", cells[0]))  # "Support: Help | Terms | Privacy"
            if not table_header and _is_navigation(cells) and (titled or not any(
                    other.marker == "row" and len(_table_cells(other.text)) == len(cells)
                    for other in (lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None) if other)):
                continue  # "Home | About | Careers | Contact": a menu, not a row of a table
            if not in_table:
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                in_table = True
                ruled = nxt is not None and _TABLE_SEPARATOR.match(nxt.text.strip() or "x")
                if ruled or (nxt is not None and nxt.marker == "row" and "|" not in line.text
                             and _looks_like_header(cells)):
                    table_header = cells
                    units.append(Unit(doc.doc_id, line.text.strip(), *_strip_span(line), lang, path(), "heading",
                                      cells))
                    continue
            units.append(Unit(doc.doc_id, line.text.strip(), *_strip_span(line), lang, path(), "row", table_header))
            continue
        in_table = False
        table_header = ()
        if _is_widget(line.text):
            continue  # a cookie banner or a sign-up form: page noise
        level = _heading_level(lines, i, lang)
        if level is not None:
            close(line.start)
            while stack and stack[-1][0] >= level:
                stack.pop()
            heading = line.text.strip().lstrip("#").strip() if line.marker == "heading-md" else line.text.strip()
            stack.append((level, heading, line.start))
            current_start = line.start
            at = line.start + line.text.index(heading)
            units.append(Unit(doc.doc_id, heading, at, at + len(heading), lang, path(), "heading"))
            continue
        kind = "item" if line.marker in {"numbered", "subnumbered", "paren", "circled", "bullet"} else "sentence"
        if kind == "sentence" and _is_short_title(line.text, lang) and _neighbours_short(lines, i, lang):
            kind = "item"  # unmarked list: a run of short lines without punctuation
        body_at = line.body_start if kind == "item" else 0
        body = line.text[body_at:]
        cells = _inline_items(body)
        spans = cells if cells else split_sentences(body)
        for a, b in spans:
            text = body[a:b]
            units.append(Unit(doc.doc_id, text, line.start + body_at + a, line.start + body_at + b,
                              detect_language(text) or lang, path(), "item" if cells else kind))
    close(len(doc.text))
    return [s for s in sections if s.units]


_INLINE_BULLET = re.compile(r"\s[·・•▪]\s")


def _inline_items(text: str) -> list[tuple[int, int]]:
    """A line that runs a list together ("a · b · c", a flattened table) split into its items.

    Example:
        >>> t = "Purposes: provision of services · prevention of fraud · contact with users"
        >>> [t[a:b] for a, b in _inline_items(t)]
        ['Purposes: provision of services', 'prevention of fraud', 'contact with users']
    """
    cuts = [m for m in _INLINE_BULLET.finditer(text)]
    if len(cuts) < 2:
        return []
    bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(text)]
    spans = [_trim(text, a, b) for a, b in zip(bounds[::2], bounds[1::2])]
    return [(a, b) for a, b in spans if b > a]


def _strip_span(line: _Line) -> tuple[int, int]:
    a, b = _trim(line.text, 0, len(line.text))
    return line.start + a, line.start + b


def _neighbours_short(lines: list[_Line], i: int, lang: str) -> bool:
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    return any(l is not None and l.marker == "plain" and _is_short_title(l.text, lang) for l in (before, after))
