"""The word lexicon (data/words.csv) and what it says of a word: its rows, its part of
speech, whether it is a word of our fields, whether it opens a set expression or a
multiword adjective. glossary.compose puts the words' French together."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from glossary.arabic import ARTICLE, clitic_readings, search_key, strip_article


@dataclass(frozen=True, slots=True)
class Word:
    """A row of data/words.csv; `key` holds the search keys of its Arabic words."""

    key: tuple[str, ...]
    ar: str
    pos: str
    gender: str
    fr: str
    fr_f: str
    fr_pl: str
    fr_f_pl: str
    domain: bool = False  # its source names a field of ours (Code pénal usage, (cyber))


_CLITICS = frozenset({"و", "ل", "ب", "ول", "وب"})
_COLUMNS = ("ar", "pos", "gender", "fr", "fr_f", "fr_pl", "fr_f_pl")


@cache
def word_lexicon() -> dict[str, tuple[Word, ...]]:
    """Rows of words.csv by the key of their first word, longest rows first (read once)."""
    text = (resources.files("glossary") / "data" / "words.csv").read_text(encoding="utf-8")
    rows: dict[str, list[Word]] = {}
    for line_no, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        cells = [(row.get(c) or "").strip() for c in _COLUMNS]
        ar, pos, gender, fr, fr_f, fr_pl, fr_f_pl = cells
        domain = bool(_DOMAIN_SOURCE.search(row.get("source") or ""))
        key = tuple(search_key(ar).split(" "))
        word = Word(key, ar, pos, gender, fr, fr_f, fr_pl, fr_f_pl, domain)
        if not word.ar or word.pos not in ("noun", "adj", "prep") or not (word.fr or word.fr_pl):
            raise ValueError(f"words.csv:{line_no}: needs ar, a known pos and French")
        if word.pos == "noun" and word.gender not in ("m", "f"):
            raise ValueError(f"words.csv:{line_no}: a noun needs the gender of its French")
        rows.setdefault(word.key[0], []).append(word)
    return {k: tuple(sorted(v, key=lambda w: -len(w.key))) for k, v in rows.items()}


# Sources that say a word belongs to the fields we mine (security, justice, migration,
# cybercrime, drugs, customs, prisons, defence, diplomacy): a phrase holding one is a
# domain phrase, like one holding a word of the curated terms.
_DOMAIN_SOURCE = re.compile(
    r"\((?:policing|security press|cyber|justice|migration vocabulary|drugs|defence|legal|"
    r"customs|prison administration|diplomacy)\)|^(?:Code pénal|Code de procédure pénale|"
    r"Glossaire de la migration|UNODC|Moroccan DGSN|Moroccan CPP|Moroccan legal|CNDP)"
)


@lru_cache(maxsize=1 << 16)
def is_domain_word(key: str) -> bool:
    """Whether the word lexicon lists this word key (article, feminine and plural
    endings aside) as a word of our fields (see _DOMAIN_SOURCE)."""
    return any(
        word.domain and len(word.key) == 1 and fits(word, tag)
        for _clitic, _definite, base, tag in analyses(key, inner=False)
        for word in word_lexicon().get(base, ())
    )


@cache
def expression_openers() -> frozenset[str]:
    """First words (article-less keys) of the word lexicon's multiword nouns (قنبلة
    صوتية, عملية طعن): a phrase one of them covers whole is a set expression."""
    return frozenset(
        strip_article(w.key[0])
        for rows in word_lexicon().values()
        for w in rows
        if w.pos == "noun" and len(w.key) > 1
    )


def knows_word(key: str) -> bool:
    """Whether the word lexicon has a one-word row for this word key, read as a whole
    (article, feminine and plural endings aside; no proclitic): the segmenter's proof
    that بالغرامات is ب + الغرامات in a corpus that never writes الغرامات alone."""
    return any(
        len(word.key) == 1 and fits(word, tag)
        for _clitic, _definite, base, tag in analyses(key, inner=False)
        for word in word_lexicon().get(base, ())
    )


@cache
def adjective_openers() -> frozenset[str]:
    """First words (article-less keys) of the multiword adjectives: a cheap test before
    adjective_words."""
    return frozenset(
        strip_article(w.key[0])
        for rows in word_lexicon().values()
        for w in rows
        if w.pos == "adj" and len(w.key) > 1
    ) | {"غير"}


def is_adjective(word: str) -> bool:
    """Whether the word lexicon knows `word` (article and feminine/plural ending aside)
    only as an adjective."""
    return _parts_of_speech(word) == {"adj"}


def is_noun(word: str) -> bool:
    """Whether the word lexicon knows `word` (as is_adjective reads it) only as a noun."""
    return _parts_of_speech(word) == {"noun"}


@lru_cache(maxsize=1 << 17)  # asked for every word of every candidate phrase
def _parts_of_speech(word: str) -> frozenset[str]:
    key = strip_article(search_key(word))
    stems = {
        key,
        key.removesuffix("ه"),
        key.removesuffix("ات"),
        key.removesuffix("ين"),
        key.removesuffix("ون"),
    }
    return frozenset(
        w.pos for stem in stems for w in word_lexicon().get(stem, ()) if len(w.key) == 1
    )


def analyses(token: str, inner: bool) -> list[tuple[str, bool, str, str]]:
    """(clitic, definite, base, tag) readings of a token key, the whole word first."""
    splits = [("", token)]
    if inner:  # a term's first word carries no proclitic; inner ones may (للحدود, والأمن)
        splits += [s for s in clitic_readings(token) if s[0] in _CLITICS]
        if token.startswith("لل"):  # للجنة is ل + اللجنة written with one lam less
            splits.append(("ل", ARTICLE + token[1:]))
    out: list[tuple[str, bool, str, str]] = []
    for clitic, rest in splits:
        bare = strip_article(rest)
        # Both readings, since التزام and إلكتروني begin with ال that is no article.
        for definite, s in ((True, bare), (False, rest)) if bare != rest else ((False, rest),):
            found = [(s, "")]
            if s.endswith("ه"):
                found.append((s[:-1], "f"))
            if s.endswith("ات"):  # شبكات → شبكة, تحقيقات → تحقيق
                found += [(s[:-2] + "ه", "at"), (s[:-2], "at")]
            if s.endswith(("ين", "ون")):  # مهاجرين → مهاجر, المحامين → محامي
                found += [(s[:-2], "un"), (s[:-2] + "ي", "un")]
            if s.endswith(("ي", "و")) and not definite:  # before a complement: طالبي اللجوء
                found.append((s[:-1], "uy"))
            out += [(clitic, definite, b, t) for b, t in found if len(b) >= 2]
    return out


def fits(word: Word, tag: str) -> bool:
    """Whether a suffix fits a row; among nouns only persons (fr_f) take ة, ين/ون or ي/و."""
    if word.pos == "adj":
        return tag in ("", "f", "at", "un") and (tag == "" or bool(word.fr))
    return tag == "" or (bool(word.fr and word.fr_pl) if tag == "at" else bool(word.fr_f))
