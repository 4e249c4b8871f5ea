"""What the miner reads and makes: sentences, phrases, mentions and mined entries.

The data model of glossary.mining, apart from the mining itself.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field

from glossary.arabic import search_key
from glossary.compose import is_plural
from glossary.equivalents import Equivalent, merge_evidence, propose_equivalents
from glossary.french import pluralize
from glossary.lexicon import Lexicon, LexiconEntry
from glossary.units import Word


@dataclass(frozen=True, slots=True)
class SentenceText:
    document: int
    index: int
    text: str
    start: int  # offset of the sentence in its document


# One mention: (sentence id, start, end, surface), offsets in the document, clitics
# excluded. A plain tuple, made and kept by the million, and the very row the store
# writes (glossary.store.OccurrenceRow).
Occurrence = tuple[int, int, int, str]

# A ranked candidate (not a glossary entry) keeps this many of its occurrences, in
# corpus order, for its examples; its counts stay whole. At a million words candidates
# had 660,000 of the 950,000 occurrences: making and writing them cost a tenth of a build.
CANDIDATE_OCCURRENCES = 50


@dataclass(slots=True)
class MinedEntry:
    key: str
    kind: str
    forms: Counter[str] = field(default_factory=Counter)
    occurrences: list[Occurrence] = field(default_factory=list)
    lexicon: LexiconEntry | None = None
    sources: set[str] = field(default_factory=set)
    termhood: float = 0.0
    specificity: float = 0.0
    score: float = 0.0
    is_glossary: bool = False
    equivalents: list[Equivalent] = field(default_factory=list)
    evidence: Counter[str] = field(default_factory=Counter)  # Latin names in parentheses
    composed: Counter[str] = field(default_factory=Counter)  # French built from the parts
    documents: int = 0  # documents the occurrences are in (set by Miner.mine)
    plural: str = ""  # the corpus's plural form, shown when it never uses the lexicon's singular
    # Mentions counted (in `forms`) but not listed: a ranked candidate lists examples only.
    unlisted: int = 0
    unlisted_documents: set[int] = field(default_factory=set)

    @property
    def ar(self) -> str:
        """The form to show: the lexicon's own when the corpus uses it, else the fullest."""
        if self.lexicon is not None:
            canonical = search_key(self.lexicon.ar)
            for form in self.forms:
                if search_key(form) == canonical:
                    return form
            # the standard name (the corpus's forms are variants), or its plural when
            # that is how the corpus always writes the term (العبوات الناسفة)
            return self.plural or self.lexicon.ar
        if self.forms:
            return max(self.forms.items(), key=lambda f: (len(f[0].split()), f[1]))[0]
        return self.lexicon.ar if self.lexicon else self.key

    @property
    def frequency(self) -> int:
        return len(self.occurrences) + self.unlisted

    def record(self, occurrence: Occurrence) -> None:
        self.forms[occurrence[3]] += 1
        self.occurrences.append(occurrence)


@dataclass(slots=True)
class Phrase:
    sentence: SentenceText
    units: tuple[Word, ...]  # shared per written form: offsets are kept beside them
    starts: array[int]  # offsets of the units in the document
    ends: array[int]


# A recognised span of a phrase, read to the end (what Miner._recognise records):
# start, end, kind, source, lexicon index (-1 for none: an index crosses processes),
# composed French, entry key, standalone (not inside another mention of the phrase),
# occurrence. A plain tuple, not a NamedTuple: a forked half sends 100,000 of them at a
# million words, and a plain tuple pickles in half the time.
Mention = tuple[int, int, str, str, int, str, str, bool, Occurrence]


def span_text(
    phrase: Phrase, start: int, end: int, conjunction: bool = False
) -> tuple[str, int, int]:
    """Display text of units [start, end) with the first unit's clitics removed.

    `conjunction`: the context says the first word's و is the conjunction (a list item)."""
    first = phrase.units[start]
    first_end, last_end = phrase.ends[start], phrase.ends[end - 1]
    offset = phrase.sentence.start
    bare = first.bare_surface
    if conjunction and bare == first.surface and bare.startswith("و"):
        bare = bare[1:]
    text = bare + phrase.sentence.text[first_end - offset : last_end - offset]
    begin = max(phrase.starts[start], first_end - len(bare))
    if "  " in text or not text.isprintable():  # any whitespace but single spaces
        text = " ".join(text.split())
    return text, begin, last_end


def corpus_plural(entry: MinedEntry) -> str:
    """The corpus's form of a lexicon term it only ever writes in the plural, or ""."""
    lexicon = entry.lexicon
    if lexicon is None or entry.kind != "term" or not lexicon.fr or not entry.forms:
        return ""
    canonical = search_key(lexicon.ar)
    if any(search_key(form) == canonical for form in entry.forms):
        return ""
    form = entry.forms.most_common(1)[0][0]
    if is_plural(form) and is_plural(lexicon.ar) is False:
        return form
    return ""


# French built from two curated parts (a title and an institution): likely, not certain.
COMPOSED_CONFIDENCE = 0.6


def entry_equivalents(entry: MinedEntry, lexicon: Lexicon) -> list[Equivalent]:
    """The entry's French, best first: what the lexicon, composition and transliteration
    propose (plural when the corpus writes the term so), the corpus's parentheses
    outranking guesses."""
    entry.plural = corpus_plural(entry)
    proposed = propose_equivalents(entry.ar, entry.kind, entry.lexicon, lexicon)
    if entry.plural and proposed and proposed[0].origin == "lexicon":
        first = proposed[0]
        proposed[0] = Equivalent(
            pluralize(first.fr), first.acronym, first.origin, first.confidence, first.note
        )
    if entry.composed and entry.lexicon is None:
        built = entry.composed.most_common(1)[0][0]
        proposed.insert(0, Equivalent(built, "", "compositional", COMPOSED_CONFIDENCE))
    return merge_evidence(proposed, entry.evidence)
