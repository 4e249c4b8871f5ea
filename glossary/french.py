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
    """DGST, UNODC, G5-Sahel: short, mostly capitals, no spaces."""
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(text) <= 12
        and " " not in text
        and len(letters) >= 2
        and sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    )
