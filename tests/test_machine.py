"""Machine proposals (glossary.machine): which entries get engine French, and how sure.

The engine here is any object with `hypotheses()`; the end-to-end runs with a real Argos
model are in test_translate.py.
"""

from __future__ import annotations

from pathlib import Path

from glossary.machine import (
    MachineTranslation,
    apply_cached,
    confidence,
    needing_french,
    save,
    translate_entries,
    usable,
)
from glossary.review import set_french, set_status
from glossary.store import Store


class Dictionary:
    """An engine answering from a dict, with a fixed score, counting its calls."""

    def __init__(self, answers: dict[str, str], score: float = -0.4) -> None:
        self.packages = ["dictionary (ar→fr 1)"]
        self.answers = answers
        self.score = score
        self.asked: list[str] = []

    def hypotheses(self, text: str, n: int = 1) -> list[tuple[str, float]]:
        self.asked.append(text)
        return [(self.answers.get(text, text), self.score)]


def _without_french(store: Store, count: int) -> list[tuple[int, str, str]]:
    """Make `count` glossary entries lose their machine French, as unknown terms have none."""
    ids = [
        r[0]
        for r in store.rows(
            "SELECT e.id FROM entries e WHERE e.in_glossary = 1 AND e.kind = 'term' "
            "AND NOT EXISTS (SELECT 1 FROM equivalents q WHERE q.entry_id = e.id "
            "AND q.origin IN ('lexicon', 'corpus')) ORDER BY e.id LIMIT ?",
            [count],
        )
    ]
    with store.write():
        for entry_id in ids:
            store.execute("DELETE FROM equivalents WHERE entry_id = ?", [entry_id])
    return [n for n in needing_french(store) if n[0] in ids]


def test_confidence_follows_the_score_and_stays_below_other_origins() -> None:
    assert confidence(0.0, 1) == 0.5
    assert confidence(-0.5, 1) > confidence(-2.0, 1) > confidence(-20.0, 1) == 0.05
    assert confidence(-1.0, 2) > confidence(-1.0, 1)  # a pivot's score sums two hops
    assert confidence(3.0, 1) == 0.5  # a positive score cannot lift it past the ceiling


def test_only_latin_french_of_a_sane_length_is_usable() -> None:
    assert usable("الحلزونات البرتقالية", "escargots orange")
    assert not usable("الحلزونات البرتقالية", "الحلزونات البرتقالية")  # copied
    assert not usable("الحلزونات البرتقالية", "les escargots البرتقالية")  # half done
    assert not usable("الحلزونات البرتقالية", " ")
    assert not usable("الحلزونات البرتقالية", "2024 ...")
    assert not usable("الحلزونات", "le " * 20)  # runaway decoding


def test_entries_without_french_get_the_engines_and_nothing_else_changes(fresh_db: Path) -> None:
    store = Store(fresh_db)
    before = store.rows("SELECT entry_id, fr, origin FROM equivalents ORDER BY id")
    targets = _without_french(store, 3)
    assert len(targets) == 3
    engine = Dictionary({ar: f"terme {i}" for i, (_id, _key, ar) in enumerate(targets)})

    report = translate_entries(store, engine)

    assert sorted(engine.asked) == sorted(ar for _id, _key, ar in targets)
    assert (report.translated, report.unusable, report.applied) == (3, 0, 3)
    machine = store.rows(
        "SELECT entry_id, fr, confidence, preferred, note FROM equivalents WHERE origin = 'mt'"
    )
    assert sorted(r[0] for r in machine) == sorted(t[0] for t in targets)
    assert all(r[2] == confidence(-0.4, 1) and r[3] == 1 for r in machine)
    assert all("dictionary (ar→fr 1)" in r[4] for r in machine)
    kept = [r for r in before if r[0] not in {t[0] for t in targets}]
    assert [
        r
        for r in store.rows("SELECT entry_id, fr, origin FROM equivalents ORDER BY id")
        if r[2] != "mt"
    ] == kept
    # Lookup finds the entry by its machine French.
    from glossary.lookup import lookup

    assert lookup(store, "terme 1").hits[0].entry_id == targets[1][0]
    store.close()


def test_a_persons_decision_is_never_served_by_the_engine(fresh_db: Path) -> None:
    store = Store(fresh_db)
    first, second, third = _without_french(store, 3)
    set_french(store, first[0], "choix humain")
    set_status(store, second[0], "rejected")
    engine = Dictionary({})  # echoes the Arabic: unusable, and remembered as such

    report = translate_entries(store, engine)

    assert engine.asked == [third[2]]
    assert (report.translated, report.unusable, report.applied) == (1, 1, 0)
    assert store.rows("SELECT count(*) FROM equivalents WHERE origin = 'mt'") == [(0,)]
    translate_entries(store, engine)
    assert engine.asked == [third[2]]  # an unusable answer is not asked for again
    store.close()


def test_cached_answers_are_put_back_after_the_machine_output_is_replaced(
    fresh_db: Path,
) -> None:
    store = Store(fresh_db)
    [(entry_id, key, ar)] = _without_french(store, 1)
    with store.write():
        save(store, [MachineTranslation(key, ar, "terme caché", -1.0, 0.18, "m")])
        assert apply_cached(store) == 1
        assert apply_cached(store) == 0  # served once: the entry has French now
    assert store.rows(
        "SELECT fr, confidence FROM equivalents WHERE entry_id = ? AND origin = 'mt'", [entry_id]
    ) == [("terme caché", 0.18)]
    store.close()
