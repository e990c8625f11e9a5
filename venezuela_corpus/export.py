"""Export a corpus version to Parquet, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Literal

from .api import snapshots_root
from .atomic import atomic_open, write_bytes
from .fingerprint import canonical_line
from .store import DATA_FILE, read_table, read_verified, resolve

Format = Literal["parquet", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")


def export(out: Path, format: Format = "parquet", version: str | None = None) -> Path:
    """Write a corpus version to *out*; Parquet is the verified snapshot file, byte for byte.

    JSON Lines rows are the canonical rows the fingerprint is computed over; in CSV, lists
    and the ``removed`` structs are JSON strings. The file is written atomically: an error
    leaves an earlier file at *out* as it was (:class:`~venezuela_corpus.errors.WriteError`).
    """
    root = snapshots_root()
    folder = root.joinpath(resolve(root, version))
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    manifest, table = read_table(folder)
    if format == "parquet":
        write_bytes(out, read_verified(folder, DATA_FILE, manifest.files[DATA_FILE]))
    elif format == "jsonl":
        with atomic_open(out, "wb") as fh:
            for row in table.to_pylist():
                fh.write(canonical_line(row, table.schema.names))
    else:
        with atomic_open(out, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(table.schema.names)
            for row in table.to_pylist():
                writer.writerow(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row.values())
    return out
