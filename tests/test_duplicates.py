"""Duplicate detection: tables of texts -> expected findings, and the MinHash estimate against
the true Jaccard similarity it estimates."""

from __future__ import annotations

import random
import re

import pytest

from venezuela_corpus.duplicates import NEAR_DUPLICATE, DuplicateIndex, minhash

from .conftest import GOLDEN


def _sentences() -> list[str]:
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(GOLDEN.glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


SENTENCES = _sentences()


def _article(seed: int, n: int = 12) -> str:
    return " ".join(random.Random(seed).sample(SENTENCES, n))


def _edit(text: str, every: int) -> str:
    """Replace every *every*-th word: a text whose 5-gram overlap falls as *every* shrinks."""
    return " ".join("X" if i % every == 0 else w for i, w in enumerate(text.split(), start=1))


A, B, C = _article(1), _article(2), _article(3)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"a": A, "b": B, "c": C}, []),
        ({"a": A, "b": B, "c": A}, [("c", "duplicate", "same text as a")]),
        ({"a": A, "b": A, "c": A}, [("b", "duplicate", "same text as a"), ("c", "duplicate", "same text as a")]),
        ({"a": A, "b": _edit(A, 150)}, [("b", "near_duplicate", "near duplicate of a")]),
        ({"a": A, "b": B, "c": _edit(B, 150)}, [("c", "near_duplicate", "near duplicate of b")]),
        # the later text is compared with its most similar earlier text
        (
            {"a": _edit(A, 100), "b": A, "c": _edit(A, 150)},
            [("b", "near_duplicate", "near duplicate of a"), ("c", "near_duplicate", "near duplicate of b")],
        ),
        ({"a": A, "b": _edit(A, 6)}, []),  # about a third of the 5-grams kept: related, not a duplicate
        ({"a": A, "b": A + " " + B}, []),  # a text quoted inside a longer one
        ({"a": A}, []),
        ({}, []),
    ],
    ids=["distinct", "exact", "exact-thrice", "near", "near-later", "most-similar", "related", "quoted", "one", "none"],
)
def test_duplicates(texts: dict[str, str], expected: list[tuple[str, str, str]]) -> None:
    with DuplicateIndex() as index:
        for record_id, text in texts.items():
            index.add(record_id, text)
        found = [(p.where, p.check, p.message.split(" (")[0]) for p in index.problems()]
    assert found == expected


def test_problems_can_be_asked_twice_and_more_added() -> None:
    with DuplicateIndex() as index:
        index.add("a", A)
        index.add("b", B)
        assert index.problems() == []
        index.add("c", A)
        assert [p.where for p in index.problems()] == ["c"]
        assert [p.where for p in index.problems()] == ["c"]


def _grams(text: str) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def _jaccard(a: str, b: str) -> float:
    x, y = _grams(a), _grams(b)
    return len(x & y) / len(x | y)


def _estimate(a: str, b: str) -> float:
    x, y = minhash(a), minhash(b)
    return sum(x[i : i + 4] == y[i : i + 4] for i in range(0, len(x), 4)) / (len(x) // 4)


def test_minhash_estimates_jaccard() -> None:
    pairs = [(_article(seed), _edit(_article(seed), every)) for seed in range(40) for every in (4, 8, 20, 60, 300)]
    errors = [abs(_estimate(a, b) - _jaccard(a, b)) for a, b in pairs]
    assert sum(errors) / len(errors) < 0.05
    assert max(errors) < 0.2


def test_near_duplicate_threshold_is_on_the_true_similarity() -> None:
    """Pairs well above the threshold are found, pairs well below are not."""
    for seed in range(30):
        a = _article(seed)
        for every, found in ((400, True), (5, False)):
            b = _edit(a, every)
            assert (_jaccard(a, b) >= NEAR_DUPLICATE) is found
            with DuplicateIndex() as index:
                index.add("a", a)
                index.add("b", b)
                assert bool(index.problems()) is found, (seed, every)
