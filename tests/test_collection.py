"""A scraped collection (CSV, JSON Lines, Parquet) builds the snapshot its seeds folder builds."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from venezuela_corpus import IngestError, build
from venezuela_corpus.collection import CollectionSource
from venezuela_corpus.store import DATA_FILE, MANIFEST_FILE

from .conftest import SEEDS

TODAY = dt.date(2026, 1, 1)


def _seed_rows() -> list[dict[str, Any]]:
    """The real seeds as rows: the metadata entry, its id and the file's text."""
    doc = json.loads((SEEDS / "metadata.json").read_text(encoding="utf-8"))
    rows = []
    for entry in doc["articles"]:
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        rows.append({"id": entry["file"].removesuffix(".txt"), **{k: v for k, v in entry.items() if k != "file"}})
        rows[-1]["text"] = text
    return rows[::-1]  # not in id order: the listing sorts


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    """*rows* as a collection file; the format from the suffix."""
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows)
        if "published_date" in table.column_names:  # a real date column, as scrapers write them
            dates = [None if d is None else dt.date.fromisoformat(d) for d in table["published_date"].to_pylist()]
            table = table.set_column(table.column_names.index("published_date"), "published_date", pa.array(dates))
        pq.write_table(table, path)
    return path


@pytest.fixture(scope="module")
def from_seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    root = tmp_path_factory.mktemp("seeds-build")
    build("1.0.0", seeds=SEEDS, root=root, today=TODAY)
    return (root / "1.0.0" / MANIFEST_FILE).read_bytes(), (root / "1.0.0" / DATA_FILE).read_bytes()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_collection_builds_the_seeds_snapshot(suffix: str, from_seeds: tuple[bytes, bytes], tmp_path: Path) -> None:
    path = write(tmp_path / f"berita{suffix}", _seed_rows())
    manifest = build("1.0.0", seeds=path, root=tmp_path / "out", today=TODAY)
    assert (tmp_path / "out" / "1.0.0" / DATA_FILE).read_bytes() == from_seeds[1]
    assert (tmp_path / "out" / "1.0.0" / MANIFEST_FILE).read_bytes() == from_seeds[0]
    assert manifest.rows == 4


def test_scraper_column_names_are_guessed_and_the_outlet_comes_from_the_url(tmp_path: Path) -> None:
    rows = [
        {"Judul": r["title"], "isi_berita": r["text"], "link": r["url"], "tanggal": f"{r['published_date']}T08:00:00"}
        for r in _seed_rows()
    ]
    path = write(tmp_path / "scraped.csv", rows)
    build("1.0.0", seeds=path, root=tmp_path / "out", today=TODAY)
    import pyarrow.parquet as pq

    got = pq.read_table(tmp_path / "out" / "1.0.0" / DATA_FILE, columns=["id", "outlet", "url", "published_date"])
    by_url = {r["url"]: r for r in got.to_pylist()}
    url = "https://www.medcom.id/internasional/amerika/DkqqZyQk-kolombia-sebut-326-prajurit-venezuela-telah-membelot"
    medcom = by_url[url]
    assert medcom["outlet"] == "medcom.id" and medcom["published_date"] == dt.date(2019, 2, 26)
    assert medcom["id"] == hashlib.sha256(url.encode()).hexdigest()[:16]
    assert [r["id"] for r in got.to_pylist()] == sorted(r["id"] for r in got.to_pylist())


def test_every_bad_row_is_named_by_file_and_row(tmp_path: Path) -> None:
    good = _seed_rows()[0]
    rows = [
        {**good, "id": "a-empty", "text": "   "},
        {**good, "id": "b-date", "url": "https://example.com/b", "published_date": "12/03/2024"},
        {**good, "id": "c-url", "url": "ftp://example.com/c"},
        {**good, "id": "a-empty"},
        {**good, "id": "d-title", "title": ""},
        {**good, "id": "e-nul", "text": "Caracas\x00 - " + good["text"]},
    ]
    path = write(tmp_path / "bad.jsonl", rows)
    with pytest.raises(IngestError) as info:
        build("1.0.0", seeds=path, root=tmp_path / "out", today=TODAY)
    found = [(p.where, p.check) for p in info.value.problems]
    assert found == [
        ("bad.jsonl row 4", "metadata_duplicate"),
        ("bad.jsonl row 1", "empty"),
        ("bad.jsonl row 2", "metadata_date"),
        ("bad.jsonl row 3", "metadata_url"),
        ("bad.jsonl row 5", "metadata_type"),
        ("bad.jsonl row 6", "encoding"),
    ]
    assert "duplicate id 'a-empty': the id (or url) of row 1" in str(info.value)
    assert not (tmp_path / "out" / "1.0.0").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"judul,link\nA,https://example.com/a\n", "no column for text"),
        (b"isi,judul\nteks,A\n", "no column for url or id"),
        (b'isi,judul,link\n"teks,A,https://example.com/a\n', "cannot read the collection"),
    ],
    ids=["no-text", "no-url", "unclosed-quote"],
)
def test_a_collection_that_cannot_be_used_says_why(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "berita.csv"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=rf"berita\.csv: \[collection_\w+\] {message}"):
        build("1.0.0", seeds=path, root=tmp_path / "out", today=TODAY)


def test_named_columns_win_over_guesses(tmp_path: Path) -> None:
    rows = [
        {"content": "bukan ini", "naskah": r["text"], **{k: v for k, v in r.items() if k != "text"}}
        for r in _seed_rows()
    ]
    path = write(tmp_path / "named.parquet", rows)
    build("1.0.0", seeds=CollectionSource(path, {"text": "naskah"}, TODAY), root=tmp_path / "out", today=TODAY)
    with pytest.raises(IngestError, match=r"column 'isi' \(for text\) is not in the file"):
        build("1.0.1", seeds=CollectionSource(path, {"text": "isi"}, TODAY), root=tmp_path / "out", today=TODAY)
