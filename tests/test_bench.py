"""The benchmark's corpus generator: deterministic, the size asked, nothing lost to cleaning.

No timings here: those belong to bench/run.py and BENCHMARKS.md.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench import run, translation
from bench.corpus import DOCUMENT_WORDS, seed_sentences, write_corpus
from bench.translation import Measured, SettingRuns, added, environment, overhead
from glossary.text import repeated_lines, split_sentences


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_size_and_seed_give_the_same_files(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 5_000)
    second = write_corpus(tmp_path / "b", 5_000)
    assert _files(first.folder) == _files(second.folder)
    assert _files(first.folder) != _files(write_corpus(tmp_path / "c", 5_000, seed=9).folder)


def test_corpus_has_the_words_asked_in_several_documents(tmp_path: Path) -> None:
    made = write_corpus(tmp_path / "corpus", 5_000)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in made.folder.iterdir())
    assert words == made.words
    assert 5_000 <= made.words < 5_000 + DOCUMENT_WORDS
    assert made.documents >= 3


def test_every_word_survives_the_tools_cleaning(tmp_path: Path) -> None:
    """Recombined sentences must not be taken for page furniture repeated across pages."""
    made = write_corpus(tmp_path / "corpus", 5_000)
    texts = [p.read_text(encoding="utf-8") for p in sorted(made.folder.iterdir())]
    repeated = repeated_lines(texts)
    kept = sum(len(s.text.split()) for t in texts for s in split_sentences(t, repeated))
    assert kept == made.words


def test_sentences_come_from_the_seed_corpus() -> None:
    sentences = seed_sentences()
    assert len(sentences) > 50
    assert len(set(sentences)) == len(sentences)


# --- translation (bench/translation.py): the arithmetic and the report, no Argos needed ---


def _setting_runs(name: str, plain: list[float], enforced: list[float]) -> SettingRuns:
    return SettingRuns(
        name,
        {"intra_threads": 1, "inter_threads": 1, "batch_size": 2048, "beam_size": 2},
        2.0,
        plain,
        enforced,
        [0.01] * len(plain),
        plain,
        plain,
        {"enforced": 3, "unenforced": 2},
        5,
        True,
    )


def test_overhead_pairs_the_runs() -> None:
    spread = overhead([1.0, 2.0, 1.0], [1.1, 2.0, 1.5])
    assert spread.runs == 3
    assert spread.median == pytest.approx(0.1)
    assert (spread.low, spread.high) == pytest.approx((0.0, 0.5))
    with pytest.raises(ValueError):
        overhead([1.0], [1.0, 2.0])
    assert added([1.0, 2.0, 1.0], [1.1, 2.0, 1.5]).median == pytest.approx(0.1)


def test_workers_get_a_private_home_and_no_argos_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_BEAM_SIZE", "8")
    env = environment(tmp_path)
    assert "ARGOS_BEAM_SIZE" not in env
    assert env["HOME"] == str(tmp_path / "home")
    assert env["ARGOS_PACKAGES_DIR"] == str(tmp_path / "home" / "packages")


def _results() -> run.Results:
    plan = run.Plan((10_000,), (1_000,), 1, 1, 1, 1, 1, False)
    return run.Results(datetime.now(UTC), plan)


def test_translation_report_without_argos_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translation, "argos_installed", lambda: False)
    results = _results()
    run.measure_translation(tmp_path, results)
    assert not results.translation.runs
    assert "argostranslate is not installed" in run.translation_section(results)
    row = run.enforcement_row(results)
    assert "argostranslate is not installed" in row[1] and row[2] == "—"


def test_translation_report_gives_overhead_rates_and_verdict() -> None:
    results = _results()
    results.translation = Measured(
        setup={
            "package": "tiny",
            "tiny": True,
            "sentences": 10,
            "with_approved": 6,
            "paragraphs": 3,
            "words": 200,
            "approved": ["a", "b"],
            "max_pieces": 145,
        },
        runs={
            "ours": _setting_runs("ours", [1.0] * 5, [1.05] * 5),
            "defaults": _setting_runs("defaults", [4.0] * 5, [4.5] * 5),
        },
    )
    section = run.translation_section(results)
    assert "+5% (+5% to +5%)" in section  # ours
    assert "| 10.0 (10.0–10.0) |" in section  # 10 sentences in 1 s
    assert "4.0× the sentences per second" in section
    row = run.enforcement_row(results)
    assert row[1].startswith("+5%") and row[2] == "met"
    results.translation.runs["ours"] = _setting_runs("ours", [1.0] * 5, [1.2] * 5)
    assert run.enforcement_row(results)[2] == "**missed**"
