"""``build()``: the only orchestrator of ingest -> clean -> validate -> store.

Streams in batches: articles are read, processed and written a batch at a time with a
Parquet writer, so memory does not grow with the corpus. ``workers > 1`` processes
batches in parallel and ``engine="ray"`` runs the same stages on Ray Data
(:mod:`~venezuela_corpus.raybuild`); the output is the same bytes and the same report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, langid
from .article import Article
from .atomic import write_errors
from .checks import Candidate, check_record
from .cleaning import clean_text
from .corpus import Corpus, maintained, writable
from .duplicates import DuplicateIndex, minhash
from .errors import BuildError, IngestError, Problem, ValidationError
from .fingerprint import Fingerprinter
from .ingest import RawArticle
from .inputs import SeedsFolder, Source, batches, iter_source, open_source
from .locks import DEFAULT_TIMEOUT
from .paths import StrPath, as_path
from .rules import RULES, RULESET_VERSION
from .schema import CURATED, FIELD_NAMES, arrow_schema, schema_spec
from .seedstore import seeds_lock
from .store import DATA_FILE, PARQUET_OPTIONS, Manifest, build_lock, commit, file_entry, parse_version, temp_folder

if TYPE_CHECKING:
    from concurrent.futures import Future

    import pyarrow as pa

BATCH_SIZE = 256
"""Rows per unit of parallel work."""
ROW_GROUP_ROWS = 8 * BATCH_SIZE
"""Rows per Parquet row group (a multiple of ``BATCH_SIZE``): few groups, a small footer."""
ENGINES = ("local", "ray")
"""Where a build runs: this machine (``workers`` processes) or a Ray cluster."""


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
    """:func:`process` over a batch: the unit of work sent to a worker process or a Ray task.

    Each text's MinHash signature is computed here too, so the main process only collects.

    Raises:
        BuildError: naming the source file, when processing one article fails.

    """
    done: Processed = []
    for raw in batch:
        try:
            candidate = process(raw)
            done.append((candidate, minhash(candidate.article.text)))
        except Exception as exc:  # a bug or a pathological text: say which file
            raise BuildError(
                f"{raw.meta.file}: processing failed ({type(exc).__name__}: {exc}); nothing was written. "
                "Report it with this file."
            ) from exc
    return done


def process_all(raws: Iterable[RawArticle], workers: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[Processed]:
    """Processed batches in input order, in this process or in *workers* processes."""
    if workers <= 1:
        yield from map(process_batch, batches(raws, batch_size))
        return
    from concurrent.futures import ProcessPoolExecutor  # only here: validate and 1-process builds start faster

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


def rule_table() -> list[dict[str, str]]:
    """The cleaning rules as a manifest records them: name, where it applies, what it does."""
    return [{"name": r.name, "where": r.where.value, "action": r.action.value} for r in RULES]


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


class SnapshotWriter:
    """The one writer of a snapshot's data file, for every engine.

    Takes Arrow tables of corpus rows in ascending id order, in batches of any size; writes
    row groups of exactly ``ROW_GROUP_ROWS`` rows (so the bytes do not depend on how the rows
    were batched) and streams the rows into the fingerprint.
    """

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema()
        self.rows = 0
        self._fingerprint = Fingerprinter(FIELD_NAMES)
        self._writer = pq.ParquetWriter(path, self.schema, **PARQUET_OPTIONS)
        self._group: list[pa.Table] = []
        self._buffered = 0

    def __enter__(self) -> SnapshotWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, table: pa.Table) -> None:
        """Append rows (the corpus schema; ids ascending, after every id written so far)."""
        for batch in table.to_batches():
            self._fingerprint.update_batch(batch)
        self.rows += table.num_rows
        self._group.append(table)
        self._buffered += table.num_rows
        while self._buffered >= ROW_GROUP_ROWS:
            self._flush(ROW_GROUP_ROWS)

    def _flush(self, rows: int) -> None:
        import pyarrow as pa

        table = pa.concat_tables(self._group).combine_chunks()
        self._writer.write_table(table.slice(0, rows), row_group_size=ROW_GROUP_ROWS)
        rest = table.slice(rows)
        self._group, self._buffered = ([rest] if rest.num_rows else []), rest.num_rows

    def close(self) -> None:
        """Write the last row group and the footer."""
        if self._buffered:
            self._flush(self._buffered)
        self._writer.close()

    def fingerprint(self) -> str:
        """The fingerprint of the rows written."""
        return self._fingerprint.hexdigest()


Progress = Callable[[int], None] | None


def run_local(source: Source, out: SnapshotWriter, workers: int, progress: Progress) -> list[Problem]:
    """Ingest, clean, validate and write in this process (and *workers* processes); return the report.

    The report's order, on every engine: ingest problems in source order, then each row's
    problems in id order, then duplicates in id order.
    """
    import pyarrow as pa

    if not source.in_id_order:
        raise ValueError("the local engine needs a source listed in id order; use engine='ray'")
    ingest_problems: list[Problem] = []
    row_problems: list[Problem] = []
    with DuplicateIndex() as index:
        for batch in process_all(iter_source(source, ingest_problems), workers):
            for candidate, signature in batch:
                row_problems.extend(check_record(candidate))
                index.add(candidate.article.id, candidate.article.text, signature)
            out.write(pa.Table.from_pylist([candidate.article.row() for candidate, _ in batch], schema=out.schema))
            if progress:
                progress(len(batch))
        return ingest_problems + row_problems + index.problems()


def build(
    version: str,
    *,
    corpus: StrPath | Corpus | None = None,
    seeds: StrPath | Source | None = None,
    root: StrPath | None = None,
    workers: int = 1,
    today: dt.date | None = None,
    progress: Progress = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
    repair: bool = False,
    engine: str = "local",
    address: str | None = None,
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

    *engine* ``"ray"`` runs every stage on Ray Data (extra ``scale``), on the cluster at
    *address* (default: a new local one), with the local build's snapshot and report. *seeds*
    may be a ``.csv``/``.jsonl``/``.parquet`` collection (:mod:`.collection`) or a ``Source``.

    Raises:
        IngestError: when files or metadata are unusable (every problem listed).
        ValidationError: when articles fail validation (every problem listed).
        BuildError: the engine failed, or one article could not be processed (naming its file).
        IntegrityError: the version exists damaged and this build cannot repair it.
        LockTimeoutError: another build held the lock for *lock_timeout* seconds.
        WriteError: a file could not be written (naming it); nothing was changed.
        NotACorpusError: no corpus folder was named and the current folder is none.
        ReadOnlyCorpusError: the snapshots folder lies inside installed packages.

    """
    parse_version(version)
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if address is not None and engine != "ray":
        raise ValueError(f"a cluster address ({address}) needs engine 'ray'")
    if seeds is None or isinstance(seeds, str | os.PathLike):
        folder, root = locations(corpus, seeds=seeds, root=root)
        source = open_source(folder, today)
    else:  # a Source of the caller's: only the snapshots folder is located
        source, root = seeds, locations(corpus, seeds=".", root=root)[1]
    locked = seeds_lock(source.path, lock_timeout) if isinstance(source, SeedsFolder) else contextlib.nullcontext()
    with locked, build_lock(root, lock_timeout):
        tmp = temp_folder(root, version)
        try:
            with write_errors(root / version / DATA_FILE), SnapshotWriter(tmp / DATA_FILE) as out:
                if engine == "ray":
                    from .raybuild import run_ray

                    problems = run_ray(source, out, address=address, progress=progress)
                else:
                    problems = run_local(source, out, workers, progress)
            _raise_errors(getattr(source, "path", source), problems)
            manifest = Manifest(
                version=version,
                fingerprint=out.fingerprint(),
                rows=out.rows,
                files={DATA_FILE: file_entry(tmp / DATA_FILE)},
                schema=schema_spec(out.schema),
                ruleset_version=RULESET_VERSION,
                tools=tool_versions(),
                warnings=[_as_dict(p) for p in problems],
                rules=rule_table(),
            )
            commit(tmp, root, manifest, repair=repair)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def _as_dict(problem: Problem) -> dict[str, str]:
    return {"check": problem.check, "where": problem.where, "message": problem.message}


def _raise_errors(seeds: object, problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return
    ingest_checks = {"encoding", "empty", "file_name", "file_path", "file_read", "file_size", "file_missing"}
    kind = (
        IngestError
        if any(p.check in ingest_checks or p.check.startswith(("metadata", "collection")) for p in errors)
        else ValidationError
    )
    raise kind(f"cannot build from {seeds}: {len(errors)} error(s); nothing was written", errors)
