"""Arabic text handling: search keys, tokens, clitics and function words.

Every string keeps two forms: the surface form the corpus wrote (shown to users) and a
search key derived from it (used for matching, grouping and search, never shown).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Tashkeel, Quranic marks, superscript alef: meaning-neutral for matching.
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed]")
_TATWEEL = "\u0640"
# Bidi controls that copy-paste from web pages leaves inside words.
_BIDI = re.compile("[\u200c-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_KEY_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ڤ": "ف",
    "ڨ": "ق",
    "گ": "ك",
    "ک": "ك",
    "ی": "ي",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}
_KEY_MAP = str.maketrans(_KEY_LETTERS)
_KEY_PAIRS = tuple(_KEY_LETTERS.items())
# Above this length the letters are folded by str.replace, one letter at a time and only
# those present: translate looks each character up in a dict (60 ns a character, most
# of cleaning a corpus), a replace scans at memory speed.
_LONG = 200


def _fold_letters(text: str) -> str:
    if len(text) < _LONG:
        return text.translate(_KEY_MAP)
    for letter, folded in _KEY_PAIRS:
        if letter in text:
            text = text.replace(letter, folded)
    return text


_SPACES = re.compile(r"\s+")

ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
# A word: letters or digits, with the marks that may sit inside an Arabic word.
WORD = re.compile(r"[^\W_](?:[^\W_]|[\u064b-\u065f\u0670\u0640\u06d6-\u06ed])*")
LATIN_WORD = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9.\-']*$")


def search_key(text: str) -> str:
    """Return the matching key of `text`: folded hamza, alef, ya and ta marbuta, no marks.

    Idempotent, total (never raises) and length-preserving per word except for the
    removed marks, so keys can be compared and grouped safely.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _BIDI.sub("", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = _fold_letters(text)
    return _SPACES.sub(" ", text).strip()


def display_form(text: str) -> str:
    """Clean a surface form for display: no tatweel, no bidi marks, single spaces."""
    # Normalized last: taking a tatweel or a bidi mark out can bring two combining marks
    # together that NFC then puts in order (so a second pass changes nothing).
    text = _BIDI.sub("", text).replace(_TATWEEL, "")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def is_arabic(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its surface form, its key and where it stands."""

    surface: str
    key: str
    start: int
    end: int

    @property
    def is_arabic(self) -> bool:
        return is_arabic(self.surface)

    @property
    def is_number(self) -> bool:
        return self.key.isdigit()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into word tokens with character offsets (shifted by `offset`)."""
    return [
        Token(m.group(), token_key(m.group()), m.start() + offset, m.end() + offset)
        for m in WORD.finditer(text)
    ]


def token_key(token: str) -> str:
    """search_key of one word token, remembered: a corpus repeats its words, and a TUI
    session the texts it finds terms in."""
    key = _TOKEN_KEYS.get(token)
    if key is None:
        if len(_TOKEN_KEYS) >= _TOKEN_KEYS_MAX:
            _TOKEN_KEYS.clear()
        key = _TOKEN_KEYS[token] = search_key(token)
    return key


# Bounded, so a long-lived process (the TUI) never grows it without end.
_TOKEN_KEYS: dict[str, str] = {}
_TOKEN_KEYS_MAX = 1_000_000
# The key token_key remembers for a token, or None: for loops over every token of a
# corpus, where calling token_key itself costs a fifth of reading the words.
remembered_token_key = _TOKEN_KEYS.get


# --- Function words -------------------------------------------------------------------
# Keys (see search_key). A term never starts or ends with one of these.
_FUNCTION_WORDS_TEXT = """
في من الى إلى على عن مع عند لدى حتى منذ بين خلال نحو حول ضد دون عبر وفق تجاه قبل بعد
فوق تحت امام أمام وراء خلف لدى مثل غير سوى بدون ضمن لكن لكن بل او أو ام أم ثم اذا إذا
ان أن إن لن لم لا ما ماذا لماذا كيف متى اين أين هل قد لقد كان كانت يكون تكون كانوا
هذا هذه ذلك تلك هؤلاء اولئك أولئك الذي التي الذين اللذين اللتين اللواتي اللاتي هنا هناك
هو هي هم هن هما انا أنا نحن انت أنت انتم أنتم كل بعض اي أي أيضا ايضا فقط كذلك كما
حيث بينما عندما لما كلما إذ اذ إلا الا لكي كي لأن لان بأن بان وان وأن فإن فان لهذا
به بها بهم له لها لهم منه منها منهم عليه عليها عليهم فيه فيها فيهم اليه إليه اليها إليها
عنه عنها معه معها بينهم بينها بينهما لديه لديها ذات ذاته ذاتها نفس نفسه نفسها جميع كافة
عدة عدد أكثر اكثر أقل اقل جدا جداً يتم تم وقد فقد كما وكما ولا ولم وهو وهي وهذا وهذه
مما ممن عما فيما بما لما حين حينما وذلك إلى وإلى الى والى علي إنه انه أنه إنها انها أنها
سواء إضافة اضافة بالإضافة بالاضافة خاصة خصوصا خصوصاً مجرد أمس امس اليوم غدا
مختلف مختلفة معظم أغلب غالبية عديد العديد بعضها كلها
"""
FUNCTION_WORDS: frozenset[str] = frozenset(search_key(w) for w in _FUNCTION_WORDS_TEXT.split())


def is_function_word(key: str) -> bool:
    return key in FUNCTION_WORDS or key.isdigit() and len(key) < 4 or len(key) < 2


# --- Clitics ----------------------------------------------------------------------------
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
MIN_STEM = 3


def clitic_readings(key: str) -> Iterator[tuple[str, str]]:
    """Yield (proclitics, remainder) readings of a word key, longest proclitic first.

    لل stands for ل + ال, so its remainder gets the article back (للأمن → الأمن).
    """
    seen: set[str] = set()
    for conj in ("", *_CONJUNCTIONS):
        if conj and not key.startswith(conj):
            continue
        rest1 = key[len(conj) :]
        for prep in ("", *_PREPOSITIONS):
            if prep and not rest1.startswith(prep):
                continue
            rest = rest1[len(prep) :]
            prefix = conj + prep
            if prep == "ل" and rest.startswith("ل") and not rest.startswith(ARTICLE):
                rest = ARTICLE + rest[1:]
            if prefix and len(rest) >= MIN_STEM and rest not in seen:
                seen.add(rest)
                yield prefix, rest
    # Longest proclitic first is the usual reading (ولمراقبة → مراقبة).


def strip_proclitics(key: str, attested: Callable[[str], bool]) -> tuple[str, str]:
    """Strip proclitics from a word key only where the remainder is attested.

    Returns (proclitics, stem). A word whose readings are all unattested is kept whole,
    which protects names such as فرنسا or وهبي from a blind stemmer.
    """
    readings = sorted(clitic_readings(key), key=lambda r: -len(r[0]))
    for prefix, rest in readings:
        if attested(rest):
            return prefix, rest
    return "", key


def strip_article(key: str) -> str:
    """Drop a leading ال from a word key when a real stem remains (الحموشي → حموشي)."""
    if key.startswith(ARTICLE) and len(key) - 2 >= MIN_STEM - 1:
        return key[2:]
    return key


_JOINS_NEXT = ("عبد", "ابو")
_JOINS_PREVIOUS = ("الدين", "الله", "الاسلام")


def in_compound(word: str) -> bool:
    """Whether join_compounds may join this word key to a neighbour (عبد, الدين…)."""
    return word in _JOINS_NEXT or word in _JOINS_PREVIOUS


def join_compounds(key: str) -> str:
    """Join name compounds that are written with and without a space (عبد اللطيف)."""
    out: list[str] = []
    for word in key.split(" "):
        if out and (out[-1] in _JOINS_NEXT or word in _JOINS_PREVIOUS):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def group_key(key: str) -> str:
    """The key that groups spelling variants of one term into a single entry.

    Spacing of name compounds and the article on each word are ignored, so
    الحموشي/حموشي and عبد اللطيف/عبداللطيف fall together.
    """
    joined = join_compounds(key)
    return " ".join(strip_article(w) for w in joined.split(" "))
