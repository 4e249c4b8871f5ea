"""French equivalents: where each comes from and how sure we are of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from glossary.arabic import group_key, search_key
from glossary.french import fold, is_acronym
from glossary.lexicon import Lexicon, LexiconEntry

ORIGINS = ("lexicon", "corpus", "transliteration", "compositional", "mt", "manual")

# Confidence by origin: a curated row is near-certain, a guessed name is not.
LEXICON_CONFIDENCE = 0.95
LEXICON_BASE_CONFIDENCE = 0.8  # the lexicon names the term without its qualifier
CORPUS_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class Equivalent:
    fr: str
    acronym: str
    origin: str
    confidence: float
    note: str = ""


def from_lexicon(entry: LexiconEntry, confidence: float = LEXICON_CONFIDENCE) -> Equivalent:
    return Equivalent(entry.fr, entry.acronym, "lexicon", confidence, entry.source)


def propose_equivalents(
    ar: str, kind: str, lexicon_entry: LexiconEntry | None, lexicon: Lexicon
) -> list[Equivalent]:
    """French equivalents for an entry, best first."""
    if lexicon_entry is not None and (lexicon_entry.fr or lexicon_entry.acronym):
        return [from_lexicon(lexicon_entry)]
    base = _lexicon_base(ar, lexicon)
    if base is not None:
        return [from_lexicon(base, LEXICON_BASE_CONFIDENCE)]
    if kind == "place":
        return _place_name(ar)
    if kind in ("term", "organisation", "event"):
        from glossary.compose import compose_french

        composed = compose_french(ar)
        if composed is not None:
            return [
                Equivalent(composed.fr, "", "compositional", composed.confidence, composed.pattern)
            ]
    if kind == "person":
        from glossary.names import render_name

        rendering = render_name(ar)
        if rendering.fr:
            return [Equivalent(rendering.fr, "", "transliteration", rendering.confidence)]
    return []


TRANSLITERATED_PLACE_CONFIDENCE = 0.3


def _place_name(ar: str) -> list[Equivalent]:
    """A place the lexicon lacks: its head in French, its name transliterated (a guess)."""
    from glossary.names import transliterate_word
    from glossary.recognize import PLACE_HEADS

    words = ar.split()
    head = PLACE_HEADS.get(group_key(search_key(words[0]))) if len(words) > 1 else None
    name = " ".join(transliterate_word(w) for w in (words[1:] if head else words))
    if not name.strip():
        return []
    fr = f"{head} {name}" if head else name
    return [Equivalent(fr, "", "transliteration", TRANSLITERATED_PLACE_CONFIDENCE)]


def merge_evidence(proposed: list[Equivalent], evidence: Counter[str]) -> list[Equivalent]:
    """Add what the corpus says in parentheses; it outranks every guess.

    An acronym the corpus gives completes a lexicon name that has none; a French name
    from the corpus goes before transliterations and compositions.
    """
    if not evidence:
        return proposed
    result = list(proposed)
    for text, _count in evidence.most_common():
        if is_acronym(text):
            if result and result[0].origin == "lexicon" and not result[0].acronym:
                first = result[0]
                result[0] = Equivalent(
                    first.fr,
                    text,
                    first.origin,
                    first.confidence,
                    first.note + "; acronym from the corpus",
                )
            elif not any(e.acronym == text for e in result):
                result.append(Equivalent("", text, "corpus", CORPUS_CONFIDENCE))
        else:
            same = [e for e in result if fold(e.fr) == fold(text)]
            if not same or same[0].origin not in ("lexicon", "manual"):
                # The corpus confirms a guess (or says something new): it is evidence now.
                result = [e for e in result if e not in same]
                result.append(Equivalent(text, "", "corpus", CORPUS_CONFIDENCE))
    trusted = [e for e in result if e.origin in ("lexicon", "manual")]
    corpus = [e for e in result if e.origin == "corpus"]
    guesses = [e for e in result if e.origin not in ("lexicon", "manual", "corpus")]
    if corpus and not trusted:  # a bare corpus acronym joins the corpus French name
        names = [e for e in corpus if e.fr]
        acronyms = [e for e in corpus if not e.fr]
        if names and acronyms:
            corpus = [
                Equivalent(names[0].fr, acronyms[0].acronym, "corpus", CORPUS_CONFIDENCE),
                *names[1:],
                *acronyms[1:],
            ]
    return trusted + corpus + guesses


def _lexicon_base(ar: str, lexicon: Lexicon) -> LexiconEntry | None:
    """A lexicon row naming the entry minus trailing qualifiers (… الفرنسي, … المغربية)."""
    words = group_key(search_key(ar)).split(" ")
    for end in range(len(words) - 1, 0, -1):
        tail = words[end:]
        if not all(w in QUALIFIERS for w in tail):
            break
        found = lexicon.by_units.get(tuple(words[:end]))
        if found is not None and found.kind != "term":
            return found
    return None


# Nationality words that qualify a name without changing what it names
# (الشرطة الوطنية الفرنسية, وزير الداخلية المغربي); keys without the article.
QUALIFIERS = frozenset(
    group_key(search_key(w))
    for w in [
        "الفرنسي",
        "الفرنسية",
        "المغربي",
        "المغربية",
        "الإسباني",
        "الإسبانية",
        "الجزائري",
        "الجزائرية",
        "بالجمهورية",
        "الفرنسية",
        "بالمغرب",
        "بفرنسا",
    ]
)
