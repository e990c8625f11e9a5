"""``import_articles``: bring a scraped collection into a corpus's seeds, row by row, atomically.

Each row of the collection (:mod:`.sources`) becomes an article's text and metadata
(:mod:`.mapping`), goes through the checks ``add`` uses (metadata, then cleaning, language and
the per-record checks), then through the duplicate engine, against the corpus's articles and
the rows before it. Every row ends with a status:

- ``accepted``: its text and metadata entry are added to the seeds;
- ``present``: the corpus already holds this text from this URL (a re-import adds nothing);
- ``refused``: with its reasons (an unreadable row, no text, a bad date or URL, empty after
  cleaning, not Indonesian, a duplicate of which article or row, ...).

The whole import holds the seeds lock, so imports, adds and builds of one corpus run one at a
time, and the accepted articles and their entries appear together or not at all (one commit
point: ``metadata.json``'s rename; see :mod:`.seedstore`). What is remembered of each row
waits in a :mod:`.scratch` database, so memory stays flat in the number of rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from . import scratch
from .corpus import METADATA_FILE, Corpus, maintained, writable
from .errors import CollectionError, IngestError, Problem
from .ingest import MAX_BYTES, METADATA_KEYS, RawArticle, _check_entry, iter_articles, read_document
from .locks import DEFAULT_TIMEOUT
from .mapping import fields_of, map_columns
from .paths import StrPath, as_path
from .schema import CURATED
from .seedstore import commit_add, seeds_lock
from .sources import Collection, Format, Row, open_collection

if TYPE_CHECKING:
    import sqlite3

    from .duplicates import DuplicateIndex

Status = Literal["accepted", "present", "refused"]
_Stored = Literal["accepted", "present", "refused", "candidate"]
"""A row's status in the scratch database: a candidate passed the screening, and awaits its checks."""
_OTHER = re.compile(r"(?:as|of) (?P<id>.+?)(?: \(similarity [\d.]+\))?$")
"""The earlier text a duplicate's message names (``same text as X``, ``near duplicate of X (similarity s)``)."""
_TABLES = """
CREATE TABLE rows (
    number INTEGER PRIMARY KEY, place TEXT, status TEXT, name TEXT, problems TEXT,
    sha TEXT, url TEXT, screened INTEGER DEFAULT 0, data BLOB, entry TEXT, clean TEXT, signature BLOB
);
CREATE INDEX by_sha ON rows (sha);
CREATE INDEX by_url ON rows (url)
"""


_VALUE_HINTS = {"published_date": "write the date as YYYY-MM-DD, or leave it empty if unknown"}


@dataclass(frozen=True)
class ImportedRow:
    """What became of one row of the collection.

    Attributes:
        number: The row's number in the collection (from 1).
        where: How the row is named, e.g. ``news.csv row 12 (line 14)``.
        status: ``accepted``, ``present`` (already in the corpus) or ``refused``.
        id: The article's id in the corpus (accepted or present rows).
        problems: The reasons of a refusal (errors) and the warnings of an accepted row.

    """

    number: int
    where: str
    status: Status
    id: str | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def reason(self) -> str:
        """The refusal's reasons, one line (empty for a row not refused)."""
        return "; ".join(f"[{p.check}] {p.message}" for p in self.problems if p.severity == "error")


@dataclass(frozen=True)
class ImportReport:
    """Every row of an import and what became of it.

    Attributes:
        source: The collection imported.
        seeds: The seeds folder written to.
        columns: Which column gave each field (an outlet may also come from the URL).
        rows: One entry per row, in the collection's order.
        written: Whether the accepted rows were written (``False`` for a dry run or none accepted).

    """

    source: Path
    seeds: Path
    columns: Mapping[str, str]
    rows: tuple[ImportedRow, ...]
    written: bool

    def of(self, status: Status) -> tuple[ImportedRow, ...]:
        """The rows that ended with *status*."""
        return tuple(r for r in self.rows if r.status == status)

    @property
    def counts(self) -> dict[str, int]:
        """Rows per status."""
        return {s: len(self.of(s)) for s in ("accepted", "present", "refused")}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form (the command's ``--json``)."""
        return {
            "source": str(self.source),
            "seeds": str(self.seeds),
            "columns": dict(self.columns),
            "written": self.written,
            **self.counts,
            "rows": [
                {
                    "row": r.number,
                    "where": r.where,
                    "status": r.status,
                    "id": r.id,
                    "reason": r.reason or None,
                    "problems": [_problem_dict(p) for p in r.problems],
                }
                for r in self.rows
            ],
        }


def _problem_dict(p: Problem) -> dict[str, str]:
    return {"severity": p.severity, "check": p.check, "message": p.message, "hint": p.hint}


@dataclass
class _Existing:
    """What the seeds hold already: file names, texts by their bytes' SHA-256, entries by URL."""

    names: set[str]
    urls: dict[str, str]
    by_sha: dict[str, str]

    @classmethod
    def read(cls, seeds: Path, doc: Mapping[str, Any]) -> _Existing:
        entries = [e for e in doc["articles"] if isinstance(e, dict)]
        names = {p.name for p in seeds.glob("*.txt")}
        urls = {e["url"]: e["file"] for e in entries if isinstance(e.get("url"), str)}
        return cls(names, urls, {_sha256(seeds / name): name for name in sorted(names, reverse=True)})

    def same_bytes(self, sha: str) -> str | None:
        """The seed file whose bytes have SHA-256 *sha* (the first by name), if any."""
        return self.by_sha.get(sha)


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # an unreadable seed matches nothing; validate names it


def _refuse(check: str, where: str, message: str, hint: str) -> Problem:
    return Problem("error", check, where, message, hint)


class _Import:
    """One import's state: the scratch rows and the counts that name the new files."""

    def __init__(self, collection: Collection, columns: Mapping[str, str], existing: _Existing, today: dt.date):
        self.collection, self.columns, self.existing, self.today = collection, columns, existing, today
        self.db: sqlite3.Connection = scratch.connect(_TABLES)

    def store(self, row: Row, status: _Stored, problems: list[Problem], **values: Any) -> None:
        blob = json.dumps([_problem_dict(p) for p in problems])
        columns = ["number", "place", "status", "problems", *values]
        marks = ", ".join("?" * len(columns))
        self.db.execute(
            f"INSERT INTO rows ({', '.join(columns)}) VALUES ({marks})",
            (row.number, row.where, status, blob, *values.values()),
        )

    def earlier(self, column: str, value: str) -> int | None:
        """The first row before with this text or url that passed the screening (whatever came of it later)."""
        found = self.db.execute(
            f"SELECT number FROM rows WHERE {column} = ? AND screened ORDER BY number LIMIT 1", (value,)
        ).fetchone()
        return None if found is None else int(found[0])

    def screen(self, row: Row) -> RawArticle | None:
        """The row's article to process, or ``None`` when it is refused or present already (stored so)."""
        where = row.where
        if row.problem is not None:
            self.store(row, "refused", [_refuse("unreadable_row", where, row.problem, "fix the row in the collection")])
            return None
        fields, found = fields_of(row.values, self.columns)
        problems = [
            _refuse(
                "bad_date" if name == "published_date" else "bad_value",
                where,
                msg,
                _VALUE_HINTS.get(name, "fix it in the collection"),
            )
            for name, msg in found
        ]
        text = fields.pop("text")
        data = text.encode() if text is not None else b""
        if text is None and not found:
            problems.append(_refuse("empty", where, "the row has no text", "give the article's text"))
        if len(data) > MAX_BYTES:
            msg = f"the text has {len(data):,} bytes, over the limit of {MAX_BYTES:,}"
            problems.append(_refuse("file_size", where, msg, "is it really one article?"))
        bad = {name for name, _ in found} | ({"outlet"} if any(name == "url" for name, _ in found) else set())
        problems += self._missing(where, fields, bad)  # a bad value is not also an empty one
        entry = {**dict.fromkeys(METADATA_KEYS), **fields, "file": "row.txt"}
        meta = None
        if not problems:
            meta, checked = _check_entry(row.number - 1, entry, self.today)
            problems += [replace(p, where=where) for p in checked]
        if problems or meta is None or text is None:
            self.store(row, "refused", problems)
            return None
        sha, url = hashlib.sha256(data).hexdigest(), entry["url"]
        same = self.existing.same_bytes(sha)
        if same is not None and self.existing.urls.get(url) == same:
            self.store(row, "present", [], name=same)
            return None
        duplicate = self._duplicate(where, sha, url, same)
        if duplicate is not None:
            self.store(row, "refused", [duplicate])
            return None
        entry_json = json.dumps(entry, ensure_ascii=False)
        self.store(row, "candidate", [], sha=sha, url=url, screened=1, data=data, entry=entry_json)
        return RawArticle(replace(meta, file=f"row {row.number}.txt"), text, sha)

    def _missing(self, where: str, fields: Mapping[str, Any], bad: set[str]) -> list[Problem]:
        """The required fields (``schema.CURATED``, not nullable) this row leaves empty, but those in *bad*."""
        found = []
        for name in (f.name for f in CURATED if not f.nullable):
            if fields.get(name) is None and name not in bad:
                column = self.columns.get(name)
                why = f"column {column!r} is empty" if column else "the collection has no column for it"
                if name == "outlet":
                    why += " and the url names none"
                hint = f"fill it in, or name another column with --{name}-column"
                found.append(_refuse("missing_field", where, f"no {name}: {why}", hint))
        return found

    def _duplicate(self, where: str, sha: str, url: str, same: str | None) -> Problem | None:
        if same is not None:
            msg = f"same text as {same.removesuffix('.txt')}"
            return _refuse("duplicate", where, msg, "already in the corpus: leave the row out")
        if url in self.existing.urls:
            msg = (
                f"the corpus holds {self.existing.urls[url].removesuffix('.txt')} from the same url, with another text"
            )
            return _refuse("duplicate_url", where, msg, "the page was scraped again? keep one of them")
        if (number := self.earlier("sha", sha)) is not None:
            return _refuse("duplicate", where, f"same text as row {number}", "the collection repeats it: keep one")
        if (number := self.earlier("url", url)) is not None:
            return _refuse("duplicate_url", where, f"same url as row {number}", "the collection repeats it: keep one")
        return None

    def processed(self, number: int, problems: list[Problem], clean: str, signature: bytes) -> None:
        """Record the cleaning's outcome for a candidate row: refused on an error, else kept with its warnings."""
        place = self.db.execute("SELECT place FROM rows WHERE number = ?", (number,)).fetchone()[0]
        problems = [replace(p, where=place) for p in problems]
        status = "refused" if any(p.severity == "error" for p in problems) else "candidate"
        self.db.execute(
            "UPDATE rows SET status = ?, problems = ?, clean = ?, signature = ? WHERE number = ?",
            (status, json.dumps([_problem_dict(p) for p in problems]), clean, signature, number),
        )

    def has_candidates(self) -> bool:
        return self.db.execute("SELECT 1 FROM rows WHERE status = 'candidate' LIMIT 1").fetchone() is not None

    def candidates(self) -> Iterator[tuple[int, str, bytes]]:
        """``(row number, clean text, MinHash signature)`` of the candidates, in row order, from disk."""
        yield from self.db.execute(
            "SELECT number, clean, signature FROM rows WHERE status = 'candidate' ORDER BY number"
        )

    def refuse_duplicate(self, problem: Problem) -> None:
        number = int(problem.where.removeprefix("row "))
        place = self.db.execute("SELECT place FROM rows WHERE number = ?", (number,)).fetchone()[0]
        other = _OTHER.search(problem.message)
        in_corpus = other is None or not other["id"].startswith("row ")
        hint = "already in the corpus: leave the row out" if in_corpus else "the collection repeats it: keep one"
        refusal = replace(problem, where=place, hint=hint)
        self.db.execute(
            "UPDATE rows SET status = 'refused', problems = ? WHERE number = ?",
            (json.dumps([_problem_dict(refusal)]), number),
        )

    def name_accepted(self) -> int:
        """Name the surviving candidates' files in row order, after the existing files; return how many."""
        rows = self.db.execute("SELECT number, sha FROM rows WHERE status = 'candidate' ORDER BY number").fetchall()
        start = len(self.existing.names)
        for k, (number, sha) in enumerate(rows):
            name = f"{start + k:03d}_{sha[:16]}.txt"
            self.db.execute("UPDATE rows SET status = 'accepted', name = ? WHERE number = ?", (name, number))
        return len(rows)

    def texts(self) -> Iterator[tuple[str, bytes]]:
        """The accepted texts' file names and bytes, in row order, from disk."""
        for name, data in self.db.execute("SELECT name, data FROM rows WHERE status = 'accepted' ORDER BY number"):
            yield name, bytes(data)

    def entries(self) -> Iterator[dict[str, Any]]:
        for name, entry in self.db.execute("SELECT name, entry FROM rows WHERE status = 'accepted' ORDER BY number"):
            yield {**json.loads(entry), "file": name}

    def report_rows(self) -> tuple[ImportedRow, ...]:
        out = []
        for number, place, status, name, blob in self.db.execute(
            "SELECT number, place, status, name, problems FROM rows ORDER BY number"
        ):
            problems = tuple(Problem(where=place, **p) for p in json.loads(blob))
            out.append(ImportedRow(number, place, status, name and name.removesuffix(".txt"), problems))
        return tuple(out)


def write_document(fh: BinaryIO, doc: Mapping[str, Any], new: Iterator[Mapping[str, Any]]) -> None:
    """Write *doc* with the entries *new* appended to its ``articles``, one entry at a time.

    The bytes are those of ``json.dumps(doc, indent=2, ensure_ascii=False) + "\\n"`` with the
    entries added, as ``add`` writes it (a test checks the two agree).
    """
    marker = "\x00articles\x00"
    head, tail = json.dumps({**doc, "articles": [marker]}, indent=2, ensure_ascii=False).split(
        f"    {json.dumps(marker)}"
    )
    entries = (e for part in (doc["articles"], new) for e in part)
    first = next(entries, None)
    if first is None:
        fh.write((json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())
        return
    fh.write(head.encode())
    for i, entry in enumerate(itertools.chain([first], entries)):
        text = json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        fh.write(((",\n" if i else "") + "    " + text).encode())
    fh.write((tail + "\n").encode())


def _corpus_index(seeds: Path, corpus: Corpus | None, workers: int) -> DuplicateIndex:
    """A duplicate index of the corpus's articles, by their clean texts.

    A seed whose bytes the newest snapshot holds (same id and ``raw_sha256``) brings that
    snapshot's clean text; the others are cleaned here, as a build would.
    """
    from .duplicates import DuplicateIndex
    from .pipeline import process_all
    from .store import list_versions, open_snapshot

    index = DuplicateIndex()
    built: dict[str, str] = {}
    table = None
    if corpus is not None and isinstance(corpus.snapshots, Path) and list_versions(corpus.snapshots):
        table = open_snapshot(path=corpus).table
        built = dict(zip(*(table[c].to_pylist() for c in ("id", "raw_sha256")), strict=True))
    reused: set[str] = set()
    problems: list[Problem] = []  # the seeds' own: an import into broken seeds is refused, as an add is

    def fresh() -> Iterator[RawArticle]:
        for raw in iter_articles(seeds, problems):
            if built.get(raw.id) == raw.raw_sha256:
                reused.add(raw.id)
            else:
                yield raw

    for batch in process_all(fresh(), workers):
        for candidate, signature in batch:
            index.add(candidate.article.id, candidate.article.text, signature)
    if broken := [p for p in problems if p.severity == "error"]:
        index.close()
        msg = f"cannot import into {seeds}: its seeds have errors of their own (see validate); nothing was written"
        raise IngestError(msg, broken)
    if table is not None and reused:
        for batch in table.select(["id", "text"]).to_batches():
            for record_id, text in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                if record_id in reused:
                    index.add(record_id, text)
    return index


def _process(job: _Import, rows: Iterator[Row], workers: int, progress: Callable[[int], None] | None) -> None:
    """Screen every row, then clean and check the candidates (in *workers* processes)."""
    from .checks import check_record
    from .pipeline import process_all

    pending: deque[int] = deque()

    def raws() -> Iterator[RawArticle]:
        for row in rows:
            raw = job.screen(row)
            if progress:
                progress(1)
            if raw is not None:
                pending.append(row.number)
                yield raw

    for batch in process_all(raws(), workers):
        for candidate, signature in batch:
            job.processed(pending.popleft(), check_record(candidate), candidate.article.text, signature)


def import_articles(
    source: StrPath,
    *,
    corpus: StrPath | Corpus | None = None,
    seeds: StrPath | None = None,
    columns: Mapping[str, str | None] | None = None,
    format: Format | None = None,
    delimiter: str | None = None,
    workers: int = 1,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> ImportReport:
    """Import the articles of a scraped collection (CSV, JSON Lines, Parquet, a folder of texts).

    The seeds are *seeds*, else those of the corpus folder *corpus*, else those of the folder
    you stand in; never a folder inside installed packages. *columns* maps fields (``text``,
    ``title``, ``url``, ``published_date``, ``outlet``, ...) to the collection's columns;
    fields it leaves out are guessed (see :data:`~venezuela_corpus.mapping.GUESSES`).

    Each row is accepted, present already or refused (see the module's description); the
    accepted ones are added together, in one commit, unless *dry_run*. Importing the same
    collection again adds nothing: its rows are ``present``.

    Raises:
        CollectionError: the collection cannot be read as a whole, or has no text, title or url column.
        IngestError: the seeds' ``metadata.json`` cannot be used.
        LockTimeoutError: another command held the seeds lock for *lock_timeout* seconds.
        WriteError: a file could not be written (naming it); nothing was added.
        NotACorpusError: no corpus folder was named and the current folder is none.
        ReadOnlyCorpusError: the seeds lie inside installed packages.

    """
    found = maintained(corpus) if seeds is None or corpus is not None else None
    folder = as_path(seeds, "seeds") if seeds is not None else found.seeds if found is not None else None
    assert folder is not None  # a maintained corpus is a folder, so it has a seeds folder
    if not dry_run:
        writable(folder, "seeds")
    collection = open_collection(as_path(source, "source"), format, delimiter=delimiter)
    try:
        mapping = map_columns(collection.header(), columns)
    except CollectionError as exc:  # say which file, once
        raise CollectionError(str(exc) if str(collection.path) in str(exc) else f"{collection.path}: {exc}") from exc
    with seeds_lock(folder, lock_timeout):
        doc, problems = read_document(folder / METADATA_FILE)
        if doc is None:
            raise IngestError(f"cannot import into {folder}: nothing was written", problems)
        job = _Import(collection, mapping, _Existing.read(folder, doc), today or dt.date.today())
        with closing(job.db):
            _process(job, collection.rows(), workers, progress)
            _judge_duplicates(job, folder, found, workers)
            written = job.name_accepted() > 0 and not dry_run
            if written:
                commit_add(folder, job.texts(), lambda fh: write_document(fh, doc, job.entries()))
            return ImportReport(collection.path, folder, mapping, job.report_rows(), written)


def _judge_duplicates(job: _Import, seeds: Path, corpus: Corpus | None, workers: int) -> None:
    """Refuse the candidates that repeat an article of the corpus or an earlier row (exactly or nearly)."""
    if not job.has_candidates():
        return
    with _corpus_index(seeds, corpus, workers) as index:
        for number, clean, signature in job.candidates():
            index.add(f"row {number}", clean, signature)
        for problem in index.problems():
            if problem.where.startswith("row "):
                job.refuse_duplicate(problem)
