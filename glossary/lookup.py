"""Looking entries up in Arabic, French or by acronym: exact, then prefix, phrase, fuzzy.

Arabic queries are insensitive to clitics, diacritics, tatweel and hamza/alef forms;
French ones to case and accents; acronyms to case.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glossary.arabic import clitic_readings, group_key, is_arabic, search_key
from glossary.french import fold
from glossary.store import Store

MAX_QUERY = 500  # characters; longer input is no term, only cost
TIERS = ("exact", "prefix", "phrase", "fuzzy")
FUZZY_MIN_RATIO = 0.72


class QueryError(ValueError):
    """The query cannot be looked up (empty, only punctuation)."""


@dataclass(frozen=True, slots=True)
class Hit:
    entry_id: int
    ar: str
    fr: str
    acronym: str
    kind: str
    status: str
    origin: str
    confidence: float
    in_glossary: bool
    context: str
    document: str
    match: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "ar": self.ar,
            "fr": self.fr,
            "acronym": self.acronym,
            "kind": self.kind,
            "status": self.status,
            "origin": self.origin,
            "confidence": self.confidence,
            "in_glossary": self.in_glossary,
            "context": self.context,
            "document": self.document,
            "match": self.match,
        }


@dataclass(frozen=True, slots=True)
class LookupResult:
    query: str
    hits: list[Hit]
    suggestion: str | None = None


_WORDS = re.compile(r"[^\W_]+")
# A query's words as the stored forms hold them: a number such as 03.03 or 1-58-376 (a
# law's) stays one word, as in group_key.
_QUERY_WORDS = re.compile(r"\d+(?:[./-]\d+)+|[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a NUL ends an SQLite string early


QUOTE_WIDTH = 60  # characters of a query a message repeats


def quoted(query: str) -> str:
    """The query as a one-line message shows it: quoted, cut after QUOTE_WIDTH characters
    (a pasted page would fill the screen), saying how much of a longer one was read."""
    text = " ".join(query.split())
    shown = repr(text if len(text) <= QUOTE_WIDTH else text[:QUOTE_WIDTH] + "…")
    if len(query) > MAX_QUERY:
        shown += f" ({len(query):,} characters; the first {MAX_QUERY} were looked up)"
    return shown


def lookup(store: Store, query: str, limit: int = 10, *, exact: bool = False) -> LookupResult:
    """Entries for `query`, best first. `exact`: only the exact tier, and no example
    sentence (for finding terms in a text, where a near match is no match)."""
    text = _CONTROL.sub(" ", query).strip()[:MAX_QUERY]
    folded = search_key(text) if is_arabic(text) else fold(text)
    if not _WORDS.search(folded):
        raise QueryError("nothing to look up: the query has no letters or digits")
    found: dict[int, str] = {}
    arabic = is_arabic(text)
    for tier in TIERS[:1] if exact else TIERS[:-1]:
        if len(found) >= limit:
            break
        ids = _arabic_tier(store, text, tier) if arabic else _latin_tier(store, text, tier)
        for entry_id in ids:
            found.setdefault(entry_id, tier)
    scored: list[tuple[float, int, str]] = []
    if not found and not exact:
        # Close spellings only when nothing matches as written: the fuzzy tier is the
        # slowest, and a typo is what it is for.
        scored = _fuzzy_scored(store, arabic_readings(text)[0] if arabic else fold(text))
        # Closest first, and only `limit` of them: among close spellings the closest is
        # what was meant, however rare (scored is sorted by closeness).
        close = [entry_id for ratio, entry_id, _part in scored if ratio >= FUZZY_MIN_RATIO]
        for entry_id in close[:limit]:
            found.setdefault(entry_id, "fuzzy")
    hits = _hits(store, found, context=not exact)[:limit]
    suggestion = None if hits or exact else _suggest(store, scored)
    return LookupResult(query, hits, suggestion)


def arabic_readings(text: str) -> list[str]:
    """Group keys the query may stand for: as typed, and with the first word's clitics off."""
    # Marks off first: a vowelled word (المُدِيرِيَّة) is one word, not five pieces.
    return word_readings(_QUERY_WORDS.findall(search_key(text)))


def word_readings(words: Sequence[str]) -> list[str]:
    """arabic_readings of a phrase already split into word keys."""
    if not words:
        return []
    tail = list(words[1:])
    readings = [group_key(" ".join(words))]
    for _prefix, rest in clitic_readings(words[0]):
        readings.append(group_key(" ".join([rest, *tail])))
    return list(dict.fromkeys(r for r in readings if r))


def _arabic_tier(store: Store, text: str, tier: str) -> list[int]:
    readings = arabic_readings(text)
    marks = ",".join("?" * len(readings))
    if tier == "exact":
        return _ids(
            store,
            f"SELECT entry_id FROM forms WHERE words IN ({marks}) "
            f"UNION SELECT id FROM entries WHERE key IN ({marks})",
            readings * 2,
        )
    if tier == "prefix":
        ids: list[int] = []
        for r in _prefix_readings(readings):
            ids += _ids(
                store,
                "SELECT entry_id FROM forms WHERE words >= ? AND words < ? LIMIT 200",
                [r, r + "\uffff"],
            )
        return ids
    if tier == "phrase":
        ids = []
        for r in readings:
            ids += _fts(store, "search_fts", "ar", r)
        return ids
    raise ValueError(tier)


def _prefix_readings(readings: list[str]) -> list[str]:
    """A half-typed last word keeps its article, which the group key drops only from
    whole words (المديرية الع → مديريه ع as well as مديريه الع)."""
    extra = []
    for reading in readings:
        head, _, last = reading.rpartition(" ")
        if last.startswith("ال") and len(last) < 4:
            extra.append(f"{head} {last[2:]}".strip() if head else last[2:])
    return list(dict.fromkeys([*readings, *(e for e in extra if e)]))


def _latin_tier(store: Store, text: str, tier: str) -> list[int]:
    folded = fold(text)
    if tier == "exact":
        return _ids(
            store,
            "SELECT entry_id FROM equivalents WHERE fr_folded = ? OR acronym = ? COLLATE NOCASE",
            [folded, text.strip()],
        )
    if tier == "prefix":
        return _ids(
            store,
            "SELECT entry_id FROM equivalents WHERE fr_folded >= ? AND fr_folded < ? LIMIT 200",
            [folded, folded + "\uffff"],
        )
    if tier == "phrase":
        return _fts(store, "search_fts", "fr", folded)
    raise ValueError(tier)


def _ids(store: Store, sql: str, params: list[str]) -> list[int]:
    return [row[0] for row in store.rows(sql, params)]


def _fts_phrase(text: str) -> str:
    words = _WORDS.findall(text)
    return '"' + " ".join(words) + '"' if words else ""


def _fts(store: Store, table: str, column: str, text: str) -> list[int]:
    phrase = _fts_phrase(text)
    if not phrase:
        return []
    sql = f"SELECT entry_id FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT 200"
    return [int(r[0]) for r in store.rows(sql, [f"{column} : {phrase}"])]


def _fuzzy_scored(store: Store, text: str) -> list[tuple[float, int, str]]:
    """Entries spelled close to `text`, closest first: (ratio, entry id, matching text).

    Candidates are the entries sharing the most of the query's FUZZY_GRAMS rarest
    trigrams (a q-gram filter), then scored by edit similarity. Ranking by FTS5's bm25
    instead favoured the typo's own trigrams, the rarest of all ("hev" in "arrachhe
    volonaire"), so a second, wider query was often needed: p99 51-61 ms at 100,000
    entries. Counting shared trigrams needs one query: p99 26 ms, and the entry a typo
    was drawn from found for 99% of French and 93% of Arabic queries (86% and 94% before).
    """
    compact = text.replace(" ", "")
    grams = sorted({compact[i : i + 3] for i in range(max(0, len(compact) - 2))})
    grams = [g for g in grams if len(g) == 3 and '"' not in g]
    if not grams:
        return []
    return _score_candidates(store, text, _by_rarity(store, grams)[:FUZZY_GRAMS])


FUZZY_GRAMS = 14
FUZZY_CANDIDATES = 50


def _by_rarity(store: Store, grams: list[str]) -> list[str]:
    """The trigrams the index holds, rarest first (fts5vocab: documents per trigram)."""
    store.conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fuzzy_vocab USING fts5vocab(main, fuzzy_fts, row)"
    )
    marks = ",".join("?" * len(grams))
    counts = store.rows(f"SELECT term, doc FROM temp.fuzzy_vocab WHERE term IN ({marks})", grams)
    return [str(term) for term, _docs in sorted(counts, key=lambda r: (r[1], r[0]))]


def _score_candidates(store: Store, text: str, grams: list[str]) -> list[tuple[float, int, str]]:
    if not grams:
        return []
    # fuzzy_fts rowid is the entry id (schema 3).
    postings = " UNION ALL ".join(
        ["SELECT rowid FROM fuzzy_fts WHERE fuzzy_fts MATCH ?"] * len(grams)
    )
    rows = store.rows(
        f"""SELECT f.entry_id, f.text FROM
              (SELECT rowid AS id, count(*) AS shared FROM ({postings})
                GROUP BY rowid ORDER BY shared DESC, rowid LIMIT {FUZZY_CANDIDATES}) AS c
            JOIN fuzzy_fts f ON f.rowid = c.id""",
        [f'"{g}"' for g in grams],
    )
    scored: list[tuple[float, int, str]] = []
    matcher = difflib.SequenceMatcher(None, "", text)  # b is cached: the query, once
    for entry_id, blob in rows:
        best = (0.0, "")
        for part in blob.split("|"):
            part = part.strip()
            if not part:
                continue
            matcher.set_seq1(part)
            if matcher.real_quick_ratio() > best[0] and matcher.quick_ratio() > best[0]:
                best = max(best, (matcher.ratio(), part))
        scored.append((best[0], int(entry_id), best[1]))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored


def _suggest(store: Store, scored: list[tuple[float, int, str]]) -> str | None:
    """The closest entry of a failed lookup, for a "did you mean" line."""
    for ratio, entry_id, _part in scored:
        if ratio >= 0.5:
            found = store.rows("SELECT ar FROM entries WHERE id = ?", [entry_id])
            if found:
                return str(found[0][0])
    return None


_CONTEXT = """
               (SELECT s.text FROM occurrences o JOIN sentences s ON s.id = o.sentence_id
                 WHERE o.entry_id = e.id ORDER BY length(s.text) LIMIT 1) AS context,
               (SELECT d.path FROM occurrences o JOIN sentences s ON s.id = o.sentence_id
                 JOIN documents d ON d.id = s.document_id
                 WHERE o.entry_id = e.id ORDER BY length(s.text) LIMIT 1) AS document"""
# An exact lookup finds terms in a text: no example sentence needed, and choosing the
# shortest one sorts all of an entry's occurrences.
_NO_CONTEXT = "'' AS context, '' AS document"


def exact_hits(store: Store, found: dict[str, set[int]], limit: int) -> dict[str, list[Hit]]:
    """For each query, the hits lookup(store, query, limit, exact=True) gives, from the
    entry ids its exact tier already matched (`found`): one fetch for all the queries of
    a text (enforcement asks for hundreds). The order of exact hits does not depend on
    the query, so one sorted fetch serves each."""
    every = {entry_id for ids in found.values() for entry_id in ids}
    ordered = _hits(store, dict.fromkeys(every, "exact"), context=False)
    place = {hit.entry_id: n for n, hit in enumerate(ordered)}
    return {
        query: [ordered[n] for n in sorted(place[i] for i in ids if i in place)[:limit]]
        for query, ids in found.items()
    }


def _hits(store: Store, found: dict[int, str], context: bool = True) -> list[Hit]:
    if not found:
        return []
    marks = ",".join("?" * len(found))
    rows = store.query(
        f"""
        SELECT e.id, e.ar, e.kind, e.status, e.in_glossary, e.frequency,
               q.fr, q.acronym, q.origin, q.confidence,
               {_CONTEXT if context else _NO_CONTEXT}
        FROM entries e LEFT JOIN equivalents q ON q.entry_id = e.id AND q.preferred = 1
        WHERE e.id IN ({marks}) AND e.status != 'rejected'
        """,
        list(found),
    )
    order = {tier: i for i, tier in enumerate(TIERS)}
    # Fuzzy hits keep the closeness order they were found in (dicts keep insertion).
    closeness = {entry_id: i for i, entry_id in enumerate(found) if found[entry_id] == "fuzzy"}
    rows.sort(
        key=lambda r: (
            order[found[r["id"]]],
            closeness.get(r["id"], 0),
            -r["in_glossary"],
            -r["frequency"],
            len(r["ar"]),
        )
    )
    return [
        Hit(
            r["id"],
            r["ar"],
            r["fr"] or "",
            r["acronym"] or "",
            r["kind"],
            r["status"],
            r["origin"] or "",
            r["confidence"] or 0.0,
            bool(r["in_glossary"]),
            r["context"] or "",
            r["document"] or "",
            found[r["id"]],
        )
        for r in rows
    ]
