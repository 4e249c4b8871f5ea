"""Deterministic benchmark corpora: the seed corpus's sentences recombined into documents.

The seed articles are split into clean sentences by the tool's own splitter; a seeded
random generator then draws sentences into paragraphs and paragraphs into documents
until a corpus holds the requested number of words. The same size and seed always give
the same files, byte for byte.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.reader import Document, read_document
from glossary.text import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DOCUMENT_WORDS = 1_000  # about one long news article per document
MIN_SENTENCE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Corpus:
    folder: Path
    documents: int
    words: int


def seed_sentences(seeds: Path = SEEDS) -> list[str]:
    """The clean sentences of the seed corpus, in file order, without duplicates."""
    sentences: dict[str, None] = {}
    for path in sorted(seeds.glob("*.txt")):
        doc = read_document(path)
        if not isinstance(doc, Document):
            continue
        for sentence in split_sentences(doc.text):
            if len(sentence.text.split()) >= MIN_SENTENCE_WORDS:
                sentences.setdefault(sentence.text)
    return list(sentences)


def document_text(rng: random.Random, sentences: Sequence[str], words: int) -> str:
    """One document of about `words` words: paragraphs of 2-5 drawn sentences.

    Paragraph lines stay long (more than 10 words), so the reader never takes them for
    page furniture repeated across documents.
    """
    paragraphs: list[str] = []
    count = 0
    while count < words:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        if paragraph in paragraphs:
            continue
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, words: int, seed: int = 8, prefix: str = "doc") -> Corpus:
    """Write documents of about DOCUMENT_WORDS words into `folder` until `words` words."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:{words}:{prefix}")
    sentences = seed_sentences()
    total = 0
    index = 0
    while total < words:
        size = min(rng.randint(DOCUMENT_WORDS * 6 // 10, DOCUMENT_WORDS * 14 // 10), words - total)
        text = document_text(rng, sentences, max(size, 50))
        (folder / f"{prefix}_{index:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
        index += 1
    return Corpus(folder, index, total)
