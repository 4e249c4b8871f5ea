"""Benchmarks: mining, lookup, cold start, TUI, translation → BENCHMARKS.md.

    .venv/bin/python bench/run.py             # full run (~15 min on 2 cores)
    .venv/bin/python bench/run.py --quick     # smoke run (~2 min), smaller inputs
    .venv/bin/python bench/run.py --runs 5 --output /tmp/BENCHMARKS.md
    .venv/bin/python bench/run.py --mt-model FILE.argosmodel  # translation with a real model

Every input is built here, deterministically, in a temporary folder: corpora recombined
from the seed corpus (bench/corpus.py) and synthetic glossaries (bench/dbs.py). Each
measurement runs several times; the report gives medians with their range (min–max).
Needs the project installed with its bench extra (yake); py-spy, if installed, adds
profiles of the slow paths (`--no-profile` skips them). Translation is measured when the
mt extra (argostranslate) is installed, with the tiny Argos model the tests build
(bench/translation.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus, dbs, lookups, profile, translation, tui
from bench.stats import (
    Spread,
    busy_cpu_seconds,
    growth_exponent,
    machine,
    mib,
    own_cpu_seconds,
    percentile,
    table,
)

# Targets of issue 8, on the 2-core machine.
TARGET_WORDS_PER_S = 100_000
TARGET_YAKE_RATIO = 4.0
TARGET_INCREMENTAL_S = 1.0
TARGET_EXACT_P99_MS = 5.0
TARGET_FUZZY_P99_MS = 50.0
TARGET_COLD_RATIO = 3.0
TARGET_TUI_MEDIAN_MS = 50.0
TARGET_ENFORCEMENT_OVERHEAD = 0.10  # of plain Argos's time
LINEAR_EXPONENT = 1.1  # time or memory growing as size^b with b at most this is linear

TUI_QUERIES = (  # typed key by key; Arabic with clitics and typos as people type them
    "المديرية العامة للأمن",
    "ولمراقبة التراب",
    "الهجرة غير النظامية",
    "surete nationale",
    "DGST",
    "cooperation securitaire",
)


@dataclass(frozen=True, slots=True)
class Plan:
    words: tuple[int, ...]
    entries: tuple[int, ...]
    runs: int
    big_runs: int  # runs at the largest corpus (each costs minutes)
    queries: int  # per query class and language
    cold_runs: int
    tui_runs: int
    profile: bool
    mt_runs: int = 10  # runs of each translation timing, per Argos setting
    mt_model: Path | None = None  # an .argosmodel to translate with; None: the tests' tiny one


@dataclass
class Results:
    started: datetime
    plan: Plan
    corpora: dict[int, corpus.Corpus] = field(default_factory=dict)
    library: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    cli: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    yake: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    incremental: list[dict[str, Any]] = field(default_factory=list)
    incremental_words: int = 0
    incremental_check: dict[str, Any] = field(default_factory=dict)  # against a full mining
    glossaries: dict[int, tuple[int, float]] = field(default_factory=dict)  # entries, seconds
    lookups: dict[tuple[int, str, str], lookups.QueryTiming] = field(default_factory=dict)
    tiers: dict[tuple[str, str], dict[str, float] | None] = field(default_factory=dict)
    cold: dict[str, list[float]] = field(default_factory=dict)
    imports: tuple[float, dict[str, float]] | None = None
    tui_keys: list[list[tui.KeyTiming]] = field(default_factory=list)
    tui_search_median: float = 0.0
    profiles: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    finished: datetime | None = None
    other_cpu: float = 0.0  # CPU seconds used by other processes during the run
    translation: translation.Measured = field(default_factory=translation.Measured)


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- processes -----------------------------------------------------------------------
def worker(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run bench/worker.py in a fresh Python (in `env`, else ours); its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.worker", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"worker {args[0]} failed:\n{done.stderr[-2000:]}")
    return last_json(done.stdout)


def last_json(output: str) -> dict[str, Any]:
    """The last JSON object line of a worker's output (py-spy adds lines of its own)."""
    line = next(x for x in reversed(output.splitlines()) if x.startswith("{"))
    result: dict[str, Any] = json.loads(line)
    return result


def timed_process(command: Sequence[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of a process, output discarded."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):  # lookup exits 1 when nothing matches
            errors.seek(0)
            raise RuntimeError(
                f"{' '.join(command[:3])} … exited {process.returncode}: "
                + errors.read().decode(errors="replace")[-2000:]
            )
    return seconds, usage.ru_maxrss * 1024


def glossary_cli() -> str:
    beside = Path(sys.executable).parent / "glossary"
    found = str(beside) if beside.exists() else shutil.which("glossary")
    if not found:
        raise SystemExit("the glossary command is not installed: run `pip install -e .` first")
    return found


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def copy_db(source: Path, target: Path) -> None:
    remove_db(target)
    shutil.copyfile(source, target)


# --- mining --------------------------------------------------------------------------
def measure_mining(work: Path, results: Results) -> None:
    plan = results.plan
    cli = glossary_cli()
    biggest = max(plan.words)
    for words in plan.words:
        folder = work / f"corpus-{words}"
        results.corpora[words] = made = corpus.write_corpus(folder, words)
        runs = plan.big_runs if words == biggest else plan.runs
        log(f"mining {made.words:,} words in {made.documents} documents, {runs} runs")
        db = work / f"mined-{words}.db"
        # The three measures take turns, run after run: this machine's speed drifts by
        # a tenth or more within minutes, and a measure taken apart would catch another
        # moment of it (one process run after the others once read 1.8 s slower).
        for run in range(runs):
            remove_db(db)
            results.library.setdefault(words, []).append(worker("build", str(folder), str(db)))
            results.yake.setdefault(words, []).append(worker("yake", str(folder)))
            remove_db(db)
            seconds, peak = timed_process([cli, "build", str(folder), "--db", str(db)], work)
            results.cli.setdefault(words, []).append(
                {"seconds": seconds, "rss_peak": peak, "words": made.words}
            )
            log(
                f"  run {run + 1}: ours {results.library[words][-1]['seconds']:.1f} s, "
                f"YAKE {results.yake[words][-1]['seconds']:.1f} s, "
                f"glossary build as a process {seconds:.1f} s"
            )
        if words == biggest:
            measure_incremental(work, folder, db, results)
        else:
            remove_db(db)


def measure_incremental(work: Path, folder: Path, db: Path, results: Results) -> None:
    """Add one new document to the built corpus and build again, from the same db each run."""
    base = work / "incremental-base.db"
    copy_db(db, base)
    remove_db(db)
    rng = random.Random("incremental:8")
    added = folder / "zz_added.txt"
    added.write_text(
        corpus.document_text(rng, corpus.seed_sentences(), corpus.DOCUMENT_WORDS),
        encoding="utf-8",
    )
    results.incremental_words = len(added.read_text(encoding="utf-8").split())
    target = work / "incremental.db"
    try:
        for run in range(results.plan.big_runs):
            copy_db(base, target)
            result = worker("build", str(folder), str(target))
            if result["documents_read"] != 1:
                raise RuntimeError(f"incremental build read {result['documents_read']} documents")
            results.incremental.append(result)
            log(f"  incremental rebuild run {run + 1}: {result['seconds']:.1f} s")
        results.incremental_check = worker("compare-full", str(folder), str(target))
    finally:
        added.unlink()
        remove_db(target)
        remove_db(base)


# --- lookup --------------------------------------------------------------------------
def measure_lookup(work: Path, results: Results) -> dict[int, Path]:
    from glossary.store import Store

    plan = results.plan
    paths: dict[int, Path] = {}
    for count in plan.entries:
        path = work / f"glossary-{count}.db"
        started = time.perf_counter()
        made = dbs.write_glossary(path, count)
        results.glossaries[count] = (made, time.perf_counter() - started)
        paths[count] = path
        log(f"lookup on {made:,} entries ({results.glossaries[count][1]:.0f} s to write)")
        store = Store(path, create=False)
        try:
            drawn = lookups.draw_queries(store, plan.queries)
            for (kind, language), (queries, targets) in drawn.items():
                timing = lookups.time_queries(store, queries, targets, plan.runs)
                results.lookups[(count, kind, language)] = timing
            if count == max(plan.entries):
                for (kind, language), (queries, _targets) in drawn.items():
                    results.tiers[(kind, language)] = lookups.tier_breakdown(
                        store, queries[: min(40, len(queries))]
                    )
        finally:
            store.close()
    return paths


def measure_cold(work: Path, paths: dict[int, Path], results: Results) -> None:
    """`glossary lookup` as a whole process against a bare Python importing sqlite3."""
    from glossary.store import Store

    cli = glossary_cli()
    commands: dict[str, list[str]] = {"bare": [sys.executable, "-c", "import sqlite3"]}
    for count in (min(paths), max(paths)):
        store = Store(paths[count], create=False)
        query = str(store.rows("SELECT ar FROM entries ORDER BY id LIMIT 1 OFFSET 7")[0][0])
        store.close()
        commands[f"lookup-{count}"] = [cli, "lookup", query, "--db", str(paths[count])]
    commands["imports"] = [sys.executable, "-c", "import glossary.cli"]
    log(f"cold processes, {results.plan.cold_runs} runs each")
    for command in commands.values():  # warm the file cache: cold process, not cold disk
        timed_process(command, work)
    for _ in range(results.plan.cold_runs):
        for name, command in commands.items():  # interleaved, so drift hits all alike
            results.cold.setdefault(name, []).append(timed_process(command, work)[0])
    results.imports = profile.import_times(
        ["-c", "import glossary.cli"], work, ["glossary", "click", "sqlite_utils", "numpy"]
    )


def compile_package() -> None:
    """Write the package's bytecode, as pip does when it installs a wheel: an editable
    install compiles on import, and where PYTHONDONTWRITEBYTECODE is set (this machine)
    it would compile every module again in every process (20 ms of a 90 ms start)."""
    import compileall

    import glossary

    compileall.compile_dir(str(Path(glossary.__file__).parent), quiet=1)


# --- TUI -----------------------------------------------------------------------------
def measure_tui(paths: dict[int, Path], results: Results) -> None:
    db = paths[max(paths)]
    log(f"TUI keystrokes on {max(paths):,} entries, {results.plan.tui_runs} runs")
    for _ in range(results.plan.tui_runs):
        results.tui_keys.append(tui.keystroke_latencies(db, TUI_QUERIES))
    results.tui_search_median = tui.search_thread_share(db, TUI_QUERIES)


# --- translation ---------------------------------------------------------------------
def measure_translation(work: Path, results: Results) -> None:
    """Plain Argos against translate_text, with our settings and Argos's, each in a process."""
    measured = results.translation
    if not translation.argos_installed():
        measured.note = (
            "not measured: argostranslate is not installed (the mt extra: "
            "`pip install -e '.[mt]'`)."
        )
        log(f"translation {measured.note}")
        return
    folder = work / "translation"
    folder.mkdir(exist_ok=True)
    env = translation.environment(folder)
    model = [str(results.plan.mt_model)] if results.plan.mt_model else []
    log("translation: installing the package, building and reviewing the seed glossary")
    try:
        measured.setup = worker("mt-setup", str(folder), *model, env=env)
        for name in translation.SETTING_NAMES:
            log(f"translation with {name} Argos settings, {results.plan.mt_runs} runs")
            answer = worker("mt", str(folder), name, str(results.plan.mt_runs), env=env)
            runs = measured.runs[name] = translation.SettingRuns.of(answer)
            log(
                f"  plain {statistics.median(runs.plain) * 1000:.0f} ms, enforced "
                f"{statistics.median(runs.enforced) * 1000:.0f} ms"
            )
    except RuntimeError as exc:  # an optional extra: report it, keep the rest of the run
        measured.note = f"failed: {' '.join(str(exc).split())[-600:]}"
        log(f"translation {measured.note}")


# --- profiles ------------------------------------------------------------------------
TUI_PARTS = {  # frame name prefix → what it is
    "MainScreen.search": "the search worker, on the event loop (awaits the thread)",
    "search_entries (tui/data.py)": "search thread: tui.data.search_entries",
    "lookup (glossary/lookup.py)": "  of which glossary.lookup.lookup",
    "ResultsTable.show": "filling the results table (add_row …)",
    "Screen._on_timer_update": "rendering the screen (compositor, DataTable lines)",
    "DataTable.render_line": "  of which DataTable lines",
    "Pilot.press": "pilot delivering the key",
}


def measure_profiles(work: Path, paths: dict[int, Path], results: Results) -> None:
    """py-spy profiles of the paths that miss their targets (a few seconds each)."""
    if profile.pyspy() is None:
        results.notes.append("py-spy is not installed: no profiles (`pip install py-spy`).")
        return
    size = sorted(results.plan.words)[-2] if len(results.plan.words) > 1 else results.plan.words[0]
    folder = work / f"corpus-{size}"
    db = work / "profile.db"
    remove_db(db)
    log(f"profiling the build of {size:,} words")
    stacks, out = profile.record(
        [sys.executable, "-m", "bench.worker", "build", str(folder), str(db)], ROOT
    )
    seconds = last_json(out)["seconds"]
    results.profiles.append(
        (
            (
                f"`glossary build` of {size:,} words (py-spy, {profile.SAMPLE_RATE} Hz; "
                "times are shares of the profiled run)"
            ),
            profile.render(stacks, "build (glossary/build.py)", depth=4, seconds=seconds),
        )
    )
    remove_db(db)
    count = max(paths)
    from glossary.store import Store

    store = Store(paths[count], create=False)
    drawn = lookups.draw_queries(store, 60)
    store.close()
    queries_file = work / "profile-queries.json"
    queries = [q for (kind, _), (qs, _) in drawn.items() for q in qs]
    queries_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    log(f"profiling lookups on {count:,} entries")
    stacks, out = profile.record(
        [
            sys.executable,
            "-m",
            "bench.worker",
            "lookups",
            str(paths[count]),
            str(queries_file),
            "3",
        ],
        ROOT,
    )
    seconds = last_json(out)["seconds"]
    results.profiles.append(
        (
            (
                f"lookup() on {count:,} entries, all query classes and languages "
                f"({len(queries) * 3} queries)"
            ),
            profile.render(stacks, "lookup (glossary/lookup.py)", depth=6, seconds=seconds),
        )
    )

    if not results.tui_keys:
        return
    log(f"profiling TUI keystrokes on {count:,} entries")
    tui_file = work / "profile-tui.json"
    tui_file.write_text(json.dumps(list(TUI_QUERIES), ensure_ascii=False), encoding="utf-8")
    stacks, out = profile.record(
        [sys.executable, "-m", "bench.worker", "tui", str(paths[count]), str(tui_file)], ROOT
    )
    shares = profile.inclusive(stacks, list(TUI_PARTS))
    results.profiles.append(
        (
            (
                f"the TUI typing the queries above on {count:,} entries: share of all samples "
                "(both threads, idle time excluded) whose stack holds each frame"
            ),
            [f"- {shares[name]:.0%} {label} (`{name}`)" for name, label in TUI_PARTS.items()],
        )
    )


# --- report --------------------------------------------------------------------------
def spread(values: Sequence[float]) -> Spread:
    return Spread.of(list(values))


def words_per_s(runs: Sequence[dict[str, Any]]) -> Spread:
    return spread([r["words"] / r["seconds"] for r in runs])


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def report(results: Results) -> str:
    plan = results.plan
    out: list[str] = []
    finished = results.finished or datetime.now(UTC)
    seconds = (finished - results.started).total_seconds()
    minutes = seconds / 60
    out.append("# Benchmarks\n")
    out.append(
        f"Written by `python bench/run.py{' --quick' if not plan.profile and max(plan.words) < 1_000_000 else ''}"
        f" --runs {plan.runs}` on {results.started:%Y-%m-%d %H:%M} UTC (took {minutes:.1f} "
        "min). Medians of several runs, with their range (min–max) in parentheses; the "
        "number of runs is given with each table. Inputs are built by the script "
        "(see *How the inputs are made*). Do not edit by hand: run the script again.\n"
    )
    out.append("## Machine\n")
    load = [
        (
            "other load",
            (
                f"{results.other_cpu:,.0f} CPU-seconds used by other processes during the run "
                f"({results.other_cpu / max(seconds, 1):.0%} of one core on average): shared "
                "machine, so expect noise of that order"
            ),
        )
    ]
    out.append(table(["", ""], [*machine(), *load]) + "\n")
    out.append("## Targets\n")
    out.append(table(["target (issue 8)", "measured", "verdict"], target_rows(results)) + "\n")
    out.append(mining_section(results))
    out.append(lookup_section(results))
    out.append(cold_section(results))
    out.append(tui_section(results))
    out.append(translation_section(results))
    if results.profiles:
        out.append("## Where the time goes\n")
        for title, lines in results.profiles:
            out.append(f"{title}:\n")
            out.append("\n".join(lines) + "\n")
    out.append(inputs_section(results))
    if results.notes:
        out.append("## Notes\n")
        out.append("\n".join(f"- {n}" for n in results.notes) + "\n")
    return "\n".join(out)


def _biggest(results: Results) -> int:
    return max(results.library)


def target_rows(results: Results) -> list[list[str]]:
    rows: list[list[str]] = []
    big = _biggest(results)
    cli_rate = words_per_s(results.cli[big]).median
    lib_rate = words_per_s(results.library[big]).median
    cpu_rate = spread([r["words"] / r["cpu"] for r in results.library[big]]).median
    rows.append(
        [
            f"mining ≥ {TARGET_WORDS_PER_S:,} words/s end to end",
            (
                f"{cli_rate:,.0f} words/s (`glossary build`, {big:,} words); "
                f"{lib_rate:,.0f} in-process, {cpu_rate:,.0f} per CPU-second"
                + (
                    ""
                    if cli_rate >= TARGET_WORDS_PER_S
                    else f" — {TARGET_WORDS_PER_S / cli_rate:.2f}× short"
                )
            ),
            verdict(cli_rate >= TARGET_WORDS_PER_S),
        ]
    )
    ratio = lib_rate / words_per_s(results.yake[big]).median
    cpu_ratio = cpu_rate / spread([r["words"] / r["cpu"] for r in results.yake[big]]).median
    rows.append(
        [
            f"mining ≥ {TARGET_YAKE_RATIO:g}× YAKE's throughput",
            (
                f"{ratio:.2f}× at {big:,} words ({cpu_ratio:.2f}× by CPU time; YAKE "
                f"{words_per_s(results.yake[big]).median:,.0f} words/s here)"
            ),
            verdict(ratio >= TARGET_YAKE_RATIO),
        ]
    )
    exponents = growth(results)
    if exponents:
        worst_t = max(e.time for e in exponents)
        worst_m = max(e.memory for e in exponents)
        rows.append(
            [
                "linear growth (time and memory)",
                (
                    f"time ∝ size^{worst_t:.2f}, peak memory above start ∝ size^{worst_m:.2f} "
                    "(worst step)"
                ),
                verdict(worst_t <= LINEAR_EXPONENT and worst_m <= LINEAR_EXPONENT),
            ]
        )
    if results.incremental:
        inc = spread([r["seconds"] for r in results.incremental]).median
        rows.append(
            [
                (
                    f"incremental rebuild of one document < {TARGET_INCREMENTAL_S:g} s "
                    f"({big:,}-word db)"
                ),
                (
                    f"{inc:.2f} s"
                    if inc < TARGET_INCREMENTAL_S
                    else f"{inc:.1f} s — {inc / TARGET_INCREMENTAL_S:.0f}× over"
                ),
                verdict(inc < TARGET_INCREMENTAL_S),
            ]
        )
    top = max(results.glossaries)
    for kinds, limit in (
        (("exact", "prefix"), TARGET_EXACT_P99_MS),
        (("fuzzy",), TARGET_FUZZY_P99_MS),
    ):
        worst = max(
            (p99(results.lookups[(top, k, lang)]), k, lang)
            for k in kinds
            for lang in lookups.LANGUAGES
        )
        rows.append(
            [
                f"lookup p99 < {limit:g} ms, {'/'.join(kinds)}, {top:,} entries",
                f"worst {worst[0]:.1f} ms ({worst[1]}, {worst[2]})"
                + (f" — {worst[0] / limit:.1f}× over" if worst[0] >= limit else ""),
                verdict(worst[0] < limit),
            ]
        )
    if results.cold:
        bare = statistics.median(results.cold["bare"])
        key = max(k for k in results.cold if k.startswith("lookup-"))
        cold = statistics.median(results.cold[key])
        rows.append(
            [
                f'cold `glossary lookup` ≤ {TARGET_COLD_RATIO:g}× `python -c "import sqlite3"`',
                f"{cold * 1000:.0f} ms vs {bare * 1000:.0f} ms: {cold / bare:.1f}×",
                verdict(cold / bare <= TARGET_COLD_RATIO),
            ]
        )
    if results.tui_keys:
        updated = statistics.median(tui_medians(results, "updated"))
        painted = statistics.median(tui_medians(results, "painted"))
        rows.append(
            [
                (
                    f"TUI keystroke to results < {TARGET_TUI_MEDIAN_MS:g} ms median, "
                    f"{max(results.glossaries):,} entries"
                ),
                (
                    f"{updated * 1000:.0f} ms to the table updated; {painted * 1000:.0f} ms to the "
                    "screen repainted"
                ),
                verdict(updated * 1000 < TARGET_TUI_MEDIAN_MS)
                + ("" if painted * 1000 < TARGET_TUI_MEDIAN_MS else " (repaint: missed)"),
            ]
        )
    rows.append(enforcement_row(results))
    return rows


def enforcement_row(results: Results) -> list[str]:
    target = f"enforcement overhead < {TARGET_ENFORCEMENT_OVERHEAD:.0%} of plain Argos"
    measured = getattr(results, "translation", None) or translation.Measured()
    ours = measured.runs.get("ours")
    if ours is None:
        return [target, measured.note or "not measured", "—"]
    ratio = ours.overhead().median
    model = "tiny copy model: overstated, see *Translation*" if measured.setup["tiny"] else "model"
    return [
        target,
        (
            f"{ratio:+.0%}: {statistics.median(ours.enforced) * 1000:,.0f} ms enforced vs "
            f"{statistics.median(ours.plain) * 1000:,.0f} ms plain for "
            f"{measured.setup['sentences']} sentences, our settings ({model})"
        ),
        verdict(ratio < TARGET_ENFORCEMENT_OVERHEAD),
    ]


@dataclass(frozen=True, slots=True)
class Step:
    sizes: str
    time: float  # exponent b of seconds ∝ words^b
    memory: float  # the same for peak memory above the start of the build
    marginal: float  # µs per added word between the two sizes
    marginal_bytes: float  # bytes of peak memory per added word


def growth(results: Results) -> list[Step]:
    """Growth between consecutive corpus sizes."""
    sizes = sorted(results.library)
    steps = []
    for a, b in itertools.pairwise(sizes):
        ta = spread([r["seconds"] for r in results.library[a]]).median
        tb = spread([r["seconds"] for r in results.library[b]]).median
        ma = spread([r["rss_peak"] - r["rss_before"] for r in results.library[a]]).median
        mb = spread([r["rss_peak"] - r["rss_before"] for r in results.library[b]]).median
        wa = results.library[a][0]["words"]
        wb = results.library[b][0]["words"]
        steps.append(
            Step(
                f"{a:,} → {b:,}",
                growth_exponent(wa, ta, wb, tb),
                growth_exponent(wa, ma, wb, mb),
                (tb - ta) / (wb - wa) * 1e6,
                (mb - ma) / (wb - wa),
            )
        )
    return steps


def mining_section(results: Results) -> str:
    plan = results.plan
    lines = ["## Mining throughput\n"]
    lines.append(
        "`glossary build` end to end: reading, cleaning, mining and writing the db in one "
        "transaction. *In-process*: `glossary.build.build` timed inside a fresh worker "
        "process (imports excluded); *process*: the `glossary build` command's wall time, "
        "start-up included, its runs taking turns with the in-process and YAKE ones. "
        "Peak memory: the `glossary build` "
        "process's peak resident set (`ru_maxrss`); the processes a large build forks (halves "
        "of its stages, and the n-gram counting) are shown apart, as the largest of them. "
        "CPU time counts them all. YAKE: "
        '`yake.KeywordExtractor(lan="ar", n=3, top=20)` (defaults otherwise, its '
        "Arabic stopwords) on each document of the same corpus, reading included. "
        f"Runs: {plan.runs} ({plan.big_runs} at {max(plan.words):,} words).\n"
    )
    rows = []
    for words in sorted(results.library):
        lib = results.library[words]
        yk = results.yake[words]
        cli = results.cli[words]
        ours = words_per_s(lib)
        peer = words_per_s(yk)
        rows.append(
            [
                f"{lib[0]['words']:,} ({results.corpora[words].documents} docs)",
                spread([r["seconds"] for r in lib]).fmt(2),
                ours.fmt(0),
                spread([r["seconds"] for r in cli]).fmt(2),
                f"{mib(statistics.median(r['rss_peak'] for r in cli)):,.0f}",
                spread([r["seconds"] for r in yk]).fmt(2),
                peer.fmt(0),
                f"{mib(statistics.median(r['rss_peak'] for r in yk)):,.0f}",
                f"{ours.median / peer.median:.2f}×",
            ]
        )
    lines.append(
        table(
            [
                "corpus words",
                "ours in-process s",
                "ours words/s",
                "ours as a process s",
                "process peak MiB",
                "YAKE s",
                "YAKE words/s",
                "YAKE peak MiB",
                "ours/YAKE",
            ],
            rows,
        )
        + "\n"
    )
    lines.append("### Growth with corpus size\n")
    rows = []
    for words in sorted(results.library):
        lib = results.library[words]
        n = lib[0]["words"]
        rows.append(
            [
                f"{n:,}",
                spread([r["seconds"] / n * 1e6 for r in lib]).fmt(1),
                spread([r["cpu"] / n * 1e6 for r in lib]).fmt(1),
                spread([mib(r["rss_peak"]) for r in lib]).fmt(0),
                spread([mib(r.get("rss_child_peak", 0)) for r in lib]).fmt(0),
                spread([mib(r["rss_peak"] - r["rss_before"]) for r in lib]).fmt(0),
                spread([(r["rss_peak"] - r["rss_before"]) / n for r in lib]).fmt(0),
                f"{lib[0]['entries']:,} + {lib[0]['candidates']:,}",
            ]
        )
    lines.append(
        table(
            [
                "words",
                "µs per word",
                "CPU µs per word (all processes)",
                "peak MiB",
                "largest forked process peak MiB",
                "MiB above start of build",
                "bytes per word",
                "entries + candidates",
            ],
            rows,
        )
        + "\n"
    )
    steps = growth(results)
    if steps:
        lines.append(
            "Between sizes: growth exponent b (cost ∝ size^b; 1 is linear, below 1 the fixed "
            "start-up costs — lexicon, word frequencies — still weigh; "
            f"≤ {LINEAR_EXPONENT} counted as linear), and the marginal cost of the added words.\n"
        )
        lines.append(
            table(
                ["step", "time b", "memory b", "µs per added word", "bytes per added word"],
                [
                    [
                        s.sizes,
                        f"{s.time:.2f}",
                        f"{s.memory:.2f}",
                        f"{s.marginal:.1f}",
                        f"{s.marginal_bytes:,.0f}",
                    ]
                    for s in steps
                ],
            )
            + "\n"
        )
    if results.incremental:
        inc = results.incremental
        big = _biggest(results)
        lines.append("### Incremental rebuild\n")
        lines.append(
            f"One new document ({results.incremental_words:,} words) added to the "
            f"{big:,}-word corpus, then `build` on the db already holding the rest (the other "
            f"{results.corpora[big].documents} documents are unchanged and not read again); "
            f"{len(inc)} runs, each from a copy of the same db. "
            f"{'Only the new document was mined' if all(r.get('incremental') for r in inc) else 'The whole corpus was mined'}"
            " (`glossary.increment`: a build that only adds documents to a corpus of "
            "100,000 words or more mines them alone and adds their entries).\n"
        )
        check = results.incremental_check
        if check:
            lines.append(
                f"Against a full mining of the same corpus (`build --full` on a copy, "
                f"{check['full_seconds']:.1f} s): {check['common']:,} glossary entries in "
                f"common of {check['entries']:,} (incremental) and {check['entries_full']:,} "
                f"(full); kind or preferred French differ for {check['kind_or_french_differ']}, "
                f"the occurrence count for {check['frequency_differ']} (by "
                f"{check['frequency_off']:,} occurrences in all).\n"
            )
        lines.append(
            table(
                ["words in corpus after", "seconds", "peak MiB"],
                [
                    [
                        f"{inc[0]['words']:,}",
                        spread([r["seconds"] for r in inc]).fmt(2),
                        spread([mib(r["rss_peak"]) for r in inc]).fmt(0),
                    ]
                ],
            )
            + "\n"
        )
    return "\n".join(lines)


def p99(timing: lookups.QueryTiming) -> float:
    return percentile(timing.latencies.pooled, 99) * 1000


def lookup_section(results: Results) -> str:
    plan = results.plan
    lines = ["## Lookup\n"]
    lines.append(
        "`glossary.lookup.lookup(store, query)` in-process (limit 10, as `glossary lookup`), "
        f"on synthetic glossaries; {plan.queries} queries per class and language, each run "
        f"{plan.runs} times after a warm-up pass. p50/p99 over all runs pooled; in "
        "parentheses the range of the per-run p99. *found*: share of queries whose hits "
        "include the entry the query was drawn from; *fuzzy ran*: share on which lookup "
        "went on to its last tier (close spellings), which it does whenever the earlier "
        "tiers found fewer than 10 entries. Times in ms.\n"
    )
    rows = []
    for (count, kind, language), timing in sorted(
        results.lookups.items(),
        key=lambda kv: (kv[0][0], lookups.CLASSES.index(kv[0][1]), kv[0][2]),
    ):
        per_run = [percentile(run, 99) * 1000 for run in timing.latencies.runs]
        rows.append(
            [
                f"{count:,}",
                kind,
                language,
                f"{percentile(timing.latencies.pooled, 50) * 1000:.2f}",
                f"{p99(timing):.2f} ({min(per_run):.2f}–{max(per_run):.2f})",
                f"{timing.found:.0%}",
                f"{timing.fuzzy_ran:.0%}",
            ]
        )
    lines.append(
        table(["entries", "query", "lang", "p50", "p99", "found", "fuzzy ran"], rows) + "\n"
    )
    tiers = {k: v for k, v in results.tiers.items() if v}
    if tiers:
        names = list(next(iter(tiers.values())))
        lines.append(
            f"Each tier alone at {max(results.glossaries):,} entries (median ms over up to 40 "
            "queries; lookup runs the tiers in this order and stops once it holds 10 hits; "
            "*hits* fetches the rows of every entry found):\n"
        )
        lines.append(
            table(
                ["query", "lang", *names],
                [
                    [kind, language, *(f"{v[n]:.2f}" for n in names)]
                    for (kind, language), v in tiers.items()
                ],
            )
            + "\n"
        )
    return "\n".join(lines)


def cold_section(results: Results) -> str:
    if not results.cold:
        return ""
    lines = ["## Cold `glossary lookup`\n"]
    bare = statistics.median(results.cold["bare"])
    lines.append(
        f"Wall time of a whole process, {results.plan.cold_runs} runs each, interleaved, "
        "after one warm-up of each (the files are in the page cache; the process is new), "
        "with the package's bytecode written first, as pip writes it when it installs a wheel "
        "(this machine sets PYTHONDONTWRITEBYTECODE, so an editable install would otherwise "
        "compile every module in every process). An exact Arabic query.\n"
    )
    labels = {
        "bare": '`python -c "import sqlite3"`',
        "imports": '`python -c "import glossary.cli"` (imports only)',
    }
    rows = []
    for name, values in results.cold.items():
        label = labels.get(name) or f"`glossary lookup` on {int(name.split('-')[1]):,} entries"
        s = spread(values)
        rows.append([label, s.fmt(0, 1000), f"{s.median / bare:.1f}×"])
    lines.append(table(["process", "ms", "vs bare"], rows) + "\n")
    if results.imports:
        total, parts = results.imports
        lines.append(
            f'`python -X importtime -c "import glossary.cli"`: {total:.0f} ms importing in '
            "all, of which "
            + ", ".join(
                f"`{k}` {v:.0f} ms" for k, v in sorted(parts.items(), key=lambda kv: -kv[1])
            )
            + " (cumulative, so nested: numpy is imported by sqlite_utils when it is "
            "installed, and it is in this venv as a dependency of yake).\n"
        )
    return "\n".join(lines)


def tui_medians(results: Results, what: str) -> list[float]:
    return [statistics.median(getattr(k, what) for k in run) for run in results.tui_keys]


def tui_section(results: Results) -> str:
    if not results.tui_keys:
        return ""
    keys = [k for run in results.tui_keys for k in run]
    lines = ["## TUI\n"]
    lines.append(
        f"`tui.app.GlossaryApp` on the {max(results.glossaries):,}-entry db, headless, "
        f"driven by Textual's pilot at {tui.SIZE[0]}×{tui.SIZE[1]}. Queries typed key by key "
        f"({len(results.tui_keys[0])} keys per run, {len(results.tui_keys)} runs): "
        + ", ".join(f"`{q}`" for q in TUI_QUERIES)
        + ". *Updated*: from `pilot.press` to `ResultsTable.show` returning with that key's "
        "rows; *repainted*: to the end of the next screen update rendered after it "
        "(headless, so nothing is written to a terminal). Each key waits for its "
        "results. Median and p90 over all keys; in parentheses the range of per-run "
        "medians. ms.\n"
    )
    rows = []
    for what, label in (("updated", "table updated"), ("painted", "screen repainted")):
        values = [getattr(k, what) for k in keys]
        per_run = tui_medians(results, what)
        rows.append(
            [
                label,
                (
                    f"{statistics.median(values) * 1000:.0f} "
                    f"({min(per_run) * 1000:.0f}–{max(per_run) * 1000:.0f})"
                ),
                f"{percentile(values, 90) * 1000:.0f}",
                f"{max(values) * 1000:.0f}",
            ]
        )
    lines.append(table(["keystroke to", "median", "p90", "max"], rows) + "\n")
    lines.append(
        f"Of this, `tui.data.search_entries` alone (the search thread's work: lookup with "
        f"limit 50) takes {results.tui_search_median * 1000:.0f} ms median over the same "
        "prefixes, in-process.\n"
    )
    return "\n".join(lines)


SETTING_LABELS = {"ours": "ours (glossary.translate.SETTINGS)", "defaults": "Argos defaults"}


def argos_settings(values: dict[str, int]) -> str:
    return (
        f"intra threads {values['intra_threads']}, inter threads {values['inter_threads']}, "
        f"batch {values['batch_size']:,} tokens, beam {values['beam_size']}"
    )


def percent(ratio: Spread) -> str:
    """A spread of ratios as signed percentages: '+12% (+8% to +15%)'."""
    if ratio.runs == 0:
        return "—"
    median = f"{ratio.median:+.0%}"
    return median if ratio.runs == 1 else f"{median} ({ratio.low:+.0%} to {ratio.high:+.0%})"


def translation_section(results: Results) -> str:
    measured = getattr(results, "translation", None) or translation.Measured()
    lines = ["## Translation\n"]
    if not measured.runs:
        lines.append(f"{measured.note or 'not measured'}\n")
        return "\n".join(lines)
    made = measured.setup
    runs = next(iter(measured.runs.values()))
    model = (
        f"`{made['package']}`, the tiny real Argos package the tests build "
        "(tests/mt_fixtures.py: a SentencePiece model of 160 pieces and a 1-layer "
        "CTranslate2 Transformer whose weights copy the source)"
        if made["tiny"]
        else f"`{made['package']}` (`--mt-model`)"
    )
    named = ", ".join(f"{ar}" for ar in translation.NAMED_TERMS)
    lines.append(
        f"Model: {model}, installed with `glossary.models.install_file` into a private "
        f"`ARGOS_PACKAGES_DIR` (and HOME). Glossary: the seed corpus built with "
        f"`glossary.build.build`, then {len(made['approved'])} entries approved with "
        f"`glossary.review.set_status` ({named} and the most frequent entries with French); "
        "the other entries stay proposed, so they are found and reported but not enforced. "
        f"Text: {made['sentences']} sentences of the seed corpus ({made['words']:,} words) "
        f"naming glossary entries, {made['with_approved']} of them an approved one, in "
        f"{made['paragraphs']} paragraphs of up to {translation.PARAGRAPH} sentences"
        + (
            f"; sentences the tiny model copies faithfully (at most {made['max_pieces']} pieces)"
            if made["tiny"]
            else ""
        )
        + ". Argos reads its settings once, when imported, so each setting ran in its own "
        f"worker process; {len(runs.plain)} runs each after one warm-up of every call. Times "
        "in ms for the whole text, median (range).\n"
    )
    lines.append(
        "- *plain*: `glossary.translate.Translator.__call__(text)`: Argos on the whole text "
        "(paragraphs, the package's sentence splitter, SentencePiece, CTranslate2, "
        "detokenizing), uncached.\n"
        "- *enforced*: `glossary.translate.translate_text(store, text, translator=…)` with "
        "the same translator object: `find_terms` (one batched query of the text's n-grams, then an exact lookup per match, "
        "included), masking, translating the masked text, restoring and checking every "
        "term, and retrying any paragraph that lost a placeholder.\n"
        "- *overhead*: enforced / plain − 1 per run, the two timed back to back in "
        "alternating order; median and range over the runs.\n"
        "- *find_terms* and *masked text*: parts of *enforced* timed apart: "
        "`glossary.enforce.find_terms` alone, and the translation of the masked text alone "
        "(placeholders change the number of pieces to translate).\n"
    )
    rows = []
    count = made["sentences"]
    for name, r in measured.runs.items():
        rows.append(
            [
                SETTING_LABELS.get(name, name),
                argos_settings(r.settings),
                spread(r.plain).fmt(0, 1000),
                spread(r.enforced).fmt(0, 1000),
                percent(r.overhead()),
                spread(r.find).fmt(0, 1000),
                spread(r.masked).fmt(0, 1000),
                translation.rate(count, r.plain).fmt(1),
                translation.rate(count, r.enforced).fmt(1),
                f"{r.first:.1f}",
            ]
        )
    lines.append(
        table(
            [
                "settings",
                "in effect (argostranslate.settings)",
                "plain ms",
                "enforced ms",
                "overhead",
                "find_terms ms",
                "masked text ms",
                "plain sentences/s",
                "enforced sentences/s",
                "import + load + first text s",
            ],
            rows,
        )
        + "\n"
    )
    ours, defaults = measured.runs.get("ours"), measured.runs.get("defaults")
    if ours and defaults:
        lines.append(
            f"Our settings against Argos's defaults: {translation.speedup(ours, defaults):.1f}× "
            f"the sentences per second in plain translation "
            f"({translation.rate(count, ours.plain).median:.1f} against "
            f"{translation.rate(count, defaults.plain).median:.1f}); "
            f"{translation.speedup_enforced(ours, defaults):.1f}× with the glossary enforced. "
            f"CPU time of a plain run: {statistics.median(ours.cpu_plain) * 1000:,.0f} ms "
            f"with ours, {statistics.median(defaults.cpu_plain) * 1000:,.0f} ms with the "
            "defaults (where intra threads 0 lets CTranslate2 choose its thread count). "
            "*import + load + first text*: from the worker's first Argos import to the first "
            "plain translation returned, once per process (what a `glossary translate` "
            "command pays on top of the text).\n"
        )
    if ours:
        statuses = ", ".join(f"{n} {status}" for status, n in sorted(ours.statuses.items()))
        cost = translation.added(ours.plain, ours.enforced).median
        lines.append(
            f"Terms in an enforced run: {ours.masked_mentions} mentions masked; per entry "
            f"found: {statuses} (*unenforced*: proposed entries, reported only). The plain "
            f"translation {'is' if ours.plain_is_copy else 'is **not**'} an exact copy of "
            f"the text. Enforcement adds {cost / count * 1000:.1f} ms per sentence "
            f"({cost / made['words'] * 1000:.2f} ms per word; median of the per-run "
            "differences enforced − plain) with our settings; "
            f"find_terms alone {statistics.median(ours.find) / count * 1000:.1f} ms per "
            "sentence.\n"
        )
    if made["tiny"]:
        lines.append(
            "What the tiny model does and does not tell: it does far less work per sentence "
            "than a real translation model (one layer, 160 pieces), while what enforcement "
            "adds (finding the terms in the db, masking, restoring, checking) does not depend "
            "on the model. The overhead ratio measured here is therefore much larger than a "
            "real model's would be; the absolute cost per sentence above is what carries "
            "over. A real model may also lose a placeholder, which costs a second "
            "translation of that paragraph; the copy model never does. The settings "
            "comparison, likewise, is of this model: beam size and batching weigh "
            "differently on a real one. `bench/run.py --mt-model FILE.argosmodel` measures "
            "with a real package.\n"
        )
    return "\n".join(lines)


def inputs_section(results: Results) -> str:
    sentences = corpus.seed_sentences()
    lines = ["## How the inputs are made\n"]
    lines.append(
        f"- Corpora (bench/corpus.py): the {len(sentences)} clean sentences of the "
        f"{len(list(corpus.SEEDS.glob('*.txt')))} seed articles "
        f"({sum(len(s.split()) for s in sentences):,} words), drawn by a seeded generator "
        "into paragraphs of 2–5 sentences and documents of about "
        f"{corpus.DOCUMENT_WORDS:,} words (600–1,400). Their vocabulary is the seed "
        "corpus's, so the number of distinct terms stops growing early; a real corpus of "
        "1M words has far more distinct terms, entries and candidates, and would cost more "
        "in the stages that scale with them (ranking, French, writing)."
    )
    lines.append(
        "- Glossaries (bench/dbs.py): rows of the shipped lexicon, then noun + adjective, "
        "construct + adjective and lexicon name + qualifier combinations from "
        "glossary/data/words.csv, with their French; per entry about 1.5 forms "
        "(clitic and article variants), 0.8 French equivalents and 2.3 occurrences in "
        "sentences of the seed corpus, 62% in the glossary; written with "
        "`Store.replace_mined`. Writing took "
        + ", ".join(f"{s:.0f} s for {n:,}" for n, (_m, s) in sorted(results.glossaries.items()))
        + " entries."
    )
    lines.append(
        "- Lookup queries (bench/lookups.py): entries' Arabic and French as stored "
        "(exact), cut inside the last word (prefix), with one letter dropped or two "
        "swapped (fuzzy)."
    )
    return "\n".join(lines) + "\n"


# --- main ----------------------------------------------------------------------------
def parse(argv: Sequence[str]) -> tuple[Plan, Path, bool]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, about 2 minutes")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy profiles")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--mt-model",
        type=Path,
        default=None,
        help="translate with this .argosmodel (default: the tests' tiny model, built here)",
    )
    parser.add_argument(
        "--render", type=Path, help="only write the report from a kept results.pickle"
    )
    args = parser.parse_args(argv)
    if args.render:
        results = pickle.loads(args.render.read_bytes())
        args.output.write_text(report(results), encoding="utf-8")
        log(f"wrote {args.output} from {args.render}")
        raise SystemExit(0)
    if args.quick:
        runs = args.runs or 2
        plan = Plan((10_000, 100_000), (1_000, 10_000), runs, 1, 40, 5, 1, False, 5, args.mt_model)
    else:
        runs = args.runs or 3
        plan = Plan(
            (10_000, 100_000, 1_000_000),
            (1_000, 10_000, 100_000),
            runs,
            max(1, runs - 1),
            100,
            10,
            2,
            not args.no_profile,
            10,
            args.mt_model,
        )
    if args.mt_model and not args.mt_model.is_file():
        parser.error(f"--mt-model {args.mt_model}: no such file")
    if runs < 1:
        parser.error("--runs must be at least 1")
    return plan, args.output, args.keep


def main(argv: Sequence[str] | None = None) -> int:
    plan, output, keep = parse(sys.argv[1:] if argv is None else argv)
    try:
        import yake  # noqa: F401

        import glossary.build  # noqa: F401
    except ImportError as exc:
        raise SystemExit(f"{exc}: run with the project's venv, `pip install -e '.[bench]'`")
    results = Results(datetime.now(UTC), plan)
    work = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    busy, own = busy_cpu_seconds(), own_cpu_seconds()
    try:
        compile_package()  # before any `glossary` process is timed
        measure_mining(work, results)
        paths = measure_lookup(work, results)
        measure_cold(work, paths, results)
        measure_tui(paths, results)
        measure_translation(work, results)
        if plan.profile:
            measure_profiles(work, paths, results)
        results.finished = datetime.now(UTC)
        results.other_cpu = max(0.0, (busy_cpu_seconds() - busy) - (own_cpu_seconds() - own))
        # Kept beside the inputs: a report can be rendered again without measuring again.
        (work / "results.pickle").write_bytes(pickle.dumps(results))
        text = report(results)
    except BaseException:
        log(f"failed; inputs and any results kept in {work}")
        raise
    if keep:
        log(f"inputs and results.pickle kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    output.write_text(text, encoding="utf-8")
    log(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
