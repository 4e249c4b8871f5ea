"""The benchmark's corpus generator: deterministic, the size asked, nothing lost to cleaning.

No timings here: those belong to bench/run.py and BENCHMARKS.md.
"""

from __future__ import annotations

from pathlib import Path

from bench.corpus import DOCUMENT_WORDS, seed_sentences, write_corpus
from glossary.text import repeated_lines, split_sentences


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_size_and_seed_give_the_same_files(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 5_000)
    second = write_corpus(tmp_path / "b", 5_000)
    assert _files(first.folder) == _files(second.folder)
    assert _files(first.folder) != _files(write_corpus(tmp_path / "c", 5_000, seed=9).folder)


def test_corpus_has_the_words_asked_in_several_documents(tmp_path: Path) -> None:
    made = write_corpus(tmp_path / "corpus", 5_000)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in made.folder.iterdir())
    assert words == made.words
    assert 5_000 <= made.words < 5_000 + DOCUMENT_WORDS
    assert made.documents >= 3


def test_every_word_survives_the_tools_cleaning(tmp_path: Path) -> None:
    """Recombined sentences must not be taken for page furniture repeated across pages."""
    made = write_corpus(tmp_path / "corpus", 5_000)
    texts = [p.read_text(encoding="utf-8") for p in sorted(made.folder.iterdir())]
    repeated = repeated_lines(texts)
    kept = sum(len(s.text.split()) for t in texts for s in split_sentences(t, repeated))
    assert kept == made.words


def test_sentences_come_from_the_seed_corpus() -> None:
    sentences = seed_sentences()
    assert len(sentences) > 50
    assert len(set(sentences)) == len(sentences)
