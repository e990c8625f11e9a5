"""From a scraped row to an article's curated fields: which column is which, dates, outlets.

Scrapers name their columns in many ways (``isi_berita``, ``content``, ``judul``, ``tanggal``,
``link``, ...) and write dates in their site's format (``Kamis, 01 Agustus 2024 10:15 WIB``,
``01/08/2024``, ``2024-08-01T10:15:00+07:00``). :func:`map_columns` guesses the columns (a
caller's choice wins), :func:`parse_date` reads the dates (a date it cannot read is a
problem, never a guess), and :func:`outlet_from_url` names the outlet by the URL's domain
when the collection does not.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from .errors import CollectionError
from .schema import CURATED

FIELDS: tuple[str, ...] = ("text", *(f.name for f in CURATED))
"""What a row can give: the raw text and the curated fields (``schema.CURATED``)."""
REQUIRED: tuple[str, ...] = ("text", "title", "url")
"""Fields a collection must have a column for (the outlet can come from the URL)."""
GUESSES: dict[str, tuple[str, ...]] = {
    "text": ("text", "isi_berita", "isi", "content", "konten", "body", "article", "artikel", "berita", "teks"),
    "title": ("title", "judul", "judul_berita", "headline", "heading", "tajuk"),
    "url": ("url", "link", "tautan", "source_url", "article_url", "permalink", "href", "alamat"),
    "published_date": (
        "published_date",
        "tanggal",
        "tanggal_terbit",
        "tgl",
        "date",
        "published",
        "published_at",
        "publish_date",
        "date_published",
        "pubdate",
        "datetime",
        "waktu",
    ),
    "outlet": ("outlet", "media", "sumber", "portal", "publisher", "penerbit", "site", "situs", "source"),
    "author": ("author", "penulis", "reporter", "wartawan", "writer", "byline"),
    "editor": ("editor", "penyunting", "redaktur"),
    "translated_from": ("translated_from",),
    "notes": ("notes", "catatan"),
}
"""Column names (compared lower-cased, spaces and dashes as ``_``) tried in order for each field (a test
checks that every field of :data:`FIELDS` has its guesses)."""
_ONE_LINE = ("title", "outlet", "author", "editor", "translated_from")
"""Fields kept on one line: runs of whitespace become one space."""


def _key(column: str) -> str:
    return re.sub(r"[\s\-]+", "_", column.strip().lower())


def map_columns(header: Sequence[str], given: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """Which column gives each field: *given* (field -> column) first, else a guess from :data:`GUESSES`.

    >>> map_columns(["Judul", "isi_berita", "tanggal", "link"])
    {'text': 'isi_berita', 'title': 'Judul', 'url': 'link', 'published_date': 'tanggal'}

    Raises:
        CollectionError: a given column is not in *header*, or no column gives a required field.

    """
    chosen: dict[str, str] = {f: c for f, c in (given or {}).items() if c}
    unknown = sorted(set(chosen) - set(FIELDS))
    if unknown:
        raise CollectionError(f"unknown field(s) {', '.join(unknown)}: the fields are {', '.join(FIELDS)}")
    missing = [c for c in chosen.values() if c not in header]
    if missing:
        raise CollectionError(
            f"no column {', '.join(map(repr, missing))} in the collection; its columns are {', '.join(header)}"
        )
    by_key: dict[str, str] = {}
    for column in header:
        by_key.setdefault(_key(column), column)
    taken = set(chosen.values())
    found: dict[str, str] = {}
    for field in FIELDS:
        if field in chosen:
            found[field] = chosen[field]
            continue
        guess = next((by_key[g] for g in GUESSES[field] if g in by_key and by_key[g] not in taken), None)
        if guess is not None:
            found[field] = guess
            taken.add(guess)
    absent = [f for f in REQUIRED if f not in found]
    if absent:
        options = ", ".join(f"--{f}-column" for f in absent)
        raise CollectionError(
            f"no column for {', '.join(absent)} among {', '.join(header) or 'no columns'}: name it with {options}"
        )
    return found


_MONTHS = {
    1: ("januari", "jan", "january"),
    2: ("februari", "pebruari", "feb", "february"),
    3: ("maret", "mar", "march"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"),
    8: ("agustus", "agu", "agt", "ags", "aug", "august"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "okt", "oct", "october"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "des", "dec", "december"),
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTHS.items() for name in names}
"""Month names and abbreviations, Indonesian and English, lower-cased."""
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s]\d)")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|\D)")
_DAY_MONTH = re.compile(r"(?:^|[\s,])(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:$|\D)")
_MONTH_DAY = re.compile(r"(?:^|[\s,])([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:$|\D)")


def parse_date(value: object) -> dt.date | None:
    """The publication date a scraper wrote, or ``None`` for an empty value.

    Reads ISO dates and times (the date as written, whatever its time zone), day-first
    numeric dates (``01/08/2024``: Indonesian sites write the day first) and dates with a
    month name, Indonesian or English, with or without a weekday and time.

    >>> [str(parse_date(v)) for v in ("2024-08-01T23:30:00+07:00", "Kamis, 01 Agustus 2024 10:15 WIB", "1/8/2024")]
    ['2024-08-01', '2024-08-01', '2024-08-01']

    Raises:
        ValueError: the value is not a date this reads (the message says what it got).

    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is a {type(value).__name__}, not a date")
    text = value.strip()
    if not text:
        return None
    year, month, day = _date_parts(text)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date: {exc}") from None


def _date_parts(text: str) -> tuple[int, int, int]:
    if found := _ISO.match(text):
        return int(found[1]), int(found[2]), int(found[3])
    if found := _DMY.match(text):
        return int(found[3]), int(found[2]), int(found[1])
    if (found := _DAY_MONTH.search(text)) and found[2].lower() in MONTHS:
        return int(found[3]), MONTHS[found[2].lower()], int(found[1])
    if (found := _MONTH_DAY.search(text)) and found[1].lower() in MONTHS:
        return int(found[3]), MONTHS[found[1].lower()], int(found[2])
    raise ValueError(f"{text!r} is not a date in a known format (e.g. 2024-08-01, 01/08/2024, 1 Agustus 2024)")


_SECOND_LEVEL = frozenset({"co", "or", "go", "ac", "web", "my", "net", "sch", "biz", "com", "org", "gov", "edu", "mil"})
_MOBILE = ("www.", "m.", "amp.", "mobile.", "wap.")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def outlet_from_url(url: str) -> str | None:
    """The outlet's domain in *url* (``kompas.com``, ``republika.co.id``), or ``None``.

    Subdomains (``nasional.``, ``www.``, ``m.``) are dropped; a second-level domain such as
    ``co.id`` keeps its name.

    >>> outlet_from_url("https://nasional.kompas.com/read/2024/08/01/x"), outlet_from_url("https://m.republika.co.id/b")
    ('kompas.com', 'republika.co.id')
    """
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return None
    if not host or _is_address(host):
        return None  # no host, or an IP address: no outlet to name
    for prefix in _MOBILE:
        host = host.removeprefix(prefix)
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:]) if len(labels) >= 2 else None


def _surrogate(field: str, code: int) -> str:
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the "surrogateescape" reading
        return f"{field} is not valid UTF-8 (byte 0x{code & 0xFF:02x})"
    return f"{field} holds a lone surrogate (\\u{code:04x}), not a character"


def _value(field: str, value: object) -> tuple[str | None, str | None]:
    """A field's value as text (``None`` if empty), or why it cannot be one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, None
    if (
        isinstance(value, bool)
        or not isinstance(value, (str, int, float))
        or (field == "text" and not isinstance(value, str))
    ):
        return None, f"{field} is a {type(value).__name__}, not text"
    text = str(value)
    if any("\ud800" <= c <= "\udfff" for c in text):
        return None, _surrogate(field, ord(next(c for c in text if "\ud800" <= c <= "\udfff")))
    if "\x00" in text:
        return None, f"{field} holds a NUL character: binary data, not text"
    if field == "text":
        return (text if text.strip() else None), None
    text = " ".join(text.split()) if field in _ONE_LINE else text.strip()
    return text or None, None


def fields_of(values: Mapping[str, Any], columns: Mapping[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The fields of one row (by :func:`map_columns`), and what is wrong with them, as ``(field, message)``.

    The date is an ISO string (or ``None``); an outlet the row does not give comes from the
    URL's domain. A missing field is ``None``; the caller decides whether it may be.
    """
    found: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for field in FIELDS:
        column = columns.get(field)
        raw = values.get(column) if column is not None else None
        if field == "published_date":
            try:
                date = parse_date(raw)
                found[field] = date.isoformat() if date else None
            except ValueError as exc:
                found[field] = None
                problems.append((field, str(exc)))
            continue
        found[field], problem = _value(field, raw)
        if problem:
            problems.append((field, problem))
    if found["outlet"] is None and found["url"]:
        found["outlet"] = outlet_from_url(found["url"])
    return found, problems
