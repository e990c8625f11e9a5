"""The clean-and-describe stage as a function of an Arrow batch, for any engine.

The same :func:`~venezuela_corpus.pipeline.process` runs on a record batch, so the pipeline
scales without a distributed system of its own:

- ``datasets``: ``Dataset.map(process_pydict, batched=True, num_proc=N)``;
- Ray Data: ``ds.map_batches(process_arrow, batch_format="pyarrow")``;
- Spark: ``df.mapInArrow(lambda it: (b for t in map(process_arrow, it) for b in t.to_batches()), schema)``.

Validation's per-record checks run on the output the same way; duplicate detection, the one
corpus-level check, runs on the text hashes afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import ArticleMeta, RawArticle, ingest
from .pipeline import process
from .schema import FIELD_NAMES, arrow_schema

if TYPE_CHECKING:
    import pyarrow as pa

META_COLUMNS = ("file", "outlet", "url", "title", "published_date", "author", "editor", "translated_from", "notes")
RAW_COLUMNS = (*META_COLUMNS, "raw_text", "raw_sha256")


def raw_table(seeds: Path) -> pa.Table:
    """The ingested seeds as an Arrow table: metadata columns, ``raw_text`` and ``raw_sha256``."""
    import pyarrow as pa

    rows = [
        {**{c: getattr(a.meta, c) for c in META_COLUMNS}, "raw_text": a.text, "raw_sha256": a.raw_sha256}
        for a in ingest(seeds)
    ]
    return pa.Table.from_pylist(rows)


def _raw(row: Mapping[str, Any]) -> RawArticle:
    date = row["published_date"]
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    meta = ArticleMeta(**{**{c: row[c] for c in META_COLUMNS}, "published_date": date})
    return RawArticle(meta, row["raw_text"], row["raw_sha256"])


def process_pydict(batch: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
    """:func:`process` over a batch of columns (``datasets`` ``map(batched=True)`` form)."""
    n = len(batch["raw_text"])
    records = [process(_raw({c: batch[c][i] for c in RAW_COLUMNS})) for i in range(n)]
    return {name: [r[name] for r in records] for name in FIELD_NAMES}


def process_arrow(batch: pa.RecordBatch | pa.Table) -> pa.Table:
    """:func:`process` over an Arrow batch; the result has the corpus schema."""
    import pyarrow as pa

    records = [process(_raw(row)) for row in batch.to_pylist()]
    return pa.Table.from_pylist([{k: r[k] for k in FIELD_NAMES} for r in records], schema=arrow_schema())
