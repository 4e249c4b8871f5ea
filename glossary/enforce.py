"""The glossary in a translation: find its terms in Arabic text, enforce their French.

Pure logic, no machine translation here: `enforce` takes any function that translates a
text (glossary.translate passes Argos; tests pass fakes that drop or mangle things).

Masking. Each enforced term is replaced, before translation, by a placeholder made of
capital Latin letters only, e.g. ``ZXQAB``: no ``_`` (Argos's decoder turns it into a
space), no digits (models reformat numbers), and a shape a model copies as an unknown
name, through both hops of a pivot (ar→en→fr). A leading conjunction و/ف stays outside the
placeholder (وZXQAA → "و ZXQAA") so that the model still translates it as "et".

Restoring and checking. A placeholder that comes back exactly is replaced by the French
(status ``enforced``); one that comes back mangled (spaces or ``_`` inside, case changed,
split) is found by a tolerant pattern and replaced (``repaired``); a paragraph that lost
one is translated again with the French written into the Arabic (Latin text is copied by
models), and the term is ``repaired`` if its French is then present. Every term is then
looked for in the output, case and accents folded: its French or its acronym must be
there, else ``missing``. Terms that were not enforced (proposed ones without
``include_proposed``, entries without French) are reported as ``unenforced``, with
whether their French happens to be in the output.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from glossary.arabic import Token, clitic_readings, in_compound, strip_article, tokenize
from glossary.french import fold
from glossary.lookup import Hit, QueryError, exact_hits, lookup, word_readings
from glossary.store import Store

MAX_TERM_WORDS = 7
STATUSES = ("enforced", "repaired", "missing", "not-translated", "unenforced")
PLACEHOLDER_PREFIX = "ZXQ"
_CONJUNCTIONS = ("و", "ف")
# Terms never run across punctuation or line breaks.
_SEGMENT = re.compile(r"[^.!?؟؛;:،,\n()\[\]«»\"“”]+")

Translate = Callable[[str], str]


@dataclass(slots=True)
class FoundTerm:
    """A glossary entry named in the Arabic text, with where it occurs."""

    hit: Hit
    spans: list[tuple[int, int]] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)  # as written in the text

    @property
    def french(self) -> str:
        """The French written in the translation: "name (ACRONYM)", or either alone."""
        if self.hit.fr and self.hit.acronym and self.hit.acronym not in self.hit.fr:
            return f"{self.hit.fr} ({self.hit.acronym})"
        return self.hit.fr or self.hit.acronym

    @property
    def short(self) -> str:
        """The French for later mentions: the acronym when there is one."""
        return self.hit.acronym or self.hit.fr


@dataclass(frozen=True, slots=True)
class TermReport:
    ar: str
    fr: str
    acronym: str
    status: str  # one of STATUSES
    entry_status: str  # approved, proposed…
    in_output: bool
    surfaces: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "ar": self.ar,
            "fr": self.fr,
            "acronym": self.acronym,
            "status": self.status,
            "entry_status": self.entry_status,
            "in_output": self.in_output,
            "surfaces": list(self.surfaces),
        }


@dataclass(frozen=True, slots=True)
class Enforced:
    translation: str
    terms: list[TermReport]


# --- Finding terms --------------------------------------------------------------------


def find_terms(store: Store, text: str, max_words: int = MAX_TERM_WORDS) -> list[FoundTerm]:
    """Glossary entries named in `text`, longest match first, in order of appearance.

    Every n-gram of 1 to `max_words` words is a candidate. Their keys (as lookup reads
    them: clitics, hamza and diacritics aside) are checked against the glossary's forms in
    a few batched queries; only the n-grams that match get a full lookup (its exact tier
    decides which entry is meant). Measured: one lookup per word, as before, cost about
    1 ms a word, 16 ms a sentence; the batch is a few ms for a whole paragraph.
    """
    found: dict[int, FoundTerm] = {}
    probes: dict[str, Hit | None] = {}

    def usable(hits: list[Hit]) -> Hit | None:
        return next(
            (h for h in hits if h.match == "exact" and (h.in_glossary or h.status == "approved")),
            None,
        )

    def exact_hit(phrase: str) -> Hit | None:
        if phrase not in probes:
            try:
                probes[phrase] = usable(lookup(store, phrase, limit=3, exact=True).hits)
            except QueryError:
                probes[phrase] = None
        return probes[phrase]

    segments = [tokenize(m.group(), m.start()) for m in _SEGMENT.finditer(text)]
    known, matched = _known_phrases(store, text, segments, max_words)
    # The Arabic n-grams' hits in one fetch; Latin ones (and a conjunction's remainder)
    # are looked up one by one.
    for phrase, hits in exact_hits(store, matched, limit=3).items():
        probes[phrase] = usable(hits)
    for tokens in segments:
        i = 0
        while i < len(tokens):
            best: tuple[int, Hit] | None = None
            for n in range(min(max_words, len(tokens) - i), 0, -1):  # longest first
                phrase = text[tokens[i].start : tokens[i + n - 1].end]
                if phrase in known and (hit := exact_hit(phrase)) is not None:
                    best = (n, hit)
                    break
            if best is None:
                i += 1
                continue
            n, hit = best
            start, end = tokens[i].start, tokens[i + n - 1].end
            # A conjunction the lookup read past stays out of the term (and translatable).
            if text[start] in _CONJUNCTIONS and end - start > 1:
                rest = exact_hit(text[start + 1 : end])
                if rest is not None and rest.entry_id == hit.entry_id:
                    start += 1
            term = found.setdefault(hit.entry_id, FoundTerm(hit))
            term.spans.append((start, end))
            term.surfaces.append(text[start:end])
            i += n
    return list(found.values())


def _known_phrases(
    store: Store, text: str, segments: list[list[Token]], max_words: int
) -> tuple[set[str], dict[str, set[int]]]:
    """The n-grams of the text that may name an entry exactly: an Arabic reading that is a
    form's words or an entry's key. Latin n-grams (acronyms, French names) all pass:
    lookup itself decides on those, and a text has few of them. With them, the entries
    each Arabic n-gram's readings match, as lookup's exact tier would find them."""
    readings: dict[str, list[str]] = {}
    known: set[str] = set()
    matched: dict[str, set[int]] = {}
    words = store.form_words()
    for tokens in segments:
        keys = [t.key for t in tokens]
        # word_readings of every n-gram, built word by word from each word's readings
        # (measured: 3× faster than asking word_readings for each n-gram). Name compounds
        # (عبد + اللطيف) may join words: those n-grams go through word_readings itself.
        bare = [strip_article(k) for k in keys]
        firsts = [_first_readings(key) for key in keys]
        joins = [
            in_compound(k) or any(in_compound(f) for f in firsts[j]) for j, k in enumerate(keys)
        ]
        arabic = [t.is_arabic for t in tokens]
        for i in range(len(tokens)):
            tail = ""
            has_arabic = joined = False  # any(arabic[i:i+n]), any(joins[i:i+n]), kept as n grows
            # Whether some form may still start with this n-gram's words: every word of
            # a reading is a word of the form it matches (no compound joined on the way).
            alive = joins[i] or any(f in words for f in firsts[i])
            for n in range(1, min(max_words, len(tokens) - i) + 1):
                last = i + n - 1
                if n > 1:
                    tail += " " + bare[last]
                    alive = alive and (joins[last] or bare[last] in words)
                has_arabic, joined = has_arabic or arabic[last], joined or joins[last]
                phrase = text[tokens[i].start : tokens[last].end]
                if not has_arabic:
                    if _LATIN_LETTER.search(phrase):
                        known.add(phrase)
                    continue
                if not alive and not joined:
                    break  # no form has these words: nor has it them and more
                if joined:
                    found = word_readings(keys[i : i + n])
                else:  # firsts are distinct, so are they with one tail
                    found = [f + tail for f in firsts[i] if f + tail]
                for reading in found:
                    readings.setdefault(reading, []).append(phrase)
    keys_read = list(readings)
    for chunk in range(0, len(keys_read), _BATCH):
        batch = keys_read[chunk : chunk + _BATCH]
        marks = ",".join("?" * len(batch))
        rows = store.rows(
            f"SELECT words, entry_id FROM forms WHERE words IN ({marks}) "
            f"UNION SELECT key, id FROM entries WHERE key IN ({marks})",
            batch * 2,
        )
        for reading, entry_id in rows:
            for phrase in readings.get(reading, ()):
                known.add(phrase)
                matched.setdefault(phrase, set()).add(int(entry_id))
    return known, matched


def _first_readings(key: str) -> list[str]:
    """A word's readings at the start of a term: without the article, and without each
    proclitic reading's clitics (remembered: a text repeats its words)."""
    found = _FIRSTS.get(key)
    if found is None:
        if len(_FIRSTS) > 100_000:
            _FIRSTS.clear()
        readings = [strip_article(key), *(strip_article(r) for _p, r in clitic_readings(key))]
        found = _FIRSTS[key] = list(dict.fromkeys(readings))
    return found


_FIRSTS: dict[str, list[str]] = {}
_BATCH = 400  # keys per query: twice that many parameters, under SQLite's limit
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")


def should_enforce(term: FoundTerm, include_proposed: bool) -> bool:
    if not (term.hit.fr or term.hit.acronym):
        return False
    return term.hit.status == "approved" or (include_proposed and term.hit.status == "proposed")


# --- Placeholders ---------------------------------------------------------------------


def placeholder(index: int) -> str:
    """ZXQAA, ZXQAB … ZXQZZ: fixed length, capital letters only."""
    letters = string.ascii_uppercase
    return PLACEHOLDER_PREFIX + letters[index // 26 % 26] + letters[index % 26]


def _tolerant(token: str) -> re.Pattern[str]:
    """The placeholder with spaces, _ or - allowed between its letters, any case."""
    inner = r"[\s_\-]*".join(re.escape(c) for c in token)
    return re.compile(rf"(?<![A-Za-z]){inner}(?![A-Za-z])", re.IGNORECASE)


@dataclass(slots=True)
class _Slot:
    token: str
    term: int  # index into the term list
    first: bool  # the term's first mention: full French; later ones: the short form


def mask(text: str, terms: list[FoundTerm], enforced: list[bool]) -> tuple[str, list[_Slot]]:
    """`text` with each mention of an enforced term replaced by a placeholder."""
    spans = sorted(
        (start, end, t) for t, term in enumerate(terms) if enforced[t] for start, end in term.spans
    )
    out: list[str] = []
    slots: list[_Slot] = []
    seen: set[int] = set()
    position = 0
    for start, end, t in spans:
        if start < position:  # overlapping mentions cannot both be masked
            continue
        token = placeholder(len(slots))
        before = text[position:start]
        if before and not before[-1].isspace():
            before += " "  # a conjunction left outside: و ZXQAA
        out += [before, token]
        slots.append(_Slot(token, t, t not in seen))
        seen.add(t)
        position = end
    out.append(text[position:])
    return "".join(out), slots


def restore(
    translation: str, slots: list[_Slot], terms: list[FoundTerm]
) -> tuple[str, dict[int, str]]:
    """Put the French back. Returns the text and, per slot index, exact|repaired|lost."""
    outcome: dict[int, str] = {}
    for i, slot in enumerate(slots):
        french = terms[slot.term].french if slot.first else terms[slot.term].short
        if slot.token in translation:
            translation = translation.replace(slot.token, french, 1)
            outcome[i] = "exact"
            continue
        found = _tolerant(slot.token).search(translation)
        if found:
            translation = translation[: found.start()] + french + translation[found.end() :]
            outcome[i] = "repaired"
        else:
            outcome[i] = "lost"
    return translation, outcome


def contains(translation: str, term: FoundTerm, folded: str | None = None) -> bool:
    """Whether the term's French or acronym is in the translation (case and accents aside).

    `folded`: fold(translation), when the caller checks many terms in one translation
    (folding a page per term was half of what enforcement added to a translation)."""
    folded = f" {fold(translation) if folded is None else folded} "
    if term.hit.fr and fold(term.hit.fr) in folded:
        return True
    if term.hit.acronym:
        return (
            re.search(rf"(?<![^\W_]){re.escape(term.hit.acronym)}(?![^\W_])", translation)
            is not None
        )
    return False


# --- Enforcing ------------------------------------------------------------------------


def enforce(
    text: str, terms: list[FoundTerm], translate: Translate, include_proposed: bool = False
) -> Enforced:
    """Translate `text` with `translate`, the glossary's French enforced; report per term."""
    enforced = [should_enforce(t, include_proposed) for t in terms]
    masked, slots = mask(text, terms, enforced)
    translation, outcome = restore(translate(masked), slots, terms)
    lost = {slots[i].term for i, o in outcome.items() if o == "lost"}
    repaired = {slots[i].term for i, o in outcome.items() if o == "repaired"}
    if lost:
        translation, fixed = _retry_lost(text, translation, terms, enforced, lost, translate)
        repaired |= fixed
    reports = []
    folded = fold(translation)
    for t, term in enumerate(terms):
        present = contains(translation, term, folded)
        if not enforced[t]:
            status = "unenforced"
        elif not present:
            status = "missing"
        elif t in repaired:
            status = "repaired"
        else:
            status = "enforced"
        reports.append(_report(term, status, present))
    return Enforced(translation, reports)


def annotate(terms: list[FoundTerm]) -> list[TermReport]:
    """The per-term report when nothing was translated."""
    return [_report(term, "not-translated", False) for term in terms]


def _report(term: FoundTerm, status: str, present: bool) -> TermReport:
    return TermReport(
        term.hit.ar,
        term.hit.fr,
        term.hit.acronym,
        status,
        term.hit.status,
        present,
        tuple(dict.fromkeys(term.surfaces)),
    )


def _retry_lost(
    text: str,
    translation: str,
    terms: list[FoundTerm],
    enforced: list[bool],
    lost: set[int],
    translate: Translate,
) -> tuple[str, set[int]]:
    """Translate again the paragraphs that lost a placeholder, the French written in.

    Argos translates paragraphs (lines) one by one and joins them with newlines, so the
    lines of its output match the lines of its input; when they do not, nothing is retried.
    """
    source_lines = text.split("\n")
    output_lines = translation.split("\n")
    if len(source_lines) != len(output_lines):
        return translation, set()
    fixed: set[int] = set()
    offset = 0
    for n, line in enumerate(source_lines):
        line_end = offset + len(line)
        in_line = [
            t
            for t in lost
            if any(offset <= start and end <= line_end for start, end in terms[t].spans)
        ]
        if in_line:
            local = [
                FoundTerm(
                    term.hit,
                    [
                        (s - offset, e - offset)
                        for s, e in term.spans
                        if offset <= s and e <= line_end
                    ],
                )
                for term in terms
            ]
            written = _write_in(line, local, enforced)
            again = translate(written)
            if all(contains(again, local[t]) for t in in_line) and "\n" not in again:
                output_lines[n] = again
                fixed.update(in_line)
        offset = line_end + 1
    return "\n".join(output_lines), fixed


def _write_in(line: str, terms: list[FoundTerm], enforced: list[bool]) -> str:
    """The Arabic line with the enforced terms' French written in place of the Arabic."""
    spans = sorted((s, e, t) for t, term in enumerate(terms) if enforced[t] for s, e in term.spans)
    out, position = [], 0
    for start, end, t in spans:
        if start < position:
            continue
        out += [line[position:start], terms[t].french]
        position = end
    out.append(line[position:])
    return "".join(out)


def annotate_text(text: str, terms: list[FoundTerm]) -> str:
    """`text` with each term's French in brackets after its mentions: الأمن [sûreté]."""
    out, position = [], 0
    for start, end, term in _mentions(terms):
        if start < position:
            continue
        out += [text[position:end], f" [{term.french}]"]
        position = end
    out.append(text[position:])
    return "".join(out)


def _mentions(terms: list[FoundTerm]) -> Iterator[tuple[int, int, FoundTerm]]:
    yield from sorted(
        ((s, e, term) for term in terms for s, e in term.spans), key=lambda m: (m[0], m[1])
    )
