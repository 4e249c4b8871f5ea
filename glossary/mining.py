"""Mining a corpus of sentences into glossary entries.

Knowledge and shape find the names and terms (lexicon, institutions, persons,
events); C-value and domain specificity rank what else recurs. Mentions of one thing
in different spellings are grouped into one entry.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from glossary.arabic import (
    FUNCTION_WORDS,
    group_key,
    is_function_word,
    search_key,
    strip_article,
)
from glossary.compose import Composition, compose_french
from glossary.equivalents import QUALIFIERS, Equivalent, merge_evidence, propose_equivalents
from glossary.lexicon import Lexicon, LexiconEntry, load_lexicon
from glossary.recognize import (
    Span,
    composed_spans,
    event_spans,
    lexicon_spans,
    organisation_spans,
    person_spans,
    place_spans,
)
from glossary.shapes import (
    entangled,
    kind_by_shape,
    neighbour,
    term_head,
    term_shaped,
    term_tail,
    without_qualifiers,
)
from glossary.termhood import (
    KeyTrie,
    c_values,
    candidate_key,
    count_candidates,
    is_candidate,
    specificity,
)
from glossary.units import (
    CliticSegmenter,
    Word,
    corpus_keys,
    general_rank,
    read_phrases,
)

# Progress is told every this many sentences or phrases (a 50 MB file has ~300,000).
PROGRESS_STEP = 2000
T = TypeVar("T")
Progress = Callable[[str, int, int], None]  # stage, done, total

# Statistical candidates become glossary entries above this score (C-value × specificity).
GLOSSARY_THRESHOLD = 2.0
# How many ranked statistical candidates are kept beside the glossary entries.
MAX_CANDIDATES = 2000


@dataclass(frozen=True, slots=True)
class SentenceText:
    document: int
    index: int
    text: str
    start: int  # offset of the sentence in its document


class Occurrence(NamedTuple):  # a tuple: one per mention, made and kept by the million
    document: int
    sentence: int
    start: int  # offsets in the document, clitics excluded
    end: int
    surface: str


@dataclass(slots=True)
class MinedEntry:
    key: str
    kind: str
    forms: Counter[str] = field(default_factory=Counter)
    occurrences: list[Occurrence] = field(default_factory=list)
    lexicon: LexiconEntry | None = None
    sources: set[str] = field(default_factory=set)
    termhood: float = 0.0
    specificity: float = 0.0
    score: float = 0.0
    is_glossary: bool = False
    equivalents: list[Equivalent] = field(default_factory=list)
    evidence: Counter[str] = field(default_factory=Counter)  # Latin names in parentheses
    composed: Counter[str] = field(default_factory=Counter)  # French built from the parts

    @property
    def ar(self) -> str:
        """The form to show: the lexicon's own when the corpus uses it, else the fullest."""
        if self.lexicon is not None:
            canonical = search_key(self.lexicon.ar)
            for form in self.forms:
                if search_key(form) == canonical:
                    return form
            return self.lexicon.ar  # the standard name; the corpus's forms are variants
        if self.forms:
            return max(self.forms.items(), key=lambda f: (len(f[0].split()), f[1]))[0]
        return self.lexicon.ar if self.lexicon else self.key

    @property
    def frequency(self) -> int:
        return len(self.occurrences)

    @property
    def documents(self) -> int:
        return len({o.document for o in self.occurrences})


@dataclass(slots=True)
class _Phrase:
    sentence: SentenceText
    units: tuple[Word, ...]  # shared per written form: offsets are kept beside them
    starts: array[int]  # offsets of the units in the document
    ends: array[int]


def span_text(
    phrase: _Phrase, start: int, end: int, conjunction: bool = False
) -> tuple[str, int, int]:
    """Display text of units [start, end) with the first unit's clitics removed.

    `conjunction`: the context says the first word's و is the conjunction (a list item)."""
    first = phrase.units[start]
    first_end, last_end = phrase.ends[start], phrase.ends[end - 1]
    offset = phrase.sentence.start
    bare = first.bare_surface
    if conjunction and bare == first.surface and bare.startswith("و"):
        bare = bare[1:]
    text = bare + phrase.sentence.text[first_end - offset : last_end - offset]
    begin = max(phrase.starts[start], first_end - len(bare))
    return " ".join(text.split()), begin, last_end


def _group_key(units: Sequence[Word]) -> str:
    return " ".join(candidate_key(units))


def _lexicon_key(entry: LexiconEntry) -> str:
    key = _LEXICON_KEYS.get(entry.ar)
    if key is None:
        key = _LEXICON_KEYS[entry.ar] = group_key(search_key(entry.ar))
    return key


_LEXICON_KEYS: dict[str, str] = {}  # every lexicon mention asks; a function of `ar`


class Miner:
    """Turns sentences into entries; one Miner per build."""

    def __init__(
        self,
        sentences: Sequence[SentenceText],
        lexicon: Lexicon | None = None,
        progress: Progress | None = None,
    ):
        self._notify = progress or (lambda stage, done, total: None)
        self.lexicon = lexicon or load_lexicon()
        corpus_words = corpus_keys(s.text for s in sentences)
        protected = {search_key(f).split(" ")[0] for e in self.lexicon.entries for f in e.forms}
        protected |= {
            w
            for e in self.lexicon.entries
            if e.kind in ("person", "place")
            for f in e.forms
            for w in search_key(f).split(" ")
        }
        segment = CliticSegmenter(corpus_words, self.lexicon.words, protected)
        self.phrases = [
            _Phrase(s, run.words, run.starts, run.ends)
            for _index, s in self._steps("words", sentences)
            for run in read_phrases(s.text, s.start, segment)
        ]
        self.entries: dict[str, MinedEntry] = {}
        self.domain_words = frozenset(
            strip_article(w)
            for e in self.lexicon.entries
            if e.kind == "term"
            for f in e.forms
            for w in search_key(f).split(" ")
            if not is_function_word(w)
        )
        self.spans: dict[int, list[tuple[int, int, str]]] = {}  # phrase → recognised spans
        self._texts: dict[str, str] = {}
        # Per written form (Word): may it head a domain phrase, follow its head, and is it
        # a word of the domain.
        self._shapes: dict[Word, tuple[bool, bool, bool]] = {}
        self._composed: dict[str, Composition | None] = {}

    def _steps(self, stage: str, items: Sequence[T]) -> Iterator[tuple[int, T]]:
        """enumerate(items), telling the progress callback every PROGRESS_STEP items."""
        total = len(items)
        for index, item in enumerate(items):
            if index % PROGRESS_STEP == 0:
                self._notify(stage, index, total)
            yield index, item
        self._notify(stage, total, total)

    def mine(self) -> list[MinedEntry]:
        covered = self._recognise()
        self._link_surnames(covered)
        self._domain_phrases()
        self._rank_statistical()
        self._corpus_evidence()
        for entry in self.entries.values():
            proposed = propose_equivalents(entry.ar, entry.kind, entry.lexicon, self.lexicon)
            if entry.composed and entry.lexicon is None:
                built = entry.composed.most_common(1)[0][0]
                proposed.insert(0, Equivalent(built, "", "compositional", COMPOSED_CONFIDENCE))
            entry.equivalents = merge_evidence(proposed, entry.evidence)
        return sorted(self.entries.values(), key=lambda e: (-e.is_glossary, -e.score, e.key))

    # --- knowledge and shape -------------------------------------------------------
    def _spans(self, phrase: _Phrase) -> Iterator[Span]:
        units = phrase.units
        lexical = []
        for span in lexicon_spans(units, self.lexicon):
            end = span.end
            while (
                span.kind in ("organisation", "term")
                and end < len(units)
                and units[end].inner in QUALIFIERS
            ):
                end += 1  # وزير الداخلية الفرنسي: a variant of وزير الداخلية
            lexical.append(Span(span.start, end, span.kind, span.source, span.lexicon))
        yield from lexical
        yield from self._service_spans(units)
        yield from composed_spans(units, lexical)
        for span in [
            *organisation_spans(units),
            *person_spans(units),
            *event_spans(units),
            *place_spans(units),
        ]:
            if any(lx.start <= span.start and span.end <= lx.end for lx in lexical):
                continue  # the lexicon already names it, or a larger thing around it
            if span.kind == "person" and any(
                lx.kind == "person" and lx.start < span.end and span.start < lx.end
                for lx in lexical
            ):
                continue  # a known person: the lexicon knows where the name ends
            base = next(
                (
                    lx
                    for lx in lexical
                    if lx.start == span.start
                    and lx.kind == span.kind
                    and all(u.inner in QUALIFIERS for u in units[lx.end : span.end])
                ),
                None,
            )
            if base is not None:  # الشرطة الوطنية + الفرنسية: a variant of the lexicon name
                yield Span(span.start, span.end, base.kind, "lexicon", base.lexicon)
            else:
                yield span

    def _service_spans(self, units: Sequence[Word]) -> Iterator[Span]:
        """The services a director's title names: المدير العام للأمن الوطني ولمراقبة …

        The title is a function; what follows its lam names an institution (DGSN,
        then DGST), found by rebuilding the institution's name (المديرية العامة لـ…).
        """
        for i, unit in enumerate(units):
            if unit.first not in _DIRECTOR:
                continue
            k = i + 1
            head: tuple[str, ...] = ("مديريه",)
            if k < len(units) and units[k].inner in ("عام", "عامه"):
                head, k = ("مديريه", "عامه"), k + 1
            while k < len(units) and units[k].key.lstrip("و").startswith("ل"):
                found = None
                for end in range(min(len(units), k + 7), k, -1):
                    words = (
                        units[k].inner.removeprefix("و"),
                        *(u.inner for u in units[k + 1 : end]),
                    )
                    entry = self.lexicon.by_units.get(head + without_qualifiers(words))
                    if entry is not None and entry.kind == "organisation":
                        found = Span(k, end, "organisation", "lexicon", entry)
                        break
                if found is None:
                    break
                yield found
                k = found.end

    def _recognise(self) -> set[tuple[int, int]]:
        """Record every recognised mention; return the (phrase, unit) cells they cover."""
        covered: set[tuple[int, int]] = set()
        standalone: set[str] = set()
        for p_index, phrase in self._steps("names", self.phrases):
            taken: dict[str, list[tuple[int, int]]] = {}
            accepted: list[tuple[Span, str]] = []
            for span in sorted(self._spans(phrase), key=lambda s: (s.start - s.end, s.start)):
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
                ranges.append((span.start, span.end))
                accepted.append((span, key))
            for span, key in accepted:
                self.spans.setdefault(p_index, []).append((span.start, span.end, span.kind))
                entry = self.entries.get(key)
                if entry is None:
                    entry = self.entries[key] = MinedEntry(key, span.kind, lexicon=span.lexicon)
                entry.sources.add(span.source)
                entry.is_glossary = True
                if span.french:
                    entry.composed[span.french] += 1
                self._add_occurrence(entry, phrase, span.start, span.end, span.conjunction)
                if not any(
                    o.start <= span.start
                    and span.end <= o.end
                    and o is not span
                    and (o.start, o.end) != (span.start, span.end)
                    for o, _ in accepted
                ):
                    standalone.add(key)
                if span.kind == "person":
                    covered.update((p_index, u) for u in range(span.start, span.end))
        for key, entry in self.entries.items():
            # A one-word term seen only inside longer names (الاستئناف in محكمة الاستئناف)
            # is not an entry of its own; it stays a ranked candidate.
            if entry.kind == "term" and " " not in key and key not in standalone:
                entry.is_glossary = False
        return covered

    def _add_occurrence(
        self, entry: MinedEntry, phrase: _Phrase, start: int, end: int, conjunction: bool = False
    ) -> None:
        text, begin, stop = span_text(phrase, start, end, conjunction)
        text = self._texts.setdefault(text, text)  # one string per form, not per mention
        entry.forms[text] += 1
        entry.occurrences.append(
            Occurrence(phrase.sentence.document, phrase.sentence.index, begin, stop, text)
        )

    def _link_surnames(self, covered: set[tuple[int, int]]) -> None:
        """Surname-only mentions (حموشي, للحموشي) join the person named in full."""
        owners: dict[str, list[MinedEntry]] = {}
        for entry in self.entries.values():
            words = entry.key.split(" ")
            if entry.kind == "person" and len(words) >= 2 and general_rank(words[-1]) > 20000:
                owners.setdefault(words[-1], []).append(entry)
        for p_index, phrase in self._steps("surnames", self.phrases):
            for u_index, unit in enumerate(phrase.units):
                if (p_index, u_index) in covered:
                    continue
                people = owners.get(unit.first)
                if people and len(people) == 1:
                    self._add_occurrence(people[0], phrase, u_index, u_index + 1)

    def _domain_phrases(self) -> None:
        """Noun phrases of the domain that occur even once (الخبرة الأمنية, منصات إلكترونية).

        A phrase of 2–3 words is a term when it has a term's shape (see term_phrase), one
        of its words is a word of the curated terms (the domain's vocabulary), and its
        French can be composed (so every word is known: unknown words are left to the
        statistics). Longest first; never across or inside a recognised name.
        """
        for p_index, phrase in self._steps("phrases", self.phrases):
            units = phrase.units
            shapes = [self._shape(u) for u in units]
            spans = self.spans.get(p_index, [])
            used: set[int] = set()
            for length in (3, 2):
                for i in range(len(units) - length + 1):
                    j = i + length
                    # term_phrase(units[i:j]), from the words' shapes
                    if not shapes[i][0] or not all(shapes[k][1] for k in range(i + 1, j)):
                        continue
                    if not any(shapes[k][2] for k in range(i, j)):
                        continue
                    if any(k in used for k in range(i, j)):
                        continue
                    if any(entangled(i, j, s, e, "term") or (s, e) == (i, j) for s, e, _k in spans):
                        continue
                    text = span_text(phrase, i, j)[0]
                    composed = self._compose(text)
                    if composed is None or composed.confidence < DOMAIN_PHRASE_CONFIDENCE:
                        continue
                    if "agreement fallback" in composed.pattern:
                        continue  # the adjective agrees with no head: it belongs further on
                    used.update(range(i, j))
                    key = _group_key(units[i:j])
                    entry = self.entries.get(key)
                    if entry is None:
                        entry = self.entries[key] = MinedEntry(
                            key, kind_by_shape(tuple(key.split()))
                        )
                    entry.sources.add("shape")
                    entry.is_glossary = True
                    self._add_occurrence(entry, phrase, i, j)
                    spans.append((i, j, "term"))
            self.spans[p_index] = spans

    def _shape(self, word: Word) -> tuple[bool, bool, bool]:
        """(term_head, term_tail, word of the domain) of a word, remembered."""
        found = self._shapes.get(word)
        if found is None:
            domain = word.inner in self.domain_words or word.first in self.domain_words
            found = self._shapes[word] = (term_head(word), term_tail(word), domain)
        return found

    def _compose(self, text: str) -> Composition | None:
        """compose_french, remembered for the build: a phrase recurs."""
        if text not in self._composed:
            self._composed[text] = compose_french(text)
        return self._composed[text]

    def _corpus_evidence(self) -> None:
        """A Latin acronym or French name in parentheses right after a term names it.

        The term is the longest recognised span ending there, else the noun phrase
        before the parenthesis (from the last function word, at most 7 words).
        """
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
            entry = self.entries.get(key)
            if entry is None:
                entry = self.entries[key] = MinedEntry(key, kind_by_shape(tuple(key.split())))
                self._add_occurrence(entry, phrase, start, n)
            entry.sources.add("corpus")
            entry.is_glossary = True
            entry.evidence[" ".join(match.group(1).split())] += 1

    # --- statistics ----------------------------------------------------------------
    def _rank_statistical(self) -> None:
        stats = count_candidates((p.sentence.document, p.units) for p in self.phrases)
        cvalues = c_values(stats)
        known = set(self.entries)
        ranked: list[tuple[float, tuple[str, ...], float, float]] = []
        for words, entry_stats in stats.items():
            key = " ".join(words)
            spec = specificity(words, FUNCTION_WORDS)
            score = cvalues[words] * spec
            if key in known:
                mined = self.entries[key]
                mined.termhood, mined.specificity, mined.score = cvalues[words], spec, score
                continue
            if any(self.lexicon.by_units.get(w) for w in (words, without_qualifiers(words))):
                continue  # a lexicon term: recognised wherever it occurs, scored there
            if len(words) >= 2 and entry_stats.frequency >= 2 and score > 0:
                ranked.append((score, words, cvalues[words], spec))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        selected: dict[tuple[str, ...], MinedEntry] = {}
        for score, words, cvalue, spec in ranked[:MAX_CANDIDATES]:
            entry = MinedEntry(
                " ".join(words),
                kind_by_shape(words),
                termhood=cvalue,
                specificity=spec,
                score=score,
            )
            entry.sources.add("statistics")
            entry.is_glossary = score >= GLOSSARY_THRESHOLD and term_shaped(words, stats)
            selected[words] = entry
        self._collect(selected)
        for entry in selected.values():
            self.entries.setdefault(entry.key, entry)

    def _collect(self, selected: dict[tuple[str, ...], MinedEntry]) -> None:
        """Find the selected candidates' occurrences; demote those that are not terms.

        A statistical term must stand on its own: not always inside or across a
        recognised name, and not always with the same neighbour (then it is a piece of
        a longer term: مراقبة التراب is always followed by الوطني).
        """
        if not selected:
            return
        trie = KeyTrie((words, words) for words in selected)
        free: Counter[tuple[str, ...]] = Counter()
        left: dict[tuple[str, ...], set[str | None]] = {}
        right: dict[tuple[str, ...], set[str | None]] = {}
        for p_index, phrase in self._steps("statistics", self.phrases):
            units = phrase.units
            spans = self.spans.get(p_index, [])
            for i, j, words in trie.find(units, min_words=2):
                entry = selected[words]
                if not is_candidate(units[i:j]):
                    continue
                self._add_occurrence(entry, phrase, i, j)
                if not _entangled_any(i, j, spans):
                    free[words] += 1
                left.setdefault(words, set()).add(neighbour(units, i - 1))
                right.setdefault(words, set()).add(neighbour(units, j))
        for words, entry in selected.items():
            if not entry.is_glossary:
                continue
            tied = (len(left[words]) == 1 and None not in left[words]) or (
                len(right[words]) == 1 and None not in right[words]
            )
            if free[words] < 2 or tied:
                entry.is_glossary = False


def _entangled_any(i: int, j: int, spans: list[tuple[int, int, str]]) -> bool:
    for start, end, kind in spans:
        if entangled(i, j, start, end, kind):
            return True
    return False


_PARENTHESIS = re.compile(r"\s*\(\s*([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 .'’&\-]{0,80}?)\s*\)")
# A domain noun phrase needs a composed French at least this sure to become an entry.
DOMAIN_PHRASE_CONFIDENCE = 0.55
# French built from two curated parts (a title and an institution): likely, not certain.
COMPOSED_CONFIDENCE = 0.6
_DIRECTOR = frozenset({"مدير", "مديره"})
