"""Sentences as sequences of units: words (or name compounds) read with their clitics.

A unit is what a term is made of. Each unit carries two readings: `first`, how it reads
at the start of a term (proclitics stripped where the remainder is attested, no
article), and `inner`, how it reads inside a term (only the article dropped). Only the
first word of a term carries a proclitic: ولمراقبة التراب الوطني.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from glossary.arabic import (
    ARTICLE,
    MIN_STEM,
    Token,
    is_arabic,
    is_function_word,
    join_compounds,
    search_key,
    strip_article,
    strip_proclitics,
    tokenize,
)


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str  # as written, clitics included
    key: str  # search key of the whole unit
    first: str  # group reading at the start of a term
    inner: str  # group reading inside a term
    bare_surface: str  # surface without its proclitics (for display)
    start: int  # offset in the document
    end: int
    boundary_before: bool  # punctuation between this unit and the previous one
    arabic: bool
    stems: tuple[str, ...] = ()  # readings without an attested suffix (اعتمادها → اعتماد)

    @property
    def is_function(self) -> bool:
        return is_function_word(self.key) or is_function_word(self.first)

    @property
    def is_number(self) -> bool:
        return self.key.isdigit()

    @property
    def definite(self) -> bool:
        """Whether the word (after its proclitics) carries the article ال."""
        return search_key(self.bare_surface).startswith(ARTICLE)


_GAP_OK = re.compile(r"^[ \t\u00a0\u200c-\u200f]*$")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def make_units(text: str, offset: int, segment: CliticSegmenter) -> list[Unit]:
    """Units of one sentence whose text starts at `offset` in its document."""
    tokens = tokenize(text, offset)
    groups = _compound_groups(tokens)
    units: list[Unit] = []
    previous_end = offset
    for group in groups:
        first_tok, last_tok = group[0], group[-1]
        gap = text[previous_end - offset : first_tok.start - offset]
        surface = text[first_tok.start - offset : last_tok.end - offset]
        key = " ".join(t.key for t in group)
        joined = join_compounds(key).replace(" ", "")
        prefix, stem = segment(joined) if is_arabic(surface) else ("", joined)
        units.append(
            Unit(
                surface=surface,
                key=key,
                first=strip_article(stem),
                inner=strip_article(joined),
                bare_surface=_strip_surface(surface, prefix, stem),
                start=first_tok.start,
                end=last_tok.end,
                boundary_before=bool(units) and not _GAP_OK.match(gap),
                arabic=is_arabic(surface) or surface.isdigit(),
                stems=segment.stems(stem) if is_arabic(surface) else (),
            )
        )
        previous_end = last_tok.end
    return units


def _compound_groups(tokens: list[Token]) -> list[list[Token]]:
    """Group tokens that join_compounds would merge (عبد + اللطيف), adjacent ones only."""
    groups: list[list[Token]] = []
    for tok in tokens:
        if groups:
            last = groups[-1]
            merged = join_compounds(last[-1].key + " " + tok.key)
            adjacent = tok.start - last[-1].end <= 1
            if adjacent and " " not in merged and len(last) < 3:
                last.append(tok)
                continue
        groups.append([tok])
    return groups


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


@cache
def _general_ranks() -> dict[str, int]:
    """Rank of the 30,000 commonest Arabic words (wordfreq ships them; no download)."""
    from wordfreq import top_n_list

    ranks: dict[str, int] = {}
    for rank, word in enumerate(top_n_list("ar", 30000)):
        ranks.setdefault(search_key(word), rank)
    return ranks


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
    """

    def __init__(
        self, corpus_words: Iterable[str], lexicon_words: Iterable[str], protected: Iterable[str]
    ) -> None:
        self._known = frozenset(corpus_words) | frozenset(lexicon_words)
        self._protected = frozenset(protected)
        self._ranks = _general_ranks()
        self._cache: dict[str, tuple[str, str]] = {}

    def __call__(self, key: str) -> tuple[str, str]:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._segment(key)
        return found

    def stems(self, key: str) -> tuple[str, ...]:
        """Article-less readings of a word without an enclitic pronoun or the accusative
        alif (أوراق اعتمادها, إعلانا مشتركا), kept only when the stem is attested."""
        found: list[str] = []
        for suffix in _SUFFIXES:
            if not key.endswith(suffix) or len(key) - len(suffix) < MIN_STEM:
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
            key, lambda rest: rest in self._known or self._ranks.get(rest, 10**9) < whole_rank
        )
