"""Loads for corpora larger than memory: verified record batches, and memory-mapped Arrow files.

- :func:`iter_batches` reads a snapshot's Parquet file a row group at a time. Before the first
  batch, the manifest, the folder's listing, the other files' hashes, the schema and the row
  count (from the Parquet footer) are checked. While the batches pass, the data file is hashed
  by a sequential read kept just ahead of pyarrow's (so the disk is read about once: pyarrow
  then reads from the page cache) and the rows' fingerprint is computed; after the last batch
  both are compared with the manifest and :class:`~venezuela_corpus.errors.IntegrityError`
  is raised if either differs. Memory is one row group, whatever the size of the corpus.
- :func:`arrow_file` writes a snapshot once, from that verified stream, as an Arrow file in a
  cache folder; :func:`mapped_table` memory-maps it and checks its rows' fingerprint against
  the manifest a batch at a time (once per process for the same file), so its pages are the
  operating system's to keep or drop, never the process's heap.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import atomic_path
from .corpus import Corpus
from .errors import IntegrityError
from .fingerprint import Fingerprinter, fingerprint_table
from .paths import StrPath, as_path
from .store import (
    DATA_FILE,
    MANIFEST_FILE,
    REINSTALL,
    Manifest,
    Readable,
    check_listing,
    read_manifest,
    read_verified,
    snapshot_folder,
)

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

BATCH_ROWS = 2048
"""Rows per record batch a stream yields (a row group is cut into batches of at most this)."""
CACHE_ENV = "VENEZUELA_CORPUS_CACHE"
"""Environment variable naming the folder of memory-mapped Arrow files (see :func:`cache_folder`)."""
_MAPPED: dict[tuple[str, int, int, int, str], None] = {}
"""Arrow files whose rows were checked in this process: (path, inode, size, mtime, fingerprint)."""


@dataclass(frozen=True)
class Stream:
    """A snapshot whose manifest, listing and small files were checked; its rows not yet read.

    Attributes:
        corpus: The corpus it belongs to.
        manifest: Its manifest, checked in full.
        folder: Its folder.
        schema: The Arrow schema of its data file (checked against the manifest).

    """

    corpus: Corpus
    manifest: Manifest
    folder: Readable
    schema: pa.Schema

    @property
    def pin(self) -> str:
        """Its pin: ``<corpus name>==X.Y.Z@sha256:...``."""
        return self.corpus.info.pin(self.manifest)

    @property
    def where(self) -> str:
        """How messages name its data file."""
        return f"{self.folder.name}/{DATA_FILE}"


def open_stream(version: str | None = None, *, path: StrPath | Corpus | None = None) -> Stream:
    """A snapshot to read a batch at a time: everything but the data file's content checked.

    Raises:
        VersionNotFoundError: no such version.
        IntegrityError: the manifest, the listing, another file, the schema or the row count
            recorded in the Parquet footer differ from what was recorded.

    """
    corpus, folder = snapshot_folder(version, path=path)
    manifest = read_manifest(folder)
    check_listing(folder, manifest)
    for name in sorted(set(manifest.files) - {DATA_FILE}):
        read_verified(folder, name, manifest.files[name])
    with _open_data(manifest, folder) as (parquet, _):
        _check_footer(folder, manifest, parquet)
        return Stream(corpus, manifest, folder, parquet.schema_arrow)


class _Hasher:
    """The SHA-256 and size of a file, read sequentially as far as asked."""

    def __init__(self, path: Path, where: str) -> None:
        self.where = where
        self._file = _reading(where, lambda: path.open("rb"))
        self._hash = hashlib.sha256()
        self.size = 0

    def advance(self, to: int | None = None) -> None:
        """Hash on to byte *to* (``None``: the end of the file)."""
        while to is None or self.size < to:
            want = 1 << 20 if to is None else min(1 << 20, to - self.size)
            block = _reading(self.where, lambda: self._file.read(want))  # noqa: B023 - called at once
            if not block:
                return
            self._hash.update(block)
            self.size += len(block)

    def finish(self) -> str:
        """The SHA-256 of the whole file (read to its end)."""
        self.advance()
        return self._hash.hexdigest()

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def _reading(where: str, read: Callable[[], Any]) -> Any:
    try:
        return read()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise IntegrityError(f"{where} is missing. {REINSTALL}.") from exc
    except OSError as exc:
        raise IntegrityError(f"{where} cannot be read ({exc.strerror or exc}). {REINSTALL}.") from exc


@contextlib.contextmanager
def _open_data(manifest: Manifest, folder: Readable) -> Iterator[tuple[pq.ParquetFile, _Hasher | None]]:
    """The data file as a ``ParquetFile``, and a hasher to run beside it (``None``: verified already).

    A folder that is not on the file system (e.g. a zip) is read into memory and checked first.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path, where = folder.joinpath(DATA_FILE), f"{folder.name}/{DATA_FILE}"
    hasher: _Hasher | None = None
    if isinstance(path, Path):
        hasher = _Hasher(path, where)
        source: Any = str(path)
    else:
        source = pa.BufferReader(read_verified(folder, DATA_FILE, manifest.files[DATA_FILE]))
    try:
        try:
            parquet = pq.ParquetFile(source)
        except (pa.ArrowException, OSError) as exc:
            raise _unreadable(where, exc) from exc
        with contextlib.closing(parquet):
            yield parquet, hasher
    finally:
        if hasher is not None:
            hasher.close()


def _unreadable(where: str, exc: Exception) -> IntegrityError:
    return IntegrityError(f"{where} is not readable Parquet: {exc}. {REINSTALL}.")


def _check_footer(folder: Readable, manifest: Manifest, parquet: pq.ParquetFile) -> None:
    from .schema import schema_spec

    where = f"{folder.name}/{MANIFEST_FILE}"
    if schema_spec(parquet.schema_arrow) != manifest.schema:
        raise IntegrityError(f"{where}: schema does not match the data file. {REINSTALL}.")
    if parquet.metadata.num_rows != manifest.rows:
        raise IntegrityError(
            f"{where}: {manifest.rows} rows recorded, {parquet.metadata.num_rows} in the data. {REINSTALL}."
        )


def _row_group_end(parquet: pq.ParquetFile, i: int) -> int:
    """The byte after row group *i*'s last column chunk."""
    group, end = parquet.metadata.row_group(i), 0
    for j in range(group.num_columns):
        chunk = group.column(j)
        start = chunk.dictionary_page_offset if chunk.has_dictionary_page else chunk.data_page_offset
        end = max(end, (start or chunk.data_page_offset) + chunk.total_compressed_size)
    return end


def iter_batches(stream: Stream, batch_rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """The snapshot's rows as record batches, verified as they are read (see the module's notes).

    Raises:
        IntegrityError: after the last batch, if the data file's SHA-256 or size, the rows'
            fingerprint or their count differ from the manifest; at once if a row group
            cannot be read.

    """
    import pyarrow as pa

    with _open_data(stream.manifest, stream.folder) as (parquet, hasher):
        _check_footer(stream.folder, stream.manifest, parquet)
        fingerprint, rows = Fingerprinter(parquet.schema_arrow.names), 0
        for i in range(parquet.num_row_groups):
            if hasher is not None:
                hasher.advance(_row_group_end(parquet, i))
            try:
                group = parquet.read_row_group(i)
            except (pa.ArrowException, OSError) as exc:
                raise _unreadable(stream.where, exc) from exc
            for batch in group.to_batches(max_chunksize=batch_rows):
                try:
                    fingerprint.update_batch(batch)
                except ValueError as exc:
                    raise IntegrityError(f"{stream.where}: rows cannot be fingerprinted: {exc}. {REINSTALL}.") from exc
                rows += len(batch)
                yield batch
        if hasher is not None:
            _check_hash(stream, hasher)
    _check_rows(stream, fingerprint.hexdigest(), rows)


def _check_hash(stream: Stream, hasher: _Hasher) -> None:
    from .store import _mismatch

    expected = stream.manifest.files[DATA_FILE]
    digest = hasher.finish()
    if digest != expected.get("sha256") or hasher.size != expected.get("size"):
        raise _mismatch(stream.where, expected, digest, hasher.size)


def _check_rows(stream: Stream, fingerprint: str, rows: int) -> None:
    if rows != stream.manifest.rows:
        raise IntegrityError(f"{stream.where}: {rows} rows read, {stream.manifest.rows} recorded. {REINSTALL}.")
    if fingerprint != stream.manifest.fingerprint:
        raise IntegrityError(
            f"{stream.where}: rows have fingerprint {fingerprint}, expected {stream.manifest.fingerprint}. {REINSTALL}."
        )


def generate_tables(
    version: str, path: str | None, fingerprint: str, arrow_schema: pa.Schema
) -> Iterator[tuple[str, pa.Table]]:
    """What a streaming ``IterableDataset`` iterates: the verified batches, cast to *arrow_schema*.

    Module-level and given only plain arguments, so ``datasets`` can pickle it for workers.

    Raises:
        IntegrityError: the snapshot's manifest is no longer the one the Dataset was made from.

    """
    import pyarrow as pa

    stream = open_stream(version, path=path)
    if stream.manifest.fingerprint != fingerprint:
        raise IntegrityError(
            f"{stream.folder.name}/{MANIFEST_FILE} now records fingerprint {stream.manifest.fingerprint}, "
            f"not the {fingerprint} this Dataset was loaded with: load the corpus again."
        )
    for i, batch in enumerate(iter_batches(stream)):
        yield str(i), pa.Table.from_batches([batch.cast(arrow_schema)])


def cache_folder(cache_dir: StrPath | None = None) -> Path:
    """Where memory-mapped Arrow files are kept.

    *cache_dir*, else ``$VENEZUELA_CORPUS_CACHE``, else ``$XDG_CACHE_HOME/venezuela-corpus``,
    else ``~/.cache/venezuela-corpus``.
    """
    if cache_dir is not None:
        return as_path(cache_dir, "cache_dir")
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = Path(os.environ["XDG_CACHE_HOME"]) if os.environ.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "venezuela-corpus"


def arrow_file(stream: Stream, arrow_schema: pa.Schema, cache_dir: StrPath | None = None) -> Path:
    """The snapshot as an Arrow file (IPC stream) with *arrow_schema*, written once from :func:`iter_batches`.

    Named by corpus, version and fingerprint, so a file is never reused for other rows; written
    atomically (a reader never sees a part), and only after every batch was verified.
    """
    import pyarrow as pa

    digest = stream.manifest.fingerprint.removeprefix("sha256:")
    target = cache_folder(cache_dir) / f"{stream.corpus.info.name}-{stream.manifest.version}-{digest[:16]}.arrow"
    if target.is_file():
        return target
    with atomic_path(target) as tmp, pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_stream(sink, arrow_schema) as out:
        for batch in iter_batches(stream):
            out.write_batch(pa.RecordBatch.from_arrays(batch.columns, schema=arrow_schema))
    return target


def mapped_table(file: Path, stream: Stream, arrow_schema: pa.Schema) -> pa.Table:
    """The rows of an Arrow file from :func:`arrow_file`, memory-mapped, checked against the manifest.

    The schema and row count are checked on every call; the rows' fingerprint (a batch at a
    time, flat memory) once per process for the same file (path, inode, size, modification).

    Raises:
        IntegrityError: naming the file and what to do (delete it: the next load writes it again).

    """
    import pyarrow as pa

    where = str(file)
    fix = f"Delete {file}: the next memory-mapped load writes it again from the verified snapshot"
    try:  # the map is not closed here: the table's buffers are views of it (as in datasets)
        table = pa.ipc.open_stream(pa.memory_map(where)).read_all()
        info = file.stat()
    except (pa.ArrowException, OSError) as exc:
        raise IntegrityError(f"{where} is not a readable Arrow file: {exc}. {fix}.") from exc
    if table.schema != arrow_schema or table.num_rows != stream.manifest.rows:
        raise IntegrityError(f"{where} does not have the schema and rows of {stream.where}. {fix}.")
    key = (where, info.st_ino, info.st_size, info.st_mtime_ns, stream.manifest.fingerprint)
    if key not in _MAPPED:
        try:
            actual = fingerprint_table(table)
        except ValueError as exc:
            raise IntegrityError(f"{where}: rows cannot be fingerprinted: {exc}. {fix}.") from exc
        if actual != stream.manifest.fingerprint:
            raise IntegrityError(
                f"{where}: rows have fingerprint {actual}, not {stream.pin}'s {stream.manifest.fingerprint}. {fix}."
            )
        _MAPPED[key] = None
    return table
