"""``build()``: the only orchestrator of ingest -> clean -> validate -> store.

Streams in batches: articles are read, processed and written a batch at a time with a
Parquet writer, so memory does not grow with the corpus. ``workers > 1`` processes
batches in parallel; the output is the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from importlib.metadata import version as dist_version
from itertools import islice
from pathlib import Path

from . import __version__, langid
from .article import Article
from .atomic import write_errors
from .checks import Candidate, check_record
from .cleaning import clean_text
from .corpus import Corpus, maintained, writable
from .duplicates import DuplicateIndex, minhash
from .errors import IngestError, Problem, ValidationError
from .fingerprint import Fingerprinter
from .ingest import RawArticle, iter_articles
from .locks import DEFAULT_TIMEOUT
from .paths import StrPath, as_path
from .rules import RULESET_VERSION
from .schema import CURATED, FIELD_NAMES, arrow_schema, schema_spec
from .seedstore import seeds_lock
from .store import DATA_FILE, PARQUET_OPTIONS, Manifest, build_lock, commit, file_entry, parse_version, temp_folder

BATCH_SIZE = 256
"""Rows per unit of parallel work."""
ROW_GROUP_ROWS = 8 * BATCH_SIZE
"""Rows per Parquet row group (a multiple of ``BATCH_SIZE``): few groups, a small footer."""


def process(raw: RawArticle) -> Candidate:
    """Clean, identify the language of and describe one article: a pure function."""
    meta = raw.meta
    result = clean_text(raw.text, outlet=meta.outlet)
    text = result.text
    language, score = langid.detect(text)
    flags = set(result.flags) | ({"machine_translated"} if meta.translated_from else set())
    curated = {f.name: getattr(meta, f.name) for f in CURATED}
    # Curated credits win; the text's are the fallback.
    curated.update(author=meta.author or result.author, editor=meta.editor or result.editor)
    article = Article(
        **curated,
        id=meta.id,
        text=text,
        dateline=result.dateline,
        keywords=result.keywords,
        language=language,
        language_score=score,
        n_words=len(text.split()),
        n_chars=len(text),
        source_file=meta.file,
        raw_sha256=raw.raw_sha256,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        removed=result.removed,
        flags=tuple(sorted(flags)),
    )
    return Candidate(article, printed_outlet=result.outlet)


Processed = list[tuple[Candidate, bytes]]
"""A processed batch: each candidate with the MinHash signature of its text."""


def process_batch(batch: list[RawArticle]) -> Processed:
    """:func:`process` over a batch: the unit of work sent to a worker process.

    Each text's MinHash signature is computed here too, so the main process only collects.
    """
    return [(c, minhash(c.article.text)) for c in map(process, batch)]


def batches(items: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    """Lists of up to *size* consecutive items."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def process_all(raws: Iterable[RawArticle], workers: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[Processed]:
    """Processed batches in input order, in this process or in *workers* processes."""
    if workers <= 1:
        yield from map(process_batch, batches(raws, batch_size))
        return
    with ProcessPoolExecutor(workers) as pool:
        pending: deque[Future[Processed]] = deque()
        for batch in batches(raws, batch_size):
            pending.append(pool.submit(process_batch, batch))
            if len(pending) > 2 * workers:  # bounded: memory stays flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def tool_versions() -> dict[str, str]:
    """Versions of everything that shaped the snapshot's bytes and text."""
    return {
        "venezuela_corpus": __version__,
        "ftfy": dist_version("ftfy"),
        "pyarrow": dist_version("pyarrow"),
        **langid.versions(),
    }


def locations(
    corpus: StrPath | Corpus | None = None, *, seeds: StrPath | None = None, root: StrPath | None = None
) -> tuple[Path, Path]:
    """The seeds to read and the snapshots folder to write for a build of *corpus*.

    *corpus* is a corpus folder, or ``None`` for the folder you stand in (a corpus folder or
    a checkout); *seeds* and *root* override its ``seeds/`` and ``snapshots/``. The snapshots
    folder is never inside installed packages.

    Raises:
        NotACorpusError: no corpus folder was named and the current folder is none.
        ReadOnlyCorpusError: the snapshots folder lies inside installed packages.

    """
    if seeds is None or root is None:
        found = maintained(corpus)
        seeds = seeds if seeds is not None else found.seeds
        root = root if root is not None else Path(str(found.snapshots))
    assert seeds is not None  # a maintained corpus is a folder, so it has a seeds folder
    return as_path(seeds, "seeds"), writable(as_path(root, "root"), "snapshots")


def build(
    version: str,
    *,
    corpus: StrPath | Corpus | None = None,
    seeds: StrPath | None = None,
    root: StrPath | None = None,
    workers: int = 1,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
    repair: bool = False,
) -> Manifest:
    """Build snapshot *version* of a corpus from its seeds into its ``snapshots/<version>``, atomically.

    The corpus is the folder *corpus*, or the folder you stand in (see :func:`locations`);
    *seeds* and *root* override where the seeds are read and the snapshot is written.

    *corpus*, *seeds* and *root* are ``str`` or ``os.PathLike``.

    Rebuilding identical content is a no-op; other content under an existing version is
    refused (:class:`~venezuela_corpus.errors.SnapshotExistsError`), and so is a damaged
    snapshot in place unless *repair* is given and this build reproduces its recorded rows.
    Waits up to *lock_timeout* seconds for another command holding the lock on *seeds* (an
    ``add``) or on *root* (a build), saying so.

    Raises:
        IngestError: when files or metadata are unusable (every problem listed).
        ValidationError: when articles fail validation (every problem listed).
        IntegrityError: the version exists damaged and this build cannot repair it.
        LockTimeoutError: another build held the lock for *lock_timeout* seconds.
        WriteError: a file could not be written (naming it); nothing was changed.
        NotACorpusError: no corpus folder was named and the current folder is none.
        ReadOnlyCorpusError: the snapshots folder lies inside installed packages.

    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    parse_version(version)
    seeds, root = locations(corpus, seeds=seeds, root=root)
    schema = arrow_schema()
    problems: list[Problem] = []
    with seeds_lock(seeds, lock_timeout), build_lock(root, lock_timeout):
        tmp = temp_folder(root, version)
        try:
            fingerprint, rows = Fingerprinter(FIELD_NAMES), 0
            with (
                write_errors(root / version / DATA_FILE),
                DuplicateIndex() as index,
                pq.ParquetWriter(tmp / DATA_FILE, schema, **PARQUET_OPTIONS) as writer,
            ):
                group: list[pa.Table] = []  # Arrow tables, a row group's worth at most

                def flush() -> None:
                    writer.write_table(pa.concat_tables(group), row_group_size=ROW_GROUP_ROWS)
                    group.clear()

                for batch in process_all(iter_articles(seeds, problems, today=today), workers):
                    for candidate, signature in batch:
                        problems.extend(check_record(candidate))
                        index.add(candidate.article.id, candidate.article.text, signature)
                    table = pa.Table.from_pylist([c.article.row() for c, _ in batch], schema=schema)
                    group.append(table)
                    for record_batch in table.to_batches():
                        fingerprint.update_batch(record_batch)
                    rows += len(batch)
                    if sum(map(len, group)) >= ROW_GROUP_ROWS:
                        flush()
                    if progress:
                        progress(len(batch))
                if group:
                    flush()
                problems.extend(index.problems())
            _raise_errors(seeds, problems)
            manifest = Manifest(
                version=version,
                fingerprint=fingerprint.hexdigest(),
                rows=rows,
                files={DATA_FILE: file_entry(tmp / DATA_FILE)},
                schema=schema_spec(schema),
                ruleset_version=RULESET_VERSION,
                tools=tool_versions(),
                warnings=[_as_dict(p) for p in problems],
            )
            commit(tmp, root, manifest, repair=repair)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def _as_dict(problem: Problem) -> dict[str, str]:
    return {"check": problem.check, "where": problem.where, "message": problem.message}


def _raise_errors(seeds: Path, problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return
    ingest_checks = {"encoding", "empty", "file_name", "file_path", "file_read", "file_size", "file_missing"}
    kind = (
        IngestError
        if any(p.check in ingest_checks or p.check.startswith("metadata") for p in errors)
        else ValidationError
    )
    raise kind(f"cannot build from {seeds}: {len(errors)} error(s); nothing was written", errors)
