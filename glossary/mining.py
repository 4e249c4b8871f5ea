"""Mining a corpus of sentences into glossary entries.

Knowledge and shape find the names and terms (lexicon, institutions, persons,
events); C-value and domain specificity rank what else recurs. Mentions of one thing
in different spellings are grouped into one entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar

from glossary.arabic import group_key, search_key
from glossary.domain import DomainPhrases
from glossary.forking import Continued, Forked, Prepared, may_fork
from glossary.legal import add_legal_references
from glossary.lexicon import Lexicon, LexiconEntry, load_lexicon
from glossary.mined import (
    Mention,
    MinedEntry,
    Occurrence,
    Phrase,
    SentenceText,
    entry_equivalents,
    span_text,
)
from glossary.ranking import (
    CandidateMentions,
    Counted,
    Scores,
    candidate_mentions,
    count_ranked,
    give_scores,
    select_candidates,
    settle,
)
from glossary.recognize import Span
from glossary.shapes import (
    kind_by_shape,
)
from glossary.spans import phrase_spans
from glossary.termhood import (
    KeyTrie,
    candidate_key,
)
from glossary.units import (
    CliticSegmenter,
    PhraseUnits,
    Word,
    corpus_keys,
    general_rank,
    pack_phrases,
    read_phrases,
    unpack_phrases,
)

# Progress is told every this many sentences or phrases (a 50 MB file has ~300,000).
PROGRESS_STEP = 2000
T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[str, int, int], None]  # stage, done, total
Transfer = tuple[Callable[[R], T], Callable[[T], R]]  # pack, unpack
# Per phrase that has any (by index): its recognised mentions; its domain phrases
# (start, end, key, occurrence).
Recognised = list[tuple[int, list[Mention]]]
DomainFound = list[tuple[int, list[tuple[int, int, str, Occurrence]]]]
NamesAndPhrases = tuple[Recognised, DomainFound]
# The statistical candidates (their keys' words), and the numbers of those that may
# still become entries.
CandidatesQuestion = tuple[list[tuple[str, ...]], frozenset[int]]
SecondHalf = Continued[NamesAndPhrases, CandidatesQuestion, CandidateMentions]
# The corpus's n-grams counted, asked for the best candidates given the entries' keys.
Counting = Prepared[
    Counted, Collection[str], tuple[dict[tuple[str, ...], MinedEntry], dict[str, Scores]]
]


def _group_key(units: Sequence[Word]) -> str:
    return " ".join(candidate_key(units))


def _lexicon_key(entry: LexiconEntry) -> str:
    key = _LEXICON_KEYS.get(entry.ar)
    if key is None:
        key = _LEXICON_KEYS[entry.ar] = group_key(search_key(entry.ar))
    return key


_LEXICON_KEYS: dict[str, str] = {}  # every lexicon mention asks; a function of `ar`


def _clitic_and_article(word: str) -> bool:
    """Whether a word key is a preposition or conjunction on a common definite word
    (للمملكه, بالمغرب): never a name's own word, so a name's form holding it does not
    keep the segmenter from cutting it elsewhere (فالنسيا stays whole: النسيا is no word)."""
    if word.startswith("لل"):
        rest = "ال" + word[2:]
    elif word[:1] in ("و", "ب", "ف", "ك") and word[1:3] == "ال":
        rest = word[1:]
    else:
        return False
    return general_rank(rest) < _COMMON_RANK


_COMMON_RANK = 5000


class Miner:
    """Turns sentences into entries; one Miner per build.

    The stages that read every sentence or phrase (reading words, recognition, domain
    phrases, the statistical candidates' occurrences) are split in two: each half
    yields compact results (what to record, in order), which are then recorded half
    after half, so the entries are the same whether the second half ran in a forked
    process or not. The vocabulary the segmenter needs is the whole corpus's, read
    before the first fork.
    """

    def __init__(
        self,
        sentences: Sequence[SentenceText],
        lexicon: Lexicon | None = None,
        progress: Progress | None = None,
        vocabulary: Iterable[str] = (),
    ):
        self._notify = progress or (lambda stage, done, total: None)
        self.lexicon = lexicon or load_lexicon()
        # The words the segmenter takes as attested (see CliticSegmenter): these
        # sentences', and the stored corpus's when a build only adds documents to it.
        self._parallel = may_fork(sum(len(s.text) for s in sentences))
        self.vocabulary = set(vocabulary).union(
            *self._halves(
                "vocabulary",
                len(sentences),
                lambda lo, hi: corpus_keys(s.text for s in sentences[lo:hi]),
            )
        )
        key_of = self.lexicon.key_of
        protected = {key_of(f).split(" ")[0] for e in self.lexicon.entries for f in e.forms}
        protected |= {
            w
            for e in self.lexicon.entries
            if e.kind in ("person", "place")
            for f in e.forms
            for w in key_of(f).split(" ")
            if not _clitic_and_article(w)  # للمملكة in الأقاليم الجنوبية للمملكة
        }
        segment = CliticSegmenter(self.vocabulary, self.lexicon.words, protected)
        self.phrases = [
            Phrase(sentences[index], run.words, run.starts, run.ends)
            for half in self._halves(
                "words",
                len(sentences),
                lambda lo, hi: self._read(sentences, segment, lo, hi),
                (pack_phrases, unpack_phrases),
            )
            for index, run in half
        ]
        self._document_of = {s.index: s.document for s in sentences}
        self.entries: dict[str, MinedEntry] = {}
        self.domain = DomainPhrases(self.lexicon)
        self._lexicon_index = {id(e): i for i, e in enumerate(self.lexicon.entries)}
        self.spans: dict[int, list[tuple[int, int, str]]] = {}  # phrase → recognised spans
        self._texts: dict[str, str] = {}
        self._middle = 0  # where the forked half of the phrases starts (_second_half)

    def _steps(self, stage: str, items: Sequence[T]) -> Iterator[tuple[int, T]]:
        """enumerate(items), telling the progress callback every PROGRESS_STEP items."""
        total = len(items)
        for index, item in enumerate(items):
            if index % PROGRESS_STEP == 0:
                self._notify(stage, index, total)
            yield index, item
        self._notify(stage, total, total)

    def _read(
        self, sentences: Sequence[SentenceText], segment: CliticSegmenter, lo: int, hi: int
    ) -> list[tuple[int, PhraseUnits]]:
        """(sentence index, phrase) of sentences [lo, hi)."""
        return [
            (index, run)
            for index in _indices(self._notify, "words", lo, hi, len(sentences))
            for run in read_phrases(sentences[index].text, sentences[index].start, segment)
        ]

    def _phrase_steps(self, stage: str, lo: int, hi: int) -> Iterator[tuple[int, Phrase]]:
        """(index, phrase) of phrases [lo, hi), with progress (see _indices)."""
        for index in _indices(self._notify, stage, lo, hi, len(self.phrases)):
            yield index, self.phrases[index]

    def _halves(
        self,
        stage: str,
        total: int,
        compute: Callable[[int, int], R],
        transfer: Transfer[R, Any] | None = None,
    ) -> list[R]:
        """compute(lo, hi) over items [0, total) (phrases, or sentences): in two parts,
        the second (45%) in a forked copy of this process when the corpus is large
        enough, else in one go. In item order. `transfer` packs the forked part's
        result into something quicker to pickle, and unpacks it here."""
        if not self._parallel or total < 2:
            results = [compute(0, total)]
        else:
            middle = total * _PARENT_SHARE // 100
            pack, unpack = transfer or (_same, _same)
            with Forked(lambda: pack(self._quietly(compute, middle, total))) as second:
                results = [compute(0, middle), unpack(second.result())]
        self._notify(stage, total, total)
        return results

    def _quietly(self, compute: Callable[[int, int], R], lo: int, hi: int) -> R:
        """compute(lo, hi) in a forked process: only the parent draws progress."""
        self._notify = lambda stage, done, total: None
        return compute(lo, hi)

    def mine(self) -> list[MinedEntry]:
        # Counting every n-gram needs only the phrases: on a large corpus it runs in a
        # forked process beside recognition, and is told the entries' keys at the end.
        # Names and domain phrases are then found in one pass over the phrases, in two
        # halves (a phrase's domain phrases need only the names found in it), and the
        # statistical candidates' mentions in a second pass, over the same halves: the
        # second half of both passes runs in one forked process (forking.Continued).
        # Each fork costs both processes a copy of every page they write to afterwards:
        # at a million words, one fork instead of three took a build from 8.9 to 8.4 s
        # and half a second of CPU (medians of six runs).
        with (
            Prepared(
                lambda: count_ranked(self.phrases, self.lexicon),
                select_candidates,
                fork=self._parallel,
            ) as counting,
            self._second_half() as second,
        ):
            if second is None:
                found = [self._names_and_phrases(0, len(self.phrases))]
            else:
                found = [self._names_and_phrases(0, self._middle), second.first()]
            self._notify("phrases", len(self.phrases), len(self.phrases))
            names, phrases = [half[0] for half in found], [half[1] for half in found]
            del found
            # Each half's mentions are freed once recorded (at a million words, holding
            # them all raised the build's peak memory by a sixth).
            covered = self._recognise(_handed_out(names))
            add_legal_references(self.phrases, self.entries, self._texts, self.lexicon)
            self._link_surnames(covered)
            self._domain_phrases(_handed_out(phrases))
            evidence = list(self._evidence_sites())
            self._rank_statistical({key for _p, _s, key, _m in evidence}, counting, second)
        self._corpus_evidence(evidence)
        document_of = self._document_of
        for entry in self.entries.values():
            documents = {document_of[o[0]] for o in entry.occurrences}
            entry.documents = len(documents | entry.unlisted_documents)
            entry.equivalents = entry_equivalents(entry, self.lexicon)
        return sorted(self.entries.values(), key=lambda e: (-e.is_glossary, -e.score, e.key))

    def _occurrence(
        self, phrase: Phrase, start: int, end: int, conjunction: bool = False
    ) -> Occurrence:
        text, begin, stop = span_text(phrase, start, end, conjunction)
        text = self._texts.setdefault(text, text)  # one string per form, not per mention
        return (phrase.sentence.index, begin, stop, text)

    # --- knowledge and shape -------------------------------------------------------
    def _second_half(self) -> AbstractContextManager[SecondHalf | None]:
        """The process finding names, domain phrases and then statistical candidates in
        the second half of the phrases, when the corpus is large enough to fork."""
        total = len(self.phrases)
        if not self._parallel or total < 2:
            return nullcontext(None)
        middle = self._middle = total * _PARENT_SHARE_CONTINUED // 100

        def first() -> NamesAndPhrases:
            self._notify = lambda stage, done, total: None  # only the parent draws progress
            # Kept here, for the statistical pass: the spans the parent records.
            return self._names_and_phrases(middle, total, keep=True)

        return Continued(first, lambda question: self._candidates(middle, total, question))

    def _names_and_phrases(self, lo: int, hi: int, keep: bool = False) -> NamesAndPhrases:
        """The recognised mentions of phrases [lo, hi), and their domain phrases (found
        beside the spans of those mentions, as glossary.domain asks). `keep`: add the
        spans of both to self.spans, as recording them would."""
        names = self._mentions(lo, hi)
        spans = {p_index: [(m[0], m[1], m[2]) for m in found] for p_index, found in names}
        steps = self._phrase_steps("phrases", lo, hi)
        phrases = self.domain.mentions(steps, spans, self._occurrence)
        if keep:
            for p_index, terms in phrases:
                spans.setdefault(p_index, []).extend((i, j, "term") for i, j, _k, _o in terms)
            self.spans.update(spans)
        return names, phrases

    def _recognise(self, halves: Iterable[Recognised]) -> set[tuple[int, int]]:
        """Record every recognised mention; return the (phrase, unit) cells they cover."""
        covered: set[tuple[int, int]] = set()
        standalone: set[str] = set()
        entries = self.lexicon.entries
        for found in halves:
            for p_index, mentions in found:
                spans = self.spans.setdefault(p_index, [])
                for start, end, kind, source, index, french, key, alone, occurrence in mentions:
                    spans.append((start, end, kind))
                    entry = self.entries.get(key)
                    if entry is None:
                        lexicon = entries[index] if index >= 0 else None
                        entry = self.entries[key] = MinedEntry(key, kind, lexicon=lexicon)
                    entry.sources.add(source)
                    entry.is_glossary = True
                    if french:
                        entry.composed[french] += 1
                    entry.record(occurrence)
                    if alone:
                        standalone.add(key)
                    if kind == "person":
                        covered.update((p_index, u) for u in range(start, end))
        for key, entry in self.entries.items():
            # A one-word term seen only inside longer names (الاستئناف in محكمة الاستئناف)
            # is not an entry of its own; it stays a ranked candidate.
            if entry.kind == "term" and " " not in key and key not in standalone:
                entry.is_glossary = False
        return covered

    def _mentions(self, lo: int, hi: int) -> Recognised:
        """The recognised mentions of phrases [lo, hi), per phrase that has any."""
        found: list[tuple[int, list[Mention]]] = []
        for p_index, phrase in self._phrase_steps("names", lo, hi):
            accepted = self._accepted(phrase)
            if not accepted:
                continue
            mentions = []
            for place, (span, key) in enumerate(accepted):
                # Inside a name (الاستئناف in محكمة الاستئناف) a word is not a term of its
                # own; inside a longer term (المخدرات in تهريب المخدرات) it is. (Only a
                # longer span can hold it: those come before it.)
                standalone = not any(
                    o.start <= span.start
                    and span.end <= o.end
                    and (o.start, o.end) != (span.start, span.end)
                    and (o.kind != "term" or span.kind != "term")
                    for o, _ in accepted[:place]
                )
                lexicon = -1 if span.lexicon is None else self._lexicon_index[id(span.lexicon)]
                occurrence = self._occurrence(phrase, span.start, span.end, span.conjunction)
                mentions.append(
                    (
                        span.start,
                        span.end,
                        span.kind,
                        span.source,
                        lexicon,
                        span.french,
                        key,
                        standalone,
                        occurrence,
                    )
                )
            found.append((p_index, mentions))
        return found

    def _accepted(self, phrase: Phrase) -> list[tuple[Span, str]]:
        """The phrase's spans, longest first, with their entry keys; a span overlapping
        an accepted one of the same key is the same mention."""
        taken: dict[str, list[tuple[int, int]]] = {}
        accepted: list[tuple[Span, str]] = []
        for span in sorted(
            phrase_spans(phrase.units, self.lexicon), key=lambda s: (s.start - s.end, s.start)
        ):
            if span.lexicon is not None:
                key = _lexicon_key(span.lexicon)
            elif span.conjunction:
                text = span_text(phrase, span.start, span.end, conjunction=True)[0]
                key = group_key(search_key(text))
            else:
                key = _group_key(phrase.units[span.start : span.end])
            ranges = taken.setdefault(key, [])
            if any(s < span.end and span.start < e for s, e in ranges):
                continue  # حموشي inside عبد اللطيف حموشي: one mention, not two
            if span.kind == "person" and any(
                a.kind == "person" and a.start <= span.start and span.end <= a.end
                for a, _ in accepted
            ):
                continue  # مولاي الحسن inside مولاي الحسن الداكي: another person's name
            ranges.append((span.start, span.end))
            accepted.append((span, key))
        return accepted

    def _link_surnames(self, covered: set[tuple[int, int]]) -> None:
        """Surname-only mentions (حموشي, للحموشي) join the person named in full."""
        owners: dict[str, list[MinedEntry]] = {}
        for entry in self.entries.values():
            words = entry.key.split(" ")
            if entry.kind == "person" and len(words) >= 2 and general_rank(words[-1]) > 20000:
                owners.setdefault(words[-1], []).append(entry)
        for p_index, phrase in self._steps("surnames", self.phrases):
            for u_index, unit in enumerate(phrase.units):
                people = owners.get(unit.first)  # most words are no one's: asked first
                if people and len(people) == 1 and (p_index, u_index) not in covered:
                    people[0].record(self._occurrence(phrase, u_index, u_index + 1))

    def _domain_phrases(self, halves: Iterable[DomainFound]) -> None:
        """Record the domain phrases (see glossary.domain), found in two halves."""
        for found in halves:
            for p_index, phrase_terms in found:
                spans = self.spans.setdefault(p_index, [])
                for i, j, key, occurrence in phrase_terms:
                    entry = self.entries.get(key)
                    if entry is None:
                        entry = self.entries[key] = MinedEntry(
                            key, kind_by_shape(tuple(key.split()))
                        )
                    entry.sources.add("shape")
                    entry.is_glossary = True
                    entry.record(occurrence)
                    spans.append((i, j, "term"))

    def _evidence_sites(self) -> Iterator[tuple[int, int, str, str]]:
        """(phrase, start, key, name) of each Latin acronym or French name in parentheses
        right after a term: the longest recognised span ending there, else the noun
        phrase before the parenthesis (from the last function word, at most 7 words)."""
        for p_index, phrase in self._steps("evidence", self.phrases):
            sentence = phrase.sentence
            match = _PARENTHESIS.match(sentence.text, phrase.ends[-1] - sentence.start)
            if match is None:
                continue
            n = len(phrase.units)
            ending = [(s, e) for s, e, _k in self.spans.get(p_index, []) if e == n]
            if ending:
                start = min(s for s, _e in ending)
            else:
                start = n - 1
                while start > 0 and n - start < 7 and not phrase.units[start - 1].is_function:
                    start -= 1
            key = _group_key(phrase.units[start:n])
            yield p_index, start, key, " ".join(match.group(1).split())

    def _corpus_evidence(self, sites: Iterable[tuple[int, int, str, str]]) -> None:
        """The term before a parenthesis is an entry, and the parenthesis names it."""
        for p_index, start, key, name in sites:
            entry = self.entries.get(key)
            if entry is None:
                phrase = self.phrases[p_index]
                entry = self.entries[key] = MinedEntry(key, kind_by_shape(tuple(key.split())))
                entry.record(self._occurrence(phrase, start, len(phrase.units)))
            entry.sources.add("corpus")
            entry.is_glossary = True
            entry.evidence[name] += 1

    # --- statistics ----------------------------------------------------------------
    def _rank_statistical(
        self, evidence_keys: set[str], counting: Counting, second: SecondHalf | None
    ) -> None:
        """Rank what recurs (see glossary.ranking); the candidates join the entries.

        Only candidates that may become entries (by score, or named by corpus evidence)
        get all their occurrences; the others are counted."""
        selected, scores = counting.ask(frozenset(self.entries))
        give_scores(self.entries, scores)
        if not selected:
            return
        candidates = list(selected)
        open_ones = frozenset(
            n
            for n, words in enumerate(candidates)
            if selected[words].is_glossary or selected[words].key in evidence_keys
        )
        total = len(self.phrases)
        if second is None:
            halves = [self._candidates(0, total, (candidates, open_ones))]
        else:
            second.ask((candidates, open_ones))  # it starts on its half at once
            halves = [self._candidates(0, self._middle, (candidates, open_ones)), second.answer()]
        self._notify("statistics", total, total)
        settle(selected, candidates, halves)
        for entry in selected.values():
            self.entries.setdefault(entry.key, entry)

    def _candidates(self, lo: int, hi: int, question: CandidatesQuestion) -> CandidateMentions:
        """Where the candidates occur in phrases [lo, hi) (see ranking.candidate_mentions),
        given the candidates and which of them may still become entries."""
        candidates, open_ones = question
        trie = KeyTrie((words, n) for n, words in enumerate(candidates))
        steps = self._phrase_steps("statistics", lo, hi)
        return candidate_mentions(trie, open_ones, steps, self.spans, self._occurrence)


# The parent's share of a stage's items, in percent: the forked half also pays for the
# fork and for pickling its results, and at a million words the parent waited 0.4 s for
# it in each of the two longest stages with an even split (0.1–0.25 s at 55%).
_PARENT_SHARE = 55
# The same for the passes that share one forked process (Miner._second_half): once it
# has copied the pages it writes to, that process works at the parent's pace (at a
# million words, with 55% the parent finished its names 0.6 s after it).
_PARENT_SHARE_CONTINUED = 50


def _handed_out(items: list[T]) -> Iterator[T]:
    """The items in order, each dropped from the list as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()


def _same(value: R) -> R:
    return value


def _indices(notify: Progress, stage: str, lo: int, hi: int, total: int) -> Iterator[int]:
    """range(lo, hi), telling `notify` every PROGRESS_STEP items how far the stage is: a
    half runs beside the other, at about its pace."""
    for index in range(lo, hi):
        if (index - lo) % PROGRESS_STEP == 0:
            notify(stage, (index - lo) * total // (hi - lo), total)
        yield index


_PARENTHESIS = re.compile(r"\s*\(\s*([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 .'’&\-]{0,80}?)\s*\)")
