"""Where raw articles come from: scraped collections, read row by row.

A collection is what a news scraper leaves behind: a CSV file, a JSON Lines file (or a
JSON array), a Parquet file, or a folder of text files (with an optional ``metadata.json``
in the seeds' format, or ``metadata.csv``/``.jsonl``/``.parquet`` with a ``file`` column).
:func:`open_collection` reads any of them as :class:`Row` records, one at a time, so memory
stays flat however many rows there are; a row that cannot be read is a row with a problem,
never an exception, and every row carries its number in the file.

Turning a row into an article's fields (which column is the text, the title, the date, ...;
dates in a scraper's formats; the outlet from the URL) is in :mod:`.mapping`.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from .errors import CollectionError

Format = Literal["csv", "jsonl", "json", "parquet", "folder"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "json", "parquet", "folder")
SUFFIXES: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
SIDECARS = ("metadata.json", "metadata.csv", "metadata.jsonl", "metadata.parquet")
"""Files in a folder of texts that give the texts' metadata (joined on the ``file`` column)."""
FIELD_LIMIT = 64 << 20
"""Largest CSV field read (64 MiB; Python's default of 128 KiB is shorter than long articles)."""
_PARQUET_BATCH = 256


@dataclass(frozen=True)
class Row:
    """One record of a collection.

    Attributes:
        number: Its position among the records, from 1 (a CSV's header is not a record).
        values: Its values by column name (empty when it could not be read).
        problem: Why it could not be read, if it could not.
        where: How messages name it, e.g. ``news.csv row 12 (line 14)``.

    """

    number: int
    values: Mapping[str, Any]
    problem: str | None = None
    where: str = ""


def detect_format(path: Path) -> Format:
    """The format of *path*, from its suffix (a folder is a folder of text files).

    >>> detect_format(Path("berita.jsonl")), detect_format(Path("Berita.CSV"))
    ('jsonl', 'csv')

    Raises:
        CollectionError: the suffix names no format this module reads.

    """
    if path.is_dir():
        return "folder"
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise CollectionError(
            f"cannot tell the format of {path} from its name: expected one of "
            f"{', '.join(sorted(SUFFIXES))} or a folder of .txt files; name it with --format ({', '.join(FORMATS)})"
        )
    return found


@dataclass(frozen=True)
class Collection:
    """A scraped collection in one file or folder.

    Attributes:
        path: The file or folder.
        format: How to read it (see :data:`FORMATS`).
        delimiter: A CSV's field separator; ``None`` guesses it from the start of the file.

    """

    path: Path
    format: Format
    delimiter: str | None = None

    @property
    def name(self) -> str:
        """How messages name the collection: its file name."""
        return self.path.name

    def header(self) -> list[str]:
        """The column names (a folder of texts: ``file``, ``text`` and its metadata's columns).

        Raises:
            CollectionError: the file cannot be read or holds no header.

        """
        with _reading(self.path):
            if self.format == "csv":
                with self._open_text() as fh:
                    return next(csv.reader(fh, delimiter=self._delimiter()), [])
            if self.format == "parquet":
                import pyarrow.parquet as pq

                return list(pq.ParquetFile(self.path).schema_arrow.names)
            if self.format == "folder":
                return ["file", "text", *_sidecar_columns(self.path)]
            columns: dict[str, None] = {}  # JSON: the keys of the first records, in order
            unread: list[Row] = []
            for row, _ in zip(self.rows(), range(100), strict=False):
                columns.update(dict.fromkeys(row.values))
                if row.problem is not None:
                    unread.append(row)
            if not columns and unread:
                first = unread[0]
                raise CollectionError(
                    f"{self.path} has no readable record among its first {len(unread)}: {first.where} "
                    f"{first.problem}; a JSON Lines file holds one JSON object of fields per line"
                )
            return list(columns)

    def rows(self) -> Iterator[Row]:
        """Every record, in file order; unreadable ones carry their :attr:`Row.problem`.

        Raises:
            CollectionError: the file as a whole cannot be read (missing, not a table, ...).

        """
        readers = {"csv": self._csv, "jsonl": self._jsonl, "json": self._json, "parquet": self._parquet}
        read = readers.get(self.format, self._folder)
        with _reading(self.path):
            yield from read()

    def count(self) -> int | None:
        """How many records there are (for a progress bar; a quick pass over a CSV or JSON Lines file).

        ``None`` for a JSON array, which would have to be parsed whole.
        """
        with _reading(self.path):
            if self.format == "parquet":
                import pyarrow.parquet as pq

                return int(pq.ParquetFile(self.path).metadata.num_rows)
            if self.format == "folder":
                return sum(1 for p in self.path.iterdir() if p.suffix == ".txt")
            if self.format == "jsonl":
                with self.path.open("rb") as fh:
                    return sum(1 for line in fh if line.strip())
            if self.format == "csv":
                csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
                with self._open_text() as fh:
                    try:
                        return max(0, sum(1 for f in csv.reader(fh, delimiter=self._delimiter()) if any(f)) - 1)
                    except csv.Error:
                        return None
        return None

    def _where(self, number: int, line: int | None = None) -> str:
        return f"{self.name} row {number}" + (f" (line {line})" if line is not None else "")

    def _open_text(self) -> IO[str]:
        # Invalid UTF-8 becomes lone surrogates, refused per value by the mapping, not for the whole file.
        return self.path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")

    def _delimiter(self) -> str:
        if self.delimiter:
            return self.delimiter
        if self.path.suffix.lower() == ".tsv":
            return "\t"
        with self._open_text() as fh:
            first = fh.readline(1 << 16)
        counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","

    def _csv(self) -> Iterator[Row]:
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
        with self._open_text() as fh:
            reader = csv.reader(fh, delimiter=self._delimiter())
            header = next(reader, None)
            if not header:
                raise CollectionError(f"{self.path} is empty: a CSV collection needs a header row of column names")
            number = 0
            while True:
                line = reader.line_num + 1
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    number += 1
                    yield Row(number, {}, f"not readable as CSV: {exc}", self._where(number, line))
                    continue
                if not any(f.strip() for f in fields):
                    continue  # a blank line
                number += 1
                where = self._where(number, line)
                if len(fields) != len(header):
                    msg = f"has {len(fields)} fields, the header {len(header)}: a quote may be unbalanced"
                    yield Row(number, {}, msg, where)
                else:
                    yield Row(number, dict(zip(header, fields, strict=True)), None, where)

    def _jsonl(self) -> Iterator[Row]:
        with self.path.open("rb") as fh:
            number = 0
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                number += 1
                where = self._where(number, line_no)
                try:
                    value = json.loads(line)
                except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply for json
                    why = "nested too deeply" if isinstance(exc, RecursionError) else exc
                    yield Row(number, {}, f"not valid JSON: {why}", where)
                    continue
                yield _object_row(number, value, where)

    def _json(self) -> Iterator[Row]:
        import ijson

        with self.path.open("rb") as fh:
            number = 0
            first = fh.read(1 << 12).lstrip()[:1]
            fh.seek(0)
            try:
                if first != b"[":
                    raise ValueError("it does not start with '['")
                for number, value in enumerate(ijson.items(fh, "item", use_float=True), 1):
                    yield _object_row(number, value, self._where(number))
            except (ijson.JSONError, ValueError) as exc:
                raise CollectionError(
                    f"{self.path} is not a JSON array of objects (after {number} records: {exc}); "
                    "for one object per line, name it .jsonl"
                ) from exc

    def _parquet(self) -> Iterator[Row]:
        import pyarrow.parquet as pq

        number = 0
        with pq.ParquetFile(self.path) as reader:
            for batch in reader.iter_batches(batch_size=_PARQUET_BATCH):
                for values in batch.to_pylist():
                    number += 1
                    yield Row(number, values, None, self._where(number))

    def _folder(self) -> Iterator[Row]:
        from .ingest import decode, read_file

        meta = _sidecar(self.path)
        names = sorted((e.name for e in os.scandir(self.path) if e.name.endswith(".txt")), key=os.fsencode)
        for number, name in enumerate(names, 1):
            where = f"{self.name}/{name}"
            data, found = read_file(self.path / name, self.path)
            text = None
            if data is not None:
                text, found = decode(data, name)
            if text is None:
                yield Row(number, {"file": name}, found[0].message if found else "unreadable", where)
            else:
                yield Row(number, {**meta.get(name, {}), "file": name, "text": text}, None, where)


def _object_row(number: int, value: object, where: str) -> Row:
    if not isinstance(value, dict):
        return Row(number, {}, f"is a JSON {type(value).__name__}, not an object of fields", where)
    return Row(number, value, None, where)


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn an ``OSError`` or a Parquet error of the file as a whole into a :class:`CollectionError`."""
    try:
        yield
    except CollectionError:
        raise
    except OSError as exc:
        raise CollectionError(f"cannot read {path}: {exc.strerror or exc}; check the path") from exc
    except Exception as exc:
        import pyarrow as pa

        if isinstance(exc, pa.ArrowException):
            raise CollectionError(f"cannot read {path} as Parquet: {exc}") from exc
        raise


def _sidecar_path(folder: Path) -> Path | None:
    return next((folder / n for n in SIDECARS if (folder / n).is_file()), None)


def _sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    """The metadata of a folder of texts, by file name (small: a few hundred bytes a text).

    Raises:
        CollectionError: naming the metadata file (and its entry or row) that cannot be used.

    """
    path = _sidecar_path(folder)
    if path is None:
        return {}
    fix = f"fix it, or remove {path.name} to import the texts alone"
    if path.name == "metadata.json":  # the seeds' format: {"format": 1, "articles": [...]}
        try:
            doc = json.loads(path.read_bytes())
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply for json
            why = "nested too deeply" if isinstance(exc, RecursionError) else exc
            raise CollectionError(f"{path} is not valid JSON: {why}; {fix}") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("articles"), list):
            raise CollectionError(f'{path} is not {{"articles": [{{"file": ..., ...}}, ...]}}; {fix}')
        entries = [(f"entry {i}", e) for i, e in enumerate(doc["articles"], 1)]
    else:
        entries = []
        for row in open_collection(path).rows():
            if row.problem is not None:
                raise CollectionError(f"{path.parent / row.where} {row.problem}; {fix}")
            entries.append((f"row {row.number}", dict(row.values)))
    found: dict[str, dict[str, Any]] = {}
    for where, entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise CollectionError(f"{path} {where} names no text: it needs a 'file' (a .txt name); {fix}")
        if entry["file"] in found:
            raise CollectionError(f"{path} {where} names {entry['file']} again: keep one entry per text")
        found[entry["file"]] = entry
    return found


def _sidecar_columns(folder: Path) -> list[str]:
    columns: dict[str, None] = {}
    for entry in _sidecar(folder).values():
        columns.update(dict.fromkeys(k for k in entry if k not in ("file", "text")))
    return list(columns)


def _kind(path: Path) -> str | None:
    """Why *path* cannot be read as a collection (missing, a loop, a pipe or device), or ``None``.

    A pipe is refused before it is opened: opening one waits for a writer, maybe forever.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:  # a symlink loop, a folder that cannot be entered, ...
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "is a pipe, device or socket, not a file"


def open_collection(
    path: str | os.PathLike[str], format: Format | None = None, *, delimiter: str | None = None
) -> Collection:
    """The collection in *path*, read as *format* (default: from its suffix).

    Raises:
        CollectionError: *path* does not exist, or its format is unknown.

    """
    path = Path(os.fspath(path))
    kind = _kind(path)
    if kind is not None:
        raise CollectionError(f"{path} {kind}: name a CSV, JSON Lines or Parquet file, or a folder of texts")
    if format is not None and format not in FORMATS:
        raise CollectionError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    return Collection(path, format or detect_format(path), delimiter)
