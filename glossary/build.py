"""`glossary build`: corpus files in, glossary.db out, in one transaction."""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from glossary.arabic import group_key, search_key
from glossary.forking import in_halves, may_fork
from glossary.increment import (
    DEFAULT_POLICY,
    Policy,
    add_entries,
    has_additions,
    may_append,
    mine_added,
    record_added,
    record_full,
)
from glossary.machine import apply_cached
from glossary.mined import CANDIDATE_OCCURRENCES, MinedEntry, SentenceText
from glossary.mining import Miner
from glossary.reader import Document, Skipped, find_files, read_document
from glossary.store import CLEANED_WITH, MINED_WITH, EntryRecord, FormRecord, Store, StoredDocument
from glossary.text import Sentence, line_keys, repeated_keys, split_sentences

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
    kept: bool = False  # nothing new, same miner: the stored glossary was kept as it was
    incremental: bool = False  # only the added documents were mined (glossary.increment)


def build(
    paths: Sequence[Path],
    store: Store,
    progress: Progress | None = None,
    *,
    full: bool = False,
    incremental: Policy = DEFAULT_POLICY,
) -> BuildReport:
    """Read new or changed files, mine the whole corpus, replace the machine output.

    When files were only added to a large corpus (as `incremental` says), only they
    are mined and their entries added (see glossary.increment); `full` mines the whole
    corpus all the same.

    Unchanged files (same content hash) are not read again, unless another version of
    the tool stored them; files that no longer exist on disk leave the corpus.
    Everything is written in one transaction.

    Reading, cleaning and mining happen before that transaction, on a snapshot of the
    corpus, so the db's write lock is held only while writing: a person's decision in
    the TUI (or `glossary edit`) during a long build waits a second, not the whole
    build. Should another build change the corpus meanwhile, the mining is done again
    inside the transaction.
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
    miner = miner_fingerprint()
    # Documents stored by another version of the tool are read and cleaned again, as a
    # fresh build would: how text is cleaned may have changed (a version that cut
    # articles at a "read also" link kept them cut in every later build).
    reread = bool(stored) and store.meta(CLEANED_WITH) != miner
    new_docs: list[Document] = []
    for done, path in enumerate(files, start=1):
        notify("reading", done, len(files))
        doc = read_document(path)
        if isinstance(doc, Skipped):
            report.skipped.append(doc)
        elif doc.path in stored and stored[doc.path].sha256 == doc.sha256 and not reread:
            report.documents_unchanged += 1
        else:
            new_docs.append(doc)
    if reread:  # also those of the corpus that this build was not given
        given = {d.path for d in new_docs} | {s.path for s in report.skipped}
        for path_text in sorted(stored.keys() - given):
            if Path(path_text).exists():
                doc = read_document(Path(path_text))
                if not isinstance(doc, Skipped):  # unreadable now: its stored text stays
                    new_docs.append(doc)
    gone = [d.id for p, d in stored.items() if not Path(p).exists()]
    mined_whole = not (full and has_additions(store))  # else --full has work to do
    if not new_docs and not gone and store.meta(MINED_WITH) == miner and mined_whole:
        return _unchanged(store, report, started)
    # No cyclic garbage collection until the mined objects are gone again (see
    # _collection_paused): they are, by reference counting, when _mine_and_write returns.
    with _collection_paused():
        return _mine_and_write(
            store,
            _Found(new_docs, stored, gone, miner),
            full=full,
            incremental=incremental,
            report=report,
            started=started,
            notify=notify,
        )


@dataclass(slots=True)
class _Found:
    """What a build found on disk and in the db before mining."""

    new_docs: list[Document]  # new or changed
    stored: dict[str, StoredDocument]  # in the db, by path
    gone: list[int]  # ids of stored documents no longer on disk
    miner: str  # miner_fingerprint()


def _mine_and_write(
    store: Store,
    found: _Found,
    *,
    full: bool,
    incremental: Policy,
    report: BuildReport,
    started: float,
    notify: Progress,
) -> BuildReport:
    """Clean the new documents, mine the corpus (or only the added documents) and write
    the result in one transaction."""
    new_docs, stored, gone, miner = found.new_docs, found.stored, found.gone, found.miner
    cleaned = _clean(new_docs, notify)
    report.documents_read = len(new_docs)
    report.documents_removed = len(gone)
    added_only = not gone and not any(doc.path in stored for doc, _s, _w in cleaned)
    if (
        added_only
        and not full
        and store.meta(MINED_WITH) == miner
        and may_append(store, sum(w for _d, _s, w in cleaned), incremental)
    ):
        return _append(store, cleaned, report, started, notify)

    plan = _plan(store, gone, cleaned)
    mined, mined_vocabulary = _mine(plan.corpus, notify)
    words = sum(len(s.text.split()) for s in plan.corpus)
    with store.write(checked=False):
        if store.corpus_stamp() != plan.stamp:  # another build wrote meanwhile
            plan = _plan(store, gone, cleaned)
            mined, mined_vocabulary = _mine(plan.corpus, notify)
            words = sum(len(s.text.split()) for s in plan.corpus)
        notify("writing", 0, 1)
        store.remove_documents(plan.dropped)
        _write_documents(store, cleaned, plan.ids)
        store.replace_mined([to_record(e) for e in mined])
        apply_cached(store)  # machine French from earlier `build --mt` runs
        store.set_meta(MINED_WITH, miner)
        store.set_meta(CLEANED_WITH, miner)  # every stored document was read by this one
        record_full(store, words, mined_vocabulary)
        notify("writing", 1, 1)
    report.sentences = len(plan.corpus)
    report.words = words
    report.entries = sum(e.is_glossary for e in mined)
    report.candidates = len(mined) - report.entries
    for entry in mined:
        if entry.is_glossary:
            report.by_kind[entry.kind] = report.by_kind.get(entry.kind, 0) + 1
    report.seconds = time.perf_counter() - started
    return report


def _mine(corpus: list[SentenceText], notify: Progress) -> tuple[list[MinedEntry], set[str]]:
    miner = Miner(corpus, progress=notify)
    return miner.mine(), miner.vocabulary


def _append(
    store: Store, cleaned: list[Cleaned], report: BuildReport, started: float, notify: Progress
) -> BuildReport:
    """Mine the added documents alone and add their entries (glossary.increment)."""
    with store.write():
        next_doc = store.rows("SELECT coalesce(max(id), 0) FROM documents")[0][0] + 1
        next_sentence = store.rows("SELECT coalesce(max(id), 0) FROM sentences")[0][0] + 1
        ids, corpus = _numbered(cleaned, next_doc, next_sentence)
        _write_documents(store, cleaned, ids)
        mined = mine_added(store, corpus, notify)
        notify("writing", 0, 1)
        add_entries(store, [to_record(e) for e in mined])
        apply_cached(store)
        record_added(store, sum(w for _d, _s, w in cleaned))
        notify("writing", 1, 1)
    report.sentences, report.words, report.candidates, report.by_kind = store.glossary_counts()
    report.entries = sum(report.by_kind.values())
    report.incremental = True
    report.seconds = time.perf_counter() - started
    return report


def miner_fingerprint() -> str:
    """A hash of the package's code and data: the same corpus mined by the same miner
    gives the same glossary, so a build with nothing new can keep the stored one."""
    digest = hashlib.sha256()
    root = resources.files("glossary")
    stack = [root]
    files = []
    while stack:
        folder = stack.pop()
        for item in folder.iterdir():
            if item.is_dir():
                if item.name != "__pycache__":
                    stack.append(item)
            elif item.name.endswith((".py", ".csv", ".txt")):
                files.append(item)
    for item in sorted(files, key=lambda f: str(f)):
        digest.update(str(item).removeprefix(str(root)).encode())
        digest.update(item.read_bytes())
    return digest.hexdigest()


def _unchanged(store: Store, report: BuildReport, started: float) -> BuildReport:
    """The report of a build that found nothing new: the stored glossary stands."""
    report.sentences, report.words, report.candidates, report.by_kind = store.glossary_counts()
    report.entries = sum(report.by_kind.values())
    report.kept = True
    report.seconds = time.perf_counter() - started
    return report


Cleaned = tuple[Document, list[Sentence], int]  # a document, its sentences, its words


def _clean(new_docs: list[Document], notify: Progress) -> list[Cleaned]:
    """Page furniture off and sentences split, for each new or changed document.

    A large corpus is cleaned in two processes (glossary.forking), in two steps: line
    keys, then, once the site's repeated lines are known from all of them, sentences.
    """
    notify("cleaning", 0, len(new_docs))
    fork = may_fork(sum(len(d.text) for d in new_docs))
    # Line keys serve twice, for the site's repeated lines and for cleaning: made once.
    # One document has no repeated lines; its keys are made as it is cleaned.
    keys: list[list[str | None] | None] = [None] * len(new_docs)
    repeated: frozenset[str] = frozenset()
    if len(new_docs) > 1:
        keys = list(in_halves(new_docs, lambda docs: [line_keys(d.text) for d in docs], fork))
        repeated = repeated_keys(k for k in keys if k is not None)

    def split(numbers: Sequence[int]) -> list[tuple[list[Sentence], int]]:
        done = []
        for n in numbers:
            sentences = split_sentences(new_docs[n].text, repeated, keys[n])
            done.append((sentences, sum(len(s.text.split()) for s in sentences)))
        return done

    split_docs = in_halves(range(len(new_docs)), split, fork)
    notify("cleaning", len(new_docs), len(new_docs))
    return [(doc, s, w) for doc, (s, w) in zip(new_docs, split_docs, strict=True)]


@dataclass(slots=True)
class _Plan:
    """The corpus a build mines, and the ids its new documents will get when written."""

    stamp: tuple[tuple[tuple[int, str], ...], int]  # the db's corpus when planned
    dropped: list[int]  # documents gone from disk, or replaced by a new version
    ids: list[tuple[int, int]]  # per new document: its id, its first sentence's id
    corpus: list[SentenceText]


def _plan(store: Store, gone: list[int], cleaned: list[Cleaned]) -> _Plan:
    """Plan the ids SQLite would give (max + 1, once the dropped rows are deleted), so
    that the miner's occurrences point at the sentences as they will be stored."""
    stamp = store.corpus_stamp()
    stored = store.documents()
    replaced = [stored[doc.path].id for doc, _s, _w in cleaned if doc.path in stored]
    dropped = sorted({*gone, *replaced})
    dropped_set = set(dropped)
    corpus = [
        SentenceText(d, s, t, start) for d, s, start, t in store.sentences() if d not in dropped_set
    ]
    next_doc = max((d.id for d in stored.values() if d.id not in dropped_set), default=0) + 1
    next_sentence = max((s.index for s in corpus), default=0) + 1
    ids, added = _numbered(cleaned, next_doc, next_sentence)
    return _Plan(stamp, dropped, ids, corpus + added)


def _numbered(
    cleaned: list[Cleaned], next_doc: int, next_sentence: int
) -> tuple[list[tuple[int, int]], list[SentenceText]]:
    """The ids the new documents and their sentences get, numbered on from the given
    ones: per document (its id, its first sentence's id), and the sentences to mine."""
    ids: list[tuple[int, int]] = []
    corpus: list[SentenceText] = []
    for doc_id, (_doc, sentences, _words) in enumerate(cleaned, start=next_doc):
        ids.append((doc_id, next_sentence))
        corpus += [
            SentenceText(doc_id, next_sentence + i, s.text, s.start)
            for i, s in enumerate(sentences)
        ]
        next_sentence += len(sentences)
    return ids, corpus


def _write_documents(store: Store, cleaned: list[Cleaned], ids: list[tuple[int, int]]) -> None:
    for (doc, sentences, words), (doc_id, first) in zip(cleaned, ids, strict=True):
        store.add_document(
            doc.path,
            doc.sha256,
            doc.encoding,
            words,
            [(s.start, s.text) for s in sentences],
            doc_id=doc_id,
            first_sentence_id=first,
        )


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while cleaning, mining and writing: they make
    millions of tuples that live to the end, which the collector would scan again and
    again (measured: 13% of a build) for cycles it hardly ever finds. Turned on again
    only once those are freed: the first collection after a million-word build
    scanned them all (0.26 s) to free nothing."""
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
        # the store writes the miner's tuples as they are
        occurrences=(
            entry.occurrences if entry.is_glossary else entry.occurrences[:CANDIDATE_OCCURRENCES]
        ),
        frequency=entry.frequency,
    )


def bare_words(surface: str) -> str:
    """The form's words without the article, for phrase search (الأمن الداخلي → امن داخلي)."""
    return group_key(search_key(surface))
