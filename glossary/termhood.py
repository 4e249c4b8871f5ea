"""Statistical candidates: n-grams of units, C-value termhood and domain specificity.

Scoring is kept apart from how candidates are represented: count_candidates gathers
statistics, the score functions only read them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from glossary.units import Word, general_rank

MAX_WORDS = 7
V = TypeVar("V")


@dataclass(slots=True)
class CandidateStats:
    """What the corpus says of one candidate (by group key)."""

    words: tuple[str, ...]  # group readings of its units (first, then inner)
    frequency: int = 0
    # No set of documents: at a million words it held most of the build's memory, and
    # nothing scored with it.


def candidate_key(units: Sequence[Word]) -> tuple[str, ...]:
    return (units[0].first, *(u.inner for u in units[1:]))


def is_candidate(units: Sequence[Word]) -> bool:
    """A term never starts or ends with a function word, a number or a Latin word."""
    first, last = units[0], units[-1]
    if first.is_function or last.is_function or first.is_number:
        return False
    if last.is_number and not (len(last.key) == 4 and len(units) > 1):
        return False
    for unit in units:  # a loop, not all(): called for every mention of a candidate
        if not unit.arabic:
            return False
    return True


class _Count:
    """A node of the n-gram trie count_candidates walks: the n-gram of the path to it."""

    __slots__ = ("children", "frequency")

    def __init__(self) -> None:
        self.children: dict[str, _Count] | None = None
        self.frequency = 0


def count_candidates(
    phrases: Iterable[tuple[int, Sequence[Word]]], max_words: int = MAX_WORDS
) -> dict[tuple[str, ...], CandidateStats]:
    """Count every candidate n-gram (1..max_words units) of the phrases.

    The n-grams starting at one unit are the paths of a trie (first reading, then inner
    readings), so counting one costs a dict lookup, not a tuple; an n-gram that is no
    candidate (it ends with a function word) is only a way to the longer ones.
    """
    root: dict[str, _Count] = {}
    for _document, phrase in phrases:
        n = len(phrase)
        for i in range(n):
            head = phrase[i]
            if head.is_function or head.is_number:
                continue
            level = root
            stop = min(n, i + max_words)
            for j in range(i, stop):
                unit = phrase[j]
                if not unit.arabic:
                    break  # every longer n-gram holds it too
                word = head.first if j == i else unit.inner
                node = level.get(word)
                if node is None:
                    node = level[word] = _Count()
                if not unit.is_function and (
                    not unit.is_number or (j > i and len(unit.key) == 4)
                ):  # is_candidate(phrase[i : j + 1]), the head already checked
                    node.frequency += 1
                if j + 1 < stop:
                    if node.children is None:
                        node.children = {}
                    level = node.children
    stats: dict[tuple[str, ...], CandidateStats] = {}
    _gather(root, (), stats)
    return stats


def _gather(
    level: dict[str, _Count], path: tuple[str, ...], stats: dict[tuple[str, ...], CandidateStats]
) -> None:
    for word, node in level.items():
        key = (*path, word)
        if node.frequency:
            stats[key] = CandidateStats(key, node.frequency)
        if node.children:
            _gather(node.children, key, stats)


class KeyTrie(Generic[V]):
    """Candidate keys (see candidate_key) with a value each, found in phrases by walking
    from each unit rather than by building every n-gram's key."""

    __slots__ = ("children", "value")

    def __init__(self, items: Iterable[tuple[tuple[str, ...], V]] = ()) -> None:
        self.children: dict[str, KeyTrie[V]] = {}
        self.value: V | None = None
        for key, value in items:
            node = self
            for word in key:
                child = node.children.get(word)
                if child is None:
                    child = node.children[word] = KeyTrie()
                node = child
            node.value = value

    def find(self, units: Sequence[Word], min_words: int = 1) -> list[tuple[int, int, V]]:
        """(start, end, value) of every key of at least min_words read in units[start:end]
        (as candidate_key reads it), by start then end."""
        found: list[tuple[int, int, V]] = []
        n = len(units)
        for i in range(n):
            node = self.children.get(units[i].first)
            j = i + 1
            while node is not None:
                if node.value is not None and j - i >= min_words:
                    found.append((i, j, node.value))
                if j == n:
                    break
                node = node.children.get(units[j].inner)
                j += 1
        return found


def c_values(stats: dict[tuple[str, ...], CandidateStats]) -> dict[tuple[str, ...], float]:
    """C-value of each candidate: frequency discounted by the longer terms containing it.

    Uses log2(n + 1) so that one-word candidates are scored too (Frantzi et al. 2000,
    with the usual single-word extension).
    """
    nested_sum: Counter[tuple[str, ...]] = Counter()
    nested_count: Counter[tuple[str, ...]] = Counter()
    for key, entry in stats.items():
        n = len(key)
        for i in range(n):
            for j in range(i + 1, n + 1):
                if j - i == n:
                    continue
                sub = key[i:j]
                if sub in stats:
                    nested_sum[sub] += entry.frequency
                    nested_count[sub] += 1
    values: dict[tuple[str, ...], float] = {}
    for key, entry in stats.items():
        weight = math.log2(len(key) + 1)
        if nested_count[key]:
            values[key] = weight * (entry.frequency - nested_sum[key] / nested_count[key])
        else:
            values[key] = weight * entry.frequency
    return values


def specificity(words: tuple[str, ...], function_words: frozenset[str]) -> float:
    """How far a candidate's words are from everyday Arabic, 0 (common) to 1 (rare).

    A word's rank among general Arabic words (wordfreq) stands for its commonness;
    the candidate takes the mean over its content words.
    """
    scores = []
    for word in words:
        if word in function_words:
            continue
        rank = min(general_rank(word), general_rank("ال" + word))
        scores.append(min(1.0, math.log10(rank + 10) / 4.5))
    return sum(scores) / len(scores) if scores else 0.0
