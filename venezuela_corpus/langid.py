"""Language identification: seeded ``langdetect``; the one module that imports it."""

from __future__ import annotations

SEED = 0
"""``langdetect`` samples at random; a fixed seed makes it deterministic."""
MAX_CHARS = 3000
"""Only this many leading characters are given to ``langdetect`` (about 400 words)."""
SCORE_DIGITS = 6
"""Scores are rounded so fingerprints agree across platforms."""


def detect(text: str) -> tuple[str, float]:
    """The most probable language of *text* and its probability.

    Returns ``("und", 0.0)`` when the text has no detectable features.

    >>> detect("Pemerintah Indonesia mengumumkan kebijakan baru tentang harga beras hari ini.")[0]
    'id'
    """
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = SEED
    try:
        best = detect_langs(text[:MAX_CHARS])[0]
    except LangDetectException:
        return "und", 0.0
    return str(best.lang), round(float(best.prob), SCORE_DIGITS)


def versions() -> dict[str, str]:
    """Versions of the tools that shape the language fields, for the manifest."""
    from importlib.metadata import version

    return {"langdetect": version("langdetect"), "langdetect_seed": str(SEED)}
