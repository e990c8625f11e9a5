"""``Article``: one row of the corpus as a typed, frozen record.

The seam between the two wings: curation produces Articles, the snapshot stores their
rows, readers may turn rows back into Articles. Its fields are exactly ``schema.FIELDS``, in
order (a test checks the two agree), so the row, the Arrow schema and the card cannot drift.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .schema import FIELD_NAMES


@dataclass(frozen=True)
class Article:
    """One article of the corpus; the fields are documented in :data:`~venezuela_corpus.schema.FIELDS`.

    Lists are tuples here (the record is immutable); :meth:`row` gives the plain row.

    >>> a = Article.from_row({**dict.fromkeys(FIELD_NAMES), "keywords": ["AS"], "removed": [], "flags": []})
    >>> a.keywords, a.row()["keywords"]
    (('AS',), ['AS'])
    """

    id: str
    text: str
    title: str
    outlet: str
    url: str
    published_date: dt.date | None
    dateline: str | None
    author: str | None
    editor: str | None
    keywords: tuple[str, ...]
    language: str
    language_score: float
    translated_from: str | None
    n_words: int
    n_chars: int
    source_file: str
    raw_sha256: str
    text_sha256: str
    removed: tuple[tuple[str, str], ...]
    """Every removed span as ``(rule, text)`` (a ``cleaning.Removal`` is such a pair)."""
    flags: tuple[str, ...]
    notes: str | None

    def row(self) -> dict[str, Any]:
        """The row as Arrow and the fingerprint take it: lists, and ``removed`` as ``{rule, text}``."""
        row = {name: getattr(self, name) for name in FIELD_NAMES}
        row["keywords"] = list(self.keywords)
        row["flags"] = list(self.flags)
        row["removed"] = [{"rule": rule, "text": text} for rule, text in self.removed]
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Article:
        """An Article from a row of a snapshot (extra keys are ignored; dates may be ISO strings)."""
        values = {name: row[name] for name in FIELD_NAMES}
        date = values["published_date"]
        values["published_date"] = dt.date.fromisoformat(date) if isinstance(date, str) else date
        values["keywords"] = tuple(values["keywords"])
        values["flags"] = tuple(values["flags"])
        values["removed"] = tuple((r["rule"], r["text"]) for r in values["removed"])
        return cls(**values)
