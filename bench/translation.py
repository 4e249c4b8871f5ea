"""Translation: the glossary's enforcement against plain Argos, our settings against Argos's.

Two worker entry points (bench/worker.py), each in a fresh process whose environment points
HOME, the XDG folders and ARGOS_PACKAGES_DIR at a private folder (`environment`):

- ``mt-setup WORK [MODEL]``: installs a translation package (by default the tiny real
  .argosmodel that the tests build, tests/mt_fixtures.py, with no download) with
  `glossary.models.install_file`, builds the seed glossary with `glossary.build.build`,
  approves a few entries with `glossary.review.set_status`, and writes the text to
  translate: seed sentences naming approved terms. Argos is not imported.
- ``mt WORK SETTINGS RUNS``: translates that text plainly and with the glossary enforced,
  with one of two Argos settings. Argos reads its settings from the environment once, at
  import, so each setting needs its own process: ``ours`` imports Argos through
  `glossary.translate.load_argos` (which puts glossary.translate.SETTINGS in the
  environment first), ``defaults`` imports ``argostranslate.settings`` before anything
  sets them, so Argos runs with its own defaults. Each reports the settings in effect.

Timings (wall, perf_counter) are of the measured calls only, after one warm-up of each:

- *plain*: ``Translator.__call__(text)``, Argos on the whole text (paragraphs, its
  sentence splitter, SentencePiece, CTranslate2, detokenizing), uncached;
- *enforced*: ``translate_text(store, text, translator=...)`` with the same translator
  object: find_terms (its db lookups included), masking, translating the masked text,
  restoring and checking every term, and any retry of a paragraph that lost a placeholder;
- parts of *enforced*, timed apart: ``find_terms`` alone, and the translation of the
  masked text alone.

Plain and enforced run back to back in each run, in alternating order, so that drift
touches both alike; the overhead of a run is enforced / plain − 1.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.stats import Spread

SETTING_NAMES = ("ours", "defaults")
ARGOS_KNOBS = ("intra_threads", "inter_threads", "batch_size", "beam_size")  # settings.py names
# The entries approved by name (the ones issue 8 names), then the most frequent
# glossary entries with French, up to APPROVED in all; the rest stay proposed.
NAMED_TERMS = (
    "المديرية العامة لمراقبة التراب الوطني",
    "المديرية العامة للأمن الداخلي",
    "المديرية العامة للأمن الوطني",
)
APPROVED = 18
SENTENCES = 60  # at most: the seed sentences naming glossary terms, in corpus order
PARAGRAPH = 4  # sentences per paragraph (line) of the text
SENTENCE_ENDS = ".!?؟"  # where the tiny package's sentence splitter cuts (tests/mt_fixtures.py)
# The tiny model copies its source faithfully up to tests.mt_fixtures.POSITIONS pieces;
# longer sentences would come back garbled and set off retries that no real model needs.
# The margin leaves room for placeholders, which can take more pieces than the Arabic.
PIECES_MARGIN = 15


# --- process environment -------------------------------------------------------------
def home(work: Path) -> Path:
    """The private HOME of the translation workers, holding the installed package."""
    return work / "home"


def environment(work: Path) -> dict[str, str]:
    """A worker's environment: ours, without ARGOS_* settings, with the private home."""
    folder = home(work)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGOS_")}
    env.update(
        HOME=str(folder),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_CACHE_HOME=str(folder / "cache"),
        ARGOS_PACKAGES_DIR=str(folder / "packages"),
    )
    return env


def argos_installed() -> bool:
    from glossary.translate import argos_installed as installed

    return installed()


# --- mt-setup (in a worker) ----------------------------------------------------------
def run_setup(work: Path, model: Path | None) -> dict[str, Any]:
    """Install the package, build and review the glossary, write the text: setup.json."""
    from bench.corpus import SEEDS, seed_sentences
    from glossary import models
    from glossary.build import build
    from glossary.enforce import find_terms
    from glossary.lookup import lookup
    from glossary.review import set_status
    from glossary.store import Store

    if os.environ.get("ARGOS_PACKAGES_DIR") != str(home(work) / "packages"):
        raise RuntimeError("run through bench.translation.environment: not a private home")
    tiny = model is None
    if model is None:
        from tests.mt_fixtures import build_argosmodel

        model = build_argosmodel(work)
    package, _replaced = models.install_file(model)
    route = models.route()
    if not route:
        raise RuntimeError(f"{model}: installed, yet no ar→fr route")

    db = work / "glossary.db"
    store = Store(db)
    build([SEEDS], store)
    approved: dict[int, str] = {}
    for term in NAMED_TERMS:
        hit = next((h for h in lookup(store, term, limit=3).hits if h.match == "exact"), None)
        if hit is not None and (hit.fr or hit.acronym):
            approved[hit.entry_id] = hit.ar
    for entry_id, ar in store.rows(
        "SELECT e.id, e.ar FROM entries e JOIN equivalents q ON q.entry_id = e.id "
        "AND q.preferred = 1 WHERE e.in_glossary = 1 AND q.fr != '' "
        "ORDER BY e.frequency DESC, e.id"
    ):
        if len(approved) >= APPROVED:
            break
        approved.setdefault(int(entry_id), str(ar))
    for entry_id in approved:
        set_status(store, entry_id, "approved")

    pieces = _piece_counter(route[0].path) if tiny else None
    limit = _copy_limit() - PIECES_MARGIN if tiny else 0
    chosen: list[str] = []
    with_approved = 0
    for sentence in seed_sentences():
        sentence = sentence.strip()
        if sentence[-1] not in SENTENCE_ENDS:
            sentence += "."  # a heading: Argos's splitter must see it as a sentence of its own
        if any(c in SENTENCE_ENDS for c in sentence[:-1]):
            continue  # Argos would split it in two
        if pieces is not None and pieces(sentence) > limit:
            continue
        found = find_terms(store, sentence)
        if not found:
            continue
        chosen.append(sentence)
        with_approved += any(t.hit.status == "approved" for t in found)
        if len(chosen) == SENTENCES:
            break
    store.close()
    paragraphs = [" ".join(chosen[i : i + PARAGRAPH]) for i in range(0, len(chosen), PARAGRAPH)]
    text = "\n".join(paragraphs)
    (work / "text.txt").write_text(text, encoding="utf-8")
    made = {
        "db": str(db),
        "text": str(work / "text.txt"),
        "package": f"{package.name} ({package.direction} {package.version})",
        "tiny": tiny,
        "sentences": len(chosen),
        "with_approved": with_approved,
        "paragraphs": len(paragraphs),
        "words": len(text.split()),
        "approved": sorted(approved.values()),
        "max_pieces": limit if tiny else None,
    }
    (work / "setup.json").write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
    return made


def _copy_limit() -> int:
    from tests.mt_fixtures import POSITIONS

    return POSITIONS


def _piece_counter(package: Path | None) -> Callable[[str], int]:
    import sentencepiece as spm

    if package is None:
        raise RuntimeError("installed package has no path")
    processor = spm.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    return lambda text: len(processor.encode(text))


# --- mt (in a worker) ----------------------------------------------------------------
def run_measure(work: Path, setting: str, runs: int) -> dict[str, Any]:
    """Time plain and enforced translation of the setup's text with one Argos setting."""
    if setting not in SETTING_NAMES:
        raise ValueError(f"unknown setting {setting!r}; use one of {', '.join(SETTING_NAMES)}")
    made = json.loads((work / "setup.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    if setting == "defaults":
        # Argos reads its settings here, before load_argos puts ours in the environment.
        import argostranslate.settings  # noqa: F401
    from glossary.enforce import find_terms, mask, should_enforce
    from glossary.store import Store
    from glossary.translate import SETTINGS, get_translator, translate_text

    translator = get_translator()
    from argostranslate import settings as argos

    in_effect = {knob: getattr(argos, knob) for knob in ARGOS_KNOBS}
    expected = {k.removeprefix("ARGOS_").lower(): int(v) for k, v in SETTINGS.items()}
    if setting == "ours" and in_effect != expected:
        raise RuntimeError(f"Argos runs with {in_effect}, not our settings {expected}")

    text = (work / "text.txt").read_text(encoding="utf-8")
    store = Store(Path(made["db"]), create=False)
    plain_output = translator(text)
    first = time.perf_counter() - started  # import, model load, one plain translation
    result = translate_text(store, text, translator=translator)
    found = find_terms(store, text)
    masked, slots = mask(text, found, [should_enforce(t, False) for t in found])
    translator(masked)

    timings: dict[str, list[float]] = {"plain": [], "enforced": [], "find": [], "masked": []}
    cpu: dict[str, list[float]] = {"plain": [], "enforced": []}

    def plain() -> None:
        translator(text)

    def enforced() -> None:
        translate_text(store, text, translator=translator)

    for run in range(runs):
        order = (("plain", plain), ("enforced", enforced))
        for name, call in order if run % 2 == 0 else order[::-1]:
            cpu_start = time.process_time()
            wall_start = time.perf_counter()
            call()
            timings[name].append(time.perf_counter() - wall_start)
            cpu[name].append(time.process_time() - cpu_start)
        wall_start = time.perf_counter()
        find_terms(store, text)
        timings["find"].append(time.perf_counter() - wall_start)
        wall_start = time.perf_counter()
        translator(masked)
        timings["masked"].append(time.perf_counter() - wall_start)
    store.close()
    return {
        "setting": setting,
        "settings": in_effect,
        "first": first,
        **timings,
        "cpu_plain": cpu["plain"],
        "cpu_enforced": cpu["enforced"],
        "statuses": dict(Counter(t.status for t in result.terms)),
        "masked_mentions": len(slots),
        "plain_is_copy": plain_output == text,
    }


# --- results (in bench/run.py) -------------------------------------------------------
@dataclass
class SettingRuns:
    """One setting's timings (seconds per run of the whole text)."""

    name: str
    settings: dict[str, int]
    first: float
    plain: list[float]
    enforced: list[float]
    find: list[float]
    masked: list[float]
    cpu_plain: list[float]
    statuses: dict[str, int]
    masked_mentions: int
    plain_is_copy: bool

    @classmethod
    def of(cls, answer: dict[str, Any]) -> SettingRuns:
        return cls(
            answer["setting"],
            {k: int(v) for k, v in answer["settings"].items()},
            float(answer["first"]),
            answer["plain"],
            answer["enforced"],
            answer["find"],
            answer["masked"],
            answer["cpu_plain"],
            {k: int(v) for k, v in answer["statuses"].items()},
            int(answer["masked_mentions"]),
            bool(answer["plain_is_copy"]),
        )

    def overhead(self) -> Spread:
        return overhead(self.plain, self.enforced)


@dataclass
class Measured:
    """What mt-setup made and each setting's runs; `note` says why nothing was measured."""

    setup: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, SettingRuns] = field(default_factory=dict)
    note: str = ""


def overhead(plain: Sequence[float], enforced: Sequence[float]) -> Spread:
    """Per-run enforced / plain − 1 (runs paired in order): median and range, as fractions."""
    if len(plain) != len(enforced):
        raise ValueError(f"{len(plain)} plain runs but {len(enforced)} enforced")
    return Spread.of([e / p - 1 for p, e in zip(plain, enforced, strict=True) if p > 0])


def added(plain: Sequence[float], enforced: Sequence[float]) -> Spread:
    """Per-run enforced − plain, in seconds (runs paired in order): median and range."""
    return Spread.of([e - p for p, e in zip(plain, enforced, strict=True)])


def rate(count: int, seconds: Sequence[float]) -> Spread:
    """Items per second of each run: median and range."""
    return Spread.of([count / s for s in seconds if s > 0])


def speedup(ours: SettingRuns, other: SettingRuns) -> float:
    """Ratio of median plain translation times, other / ours: >1 means ours is faster."""
    return statistics.median(other.plain) / statistics.median(ours.plain)


def speedup_enforced(ours: SettingRuns, other: SettingRuns) -> float:
    """The same as `speedup`, for enforced translation."""
    return statistics.median(other.enforced) / statistics.median(ours.enforced)
