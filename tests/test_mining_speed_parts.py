"""The helpers that make mining fast give what the plain definitions give."""

from __future__ import annotations

import pickle

import pytest

from glossary import forking
from glossary.arabic import search_key
from glossary.forking import Continued, Forked, Prepared
from glossary.mined import SentenceText
from glossary.mining import Miner
from glossary.shapes import term_head, term_phrase, term_tail
from glossary.termhood import KeyTrie, candidate_key, count_candidates, is_candidate
from glossary.text import line_keys, repeated_keys, repeated_lines, split_sentences
from glossary.units import (
    CliticSegmenter,
    corpus_keys,
    make_units,
    pack_phrases,
    phrases,
    read_phrases,
    unpack_phrases,
)

from .conftest import SEEDS

TEXTS = [
    "استقبل عبد اللطيف حموشي، المدير العام للأمن الوطني ولمراقبة التراب الوطني، الوفد.",
    "التعاون بين المغرب وفرنسا في مجال الأمن ومكافحة الإرهاب سنة 2030 (DGST) بالرباط",
    "وشدد على أهمية بمكافحة الإرهاب ولمكافحة الإرهاب والجريمة المنظمة العابرة للحدود.",
]


def _segmenter() -> CliticSegmenter:
    return CliticSegmenter(corpus_keys(TEXTS), [], [])


def test_read_phrases_matches_phrases_of_make_units() -> None:
    segment = _segmenter()
    for text in TEXTS:
        runs = phrases(make_units(text, 7, segment))
        fast = read_phrases(text, 7, segment)
        assert [[u.surface for u in run] for run in runs] == [
            [w.surface for w in p.words] for p in fast
        ]
        assert [[(u.start, u.end) for u in run] for run in runs] == [
            list(zip(p.starts, p.ends, strict=True)) for p in fast
        ]


def test_a_written_form_is_read_once() -> None:
    segment = _segmenter()
    one = read_phrases("الأمن الوطني", 0, segment)[0].words
    two = read_phrases("قال الأمن", 0, segment)[0].words
    assert one[0] is two[1]


def test_count_candidates_counts_what_is_candidate_says() -> None:
    segment = _segmenter()
    runs = [run for text in TEXTS for run in phrases(make_units(text, 0, segment))]
    expected: dict[tuple[str, ...], int] = {}
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + 7) + 1):
                if is_candidate(run[i:j]):
                    key = candidate_key(run[i:j])
                    expected[key] = expected.get(key, 0) + 1
    stats = count_candidates([(0, run) for run in runs])
    assert {k: s.frequency for k, s in stats.items()} == expected


def test_key_trie_finds_every_key_by_start_then_end() -> None:
    segment = _segmenter()
    run = phrases(make_units("مكافحة الإرهاب والجريمة المنظمة", 0, segment))[0]
    keys = [candidate_key(run[0:2]), candidate_key(run[2:4]), candidate_key(run[0:1])]
    trie = KeyTrie((k, n) for n, k in enumerate(keys))
    assert trie.find(run) == [(0, 1, 2), (0, 2, 0), (2, 4, 1)]
    assert trie.find(run, min_words=2) == [(0, 2, 0), (2, 4, 1)]


def test_term_phrase_is_head_then_tails() -> None:
    segment = _segmenter()
    for text in TEXTS:
        for run in phrases(make_units(text, 0, segment)):
            for i in range(len(run)):
                for j in range(i + 2, min(len(run), i + 3) + 1):
                    units = run[i:j]
                    by_parts = term_head(units[0]) and all(term_tail(u) for u in units[1:])
                    assert term_phrase(units) == by_parts


def _seed_corpus() -> list[SentenceText]:
    corpus: list[SentenceText] = []
    for document, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        for sentence in split_sentences(path.read_text(encoding="utf-8")):
            corpus.append(SentenceText(document, len(corpus), sentence.text, sentence.start))
    return corpus


def _mined(corpus: list[SentenceText]) -> list[tuple[object, ...]]:
    return [
        (e.key, e.kind, list(e.forms.items()), e.occurrences, sorted(e.sources), e.is_glossary)
        + (e.score, e.documents, e.equivalents, e.lexicon)
        for e in Miner(corpus).mine()
    ]


def _forks_counted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fork for any amount of text from now on, and list each piece of work forked."""
    monkeypatch.setattr(forking, "PARALLEL_MIN_CHARACTERS", 0)
    forked, continued = Forked.__init__, Continued.__init__
    starts: list[object] = []

    def counted(self: object, work: object) -> None:
        starts.append(work)
        forked(self, work)  # type: ignore[arg-type]

    def counted_continued(self: object, first: object, then: object) -> None:
        starts.append(first)
        continued(self, first, then)  # type: ignore[arg-type]

    monkeypatch.setattr(Forked, "__init__", counted)
    monkeypatch.setattr(Continued, "__init__", counted_continued)
    return starts


def test_mining_in_two_processes_gives_what_one_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _seed_corpus()
    monkeypatch.setattr(forking, "PARALLEL_MIN_CHARACTERS", 10**12)
    alone = _mined(corpus)
    starts = _forks_counted(monkeypatch)
    assert _mined(corpus) == alone
    # vocabulary, words, counting (beside names and phrases), and one process for the
    # second half of names with domain phrases, then of the statistical candidates
    assert len(starts) == 4


def test_phrases_packed_for_the_parent_are_the_phrases_read() -> None:
    segment = _segmenter()
    read = [
        (n, run) for n, text in enumerate(TEXTS) for run in read_phrases(text, 100 * n, segment)
    ]
    packed = pickle.loads(pickle.dumps(pack_phrases(read)))
    back = unpack_phrases(packed)
    assert [n for n, _run in back] == [n for n, _run in read]
    for (_n, got), (_m, want) in zip(back, read, strict=True):
        assert [w.surface for w in got.words] == [w.surface for w in want.words]
        assert list(got.starts) == list(want.starts) and list(got.ends) == list(want.ends)
    # Each distinct word crosses once, and its copies stay one object per form.
    assert len(packed.words) == len({id(w) for _n, run in read for w in run.words})
    seen: dict[str, int] = {}
    for _n, run in back:
        for word in run.words:
            assert seen.setdefault(word.surface, id(word)) == id(word)


def _double(prepared: int, question: int) -> int:
    return prepared * question


@pytest.mark.parametrize("fork", [True, False])
def test_prepared_work_answers_the_question_asked_later(fork: bool) -> None:
    with Prepared(lambda: 21, _double, fork=fork) as work:
        assert work.ask(2) == 42


def test_prepared_work_left_unasked_ends_its_process() -> None:
    with Prepared(lambda: 21, _double, fork=True) as work:
        forked = work._forked
    assert forked is not None and not forked._process.is_alive()


def test_continued_work_answers_with_what_its_first_step_left() -> None:
    kept: list[int] = []

    def first() -> int:
        kept.append(21)  # in the forked copy only
        return 1

    with Continued(first, lambda question: kept[0] * question) as work:
        assert work.first() == 1
        assert kept == []  # this process is untouched
        work.ask(2)
        assert work.answer() == 42


def test_continued_work_left_unasked_ends_its_process() -> None:
    with Continued(lambda: 1, _double_of) as work:
        assert work.first() == 1
    assert not work._process.is_alive()


def test_a_failure_in_the_second_step_is_raised() -> None:
    def broken(question: int) -> int:
        raise ValueError(f"no {question}")

    with Continued(lambda: 1, broken) as work:
        assert work.first() == 1
        work.ask(7)
        with pytest.raises(RuntimeError, match="ValueError: no 7"):
            work.answer()


def _double_of(question: int) -> int:
    return 2 * question


def test_a_failure_in_the_forked_half_is_raised() -> None:
    def broken() -> int:
        raise ValueError("no")

    with Forked(broken) as half, pytest.raises(RuntimeError, match="ValueError: no"):
        half.result()


LINES = [
    "  المديرية العامة للأمن الوطني  ",
    "\u00a0اقرأ أيضا\u200f",
    "",
    "   ",
    "ـ ـ",
    "\u064e\u064f",
    "الأمن\u0640 الوطني\tو cookies",
]


def test_line_keys_are_the_keys_cleaning_makes() -> None:
    text = "\n".join(LINES * 2)
    keys = line_keys(text)
    assert keys == [search_key(x.strip()) if x.strip() else None for x in text.split("\n")]
    assert keys == [search_key(x) if x.strip() else None for x in text.split("\n")]
    repeated = repeated_lines([text, "\n".join(LINES[::-1])])
    assert repeated_keys([keys, line_keys("\n".join(LINES[::-1]))]) == repeated
    assert split_sentences(text, repeated, keys) == split_sentences(text, repeated)


def test_cleaning_in_two_processes_gives_what_one_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossary.build import _clean
    from glossary.reader import Document, read_document

    docs = [read_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    documents = [d for d in docs if isinstance(d, Document)]
    monkeypatch.setattr(forking, "PARALLEL_MIN_CHARACTERS", 10**12)
    alone = _clean(documents, lambda stage, done, total: None)
    starts = _forks_counted(monkeypatch)
    assert _clean(documents, lambda stage, done, total: None) == alone
    assert len(starts) == 2  # line keys, then sentences
