"""French strings: the folded form used for search and comparison."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s'’`´\-‐–—_.,;:()\"«»]+")


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form: Sûreté nationale → surete nationale."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def is_acronym(text: str) -> bool:
    """DGST, UNODC, BCIJ: short, mostly capitals, no spaces."""
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(text) <= 12
        and " " not in text
        and len(letters) >= 2
        and sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    )


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Gender of the first noun of French institution names, to write "du"/"de la"/"des".
_FEMININE = _words(
    "direction agence cour police gendarmerie commission école autorité organisation union "
    "délégation préfecture assemblée chambre garde marine coordination inspection présidence "
    "fondation banque administration unité division cellule sûreté surveillance protection "
    "académie mission brigade sécurité justice défense caisse haute instance fédération "
    "ligue confédération communauté république station radio chaîne province région "
    "wilaya annexe loi constitution convention charte"
)
_MASCULINE = _words(
    "bureau office tribunal conseil ministère parquet institut laboratoire service centre "
    "groupe fonds observatoire comité secrétariat département état-major programme plan "
    "haut-commissariat sénat parlement gouvernement cabinet front mouvement pôle "
    "commandement corps collège consulat parti syndicat système réseau royaume port "
    "aéroport détroit poste-frontière code dahir décret"
)
_PLURAL = _words("forces services nations états émirats pays-bas îles")
# Countries named with "le": du Maroc, but de France, d'Espagne (folded names).
_MASCULINE_COUNTRIES = frozenset(
    fold(name)
    for name in [
        "Maroc",
        "Portugal",
        "Mali",
        "Niger",
        "Sénégal",
        "Tchad",
        "Soudan",
        "Canada",
        "Japon",
        "Brésil",
        "Liban",
        "Qatar",
        "Koweït",
        "Yémen",
        "Bahreïn",
        "Danemark",
        "Luxembourg",
        "Mexique",
        "Pakistan",
        "Nigeria",
        "Ghana",
        "Cameroun",
        "Gabon",
        "Burkina Faso",
        "Bénin",
        "Togo",
        "Kenya",
        "Royaume-Uni",
        "Vietnam",
    ]
)
# Countries that take "en" (and "de" without article); cities take "à".
_FEMININE_COUNTRIES = frozenset(
    fold(name)
    for name in [
        "France",
        "Algérie",
        "Tunisie",
        "Libye",
        "Mauritanie",
        "Égypte",
        "Belgique",
        "Suisse",
        "Allemagne",
        "Italie",
        "Espagne",
        "Turquie",
        "Russie",
        "Chine",
        "Syrie",
        "Jordanie",
        "Arabie saoudite",
        "Grèce",
        "Pologne",
        "Suède",
        "Norvège",
        "Finlande",
        "Autriche",
        "Hongrie",
        "Roumanie",
        "Bulgarie",
        "Ukraine",
        "Guinée",
        "Côte d'Ivoire",
    ]
)
_FEMININE_FOLDED = frozenset(fold(w) for w in _FEMININE)
_MASCULINE_FOLDED = frozenset(fold(w) for w in _MASCULINE)
_PLURAL_FOLDED = frozenset(fold(w) for w in _PLURAL)
_VOWEL_START = re.compile(r"^[aeiouyhàâéèêëîïôûAEIOUYHÀÂÉÈÊËÎÏÔÛ]")


def of(name: str, kind: str) -> str:
    """French "de" + `name` with the article it takes: du Bureau central…, de la
    Direction…, de l'Office…, des Forces…, du Maroc, de France, d'Espagne, de Paris."""
    first = name.split(" ", 1)[0]
    word = fold(first)
    if kind == "place":
        if fold(name) in _MASCULINE_COUNTRIES:
            return f"du {name}"
        if word in _PLURAL_FOLDED or fold(name).startswith(("etats unis", "emirats")):
            return f"des {name}"
        if word not in _FEMININE_FOLDED and word not in _MASCULINE_FOLDED:
            return f"d'{name}" if _VOWEL_START.match(first) else f"de {name}"
        # a named area: du Royaume du Maroc, de la province de Nador, du port de Tanger
    if word in _PLURAL_FOLDED:
        return f"des {name}"
    elif word in _FEMININE_FOLDED:
        return f"de l'{name}" if _VOWEL_START.match(first) else f"de la {name}"
    elif word in _MASCULINE_FOLDED:
        return f"de l'{name}" if _VOWEL_START.match(first) else f"du {name}"
    return f"d'{name}" if _VOWEL_START.match(first) else f"de {name}"


def definite(name: str) -> str:
    """`name` with its definite article, as after près or pour: le tribunal de première
    instance, la Cour d'appel de Tanger, l'Office…, les Forces…"""
    with_of = of(name, "organisation")
    for prefix, article in (("du ", "le "), ("de la ", "la "), ("de l'", "l'"), ("des ", "les ")):
        if with_of.startswith(prefix):
            return article + with_of[len(prefix) :]
    return name


def of_state(place: str) -> str:
    """French "de" + a country with its article, as after gouvernement: de la France,
    de l'Espagne, du Maroc, des îles Canaries (of() writes ambassade de France)."""
    if fold(place) in _FEMININE_COUNTRIES:
        return f"de l'{place}" if _VOWEL_START.match(place) else f"de la {place}"
    return of(place, "place")


def at(place: str) -> str:
    """French "in" + a place: au Maroc, en France, en Espagne, aux États-Unis, à Paris."""
    folded = fold(place)
    if folded in _MASCULINE_COUNTRIES:
        return f"au {place}"
    if folded.startswith(("etats unis", "emirats", "pays bas")):
        return f"aux {place}"
    if folded in _FEMININE_COUNTRIES or folded in _VOWEL_COUNTRIES:
        return f"en {place}"
    # Unlisted names starting with a vowel: countries mostly end in -e (en Érythrée),
    # cities rarely (à Agadir, à Oujda, à Al Hoceïma, à Athènes).
    if _VOWEL_START.match(place) and " " not in place and folded.endswith("e"):
        return f"en {place}"
    return f"à {place}"


# Countries that start with a vowel and do not end in -e: en Irak, en Iran, en Israël.
_VOWEL_COUNTRIES = frozenset({"irak", "iraq", "iran", "israel", "afghanistan", "ouganda", "oman"})


# Words that end the head of a French term: what follows is its complement.
_COMPLEMENT_STARTS = frozenset(
    [
        "de",
        "d'",
        "du",
        "des",
        "à",
        "au",
        "aux",
        "en",
        "pour",
        "contre",
        "sur",
        "sans",
        "par",
        "entre",
        "avec",
        "dans",
        "chargé",
        "chargée",
    ]
)
_INVARIABLE_ENDINGS = ("s", "x", "z")


def pluralize(term: str) -> str:
    """The plural of a French term: its head noun and the adjectives before any
    complement (engin explosif → engins explosifs, magistrat de liaison → magistrats de
    liaison). Capitalised words (names) are left as they are."""
    words = term.split(" ")
    out = []
    for k, word in enumerate(words):
        lowered = word.casefold()
        if lowered in _COMPLEMENT_STARTS or lowered.startswith(("d'", "l'")):
            out.extend(words[k:])
            break
        out.append(_plural_word(word) if word[:1].islower() else word)
    return " ".join(out)


def _plural_word(word: str) -> str:
    if word.endswith(_INVARIABLE_ENDINGS):
        return word
    if word.endswith("al") and word not in ("final", "naval", "fatal", "banal"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "au", "eu")):
        return word + "x"
    return word + "s"
