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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import langid
from .article import Article
from .checks import Candidate, check_record
from .cleaning import clean_text
from .corpus import Corpus, maintained, writable
from .duplicates import DuplicateIndex, minhash
from .errors import BuildError, IngestError, Problem, ValidationError
from .ingest import RawArticle
from .inputs import SeedsFolder, Source, batches, iter_source, open_source
from .locks import DEFAULT_TIMEOUT
from .paths import StrPath, as_path
from .schema import CURATED
from .seedstore import seeds_lock
from .store import Manifest, parse_version
from .writer import SnapshotWriter

if TYPE_CHECKING:
    from concurrent.futures import Future


BATCH_SIZE = 256
"""Rows per unit of parallel work."""
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
    with locked, SnapshotWriter(root, version, lock_timeout=lock_timeout) as out:
        if engine == "ray":
            from .raybuild import run_ray

            problems = run_ray(source, out, address=address, progress=progress)
        else:
            problems = run_local(source, out, workers, progress)
        _raise_errors(getattr(source, "path", source), problems)
        return out.commit(problems, repair=repair)


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
