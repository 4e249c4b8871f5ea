"""French equivalents composed for Arabic noun phrases that the curated lexicon lacks.

Words come from data/words.csv; the patterns of Arabic noun phrases put them together: noun +
adjectives, the construct chain (idafa), prepositional complements, a few fixed patterns. Arabic
noun phrases are head-first like French ones, so what has to be decided is agreement, which head
an adjective belongs to and which complements take an article. Results are suggestions:
confidence stays within 0.3-0.7, below curated entries, and an unknown word or structure gives
None, never Arabic in the French.

Complements: a definite Arabic complement takes the French article (contrôle des frontières,
ministre de la Santé) unless the head is one of _KIND_HEADS, whose complement says what kind of
thing it is about and takes a bare "de" (trafic de migrants, échange d'informations); so does an
indefinite complement. مكافحة X is "lutte contre le/la/les X". الهجرة is "migration" (IOM usage),
so الهجرة غير النظامية is "migration irrégulière".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from glossary.arabic import search_key
from glossary.words import (
    Word,
    analyses,
    fits,
    word_lexicon,
)


@dataclass(frozen=True, slots=True)
class Composition:
    """A composed French equivalent, how sure we are of it and the rules that made it."""

    fr: str
    confidence: float  # 0.3..0.7; lower for long phrases, guessed agreement or prepositions
    pattern: str  # rules used, in order, e.g. "noun+adj + construct", "lutte contre X"


@dataclass(frozen=True, slots=True)
class _Reading:
    word: Word
    tag: str  # Arabic suffix: "" as listed, "f" ة, "at" ات, "un" ين/ون, "uy" ي/و in construct
    definite: bool
    clitic: str  # fused proclitics: "", "و", "ل", "ب", "ول", "وب"
    size: int  # tokens covered
    negated: bool = False  # غير + an adjective without a row of its own: "non X"


@dataclass(eq=False, slots=True)
class _Phrase:
    reading: _Reading
    link: str = ""  # how it hangs on its head: "construct", "ل", "ب" or a _PREPOSITIONS key
    first: _Phrase | None = None  # the first conjunct when this one follows و
    adjs: list[tuple[_Reading, bool]] = field(default_factory=list)  # (adjective, after و)
    comps: list[_Phrase] = field(default_factory=list)
    coords: list[_Phrase] = field(default_factory=list)


@dataclass(slots=True)
class _Score:
    units: int = 0
    penalty: float = 0.0
    patterns: dict[str, None] = field(default_factory=dict)  # ordered set

    def note(self, pattern: str, penalty: float = 0.0) -> None:
        self.patterns[pattern] = None
        self.penalty += penalty


# Preposition words: French, whether the complement takes the article, and a penalty where the
# French is only the likeliest reading (في is not always "dans"; على mostly marks an object).
_PREPOSITIONS: dict[str, tuple[str, bool, float]] = {
    "في": ("dans", True, 0.1),
    "من": ("de", True, 0.1),
    "علي": ("de", True, 0.1),
    "ضد": ("contre", True, 0.0),
    "مع": ("avec", True, 0.1),
    "بين": ("entre", True, 0.0),
    "حول": ("sur", True, 0.1),
    "الي": ("vers", True, 0.1),
    "عبر": ("à travers", True, 0.1),
    "في مجال": ("en matière de", False, 0.0),
    "في ميدان": ("en matière de", False, 0.0),
    "في اطار": ("dans le cadre de", True, 0.0),
    "علي مستوي": ("au niveau de", True, 0.0),
    "من اجل": ("pour", True, 0.0),
}
# Heads whose complement says what kind of thing they are about: bare "de" (trafic de migrants).
_KIND_HEADS_TEXT = """
trafic traite contrebande commerce échange blanchiment saisie détention possession transport
importation exportation vente revente achat production culture consommation stockage réseau cellule
groupe bande quantité cargaison tonne trafiquant revendeur contrebandier consommateur plan programme
politique centre brigade unité tentative état demandeur force carte titre permis nombre taux agent
officier service session atelier camp acte commissaire inspecteur gardien brigadier commissariat
poste école académie véhicule voiture uniforme chien procédure demande devoir
"""
_KIND_HEADS = frozenset(_KIND_HEADS_TEXT.split())
_TRADE_HEADS = frozenset({"trafic", "traite", "commerce", "contrebande", "trafiquant"})
_AGAINST_HEADS = frozenset({"lutte", "guerre", "attaque", "agression", "offensive"})
_PRENOMINAL_TEXT = (
    "bon nouveau grand petit premier dernier haut ancien faux prochain vaste double "
    "deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième"
)
_PRENOMINAL = frozenset(_PRENOMINAL_TEXT.split())
_H_ASPIRE_TEXT = """haine harcèlement haschich hausse haut hauteur hasard hiérarchie handicap hangar
hooliganisme honte héros halte hameçonnage"""
_H_ASPIRE = frozenset(_H_ASPIRE_TEXT.split())
_CONTRACTIONS = {
    ("de", "le "): "du ",
    ("de", "les "): "des ",
    ("à", "le "): "au ",
    ("à", "les "): "aux ",
}
_ALL = frozenset({"m", "f", "mp", "fp"})
_ARABIC_WORDS = re.compile("[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*")


def adjective_words(tokens: list[str], i: int) -> int:
    """How many words from tokens[i] (word keys) a multiword adjective of the word
    lexicon covers (عابرة للحدود, غير نظامية, ذات طابع إرهابي); 0 for none."""
    return max(
        (r.size for r in _match(tokens, i, True) if r.word.pos == "adj" and r.size > 1),
        default=0,
    )


def _match(tokens: list[str], i: int, inner: bool) -> list[_Reading]:
    """Readings of the longest lexicon rows that start at token i (none when unknown)."""
    found: list[_Reading] = []
    for clitic, definite, base, tag in analyses(tokens[i], inner):
        for word in word_lexicon().get(base, ()):
            if i + len(word.key) > len(tokens):
                continue
            rest = [  # the other words of a multiword row: غير النظامية, العابرة للحدود
                next(((d, t) for _, d, b, t in analyses(tokens[i + k], True) if b == key), None)
                for k, key in enumerate(word.key[1:], start=1)
            ]
            more = [r for r in rest if r is not None]
            if len(more) < len(rest):
                continue
            wtag = next((t for t in [tag, *(t for _, t in more)] if t), "")
            # The article may sit on a later word: غير النظامية, قاضي التحقيق.
            known = definite or any(d for d, _ in more)
            if fits(word, wtag):
                found.append(_Reading(word, wtag, known, clitic, len(word.key)))
    if not found and tokens[i] == "غير" and i + 1 < len(tokens):
        found = [
            replace(r, size=r.size + 1, negated=True)
            for r in _match(tokens, i + 1, True)
            if r.word.pos == "adj" and not r.clitic
        ]
    longest = max((r.size for r in found), default=0)
    return [r for r in found if r.size == longest]


def _classes(r: _Reading) -> frozenset[str]:
    """Arabic agreement: an adjective's form, or the forms a noun takes (m, f, mp, fp)."""
    w, adj, head = r.word, r.word.pos == "adj", r.word.ar.split(" ")[0]
    if r.tag in ("un", "uy"):
        return frozenset({"mp"})
    if r.tag == "at" or w.key[0].endswith("ات"):  # things in the plural take a feminine adjective
        return frozenset({"fp"} if adj else {"f", "fp"})
    if r.tag == "f" or head.endswith(("ة", "اء")) or w.key[0] in ("حرب", "ارض"):
        return frozenset({"f"})
    if not w.fr:  # broken plural or dual: whether it names persons (mp) or not (f) is unknown
        return frozenset({"mp"} if adj else {"f", "mp", "fp"})
    return _ALL if head.endswith("ى") else frozenset({"m"})  # كبرى is feminine, أعلى is not


def _definite(p: _Phrase) -> bool:
    """A construct chain is definite when its complement is (تبادل المعلومات)."""
    chain = bool(p.comps) and p.comps[0].link == "construct" and _definite(p.comps[0])
    return p.reading.definite or chain


def _noun_form(r: _Reading) -> tuple[str, str, bool]:
    """French noun, gender and plural for a noun reading."""
    w = r.word
    if r.tag == "f":
        return w.fr_f, "f", False
    if r.tag == "at" and w.fr_f_pl and not w.key[0].endswith("ه"):
        return w.fr_f_pl, "f", True  # مهاجرات → migrantes
    if r.tag in ("at", "un", "uy") or not w.fr:
        return w.fr_pl, w.gender, True
    return w.fr, w.gender, False


def _adj_text(adj: _Reading, gender: str, plural: bool) -> str:
    w = adj.word
    forms = {("m", False): w.fr, ("f", False): w.fr_f, ("m", True): w.fr_pl, ("f", True): w.fr_f_pl}
    text = forms[(gender, plural)] or w.fr or w.fr_pl  # phrase adjectives are invariable
    return "non " + text if adj.negated else text


def _place(readings: list[_Reading], stack: list[_Phrase], link: str, score: _Score) -> bool:
    """Attach one word to the open phrases (`stack`, outermost first), or return False."""
    adjs = [r for r in readings if r.word.pos == "adj" and r.clitic in ("", "و") and not link]
    for adj in adjs:
        heads = []  # the open heads it agrees with, nearest first
        for p in reversed(stack):
            # رفيع المستوى, متعدد الأطراف carry their own article or none: both agree.
            either = adj.size > 1 and adj.word.key[0] != "غير"
            if _classes(adj) & _classes(p.reading) and (either or adj.definite == _definite(p)):
                heads.append(p)
            if p.link != "construct":  # a head's adjectives come before its prepositions
                break
        if heads:
            if len({_adj_text(adj, *_noun_form(h.reading)[1:]) for h in heads}) > 1:
                score.note("guessed agreement", 0.1)  # another head agrees: nearest one taken
            _add_adj(adj, heads[0], stack, score)
            return True
    last = stack[-1]
    for r in readings:
        fused = r.clitic.lstrip("و")
        if r.word.pos != "noun" or (fused and link):
            continue
        new = _Phrase(r, link or fused)
        if r.clitic.startswith("و") and not link:
            # Join the nearest open phrase written alike: in غسل الأموال وتمويل الإرهاب, تمويل
            # (no article) joins غسل, not الأموال; ولمراقبة joins the last phrase after لـ.
            while len(stack) > 1 and (
                stack[-1].link != fused if fused else stack[-1].reading.definite != r.definite
            ):
                stack.pop()
            first = stack[-1].first or stack[-1]
            new.link, new.first = stack[-1].link, first
            first.coords.append(new)
            stack[-1] = new
            score.note("coordination")
            return True
        if not new.link and (last.reading.definite or last.adjs or last.comps):
            continue  # only a noun without article or modifiers opens a construct chain
        new.link = new.link or "construct"
        last.comps.append(new)
        stack.append(new)
        return True
    if adjs:  # no head agrees: keep the nearest one but say so
        score.note("agreement fallback", 0.1)
        _add_adj(adjs[0], last, stack, score)
    return bool(adjs)


def _add_adj(adj: _Reading, head: _Phrase, stack: list[_Phrase], score: _Score) -> None:
    head.adjs.append((adj, adj.clitic == "و"))
    while stack[-1] is not head:  # what followed the head is closed now
        stack.pop()
    score.note("noun+adj")
    if adj.negated:
        score.note("non + adj", 0.1)


def _parse(tokens: list[str], score: _Score) -> _Phrase | None:
    """The phrase tree of a whole term, or None when a word or a structure is unknown."""
    stack: list[_Phrase] = []  # the open spine: the head noun, its last complement, ...
    link, i = "", 0
    while i < len(tokens):
        pair = " ".join(tokens[i : i + 2])
        if stack and not link and (pair in _PREPOSITIONS or tokens[i] in _PREPOSITIONS):
            link = pair if pair in _PREPOSITIONS else tokens[i]
            i += link.count(" ") + 1
            continue
        readings = _match(tokens, i, inner=bool(stack))
        score.units += 1
        i += readings[0].size if readings else 0
        if not stack:
            nouns = [r for r in readings if r.word.pos == "noun"]
            if not nouns:
                return None
            stack.append(_Phrase(nouns[0]))
        elif not readings or not _place(readings, stack, link, score):
            return None
        link = ""
    return None if link else stack[0].first or stack[0]


def _elides(text: str) -> bool:
    first = re.split(r"[ \-]", text, maxsplit=1)[0].casefold()
    if first.startswith("h"):
        return first not in _H_ASPIRE
    return first[:1] in set("aeiouâàäéèêëîïôöûùüœæ")


def _join(prep: str, text: str, article: bool, gender: str, plural: bool) -> str:
    """prep + (article) + text with French elision and contraction: de + le → du."""
    if not article:
        elide = (prep == "de" or prep.endswith(" de")) and _elides(text)
        return f"{prep[:-2]}d'{text}" if elide else f"{prep} {text}"
    if plural:
        art = "les "
    else:
        art = "l'" if _elides(text) else "le " if gender == "m" else "la "
    lead, _, last = prep.rpartition(" ")
    return f"{lead} {_CONTRACTIONS.get((last, art), f'{last} {art}')}{text}".lstrip()


def _head_text(p: _Phrase, capital: bool) -> str:
    """The noun and its adjectives in French, agreeing with the noun."""
    noun, gender, plural = _noun_form(p.reading)
    before: list[str] = []
    after: list[str] = []
    for adj, joined in p.adjs:
        text = _adj_text(adj, gender, plural)
        if text.endswith("-"):  # cyber-: a prefix (cybersécurité, cyberattaques)
            noun = text[:-1] + noun
        elif adj.word.fr in _PRENOMINAL and not adj.negated:
            before.append("nouvel" if text == "nouveau" and _elides(noun) else text)
        elif joined and after:
            after[-1] += " et " + text
        else:
            after.append(text)
    if capital:  # ministry names: ministre de la Santé
        noun = noun[:1].upper() + noun[1:]
    return " ".join([*before, noun, *after])


def _complement(head: _Phrase, comp: _Phrase, score: _Score) -> str:
    """The French of one complement with its preposition and article."""
    head_fr, link = head.reading.word.fr or head.reading.word.fr_pl, comp.link
    # Plural-only rows (مصالح → services) are looked up by their singular.
    kind = head_fr in _KIND_HEADS or head_fr.removesuffix("s") in _KIND_HEADS
    trade = link in ("في", "ب") and head_fr in _TRADE_HEADS  # الاتجار في المخدرات
    capital = False
    if head_fr in _AGAINST_HEADS and link in ("construct", "ل", "علي"):
        prep, article = "contre", True  # مكافحة الإرهاب, الحرب على الإرهاب
        score.note("lutte contre X" if head_fr == "lutte" else "على → contre")
    elif link == "construct" and head_fr in ("ministre", "ministère"):
        prep, article, capital = "de", True, True
        score.note("ministre de X")
    elif link in ("construct", "ل") or (link, kind) == ("من", True) or trade:
        prep = "de"  # "de lutte contre": commission nationale de lutte contre la corruption
        article = _definite(comp) and not kind and comp.reading.word.fr != "lutte"
        score.note("construct" if link == "construct" else f"{link} → de")
    elif link == "ب":  # بـ after other nouns: often an object, sometimes "par" or "avec"
        prep, article = "de", True
        score.note("ب → de", 0.1)
    else:
        prep, article, penalty = _PREPOSITIONS[link]
        score.note(f"{link} → {prep}", penalty)
    _, gender, plural = _noun_form(comp.reading)
    return _join(prep, _render(comp, score, capital), article, gender, plural)


def _render(p: _Phrase, score: _Score, capital: bool = False) -> str:
    parts = [_head_text(p, capital)]
    for comp in p.comps:
        parts.append(" et ".join(_complement(p, c, score) for c in [comp, *comp.coords]))
    return " ".join(parts)


def compose_french(ar: str) -> Composition | None:
    """Compose a French equivalent for an Arabic term as written in a text, or None.

    The term starts with a noun and has no leading clitic; inner words may have one (للحدود).
    None when a word or a structure is unknown, or the input is not Arabic words only.
    """
    key = search_key(ar)
    if not _ARABIC_WORDS.fullmatch(key) or key.count(" ") > 12:
        return None
    score = _Score()
    root = _parse(key.split(" "), score)
    if root is None:
        return None
    fr = " et ".join(_render(p, score) for p in [root, *root.coords])
    if score.units == 1 and " " in key:
        score.note("expression")
        confidence = 0.6  # a row of several words (تجارة المخدرات): a set expression
    elif score.units == 1:
        score.note("word")
        confidence = 0.5  # one word out of context: the lexicon's sense may not be the text's
    else:  # each word beyond two is one more chance of a wrong sense or attachment
        confidence = 0.7 - 0.05 * (score.units - 2) - score.penalty
    if confidence < 0.3 - 1e-9:
        return None  # too uncertain to suggest
    return Composition(fr, round(confidence, 2), " + ".join(score.patterns))


def compose_object(prep: str, ar: str) -> Composition | None:
    """`ar` composed as the object of a French preposition, with its article:
    compose_object("à", "مكافحة الإرهاب") → "à la lutte contre le terrorisme"."""
    key = search_key(ar)
    if not _ARABIC_WORDS.fullmatch(key):
        return None
    score = _Score()
    root = _parse(key.split(" "), score)
    base = compose_french(ar)
    if root is None or base is None:
        return None
    _, gender, plural = _noun_form(root.reading)
    return Composition(_join(prep, base.fr, True, gender, plural), base.confidence, base.pattern)


def is_plural(ar: str) -> bool | None:
    """Whether the head noun of `ar` is plural (الخلايا الإرهابية: True), None if unknown."""
    key = search_key(ar)
    if not _ARABIC_WORDS.fullmatch(key):
        return None
    root = _parse(key.split(" "), _Score())
    if root is None:
        return None
    return _noun_form(root.reading)[2]
