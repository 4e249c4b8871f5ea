"""Lookup queries drawn from a glossary, and their in-process latencies.

Query classes, each in Arabic and in French, drawn with a seeded generator from the db's
own entries:
- exact: an entry's Arabic surface form, or its French equivalent, as stored;
- prefix: the same cut in the middle of its last word (what a person types midway);
- fuzzy: the same with one letter dropped or two neighbours swapped inside a word.
Every query goes through glossary.lookup.lookup with its default limit (10), as the CLI
does: lookup tries the tiers in order and stops once it has enough hits, so a query of
one class may run later tiers too; `tier_breakdown` times each tier alone.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from glossary.arabic import is_arabic
from glossary.french import fold
from glossary.lookup import lookup
from glossary.store import Store

CLASSES = ("exact", "prefix", "fuzzy")
LIMIT = 10  # lookup's default, as `glossary lookup` uses it
LANGUAGES = ("ar", "fr")


@dataclass(frozen=True, slots=True)
class Latencies:
    """Seconds of each query, per run."""

    runs: list[list[float]]

    @property
    def pooled(self) -> list[float]:
        return [s for run in self.runs for s in run]


def _cut(text: str) -> str:
    """The text cut inside its last word (at least two letters of it kept)."""
    words = text.split(" ")
    last = words[-1]
    keep = max(2, len(last) // 2)
    if len(words) == 1:
        keep = max(3, (len(last) * 2) // 3)
    return " ".join([*words[:-1], last[:keep]])


def _typo(rng: random.Random, text: str) -> str:
    """One letter dropped, or two neighbours swapped, inside a word of 4+ letters."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4]
    if not candidates:
        return text + text[-1]
    i = rng.choice(candidates)
    word = words[i]
    pos = rng.randint(1, len(word) - 2)
    if rng.random() < 0.5:
        word = word[:pos] + word[pos + 1 :]
    else:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    words[i] = word
    return " ".join(words)


def draw_queries(
    store: Store, per_class: int, seed: int = 8
) -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    """`per_class` (queries, the entries' texts they were drawn from) per (class, language)."""
    rng = random.Random(f"queries:{seed}")
    arabic = [r[0] for r in store.rows("SELECT ar FROM entries ORDER BY id")]
    french = [
        r[0]
        for r in store.rows(
            "SELECT fr FROM equivalents WHERE preferred = 1 AND fr != '' ORDER BY id"
        )
    ]
    french = [f for f in french if not is_arabic(f)]
    queries: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for language, pool in (("ar", arabic), ("fr", french)):
        chosen = [rng.choice(pool) for _ in range(per_class)]
        queries[("exact", language)] = (chosen, chosen)
        queries[("prefix", language)] = ([_cut(q) for q in chosen], chosen)
        queries[("fuzzy", language)] = ([_typo(rng, q) for q in chosen], chosen)
    return queries


@dataclass(frozen=True, slots=True)
class QueryTiming:
    latencies: Latencies
    found: float  # share of queries whose hits include the entry they were drawn from
    fuzzy_ran: float  # share on which lookup went on to its last tier (close spellings)


def time_queries(store: Store, queries: list[str], targets: list[str], runs: int) -> QueryTiming:
    """Each query once per run, after one untimed warm-up pass that checks the hits."""
    found = 0
    fuzzy_ran = 0
    for query, target in zip(queries, targets, strict=True):
        hits = lookup(store, query).hits
        found += any(target in (h.ar, h.fr) for h in hits)
        # lookup tries close spellings only when nothing matches as written.
        fuzzy_ran += not hits or any(h.match == "fuzzy" for h in hits)
    all_runs: list[list[float]] = []
    for _ in range(runs):
        times = []
        for query in queries:
            started = time.perf_counter()
            lookup(store, query)
            times.append(time.perf_counter() - started)
        all_runs.append(times)
    count = max(1, len(queries))
    return QueryTiming(Latencies(all_runs), found / count, fuzzy_ran / count)


def tier_breakdown(store: Store, queries: list[str]) -> dict[str, float] | None:
    """Median milliseconds of each lookup tier alone, and of fetching the hits.

    Uses lookup's private tier functions; returns None if they have changed shape.
    """
    try:
        from glossary import lookup as module

        arabic_tier: Callable[[Store, str, str], list[int]] = module._arabic_tier
        latin_tier: Callable[[Store, str, str], list[int]] = module._latin_tier
        hits = module._hits
        tiers = module.TIERS
        fuzzy = module._fuzzy_scored
        readings = module.arabic_readings
    except AttributeError:
        return None
    result: dict[str, list[float]] = {t: [] for t in (*tiers, "hits")}
    for query in queries:
        run = arabic_tier if is_arabic(query) else latin_tier
        found: dict[int, str] = {}
        for tier in tiers:
            started = time.perf_counter()
            if tier == "fuzzy":  # close spellings: one scored pass over the trigram index
                target = readings(query)[0] if is_arabic(query) else fold(query)
                ids = [entry_id for _ratio, entry_id, _part in fuzzy(store, target)]
            else:
                ids = run(store, query, tier)
            result[tier].append(time.perf_counter() - started)
            for entry_id in ids:
                found.setdefault(entry_id, tier)
        started = time.perf_counter()
        hits(store, found)
        result["hits"].append(time.perf_counter() - started)
    return {k: statistics.median(v) * 1000 for k, v in result.items() if v}
