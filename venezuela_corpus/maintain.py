"""Maintainer operations on ``seeds/``: check the seeds or loose files, add an article.

``add_article`` writes nothing unless every check passes, and then writes atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .checks import check_record
from .duplicates import DuplicateIndex
from .errors import IngestError, Problem, ValidationError
from .ingest import (
    METADATA_FILE,
    METADATA_KEYS,
    ArticleMeta,
    RawArticle,
    _check_entry,
    decode,
    iter_articles,
    read_file,
)
from .pipeline import process
from .validation import Report, validate


def _checked(raws: Iterable[RawArticle], problems: list[Problem], index: DuplicateIndex) -> list[str]:
    """Process and check *raws*, adding them to *index*; return their ids."""
    ids = []
    for raw in raws:
        candidate = process(raw)
        problems += check_record(candidate)
        index.add(candidate.article.id, candidate.article.text)
        ids.append(candidate.article.id)
    return ids


def _seed_index(seeds: Path | None) -> DuplicateIndex:
    """A duplicate index holding the (usable) seeds, to check new texts against."""
    index = DuplicateIndex()
    if seeds is not None and (seeds / METADATA_FILE).exists():
        for candidate in map(process, iter_articles(seeds, [])):
            index.add(candidate.article.id, candidate.article.text)
    return index


def _duplicates_of(index: DuplicateIndex, ids: Iterable[str]) -> list[Problem]:
    new = set(ids)
    return [p for p in index.problems() if p.where in new]


def check_seeds(seeds: Path = Path("seeds"), *, today: dt.date | None = None) -> Report:
    """Ingest, clean and validate every seed without writing anything; every problem found."""
    ingest_problems: list[Problem] = []
    report = validate(map(process, iter_articles(seeds, ingest_problems, today=today)))
    return Report(tuple(ingest_problems) + report.problems)


def check_files(paths: Iterable[Path], seeds: Path | None = Path("seeds")) -> Report:
    """Validate loose text files (no metadata needed), also against the seeds for duplicates."""
    problems: list[Problem] = []
    raws = [raw for path in paths if (raw := _loose(path, problems)) is not None]
    with _seed_index(seeds) as index:
        ids = _checked(raws, problems, index)
        return Report(tuple(problems + _duplicates_of(index, ids)))


def _loose(path: Path, problems: list[Problem]) -> RawArticle | None:
    data, found = read_file(path, path.parent)
    problems += found
    if data is None:
        return None
    text, found = decode(data, path.name)
    problems += found
    if text is None:
        return None
    meta = ArticleMeta(
        file=path.name if path.suffix == ".txt" else path.name + ".txt",
        outlet="unknown",
        url="https://example.invalid/",
        title=path.stem,
    )
    return RawArticle(meta, text, hashlib.sha256(data).hexdigest())


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_article(
    path: Path,
    metadata: Mapping[str, str | None],
    *,
    seeds: Path = Path("seeds"),
    today: dt.date | None = None,
) -> ArticleMeta:
    """Validate a new article and its metadata, then add both to *seeds*.

    The file is named ``<NNN>_<first 16 hex digits of its SHA-256>.txt``. Exact and near
    duplicates of existing articles, non-Indonesian text and invalid metadata are refused,
    every problem at once, and nothing is written.

    Raises:
        IngestError: the file or the metadata cannot be used.
        ValidationError: the article fails validation.

    """
    doc = json.loads((seeds / METADATA_FILE).read_text(encoding="utf-8"))
    existing = sorted(seeds.glob("*.txt"))
    data, problems = read_file(path, path.parent)
    name = f"{len(existing):03d}_{hashlib.sha256(data or b'').hexdigest()[:16]}.txt"
    entry = {**dict.fromkeys(METADATA_KEYS), **metadata, "file": name}
    meta, found = _check_entry(len(doc["articles"]), entry, today or dt.date.today())
    problems += found
    text = None
    if data is not None:
        text, found = decode(data, path.name)
        problems += found
    if problems or meta is None or text is None or data is None:
        raise IngestError(f"cannot add {path}: nothing was written", problems)
    checked: list[Problem] = []
    with _seed_index(seeds) as index:
        ids = _checked([RawArticle(meta, text, hashlib.sha256(data).hexdigest())], checked, index)
        errors = [p for p in checked + _duplicates_of(index, ids) if p.severity == "error"]
    if errors:
        raise ValidationError(f"cannot add {path}: nothing was written", errors)
    doc["articles"].append(entry)
    _write_atomic(seeds / name, data)
    try:
        _write_atomic(seeds / METADATA_FILE, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())
    except BaseException:
        (seeds / name).unlink(missing_ok=True)  # both or neither
        raise
    return meta
