"""Word-level evaluation of the cleaner on labelled ``{raw, clean}`` pairs.

- **boilerplate recall**: of the words that should go (raw minus expected clean), the share
  the cleaner removed;
- **content precision**: of the words the cleaner removed, the share that were boilerplate
  (1.0 means not one content word was lost).

Words are compared as multisets, so the scores do not depend on where a span was.

The real development set (``tests/devset``) is scored differently: each raw article carries
character-offset spans labelled with a boilerplate family, its tokens are aligned with the
tokens of the cleaner's output (:func:`score_article`), and :func:`summarise` reports recall per
family and per text form, content words lost, and words removed from already-clean text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, NamedTuple

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


# --- Span-labelled development set -------------------------------------------------------
# Each article carries character-offset spans of boilerplate, each with a family. A token is
# a run of word characters, further split at span boundaries and where a lower-case letter is
# followed by an upper-case one (``LainKalimat`` -> ``Lain`` ``Kalimat``: glued elements), so
# the raw text and the cleaner's output, tokenised alike, can be aligned word by word.

CONTENT = "content"
"""The label of a token outside every boilerplate span."""

FAMILIES = (
    "dateline",
    "related_link",
    "video_plug",
    "ad_marker",
    "footer",
    "credit",
    "caption",
    "embed",
    "pagination",
    "related_titles",
    "keywords",
    "author_bio",
    "other",
)
"""The boilerplate families a span may carry."""

FORMS = ("lines", "glued", "one_line", "element_per_line", "tokenised")
"""The text forms an article may have (how its HTML was flattened)."""

_WORD = re.compile(r"\w+")


class Span(NamedTuple):
    """A labelled boilerplate span: ``text[start:end]`` belongs to ``family``."""

    start: int
    end: int
    family: str


def tokens(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the word tokens of ``text``.

    Word runs are split at the offsets in ``cuts`` and at lower-to-upper case joints.

    >>> t = "dia.Baca juga: LainKalimat"
    >>> [t[s:e] for s, e in tokens(t)]
    ['dia', 'Baca', 'juga', 'Lain', 'Kalimat']
    >>> tokens("2025Bola", cuts=[4])
    [(0, 4), (4, 8)]
    """
    points = sorted(set(cuts))
    out: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        inner = [start + k for k in range(1, len(word)) if word[k - 1].islower() and word[k].isupper()]
        inner += [p for p in points if start < p < end]
        for cut in sorted(set(inner)):
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def label_tokens(text: str, spans: Sequence[Span]) -> list[tuple[str, str]]:
    """Each token of ``text`` as ``(token, label)``: the family of its span, or ``content``.

    >>> label_tokens("naik.Baca: Lain", [Span(5, 15, "related_link")])
    [('naik', 'content'), ('Baca', 'related_link'), ('Lain', 'related_link')]
    """
    ordered = sorted(spans)
    cuts = [p for s in ordered for p in (s.start, s.end)]
    out: list[tuple[str, str]] = []
    i = 0
    for start, end in tokens(text, cuts):
        while i < len(ordered) and ordered[i].end <= start:
            i += 1
        inside = i < len(ordered) and ordered[i].start <= start
        out.append((text[start:end], ordered[i].family if inside else CONTENT))
    return out


def surviving(raw: Sequence[str], clean: Sequence[str]) -> list[bool]:
    """For each raw token, whether it survives in the clean tokens (a longest-match alignment).

    >>> surviving(["a", "Baca", "juga", "b", "a"], ["a", "b", "a"])
    [True, False, False, True, True]
    """
    kept = [False] * len(raw)
    matcher = SequenceMatcher(None, list(raw), list(clean), autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.a, block.a + block.size):
            kept[k] = True
    return kept


@dataclass(frozen=True)
class ArticleScore:
    """How the cleaner did on one labelled article."""

    id: str
    split: str
    form: str
    outlet: str | None
    total: Mapping[str, int]
    """Tokens per label (families and ``content``)."""
    removed: Mapping[str, int]
    """Removed tokens per label."""
    lost: tuple[str, ...]
    """Content tokens the cleaner removed."""
    left: tuple[str, ...]
    """Boilerplate tokens the cleaner kept."""

    @property
    def boilerplate(self) -> int:
        """Boilerplate tokens in the raw text."""
        return sum(n for label, n in self.total.items() if label != CONTENT)


def score_article(
    text: str,
    spans: Sequence[Span],
    clean: str,
    *,
    article_id: str = "",
    split: str = "dev",
    form: str = "lines",
    outlet: str | None = None,
) -> ArticleScore:
    """Score one cleaned article against its labelled spans.

    >>> s = score_article("Harga naik.Baca juga: Lain", [Span(11, 26, "related_link")], "Harga naik.")
    >>> dict(s.total), dict(s.removed), s.lost, s.left
    ({'content': 2, 'related_link': 3}, {'related_link': 3}, (), ())
    """
    labelled = label_tokens(text, spans)
    vocabulary = {tok for tok, _ in labelled}
    clean_tokens = [piece for s, e in tokens(clean) for piece in _segment(clean[s:e], vocabulary)]
    kept = surviving([tok for tok, _ in labelled], clean_tokens)
    total: Counter[str] = Counter(label for _, label in labelled)
    removed: Counter[str] = Counter(label for (_, label), k in zip(labelled, kept, strict=True) if not k)
    lost = tuple(tok for (tok, label), k in zip(labelled, kept, strict=True) if not k and label == CONTENT)
    left = tuple(tok for (tok, label), k in zip(labelled, kept, strict=True) if k and label != CONTENT)
    return ArticleScore(article_id, split, form, outlet, dict(total), dict(removed), lost, left)


def _segment(word: str, vocabulary: set[str]) -> list[str]:
    """``word`` as a run of raw tokens if it is glued from several (``RISultan`` -> ``RI Sultan``).

    A span boundary splits a raw word the cleaner may keep whole; without this, both halves
    would count as removed.

    >>> _segment("RISultan", {"RI", "Sultan"}), _segment("Jakarta", {"Jak"})
    (['RI', 'Sultan'], ['Jakarta'])
    """
    if word in vocabulary or len(word) > 80:
        return [word]
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            prefix = best[start]
            if prefix is not None and word[start:end] in vocabulary:
                best[end] = [*prefix, word[start:end]]
                break
    return best[-1] or [word]


def _groups(scores: Iterable[ArticleScore], key: Callable[[ArticleScore], str]) -> dict[str, list[ArticleScore]]:
    out: dict[str, list[ArticleScore]] = {}
    for s in scores:
        out.setdefault(key(s), []).append(s)
    return out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarise(scores: Iterable[ArticleScore], *, worst: int = 10) -> dict[str, Any]:
    """Totals over scored articles: recall per family, form and outlet, content lost, clean-split removals.

    ``boilerplate_recall`` is the share of boilerplate tokens removed; ``content_lost`` the
    share of content tokens removed (on the ``dev`` split); ``clean_removed`` the share of
    content tokens removed on the ``clean`` split (already-clean text; a span labelled there,
    such as a dateline, may go). A share with nothing to count is ``None``.
    """
    scores = list(scores)
    dev = [s for s in scores if s.split != "clean"]
    clean = [s for s in scores if s.split == "clean"]

    def recall(group: Sequence[ArticleScore], family: str | None = None) -> dict[str, Any]:
        fams = [family] if family else list(FAMILIES)
        total = sum(s.total.get(f, 0) for s in group for f in fams)
        removed = sum(s.removed.get(f, 0) for s in group for f in fams)
        return {"tokens": total, "removed": removed, "recall": _share(removed, total)}

    def lost(group: Sequence[ArticleScore]) -> dict[str, Any]:
        total = sum(s.total.get(CONTENT, 0) for s in group)
        removed = sum(s.removed.get(CONTENT, 0) for s in group)
        return {"tokens": total, "lost": removed, "share": _share(removed, total)}

    by_form = {form: [s for s in dev if s.form == form] for form in FORMS}
    clean_total = sum(s.total.get(CONTENT, 0) for s in clean)
    clean_removed = sum(s.removed.get(CONTENT, 0) for s in clean)
    ranked = sorted(dev + clean, key=lambda s: (-len(s.lost), -len(s.left), s.id))
    return {
        "articles": {"dev": len(dev), "clean": len(clean)},
        "outlets": len({s.outlet for s in dev if s.outlet}),
        "boilerplate_recall": recall(dev),
        "content_lost": lost(dev),
        "recall_by_family": {f: recall(dev, f) for f in FAMILIES if any(s.total.get(f) for s in dev)},
        "by_outlet": {
            outlet: {"articles": len(group), "boilerplate": recall(group), "content_lost": lost(group)}
            for outlet, group in sorted(_groups(dev, lambda s: s.outlet or "unknown").items())
        },
        "by_form": {
            form: {"articles": len(group), "boilerplate": recall(group), "content_lost": lost(group)}
            for form, group in by_form.items()
            if group
        },
        "clean_removed": {"tokens": clean_total, "removed": clean_removed, "share": _share(clean_removed, clean_total)},
        "worst": [
            {
                "id": s.id,
                "form": s.form,
                "lost": len(s.lost),
                "left": len(s.left),
                "lost_words": " ".join(s.lost[:30]),
                "left_words": " ".join(s.left[:30]),
            }
            for s in ranked[:worst]
            if s.lost or s.left
        ],
    }
