"""Language identification: seeded ``langdetect``, through :mod:`.detector` (its own results, faster)."""

from __future__ import annotations

import functools

SEED = 0
"""``langdetect`` samples at random; a fixed seed makes it deterministic."""
MAX_CHARS = 3000
"""Only this many leading characters are given to ``langdetect`` (about 400 words)."""
SCORE_DIGITS = 6
"""Scores are rounded so fingerprints agree across platforms."""


WINDOW = 1500
"""Characters per window of the whole-text check (:func:`detect_windows`)."""
MIN_WINDOW = 1000
"""No window is shorter: a short last part is read with text before it (short texts detect poorly)."""


def detect(text: str) -> tuple[str, float]:
    """The most probable language of *text*'s first ``MAX_CHARS`` characters and its probability.

    This is what a snapshot stores as ``language`` and ``language_score``. Returns
    ``("und", 0.0)`` when the text has no detectable features.

    >>> detect("Pemerintah Indonesia mengumumkan kebijakan baru tentang harga beras hari ini.")[0]
    'id'
    """
    return _detect(text[:MAX_CHARS])


def _detect(text: str) -> tuple[str, float]:
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    from .detector import detect_langs  # langdetect's results, faster (see detector.py)

    DetectorFactory.seed = SEED
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return "und", 0.0
    return str(best.lang), round(float(best.prob), SCORE_DIGITS)


def windows(text: str, size: int = WINDOW) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of windows of about *size* characters that cover the whole *text*.

    Consecutive windows end at whitespace (no word is cut); a last part shorter than
    ``MIN_WINDOW`` is read together with the text just before it. The start is windowed too
    (a foreign paragraph inside the first ``MAX_CHARS`` is a minority of what :func:`detect`
    reads), except a text that one window covers: :func:`detect` reads exactly that already.

    >>> windows("kata " * 1000)  # 5,000 characters: 1,504 + 1,500 + 1,500, and the last 1,000
    [(0, 1504), (1504, 3004), (3004, 4504), (4000, 5000)]
    >>> windows("kata " * 500)  # 2,500: the last 996 are read with the 4 before them
    [(0, 1504), (1500, 2500)]
    >>> windows("kata " * 300)
    []
    """
    found: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        while end < len(text) and not text[end].isspace():
            end += 1
        found.append((min(start, max(0, end - MIN_WINDOW)), end))
        start = end
    return [] if found == [(0, len(text))] else found


@functools.lru_cache(maxsize=16)
def detect_windows(text: str) -> tuple[tuple[int, int, str, float], ...]:
    """``(start, end, language, score)`` of each of *text*'s :func:`windows`, by the same seeded detector.

    The whole text is checked, window by window; this is a check only: the stored
    ``language`` and ``language_score`` stay :func:`detect`'s, of the start.
    """
    return tuple((start, end, *_detect(text[start:end])) for start, end in windows(text))


def versions() -> dict[str, str]:
    """Versions of the tools that shape the language fields, for the manifest."""
    from importlib.metadata import version

    return {"langdetect": version("langdetect"), "langdetect_seed": str(SEED)}
