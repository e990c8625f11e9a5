"""Export a corpus version to Parquet, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Literal

from .api import snapshots_root
from .fingerprint import canonical_line
from .store import DATA_FILE, read_table, read_verified, resolve

Format = Literal["parquet", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")


def export(out: Path, format: Format = "parquet", version: str | None = None) -> Path:
    """Write a corpus version to *out*; Parquet is the verified snapshot file, byte for byte.

    JSON Lines rows are the canonical rows the fingerprint is computed over; in CSV, lists
    and the ``removed`` structs are JSON strings.
    """
    root = snapshots_root()
    folder = root.joinpath(resolve(root, version))
    manifest, table = read_table(folder)
    out.parent.mkdir(parents=True, exist_ok=True)
    if format == "parquet":
        out.write_bytes(read_verified(folder, DATA_FILE, manifest.files[DATA_FILE]))
    elif format == "jsonl":
        with out.open("wb") as fh:
            for row in table.to_pylist():
                fh.write(canonical_line(row, table.schema.names))
    elif format == "csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(table.schema.names)
            for row in table.to_pylist():
                writer.writerow(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row.values())
    else:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return out
