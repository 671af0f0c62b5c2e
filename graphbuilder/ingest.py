"""Ingest: read a policy file, detect its encoding, strip markup, NFKC-normalise with an offset map.

``read_policy(path)`` is the edge that touches the disk; ``parse_policy(data, source)`` is the
pure function from bytes to a :class:`~graphbuilder.model.Document`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from graphbuilder.errors import IngestError
from graphbuilder.model import Document

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_JAPANESE_ENCODINGS = ("cp932", "euc_jp")
_KANA = re.compile(r"[\u3040-\u30ff]")
_DROP = {"\r", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}


def read_policy(path: str | Path) -> Document:
    """Read one policy file into a Document.

    Raises:
        IngestError: the file is missing, not a supported type, undecodable or empty.
    """
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise IngestError(f"{path}: unsupported file type {path.suffix!r} (expected one of {', '.join(SUFFIXES)})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"{path}: cannot read file: {err.strerror or err}") from err
    return parse_policy(data, path.name)


def find_policies(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of policy files they hold.

    Raises:
        IngestError: a path does not exist.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and p.name.lower() not in {"readme.md", "readme.txt"}))
        elif path.is_file():
            found.append(path)
        else:
            raise IngestError(f"{path}: no such file or folder")
    return found


def parse_policy(data: bytes, source: str) -> Document:
    """Decode, strip markup and normalise the bytes of one policy.

    Example:
        >>> doc = parse_policy("ＡＢＣ Co., Ltd.".encode("utf-8"), "a.txt")
        >>> doc.text, doc.source_text[doc.offsets[0]]
        ('ABC Co., Ltd.', 'Ａ')
    """
    text, encoding = decode(data, source)
    media_type = "text/plain"
    if source.lower().endswith((".html", ".htm")) or _looks_like_html(text):
        text = html_to_text(text)
        media_type = "text/html"
    elif source.lower().endswith((".md", ".markdown")):
        text = markdown_to_text(text)
        media_type = "text/markdown"
    normalised, offsets = normalise(text)
    if not normalised.strip():
        raise IngestError(f"{source}: the file holds no text")
    return Document(
        doc_id=slug(Path(source).stem),
        source=source,
        text=normalised,
        source_text=text,
        offsets=tuple(offsets),
        encoding=encoding,
        content_hash="sha256:" + hashlib.sha256(data).hexdigest(),
        media_type=media_type,
    )


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Detect the encoding from the bytes (BOM, UTF-8, Shift_JIS/CP932, EUC-JP) and decode.

    Raises:
        IngestError: no supported encoding decodes the bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise IngestError(f"{source}: binary data (NUL bytes), not a text policy")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in _JAPANESE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((len(_KANA.findall(text)), encoding, text))
    if not candidates:
        raise IngestError(f"{source}: cannot decode the file as UTF-8, Shift_JIS (CP932) or EUC-JP")
    _, encoding, text = max(candidates)
    return text, {"cp932": "shift_jis", "euc_jp": "euc-jp"}[encoding]


def normalise(text: str) -> tuple[str, list[int]]:
    """NFKC-normalise cluster by cluster, keeping for each output character its source index.

    Example:
        >>> normalise("ｶﾞ①\\r\\n")
        ('ガ1\\n', [0, 2, 4])
    """
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in "\uff9e\uff9f\u3099\u309a"):
            j += 1
        cluster = text[i:j]
        if cluster in _DROP:
            i = j
            continue
        for ch in unicodedata.normalize("NFKC", cluster):
            if ch in _DROP:
                continue
            out.append(ch)
            offsets.append(i)
        i = j
    return "".join(out), offsets


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(text: str) -> str:
    """Markdown's inline markup removed (links keep their text, emphasis its words); the line structure
    (headings, lists, tables) stays for the segmenter.

    Example:
        >>> markdown_to_text("We share **email** with [Stripe](https://stripe.com), Inc.")
        'We share email with Stripe, Inc.'
    """
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def slug(text: str) -> str:
    """A stable, IRI-safe identifier for a name: Latin letters without accents, else a short hash.

    Example:
        >>> slug("Công ty TNHH Hoa Sen"), slug("Acme Widgets Inc."), slug("株式会社テスト")
        ('cong-ty-tnhh-hoa-sen', 'acme-widgets-inc', '686d96549b23')
    """
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    ascii_part = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if ascii_part and ascii_part.isascii() and len(ascii_part) >= len(text.strip()) // 2:
        return ascii_part[:80]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return f"{ascii_part[:40]}-{digest}" if ascii_part else digest


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "h1", "h2", "h3", "h4",
               "h5", "h6", "dt", "dd", "dl", "blockquote", "pre", "title", "hr", "main"}
_SKIP_TAGS = {"script", "style", "nav", "footer", "header", "noscript", "template", "svg", "form", "button",
              "aside", "iframe", "head"}


class _TextExtractor(HTMLParser):
    """Collects the visible text of a page, one line per block; skips scripts, menus and footers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.cells: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif self.skip_depth:
            return
        elif tag in {"td", "th"}:
            self.parts.append(" | ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.parts.append("\n\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag == "br" and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif not self.skip_depth and tag in _BLOCK_TAGS:
            self.parts.append(" |\n" if tag == "tr" else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, with blocks on their own lines and tables as pipe rows."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"\n\s*\|\s*", "\n| ", text)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
