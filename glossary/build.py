"""`glossary build`: corpus files in, glossary.db out, in one transaction."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glossary.arabic import group_key, search_key
from glossary.machine import apply_cached
from glossary.mining import MinedEntry, Miner, SentenceText
from glossary.reader import Document, Skipped, find_files, read_document
from glossary.store import EntryRecord, FormRecord, Store
from glossary.text import line_keys, repeated_keys, split_sentences

Progress = Callable[[str, int, int], None]  # stage, done, total


@dataclass(slots=True)
class BuildReport:
    documents_read: int = 0
    documents_unchanged: int = 0
    documents_removed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    sentences: int = 0
    words: int = 0
    entries: int = 0
    candidates: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def build(paths: Sequence[Path], store: Store, progress: Progress | None = None) -> BuildReport:
    """Read new or changed files, mine the whole corpus, replace the machine output.

    Unchanged files (same content hash) are not read again; files that no longer exist
    on disk leave the corpus. Everything is written in one transaction.
    """
    started = time.perf_counter()
    report = BuildReport()
    notify = progress or (lambda stage, done, total: None)
    files: list[Path] = []
    for item in find_files(paths):
        if isinstance(item, Skipped):
            report.skipped.append(item)
        else:
            files.append(item)
    stored = store.documents()
    new_docs: list[Document] = []
    for done, path in enumerate(files, start=1):
        notify("reading", done, len(files))
        doc = read_document(path)
        if isinstance(doc, Skipped):
            report.skipped.append(doc)
        elif doc.path in stored and stored[doc.path].sha256 == doc.sha256:
            report.documents_unchanged += 1
        else:
            new_docs.append(doc)
    gone = [d.id for p, d in stored.items() if not Path(p).exists()]
    # Line keys serve twice, for the site's repeated lines and for cleaning: made once.
    # One document has no repeated lines; its keys are made as it is cleaned.
    keys: list[list[str | None] | None] = [None] * len(new_docs)
    repeated: frozenset[str] = frozenset()
    if len(new_docs) > 1:
        keys = [line_keys(d.text) for d in new_docs]
        repeated = repeated_keys(k for k in keys if k is not None)

    with store.write(), _collection_paused():
        store.remove_documents(gone)
        report.documents_removed = len(gone)
        for done, doc in enumerate(new_docs):
            notify("cleaning", done, len(new_docs))
            sentences = split_sentences(doc.text, repeated, keys[done])
            keys[done] = None  # no longer needed: memory is freed document by document
            words = sum(len(s.text.split()) for s in sentences)
            store.add_document(
                doc.path, doc.sha256, doc.encoding, words, [(s.start, s.text) for s in sentences]
            )
        notify("cleaning", len(new_docs), len(new_docs))
        report.documents_read = len(new_docs)
        corpus = [SentenceText(d, s, t, start) for d, s, start, t in store.sentences()]
        report.sentences = len(corpus)
        report.words = sum(len(s.text.split()) for s in corpus)
        mined = Miner(corpus, progress=notify).mine()
        notify("writing", 0, 1)
        store.replace_mined([to_record(e) for e in mined])
        apply_cached(store)  # machine French from earlier `build --mt` runs
        notify("writing", 1, 1)
    report.entries = sum(e.is_glossary for e in mined)
    report.candidates = len(mined) - report.entries
    for entry in mined:
        if entry.is_glossary:
            report.by_kind[entry.kind] = report.by_kind.get(entry.kind, 0) + 1
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while mining: it makes millions of tuples that live
    to the end, which the collector would scan again and again (measured: 13% of a
    build) for cycles it hardly ever finds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_record(entry: MinedEntry) -> EntryRecord:
    forms = [
        FormRecord(surface, search_key(surface), bare_words(surface), count)
        for surface, count in entry.forms.most_common()
    ]
    if entry.lexicon is not None:
        seen = {f.key for f in forms}
        for extra in entry.lexicon.forms:
            if search_key(extra) not in seen:
                forms.append(FormRecord(extra, search_key(extra), bare_words(extra), 0))
    return EntryRecord(
        key=entry.key,
        ar=entry.ar,
        kind=entry.kind,
        in_glossary=entry.is_glossary,
        score=round(entry.score, 4),
        termhood=round(entry.termhood, 4),
        specificity=round(entry.specificity, 4),
        sources=",".join(sorted(entry.sources)),
        domain=entry.lexicon.domain if entry.lexicon else "",
        documents=entry.documents,
        forms=forms,
        equivalents=list(entry.equivalents),
        occurrences=entry.occurrences,  # the store writes the miner's tuples as they are
    )


def bare_words(surface: str) -> str:
    """The form's words without the article, for phrase search (الأمن الداخلي → امن داخلي)."""
    return group_key(search_key(surface))
