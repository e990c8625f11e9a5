"""Content fingerprints: SHA-256 over a canonical serialisation of the rows.

Independent of Parquet bytes and of the pyarrow version: each row becomes one line of
JSON with its columns in schema order, rows sorted by ``id``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

PREFIX = "sha256:"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def canonical_line(row: Mapping[str, Any], columns: Sequence[str]) -> bytes:
    """One row as canonical JSON bytes (columns in the given order, no spaces, UTF-8)."""
    obj = {name: _plain(row[name]) for name in columns}
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8") + b"\n"


class Fingerprinter:
    """Incremental fingerprint; rows must be fed in ascending ``id`` order."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = tuple(columns)
        self._hash = hashlib.sha256(canonical_line(dict(zip(self.columns, self.columns, strict=True)), self.columns))
        self._last: str | None = None

    def update(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Add rows (ascending ``id``)."""
        for row in rows:
            if self._last is not None and row["id"] <= self._last:
                raise ValueError(f"rows must be sorted by unique id: {row['id']!r} after {self._last!r}")
            self._last = row["id"]
            self._hash.update(canonical_line(row, self.columns))

    def hexdigest(self) -> str:
        """The fingerprint, ``"sha256:<64 hex digits>"``."""
        return PREFIX + self._hash.hexdigest()


def fingerprint_rows(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """The fingerprint of *rows* (any order) over *columns*.

    >>> rows = [{"id": "b", "n": 1}, {"id": "a", "n": 2}]
    >>> fingerprint_rows(rows, ["id", "n"]) == fingerprint_rows(rows[::-1], ["id", "n"])
    True
    """
    fp = Fingerprinter(columns)
    fp.update(sorted(rows, key=lambda r: str(r["id"])))
    return fp.hexdigest()
