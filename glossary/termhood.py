"""Statistical candidates: n-grams of units, C-value termhood and domain specificity.

Scoring is kept apart from how candidates are represented: count_candidates gathers
statistics, the score functions only read them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from glossary.units import Unit, general_rank

MAX_WORDS = 7


@dataclass(slots=True)
class CandidateStats:
    """What the corpus says of one candidate (by group key)."""

    words: tuple[str, ...]  # group readings of its units (first, then inner)
    frequency: int = 0
    documents: set[int] = field(default_factory=set)


def candidate_key(units: list[Unit]) -> tuple[str, ...]:
    return (units[0].first, *(u.inner for u in units[1:]))


def is_candidate(units: list[Unit]) -> bool:
    """A term never starts or ends with a function word, a number or a Latin word."""
    first, last = units[0], units[-1]
    if first.is_function or last.is_function or first.is_number:
        return False
    if last.is_number and not (len(last.key) == 4 and len(units) > 1):
        return False
    return all(u.arabic for u in units)


def count_candidates(
    phrases: Iterable[tuple[int, list[Unit]]], max_words: int = MAX_WORDS
) -> dict[tuple[str, ...], CandidateStats]:
    """Count every candidate n-gram (1..max_words units) of the phrases, per document."""
    stats: dict[tuple[str, ...], CandidateStats] = {}
    for document, phrase in phrases:
        n = len(phrase)
        for i in range(n):
            if phrase[i].is_function or phrase[i].is_number:
                continue
            for j in range(i + 1, min(n, i + max_words) + 1):
                span = phrase[i:j]
                if not is_candidate(span):
                    continue
                key = candidate_key(span)
                entry = stats.get(key)
                if entry is None:
                    entry = stats[key] = CandidateStats(key)
                entry.frequency += 1
                entry.documents.add(document)
    return stats


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
