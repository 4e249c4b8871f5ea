"""One measurement in a fresh process, so each has its own peak memory (ru_maxrss).

    python -m bench.worker build CORPUS DB     # glossary.build.build, timed in-process
    python -m bench.worker yake CORPUS         # YAKE per document, the peer
    python -m bench.worker lookups DB QUERIES  # lookup() over a JSON list (for profiling)
    python -m bench.worker tui DB QUERIES      # type the queries into the TUI (profiling)
    python -m bench.worker mt-setup WORK [MODEL]  # package, glossary, text (bench/translation.py)
    python -m bench.worker mt WORK SETTING RUNS   # plain vs enforced Argos, one setting

Prints one JSON object: seconds (wall) and cpu (process CPU seconds) of the measured
call only, imports excluded; words; peak resident memory before and after, in bytes.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def peak_rss() -> int:
    """Peak resident set size of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _children_cpu() -> float:
    """CPU seconds of this process's ended children (the build's forked halves)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_build(corpus: Path, db: Path) -> dict[str, Any]:
    from glossary.build import build
    from glossary.store import Store

    store = Store(db)
    before = peak_rss()
    cpu = time.process_time()
    forked = _children_cpu()
    started = time.perf_counter()
    report = build([corpus], store)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    forked = _children_cpu() - forked
    store.close()
    return {
        "seconds": seconds,
        "cpu": cpu + forked,  # this process and the processes the build forked
        "cpu_forked": forked,
        "rss_child_peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
        "words": report.words,
        "documents_read": report.documents_read,
        "incremental": report.incremental,
        "entries": report.entries,
        "candidates": report.candidates,
        "rss_before": before,
        "rss_peak": peak_rss(),
    }


def run_compare_full(corpus: Path, db: Path) -> dict[str, Any]:
    """Mine the corpus of `db` (built incrementally) whole, in a copy, and compare."""
    import shutil

    from glossary.build import build
    from glossary.store import Store

    whole = db.with_name(db.name + ".full")
    shutil.copy(db, whole)
    started = time.perf_counter()
    build([corpus], Store(whole), full=True)
    seconds = time.perf_counter() - started
    sql = (
        "SELECT e.key, e.kind, e.frequency, coalesce(q.fr, '') FROM entries e LEFT JOIN "
        "equivalents q ON q.entry_id = e.id AND q.preferred = 1 WHERE e.in_glossary = 1"
    )
    added = {r[0]: r[1:] for r in Store(db).rows(sql)}
    full = {r[0]: r[1:] for r in Store(whole).rows(sql)}
    common = added.keys() & full.keys()
    whole.unlink()
    return {
        "entries": len(added),
        "entries_full": len(full),
        "common": len(common),
        "kind_or_french_differ": sum(added[k][0::2] != full[k][0::2] for k in common),
        "frequency_differ": sum(added[k][1] != full[k][1] for k in common),
        "frequency_off": sum(abs(added[k][1] - full[k][1]) for k in common),
        "full_seconds": seconds,
    }


def run_yake(corpus: Path) -> dict[str, Any]:
    import yake

    extractor = yake.KeywordExtractor(lan="ar", n=3, top=20)
    files = sorted(corpus.glob("*.txt"))
    before = peak_rss()
    cpu = time.process_time()
    started = time.perf_counter()
    words = 0
    keywords = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        keywords += len(extractor.extract_keywords(text))
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
        "words": words,
        "documents_read": len(files),
        "keywords": keywords,
        "rss_before": before,
        "rss_peak": peak_rss(),
    }


def run_lookups(db: Path, queries_file: Path, repeat: int) -> dict[str, Any]:
    from glossary.lookup import lookup
    from glossary.store import Store

    queries = json.loads(queries_file.read_text(encoding="utf-8"))
    store = Store(db, create=False)
    started = time.perf_counter()
    for _ in range(repeat):
        for query in queries:
            lookup(store, query)
    seconds = time.perf_counter() - started
    store.close()
    return {"seconds": seconds, "queries": len(queries) * repeat}


def run_tui(db: Path, queries_file: Path) -> dict[str, Any]:
    from bench.tui import keystroke_latencies

    queries = json.loads(queries_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    keys = keystroke_latencies(db, queries)
    return {"seconds": time.perf_counter() - started, "keys": len(keys)}


def main(argv: list[str]) -> int:
    command, *args = argv
    if command == "build":
        result = run_build(Path(args[0]), Path(args[1]))
    elif command == "compare-full":
        result = run_compare_full(Path(args[0]), Path(args[1]))
    elif command == "yake":
        result = run_yake(Path(args[0]))
    elif command == "tui":
        result = run_tui(Path(args[0]), Path(args[1]))
    elif command == "mt-setup":
        from bench.translation import run_setup

        result = run_setup(Path(args[0]), Path(args[1]) if len(args) > 1 else None)
    elif command == "mt":
        from bench.translation import run_measure

        result = run_measure(Path(args[0]), args[1], int(args[2]))
    elif command == "lookups":
        result = run_lookups(Path(args[0]), Path(args[1]), int(args[2]) if len(args) > 2 else 1)
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
