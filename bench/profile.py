"""Where the time goes: py-spy samples of a worker process, and Python's import times.

py-spy (not a project dependency: `pip install py-spy`) samples a process from outside,
so the profiled code runs at nearly full speed. Samples are read as collapsed stacks
(one line per distinct stack: frames separated by ';', then a count) and summarised as
a tree of inclusive shares under a root function.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_RATE = 200  # per second


def pyspy() -> str | None:
    """The py-spy executable beside this Python, or on PATH; None if absent."""
    beside = Path(sys.executable).parent / "py-spy"
    if beside.exists():
        return str(beside)
    return shutil.which("py-spy")


def record(command: Sequence[str], cwd: Path) -> tuple[Counter[tuple[str, ...]], str]:
    """Run `command` under py-spy; (samples per stack, the command's stdout)."""
    spy = pyspy()
    if spy is None:
        raise RuntimeError("py-spy is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "stacks.txt"
        done = subprocess.run(
            [spy, "record", "--nolineno", "-r", str(SAMPLE_RATE), "-f", "raw", "-o", str(raw)]
            + ["--", *command],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        stacks: Counter[tuple[str, ...]] = Counter()
        for line in raw.read_text(encoding="utf-8").splitlines():
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                stacks[tuple(_short(f) for f in stack.split(";"))] += int(count)
    return stacks, done.stdout


def _short(frame: str) -> str:
    """'Miner.mine (/work/main/glossary/mining.py)' → 'Miner.mine (glossary/mining.py)'."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    for marker in ("site-packages/", "lib/python3."):
        if marker in where:
            where = where.split(marker, 1)[1]
            if marker.startswith("lib/"):
                where = where.split("/", 1)[-1]
    for package in ("glossary/", "tui/", "bench/"):
        if f"/{package}" in where:
            where = package + where.split(f"/{package}", 1)[1]
    return f"{name} ({where})" if where else name


@dataclass
class Node:
    samples: int = 0
    children: dict[str, Node] = field(default_factory=dict)


def tree(stacks: Counter[tuple[str, ...]], root: str) -> tuple[Node, int]:
    """The call tree below the outermost frame whose name starts with `root`."""
    top = Node()
    total = 0
    for stack, count in stacks.items():
        total += count
        start = next((i for i, f in enumerate(stack) if f.startswith(root)), None)
        if start is None:
            continue
        top.samples += count
        node = top
        for frame in stack[start + 1 :]:
            node = node.children.setdefault(frame, Node())
            node.samples += count
    return top, total


def render(
    stacks: Counter[tuple[str, ...]],
    root: str,
    depth: int = 4,
    min_share: float = 0.03,
    seconds: float | None = None,
) -> list[str]:
    """Markdown list lines: share of the root's time (and seconds) of each heavy call."""
    top, _total = tree(stacks, root)
    if not top.samples:
        return [f"- (no samples under {root})"]
    lines = [f"- 100% `{root}`" + (f" — {seconds:.2f} s" if seconds is not None else "")]

    def walk(node: Node, level: int) -> None:
        if level > depth:
            return
        for name, child in sorted(node.children.items(), key=lambda kv: -kv[1].samples):
            share = child.samples / top.samples
            if share < min_share:
                continue
            extra = f" — {share * seconds:.2f} s" if seconds is not None else ""
            lines.append("  " * level + f"- {share:.0%} `{name}`{extra}")
            walk(child, level + 1)

    walk(top, 1)
    return lines


def inclusive(stacks: Counter[tuple[str, ...]], names: Sequence[str]) -> dict[str, float]:
    """Share of all samples whose stack holds a frame starting with each name."""
    total = sum(stacks.values()) or 1
    shares = {}
    for name in names:
        hits = sum(c for s, c in stacks.items() if any(f.startswith(name) for f in s))
        shares[name] = hits / total
    return shares


def import_times(
    command: Sequence[str], cwd: Path, names: Sequence[str]
) -> tuple[float, dict[str, float]]:
    """Milliseconds importing in `command` (a Python process), from `python -X importtime`:
    the total of its top-level imports, and the cumulative time of each package named
    (its modules counted once each, where a module outside the package imported them)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    rows: list[tuple[int, str, float]] = []  # (depth, module, cumulative ms), children first
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        _, cumulative, name = line.split("|")
        try:
            ms = int(cumulative.strip()) / 1000
        except ValueError:
            continue
        rows.append((len(name) - len(name.lstrip()), name.strip(), ms))
    total = sum(ms for depth, _, ms in rows if depth == 1)

    def inside(module: str, package: str) -> bool:
        return module == package or module.startswith(package + ".")

    found: dict[str, float] = {}
    for i, (depth, module, ms) in enumerate(rows):
        parent = next((r[1] for r in rows[i + 1 :] if r[0] < depth), "")
        for package in names:
            if inside(module, package) and not inside(parent, package):
                found[package] = found.get(package, 0.0) + ms
    return total, found
