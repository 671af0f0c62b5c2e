"""Ingest: encodings detected from bytes, markup stripped, NFKC with an offset map back to the source."""

import pytest

from graphbuilder.errors import IngestError
from graphbuilder.ingest import find_policies, normalise, parse_policy, read_policy
from tests.conftest import TEST_DATA

JA_SOURCE = (TEST_DATA / "ja" / "sjis_source.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("codec, expected", [("shift_jis", "shift_jis"), ("cp932", "shift_jis"), ("euc_jp", "euc-jp"),
                                             ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig")])
def test_ingest_detects_encoding_from_bytes_not_name(tmp_path, codec, expected):
    path = tmp_path / "policy.txt"  # the name says nothing about the encoding
    path.write_bytes(JA_SOURCE.encode(codec))
    doc = read_policy(path)
    assert doc.encoding == expected
    assert "株式会社エンコード" in doc.text
    assert "\ufeff" not in doc.text


def test_ingest_nfkc_keeps_offsets_to_source():
    source = "ＡＢＣ株式会社は、ﾒｰﾙｱﾄﾞﾚｽを取得します。①"
    doc = parse_policy(source.encode("utf-8"), "x.txt")
    assert doc.text.startswith("ABC株式会社")
    assert "メールアドレス" in doc.text
    start = doc.text.index("メールアドレス")
    a, b = doc.source_span(start, start + len("メールアドレス"))
    assert doc.source_text[a:b] == "ﾒｰﾙｱﾄﾞﾚｽ"
    assert len(doc.offsets) == len(doc.text)


def test_ingest_normalise_composes_vietnamese_combining_marks():
    decomposed = "Vie\u0302\u0323t Nam"  # e + circumflex + dot below, as some editors save it
    text, offsets = normalise(decomposed)
    assert text == "Việt Nam"
    assert offsets[2] == 2 and offsets[3] == 5


def test_ingest_html_strips_markup_scripts_and_menus():
    html = (TEST_DATA / "en" / "hostile.html").read_bytes()
    doc = parse_policy(html, "hostile.html")
    assert doc.media_type == "text/html"
    assert "<script>alert(1)</script>" in doc.text  # escaped text in the page stays text
    assert "<p" not in doc.text and "<nav" not in doc.text
    assert "email address" in doc.text.lower()


def test_ingest_rejects_empty_binary_and_unknown_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    with pytest.raises(IngestError, match="empty.txt.*no text"):
        read_policy(empty)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    with pytest.raises(IngestError, match="blob.txt.*binary"):
        read_policy(binary)
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(IngestError, match="policy.pdf.*unsupported"):
        read_policy(pdf)
    with pytest.raises(IngestError, match="missing"):
        find_policies([tmp_path / "missing"])


def test_ingest_undecodable_bytes_name_the_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\xff\xfe\x80 abc \x9f\xfc\xfd")
    with pytest.raises(IngestError, match="bad.txt.*cannot decode"):
        read_policy(bad)


def test_ingest_finds_policies_in_folders_sorted_without_readmes(tmp_path):
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "README.md").write_text("readme", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in find_policies([tmp_path])] == ["a.md", "b.txt"]
