"""Render Arabic-script person names in the French spelling Moroccan and French readers expect.

Given names come from data/given_names.csv (ar,fr,origin); other parts are transliterated by
the Maghrebi-French rules of Moroccan civil status and press (ش ch, ج j, و ou, ع a, ة a).
Choices that keep results predictable: short vowels are never read from diacritics (only
shadda, which doubles its consonant); a surname's article is a separate "El" before a
moon letter (الحموشي → El Hamouchi) and dropped before a sun letter (الشاوي → Chaoui), while
عبد/ابو compounds assimilate as the press does (عبد الرحمن → Abderrahmen); French-looking
words only get French endings (ييه/يي → ier, يه → é); ڤ پ گ are always v p g.

Confidence (NameRendering.confidence), over the rendered parts, surname = last part:
  0.9 every part from the lexicon; 0.3 every part guessed; 0.0 nothing to render;
  mixed: 0.3 + 0.6 * share_known if the surname is known, else 0.3 + 0.1 * share_known
  (below 0.4). Particles (بن → Ben, آيت → Aït) and non-Arabic words are copied uncounted.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from glossary.arabic import Token, display_form, join_compounds, search_key, tokenize

_SHADDA = "\u0651"
# Hamza carriers and Persian/Urdu letter forms read like their base letter. إ stays
# distinct because at a word start it is an "i" (إدريس → Idris).
_FOLD = str.maketrans({"أ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك"})
_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "ch", "ص": "s", "ض": "d", "ط": "t", "ظ": "d",
    "غ": "gh", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ڤ": "v", "پ": "p", "گ": "g", "ڨ": "g", "چ": "tch", "ژ": "j",
}  # fmt: skip
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
_LONG_A = frozenset("اىة")
_VOWEL_LETTERS = frozenset("اويىإ")
# Kinds of sound unit: consonant, written vowel, ʿayn (an "a" that also separates
# consonants) and inserted vowel (a short vowel Arabic does not write).
_C, _V, _A, _I = "C", "V", "A", "I"
_VOWEL_LIKE = frozenset((_V, _A, _I))
# Compounds as written in Moroccan French: one word, article assimilated before sun letters.
_PREFIXES = {"عبد": ("Abd", "e"), "ابو": ("Abou", "")}
_SUFFIXES = {"الدين": "eddine", "الله": "allah", "الاسلام": "elislam"}
_PARTICLES = {
    "بن": "Ben",
    "ابن": "Ibn",
    "بنت": "Bent",
    "ايت": "Aït",
    "ولد": "Ould",
    "ابو": "Abou",  # a kunya's أبو, whatever its case (أبي بكر → Abou Bakr)
    "ابي": "Abou",
    "ابا": "Abou",
}
_KUNYA = frozenset({"ابو", "ابي", "ابا"})

Letters = list[tuple[str, bool]]  # (letter, carries shadda)
Unit = tuple[str, str]  # (Latin spelling, kind)


@dataclass(frozen=True, slots=True)
class NameRendering:
    """A name in French spelling, with how much of it the lexicon vouched for."""

    fr: str
    confidence: float
    known_parts: int
    guessed_parts: int


def _parse_lexicon(text: str) -> dict[str, str]:
    """Map lexicon keys to French spellings; rows without ar or fr are skipped, first wins."""
    lexicon: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        ar, fr = (row.get("ar") or "").strip(), (row.get("fr") or "").strip()
        if ar and fr:
            lexicon.setdefault(_lexicon_key(ar), fr)
    return lexicon


@cache
def _lexicon() -> dict[str, str]:
    # Read on first use, never at import; a missing file just means every part is guessed.
    resource = files("glossary").joinpath("data/given_names.csv")
    if not resource.is_file():
        return {}
    return _parse_lexicon(resource.read_text(encoding="utf-8-sig"))


def _lexicon_key(key_or_text: str) -> str:
    # join_compounds makes عبد اللطيف and عبداللطيف one key; dropping the remaining spaces
    # does the same for compounds it does not know (فاطمة الزهراء).
    return join_compounds(search_key(key_or_text)).replace(" ", "")


def given_name(arabic_word_or_compound: str) -> str | None:
    """French spelling of a given name from the lexicon, or None (spacing-insensitive)."""
    key = _lexicon_key(arabic_word_or_compound)
    return _lexicon().get(key) if key else None


def _letters(word: str) -> Letters:
    """Letters of a word with their shadda flag; other marks and tatweel are dropped."""
    out: Letters = []
    for ch in unicodedata.normalize("NFKC", word).translate(_FOLD):
        if ch == _SHADDA and out:
            out[-1] = (out[-1][0], True)
        elif ch.isalnum() and ch != "ء":  # hamza on its own is not written in French
            out.append((ch, False))
    return out


def _key(letters: Letters) -> str:
    # One key character per letter, so key positions index into `letters`.
    return "".join(search_key(ch) or ch for ch, _ in letters)


def _units(letters: Letters) -> list[Unit]:
    units: list[Unit] = []
    for i, (ch, doubled) in enumerate(letters):
        prev = letters[i - 1][0] if i else ""
        nxt = letters[i + 1][0] if i + 1 < len(letters) else ""
        # و/ي are consonants (ou, y) at a word start, under shadda, before a long a or
        # between two vowel letters; elsewhere they write the long vowels ou and i.
        glide = i == 0 or doubled or nxt in _LONG_A or {prev, nxt} <= _VOWEL_LETTERS
        if ch in "اى":
            units.append(("a", _V))
        elif ch == "إ":
            units.append(("i" if i == 0 else "a", _V))
        elif ch == "ة":  # ta marbuta is heard as t after a long a (حياة → Hayat)
            units.append(("t", _C) if prev == "ا" else ("a", _V))
        elif ch == "ع":  # between consonants the press writes aa (شعبي → Chaabi)
            between = bool(units) and units[-1][1] == _C and nxt in _CONSONANTS
            units.append(("aa" if between else "a", _A))
        elif ch in "وي" and glide:
            units.append(("ou" if ch == "و" else "yy" if doubled else "y", _C))
        elif ch in "وي":
            units.append(("ou" if ch == "و" else "i", _V))
        else:
            latin = _CONSONANTS.get(ch, ch.lower())
            units.append((latin * 2 if doubled and len(latin) == 1 else latin, _C))
    return units


def _insert_vowels(units: list[Unit], word_final: bool = True) -> list[Unit]:
    # Two fixed places only, so the result is predictable: "a" between two consonants at
    # the start (حموشي → Hamouchi), "e" in a final consonant pair (أحمد → Ahmed), or "a"
    # before a final h (إله → ilah, as in Abdelilah). A compound head is not word-final.
    units = list(units)
    if len(units) >= 2 and units[0][1] == _C and units[1][1] == _C:
        units.insert(1, ("a", _I))
    if word_final and len(units) >= 3 and units[-1][1] == _C and units[-2][1] == _C:
        units.insert(len(units) - 1, ("a" if units[-1][0] == "h" else "e", _I))
    return units


def _french_spelling(units: list[Unit]) -> str:
    """Spell sound units as French reads them."""
    out = [latin for latin, _ in units]
    for i in range(1, len(units) - 1):
        # A single s between vowels would be read z in French (موسى → Moussa).
        if units[i] == ("s", _C) and {units[i - 1][1], units[i + 1][1]} <= _VOWEL_LIKE:
            out[i] = "ss"
    # Final -an/-in would be nasal in French: Marouane, Yassine.
    if len(units) >= 2 and units[-1] == ("n", _C) and units[-2] in (("a", _V), ("i", _V)):
        out[-1] = "ne"
    return "".join(out)


def _transliterate(letters: Letters, word_final: bool = True) -> str:
    """Lower-case Maghrebi-French transliteration of one word."""
    key = _key(letters)
    ending = ""
    if len(key) > 3 and key.endswith(("ييه", "يي")):  # Laugier, Olivier
        letters, ending = letters[: -3 if key.endswith("ييه") else -2], "ier"
    elif len(key) > 4 and key.endswith("يه"):  # André (short stems are Arabic: فقيه)
        letters, ending = letters[:-2], "é"
    units = _units(letters) + ([(ending, _V)] if ending else [])
    return _french_spelling(_insert_vowels(units, word_final))


def transliterate_word(arabic_word: str) -> str:
    """Rule-based French spelling of one Arabic word or compound (no lexicon)."""
    letters = _letters(display_form(arabic_word).replace(" ", ""))
    if not letters:
        return ""
    key = _key(letters)
    for prefix, (latin, link) in _PREFIXES.items():
        if key.startswith(prefix + "ال") and len(key) > len(prefix) + 3:
            body = letters[len(prefix) + 2 :]
            first = body[0][0]
            body[0] = (first, False)  # the assimilation below already doubles it
            sound = _CONSONANTS.get(first, "") if first in _SUN_LETTERS else "l"
            joint = sound if len(sound) == 1 else ""  # digraphs are not doubled: Abdechakour
            return latin + link + joint + _transliterate(body)
    for suffix, latin in _SUFFIXES.items():
        if key.endswith(suffix) and len(key) > len(suffix):
            return (_transliterate(letters[: -len(suffix)], False) + latin).capitalize()
    if key.startswith("ال") and len(key) >= 4:
        # Before a sun letter the article is silent, and Moroccan civil status and press
        # drop it (الشاوي → Chaoui, الزروالي → Zerouali, الطاهري → Tahiri); before a moon
        # letter it is written El (الحمداوي → El Hamdaoui).
        name = _transliterate(letters[2:]).capitalize()
        return name if key[2] in _SUN_LETTERS else "El " + name
    if key.startswith("بل") and len(key) >= 5 and key[2] != "ا":
        # Bel- surnames (بلقاضي Belkadi, بلعربي Belarbi, بلحاج Belhaj): the fused
        # "son of" is written Bel, the rest as a word of its own.
        return "Bel" + _transliterate(letters[2:])
    return _transliterate(letters).capitalize()


def _groups(tokens: list[Token]) -> list[list[Token]]:
    """Gather tokens into name parts, joining compounds as join_compounds does."""
    groups: list[list[Token]] = []
    for token in tokens:
        last = groups[-1] if groups else []
        joined = join_compounds("".join(t.key for t in last) + " " + token.key)
        if last and token.is_arabic and last[-1].is_arabic and " " not in joined:
            last.append(token)
        else:
            groups.append([token])
    return groups


def _surface(groups: list[list[Token]]) -> str:
    return " ".join(t.surface for group in groups for t in group)


def _confidence(known: list[bool]) -> float:
    if not known:
        return 0.0
    share = sum(known) / len(known)
    return round(0.3 + (0.6 if known[-1] else 0.1) * share, 2)


def render_name(arabic: str) -> NameRendering:
    """Render a person name in French spelling (عبد اللطيف حموشي → Abdellatif Hamouchi).

    Lexicon first, two-word compounds before single words; rules otherwise. Never raises.
    """
    groups = _groups(tokenize(display_form(unicodedata.normalize("NFKC", arabic))))
    parts: list[str] = []
    known: list[bool] = []
    i = 0
    while i < len(groups):
        surface = _surface(groups[i : i + 1])
        if not groups[i][0].is_arabic:  # Latin words and numbers are kept as written
            parts.append(surface)
            i += 1
            continue
        pair = groups[i : i + 2]
        # Longest compound first: فاطمة الزهراء is one given name, not two.
        if len(pair) == 2 and pair[1][0].is_arabic and (fr := given_name(_surface(pair))):
            parts.append(fr)
            known.append(True)
            i += 2
            continue
        key = _lexicon_key(surface)
        fr = given_name(surface)
        group = groups[i]
        if fr is None and len(group) == 2 and group[0].key in _KUNYA:
            # أبو حفص: a kunya the lexicon does not know as a given name (أبو بكر is
            # Aboubakr), written as the press writes noms de guerre: Abou Hafs.
            name = group[1].surface
            given = given_name(name)
            parts += ["Abou", given or transliterate_word(name).capitalize()]
            known.append(given is not None)
            i += 1
            continue
        if fr is None and key.startswith("ال") and (bare := given_name(key[2:])):
            fr = "El " + bare
        if fr is not None:
            parts.append(fr)
            known.append(True)
        elif key in _PARTICLES:
            parts.append(_PARTICLES[key])
        elif guess := transliterate_word(surface):  # a lone hamza renders as nothing
            parts.append(guess)
            known.append(False)
        i += 1
    return NameRendering(" ".join(parts), _confidence(known), sum(known), known.count(False))
