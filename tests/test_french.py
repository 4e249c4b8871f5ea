"""French folding and the small grammar used to build names from parts."""

from __future__ import annotations

import pytest

from glossary.french import at, fold, is_acronym, of, of_state


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("Sûreté  Nationale") == "surete nationale"
    assert fold("échange d’informations") == fold("Echange d'informations")
    assert fold("Œuvre") == "oeuvre"


def test_acronyms() -> None:
    assert is_acronym("DGST") and is_acronym("ONUDC")
    assert not is_acronym("Maroc") and not is_acronym("police nationale")


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Bureau central d'investigations judiciaires", "organisation", "du Bureau central"),
        ("Direction générale de la sûreté nationale", "organisation", "de la Direction"),
        ("Office des changes", "organisation", "de l'Office"),
        ("Forces armées royales", "organisation", "des Forces"),
        ("Maroc", "place", "du Maroc"),
        ("France", "place", "de France"),
        ("Espagne", "place", "d'Espagne"),
        ("États-Unis", "place", "des États-Unis"),
        ("Paris", "place", "de Paris"),
        ("Agadir", "place", "d'Agadir"),
        ("Royaume du Maroc", "place", "du Royaume du Maroc"),
        ("province de Nador", "place", "de la province de Nador"),
        ("port de Tanger Med", "place", "du port de Tanger Med"),
        ("îles Canaries", "place", "des îles Canaries"),
    ],
)
def test_of_takes_the_article_the_name_needs(name: str, kind: str, expected: str) -> None:
    assert of(name, kind).startswith(expected)


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Maroc", "au Maroc"),
        ("France", "en France"),
        ("Espagne", "en Espagne"),
        ("États-Unis", "aux États-Unis"),
        ("Paris", "à Paris"),
        ("Royaume-Uni", "au Royaume-Uni"),
    ],
)
def test_at_says_where(place: str, expected: str) -> None:
    assert at(place) == expected


def test_a_term_is_made_plural_on_its_head_only() -> None:
    from glossary.french import pluralize

    assert pluralize("engin explosif") == "engins explosifs"
    assert pluralize("magistrat de liaison") == "magistrats de liaison"
    assert pluralize("réseau criminel") == "réseaux criminels"
    assert pluralize("avis de recherche") == "avis de recherche"
    assert pluralize("centre d'appels") == "centres d'appels"


def test_a_government_names_its_country_with_the_article() -> None:
    assert [of_state(c) for c in ("France", "Espagne", "Maroc", "îles Canaries")] == [
        "de la France",
        "de l'Espagne",
        "du Maroc",
        "des îles Canaries",
    ]


def test_definite_gives_the_article_a_name_takes() -> None:
    from glossary.french import definite

    assert definite("Cour d'appel de Tanger") == "la Cour d'appel de Tanger"
    assert definite("tribunal de première instance") == "le tribunal de première instance"
