"""A scraped collection (CSV, JSON Lines or Parquet) as a build's :class:`~venezuela_corpus.inputs.Source`.

One row is one article. The columns that hold its text and its metadata are named by
*columns* (``{"text": "isi_berita", ...}``) or guessed from common scraper names
(:data:`GUESSES`). A row's id is its ``id`` column, else the first 16 hex digits of the
SHA-256 of its URL; its outlet, when no column holds one, is the URL's host. A row becomes
the article a seed file ``<id>.txt`` with the same metadata would be, so a collection gives
the snapshot its import into a seeds folder gives.

The listing (one process) reads the file once, a row at a time, into a scratch database
keyed by id (a repeated id is an error naming both rows) and hands the rows out in id order;
each row is checked by the workers with the seeds' own rules, its problems naming the file
and the row (``news.csv row 17``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Generator, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import scratch
from .errors import Problem
from .ingest import MAX_BYTES, METADATA_KEYS, RawArticle, check_entry, decode
from .inputs import Read, batches

if TYPE_CHECKING:
    import pyarrow as pa

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
"""File suffixes a collection may have, and how each is read."""
GUESSES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "uid"),
    "text": ("text", "content", "isi_berita", "isi", "body", "article", "konten", "berita", "artikel"),
    "title": ("title", "judul", "headline", "judul_berita"),
    "url": ("url", "link", "href", "source_url", "tautan"),
    "outlet": ("outlet", "media", "source", "portal", "publisher", "sumber", "situs"),
    "published_date": ("published_date", "date", "tanggal", "published", "publish_date", "tgl", "waktu"),
    "author": ("author", "penulis", "reporter", "wartawan"),
    "editor": ("editor", "penyunting"),
    "translated_from": ("translated_from",),
    "notes": ("notes", "catatan"),
}
"""For each field, the column names tried (case-insensitively) when *columns* names none."""
FIELDS = tuple(GUESSES)

_TABLE = "CREATE TABLE rows (id TEXT PRIMARY KEY, row INTEGER, fields TEXT)"


def collection_format(path: Path) -> str | None:
    """How *path* is read (``csv``, ``jsonl``, ``parquet``), from its suffix; ``None`` if no collection.

    >>> collection_format(Path("berita.JSONL")), collection_format(Path("seeds"))
    ('jsonl', None)
    """
    return FORMATS.get(path.suffix.lower())


def resolve_columns(names: list[str], columns: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Map each field to a column of *names*: *columns* first, else a guess; and what is missing.

    >>> resolve_columns(["Judul", "isi_berita", "link"], {})
    ({'text': 'isi_berita', 'title': 'Judul', 'url': 'link'}, [])
    >>> resolve_columns(["body"], {"text": "isi"})[1]
    ["column 'isi' (for text) is not in the file", 'no column for url or id', 'no column for title']
    """
    lower = {name.lower(): name for name in reversed(names)}
    mapped: dict[str, str] = {}
    missing = [f"column {name!r} (for {key}) is not in the file" for key, name in columns.items() if name not in names]
    missing += [f"unknown field {key!r} (fields: {', '.join(FIELDS)})" for key in columns if key not in GUESSES]
    for key, guesses in GUESSES.items():
        if key in columns:
            if columns[key] in names:
                mapped[key] = columns[key]
            continue
        found = next((lower[g] for g in guesses if g in lower), None)
        if found is not None:
            mapped[key] = found
    if "text" not in mapped and "text" not in columns:
        missing.append(f"no column for text (tried {', '.join(GUESSES['text'])})")
    if "url" not in mapped and "id" not in mapped:
        missing.append("no column for url or id")
    if "title" not in mapped and "title" not in columns:
        missing.append("no column for title")
    return mapped, missing


def _jsonl(path: Path) -> Generator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as fh:
        for line_no, line in enumerate(fh, 1):
            if line.strip():
                try:
                    value = json.loads(line)
                except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply for json
                    raise ValueError(f"line {line_no} is not JSON: {exc}") from exc
                if not isinstance(value, dict):
                    raise ValueError(f"line {line_no} is not a JSON object")
                yield line_no, value


def _csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is longer than csv's 128 KiB default
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, strict=True)
        try:
            yield from enumerate(reader, 1)
        except csv.Error as exc:
            raise ValueError(f"line {reader.line_num}: {exc}") from exc


def _parquet(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow.parquet as pq

    row_no = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            row_no += 1
            yield row_no, row


def _names(path: Path, fmt: str) -> list[str]:
    """The column names of the collection (JSON Lines: the first object's keys)."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(path).schema_arrow.names)
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return next(csv.reader(fh), [])
    rows = _jsonl(path)
    first = next(rows, None)
    rows.close()
    return list(first[1]) if first else []


def _text(value: object) -> str | None:
    """A cell as a string (dates in ISO form), or ``None`` for an empty or missing one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def row_id(fields: Mapping[str, str | None]) -> str | None:
    """The row's id: its ``id`` field, else from its URL (16 hex digits of its SHA-256).

    >>> row_id({"id": "kompas-1"}), row_id({"url": "https://a.id/b"})
    ('kompas-1', '155cf0ebee7afa4b')
    """
    if fields.get("id"):
        return fields["id"]
    url = fields.get("url")
    return hashlib.sha256(url.encode()).hexdigest()[:16] if url else None


@dataclass(frozen=True)
class CollectionSource:
    """A CSV, JSON Lines or Parquet file of scraped articles, read as a seeds folder would be.

    On a cluster only the listing process reads the file: the rows travel to the workers.
    """

    path: Path
    columns: Mapping[str, str] = field(default_factory=dict)
    today: dt.date | None = None
    rows_per_task: int = 256
    in_id_order: bool = True
    """Rows are handed out in id order (sorted on disk by the listing)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(os.fspath(self.path)))  # a str or any os.PathLike

    @property
    def format(self) -> str:
        """``csv``, ``jsonl`` or ``parquet``."""
        return collection_format(self.path) or "csv"

    def _rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        return {"csv": _csv, "jsonl": _jsonl, "parquet": _parquet}[self.format](self.path)

    def listing(self, problems: list[Problem]) -> Iterator[pa.Table]:
        """The rows in id order, with the fields mapped; file-level problems and repeated ids to *problems*."""
        with closing(scratch.connect(_TABLE)) as db:
            mapped = self._store(db, problems)
            if mapped is None:
                return
            yield from self._tasks(db)

    def _store(self, db: sqlite3.Connection, problems: list[Problem]) -> dict[str, str] | None:
        name = self.path.name
        try:
            if self.path.exists() and not self.path.is_file():  # opening a pipe waits for a writer
                raise ValueError("it is not a regular file (a folder, pipe, device or socket?)")
            mapped, missing = resolve_columns(_names(self.path, self.format), self.columns)
            if missing:
                hint = "name the columns (columns={'text': ..., 'title': ..., 'url': ...})"
                problems += [Problem("error", "collection_columns", name, m, hint) for m in missing]
                return None
            for row_no, row in self._rows():
                fields = {key: _text(row.get(column)) for key, column in mapped.items()}
                where = f"{name} row {row_no}"
                if (record_id := row_id(fields)) is None:
                    problems.append(Problem("error", "metadata_missing", where, "no url and no id", "give a url"))
                    continue
                stored = json.dumps(fields, ensure_ascii=False)
                if not db.execute("INSERT OR IGNORE INTO rows VALUES (?, ?, ?)", (record_id, row_no, stored)).rowcount:
                    (first,) = db.execute("SELECT row FROM rows WHERE id = ?", (record_id,)).fetchone()
                    msg = f"duplicate id {record_id!r}: the id (or url) of row {first}"
                    problems.append(Problem("error", "metadata_duplicate", where, msg, "keep one of the rows"))
        except (OSError, ValueError, csv.Error) as exc:
            msg = f"cannot read the collection: {exc}"
            problems.append(Problem("error", "collection_read", name, msg, f"check the {self.format} file"))
            return None
        except Exception as exc:  # pyarrow's errors (ArrowInvalid subclasses ValueError; others do not)
            msg = f"cannot read the collection: {type(exc).__name__}: {exc}"
            problems.append(Problem("error", "collection_read", name, msg, f"check the {self.format} file"))
            return None
        return mapped

    def _tasks(self, db: sqlite3.Connection) -> Iterator[pa.Table]:
        import pyarrow as pa

        pos = 0
        for chunk in batches(db.execute("SELECT id, row, fields FROM rows ORDER BY id"), self.rows_per_task):
            ids, rows, fields = zip(*chunk, strict=True)
            yield pa.table(
                {
                    "pos": pa.array(range(pos, pos + len(chunk)), pa.int64()),
                    "id": pa.array(ids, pa.string()),
                    "row": pa.array(rows, pa.int64()),
                    "fields": pa.array(fields, pa.string()),
                }
            )
            pos += len(chunk)

    def read(self, task: pa.Table) -> list[Read]:
        """Check each row as a seed file and its metadata entry would be."""
        today = self.today or dt.date.today()
        return [
            (row["pos"], *read_row(self.path.name, row["row"], row["id"], json.loads(row["fields"]), today))
            for row in task.to_pylist()
        ]


def _date(value: str | None) -> str | None:
    """An ISO date or date-time cell as ``YYYY-MM-DD`` (other forms are left for the check to refuse)."""
    if value is not None and len(value) > 10 and value[10] in "T " and value[:4].isdigit():
        return value[:10]
    return value


def read_row(
    name: str, row_no: int, record_id: str, fields: Mapping[str, str | None], today: dt.date
) -> tuple[RawArticle | None, list[Problem]]:
    """One row as an article (or ``None``) and its problems, each naming *name* and the row."""
    where = f"{name} row {row_no}"
    url = fields.get("url")
    outlet = fields.get("outlet")
    if outlet is None and url:
        host = urlsplit(url).hostname if "://" in url else None
        outlet = host.removeprefix("www.") if host else None
    entry: dict[str, Any] = {key: fields.get(key) for key in METADATA_KEYS}
    entry.update(file=f"{record_id}.txt", outlet=outlet, published_date=_date(fields.get("published_date")))
    meta, found = check_entry(where, entry, today)
    text = fields.get("text") or ""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        msg = f"text has {len(data)} bytes, over the limit of {MAX_BYTES}"
        found.append(Problem("error", "file_size", where, msg, "is it really one article?"))
        return None, found
    decoded, problems = decode(data, where)
    found += [replace(p, hint="give the article's text") if p.check == "empty" else p for p in problems]
    if meta is None or decoded is None:
        return None, found
    return RawArticle(meta, decoded, hashlib.sha256(data).hexdigest()), found
