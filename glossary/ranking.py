"""The statistical side of mining: what recurs without being recognised, ranked.

Every n-gram of the corpus that could be a term is counted; C-value × domain
specificity ranks them; the best MAX_CANDIDATES are kept as candidates, and those
scoring above GLOSSARY_THRESHOLD may become glossary entries if they stand on their
own (see `settle`). Finding the candidates' occurrences is split in two halves like
the miner's other stages (see glossary.mining).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from glossary.arabic import FUNCTION_WORDS
from glossary.lexicon import Lexicon
from glossary.mined import CANDIDATE_OCCURRENCES, MinedEntry, Occurrence, Phrase
from glossary.shapes import (
    entangled_any,
    kind_by_shape,
    neighbour,
    term_shaped,
    without_qualifiers,
)
from glossary.termhood import (
    CandidateStats,
    KeyTrie,
    c_values,
    count_candidates,
    is_candidate,
    specificity,
)
from glossary.units import Word

# Statistical candidates become glossary entries above this score (C-value × specificity).
GLOSSARY_THRESHOLD = 2.0
# How many ranked statistical candidates are kept beside the glossary entries.
MAX_CANDIDATES = 2000

Spans = dict[int, list[tuple[int, int, str]]]  # phrase index → recognised spans


Scores = tuple[float, float, float]  # C-value, specificity, their product


@dataclass(slots=True)
class Counted:
    """What counting the corpus says of its n-grams, before the entries are known."""

    stats: dict[tuple[str, ...], CandidateStats]
    scores: dict[tuple[str, ...], Scores]
    ranked: list[tuple[float, tuple[str, ...]]]  # rankable ones, best first


def count_ranked(phrases: Iterable[Phrase], lexicon: Lexicon) -> Counted:
    """Count and score every n-gram of the phrases; rank those that may be candidates
    (two words or more, seen twice, scoring above 0, no lexicon term)."""
    stats = count_candidates((p.sentence.document, p.units) for p in phrases)
    cvalues = c_values(stats)
    scores: dict[tuple[str, ...], Scores] = {}
    ranked: list[tuple[float, tuple[str, ...]]] = []
    for words, entry_stats in stats.items():
        spec = specificity(words, FUNCTION_WORDS)
        score = cvalues[words] * spec
        scores[words] = (cvalues[words], spec, score)
        if any(lexicon.by_units.get(w) for w in (words, without_qualifiers(words))):
            continue  # a lexicon term: recognised wherever it occurs, scored there
        if len(words) >= 2 and entry_stats.frequency >= 2 and score > 0:
            ranked.append((score, words))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return Counted(stats, scores, ranked)


def select_candidates(
    counted: Counted, entry_keys: Collection[str]
) -> tuple[dict[tuple[str, ...], MinedEntry], dict[str, Scores]]:
    """The best-ranked candidates that are no entry yet, as new entries without
    occurrences; and the scores of the entries the corpus counted, by key."""
    selected: dict[tuple[str, ...], MinedEntry] = {}
    for _score, words in counted.ranked:
        if len(selected) == MAX_CANDIDATES:
            break
        key = " ".join(words)
        if key in entry_keys:
            continue
        cvalue, spec, score = counted.scores[words]
        entry = MinedEntry(
            key, kind_by_shape(words), termhood=cvalue, specificity=spec, score=score
        )
        entry.sources.add("statistics")
        entry.is_glossary = score >= GLOSSARY_THRESHOLD and term_shaped(words, counted.stats)
        selected[words] = entry
    scores = {
        key: found
        for key in entry_keys
        if (found := counted.scores.get(tuple(key.split(" ")))) is not None
    }
    return selected, scores


def give_scores(entries: dict[str, MinedEntry], scores: dict[str, Scores]) -> None:
    """Record the corpus's scores (select_candidates') on the entries already mined."""
    for key, (cvalue, spec, score) in scores.items():
        entry = entries[key]
        entry.termhood, entry.specificity, entry.score = cvalue, spec, score


@dataclass(slots=True)
class CandidateMentions:
    """What one half of the phrases says of the candidates (by index in the trie).

    A candidate that may become an entry gets every occurrence, and what its
    neighbours are; one that cannot only gets its first CANDIDATE_OCCURRENCES
    occurrences as examples, and its other mentions are counted per written form:
    at a million words that spares half a million occurrences."""

    occurrences: dict[int, list[Occurrence]] = field(default_factory=dict)  # phrase order
    free: Counter[int] = field(default_factory=Counter)  # mentions outside any name
    left: dict[int, set[str | None]] = field(default_factory=dict)  # neighbours
    right: dict[int, set[str | None]] = field(default_factory=dict)
    unlisted: Counter[tuple[int, str]] = field(default_factory=Counter)  # (n, form) → count
    documents: dict[int, set[int]] = field(default_factory=dict)  # of counted-only ones


def candidate_mentions(
    trie: KeyTrie[int],
    open_ones: frozenset[int],
    phrases: Iterable[tuple[int, Phrase]],
    spans: Spans,
    occurrence: Callable[[Phrase, int, int], Occurrence],
) -> CandidateMentions:
    """Where the candidates of `trie` occur in `phrases`; those in `open_ones` may still
    become entries, the others are only counted (see CandidateMentions)."""
    found = CandidateMentions()
    occurrences, free, left, right = found.occurrences, found.free, found.left, found.right
    # (candidate, first word, text after the first word's end) → mentions beyond the
    # examples: the form's text is made once, not per mention
    beyond: Counter[tuple[int, Word, str]] = Counter()
    for p_index, phrase in phrases:
        units = phrase.units
        spans_here = spans.get(p_index, [])
        for i, j, n in trie.find(units, min_words=2):
            if not is_candidate(units[i:j]):
                continue
            listed = occurrences.setdefault(n, [])
            if n not in open_ones:
                found.documents.setdefault(n, set()).add(phrase.sentence.document)
                if len(listed) < CANDIDATE_OCCURRENCES:
                    listed.append(occurrence(phrase, i, j))
                else:
                    offset = phrase.sentence.start
                    rest = phrase.sentence.text[
                        phrase.ends[i] - offset : phrase.ends[j - 1] - offset
                    ]
                    beyond[n, units[i], rest] += 1
                continue
            listed.append(occurrence(phrase, i, j))
            if not entangled_any(i, j, spans_here):
                free[n] += 1
            left.setdefault(n, set()).add(neighbour(units, i - 1))
            right.setdefault(n, set()).add(neighbour(units, j))
    for (n, first, rest), count in beyond.items():
        found.unlisted[n, " ".join((first.bare_surface + rest).split())] += count
    return found


def settle(
    selected: dict[tuple[str, ...], MinedEntry],
    candidates: list[tuple[str, ...]],
    halves: Iterable[CandidateMentions],
) -> None:
    """Record the halves' findings on the candidates (by index in `candidates`), half
    after half; demote the candidates that are not terms.

    A statistical term must stand on its own: not always inside or across a
    recognised name, and not always with the same neighbour (then it is a piece of
    a longer term: مراقبة التراب is always followed by الوطني).
    """
    free: Counter[int] = Counter()
    left: dict[int, set[str | None]] = {}
    right: dict[int, set[str | None]] = {}
    for half in halves:
        for n, occurrences in half.occurrences.items():
            entry = selected[candidates[n]]
            for occurrence in occurrences:
                entry.record(occurrence)
        for (n, form), count in half.unlisted.items():
            entry = selected[candidates[n]]
            entry.forms[form] += count
            entry.unlisted += count
        for n, documents in half.documents.items():
            selected[candidates[n]].unlisted_documents.update(documents)
        free.update(half.free)
        for n, neighbours in half.left.items():
            left.setdefault(n, set()).update(neighbours)
        for n, neighbours in half.right.items():
            right.setdefault(n, set()).update(neighbours)
    for n, words in enumerate(candidates):
        entry = selected[words]
        if not entry.is_glossary:
            continue
        tied = (len(left[n]) == 1 and None not in left[n]) or (
            len(right[n]) == 1 and None not in right[n]
        )
        if free[n] < 2 or tied:
            entry.is_glossary = False
