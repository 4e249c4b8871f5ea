"""Noun phrases of the domain that occur even once (الخبرة الأمنية, منصات إلكترونية).

A phrase of 2–4 words is a term when it has a term's shape (see shapes.term_phrase), holds
a word of the domain (a word of the curated terms, or one the word lexicon tags as ours)
or is one of the word lexicon's set expressions, and its French can be composed (so every
word is known: unknown words are left to the statistics). Longest first; never across or
inside a recognised name. The miner records what is found (glossary.mining).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from glossary.arabic import is_function_word, strip_article
from glossary.compose import Composition, compose_french
from glossary.lexicon import Lexicon
from glossary.mined import Occurrence, Phrase, span_text
from glossary.shapes import (
    adjective_ends,
    entangled,
    is_head_noun,
    tails_fit,
    term_head,
    term_tail,
)
from glossary.termhood import candidate_key
from glossary.units import Word
from glossary.words import expression_openers, is_domain_word

# A domain noun phrase needs a composed French at least this sure to become an entry.
DOMAIN_PHRASE_CONFIDENCE = 0.55


class DomainPhrases:
    """Finds domain phrases; remembers, for one build, each written form's shape and
    each phrase's composed French (both recur)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.domain_words = frozenset(
            strip_article(w)
            for e in lexicon.entries
            if e.kind == "term"
            for f in e.forms
            for w in lexicon.key_of(f).split(" ")
            if not is_function_word(w)
        )
        # Per written form (Word): may it head a domain phrase, follow its head, and is it
        # a word of the domain.
        self._shapes: dict[Word, tuple[bool, bool, bool]] = {}
        self._composed: dict[str, Composition | None] = {}

    def mentions(
        self,
        phrases: Iterable[tuple[int, Phrase]],
        recognised: dict[int, list[tuple[int, int, str]]],
        occurrence: Callable[[Phrase, int, int], Occurrence],
    ) -> list[tuple[int, list[tuple[int, int, str, Occurrence]]]]:
        """The domain phrases of (index, phrase) pairs, beside the spans recognised in
        them: (start, end, key, occurrence), per phrase that has any."""
        found: list[tuple[int, list[tuple[int, int, str, Occurrence]]]] = []
        known_shape = self._shapes.get  # asked first: a call per word costs more
        for p_index, phrase in phrases:
            units = phrase.units
            shapes = [known_shape(u) or self.shape(u) for u in units]
            spans = list(recognised.get(p_index, []))
            # Recognised terms a domain phrase may end (فتح | تحقيق قضائي): their object.
            term_ends = {(s, e) for s, e, kind in spans if kind == "term"}
            used: set[int] = set()
            outer: set[tuple[int, int]] = set()  # three-word domain phrases found
            terms: list[tuple[int, int, str, Occurrence]] = []
            tails = [shape[1] for shape in shapes]
            ours = [shape[2] for shape in shapes]
            adjectives = adjective_ends(units)  # وضعية غير نظامية, شبكة عابرة للحدود
            openers = expression_openers()
            for length in (4, 3, 2) if adjectives else (3, 2):
                for i in range(len(units) - length + 1):
                    j = i + length
                    # term_phrase(units[i:j]), from the words' shapes
                    if not shapes[i][0] or not tails_fit(tails, adjectives, i, j):
                        continue
                    if length == 4 and not any(e == j for e in adjectives.values()):
                        continue  # four words only to end with a multiword adjective
                    domain = True in ours[i:j]  # (C-level tests: a window is 2-4 words)
                    if not domain and units[i].inner not in openers:
                        continue  # no word of the domain, and no set expression
                    # The last two words of a three-word domain phrase are a term of
                    # their own (عمليات | الاحتيال الرقمي): nested terms are kept.
                    tail = length == 2 and (i - 1, j) in outer and is_head_noun(units[i].inner)
                    if not tail and not used.isdisjoint(range(i, j)):
                        continue
                    # The same holds at the end of a recognised term (فتح | تحقيق قضائي).
                    if any(
                        (entangled(i, j, s, e, "term") or (s, e) == (i, j))
                        and not (tail and i - 1 <= s and e <= j)  # inside the outer one
                        and not (e == j and s < i and (s, e) in term_ends and _object(units, i))
                        for s, e, _k in spans
                    ):
                        continue
                    text = span_text(phrase, i, j)[0]
                    composed = self.compose(text)
                    if composed is None or composed.confidence < DOMAIN_PHRASE_CONFIDENCE:
                        continue
                    if "agreement fallback" in composed.pattern:
                        continue  # the adjective agrees with no head: it belongs further on
                    if not domain and composed.pattern != "expression":
                        continue  # قنبلة صوتية: a set phrase of the word lexicon, whole
                    used.update(range(i, j))
                    if length == 3:
                        outer.add((i, j))
                    terms.append((i, j, _group_key(units[i:j]), occurrence(phrase, i, j)))
                    spans.append((i, j, "term"))
            if terms:
                found.append((p_index, terms))
        return found

    def shape(self, word: Word) -> tuple[bool, bool, bool]:
        """(term_head, term_tail, word of the domain) of a word, remembered."""
        found = self._shapes.get(word)
        if found is None:
            domain = (
                word.inner in self.domain_words
                or word.first in self.domain_words
                or is_domain_word(word.inner)
            )
            found = self._shapes[word] = (term_head(word), term_tail(word), domain)
        return found

    def compose(self, text: str) -> Composition | None:
        """compose_french, remembered for the build: a phrase recurs."""
        if text not in self._composed:
            self._composed[text] = compose_french(text)
        return self._composed[text]


def _group_key(units: Sequence[Word]) -> str:
    return " ".join(candidate_key(units))


def _object(units: Sequence[Word], i: int) -> bool:
    """Whether a noun phrase starts at units[i] inside a longer term, as its object
    (فتح | تحقيق قضائي): after a preposition, or a head noun with no preposition of its
    own (المطالب | بالحق المدني is a complement), never after غير (غير | المشروع)."""
    before, head = units[i - 1], units[i]
    if before.key == "غير":
        return False
    return before.is_function or (head.bare_surface == head.surface and is_head_noun(head.inner))
