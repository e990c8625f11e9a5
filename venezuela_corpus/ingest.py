"""Read seed files and their curated metadata safely into :class:`RawArticle` records.

Every problem found is collected and raised at once as an :class:`IngestError`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import json
import os
import re
import sqlite3
import stat
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import scratch
from .corpus import METADATA_FILE
from .errors import IngestError, Problem
from .schema import CURATED
from .store import plain_name

MAX_BYTES = 1 << 20
"""Largest seed file accepted (1 MiB); checked before the file is read."""

REQUIRED: tuple[str, ...] = ("file", *(f.name for f in CURATED if not f.nullable))
"""Keys of a metadata entry that must hold a non-empty string."""
OPTIONAL: tuple[str, ...] = tuple(f.name for f in CURATED if f.nullable)
"""Keys of a metadata entry that may be null (unknown)."""
METADATA_KEYS: tuple[str, ...] = REQUIRED + OPTIONAL
"""Every key of a metadata entry, derived from ``schema.CURATED`` (the fields of :class:`ArticleMeta`)."""
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANG = re.compile(r"[a-z]{2,3}")
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class ArticleMeta:
    """Curated facts about one article (``METADATA_KEYS``, checked by a test); ``None`` means unknown."""

    file: str
    outlet: str
    url: str
    title: str
    published_date: dt.date | None = None
    author: str | None = None
    editor: str | None = None
    translated_from: str | None = None
    notes: str | None = None

    @property
    def id(self) -> str:
        """The stable record id: the file name without its ``.txt`` suffix."""
        return self.file.removesuffix(".txt")


@dataclass(frozen=True)
class RawArticle:
    """A decoded seed file joined with its metadata."""

    meta: ArticleMeta
    text: str
    raw_sha256: str

    @property
    def id(self) -> str:
        """The stable record id."""
        return self.meta.id


class _Object(dict[str, Any]):
    """A JSON object that notes a key given twice (``json`` would keep the last silently)."""

    duplicates: tuple[str, ...] = ()

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self:
            self.duplicates = (*self.duplicates, key)
        super().__setitem__(key, value)


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    """``object_pairs_hook`` for ``json.loads``: the same duplicate-key check as the streaming reader."""
    obj = _Object()
    for key, value in pairs:
        obj[key] = value
    return obj


Finding = tuple[str, str, str]  # check, message, hint


def _shape(entry: dict[str, Any]) -> list[Finding]:
    """Missing, unknown and mistyped fields."""
    fields = METADATA_KEYS
    found: list[Finding] = [
        ("metadata_missing", f"missing field {k!r}", "add it; use null if unknown") for k in fields if k not in entry
    ]
    found += [
        ("metadata_unknown", f"unknown field {k!r}", f"allowed: {', '.join(fields)}")
        for k in sorted(set(entry) - set(fields))
    ]
    for key in fields:
        value = entry.get(key)
        if (
            key in entry
            and not (value is None and key in OPTIONAL)
            and (not isinstance(value, str) or not value.strip())
        ):
            found.append(("metadata_type", f"{key!r} must be a non-empty string, not {value!r}", "fix the value"))
    return found


def _parse_date(raw: object, today: dt.date) -> tuple[dt.date | None, list[Finding]]:
    if not isinstance(raw, str):
        return None, []
    try:
        if not _DATE.fullmatch(raw):
            raise ValueError(raw)
        date = dt.date.fromisoformat(raw)
    except ValueError:
        return None, [("metadata_date", f"published_date {raw!r} is not a date", "write YYYY-MM-DD or null")]
    if date > today:
        return None, [("metadata_date", f"published_date {raw} lies in the future", "check the date")]
    return date, []


def url_problem(url: str) -> str | None:
    """Why *url* is not an absolute http(s) address, or ``None``; never raises.

    >>> url_problem("https://www.kompas.com/a"), url_problem("http://[::1/berita")
    (None, 'Invalid IPv6 URL')
    """
    if any(c.isspace() or not c.isprintable() for c in url):
        return "it contains spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:  # urllib's own reason, e.g. "Invalid IPv6 URL", "Port out of range"
        return str(exc)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "it is not an absolute http(s) address"
    return None


def _values(entry: dict[str, Any]) -> list[Finding]:
    """File name, URL and language code."""
    found: list[Finding] = []
    name, url, lang = entry.get("file"), entry.get("url"), entry.get("translated_from")
    if isinstance(name, str) and (not plain_name(name) or not name.endswith(".txt")):
        found.append(("metadata_file", f"'file' must be a plain *.txt name, not {name!r}", "no folders or '..'"))
    if isinstance(url, str) and (why := url_problem(url)):
        found.append(("metadata_url", f"malformed url {url!r}: {why}", "give an absolute http(s) address"))
    if isinstance(lang, str) and not _LANG.fullmatch(lang):
        found.append(("metadata_language", f"translated_from {lang!r} is not a language code", "e.g. 'en'"))
    for key in (k for k in METADATA_KEYS if k != "url"):  # a URL has its own check, above
        if isinstance(value := entry.get(key), str) and (where := control_character(value, key == "notes")) is not None:
            msg = f"{key!r} holds control character U+{ord(value[where]):04X} at character {where}"
            found.append(("metadata_text", msg, "remove it; only notes may hold line breaks and tabs"))
    return found


def control_character(value: str, lines: bool = False) -> int | None:
    r"""The offset of the first control character in *value* (with *lines*: other than line break or tab).

    >>> control_character("Judul\x00"), control_character("a\nb"), control_character("a\nb", lines=True)
    (5, 1, None)
    """
    allowed = "\n\t" if lines else ""
    return next((i for i, c in enumerate(value) if unicodedata.category(c) == "Cc" and c not in allowed), None)


def _check_entry(i: int, entry: object, today: dt.date) -> tuple[ArticleMeta | None, list[Problem]]:
    where = f"{METADATA_FILE}[{i}]"
    if not isinstance(entry, dict):
        return None, [Problem("error", "metadata_type", where, "entry is not an object")]
    name = entry.get("file")
    return check_entry(f"{where} ({name})" if isinstance(name, str) else where, entry, today)


def check_entry(where: str, entry: dict[str, Any], today: dt.date) -> tuple[ArticleMeta | None, list[Problem]]:
    """A metadata entry checked (shape, values, date), or ``None`` and its problems at *where*."""
    date, date_findings = _parse_date(entry.get("published_date"), today)
    findings = _shape(entry) + _values(entry) + date_findings
    findings += [
        ("metadata_duplicate", f"key {k!r} given twice (duplicate key)", "keep one")
        for k in getattr(entry, "duplicates", ())
    ]
    if findings:
        return None, [Problem("error", check, where, message, hint) for check, message, hint in findings]
    values = {k: entry[k] for k in METADATA_KEYS}
    values["published_date"] = date
    return ArticleMeta(**values), []


FORMAT = 1
SHAPE = '{"format": 1, "articles": [...]}'


def document_problems(top: Mapping[str, object]) -> list[Problem]:
    """Problems with the metadata document's outer shape, ``{"format": 1, "articles": [...]}``.

    *top* maps the document's top-level keys to their values (``articles`` may be any list).

    >>> print(*(p.message for p in document_problems({"format": 1, "articles": {}})))
    expected {"format": 1, "articles": [...]}: no list 'articles'
    """
    fmt, unknown = top.get("format"), sorted(set(top) - {"format", "articles"})
    why = (
        f"format is {fmt!r}, not {FORMAT}"
        if type(fmt) is not int or fmt != FORMAT
        else "no list 'articles'"
        if not isinstance(top.get("articles"), list)
        else f"unknown key(s) {', '.join(map(repr, unknown))}"
        if unknown
        else None
    )
    if why is None:
        return []
    return [Problem("error", "metadata_json", METADATA_FILE, f"expected {SHAPE}: {why}", "see seeds/metadata.json")]


def read_document(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The whole metadata document, checked for its shape and every entry, or the problems.

    For a maintainer operation that rewrites the file (``add``); builds stream it instead.
    """
    try:
        doc = json.loads(path.read_bytes(), object_pairs_hook=_object)
    except FileNotFoundError:
        return None, [Problem("error", "metadata_missing", METADATA_FILE, "metadata file not found", f"create {path}")]
    except OSError as exc:
        return None, [_unreadable(path, exc)]
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply for json
        why = "nested too deeply" if isinstance(exc, RecursionError) else exc
        return None, [Problem("error", "metadata_json", METADATA_FILE, f"not valid JSON: {why}", "fix the syntax")]
    if not isinstance(doc, dict):
        doc = {"format": None}
    found = [
        Problem("error", "metadata_json", METADATA_FILE, f"duplicate key {k!r}", "keep one")
        for k in getattr(doc, "duplicates", ())
    ]
    found += document_problems(doc)
    return (None if found else doc), found


def _unreadable(path: Path, exc: OSError) -> Problem:
    reason = exc.strerror or str(exc)
    return Problem("error", "metadata_json", METADATA_FILE, f"cannot read {path}: {reason}", "check the file")


MAX_DEPTH = 8
"""Deepest nesting of arrays and objects read in ``metadata.json`` (an entry's values are at 3)."""


def _shallow(events: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Pass ``ijson`` basic events on, refusing nesting deeper than ``MAX_DEPTH``.

    ``ijson.parse`` keeps every level's prefix, so memory grows with the square of the depth:
    a 200 KB file of nested brackets took over 20 GB before this limit.
    """
    depth = 0
    for event, value in events:
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_DEPTH:
                raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
        elif event in ("end_map", "end_array"):
            depth -= 1
        yield event, value


def iter_metadata(
    path: Path, problems: list[Problem], *, today: dt.date | None = None
) -> Iterator[tuple[str, ArticleMeta | None, dict[str, Any]]]:
    """Stream ``(file name, checked entry, JSON entry)`` from the metadata file; collect problems.

    A checked entry with problems is ``None``, so its file is neither missing nor orphaned.
    The file is parsed incrementally (``ijson``): one entry is in memory at a time.
    """
    import ijson

    today = today or dt.date.today()
    top: dict[str, object] = {}

    def watch(events: Iterator[tuple[str, str, Any]]) -> Iterator[tuple[str, str, Any]]:
        for prefix, event, value in events:
            if prefix == "" and event == "map_key":
                if value in top:
                    raise ValueError(f"duplicate key {value!r}")
                top[value] = None
            elif prefix in top and event not in ("end_map", "end_array"):
                top[prefix] = value if event != "start_array" else []
            yield prefix, event, value

    done = 0
    try:
        with path.open("rb") as fh:
            events = watch(ijson.parse(_shallow(ijson.basic_parse(fh, use_float=True))))
            for entry in ijson.items(events, "articles.item", map_type=_Object):
                meta, found = _check_entry(done, entry, today)
                problems += found
                done += 1
                if isinstance(name := entry.get("file") if isinstance(entry, dict) else None, str):
                    yield name, meta, entry
    except FileNotFoundError:
        problems.append(Problem("error", "metadata_missing", path.name, "metadata file not found", f"create {path}"))
        return
    except OSError as exc:
        problems.append(_unreadable(path, exc))
        return
    except (ijson.JSONError, ValueError) as exc:  # syntax, encoding, or a duplicate top-level key
        msg = f"not valid JSON after {done} article entries: {exc}"
        problems.append(Problem("error", "metadata_json", path.name, msg, "fix the syntax"))
        return
    problems += document_problems(top)


def decode(data: bytes, where: str) -> tuple[str | None, list[Problem]]:
    """Decode seed bytes as strict UTF-8 (a UTF-8 BOM is dropped), or say why not."""
    if any(data.startswith(bom) for bom in _UTF16_32_BOMS):
        hint = f"convert it: iconv -f UTF-16 -t UTF-8 {where}"
        return None, [Problem("error", "encoding", where, "file is UTF-16/32, not UTF-8", hint)]
    if b"\x00" in data:
        offset = data.index(b"\x00")
        msg = f"NUL byte at byte offset {offset}: binary or UTF-16 data"
        return None, [Problem("error", "encoding", where, msg, "give a UTF-8 text file")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = 3 if data.startswith(codecs.BOM_UTF8) else 0
        msg = f"invalid UTF-8 at byte offset {exc.start + bom}: {data[exc.start + bom : exc.start + bom + 4]!r}"
        return None, [Problem("error", "encoding", where, msg, "re-save the file as UTF-8")]
    if not text.strip():
        return None, [Problem("error", "empty", where, "file is empty or whitespace only", "remove it")]
    return text, []


def read_file(path: Path, seeds: Path) -> tuple[bytes | None, list[Problem]]:
    """Read one seed file's bytes after checking its name, location, type and size.

    Never raises for the file itself: a symlink loop, a folder, a FIFO, a file that cannot be
    read or grows past the limit while read, each is a problem naming the file.
    """
    name = path.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return None, [Problem("error", "file_name", shown, "file name is not valid UTF-8", "rename it")]
    try:
        return _read_checked(path, seeds)
    except RuntimeError:  # pathlib's "Symlink loop" (Python < 3.13)
        return None, [Problem("error", "file_path", name, "symlink loop", "replace the link with the file")]
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [Problem("error", "file_path", name, "symlink loop", "replace the link with the file")]
        msg = f"cannot read the file: {exc.strerror or exc}"
        return None, [Problem("error", "file_read", name, msg, "check its permissions, or remove it")]


def _read_checked(path: Path, seeds: Path) -> tuple[bytes | None, list[Problem]]:
    name = path.name
    if path.is_symlink() and not (target := path.resolve(strict=True)).is_relative_to(seeds.resolve()):
        msg = f"symlink leads outside seeds/ to {target}"
        return None, [Problem("error", "file_path", name, msg, "copy the file into seeds/")]
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        return None, [Problem("error", "file_path", name, "not a regular file", "remove it")]
    too_big = Problem("error", "file_size", name, "", "is it really one article?")
    if info.st_size > MAX_BYTES:
        return None, [replace(too_big, message=f"file has {info.st_size} bytes, over the limit of {MAX_BYTES}")]
    with path.open("rb") as fh:  # read at most the limit: the file may grow after stat()
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return None, [replace(too_big, message=f"file grew past the limit of {MAX_BYTES} bytes while read")]
    return data, []


_TABLES = """
CREATE TABLE meta (name BLOB PRIMARY KEY, entry TEXT);
CREATE TABLE files (name BLOB PRIMARY KEY)
"""


def _store_metadata(db: sqlite3.Connection, seeds: Path, problems: list[Problem], today: dt.date | None) -> bool:
    """Load the metadata entries into table ``meta``; False if the file is unusable as a whole."""
    found: list[Problem] = []
    for name, meta, entry in iter_metadata(seeds / METADATA_FILE, found, today=today):
        key = name.encode("utf-8", "surrogatepass")
        stored = None if meta is None else json.dumps(entry)
        if not db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, stored)).rowcount:
            msg = f"duplicate id {name.removesuffix('.txt')!r}: {name} is described twice"
            found.append(Problem("error", "metadata_duplicate", METADATA_FILE, msg, "keep one entry"))
            db.execute("UPDATE meta SET entry = NULL WHERE name = ?", (key,))
    problems += found
    return not any(p.check in ("metadata_json", "metadata_missing") and p.where == METADATA_FILE for p in found)


@dataclass(frozen=True)
class Listed:
    """One seed file to read, as the listing found it: the unit of work of :func:`read_listed`.

    Attributes:
        name: The file name, as bytes (``os.fsencode``).
        described: Whether ``metadata.json`` has an entry for it.
        entry: That entry as JSON, or ``None`` if it is missing or has problems.
        usable: Whether ``metadata.json`` could be read as a whole.

    """

    name: bytes
    described: bool
    entry: str | None
    usable: bool


def list_seeds(seeds: Path, problems: list[Problem], *, today: dt.date | None = None) -> Iterator[Listed]:
    """The seed files under *seeds* in id order, each joined with its metadata entry.

    The corpus-level part of ingest: metadata problems are appended to *problems* before the
    first item, orphan entries after the last. Streams: the join happens in a
    :mod:`~venezuela_corpus.scratch` database.
    """
    with closing(scratch.connect(_TABLES)) as db:
        usable = _store_metadata(db, seeds, problems, today)
        try:
            with os.scandir(seeds) as listing:
                names = (os.fsencode(e.name) for e in listing if Path(e.name).suffix == ".txt")
                db.executemany("INSERT INTO files VALUES (?)", ((name,) for name in names))
        except OSError as exc:
            msg = f"cannot list the seeds folder: {exc.strerror or exc}"
            problems.append(Problem("error", "file_path", str(seeds), msg, "check the folder (--seeds)"))
            return
        # In id order (the name without ".txt"): "a-b.txt" sorts before "a.txt", but "a" before "a-b".
        joined = (
            "SELECT f.name, m.name IS NOT NULL, m.entry FROM files f LEFT JOIN meta m USING (name)"
            " ORDER BY substr(f.name, 1, length(f.name) - 4)"
        )
        for key, described, entry in db.execute(joined):
            yield Listed(key, bool(described), entry, usable)
        orphans = "SELECT name FROM meta WHERE name NOT IN (SELECT name FROM files) ORDER BY name"
        for (key,) in db.execute(orphans):
            msg = f"metadata entry has no file {key.decode('utf-8', 'surrogatepass')}"
            problems.append(Problem("error", "file_missing", METADATA_FILE, msg, "add the file or remove the entry"))


def read_listed(seeds: Path, item: Listed) -> tuple[RawArticle | None, list[Problem]]:
    """Read and check one listed file: the article, or ``None``, and the problems found.

    The per-file part of ingest: a pure function of the file and its entry, so it runs
    wherever the folder can be read (a worker process, a node of a cluster).
    """
    path = seeds / os.fsdecode(item.name)
    data, found = read_file(path, seeds)
    text = None
    if data is not None:
        text, found = decode(data, path.name)
    if not item.described and item.usable and not any(p.check == "file_name" for p in found):
        msg = "file has no metadata entry"
        found.append(Problem("error", "metadata_missing", path.name, msg, f"add it to {METADATA_FILE}"))
    elif text is not None and data is not None and item.entry is not None:
        return RawArticle(_meta(item.entry), text, hashlib.sha256(data).hexdigest()), found
    return None, found


def iter_articles(seeds: Path, problems: list[Problem], *, today: dt.date | None = None) -> Iterator[RawArticle]:
    """Yield the usable articles under *seeds* in id order, appending every problem to *problems*.

    Streams: one file and one metadata entry are in memory at a time (:func:`list_seeds`
    then :func:`read_listed`).
    """
    for item in list_seeds(seeds, problems, today=today):
        article, found = read_listed(seeds, item)
        problems += found
        if article is not None:
            yield article


def _meta(entry: str) -> ArticleMeta:
    """An entry that passed :func:`_check_entry`, back from its JSON."""
    values = json.loads(entry)
    date = values["published_date"]
    return ArticleMeta(**{**values, "published_date": date and dt.date.fromisoformat(date)})


def ingest(seeds: Path, *, today: dt.date | None = None) -> list[RawArticle]:
    """Read every seed file under *seeds* with its metadata, sorted by id.

    Raises:
        IngestError: with every problem found, if any file or metadata entry is unusable.

    """
    problems: list[Problem] = []
    articles = list(iter_articles(seeds, problems, today=today))
    if problems:
        raise IngestError(f"cannot ingest {seeds}: {len(problems)} problem(s)", problems)
    return articles
