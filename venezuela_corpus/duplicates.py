"""The duplicate engine: exact (SHA-256) and near (MinHash LSH) duplicates among many texts.

Duplicate detection is the one corpus-level check; the per-record checks are in
:mod:`.checks`. The index keeps its state in a :mod:`~venezuela_corpus.scratch` database, so
memory stays flat however many texts it holds.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import zlib
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from . import scratch
from .errors import Problem

NEAR_DUPLICATE = 0.8
"""Jaccard similarity of word 5-gram shingles above which two texts are near duplicates."""
SHINGLE = 5


def shingles(text: str, size: int = SHINGLE) -> Any:
    """32-bit hashes of the word *size*-grams of *text* (lower-cased), as a NumPy ``uint64`` array.

    Each word is hashed once (CRC-32, the same in every process, unlike ``hash()``); a gram's
    hash mixes its words' hashes with fixed odd multipliers, keeping the top 32 bits. A text
    shorter than *size* words is one gram.

    >>> len(shingles("satu dua tiga empat lima enam")), bool((shingles("A b c d e") == shingles("a B c d e")).all())
    (2, True)
    """
    import numpy as np

    words = text.lower().split()
    hashes = np.fromiter((zlib.crc32(word.encode()) for word in words), dtype=np.uint64, count=len(words))
    grams = max(1, len(words) - size + 1)
    hashes = np.concatenate([hashes, np.zeros(max(0, size - len(words)), np.uint64)])
    mixed = np.zeros(grams, np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        for j in range(size):
            mixed += hashes[j : j + grams] * np.uint64(_GRAM_MULTIPLIERS[j % len(_GRAM_MULTIPLIERS)])
    return mixed >> np.uint64(32)


_GRAM_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)
"""Odd 64-bit constants (from xxHash and MurmurHash3's finaliser) weighting a gram's words."""


class MinHasher:
    """MinHash signatures of word 5-gram shingles: ``PERMUTATIONS`` uint32 minima (256 bytes).

    Permutation i maps a shingle x to the top 32 bits of ``a_i * x + b_i`` modulo 2**64
    (multiply-shift hashing, with random odd ``a_i``): no division, so it is fast in NumPy.
    """

    PERMUTATIONS = 64

    def __init__(self, seed: int = 0) -> None:
        import numpy as np

        rng = np.random.default_rng(seed)
        top = np.iinfo(np.uint64).max
        self._a = rng.integers(0, top, self.PERMUTATIONS, dtype=np.uint64, endpoint=True) | np.uint64(1)
        self._b = rng.integers(0, top, self.PERMUTATIONS, dtype=np.uint64, endpoint=True)

    def __call__(self, text: str) -> bytes:
        """The signature of *text*."""
        import numpy as np

        x = shingles(text)
        with np.errstate(over="ignore"):
            mixed = (x[:, None] * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
        return bytes(mixed.min(axis=0).astype("<u4").tobytes())


def minhash(text: str) -> bytes:
    """The corpus's MinHash signature of *text* (seed 0)."""
    return _hasher()(text)


@functools.cache
def _hasher() -> MinHasher:
    return MinHasher()


class DuplicateIndex:
    """Exact duplicates (SHA-256) and near duplicates (MinHash LSH) among the texts added.

    Each text leaves its id, digest and signature in a :mod:`~venezuela_corpus.scratch`
    database, so memory stays flat however many are added. The pairs are found at the end by
    grouping equal band keys (a sort on disk: n log n, never n squared). Two texts are near
    duplicates when their estimated Jaccard similarity of word 5-grams reaches
    ``NEAR_DUPLICATE`` (found with probability above 0.999 at 0.8: 16 bands of 4 rows). The
    later text (in the order added) is reported, against the earlier text most like it.
    """

    _TABLES = """
    CREATE TABLE texts (row INTEGER PRIMARY KEY, id TEXT, signature BLOB);
    CREATE TABLE keys (band INTEGER, key BLOB, row INTEGER)
    """
    _PAIRS = """
    SELECT k.row, b.id, k.band, a.id, a.signature, b.signature
    FROM (SELECT band, key, min(row) AS first FROM keys GROUP BY band, key HAVING count(*) > 1) AS g
    JOIN keys AS k ON k.band = g.band AND k.key = g.key AND k.row > g.first
    JOIN texts AS a ON a.row = g.first
    JOIN texts AS b ON b.row = k.row
    ORDER BY k.row, k.band, g.first
    """

    def __init__(self) -> None:
        self._db = scratch.connect(self._TABLES)
        self._rows = 0

    def __enter__(self) -> DuplicateIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Delete the scratch database."""
        self._db.close()

    def add(self, record_id: str, text: str, signature: bytes | None = None) -> None:
        """Remember one text (pass its :func:`minhash` signature if already computed)."""
        signature = signature if signature is not None else minhash(text)
        row = self._rows
        self._rows += 1
        self._db.execute("INSERT INTO texts VALUES (?, ?, ?)", (row, record_id, signature))
        keys = [(band, key, row) for band, key in enumerate(band_keys(signature))]
        keys.append((EXACT, hashlib.sha256(text.encode()).digest(), row))
        self._db.executemany("INSERT INTO keys VALUES (?, ?, ?)", keys)

    def problems(self) -> list[Problem]:
        """Every duplicate and near duplicate, each naming the earlier text it repeats."""
        self._db.execute("CREATE INDEX IF NOT EXISTS by_key ON keys (band, key, row)")
        found = []
        for _, group in itertools.groupby(self._db.execute(self._PAIRS), key=lambda pair: pair[0]):
            pairs = list(group)
            later, signature = pairs[0][1], pairs[0][5]
            candidates = ((band, first, similarity(sig, signature)) for _, _, band, first, sig, _ in pairs)
            if (problem := judge(later, candidates)) is not None:
                found.append(problem)
        return found


BANDS = 16
"""MinHash LSH bands (of 4 rows each): texts sharing one band's key are candidate pairs."""
EXACT = -1
"""The band number of the exact key (the SHA-256 of the text), grouped like the others."""


def band_keys(signature: bytes) -> list[bytes]:
    """The ``BANDS`` keys of a MinHash signature: texts sharing any are candidate near duplicates.

    >>> [len(k) for k in band_keys(minhash("satu dua tiga empat lima"))] == [16] * BANDS
    True
    """
    width = len(signature) // BANDS
    return [signature[band * width : (band + 1) * width] for band in range(BANDS)]


def judge(later: str, candidates: Iterable[tuple[int, str, float]]) -> Problem | None:
    """The duplicate problem of text *later*, if any, given its candidate pairs.

    *candidates* are ``(band, first, similarity)`` in ascending band order, where *first* is
    the earliest text sharing that band's key (band ``EXACT``: the same text). An exact
    duplicate wins; else the most similar candidate (the lowest band among equals) is a near
    duplicate when its similarity reaches ``NEAR_DUPLICATE``. Every engine decides here.

    >>> str(judge("b", [(EXACT, "a", 1.0), (3, "a", 1.0)]))
    'b: [duplicate] same text as a (remove one of them)'
    >>> judge("c", [(2, "a", 0.5)]) is None
    True
    """
    pairs = list(candidates)
    if not pairs:
        return None
    band, first, _ = pairs[0]
    if band == EXACT:
        return Problem("error", "duplicate", later, f"same text as {first}", "remove one of them")
    _, first, score = max(pairs, key=itemgetter(2))
    if score < NEAR_DUPLICATE:
        return None
    msg = f"near duplicate of {first} (similarity {score:.2f})"
    return Problem("error", "near_duplicate", later, msg, "remove one of them")


def similarity(a: bytes, b: bytes) -> float:
    """The share of equal minima in two MinHash signatures: their estimated Jaccard similarity."""
    x, y = memoryview(a).cast("I"), memoryview(b).cast("I")
    return sum(i == j for i, j in zip(x, y, strict=True)) / len(x)
