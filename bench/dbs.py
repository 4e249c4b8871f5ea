"""Deterministic synthetic glossaries of 1k, 10k, 100k entries, shaped like mined ones.

Entries are built from the shipped lexicon (real Arabic names with their French) and the
word lexicon (nouns and adjectives with their French), recombined by a seeded generator,
so keys, forms and French have the lengths, letters and shared prefixes of real entries.
Per entry, the counts follow a glossary mined from the seed corpus: about 1.6 surface
forms, 0.8 French equivalents and 2.4 occurrences; 62% are glossary entries, the rest
ranked candidates. Everything is written through Store.replace_mined, as a build does.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bench.corpus import seed_sentences
from glossary.arabic import search_key
from glossary.build import bare_words
from glossary.equivalents import Equivalent
from glossary.lexicon import load_lexicon
from glossary.store import EntryRecord, FormRecord, OccurrenceRecord, Store

# Shares measured on the seed glossary (413 entries): kinds of entries, origins of French.
KIND_WEIGHTS = {"term": 84, "organisation": 6, "place": 5, "person": 4, "event": 2}
ORIGIN_CONFIDENCE = {"lexicon": 0.95, "compositional": 0.5, "corpus": 0.9, "transliteration": 0.3}
IN_GLOSSARY_SHARE = 0.62
EQUIVALENT_SHARE = 0.78
SENTENCES_PER_DOCUMENT = 30
PROCLITICS = ("و", "ب", "ل", "ف")


@dataclass(frozen=True, slots=True)
class Word:
    ar: str
    fr: str
    pos: str


@dataclass(frozen=True, slots=True)
class SyntheticEntry:
    ar: str
    fr: str
    acronym: str
    kind: str


def _words() -> list[Word]:
    text = (resources.files("glossary") / "data" / "words.csv").read_text(encoding="utf-8")
    return [
        Word(row["ar"].strip(), row["fr"].strip(), row["pos"].strip())
        for row in csv.DictReader(text.splitlines())
        if row["ar"].strip() and row["fr"].strip()
    ]


def _definite(ar: str) -> str:
    return ar if ar.startswith("ال") else "ال" + ar


def synthetic_entries(count: int, seed: int = 8) -> list[SyntheticEntry]:
    """`count` entries with distinct keys: lexicon rows first, then recombinations."""
    rng = random.Random(f"entries:{seed}")
    lexicon = sorted(load_lexicon().entries, key=lambda e: e.ar)
    words = _words()
    nouns = [w for w in words if w.pos == "noun"]
    adjectives = [w for w in words if w.pos == "adj"]
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    entries: list[SyntheticEntry] = []
    seen: set[str] = set()

    def add(ar: str, fr: str, acronym: str, kind: str) -> None:
        key = bare_words(ar)
        if key and key not in seen:
            seen.add(key)
            entries.append(SyntheticEntry(ar, fr, acronym, kind))

    for row in lexicon:
        if len(entries) >= count:
            break
        add(row.ar, row.fr, row.acronym, row.kind)
    while len(entries) < count:
        shape = rng.random()
        if shape < 0.35:  # noun + adjective: الخلايا الإرهابية
            n, a = rng.choice(nouns), rng.choice(adjectives)
            add(f"{_definite(n.ar)} {_definite(a.ar)}", f"{n.fr} {a.fr}", "", "term")
        elif shape < 0.55:  # construct + adjective: مكافحة الجريمة المنظمة
            n1, n2, a = rng.choice(nouns), rng.choice(nouns), rng.choice(adjectives)
            add(
                f"{n1.ar} {_definite(n2.ar)} {_definite(a.ar)}",
                f"{n1.fr} de {n2.fr} {a.fr}",
                "",
                "term",
            )
        else:  # a real name qualified: المديرية العامة للأمن الوطني الإقليمية
            base = rng.choice(lexicon)
            q = rng.choice(adjectives if rng.random() < 0.6 else nouns)
            kind = rng.choices(kinds, weights)[0] if base.kind == "term" else base.kind
            acronym = "".join(rng.choices("ABCDEFGHIJLMNPRST", k=rng.randint(3, 5)))
            add(
                f"{base.ar} {_definite(q.ar)}",
                f"{base.fr or base.ar} {q.fr}",
                acronym if kind == "organisation" and rng.random() < 0.5 else "",
                kind,
            )
    return entries


def _forms(rng: random.Random, entry: SyntheticEntry) -> list[FormRecord]:
    surfaces = [entry.ar]
    if rng.random() < 0.4:
        surfaces.append(rng.choice(PROCLITICS) + entry.ar)
    if rng.random() < 0.2 and entry.ar.startswith("ال"):
        surfaces.append(entry.ar[2:])
    return [
        FormRecord(s, search_key(s), bare_words(s), rng.randint(1, 40) if i == 0 else 1)
        for i, s in enumerate(surfaces)
    ]


def _equivalents(rng: random.Random, entry: SyntheticEntry) -> list[Equivalent]:
    if rng.random() >= EQUIVALENT_SHARE:
        return []
    if entry.kind in ("person", "place") and rng.random() < 0.5:
        origin = "transliteration"
    else:
        origin = rng.choices(["lexicon", "compositional", "corpus"], [60, 35, 5])[0]
    return [Equivalent(entry.fr, entry.acronym, origin, ORIGIN_CONFIDENCE[origin])]


def write_glossary(path: Path, count: int, seed: int = 8) -> int:
    """Write a glossary of `count` entries at `path` (a new file); returns the entry count."""
    rng = random.Random(f"glossary:{seed}:{count}")
    sentences = seed_sentences()
    store = Store(path)
    try:
        with store.write():
            documents = max(5, count // 100)
            for d in range(documents):
                chosen = [rng.choice(sentences) for _ in range(SENTENCES_PER_DOCUMENT)]
                starts, offset = [], 0
                for s in chosen:
                    starts.append(offset)
                    offset += len(s) + 1
                store.add_document(
                    f"synthetic/{d:05d}.txt",
                    f"{d:064x}",
                    "utf-8",
                    sum(len(s.split()) for s in chosen),
                    list(zip(starts, chosen, strict=True)),
                )
            sentence_ids = [r[0] for r in store.rows("SELECT id FROM sentences ORDER BY id")]
            records = []
            for entry in synthetic_entries(count, seed):
                in_glossary = rng.random() < IN_GLOSSARY_SHARE
                occurrences = [
                    OccurrenceRecord(rng.choice(sentence_ids), 0, len(entry.ar), entry.ar)
                    for _ in range(max(1, int(rng.expovariate(1 / 2.4))))
                ]
                records.append(
                    EntryRecord(
                        key=bare_words(entry.ar),
                        ar=entry.ar,
                        kind=entry.kind,
                        in_glossary=in_glossary,
                        score=round(rng.random() * 3, 4),
                        termhood=round(rng.random() * 2, 4),
                        specificity=round(0.5 + rng.random() / 2, 4),
                        sources=rng.choice(["lexicon", "statistics", "shape", "pattern"]),
                        domain="",
                        documents=min(len(occurrences), documents),
                        forms=_forms(rng, entry),
                        equivalents=_equivalents(rng, entry),
                        occurrences=occurrences,
                    )
                )
            store.replace_mined(records)
        total = int(store.rows("SELECT count(*) FROM entries")[0][0])
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return total
