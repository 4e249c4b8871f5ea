"""From a document's text to clean sentences: page furniture out, sentences split.

The seed files are copied web pages. What is not the article (comment forms, cookie
notices, share prompts, "read also" teasers, author boxes, counters, bylines, datelines)
must never reach the glossary, so it is removed here, before any mining.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossary.arabic import is_arabic, search_key


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: its text and where it starts in the document's text."""

    text: str
    start: int


# Lines that end the article: everything after them is the page around it.
_TAIL_MARKERS = [
    r"اضافه تعليق",
    r"اترك تعليق",
    r"اكتب تعليق",
    r"التعليقات",
    r"لن يتم نشر عنوان بريدك",
    r"مقالات ذات صله",
    r"مواضيع ذات صله",
    r"اخبار ذات صله",
    r"في نفس الركن",
    r"المزيد من الاخبار",
    r"شاركها على",
    r"شارك هذا",
    r"اعجبتك هذه",
    r"حول هذا الكاتب",
    r"زر الذهاب الى الاعلى",
]
# Lines that are furniture wherever they stand.
_LINE_PATTERNS = [
    r"ملفات تعريف الارتباط",
    r"\bcookies?\b",
    r"^(الرييسيه|الصفحه الرييسيه)",
    r"^اخر الاخبار$",
    r"^عاجل$",
    r"^(هييه التحرير|المحرر|بقلم|كتبه|متابعه)\b",
    r"^(الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)\b.{0,30}\d{4}",
    r"^\d{1,4}([/.:-]\d{1,4}){1,2}\b.{0,20}$",
    r"الحقول الالزاميه",
    r"تحميل مجله",
    r"الحقوق محفوظه",
    r"©",
    # share buttons and comment links sit above the article as often as below it
    r"^\W*(شارك المقال|شارك الخبر|اضف تعليقك?)\b",
    r"^-\s",
]
_TAIL_RE = re.compile("|".join(_TAIL_MARKERS))
_MARKER_WORDS = 25  # the longest line a tail marker ends the article from (author boxes)
_NOTICE_WORDS = 60  # the longest line a furniture pattern drops
# "Read also" links: news sites put them in the middle of an article as often as at its
# end. The line is dropped, and after a bare marker the headlines under it; the article
# goes on at its next sentence (the end of the page is found by the markers above).
_TEASER_RE = re.compile(r"^\W*(اقرا ايضا|اقرا كذلك|اقرا المزيد|يمكنك ايضا ان تقرا)\W*")
_LINE_RE = re.compile("|".join(_LINE_PATTERNS), re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?؟؛…])[\"”»']?\s+|\n+")
_FINAL_PUNCT = re.compile(r"[.!?؟؛…:\"”»]\s*$")


def line_keys(text: str) -> list[str | None]:
    """The search key of each line of `text` (split at "\n"), None for a blank line.

    Computed once per document when both repeated_keys and split_sentences need them:
    search_key over whole lines is most of the cleaning."""
    return [search_key(line) if line.strip() else None for line in text.split("\n")]


def clean_lines(
    text: str, repeated: frozenset[str] = frozenset(), keys: Sequence[str | None] | None = None
) -> list[tuple[str, int]]:
    """Keep the article's lines with their offsets; drop furniture.

    `repeated` holds keys of short lines seen in several documents (site furniture);
    `keys`, if given, is line_keys(text).
    """
    kept: list[tuple[str, int]] = []
    seen: set[str] = set()
    offset = 0
    body_started = False
    headlines = False  # under a bare "read also": the linked headlines
    for number, raw in enumerate(text.split("\n")):
        start = offset
        offset += len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        key = keys[number] if keys is not None else None
        if key is None:
            key = search_key(line)
        teaser = _TEASER_RE.match(key)
        if teaser:
            headlines = teaser.end() == len(key)
            continue
        words = key.count(" ") + 1  # keys have single spaces
        if headlines and words < 15 and not _FINAL_PUNCT.search(line):
            continue
        headlines = False
        if words <= _MARKER_WORDS and _is_tail_marker(key, words):
            if body_started:
                break
            continue
        if _is_furniture(line, key, words) or key in repeated or key in seen:
            continue
        seen.add(key)
        if words >= 12:
            body_started = True
        kept.append((line, start + raw.index(line[0])))
    return kept


def _is_tail_marker(key: str, words: int) -> bool:
    """Whether the line ends the article: a marker on a short line, or opening or
    closing a longer one (an author box ends "… حول هذا الكاتب"); inside a sentence it
    is a word of the article (وكثرت التعليقات حول سرعة التدخل …)."""
    found = _TAIL_RE.search(key)
    if found is None:
        return False
    if words <= 8:
        return True
    return not _LETTER.search(key, 0, found.start()) or not _LETTER.search(key, found.end())


_LETTER = re.compile(r"[^\W\d_]")


def _is_furniture(line: str, key: str, words: int) -> bool:
    if not is_arabic(line):
        return True  # counters, Latin banners, stray numbers in an Arabic article
    if words <= 1 and not _FINAL_PUNCT.search(line):
        return True
    # Notices are a few sentences at most; scanning every paragraph for them was a
    # third of the cleaning.
    if words <= _NOTICE_WORDS and _LINE_RE.search(key):
        return True
    # Bylines and source lines: short, dash-separated, no sentence punctuation.
    if words <= 8 and re.search(r"\s-|-\S", line) and not _FINAL_PUNCT.search(line):
        return not re.search(r"\d{4}", line)
    return False


def repeated_lines(texts: Sequence[str], min_documents: int = 2) -> frozenset[str]:
    """Keys of short lines found in several documents: the site's own furniture."""
    return repeated_keys((line_keys(text) for text in texts), min_documents)


def repeated_keys(
    documents: Iterable[Sequence[str | None]], min_documents: int = 2
) -> frozenset[str]:
    """repeated_lines from each document's line_keys."""
    counts: Counter[str] = Counter()
    for keys in documents:
        distinct = {k for k in keys if k is not None}
        counts.update(k for k in distinct if len(k.split()) <= 10)
    return frozenset(k for k, n in counts.items() if n >= min_documents)


def split_sentences(
    text: str, repeated: frozenset[str] = frozenset(), keys: Sequence[str | None] | None = None
) -> list[Sentence]:
    """The document's clean sentences, each with its offset in `text` (`keys`, if given,
    is line_keys(text))."""
    sentences: list[Sentence] = []
    for line, line_start in clean_lines(text, repeated, keys):
        pos = 0
        for match in _SENTENCE_END.finditer(line + "\n"):
            piece = line[pos : match.start()]
            _add(sentences, piece, line_start + pos)
            pos = match.end()
        if pos < len(line):
            _add(sentences, line[pos:], line_start + pos)
    return sentences


def _add(sentences: list[Sentence], piece: str, start: int) -> None:
    stripped = piece.strip()
    if stripped and is_arabic(stripped):
        sentences.append(Sentence(stripped, start + piece.index(stripped[0])))
