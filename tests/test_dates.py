"""Dates as Arabic news writes them, in French."""

from __future__ import annotations

import pytest

from glossary.dates import french_date


@pytest.mark.parametrize(
    ("day", "month", "year", "french"),
    [
        ("16", "ماي", "2003", "16 mai 2003"),  # Maghreb
        ("13", "نونبر", "2015", "13 novembre 2015"),
        ("11", "سبتمبر", "2001", "11 septembre 2001"),  # Middle East
        ("11", "أيلول", "", "11 septembre"),  # Levant
        ("1", "يناير", "2020", "1er janvier 2020"),
        ("14", "يوليوز", "", "14 juillet"),
    ],
)
def test_a_date_in_french(day: str, month: str, year: str, french: str) -> None:
    assert french_date(day, month, year) == french


def test_no_date_where_there_is_no_month_or_day() -> None:
    assert french_date("3", "الوطني") is None
    assert french_date("32", "ماي") is None
