"""Per-record checks: a table of small tests over one cleaned article, never looking at another.

A check sees a :class:`Candidate`: the :class:`~venezuela_corpus.article.Article` and the
evidence the cleaner found that is not part of the row (the outlet printed in the text).
Engines carry the evidence as extra columns (:data:`EVIDENCE`), so a check fires the same on
every path. Duplicates, the one corpus-level check, are in :mod:`.duplicates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .article import Article
from .cleaning import outlet_key
from .errors import Problem
from .schema import Field

MIN_WORDS = 50
"""Shortest clean text accepted, in words (the seeds have 250 to 1,000)."""
LANGUAGE = "id"
MIN_LANGUAGE_SCORE = 0.90
"""Below this ``langdetect`` probability an Indonesian text gets a warning."""
EVIDENCE: tuple[Field, ...] = (
    Field("printed_outlet", "string", True, "Outlet named in the text's boilerplate, if any."),
)
"""What the checks need beyond the row: the columns an engine adds to the corpus columns."""


@dataclass(frozen=True)
class Candidate:
    """An article as the cleaner left it, with the evidence the checks need (see :data:`EVIDENCE`)."""

    article: Article
    printed_outlet: str | None = None

    def row(self) -> dict[str, Any]:
        """The article's row with the evidence columns."""
        return {**self.article.row(), "printed_outlet": self.printed_outlet}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Candidate:
        """A candidate from a row with (or, e.g. a snapshot's row, without) the evidence columns."""
        return cls(Article.from_row(row), row.get("printed_outlet"))


@dataclass(frozen=True)
class Check:
    """One per-record check: ``test`` returns a message when the candidate fails."""

    name: str
    severity: str
    test: Callable[[Candidate], str | None]
    hint: str


def _outlet_mismatch(c: Candidate) -> str | None:
    printed, outlet = c.printed_outlet, c.article.outlet
    if printed and outlet_key(outlet) not in outlet_key(printed.replace(".", "")):
        return f"text names outlet {printed!r} but metadata says {outlet!r}"
    return None


MALAY_MARKERS = frozenset(
    {
        "aktiviti", "akhbar", "bahawa", "baharu", "bilangan", "ekoran", "iaitu", "kakitangan",
        "kenderaan", "kerana", "kewangan", "komuniti", "kualiti", "mahupun", "manakala",
        "memandangkan", "menerusi", "pelaburan", "pengangkutan", "perbicaraan", "perniagaan",
        "sahaja", "selepas", "sesawang", "sokongan", "syarikat", "tempatan", "terjejas", "universiti",
    }
)  # fmt: skip
"""Malay spellings and words that Indonesian news does not use (none is in any of 303 real
Indonesian articles of the development set); ``langdetect`` has no Malay profile."""
_WORD = re.compile(r"\w+")


def _malay_like(c: Candidate) -> str | None:
    a = c.article
    found = sorted(MALAY_MARKERS.intersection(_WORD.findall(a.text.lower())))
    if len(found) >= 2:
        return (
            f"text looks Malay ({', '.join(found)}) though langdetect says "
            f"{a.language!r} with score {a.language_score:.2f}"
        )
    return None


def _min_length(c: Candidate) -> str | None:
    a = c.article
    if a.n_words >= MIN_WORDS or not a.text.strip():
        return None
    return f"only {a.n_words} words (minimum {MIN_WORDS})"


def _language(c: Candidate) -> str | None:
    a = c.article
    if a.language == LANGUAGE:
        return None
    return f"language is {a.language!r} (score {a.language_score:.2f}), not Indonesian"


def _language_score(c: Candidate) -> str | None:
    a = c.article
    if a.language != LANGUAGE or a.language_score >= MIN_LANGUAGE_SCORE:
        return None
    return f"Indonesian with low confidence {a.language_score:.2f}"


def _mixed_language(c: Candidate) -> str | None:
    """A part of the text in another language (the stored language is that of its start)."""
    from . import langid

    if c.article.language != LANGUAGE:
        return None  # the whole article is refused already
    foreign = [
        f"characters {start:,}-{end:,} of {len(c.article.text):,} are {lang!r} (score {score:.2f})"
        for start, end, lang, score in langid.detect_windows(c.article.text)
        if lang != LANGUAGE
    ]
    if not foreign:
        return None
    return f"the text reads as Indonesian but {'; '.join(foreign)}"


def _mixed_language_score(c: Candidate) -> str | None:
    """A part of the text that is Indonesian with low confidence."""
    from . import langid

    if c.article.language != LANGUAGE:
        return None
    weak = [
        f"characters {start:,}-{end:,} of {len(c.article.text):,} are Indonesian with low confidence {score:.2f}"
        for start, end, lang, score in langid.detect_windows(c.article.text)
        if lang == LANGUAGE and score < MIN_LANGUAGE_SCORE
    ]
    return "; ".join(weak) or None


CHECKS: tuple[Check, ...] = (
    Check(
        "not_empty",
        "error",
        lambda c: None if c.article.text.strip() else "text is empty after cleaning",
        "is the file only boilerplate?",
    ),
    Check("min_length", "error", _min_length, "is the article complete?"),
    Check("language", "error", _language, "only Indonesian articles belong in this corpus"),
    Check("language_score", "warning", _language_score, "check for mixed language"),
    Check("mixed_language", "error", _mixed_language, "remove the part in another language, or the article"),
    Check("mixed_language_score", "warning", _mixed_language_score, "check that part for another language"),
    Check("malay_like", "warning", _malay_like, "check that the source is Indonesian"),
    Check("outlet_mismatch", "warning", _outlet_mismatch, "check the metadata's outlet"),
    Check(
        "machine_translated",
        "warning",
        lambda c: f"machine translation from {c.article.translated_from!r}" if c.article.translated_from else None,
        "kept as published; see the card's limitations",
    ),
)


def check_record(candidate: Candidate) -> list[Problem]:
    """Run every per-record check on one cleaned article."""
    problems = []
    for check in CHECKS:
        message = check.test(candidate)
        if message:
            problems.append(Problem(check.severity, check.name, candidate.article.id, message, check.hint))
    return problems
