"""Arabic→French machine translation with Argos Translate, the glossary enforced.

The one module that imports argostranslate, and only inside functions: importing it costs
about 2 s and 760 MB (it pulls in torch), which lookup, export and the TUI never pay.
The glossary logic (finding terms, masking, restoring, checking) is in glossary.enforce.

Settings. Argos reads its settings from the environment once, when first imported, so they
are set just before that import, each only if the user has not set it:

- ``ARGOS_INTRA_THREADS=1`` (Argos: 0, i.e. CTranslate2 picks, one thread per core and
  more). On a 2-core machine the default was measured 10–25× slower than one thread per
  translation (thread start-up and contention on tiny batches); set it higher for a
  large model on a machine with idle cores.
- ``ARGOS_INTER_THREADS=1``: one translation at a time (a CLI call or a TUI worker).
- ``ARGOS_BATCH_SIZE=2048`` (Argos: 32). Argos batches by *tokens*, so 32 meant about
  one sentence per CTranslate2 call; 2048 tokens lets a paragraph's sentences go together.
- ``ARGOS_BEAM_SIZE=2`` (Argos: 4). Greedy decoding was measured ~2× faster than
  beam 4 on a real-size model; beam 2 keeps most of the benefit of a beam.

Argos's CachedTranslation wrappers are removed: a CLI translates each text once, and a
cache keyed on paragraphs would hand back stale results between masked and plain runs.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from glossary import models
from glossary.enforce import FoundTerm, TermReport, annotate, enforce, find_terms
from glossary.store import Store

SETTINGS = {
    "ARGOS_INTRA_THREADS": "1",
    "ARGOS_INTER_THREADS": "1",
    "ARGOS_BATCH_SIZE": "2048",
    "ARGOS_BEAM_SIZE": "2",
}
INSTALL_HINT = (
    "no Arabic→French model installed: run `glossary models install` (online) or "
    "`glossary models install --from FILE.argosmodel`"
)
NO_ARGOS_HINT = "machine translation needs the mt extra: pip install 'ar-fr-glossary[mt]'"


class MtUnavailable(RuntimeError):
    """No translation possible: Argos is not installed, or no ar→fr route is."""


def argos_installed() -> bool:
    """Whether argostranslate can be imported (checked without importing it)."""
    return importlib.util.find_spec("argostranslate") is not None


def load_argos() -> tuple[ModuleType, ModuleType]:
    """argostranslate.translate and .package, imported with our settings."""
    for key, value in SETTINGS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("ARGOS_PACKAGES_DIR", str(models.packages_dir()))
    try:
        from argostranslate import package, translate
    except ImportError as exc:
        raise MtUnavailable(NO_ARGOS_HINT) from exc
    return translate, package


def package_index() -> list[tuple[str, str, list[str], str]]:
    """The Argos package index (online): (from, to, links, version) per package."""
    _translate, package = load_argos()
    try:
        package.update_package_index()
        available = package.get_available_packages()
    except Exception as exc:  # Argos raises bare exceptions for network failures
        raise models.PackageError(f"cannot read the Argos package index ({exc})") from exc
    return [
        (str(p.from_code), str(p.to_code), list(p.links), str(p.package_version))
        for p in available
        if p.type == "translate"
    ]


class Translator:
    """Argos's installed ar→fr route (direct, or pivoting through English), uncached."""

    def __init__(self, route: list[models.PackageInfo]) -> None:
        translate, _package = load_argos()
        translate.get_installed_languages.cache_clear()  # packages may have changed
        source = translate.get_language_from_code(models.SOURCE)
        target = translate.get_language_from_code(models.TARGET)
        found = source.get_translation(target) if source and target else None
        if found is None:
            raise MtUnavailable(INSTALL_HINT)
        self.translation = _uncached(found, translate)
        self.packages = [f"{p.name} ({p.direction} {p.version})".strip() for p in route]

    def __call__(self, text: str) -> str:
        return str(self.translation.hypotheses(text, num_hypotheses=1)[0].value)

    def hypotheses(self, text: str, n: int = 1) -> list[tuple[str, float]]:
        """The n best translations with their CTranslate2 log-probability (summed over hops)."""
        return [(str(h.value), float(h.score)) for h in self.translation.hypotheses(text, n)]


def _uncached(translation: Any, translate: ModuleType) -> Any:
    if isinstance(translation, translate.CachedTranslation):
        return translation.underlying
    if isinstance(translation, translate.CompositeTranslation):
        return translate.CompositeTranslation(
            _uncached(translation.t1, translate), _uncached(translation.t2, translate)
        )
    return translation


def get_translator() -> Translator:
    """The ar→fr translator; MtUnavailable (with a one-line hint) when there is none.

    The installed packages are read first, so that without a model Argos is not imported.
    """
    route = models.route()
    if not route:
        raise MtUnavailable(INSTALL_HINT)
    if not argos_installed():
        raise MtUnavailable(NO_ARGOS_HINT)
    return Translator(route)


@dataclass(frozen=True, slots=True)
class TranslationResult:
    source: str
    translation: str | None
    terms: list[TermReport]
    found: list[FoundTerm]
    model: list[str]
    note: str | None  # why nothing was translated

    def as_dict(self) -> dict[str, Any]:
        return {
            "translation": self.translation,
            "terms": [t.as_dict() for t in self.terms],
            "model": self.model,
        }


def translate_text(
    store: Store,
    text: str,
    *,
    use_mt: bool = True,
    include_proposed: bool = False,
    translator: Translator | None = None,
) -> TranslationResult:
    """Find the glossary's terms in `text` and, with a model, translate it enforcing them."""
    found = find_terms(store, text)
    if not use_mt:
        return TranslationResult(text, None, annotate(found), found, [], None)
    try:
        translator = translator or get_translator()
    except MtUnavailable as exc:
        return TranslationResult(text, None, annotate(found), found, [], str(exc))
    result = enforce(text, found, translator, include_proposed)
    return TranslationResult(
        text, result.translation, result.terms, found, translator.packages, None
    )
