"""Sentences as sequences of units: words (or name compounds) read with their clitics.

A unit is what a term is made of. Each unit carries two readings: `first`, how it reads
at the start of a term (proclitics stripped where the remainder is attested, no
article), and `inner`, how it reads inside a term (only the article dropped). Only the
first word of a term carries a proclitic: ولمراقبة التراب الوطني.

Everything a unit says except where it stands depends only on its written form, and a
corpus repeats few forms very often, so each form is read once (a `Word`, shared by all
its occurrences) and an occurrence is that word plus its offsets (a `Unit`, or the
offsets kept beside the words of a phrase, see `read_phrases`).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from glossary.arabic import (
    ARTICLE,
    MIN_STEM,
    WORD,
    is_arabic,
    is_function_word,
    join_compounds,
    remembered_token_key,
    search_key,
    strip_article,
    strip_proclitics,
    token_key,
)
from glossary.cache import cached_rows, fingerprint
from glossary.words import knows_word


@dataclass(frozen=True, slots=True, eq=False)
class Word:
    """A written form read as a unit; one object per distinct form (compared by identity)."""

    surface: str  # as written, clitics included
    key: str  # search key of the whole unit
    first: str  # group reading at the start of a term
    inner: str  # group reading inside a term
    bare_surface: str  # surface without its proclitics (for display)
    arabic: bool
    stems: tuple[str, ...]  # readings without an attested suffix (اعتمادها → اعتماد)
    is_function: bool
    is_number: bool
    definite: bool  # whether the word (after its proclitics) carries the article ال
    bare_key: str  # search key of bare_surface
    common_rank: int  # best general-Arabic rank of its readings (first, bare_key)


@dataclass(frozen=True, slots=True, eq=False)
class Unit(Word):
    """One occurrence of a word in a document."""

    start: int  # offset in the document
    end: int
    boundary_before: bool  # punctuation between this unit and the previous one


@dataclass(slots=True)
class PhraseUnits:
    """A run of Arabic words not separated by punctuation, with their document offsets."""

    words: tuple[Word, ...]
    starts: array[int]
    ends: array[int]


_GAP_OK = re.compile(r"^[ \t\u00a0\u200c-\u200f]*$")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def corpus_keys(texts: Iterable[str]) -> set[str]:
    """Search keys of every word token of the texts (what tokenize would give as keys)."""
    tokens: set[str] = set()
    for text in texts:
        tokens.update(WORD.findall(text))
    return {token_key(t) for t in tokens}


def _joins(previous: str, key: str) -> bool:
    """Whether join_compounds merges two adjacent token keys into one word (عبد + اللطيف)."""
    if " " in previous or " " in key:  # keys NFKC made of several words: ask the rule itself
        return " " not in join_compounds(previous + " " + key)
    return previous in _JOINS_NEXT or key in _JOINS_PREVIOUS


_JOINS_NEXT = ("عبد", "ابو")  # as in glossary.arabic.join_compounds
_JOINS_PREVIOUS = ("الدين", "الله", "الاسلام")


def _may_join(previous: str, key: str) -> bool:
    """A quick test that only lets through pairs _joins may merge."""
    return previous in _JOINS_NEXT or key in _JOINS_PREVIOUS or " " in previous or " " in key


def _scan(
    text: str, segment: CliticSegmenter
) -> tuple[list[Word], list[int], list[int], list[bool]]:
    """Words of one sentence, their offsets in `text`, whether punctuation precedes each.

    Tokens that join_compounds would merge (عبد + اللطيف), adjacent ones only and at
    most three, make one word. Every token of a corpus passes here, so the loop is
    written for speed: tokens come from findall (no match objects) and their offsets
    from str.find, which finds each where it stands (no word character lies between
    one token and the next, or the pattern would have matched there).
    """
    words: list[Word] = []
    starts: list[int] = []
    ends: list[int] = []
    boundaries: list[bool] = []
    read = segment.read
    find = text.find
    previous_end = 0  # end of the last word read
    begin = end = 0  # the word being gathered: its offsets and its tokens' keys
    keys: list[str] = []
    for token in WORD.findall(text):
        start = find(token, end)
        key = remembered_token_key(token) or token_key(token)
        if (
            keys
            and start - end <= 1
            and len(keys) < 3
            and (_may_join(keys[-1], key) and _joins(keys[-1], key))
        ):
            keys.append(key)
            end = start + len(token)
            continue
        if keys:
            words.append(read(text[begin:end], keys))
            if starts:
                gap = text[previous_end:begin]
                boundaries.append(gap != " " and not _GAP_OK.match(gap))
            else:
                boundaries.append(False)
            starts.append(begin)
            ends.append(end)
            previous_end = end
        begin, end, keys = start, start + len(token), [key]
    if keys:
        words.append(read(text[begin:end], keys))
        gap = text[previous_end:begin]
        boundaries.append(bool(starts) and gap != " " and not _GAP_OK.match(gap))
        starts.append(begin)
        ends.append(end)
    return words, starts, ends, boundaries


def make_units(text: str, offset: int, segment: CliticSegmenter) -> list[Unit]:
    """Units of one sentence whose text starts at `offset` in its document."""
    words, starts, ends, boundaries = _scan(text, segment)
    return [
        Unit(
            w.surface,
            w.key,
            w.first,
            w.inner,
            w.bare_surface,
            w.arabic,
            w.stems,
            w.is_function,
            w.is_number,
            w.definite,
            w.bare_key,
            w.common_rank,
            start + offset,
            end + offset,
            boundary,
        )
        for w, start, end, boundary in zip(words, starts, ends, boundaries, strict=True)
    ]


def read_phrases(text: str, offset: int, segment: CliticSegmenter) -> list[PhraseUnits]:
    """The phrases of one sentence (as `phrases(make_units(...))`), words shared."""
    words, starts, ends, boundaries = _scan(text, segment)
    runs: list[PhraseUnits] = []
    first = 0  # start of the current run
    for i, word in enumerate(words):
        if not word.arabic or boundaries[i]:
            if first < i:
                runs.append(_run(words, starts, ends, first, i, offset))
            first = i if word.arabic else i + 1
    if first < len(words):
        runs.append(_run(words, starts, ends, first, len(words), offset))
    return runs


def _run(
    words: list[Word], starts: list[int], ends: list[int], i: int, j: int, offset: int
) -> PhraseUnits:
    return PhraseUnits(
        tuple(words[i:j]),
        array("q", [s + offset for s in starts[i:j]]),
        array("q", [e + offset for e in ends[i:j]]),
    )


@dataclass(slots=True)
class PackedPhrases:
    """Phrases of numbered sentences as a few flat arrays, each distinct word once: how
    a forked half sends what it read (at a million words, pickling PhraseUnits one by
    one cost 0.27 s, these arrays a few milliseconds)."""

    sentences: array[int]  # per phrase: its sentence's number
    lengths: array[int]  # per phrase: its number of words
    words: list[Word]  # the distinct words
    word_ids: array[int]  # per unit: its word's place in `words`
    starts: array[int]  # per unit
    ends: array[int]


def pack_phrases(phrases: Iterable[tuple[int, PhraseUnits]]) -> PackedPhrases:
    places: dict[Word, int] = {}  # each distinct word's place (words hash by identity)
    place = places.setdefault
    packed = PackedPhrases(array("q"), array("q"), [], array("q"), array("q"), array("q"))
    for sentence, run in phrases:
        packed.sentences.append(sentence)
        packed.lengths.append(len(run.words))
        packed.word_ids.extend([place(word, len(places)) for word in run.words])
        packed.starts.extend(run.starts)
        packed.ends.extend(run.ends)
    packed.words = list(places)
    return packed


def unpack_phrases(packed: PackedPhrases) -> list[tuple[int, PhraseUnits]]:
    words, ids = packed.words, packed.word_ids
    phrases = []
    at = 0
    for sentence, length in zip(packed.sentences, packed.lengths, strict=True):
        end = at + length
        run = PhraseUnits(
            tuple([words[i] for i in ids[at:end]]), packed.starts[at:end], packed.ends[at:end]
        )
        phrases.append((sentence, run))
        at = end
    return phrases


def _strip_surface(surface: str, prefix: str, stem: str) -> str:
    """Remove `prefix` letters from the surface, restoring ال for لل (للأمن → الأمن)."""
    if not prefix:
        return surface
    letters = 0
    cut = 0
    for i, ch in enumerate(surface):
        if _MARKS.match(ch):
            continue
        if letters == len(prefix):
            cut = i
            break
        letters += 1
    else:
        return surface
    rest = surface[cut:]
    if prefix.endswith("ل") and stem.startswith(ARTICLE) and rest.startswith("ل"):
        rest = "ا" + rest
    return rest


def phrases(units: list[Unit]) -> list[list[Unit]]:
    """Runs of Arabic units not separated by punctuation: a term never crosses one."""
    runs: list[list[Unit]] = []
    current: list[Unit] = []
    for unit in units:
        if not unit.arabic or unit.boundary_before:
            if current:
                runs.append(current)
            current = []
        if unit.arabic:
            current.append(unit)
    if current:
        runs.append(current)
    return runs


_RANKED_WORDS = 30000


@cache
def _general_ranks() -> dict[str, int]:
    """Rank of the 30,000 commonest Arabic words (wordfreq ships them; no download).

    Kept in the user's cache: reading wordfreq's list costs half a second per build."""
    from importlib import metadata

    from glossary import arabic

    key = fingerprint(
        metadata.version("wordfreq"), str(_RANKED_WORDS), Path(arabic.__file__).read_bytes()
    )
    rows = cached_rows(
        "arabic-ranks", key, _ranked_keys, lambda row: len(row) == 2 and row[1].isdigit()
    )
    return {word: int(rank) for word, rank in rows}


def _ranked_keys() -> Iterator[tuple[str, str]]:
    """(search key, rank) of wordfreq's commonest Arabic words, first rank of each key."""
    from wordfreq import get_frequency_list, top_n_list

    loaded = get_frequency_list.cache_info().currsize
    ranks: dict[str, int] = {}
    for rank, word in enumerate(top_n_list("ar", _RANKED_WORDS)):
        ranks.setdefault(search_key(word), rank)
    if not loaded:  # wordfreq keeps the whole Arabic list (55 MB) cached; only its head counts
        get_frequency_list.cache_clear()
    for word, rank in ranks.items():
        if "\t" not in word and "\n" not in word:
            yield word, str(rank)


# Enclitic pronouns and the accusative tanween alif, longest first.
_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ا")


def general_rank(key: str) -> int:
    """Rank of a word key among common Arabic words; very large when not common."""
    return _general_ranks().get(key, 10**9)


class CliticSegmenter:
    """Strips proclitics from a word key only where the remainder is attested.

    Attested means: standing alone in the corpus, in the lexicon, or among the
    commonest words of general Arabic (and then commoner than the whole word, so
    a rare name such as لفتيت is not read as ل + فتيت). A word that starts a
    lexicon form is never cut: the lexicon writes its forms without clitics.
    The segmenter also reads, once per written form, the words built on it (`read`).
    """

    def __init__(
        self, corpus_words: Iterable[str], lexicon_words: Iterable[str], protected: Iterable[str]
    ) -> None:
        self._known = frozenset(corpus_words) | frozenset(lexicon_words)
        self._protected = frozenset(protected)
        self._ranks = _general_ranks()
        self._cache: dict[str, tuple[str, str]] = {}
        self._words: dict[str, Word] = {}

    def __call__(self, key: str) -> tuple[str, str]:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._segment(key)
        return found

    def read(self, surface: str, keys: Sequence[str]) -> Word:
        """The word written `surface`, made of tokens whose search keys are `keys`.

        The keys follow from the surface (they are its tokens'), so the surface alone
        names the word."""
        word = self._words.get(surface)
        if word is None:
            word = self._words[surface] = self._read(surface, " ".join(keys))
        return word

    def _read(self, surface: str, key: str) -> Word:
        joined = join_compounds(key).replace(" ", "")
        arabic = is_arabic(surface)
        prefix, stem = self(joined) if arabic else ("", joined)
        first = strip_article(stem)
        bare = _strip_surface(surface, prefix, stem)
        bare_key = search_key(bare)
        return Word(
            surface=surface,
            key=key,
            first=first,
            inner=strip_article(joined),
            bare_surface=bare,
            arabic=arabic or surface.isdigit(),
            stems=self.stems(stem, _ends_in_ta_marbuta(surface)) if arabic else (),
            is_function=is_function_word(key) or is_function_word(first),
            is_number=key.isdigit(),
            definite=bare_key.startswith(ARTICLE),
            bare_key=bare_key,
            common_rank=min(self._ranks.get(first, 10**9), self._ranks.get(bare_key, 10**9)),
        )

    def stems(self, key: str, ta_marbuta: bool = False) -> tuple[str, ...]:
        """Article-less readings of a word without an enclitic pronoun or the accusative
        alif (أوراق اعتمادها, إعلانا مشتركا), kept only when the stem is attested.

        `ta_marbuta`: the word is written with a final ة, which the key folds into ه; that
        ه is no pronoun (تجارة is not تجار + ه, المديرة not المدير + ه)."""
        found: list[str] = []
        for suffix in _SUFFIXES:
            if not key.endswith(suffix) or len(key) - len(suffix) < MIN_STEM:
                continue
            if ta_marbuta and suffix == "ه":
                continue
            rest = key[: -len(suffix)]
            candidates = [rest]
            if rest.endswith("ت") and suffix != "ا":
                candidates.append(rest[:-1] + "ه")  # مساهمتها → مساهمه (ta marbuta)
            for stem in candidates:
                if stem in self._known or ARTICLE + stem in self._known:
                    found.append(strip_article(stem))
        return tuple(dict.fromkeys(found))

    def _segment(self, key: str) -> tuple[str, str]:
        if key in self._protected:
            return "", key
        whole_rank = self._ranks.get(key, 10**9)
        return strip_proclitics(
            key,
            lambda rest: (
                rest in self._known
                or self._ranks.get(rest, 10**9) < whole_rank
                or (whole_rank == 10**9 and knows_word(rest))
            ),
        )


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]+$")  # vowel marks and tatweel at the end


def _ends_in_ta_marbuta(surface: str) -> bool:
    return _MARKS.sub("", surface).endswith("ة")
