"""Maintainer operations on ``seeds/``: check the seeds or loose files, add an article.

``add_article`` writes nothing unless every check passes, and then adds the text and its
metadata together, under the seeds lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .checks import check_record
from .corpus import METADATA_FILE, Corpus, maintained, writable
from .duplicates import DuplicateIndex
from .errors import IngestError, Problem, ValidationError
from .ingest import (
    METADATA_KEYS,
    ArticleMeta,
    RawArticle,
    _check_entry,
    decode,
    iter_articles,
    read_document,
    read_file,
)
from .locks import DEFAULT_TIMEOUT
from .paths import StrPath
from .pipeline import process
from .seedstore import commit_add, seeds_lock
from .store import list_versions, open_snapshot
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


def _seed_index(
    seeds: Path | None, corpus: Corpus | None = None, problems: list[Problem] | None = None
) -> DuplicateIndex:
    """A duplicate index of the corpus's articles, to check new texts against.

    The (usable) seeds, cleaned; where there are none (an installed package), the rows of
    the corpus's newest snapshot, whose texts are the clean texts. The seeds' own ingest
    problems go to *problems*, if given.
    """
    index = DuplicateIndex()
    if seeds is not None and (seeds / METADATA_FILE).exists():
        for candidate in map(process, iter_articles(seeds, [] if problems is None else problems)):
            index.add(candidate.article.id, candidate.article.text)
    elif corpus is not None and list_versions(corpus.snapshots):
        table = open_snapshot(path=corpus).table.select(["id", "text"])
        for batch in table.to_batches():
            for record_id, text in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                index.add(record_id, text)
    return index


def seeds_of(corpus: StrPath | Corpus | None, seeds: Path | None = None) -> Path:
    """The seeds folder to write: *seeds*, else the corpus's (default: the folder you stand in).

    Raises:
        NotACorpusError: no folder was named and the current folder is not a corpus folder.
        ReadOnlyCorpusError: the folder lies inside installed packages.

    """
    folder = seeds if seeds is not None else maintained(corpus).seeds
    assert folder is not None  # a maintained corpus is a folder, so it has a seeds folder
    return writable(folder, "seeds")


def _duplicates_of(index: DuplicateIndex, ids: Iterable[str]) -> list[Problem]:
    new = set(ids)
    return [p for p in index.problems() if p.where in new]


def check_new(
    raws: Iterable[RawArticle],
    seeds: Path | None,
    corpus: Corpus | None = None,
    seed_problems: list[Problem] | None = None,
) -> Report:
    """The one check of new articles, for ``validate FILE`` and ``add`` alike.

    Every per-record check, and duplicates among them and against the usable seeds (or,
    without seeds, the rows of the newest snapshot of *corpus*); the seeds' own ingest
    problems go to *seed_problems*, if given.
    """
    problems: list[Problem] = []
    with _seed_index(seeds, corpus, seed_problems) as index:
        ids = _checked(raws, problems, index)
        return Report(tuple(problems + _duplicates_of(index, ids)))


def check_seeds(
    seeds: Path = Path("seeds"), *, today: dt.date | None = None, lock_timeout: float = DEFAULT_TIMEOUT
) -> Report:
    """Ingest, clean and validate every seed without writing anything; every problem found."""
    ingest_problems: list[Problem] = []
    with seeds_lock(seeds, lock_timeout):
        report = validate(map(process, iter_articles(seeds, ingest_problems, today=today)))
    return Report(tuple(ingest_problems) + report.problems)


def check_files(paths: Iterable[Path], seeds: Path | None = Path("seeds"), *, corpus: Corpus | None = None) -> Report:
    """Validate loose text files (no metadata needed), also for duplicates of the corpus's articles.

    Duplicates are looked for among the *seeds*, or, without seeds, among the rows of the
    newest snapshot of *corpus* (e.g. the package's own corpus, installed without seeds).
    Each problem names its file as given (``drafts/a.txt``), never an id made from it.
    """
    problems: list[Problem] = []
    raws, shown = [], {}
    for i, path in enumerate(paths):
        found: list[Problem] = []
        raw = _loose(path, found, f"loose{i:06d}")
        problems += [replace(p, where=str(path)) for p in found]
        if raw is not None:
            raws.append(raw)
            shown[raw.id] = str(path)
    return Report(tuple(problems) + tuple(_renamed(p, shown) for p in check_new(raws, seeds, corpus).problems))


def _renamed(problem: Problem, shown: Mapping[str, str]) -> Problem:
    """*problem* with the internal ids of loose files replaced by the files' names as given."""
    message = problem.message
    for internal, name in shown.items():
        message = message.replace(internal, name)
    return replace(problem, where=shown.get(problem.where, problem.where), message=message)


def _loose(path: Path, problems: list[Problem], key: str) -> RawArticle | None:
    data, found = read_file(path, path.parent)
    problems += found
    if data is None:
        return None
    text, found = decode(data, path.name)
    problems += found
    if text is None:
        return None
    meta = ArticleMeta(file=f"{key}.txt", outlet="unknown", url="https://example.invalid/", title=path.stem)
    return RawArticle(meta, text, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class Added:
    """What :func:`add_article` added, and the warnings ``validate`` would give it."""

    meta: ArticleMeta
    report: Report


def _entry(name: str, metadata: Mapping[str, str | None]) -> dict[str, object]:
    return {**dict.fromkeys(METADATA_KEYS), **metadata, "file": name}


_FIELD_OF_CHECK = {
    "metadata_url": "url",
    "metadata_date": "published_date",
    "metadata_language": "translated_from",
    "metadata_file": "file",
}
_QUOTED = re.compile(r"'(\w+)'")


def _field_of(problem: Problem) -> str | None:
    """The metadata field a problem of :func:`~venezuela_corpus.ingest._check_entry` is about."""
    if problem.check in _FIELD_OF_CHECK:
        return _FIELD_OF_CHECK[problem.check]
    found = _QUOTED.search(problem.message)
    return found[1] if found and found[1] in METADATA_KEYS else None


def _as_given(problem: Problem, labels: Mapping[str, str]) -> Problem:
    """A metadata problem named by the field as the caller gave it (e.g. ``--published-date``)."""
    field = _field_of(problem)
    where = labels.get(field, field) if field else "metadata"
    hint = problem.hint
    if problem.check == "metadata_date" and "not a date" in problem.message:
        hint = "give YYYY-MM-DD, or " + ("unknown" if "published_date" in labels else "None") + " if not known"
    return replace(problem, where=where, hint=hint)


def add_article(
    path: Path,
    metadata: Mapping[str, str | None],
    *,
    seeds: Path | None = None,
    corpus: StrPath | Corpus | None = None,
    today: dt.date | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
    labels: Mapping[str, str] | None = None,
) -> Added:
    """Validate a new article and its metadata, then add both to the seeds of a corpus, together.

    The seeds are *seeds*, else those of the corpus folder *corpus*, else those of the folder
    you stand in; never a folder inside installed packages.

    The file is named ``<NNN>_<first 16 hex digits of its SHA-256>.txt``. Exact and near
    duplicates of existing articles, non-Indonesian text and invalid metadata are refused,
    every problem at once, and nothing is written. The whole read-check-write holds the seeds
    lock, and the text and its entry appear together or not at all, even if the process is
    killed (see :mod:`~venezuela_corpus.seedstore`); ``metadata.json`` keeps its file mode.

    Problems name the file as *path* gives it, and a metadata field by its name, or as
    *labels* names it (the command line passes its options: ``--published-date``). The text
    is checked even when the metadata is not usable, so one error lists both.

    Raises:
        IngestError: the file, the metadata, the seeds' metadata document or an existing seed
            cannot be used (with the text's own problems, if any).
        ValidationError: the article fails validation.
        LockTimeoutError: another command held the seeds lock for *lock_timeout* seconds.
        WriteError: a file could not be written (naming it); nothing was added.
        ReadOnlyCorpusError: the seeds lie inside installed packages.

    """
    seeds = seeds_of(corpus, seeds)
    with seeds_lock(seeds, lock_timeout):
        doc, problems = read_document(seeds / METADATA_FILE)
        data, found = read_file(path, path.parent)
        problems += [replace(p, where=str(path)) for p in found]
        existing = sorted(seeds.glob("*.txt"))
        name = f"{len(existing):03d}_{hashlib.sha256(data or b'').hexdigest()[:16]}.txt"
        entry = _entry(name, metadata)
        articles: list[object] = doc["articles"] if doc is not None else []
        meta, found = _check_entry(len(articles), entry, today or dt.date.today())
        problems += [_as_given(p, labels or {}) for p in found]
        if (seeds / name).exists() or name in {e.get("file") for e in articles if isinstance(e, dict)}:
            msg = f"{name} is already taken in {seeds}"
            problems.append(Problem("error", "file_name", name, msg, "run validate: the seeds are inconsistent"))
        text = None
        if data is not None:
            text, found = decode(data, str(path))
            problems += found
        report = Report(())
        seed_problems: list[Problem] = []
        if text is not None and data is not None:
            checked = meta or ArticleMeta(file=name, outlet="unknown", url="https://example.invalid/", title=path.stem)
            new = RawArticle(checked, text, hashlib.sha256(data).hexdigest())
            report = check_new([new], seeds, seed_problems=seed_problems)
            report = Report(tuple(_renamed(p, {checked.id: str(path)}) for p in report.problems))
        if problems or doc is None or meta is None or text is None or data is None:
            raise IngestError(f"cannot add {path}: nothing was written", problems + list(report.errors))
        if report.errors:
            raise ValidationError(f"cannot add {path}: nothing was written", report.errors)
        if broken := [p for p in seed_problems if p.severity == "error"]:
            msg = f"cannot add {path}: the seeds in {seeds} have errors of their own (see validate); nothing written"
            raise IngestError(msg, broken)
        articles.append(entry)
        commit_add(seeds, {name: data}, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())
    return Added(meta, report)
