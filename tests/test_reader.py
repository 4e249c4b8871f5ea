"""Finding and decoding corpus files."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.reader import CorpusError, Document, Skipped, find_files, read_document

ARABIC = "المديرية العامة لمراقبة التراب الوطني تعزز التعاون الأمني.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (ARABIC.encode("cp1256"), "windows-1256"),
        (ARABIC.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_reads_each_encoding_into_the_same_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.encoding == encoding
    assert doc.text.strip() == ARABIC.strip()


def test_html_is_reduced_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><style>p{}</style><script>var x='الإرهاب';</script></head>"
        "<body><p>التعاون &amp; الأمن</p><p>الهجرة غير النظامية</p></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert "التعاون & الأمن" in doc.text and "الهجرة غير النظامية" in doc.text
    assert "var x" not in doc.text and "الإرهاب" not in doc.text


def test_binary_and_empty_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    assert isinstance(read_document(binary), Skipped)
    skipped = read_document(empty)
    assert isinstance(skipped, Skipped) and skipped.reason == "empty file"


def test_unsupported_formats_are_named(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    found = list(find_files([tmp_path]))
    assert Path(tmp_path / "a.txt") in found
    pdf = [f for f in found if isinstance(f, Skipped)]
    assert pdf and "PDF" in pdf[0].reason


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="nope"):
        list(find_files([tmp_path / "nope"]))
