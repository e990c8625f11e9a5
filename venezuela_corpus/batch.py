"""The clean-and-describe stage as a function of an Arrow batch, for any engine.

The same :func:`~venezuela_corpus.pipeline.process` runs on a record batch, so an engine
that maps batches runs the clean stage: on one machine, ``datasets``'
``Dataset.map(process_pydict, batched=True, num_proc=N)``; ``process_arrow`` for engines that
take Arrow batches. A whole build on a cluster (ingest, checks, duplicates, the snapshot) is
``build(..., engine="ray")`` (:mod:`~venezuela_corpus.raybuild`).

The output has the corpus columns and the evidence the per-record checks need
(:data:`~venezuela_corpus.checks.EVIDENCE`): :func:`check_arrow` runs those checks on it the
same way, and :func:`corpus_table` keeps the corpus columns for the snapshot. Duplicate
detection, the one corpus-level check, runs on the texts afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .atomic import atomic_path
from .checks import EVIDENCE, Candidate, check_record
from .errors import IngestError, Problem
from .ingest import METADATA_KEYS, ArticleMeta, RawArticle, ingest, iter_articles
from .inputs import batches
from .paths import StrPath, as_path
from .pipeline import BATCH_SIZE, process
from .schema import FIELD_NAMES, FIELDS, arrow_schema

if TYPE_CHECKING:
    import pyarrow as pa

META_COLUMNS = METADATA_KEYS
RAW_COLUMNS = (*META_COLUMNS, "raw_text", "raw_sha256")
OUTPUT_COLUMNS: tuple[str, ...] = (*FIELD_NAMES, *(f.name for f in EVIDENCE))
"""The columns of :func:`process_arrow`'s output: the corpus's, then the evidence for the checks."""


def output_schema() -> pa.Schema:
    """The schema of :func:`process_arrow`'s output."""
    return arrow_schema((*FIELDS, *EVIDENCE))


def raw_schema() -> pa.Schema:
    """The schema of the raw input: metadata columns, ``raw_text`` and ``raw_sha256``."""
    import pyarrow as pa

    return pa.schema([(c, pa.date32() if c == "published_date" else pa.string()) for c in RAW_COLUMNS])


def _row(article: RawArticle) -> dict[str, Any]:
    return {
        **{c: getattr(article.meta, c) for c in META_COLUMNS},
        "raw_text": article.text,
        "raw_sha256": article.raw_sha256,
    }


def raw_table(seeds: StrPath) -> pa.Table:
    """The ingested seeds as one in-memory Arrow table (small corpora; else :func:`write_raw`)."""
    import pyarrow as pa

    rows = [_row(a) for a in ingest(as_path(seeds, "seeds"))]
    return pa.Table.from_pylist(rows, schema=raw_schema())


def write_raw(seeds: StrPath, path: StrPath) -> int:
    """Stream the ingested seeds into a Parquet file, a batch at a time; return the row count.

    The input of an engine at scale (e.g. ``ray.data.read_parquet``,
    ``datasets.Dataset.from_parquet``): memory stays flat however large the corpus.

    Raises:
        IngestError: with every problem found; *path* is then unchanged (written atomically).

    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    seeds, path = as_path(seeds, "seeds"), as_path(path, "path")
    problems: list[Problem] = []
    rows, schema = 0, raw_schema()
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for batch in batches(iter_articles(seeds, problems), BATCH_SIZE):
                writer.write_table(pa.Table.from_pylist([_row(a) for a in batch], schema=schema))
                rows += len(batch)
        if problems:
            raise IngestError(f"cannot ingest {seeds}: {len(problems)} problem(s); nothing was written", problems)
    return rows


def _raw(row: Mapping[str, Any]) -> RawArticle:
    date = row["published_date"]
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    meta = ArticleMeta(**{**{c: row[c] for c in META_COLUMNS}, "published_date": date})
    return RawArticle(meta, row["raw_text"], row["raw_sha256"])


def process_pydict(batch: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
    """:func:`process` over a batch of columns (``datasets`` ``map(batched=True)`` form)."""
    n = len(batch["raw_text"])
    rows = [process(_raw({c: batch[c][i] for c in RAW_COLUMNS})).row() for i in range(n)]
    return {name: [r[name] for r in rows] for name in OUTPUT_COLUMNS}


def process_arrow(batch: pa.RecordBatch | pa.Table) -> pa.Table:
    """:func:`process` over an Arrow batch; the result has :data:`OUTPUT_COLUMNS`."""
    import pyarrow as pa

    return pa.Table.from_pylist([process(_raw(row)).row() for row in batch.to_pylist()], schema=output_schema())


def check_arrow(batch: pa.RecordBatch | pa.Table) -> list[Problem]:
    """The per-record checks over a batch of :func:`process_arrow`'s output."""
    return [p for row in batch.to_pylist() for p in check_record(Candidate.from_row(row))]


def corpus_table(batch: pa.RecordBatch | pa.Table) -> pa.Table:
    """The corpus columns of :func:`process_arrow`'s output, as the snapshot stores them."""
    import pyarrow as pa

    table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
    return table.select(list(FIELD_NAMES)).cast(arrow_schema())
