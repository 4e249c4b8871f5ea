"""The reference lexicon shipped with the package, and finding its terms in text.

Rows live in CSV files under glossary/data/lexicon/ (columns ar, variants, fr, acronym,
kind, domain, source); each says where its French comes from.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import resources

from glossary.arabic import group_key, search_key

KINDS = ("organisation", "person", "place", "event", "term")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    ar: str
    variants: tuple[str, ...]
    fr: str
    acronym: str
    kind: str
    domain: str
    source: str

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.ar, *self.variants)


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """A lexicon term found in a unit sequence: units [start, end)."""

    start: int
    end: int
    entry: LexiconEntry


@dataclass(slots=True)
class Lexicon:
    entries: list[LexiconEntry]
    # Each form's search key, made once: every build asks for them again (the
    # segmenter's protected words), and search_key is most of loading the lexicon.
    form_keys: dict[str, str] = field(default_factory=dict)
    by_units: dict[tuple[str, ...], LexiconEntry] = field(default_factory=dict)
    words: frozenset[str] = frozenset()
    _near: dict[str, LexiconEntry] = field(default_factory=dict)
    _near_found: dict[str, LexiconEntry | None] = field(default_factory=dict)
    # The forms as a trie of their words, so that find walks from each unit only as far
    # as some form goes.
    _trie: dict[str, _Node] = field(default_factory=dict)

    def __post_init__(self) -> None:
        words: set[str] = set()
        key_of = self.key_of
        for entry in self.entries:
            for form in entry.forms:
                key = key_of(form)
                units = tuple(group_key(key).split(" "))
                # First row wins: files are loaded most specific first.
                self.by_units.setdefault(units, entry)
                words.update(key.split(" "))
        self.words = frozenset(words)
        for units, entry in self.by_units.items():
            level = self._trie
            for word in units[:-1]:
                level = level.setdefault(word, _Node()).children
            level.setdefault(units[-1], _Node()).entry = entry

    def key_of(self, form: str) -> str:
        """search_key of a form, remembered (the lexicon's forms are asked every build)."""
        return _remembered_key(self.form_keys, form)

    def near_place(self, word: str) -> LexiconEntry | None:
        """A one-word place written with one letter more or less (بروكسيل for بروكسل).

        Only an added or a dropped letter, never a changed one (ملحقة is not مالقة), and
        only for words of five letters or more, so short words never collide.
        """
        if len(word) < 5:
            return None
        if word not in self._near_found:  # asked for every mention of a rare word
            self._near_found[word] = self._near_place(word)
        return self._near_found[word]

    def _near_place(self, word: str) -> LexiconEntry | None:
        if not self._near:
            for units, entry in self.by_units.items():
                if entry.kind == "place" and len(units) == 1 and len(units[0]) >= 5:
                    self._near.setdefault(units[0], entry)
                    for variant in _deletions(units[0]):
                        self._near.setdefault("-" + variant, entry)  # place minus a letter
        for variant in _deletions(word) - {word}:
            if variant in self._near:  # the text added a letter
                return self._near[variant]
        return self._near.get("-" + word)  # the text dropped a letter

    def lookup(self, text: str) -> LexiconEntry | None:
        """The entry whose form has the same group key as `text` (clitics not handled)."""
        return self.by_units.get(tuple(group_key(search_key(text)).split(" ")))

    def find(
        self,
        first: Sequence[str],
        inner: Sequence[str],
        stems: Sequence[tuple[str, ...]] = (),
    ) -> Iterator[LexiconMatch]:
        """Every lexicon term in a unit sequence, nested ones included.

        `first[i]` is unit i read as the first word of a term (clitics stripped),
        `inner[i]` the same unit read inside a term; both without the article.
        `stems[i]` holds further readings of unit i without a suffix (اعتمادها).
        """
        n = len(first)
        trie = self._trie
        for i in range(n):
            if stems and stems[i]:
                readings = (first[i], *stems[i])
                frontier = [node for r in readings if (node := trie.get(r)) is not None]
            else:  # most units: one reading, and most start no form
                node = trie.get(first[i])
                if node is None:
                    continue
                frontier = [node]
            found: list[LexiconMatch] = []
            end = i + 1
            while frontier:
                # The first node holding a form is the first reading, in the order of
                # the readings, of a term of this length.
                for node in frontier:
                    if node.entry is not None:
                        found.append(LexiconMatch(i, end, node.entry))
                        break
                if end == n:
                    break
                if stems and stems[end]:
                    readings = (inner[end], *stems[end])
                    frontier = [
                        child
                        for node in frontier
                        for r in readings
                        if (child := node.children.get(r)) is not None
                    ]
                else:
                    word = inner[end]
                    frontier = [
                        child for node in frontier if (child := node.children.get(word)) is not None
                    ]
                end += 1
            if found:
                yield from reversed(found)  # longest first


@dataclass(slots=True)
class _Node:
    """A word of a lexicon form in Lexicon's trie: the entry whose form ends here, if any,
    and the words that go on."""

    entry: LexiconEntry | None = None
    children: dict[str, _Node] = field(default_factory=dict)


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def parse_rows(text: str, source_name: str) -> list[LexiconEntry]:
    """Parse one lexicon CSV; a malformed row names its file and line."""
    rows: list[LexiconEntry] = []
    reader = csv.DictReader(io.StringIO(text))
    for line_no, row in enumerate(reader, start=2):
        ar = (row.get("ar") or "").strip()
        kind = (row.get("kind") or "").strip()
        if not ar or kind not in KINDS:
            raise ValueError(f"{source_name}:{line_no}: needs an Arabic term and a known kind")
        variants = tuple(v.strip() for v in (row.get("variants") or "").split("|") if v.strip())
        rows.append(
            LexiconEntry(
                ar=ar,
                variants=variants,
                fr=(row.get("fr") or "").strip(),
                acronym=(row.get("acronym") or "").strip(),
                kind=kind,
                domain=(row.get("domain") or "").strip(),
                source=(row.get("source") or "").strip(),
            )
        )
    return rows


# Most specific first: an institution's or a place's row beats a person's surname or a
# term that happens to share its form (باريس is Paris before it is ألباريس).
_FILE_ORDER = ("institutions.csv", "places.csv", "persons.csv", "terms.csv")


@cache
def load_lexicon() -> Lexicon:
    """Load every shipped lexicon file once per process."""
    folder = resources.files("glossary") / "data" / "lexicon"
    names = sorted(
        (p.name for p in folder.iterdir() if p.name.endswith(".csv")),
        key=lambda n: (_FILE_ORDER.index(n) if n in _FILE_ORDER else len(_FILE_ORDER), n),
    )
    entries: list[LexiconEntry] = []
    for name in names:
        entries.extend(parse_rows((folder / name).read_text(encoding="utf-8"), name))
    keys: dict[str, str] = {}  # made while finding the feminine titles, kept
    feminine = feminine_titles(entries, partial(_remembered_key, keys))
    return Lexicon([*entries, *feminine], form_keys=keys)


def _remembered_key(keys: dict[str, str], form: str) -> str:
    """search_key(form), remembered in `keys`."""
    key = keys.get(form)
    if key is None:
        key = keys[form] = search_key(form)
    return key


# Titles a woman holds are written in the feminine (المديرة العامة للأمن الداخلي); the
# lexicon lists them in the masculine. Arabic words and their French, in both genders.
_FEMININE_AR = {
    "المدير": "المديرة",
    "مدير": "مديرة",
    "الوزير": "الوزيرة",
    "وزير": "وزيرة",
    "السفير": "السفيرة",
    "سفير": "سفيرة",
    "الرئيس": "الرئيسة",
    "رئيس": "رئيسة",
    "المستشار": "المستشارة",
    "العام": "العامة",
    "المركزي": "المركزية",
    "المنتدب": "المنتدبة",
    "الأول": "الأولى",
    "الفرنسي": "الفرنسية",
    "المغربي": "المغربية",
}
_FEMININE_FR = {
    "directeur": "directrice",
    "ambassadeur": "ambassadrice",
    "président": "présidente",
    "conseiller": "conseillère",
    "général": "générale",
    "central": "centrale",
    "délégué": "déléguée",
    "premier": "première",
    "français": "française",
    "marocain": "marocaine",
}


def feminine_titles(
    entries: list[LexiconEntry], key_of: Callable[[str], str] = search_key
) -> list[LexiconEntry]:
    """The feminine of each title row (kind term) that starts with a masculine title word,
    its leading words and their French made feminine; none where a row already exists."""
    taken = {key_of(f) for e in entries for f in e.forms}
    derived = []
    for entry in entries:
        words = entry.ar.split(" ")
        if (
            entry.kind != "term"
            or words[0] not in _FEMININE_AR
            or words[0] == _FEMININE_AR.get(words[0])
        ):
            continue
        ar_words = list(words)
        k = 0
        while k < len(ar_words) and ar_words[k] in _FEMININE_AR:  # المدير العام, الرئيس الأول
            ar_words[k] = _FEMININE_AR[ar_words[k]]
            k += 1
        if k < len(ar_words) and ar_words[k].startswith("ال") and ar_words[k].endswith("ي"):
            continue  # المستشار الدبلوماسي: an adjective we cannot make agree
        fr_words = entry.fr.split(" ")
        j = 1 if fr_words[0].lower() == "ministre" else 0  # ministre: both genders
        while j < len(fr_words) and fr_words[j].lower() in _FEMININE_FR:
            word = _FEMININE_FR[fr_words[j].lower()]
            fr_words[j] = word.capitalize() if fr_words[j][:1].isupper() else word
            j += 1
        ar = " ".join(ar_words)
        if search_key(ar) in taken or j == 0:
            continue  # a title whose French head we do not know in the feminine
        taken.add(search_key(ar))
        derived.append(
            LexiconEntry(
                ar,
                (),
                " ".join(fr_words),
                entry.acronym,
                entry.kind,
                entry.domain,
                f"feminine of {entry.ar} ({entry.source})",
            )
        )
    return derived
