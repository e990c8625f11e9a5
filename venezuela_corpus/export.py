"""Export a corpus version to Parquet, JSON Lines or CSV: a file (atomically) or a stream."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, cast

from .atomic import atomic_open
from .fingerprint import canonical_line
from .paths import StrPath, as_path
from .store import open_snapshot

if TYPE_CHECKING:
    from .corpus import Corpus

Format = Literal["parquet", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")
EXTENSIONS: dict[str, Format] = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}


def format_of(out: StrPath, format: str | None = None) -> Format:
    """The format to write *out* in: *format* if given, else the one its extension names.

    >>> format_of("corpus.jsonl"), format_of("corpus.txt", "csv")
    ('jsonl', 'csv')
    """
    suffix = as_path(out, "out").suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if format is None:
        if implied is None:
            known = ", ".join(EXTENSIONS)
            raise ValueError(
                f"cannot tell the format of {str(out)!r} from its extension ({known}): "
                "name the format (format= or --format)"
            )
        return implied
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if implied is not None and implied != format:
        raise ValueError(
            f"{str(out)!r} ends in {suffix}, which is {implied}, not {format}: rename it or omit the format"
        )
    return cast("Format", format)


def write(
    fh: IO[bytes], format: Format = "jsonl", version: str | None = None, *, path: StrPath | Corpus | None = None
) -> None:
    """Write a corpus version to a binary stream (a file, ``sys.stdout.buffer``, a socket).

    JSON Lines rows are the canonical rows the fingerprint is computed over; in CSV, lists
    and the ``removed`` structs are JSON strings; Parquet is the verified snapshot file.
    *path* names a corpus folder (default: the package's own corpus).
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    snapshot = open_snapshot(version, path=path, keep_data=format == "parquet")
    table = snapshot.table
    if snapshot.data is not None:  # Parquet: the verified bytes themselves
        fh.write(snapshot.data)
    elif format == "jsonl":
        for row in table.to_pylist():
            fh.write(canonical_line(row, table.schema.names))
    else:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(table.schema.names)
        for row in table.to_pylist():
            writer.writerow(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row.values())
        text.flush()
        text.detach()  # leave *fh* open for the caller
    fh.flush()


def export(
    out: StrPath,
    format: Format | None = None,
    version: str | None = None,
    *,
    overwrite: bool = True,
    path: StrPath | Corpus | None = None,
) -> Path:
    """Write a corpus version to the file *out* (``str`` or ``os.PathLike``), atomically.

    Args:
        out: The file; its folder is created if missing.
        format: ``"parquet"``, ``"jsonl"`` or ``"csv"``; ``None`` infers it from the extension
            (``.parquet``/``.pq``, ``.jsonl``/``.ndjson``, ``.csv``).
        version: The corpus version (default: the newest).
        overwrite: If false, an existing *out* raises ``FileExistsError`` and is left alone.
        path: A corpus folder (default: the corpus shipped in this package).

    Returns:
        The path written.

    Raises:
        WriteError: naming *out*, if writing fails; an earlier file at *out* is then unchanged.

    """
    target = as_path(out, "out")
    fmt = format_of(target, format)
    if not overwrite and target.exists():
        raise FileExistsError(f"{target} exists: pass overwrite=True to replace it")
    with atomic_open(target, "wb") as fh:
        write(fh, fmt, version, path=path)
    return target
