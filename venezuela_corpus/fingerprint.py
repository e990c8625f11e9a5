"""Content fingerprints: SHA-256 over a canonical serialisation of the rows.

Independent of Parquet bytes and of the pyarrow version: each row becomes one line of
JSON with its columns in schema order, rows sorted by ``id``. :func:`canonical_line` is the
definition; :meth:`Fingerprinter.update_batch` produces the same bytes for an Arrow batch
without Python rows (:mod:`.arrow_json`), so verifying a snapshot needs memory flat in rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

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
            if not isinstance(row["id"], str):
                raise ValueError(f"every row id must be a string, not {row['id']!r}")
            if self._last is not None and row["id"] <= self._last:
                raise ValueError(f"rows must be sorted by unique id: {row['id']!r} after {self._last!r}")
            self._last = row["id"]
            self._hash.update(canonical_line(row, self.columns))

    def update_batch(self, batch: pa.RecordBatch) -> None:
        """Add an Arrow batch's rows (ascending ``id``), serialised without Python rows.

        The same bytes as :meth:`update` on ``batch.to_pylist()`` (see :mod:`.arrow_json`).
        """
        import pyarrow as pa

        from .arrow_json import lines
        from .arrowfn import call

        if not len(batch):
            return
        ids = batch.column("id")
        if ids.null_count or not pa.types.is_string(ids.type):
            self.update(batch.to_pylist())  # the rows as Python values; raises on a null id
            return
        # Arrow compares strings by their UTF-8 bytes: the order of code points, as Python does.
        ordered = len(batch) == 1 or call("all", call("less", ids.slice(0, len(batch) - 1), ids.slice(1))).as_py()
        first = ids[0].as_py()
        if not ordered or (self._last is not None and first <= self._last):
            self.update(batch.to_pylist())  # raises, naming the ids out of order
            return
        self._last = ids[len(batch) - 1].as_py()
        self._hash.update(lines(batch, self.columns))

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


def _stream(table: pa.Table, batch_rows: int) -> str:
    fp = Fingerprinter(table.schema.names)
    for batch in table.to_batches(max_chunksize=batch_rows):
        fp.update_batch(batch)
    return fp.hexdigest()


def fingerprint_table(table: pa.Table, batch_rows: int = 2048) -> str:
    """The fingerprint of an Arrow table's rows over its columns, a batch at a time.

    The same value as :func:`fingerprint_rows` of ``table.to_pylist()``, with memory flat in
    the rows for a table sorted by ``id`` (as every snapshot is); others are sorted first.

    Raises:
        ValueError: if ids are not unique.

    >>> import pyarrow as pa
    >>> rows = [{"id": "b", "n": 1}, {"id": "a", "n": 2}]
    >>> fingerprint_table(pa.Table.from_pylist(rows)) == fingerprint_rows(rows, ["id", "n"])
    True
    """
    try:
        return _stream(table, batch_rows)
    except ValueError:  # out of order (duplicates raise again)
        return _stream(table.sort_by("id"), batch_rows)
