"""Memory does not grow with the corpus: the Python allocations (``tracemalloc``) of the stages
that see every article, at two corpus sizes four times apart. The benchmark measures the
whole build's peak RSS; these tests pin down which stage would regress."""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from venezuela_corpus.duplicates import DuplicateIndex
from venezuela_corpus.ingest import iter_articles

from .conftest import ROOT

SMALL, LARGE = 300, 1200


def _peak(fn: Callable[[], object]) -> int:
    fn()  # warm: first calls compile regular expressions, import modules, fill caches
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_synthetic import generate
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return {n: generate(tmp_path_factory.mktemp(f"synthetic-{n}"), n) for n in (SMALL, LARGE)}


def test_ingest_is_flat(corpora: dict[int, Path]) -> None:
    small, large = (_peak(lambda n=n: sum(1 for _ in iter_articles(corpora[n], []))) for n in (SMALL, LARGE))
    assert large < 1.25 * small, (small, large)


def _fill(n: int) -> None:
    with DuplicateIndex() as index:
        for i in range(n):
            index.add(f"{i:07d}", f"text {i}", i.to_bytes(4, "little") * 64)
        assert index.problems() == []


def test_duplicate_index_is_flat() -> None:
    small, large = _peak(lambda: _fill(SMALL * 4)), _peak(lambda: _fill(LARGE * 4))
    assert large < 1.25 * small, (small, large)
