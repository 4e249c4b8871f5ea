"""Dates as Arabic news writes them (16 ماي 2003, 13 نونبر 2015, 11 أيلول 2001) and as
French writes them (16 mai 2003): the Maghreb's month names (from the French), the
Middle East's (from English) and the Syriac ones of the Levant and Iraq."""

from __future__ import annotations

from glossary.arabic import search_key

_MONTHS = {
    "janvier": "يناير كانون الثاني جانفي",
    "février": "فبراير شباط فيفري",
    "mars": "مارس آذار",
    "avril": "أبريل ابريل نيسان أفريل",
    "mai": "ماي مايو أيار",
    "juin": "يونيو يونيه حزيران جوان",
    "juillet": "يوليوز يوليو يوليه تموز جويلية",
    "août": "غشت أغسطس آب أوت",
    "septembre": "شتنبر سبتمبر أيلول",
    "octobre": "أكتوبر تشرين الأول",
    "novembre": "نونبر نوفمبر تشرين الثاني",
    "décembre": "دجنبر ديسمبر كانون الأول",
}
# One-word names only: كانون الثاني and the like are two words, and يناير/ديسمبر say
# the same month in the texts we read.
MONTHS: dict[str, str] = {
    search_key(name): french
    for french, names in _MONTHS.items()
    for name in names.split()
    if name not in ("كانون", "تشرين", "الثاني", "الأول")
}


def french_date(day: str, month: str, year: str = "") -> str | None:
    """ "16 mai 2003" from 16, ماي, 2003 (search keys or written forms), or None when the
    month is no month's name or the day no day of a month."""
    name = MONTHS.get(search_key(month))
    if name is None or not day.isdigit() or not 1 <= int(day) <= 31:
        return None
    number = "1er" if int(day) == 1 else str(int(day))
    return " ".join(part for part in (number, name, year) if part)
