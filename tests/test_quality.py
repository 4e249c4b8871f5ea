"""Glossary quality against reference glossaries, as floors that catch regressions.

eval/seeds_reference.tsv was written independently of the miner from the seed articles;
eval/unseen/ holds five articles the lexicon was not written from, with their reference;
eval/unseen2 to unseen6 five more each, written blind (see each test).
The floors sit a little under today's figures (see the closing notes for the figures).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.build import build
from glossary.evaluate import Evaluation, evaluate, read_gold
from glossary.store import Store

from .conftest import ROOT

EVAL = ROOT / "eval"
DEV_GOLD = ROOT.parent / "shared" / "eval" / "dev_gold.tsv"


def _evaluate(corpus: Path, gold: Path, tmp_path: Path) -> tuple[Evaluation, int]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    store = Store(tmp_path / "q.db")
    report = build([corpus], store)
    return evaluate(store, read_gold(gold)), report.entries


def test_seed_glossary_against_its_reference(tmp_path: Path) -> None:
    result, entries = _evaluate(ROOT / "seeds", EVAL / "seeds_reference.tsv", tmp_path)
    assert result.recall >= 0.92  # measured 0.950 (issue 3 target: 0.90)
    assert result.kind_accuracy >= 0.95
    assert result.french_accuracy >= 0.88  # measured 0.901 (target: 0.80)
    assert entries <= 330, "a glossary a translator keeps: a few hundred entries at most"


def test_unseen_articles_against_their_reference(tmp_path: Path) -> None:
    result, _ = _evaluate(EVAL / "unseen", EVAL / "unseen_reference.tsv", tmp_path)
    assert result.recall >= 0.88  # measured 0.898 (issue 3 target: 0.80)
    assert result.kind_accuracy >= 0.95
    assert result.french_accuracy >= 0.83  # measured 0.857 (target: 0.70)


def test_blind_articles_against_their_reference(tmp_path: Path) -> None:
    """eval/unseen2: five articles and their reference, written by someone who never saw
    the code, the lexicon or an output (first run: 0.733); its misses have since been
    read, so it is a development set now."""
    result, _ = _evaluate(EVAL / "unseen2", EVAL / "unseen2_reference.tsv", tmp_path)
    assert result.recall >= 0.87  # measured 0.896
    assert result.kind_accuracy >= 0.95
    assert result.french_accuracy >= 0.84  # measured 0.861


def test_second_blind_set_against_its_reference(tmp_path: Path) -> None:
    """eval/unseen3: five more blind articles (first run: 0.383, when a "read also" link
    in the middle of an article ended it; 0.772 with that fixed)."""
    result, _ = _evaluate(EVAL / "unseen3", EVAL / "unseen3_reference.tsv", tmp_path)
    assert result.recall >= 0.86  # measured 0.888
    assert result.kind_accuracy >= 0.95  # measured 0.971
    assert result.french_accuracy >= 0.76  # measured 0.786


def test_blind_sets_never_read_against_their_reference(tmp_path: Path) -> None:
    """eval/unseen4 and eval/unseen5: written by helpers who saw no code, lexicon or
    output; their misses have never been read (first runs: unseen4 0.709, unseen5 0.863)."""
    fourth, _ = _evaluate(EVAL / "unseen4", EVAL / "unseen4_reference.tsv", tmp_path / "4")
    assert fourth.recall >= 0.79  # measured 0.809
    assert fourth.kind_accuracy >= 0.95  # measured 0.982
    assert fourth.french_accuracy >= 0.82  # measured 0.848
    fifth, _ = _evaluate(EVAL / "unseen5", EVAL / "unseen5_reference.tsv", tmp_path / "5")
    assert fifth.recall >= 0.85  # measured 0.875
    assert fifth.kind_accuracy >= 0.95  # measured 0.976
    assert fifth.french_accuracy >= 0.80  # measured 0.823


@pytest.mark.skipif(not DEV_GOLD.exists(), reason="the shared dev reference sits beside the repo")
def test_sixth_set_against_its_reference(tmp_path: Path) -> None:
    """eval/unseen6: five articles and their reference written by a helper who saw no code,
    lexicon or output (first run: 0.816); its misses were read, so it is a dev set now."""
    result, _ = _evaluate(EVAL / "unseen6", EVAL / "unseen6_reference.tsv", tmp_path)
    assert result.recall >= 0.86  # measured 0.882
    assert result.kind_accuracy >= 0.95  # measured 0.967
    assert result.french_accuracy >= 0.78  # measured 0.805


def test_seed_glossary_against_the_shared_dev_reference(tmp_path: Path) -> None:
    result, _ = _evaluate(ROOT / "seeds", DEV_GOLD, tmp_path)
    assert result.recall == 1.0
    assert result.french_accuracy >= 0.95
