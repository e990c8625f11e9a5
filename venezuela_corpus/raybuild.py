"""The Ray Data engine of ``build(..., engine="ray")``: the local build's stages on a cluster.

1. **Listing** (this process): the source's small tables of work go to the object store.
2. **Ingest, clean, check** (``map_batches`` in the workers): each file read and checked,
   cleaned, its language identified, its MinHash signature and per-record checks computed
   (:func:`~venezuela_corpus.pipeline.process_batch`, as locally). Materialized in the object
   store, which spills to disk: no process holds the corpus.
3. **Duplicates**: every row's band keys and its exact key (the text's SHA-256) are grouped
   in the workers; in a group, each later text and the earliest one form a candidate pair,
   scored with their signatures. The pairs, sorted by the later id, stream through this
   process, where :func:`~venezuela_corpus.validation.judge` decides, as the local index does.
4. **Rows**: sorted by ``id`` in the cluster and streamed, a block at a time, through the one
   :class:`~venezuela_corpus.writer.SnapshotWriter`, which writes and fingerprints them.

The report is the local build's, in the same order. A task lost with its worker is retried by
Ray; a failure that remains becomes a :class:`~venezuela_corpus.errors.BuildError` (or the
:class:`~venezuela_corpus.errors.CorpusError` a worker raised, naming the file), and the
caller writes nothing.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from functools import partial
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any, cast

from .checks import check_record
from .duplicates import EXACT, band_keys, judge, similarity
from .errors import BuildError, CorpusError, Problem
from .inputs import Source
from .pipeline import process_batch
from .schema import FIELD_NAMES, arrow_schema
from .writer import SnapshotWriter

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

PROBLEM_FIELDS = ("severity", "check", "where", "message", "hint")
PIECE = 256
"""Articles per piece of a shuffle (blocks x partitions): so big that Ray puts it in the object store.

Ray keeps a task's results under 100 KiB in the memory of the process that submitted the task,
the driver: a shuffle into many small pieces would gather the whole dataset there.
"""
INGEST, ARTICLE = 0, 1
"""``_kind`` of a processed row: a source row with ingest problems only, or an article."""


def _problem_type() -> pa.DataType:
    import pyarrow as pa

    return pa.list_(pa.struct([(name, pa.string()) for name in PROBLEM_FIELDS]))


def processed_schema() -> pa.Schema:
    """The rows of stage 2: the corpus columns (nullable) and the build's own ``_`` columns."""
    import pyarrow as pa

    return pa.schema(
        [
            ("_kind", pa.int8()),
            ("_pos", pa.int64()),
            *(field.with_nullable(True) for field in arrow_schema()),
            ("_minhash", pa.binary()),
            ("_ingest", _problem_type()),
            ("_checks", _problem_type()),
        ]
    )


def _dicts(problems: Iterable[Problem]) -> list[dict[str, str]]:
    return [asdict(p) for p in problems]


def ingest_and_process(task: pa.Table, source: Source) -> pa.Table:
    """Stage 2 on one table of work: read, check, clean, identify, sign (a worker's task)."""
    import pyarrow as pa

    reads = source.read(task)
    processed = iter(process_batch([article for _, article, _ in reads if article is not None]))
    rows: list[dict[str, Any]] = []
    for pos, article, found in reads:
        if article is not None:
            candidate, signature = next(processed)
            checks = _dicts(check_record(candidate))
            extra = {"_minhash": signature, "_ingest": _dicts(found), "_checks": checks}
            rows.append({**candidate.article.row(), "_kind": ARTICLE, "_pos": pos, **extra})
        elif found:
            rows.append({"_kind": INGEST, "_pos": pos, "id": found[0].where, "_ingest": _dicts(found), "_checks": []})
    return pa.Table.from_pylist(rows, schema=processed_schema())


def key_rows(batch: pa.Table, buckets: int) -> pa.Table:
    """Every article's exact key and band keys, each with the bucket it is grouped in."""
    import pyarrow as pa

    columns: dict[str, list[Any]] = {"bucket": [], "band": [], "key": [], "id": [], "sig": []}

    def add(band: int, key: bytes, record_id: str, sig: bytes | None) -> None:
        columns["bucket"].append(int.from_bytes(key[:4], "little") % buckets)
        columns["band"].append(band)
        columns["key"].append(key)
        columns["id"].append(record_id)
        columns["sig"].append(sig)

    kinds, ids = batch["_kind"].to_pylist(), batch["id"].to_pylist()
    shas, sigs = batch["text_sha256"].to_pylist(), batch["_minhash"].to_pylist()
    for kind, record_id, sha, sig in zip(kinds, ids, shas, sigs, strict=True):
        if kind == ARTICLE:
            add(EXACT, bytes.fromhex(sha), record_id, None)
            for band, key in enumerate(band_keys(sig)):
                add(band, key, record_id, sig)
    types = {"bucket": pa.int32(), "band": pa.int8(), "key": pa.binary(), "id": pa.string(), "sig": pa.binary()}
    return pa.table({name: pa.array(values, types[name]) for name, values in columns.items()})


def candidate_pairs(group: pa.Table) -> pa.Table:
    """The candidate pairs of one bucket: each later text with the earliest sharing its key.

    Columns ``later``, ``band``, ``first``, ``score`` (the signatures' similarity; 1 for the
    exact key), as the local index pairs them.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    t = group.sort_by([("band", "ascending"), ("key", "ascending"), ("id", "ascending")])
    n = t.num_rows
    band = t["band"].to_numpy()
    same = np.zeros(n, dtype=bool)
    if n > 1:
        keys = t["key"]
        equal = pc.equal(keys.slice(1), keys.slice(0, n - 1)).to_numpy(zero_copy_only=False)
        same[1:] = (band[1:] == band[:-1]) & equal
    first = np.maximum.accumulate(np.where(same, 0, np.arange(n)))
    later = np.nonzero(same)[0]
    ids, sigs = t["id"].to_pylist(), t["sig"]
    scores = [1.0 if band[i] == EXACT else similarity(sigs[int(first[i])].as_py(), sigs[int(i)].as_py()) for i in later]
    return pa.table(
        {
            "later": pa.array([ids[i] for i in later], pa.string()),
            "band": pa.array(band[later], pa.int8()),
            "first": pa.array([ids[int(first[i])] for i in later], pa.string()),
            "score": pa.array(scores, pa.float64()),
        }
    )


def _judged(batches: Iterable[pa.Table]) -> Iterator[Problem]:
    """Stream pairs sorted by (later, band) into one judgement per later text."""
    current: str | None = None
    candidates: list[tuple[int, str, float]] = []
    for batch in batches:
        columns = (batch[name].to_pylist() for name in ("later", "band", "first", "score"))
        for later, band, first, score in zip(*columns, strict=True):
            if later != current:
                if current is not None and (problem := judge(current, candidates)):
                    yield problem
                current, candidates = later, []
            candidates.append((band, first, score))
    if current is not None and (problem := judge(current, candidates)):
        yield problem


def _tables(ds: ray.data.Dataset) -> Iterator[pa.Table]:
    """The blocks of *ds*, in order, as Arrow tables."""
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        yield cast("pa.Table", batch)


def _problems(column: pa.ChunkedArray | pa.Array) -> list[list[Problem]]:
    return [[Problem(**p) for p in row] for row in column.to_pylist()]


def grid(articles: int) -> tuple[int, int]:
    """Partitions of a shuffle of *articles*, and articles per input block: pieces of about ``PIECE``.

    >>> grid(100_000)
    (19, 5264)
    """
    side = max(1, math.isqrt(articles // PIECE))
    return side, max(1, math.ceil(articles / side))


def _same(batch: pa.Table) -> pa.Table:
    return batch


def _duplicates(processed: ray.data.Dataset, articles: int) -> list[Problem]:
    buckets, per_block = grid(articles)
    keys = processed.select_columns(["_kind", "id", "text_sha256", "_minhash"]).map_batches(
        partial(key_rows, buckets=buckets), batch_format="pyarrow", batch_size=per_block
    )
    pairs = keys.groupby("bucket", num_partitions=buckets).map_groups(candidate_pairs, batch_format="pyarrow")
    pairs = pairs.materialize()
    if not pairs.count():
        return []
    return list(_judged(_tables(pairs.sort(["later", "band"]))))


def _write_rows(
    processed: ray.data.Dataset, in_id_order: bool, out: SnapshotWriter, progress: Callable[[int], None] | None
) -> tuple[list[tuple[int, Problem]], list[Problem]]:
    """Stream the rows sorted by id through *out*; return the rows' ingest and check problems.

    Rows the source listed in id order are in id order already (order is preserved), so the
    cluster sorts only the others; the writer checks the order either way.
    """
    import pyarrow.compute as pc

    ingest: list[tuple[int, Problem]] = []
    checks: list[Problem] = []
    if in_id_order:
        ordered = processed
    else:  # in blocks of a shuffle's size first (see PIECE)
        per_block = grid(processed.count())[1]
        rows = processed.drop_columns(["_minhash"]).map_batches(_same, batch_format="pyarrow", batch_size=per_block)
        ordered = rows.sort(["_kind", "id"])
    for batch in _tables(ordered):
        for pos, found in zip(batch["_pos"].to_pylist(), _problems(batch["_ingest"]), strict=True):
            ingest += [(pos, p) for p in found]
        articles = batch.filter(pc.equal(batch["_kind"], ARTICLE))
        if not articles.num_rows:
            continue
        checks += [p for found in _problems(articles["_checks"]) for p in found]
        out.write(articles.select(list(FIELD_NAMES)).cast(out.schema))
        if progress:
            progress(articles.num_rows)
    return ingest, checks


def _run(source: Source, out: SnapshotWriter, progress: Callable[[int], None] | None) -> list[Problem]:
    import ray
    import ray.data

    listed: list[Problem] = []
    early: list[tuple[int, int, Problem]] = []  # corpus-level problems before the rows at pos
    refs: list[Any] = []
    pos = 0
    for task in source.listing(listed):
        early += [(pos, 0, p) for p in listed[len(early) :]]
        refs.append(ray.put(task))
        pos += task.num_rows
    early += [(pos, 0, p) for p in listed[len(early) :]]
    rows: list[tuple[int, Problem]] = []
    checks: list[Problem] = []
    duplicates: list[Problem] = []
    if refs:
        processed = (
            ray.data.from_arrow_refs(refs)
            .map_batches(partial(ingest_and_process, source=source), batch_format="pyarrow", batch_size=None)
            .materialize()
        )
        del refs  # the listing is no longer needed once processed
        duplicates = _duplicates(processed, processed.count())
        rows, checks = _write_rows(processed, source.in_id_order, out, progress)
    ingest = [p for _, _, p in sorted(early + [(pos, 1, p) for pos, p in rows], key=lambda e: (e[0], e[1]))]
    return ingest + checks + duplicates


def _chain(exc: BaseException) -> list[BaseException]:
    """*exc* and the exceptions it wraps (Ray's ``cause``, then Python's ``__cause__``)."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain and len(chain) < 20:
        chain.append(seen)
        inner = getattr(seen, "cause", None)
        seen = inner if isinstance(inner, BaseException) else seen.__cause__
    return chain


def _engine_error(exc: BaseException) -> CorpusError:
    """The error to raise for a failed Ray build: a worker's own error, else a BuildError."""
    chain = _chain(exc)
    for inner in reversed(chain):  # the innermost: Ray's task errors subclass their cause too
        if isinstance(inner, CorpusError):
            return inner
    inner = chain[-1]
    text = _ANSI.sub("", str(inner)).strip()
    what = f"{type(inner).__name__}: {text.splitlines()[0]}" if text else type(inner).__name__
    return BuildError(f"the Ray build failed ({what}); nothing was written. Check the cluster and rerun.")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@contextlib.contextmanager
def _connected(address: str | None) -> Iterator[None]:
    """The Ray cluster this process is connected to, else the one at *address*, else a new local one."""
    import ray

    if ray.is_initialized():
        yield
        return
    options: dict[str, Any] = {"address": address} if address else {"address": "local", "include_dashboard": False}
    try:
        ray.init(log_to_driver=False, logging_level=logging.WARNING, **options)
    except Exception as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray instance"
        raise BuildError(f"cannot start or reach {where}: {exc}. Check the address and the cluster.") from exc
    try:
        yield
    finally:
        ray.shutdown()


@contextlib.contextmanager
def _settings() -> Iterator[None]:
    """Ray Data's settings for a build, restored afterwards.

    No progress bars (the caller reports progress) and only Ray Data's errors logged; a worker's own
    error raised as it is; shuffles by tasks (the actors of Ray's hash shuffle take seconds to
    start); the order of blocks kept.
    """
    from ray.data import DataContext
    from ray.data.context import ShuffleStrategy

    ctx, log = DataContext.get_current(), logging.getLogger("ray.data")
    options = ctx.execution_options
    saved = ctx.enable_progress_bars, ctx.raise_original_map_exception, ctx.shuffle_strategy, options.preserve_order
    level = log.level
    ctx.enable_progress_bars, ctx.raise_original_map_exception = False, True
    ctx.shuffle_strategy, options.preserve_order = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED, True
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        ctx.enable_progress_bars, ctx.raise_original_map_exception, ctx.shuffle_strategy, options.preserve_order = saved
        log.setLevel(level)


def run_ray(
    source: Source, out: SnapshotWriter, *, address: str | None = None, progress: Callable[[int], None] | None = None
) -> list[Problem]:
    """Run stages 1 to 4 on Ray; write the rows into *out*; return the report.

    Uses the cluster this process is connected to, else connects to *address*, else starts
    a local one (shut down again at the end).

    Raises:
        BuildError: when Ray fails the build (a worker lost beyond retries, a node down).
        CorpusError: a worker's own error, naming the file.

    """
    if find_spec("ray") is None:
        raise BuildError('engine "ray" needs Ray Data: pip install "venezuela-corpus[scale]"')
    with _connected(address), _settings():
        try:
            return _run(source, out, progress)
        except Exception as exc:
            error = _engine_error(exc)
            if error is exc:
                raise
            raise error from None  # its message says it all; Ray's wrappers only repeat it
