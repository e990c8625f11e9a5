"""Word-level evaluation of the cleaner on labelled ``{raw, clean}`` pairs.

- **boilerplate recall**: of the words that should go (raw minus expected clean), the share
  the cleaner removed;
- **content precision**: of the words the cleaner removed, the share that were boilerplate
  (1.0 means not one content word was lost).

Words are compared as multisets, so the scores do not depend on where a span was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .cleaning import clean_text, normalise


@dataclass(frozen=True)
class Scores:
    """Totals over a labelled set."""

    articles: int
    boilerplate_words: int
    removed_words: int
    boilerplate_removed: int
    content_lost: int

    @property
    def boilerplate_recall(self) -> float:
        """Share of boilerplate words removed (1.0 when there were none)."""
        return self.boilerplate_removed / self.boilerplate_words if self.boilerplate_words else 1.0

    @property
    def content_precision(self) -> float:
        """Share of removed words that were boilerplate (1.0 when none were removed)."""
        return self.boilerplate_removed / self.removed_words if self.removed_words else 1.0


def _words(text: str) -> Counter[str]:
    return Counter(" ".join(normalise(text)[0]).replace(" ,", ",").split())


def evaluate(pairs: Iterable[Mapping[str, str]]) -> Scores:
    """Score :func:`clean_text` on pairs with keys ``raw``, ``clean`` and optional ``outlet``.

    >>> s = evaluate([{"raw": "Jakarta - Harga naik.\\nBaca: Lain", "clean": "Harga naik."}])
    >>> s.boilerplate_recall, s.content_precision
    (1.0, 1.0)
    """
    n = bw = rw = br = lost = 0
    for pair in pairs:
        raw, expected = _words(pair["raw"]), _words(pair["clean"])
        output = _words(clean_text(pair["raw"], outlet=pair.get("outlet")).text)
        boilerplate = raw - expected
        removed = raw - output
        n += 1
        bw += sum(boilerplate.values())
        rw += sum(removed.values())
        br += sum((removed & boilerplate).values())
        lost += sum((expected - output).values())
    return Scores(n, bw, rw, br, lost)
