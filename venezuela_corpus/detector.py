"""langdetect's ``Detector`` with the same results, several times faster.

``langdetect`` (1.0.9) spends most of a detection in Python loops whose results depend on
their input alone; this subclass computes the same values with fewer steps:

- ``append`` builds its text one character at a time (quadratic); here one ``re.sub``
  collapses the runs of spaces, as the loop does.
- ``_extract_ngrams`` runs a per-character state machine that starts afresh after every
  space (normalised), so the n-grams of a text are those of its space-ended words, each
  computed once and remembered; characters are normalised with ``str.translate`` over a
  table filled by ``NGram.normalize`` itself.
- The random walk draws the same n-grams from the same seeded ``random.Random``; the
  probability updates are the same IEEE operations on each of the languages, element by
  element (``numpy``: an addition, then a multiplication, never fused or reordered), and
  the normalising sum is Python's own ``sum`` over the same floats in the same order.

- The profiles are parsed as langdetect parses them, in the same order, but the table of
  probabilities per n-gram (``word_lang_prob_map``) is filled one n-gram at a time, the
  first time a text uses it (:class:`LazyProfiles`), with the same values: starting a
  process that detects a few texts no longer costs the whole table (most of a second).

Only used with the langdetect version it was checked against (``tests/test_detector.py``
compares every step with the original); any other version gets the original ``Detector``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import numpy as np
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram
from langdetect.utils.unicode_block import unicode_block

CHECKED_VERSION = "1.0.9"
"""The langdetect release whose ``Detector`` this module reproduces."""
WORD_CACHE = 1 << 16
"""Distinct space-ended words whose n-grams are remembered (memory stays bounded)."""
_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
_HIGH = re.compile("[\u0300-\U0010ffff]")


class _Normalised(dict[int, str]):
    """``str.translate`` table: code point -> ``NGram.normalize`` of it, filled on demand."""

    def __missing__(self, code: int) -> str:
        value: str = NGram.normalize(chr(code))
        self[code] = value
        return value


_NORMALISED = _Normalised()


def word_ngrams(unit: str, known: Any) -> tuple[str, ...]:
    """The n-grams langdetect extracts from *unit* (normalised) from its initial state.

    A transcription of ``NGram.add_char`` followed by ``Detector._extract_ngrams``'s loop.
    """
    grams, capital, out = " ", False, []
    for ch in unit:
        last = grams[-1]
        if last == " ":
            grams, capital = " ", False
            if ch == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        for n in (1, 2, 3):
            if len(grams) < n:
                break
            gram = grams[-n:]
            if gram != " " and gram in known:
                out.append(gram)
    return tuple(out)


def units(normalised: str) -> list[str]:
    """*normalised* cut after every space: each piece starts where langdetect's state is fresh.

    >>> units("ab cd  e")
    ['ab ', 'cd ', 'e']
    """
    pieces = normalised.split(" ")
    cut = [p + " " for p in pieces[:-1] if p] + ([pieces[-1]] if pieces[-1] else [])
    return cut


_CACHES: dict[int, tuple[Any, Callable[[str], tuple[str, ...]], dict[str, np.ndarray]]] = {}
VECTOR_CACHE = 1 << 15
"""Distinct n-grams whose probability vectors are kept as arrays (cleared when full)."""


def _caches(table: Any) -> tuple[Callable[[str], tuple[str, ...]], dict[str, np.ndarray]]:
    """Remembered n-grams per word and probability vectors per n-gram, for one profile table."""
    entry = _CACHES.get(id(table))
    if entry is None or entry[0] is not table:
        known = table.words if isinstance(table, LazyProfiles) else table  # a set: membership in C

        @functools.lru_cache(maxsize=WORD_CACHE)
        def ngrams_of(unit: str) -> tuple[str, ...]:
            return word_ngrams(unit, known)

        entry = _CACHES[id(table)] = (table, ngrams_of, {})
    return entry[1], entry[2]


class LazyProfiles(dict[str, list[float]]):
    """``DetectorFactory.word_lang_prob_map``, each n-gram's list filled the first time it is read.

    ``add_profile`` gives every n-gram of any profile a list of zeros, one per profile file,
    and, for n-grams of 1 to 3 characters, ``1.0 * count / n_words[length - 1]`` at the index
    of each profile that counts it; this computes the same list, on demand.
    """

    def __init__(self, profiles: list[tuple[dict[str, int], list[int]]], size: int) -> None:
        super().__init__()
        self.profiles, self.size = profiles, size
        self.words = frozenset(word for freq, _ in profiles for word in freq)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __missing__(self, word: str) -> list[float]:
        if word not in self.words:
            raise KeyError(word)
        vector, length = [0.0] * self.size, len(word)
        if 1 <= length <= 3:
            for index, (freq, n_words) in enumerate(self.profiles):
                count = freq.get(word)
                if count is not None:
                    vector[index] = 1.0 * count / n_words[length - 1]
        self[word] = vector
        return vector


@functools.cache
def lazy_factory() -> Any:
    """A ``DetectorFactory`` over langdetect's own profiles, read as ``load_profile`` reads them.

    The same languages in the same order (that of ``os.listdir``, as langdetect lists them),
    the n-gram table a :class:`LazyProfiles`.
    """
    import json
    import os
    from pathlib import Path

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    files = os.listdir(PROFILES_DIRECTORY)  # noqa: PTH208 - langdetect's own call: the same order
    factory = DetectorFactory()
    profiles: list[tuple[dict[str, int], list[int]]] = []
    for name in files:
        path = Path(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        factory.langlist.append(data["name"])
        profiles.append((data["freq"], data["n_words"]))
    factory.word_lang_prob_map = LazyProfiles(profiles, len(files))
    return factory


@functools.cache
def detector_class() -> type:
    """The fast ``Detector`` subclass, or langdetect's own for a version not checked."""
    from importlib.metadata import version

    return FastDetector if version("langdetect") == CHECKED_VERSION else Detector


class FastDetector(Detector):  # type: ignore[misc]  # - langdetect has no type hints
    """langdetect's ``Detector`` computing the same results in fewer steps."""

    text: str

    def append(self, text: str) -> None:
        """As ``Detector.append``: URLs and e-mail addresses out, runs of spaces collapsed."""
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        """As ``Detector.cleaning_text``: Latin letters dropped from mostly non-Latin text."""
        text = self.text
        latin_count = len(text) - len(_LATIN.sub("", text))
        # langdetect compares a block number with a name (never equal), so every character
        # from U+0300 up counts as non-Latin.
        non_latin_count = sum(1 for ch in _HIGH.findall(text) if unicode_block(ch) != "Latin Extended Additional")
        if latin_count * 2 < non_latin_count:
            self.text = "".join(ch for ch in text if ch < "A" or ch > "z")

    def _extract_ngrams(self) -> list[str]:
        ngrams_of, _ = _caches(self.word_lang_prob_map)
        result: list[str] = []
        for unit in units(self.text.translate(_NORMALISED)):
            result += ngrams_of(unit)
        return result

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        _, vectors = _caches(self.word_lang_prob_map)
        if len(vectors) > VECTOR_CACHE:
            vectors.clear()
        table = self.word_lang_prob_map
        langprob = np.zeros(len(self.langlist))
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                word = self.random.choice(ngrams)
                vector = vectors.get(word)
                if vector is None:
                    vector = vectors[word] = np.array(table[word], dtype=np.float64)
                np.multiply(prob, weight + vector, out=prob)
                if i % 5 == 0 and (_normalise(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT):
                    break
                i += 1
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()


def _normalise(prob: np.ndarray) -> float:
    """``Detector._normalize_prob``: divide by Python's ``sum`` (in order); the largest share."""
    total = sum(prob.tolist())
    np.divide(prob, total, out=prob)
    return max(0.0, float(prob.max()))


def detect_langs(text: str) -> list[Any]:
    """``langdetect.detect_langs`` with :func:`detector_class`; the same list of languages."""
    cls = detector_class()
    if cls is FastDetector:
        factory = lazy_factory()
    else:
        from langdetect import detector_factory

        detector_factory.init_factory()
        factory = detector_factory._factory
    detector = cls(factory)
    detector.append(text)
    return list(detector.get_probabilities())
