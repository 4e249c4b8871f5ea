"""Comparing the glossary with a reference glossary (a client's termbase, or our gold).

The reference is a TSV with columns ar_term, fr_term, fr_acronym, kind, variants
(variants separated by |). A reference row is found when one of its Arabic forms matches
one of an entry's forms, clitics aside; its kind and French are then checked (French is
accent- and case-folded, and the acronym is accepted).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from glossary.arabic import clitic_readings, group_key, search_key
from glossary.french import fold
from glossary.store import Store

REQUIRED_COLUMNS = ("ar_term", "fr_term", "kind")


class GoldError(ValueError):
    """The reference file cannot be read (one line, names the file)."""


@dataclass(frozen=True, slots=True)
class GoldRow:
    ar: str
    fr: str
    acronym: str
    kind: str
    variants: tuple[str, ...]


@dataclass(slots=True)
class Evaluation:
    total: int = 0
    found: int = 0
    kind_right: int = 0
    french_right: int = 0
    misses: list[GoldRow] = field(default_factory=list)
    wrong_kind: list[tuple[GoldRow, str]] = field(default_factory=list)
    wrong_french: list[tuple[GoldRow, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.found if self.found else 0.0

    @property
    def french_accuracy(self) -> float:
        return self.french_right / self.found if self.found else 0.0


def read_gold(path: Path) -> list[GoldRow]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from None
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise GoldError(f"{path}: missing column(s) {', '.join(missing)}")
    rows = []
    for row in reader:
        ar = (row.get("ar_term") or "").strip()
        if not ar:
            continue
        variants = tuple(v.strip() for v in (row.get("variants") or "").split("|") if v.strip())
        rows.append(
            GoldRow(
                ar,
                (row.get("fr_term") or "").strip(),
                (row.get("fr_acronym") or "").strip(),
                (row.get("kind") or "").strip(),
                variants,
            )
        )
    return rows


def _readings(form: str) -> set[str]:
    """Group keys of a form, as written and with its first word's clitics off."""
    key = search_key(form)
    words = key.split(" ")
    readings = {group_key(key)}
    for _prefix, rest in clitic_readings(words[0]):
        readings.add(group_key(" ".join([rest, *words[1:]])))
    return readings


def evaluate(store: Store, gold: list[GoldRow], glossary_only: bool = True) -> Evaluation:
    where = "WHERE e.in_glossary = 1 OR e.reviewed = 1" if glossary_only else ""
    index: dict[str, int] = {}
    for row in store.query(
        f"SELECT f.words, f.entry_id FROM forms f JOIN entries e ON e.id = f.entry_id {where}"
    ):
        index.setdefault(row["words"], row["entry_id"])
    result = Evaluation(total=len(gold))
    for gold_row in gold:
        entry_id = _match(index, gold_row)
        if entry_id is None:
            result.misses.append(gold_row)
            continue
        result.found += 1
        entry = store.query("SELECT kind FROM entries WHERE id = ?", [entry_id])[0]
        if entry["kind"] == gold_row.kind:
            result.kind_right += 1
        else:
            result.wrong_kind.append((gold_row, entry["kind"]))
        french = store.query(
            "SELECT fr, acronym FROM equivalents WHERE entry_id = ? "
            "ORDER BY preferred DESC, confidence DESC",
            [entry_id],
        )
        if _french_ok(gold_row, french):
            result.french_right += 1
        else:
            shown = french[0]["fr"] if french else ""
            result.wrong_french.append((gold_row, shown))
    return result


def _match(index: dict[str, int], row: GoldRow) -> int | None:
    for form in (row.ar, *row.variants):
        for reading in _readings(form):
            if reading in index:
                return index[reading]
    return None


def _french_ok(row: GoldRow, french: list[dict[str, str]]) -> bool:
    """The preferred equivalent matches the reference French or its acronym."""
    if not french:
        return not row.fr and not row.acronym
    best = french[0]
    wanted = {fold(x) for x in (row.fr, row.acronym) if x}
    got = {fold(x) for x in (best["fr"], best["acronym"]) if x}
    return bool(wanted & got)
