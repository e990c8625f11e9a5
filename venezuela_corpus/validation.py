"""Validation: a table of small checks over clean records; ``validate(...) -> Report``.

Per-record checks never look at other records; duplicate detection is the one
corpus-level check, and it works on hashes and word shingles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .cleaning import outlet_key
from .errors import Problem

Record = Mapping[str, Any]

MIN_WORDS = 50
"""Shortest clean text accepted, in words (the seeds have 250 to 1,000)."""
LANGUAGE = "id"
MIN_LANGUAGE_SCORE = 0.90
"""Below this ``langdetect`` probability an Indonesian text gets a warning."""
NEAR_DUPLICATE = 0.8
"""Jaccard similarity of word 5-gram shingles above which two texts are near duplicates."""
SHINGLE = 5


@dataclass(frozen=True)
class Check:
    """One per-record check: ``test`` returns a message when the record fails."""

    name: str
    severity: str
    test: Callable[[Record], str | None]
    hint: str


def _outlet_mismatch(r: Record) -> str | None:
    printed = r.get("_printed_outlet")
    if printed and outlet_key(r["outlet"]) not in outlet_key(printed.replace(".", "")):
        return f"text names outlet {printed!r} but metadata says {r['outlet']!r}"
    return None


MALAY_MARKERS = frozenset({"bahawa", "iaitu", "kerana", "sahaja", "mahupun", "sesawang", "hadapan", "semalam"})
"""Words common in Malay and rare in Indonesian news; ``langdetect`` has no Malay profile."""


def _malay_like(r: Record) -> str | None:
    found = sorted(MALAY_MARKERS & set(r["text"].lower().replace(",", " ").replace(".", " ").split()))
    if len(found) >= 2:
        return (
            f"text looks Malay ({', '.join(found)}) though langdetect says "
            f"{r['language']!r} with score {r['language_score']:.2f}"
        )
    return None


CHECKS: tuple[Check, ...] = (
    Check(
        "not_empty",
        "error",
        lambda r: None if r["text"].strip() else "text is empty after cleaning",
        "is the file only boilerplate?",
    ),
    Check(
        "min_length",
        "error",
        lambda r: (
            None
            if r["n_words"] >= MIN_WORDS or not r["text"].strip()
            else f"only {r['n_words']} words (minimum {MIN_WORDS})"
        ),
        "is the article complete?",
    ),
    Check(
        "language",
        "error",
        lambda r: (
            None
            if r["language"] == LANGUAGE
            else f"language is {r['language']!r} (score {r['language_score']:.2f}), not Indonesian"
        ),
        "only Indonesian articles belong in this corpus",
    ),
    Check(
        "language_score",
        "warning",
        lambda r: (
            None
            if r["language"] != LANGUAGE or r["language_score"] >= MIN_LANGUAGE_SCORE
            else f"Indonesian with low confidence {r['language_score']:.2f}"
        ),
        "check for mixed language",
    ),
    Check("malay_like", "warning", _malay_like, "check that the source is Indonesian"),
    Check("outlet_mismatch", "warning", _outlet_mismatch, "check the metadata's outlet"),
    Check(
        "machine_translated",
        "warning",
        lambda r: f"machine translation from {r['translated_from']!r}" if r["translated_from"] else None,
        "kept as published; see the card's limitations",
    ),
)


@dataclass(frozen=True)
class Report:
    """Every problem found; ``errors`` stop a build, ``warnings`` go into the manifest."""

    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that stop a build."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems recorded but accepted."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors


def check_record(record: Record) -> list[Problem]:
    """Run every per-record check on one clean record."""
    problems = []
    for check in CHECKS:
        message = check.test(record)
        if message:
            problems.append(Problem(check.severity, check.name, record["id"], message, check.hint))
    return problems


def shingles(text: str, size: int = SHINGLE) -> list[int]:
    """64-bit hashes of the word *size*-grams of *text* (lower-cased)."""
    words = text.lower().split()
    grams = (" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))
    return [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams]


class DuplicateIndex:
    """Exact duplicates by text hash; near duplicates by MinHash with locality-sensitive hashing.

    Each text keeps a signature of ``PERMUTATIONS`` minima (256 bytes), bucketed in ``BANDS``
    bands, so checking a text costs the same however many came before. Two texts are near
    duplicates when their estimated Jaccard similarity of word 5-grams reaches ``NEAR_DUPLICATE``
    (found with probability above 0.999 at 0.8).
    """

    PERMUTATIONS = 64
    BANDS = 16
    _PRIME = (1 << 61) - 1

    def __init__(self, seed: int = 0) -> None:
        import numpy as np

        rng = np.random.default_rng(seed)
        # a and b span the whole field, so a*x+b wraps (as datasketch does; uint64 overflow wraps).
        self._a = rng.integers(1, self._PRIME, self.PERMUTATIONS, dtype=np.uint64)
        self._b = rng.integers(0, self._PRIME, self.PERMUTATIONS, dtype=np.uint64)
        self._hashes: dict[str, str] = {}
        self._signatures: dict[str, Any] = {}
        self._buckets: dict[tuple[int, bytes], str] = {}

    def signature(self, text: str) -> Any:
        """The MinHash signature of *text* (uint32 array)."""
        import numpy as np

        x = np.array(shingles(text), dtype=np.uint64) & np.uint64(0xFFFFFFFF)
        with np.errstate(over="ignore"):
            mixed = (x[:, None] * self._a[None, :] + self._b[None, :]) % np.uint64(self._PRIME)
        return (mixed.min(axis=0) & np.uint64(0xFFFFFFFF)).astype(np.uint32)

    def _bands(self, sig: Any) -> list[tuple[int, bytes]]:
        rows = self.PERMUTATIONS // self.BANDS
        return [(band, sig[band * rows : (band + 1) * rows].tobytes()) for band in range(self.BANDS)]

    def add(self, record_id: str, text: str) -> Problem | None:
        """Check one text against those added before, then remember it; return the problem, if any."""
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in self._hashes:
            msg = f"same text as {self._hashes[digest]}"
            return Problem("error", "duplicate", record_id, msg, "remove one of them")
        self._hashes[digest] = record_id
        sig = self.signature(text)
        bands = self._bands(sig)
        best: tuple[float, str] | None = None
        for other in {self._buckets[b] for b in bands if b in self._buckets}:
            score = float((self._signatures[other] == sig).mean())
            if score >= NEAR_DUPLICATE and (best is None or score > best[0]):
                best = (score, other)
        self._signatures[record_id] = sig
        for band in bands:
            self._buckets.setdefault(band, record_id)
        if best:
            msg = f"near duplicate of {best[1]} (similarity {best[0]:.2f})"
            return Problem("error", "near_duplicate", record_id, msg, "remove one of them")
        return None


def validate(records: Iterable[Record]) -> Report:
    """Validate clean records: every per-record check, then duplicates."""
    problems: list[Problem] = []
    index = DuplicateIndex()
    for record in records:
        problems += check_record(record)
        dup = index.add(record["id"], record["text"])
        if dup:
            problems.append(dup)
    return Report(tuple(problems))
