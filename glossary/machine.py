"""Machine proposals: French from the translation engine for entries that have none.

`glossary build --mt` translates the Arabic of each glossary entry still without French
(no lexicon row, no corpus evidence, nothing composed or transliterated, no human
French) and keeps the result as an equivalent of origin ``mt``. The engine's outputs are
cached in the db (table machine_translations, keyed by the entry), so a later plain
`glossary build` puts them back without loading the engine, and a person's decision or
a lexicon entry is never overwritten: only entries with no French at all are served.

Confidence. Argos scores a hypothesis with CTranslate2's log-probability, normalised by
length (penalty 0.2) and summed over the hops of a pivot (ar→en→fr). exp(score / hops)
is then a per-hop likelihood in (0, 1]; scaled by MT_CEILING it stays below every other
origin (a composed French is 0.55–0.6, corpus evidence 0.9), because an engine
translating a term out of context is the least trustworthy source we have.

This module never imports argostranslate: it takes any object with `hypotheses()`, in
practice glossary.translate.Translator.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from glossary.arabic import is_arabic
from glossary.french import fold
from glossary.store import Store, now

MT_CEILING = 0.5  # the surest machine proposal is worth half a curated row
MT_FLOOR = 0.05
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")

# Glossary entries a machine proposal may serve: no French from any origin, no human
# equivalent, not reviewed (an approved or rejected entry is a person's decision).
_NEEDING_FRENCH = (
    "SELECT e.id, e.key, e.ar FROM entries e WHERE e.in_glossary = 1 AND e.reviewed = 0 "
    "AND NOT EXISTS (SELECT 1 FROM equivalents q WHERE q.entry_id = e.id "
    "AND (q.fr != '' OR q.human = 1)) ORDER BY e.score DESC, e.key"
)


class Engine(Protocol):
    packages: list[str]

    def hypotheses(self, text: str, n: int = 1) -> list[tuple[str, float]]: ...


@dataclass(frozen=True, slots=True)
class MachineTranslation:
    key: str  # the entry's key
    ar: str
    fr: str  # '' when the engine gave nothing usable (kept, so it is not asked again)
    score: float
    confidence: float
    model: str


@dataclass(slots=True)
class ProposalReport:
    translated: int = 0  # entries sent to the engine in this run
    unusable: int = 0  # of those, outputs refused (empty, still Arabic, runaway)
    applied: int = 0  # entries given a machine French (this run or cached)
    without_french: int = 0  # glossary entries still without French afterwards


def confidence(score: float, hops: int) -> float:
    """Confidence of a machine proposal from its hypothesis score (see module doc)."""
    likelihood = math.exp(min(0.0, score) / max(1, hops))
    return round(max(MT_FLOOR, MT_CEILING * likelihood), 3)


def usable(source: str, output: str) -> bool:
    """Whether an engine output can stand as French for `source`.

    Refused: empty output, output still holding Arabic letters (an untranslated word),
    output with no Latin letter, and runaway output (far longer than the source).
    """
    text = output.strip()
    if not text or is_arabic(text) or not _LATIN.search(text):
        return False
    return len(text.split()) <= 3 * len(source.split()) + 3


def needing_french(store: Store) -> list[tuple[int, str, str]]:
    """(entry id, key, Arabic) of the glossary entries that have no French yet."""
    return [(int(r[0]), str(r[1]), str(r[2])) for r in store.rows(_NEEDING_FRENCH)]


def translate_entries(
    store: Store,
    engine: Engine,
    progress: Callable[[str, int, int], None] | None = None,
) -> ProposalReport:
    """Ask the engine for the entries without French not asked before; apply all answers.

    The engine runs outside any write transaction (it can take seconds); the answers are
    then written in one transaction with the equivalents they give.
    """
    notify = progress or (lambda stage, done, total: None)
    cached = {str(r[0]) for r in store.rows("SELECT key FROM machine_translations")}
    todo = [(key, ar) for _id, key, ar in needing_french(store) if key not in cached]
    model = " + ".join(engine.packages)
    hops = max(1, len(engine.packages))
    answers: list[MachineTranslation] = []
    for done, (key, ar) in enumerate(todo, start=1):
        notify("translating", done, len(todo))
        best = engine.hypotheses(ar, 1)[0]
        fr = " ".join(best[0].split())
        ok = usable(ar, fr)
        answers.append(
            MachineTranslation(
                key, ar, fr if ok else "", best[1], confidence(best[1], hops) if ok else 0, model
            )
        )
    with store.write():
        save(store, answers)
        report = ProposalReport(translated=len(answers))
        report.unusable = sum(1 for a in answers if not a.fr)
        report.applied = apply_cached(store)
        report.without_french = len(needing_french(store))
    return report


def save(store: Store, answers: Sequence[MachineTranslation]) -> None:
    """Keep the engine's answers (inside a write transaction)."""
    stamp = now()
    for a in answers:
        store.execute(
            "INSERT INTO machine_translations(key, ar, fr, score, confidence, model, created_at) "
            "VALUES (?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET ar = excluded.ar, "
            "fr = excluded.fr, score = excluded.score, confidence = excluded.confidence, "
            "model = excluded.model, created_at = excluded.created_at",
            [a.key, a.ar, a.fr, a.score, a.confidence, a.model, stamp],
        )


def apply_cached(store: Store) -> int:
    """Give each entry still without French its cached machine French (in a transaction).

    Returns how many entries were served. Run after every build, which replaces machine
    output: this is how proposals survive a rebuild without the engine.
    """
    served = 0
    stamp = now()
    for entry_id, key, _ar in needing_french(store):
        row = store.rows(
            "SELECT fr, confidence, model FROM machine_translations WHERE key = ? AND fr != ''",
            [key],
        )
        if not row:
            continue
        fr, sure, model = row[0]
        preferred = not store.rows(
            "SELECT 1 FROM equivalents WHERE entry_id = ? AND preferred = 1", [entry_id]
        )
        store.execute(
            "INSERT INTO equivalents(entry_id, fr, fr_folded, acronym, origin, confidence, "
            "preferred, human, note, created_at) VALUES (?,?,?,'','mt',?,?,0,?,?)",
            [entry_id, fr, fold(fr), sure, int(preferred), f"machine translation: {model}", stamp],
        )
        # A glossary entry with a French to review is proposed, like any mined one.
        store.execute(
            "UPDATE entries SET status = 'proposed' WHERE id = ? AND status = 'candidate'",
            [entry_id],
        )
        store.refresh_search(entry_id)
        served += 1
    return served
