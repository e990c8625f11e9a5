"""A deterministic scraper's export for import tests and benchmarks: CSV, JSON Lines or Parquet.

    python scripts/make_scraped.py OUT.csv --n 1000 [--seed 0]     # or OUT.jsonl, OUT.parquet

The columns are a scraper's (``judul``, ``isi_berita``, ``tanggal``, ``link``, ``sumber``,
``penulis``); the texts are ``make_synthetic.py``'s (Indonesian words and pseudo-words, with
boilerplate in every text form), dates in the formats news sites print, and the outlet
column often empty (the import takes it from the link's domain). Troubles are planted at
known rows (:data:`TROUBLES`), each with the check that must refuse it; the expected
check of every row is printed as JSON and returned. The same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_synthetic import FORMS, Vocabulary, _near, _paragraphs, render

COLUMNS = ("judul", "isi_berita", "tanggal", "link", "sumber", "penulis")
OUTLETS = (
    ("kompas.com", "https://nasional.kompas.com/read/{y}/{m:02d}/{d:02d}/{i}/venezuela-{i}", "Kompas.com"),
    ("detik.com", "https://news.detik.com/internasional/d-{i}/venezuela-{i}", "detikNews"),
    ("republika.co.id", "https://internasional.republika.co.id/berita/{i}/venezuela", "Republika"),
    ("cnnindonesia.com", "https://www.cnnindonesia.com/internasional/{y}{m:02d}{d:02d}-{i}/venezuela", "CNN Indonesia"),
    ("tempo.co", "https://dunia.tempo.co/read/{i}/venezuela-{i}", "Tempo"),
)
ENGLISH = (
    "The government announced on Monday that the new measures would take effect next month",
    "Officials said the decision followed weeks of talks with regional partners and business groups",
    "Critics argued that the plan did little to address rising prices and the shortage of medicine",
    "Thousands of people gathered in the capital to protest against the announcement on Tuesday",
    "The central bank said inflation had slowed for a third consecutive month in the period",
    "Opposition leaders called for new elections and urged international observers to return soon",
)
TROUBLES: dict[str, tuple[int, str]] = {
    "english": (23, "language"),
    "duplicate": (29, "duplicate"),
    "near_duplicate": (31, "near_duplicate"),
    "boilerplate": (37, "min_length"),
    "bad_date": (41, "bad_date"),
    "no_link": (43, "missing_field"),
    "same_link": (47, "duplicate_url"),
}
"""Planted trouble -> (period, the check that refuses it): row k has the first trouble whose period divides k."""
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def trouble(number: int) -> str | None:
    """The trouble planted at row *number* (from 1), if any."""
    return next((kind for kind, (every, _) in TROUBLES.items() if number % every == 0), None)


def _date(rng: random.Random, day: dt.date) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"{day.isoformat()} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00"
    if style == 1:
        return f"{DAYS[day.weekday()]}, {day.day:02d} {MONTHS[day.month - 1]} {day.year} {rng.randrange(24):02d}:00 WIB"
    if style == 2:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.isoformat()}T{rng.randrange(24):02d}:15:00+07:00"


def rows(n: int, seed: int = 0) -> tuple[list[dict[str, str]], list[str]]:
    """*n* scraped rows and, for each, ``accepted`` or the check planted to refuse it."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    start = dt.date(2015, 1, 1)
    out: list[dict[str, str]] = []
    expected: list[str] = []
    clean: list[dict[str, str]] = []  # rows without trouble, to repeat
    for number in range(1, n + 1):
        kind = trouble(number)
        day = start + dt.timedelta(days=rng.randrange(3000))
        domain, pattern, printed = OUTLETS[rng.randrange(len(OUTLETS))]
        text, _ = render(rng, vocab, rng.choice(FORMS))
        # Long enough whatever the cleaner removes: a paragraph of 100 words or more.
        text += (
            "\n\n" + " ".join(" ".join(p) for p in _paragraphs(rng, vocab)[:3]) + " " + " ".join(vocab.sample(rng, 100))
        )
        link = pattern.format(y=day.year, m=day.month, d=day.day, i=100000 + number)
        row = {
            "judul": f"Krisis Venezuela: laporan {number} dari {printed}",
            "isi_berita": text,
            "tanggal": _date(rng, day),
            "link": link,
            "sumber": domain if rng.random() < 0.5 else "",
            "penulis": f"Penulis {number % 37}" if rng.random() < 0.7 else "",
        }
        if kind == "english":
            row["isi_berita"] = ". ".join(rng.choice(ENGLISH) for _ in range(12)) + "."
        elif kind == "duplicate":
            row["isi_berita"] = clean[-1]["isi_berita"]
        elif kind == "near_duplicate":
            row["isi_berita"] = _near(rng, vocab, clean[-1]["isi_berita"])
        elif kind == "boilerplate":
            row["isi_berita"] = (
                f"Harga minyak naik {number} persen, kata pejabat itu.\n\nBaca juga: Judul lain {number}"
            )
        elif kind == "bad_date":
            row["tanggal"] = "kemarin sore"
        elif kind == "no_link":
            row["link"] = ""
            row["sumber"] = ""
        elif kind == "same_link":
            row["link"] = clean[-1]["link"]
        out.append(row)
        expected.append(TROUBLES[kind][1] if kind else "accepted")
        if kind is None:
            clean.append(row)
    return out, expected


def write(path: Path, n: int, seed: int = 0) -> list[str]:
    """Write *n* rows to *path* (CSV, JSON Lines or Parquet by its suffix); return the expected checks."""
    import csv

    data, expected = rows(n, seed)
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(data), path)
    elif path.suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in data)
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, COLUMNS)
            writer.writeheader()
            writer.writerows(data)
    return expected


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    expected = write(args.out, args.n, args.seed)
    summary: dict[str, Any] = {"rows": args.n, "expected": dict(sorted(Counter(expected).items()))}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
