"""``import``: scraped collections into a corpus's seeds, every row accounted for, all or nothing.

The collections are a scraper's export made by ``scripts/make_scraped.py``, with troubles
planted at known rows (each with the check that must refuse it), and the real seeds' texts
for duplicates against a corpus. Everything runs the real cleaner, language detector and
duplicate engine; the command line runs as a subprocess.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys
import sysconfig
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import venezuela_corpus as vc
from venezuela_corpus.corpus import init
from venezuela_corpus.errors import CollectionError, LockTimeoutError, ReadOnlyCorpusError
from venezuela_corpus.importer import ImportReport, import_articles, write_document
from venezuela_corpus.maintain import check_seeds
from venezuela_corpus.mapping import map_columns, outlet_from_url, parse_date
from venezuela_corpus.seedstore import LOCK_FILE
from venezuela_corpus.sources import open_collection

from .conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "scripts"))
import make_scraped

sys.path.remove(str(ROOT / "scripts"))

N = 50
"""Rows of the planted collection: every trouble appears at least once (periods 23 to 47)."""
TODAY = dt.date(2026, 1, 1)


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != LOCK_FILE}


def _outcomes(report: ImportReport) -> list[str]:
    """Each row's status, or the check that refused it first."""
    return [r.status if r.status != "refused" else r.problems[0].check for r in report.rows]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("scraped") / "berita.csv"
    return path, make_scraped.write(path, N)


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    return init(tmp_path / "mine", name="mine").root or tmp_path


# --- columns, dates and outlets ------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["judul", "isi_berita", "tanggal", "link"], {"text": "isi_berita", "title": "judul", "url": "link"}),
        (["Title", "Content", "Date", "URL", "Author"], {"text": "Content", "title": "Title", "url": "URL"}),
        (["headline", "body", "published_at", "permalink", "source"], {"text": "body", "url": "permalink"}),
        (["Judul Berita", "Isi", "Tanggal Terbit", "Tautan", "Media"], {"text": "Isi", "outlet": "Media"}),
    ],
)
def test_common_scraper_columns_are_guessed(header: list[str], expected: dict[str, str]) -> None:
    found = map_columns(header)
    assert expected.items() <= found.items()
    assert set(found.values()) <= set(header) and len(set(found.values())) == len(found)


def test_a_given_column_wins_and_is_not_guessed_twice() -> None:
    found = map_columns(["text", "content", "title", "url"], {"text": "content"})
    assert found["text"] == "content" and "text" not in found.values()


@pytest.mark.parametrize(
    ("header", "given", "message"),
    [
        (["judul", "link"], None, r"no column for text among judul, link: name it with --text-column"),
        (["isi", "link"], None, r"no column for title .* --title-column"),
        (["isi", "judul", "link"], {"text": "konten"}, r"no column 'konten' in the collection; its columns are isi"),
        (["isi", "judul", "link"], {"colour": "isi"}, r"unknown field\(s\) colour"),
    ],
)
def test_columns_that_cannot_be_found_say_what_to_do(
    header: list[str], given: dict[str, str] | None, message: str
) -> None:
    with pytest.raises(CollectionError, match=message):
        map_columns(header, given)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-08-01", dt.date(2024, 8, 1)),
        ("2024-08-01 10:15:00", dt.date(2024, 8, 1)),
        ("2024-08-01T23:30:00+07:00", dt.date(2024, 8, 1)),
        ("2024-08-01T16:30:00Z", dt.date(2024, 8, 1)),
        ("2024/8/1", dt.date(2024, 8, 1)),
        ("01/08/2024", dt.date(2024, 8, 1)),
        ("1-8-2024", dt.date(2024, 8, 1)),
        ("Kamis, 01 Agustus 2024 10:15 WIB", dt.date(2024, 8, 1)),
        ("Selasa 14 Mei 2019, 07:00 WIB", dt.date(2019, 5, 14)),
        ("Senin, 5 Agt 2024 | 10:15 WIB", dt.date(2024, 8, 5)),
        ("27 Januari 2019", dt.date(2019, 1, 27)),
        ("12 Nopember 2020", dt.date(2020, 11, 12)),
        ("August 1, 2024", dt.date(2024, 8, 1)),
        ("Des 31 2023", dt.date(2023, 12, 31)),
        (dt.date(2024, 8, 1), dt.date(2024, 8, 1)),
        (dt.datetime(2024, 8, 1, 23, 59), dt.date(2024, 8, 1)),
        ("", None),
        ("  ", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_scraped_dates_are_read(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("kemarin sore", "not a date in a known format"),
        ("2 jam yang lalu", "not a date in a known format"),
        ("2024-02-30", "day is out of range"),
        ("31/13/2024", "month must be in 1..12"),
        ("5 Brumaire 2024", "not a date in a known format"),
        (1722470400, "is a int, not a date"),
    ],
)
def test_what_is_not_a_date_is_said_so(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(value)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://nasional.kompas.com/read/2024/08/01/x", "kompas.com"),
        ("https://www.cnnindonesia.com/internasional/x", "cnnindonesia.com"),
        ("https://m.republika.co.id/berita/x", "republika.co.id"),
        ("https://fbeta.republika.co.id/berita/x", "republika.co.id"),
        ("http://jurnas.com/artikel/40529/x", "jurnas.com"),
        ("https://WWW.Detik.COM./news", "detik.com"),
        ("https://berita.example.go.id/a", "example.go.id"),
        ("https://192.0.2.1/a", None),
        ("https://[2001:db8::1]/a", None),
        ("not a url", None),
        ("http://[::1/berita", None),
    ],
)
def test_the_outlet_is_the_urls_domain(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


# --- reading collections --------------------------------------------------------------------


ROWS = [
    {
        "judul": "Satu",
        "isi_berita": "Teks satu,\n\ndengan paragraf.",
        "tanggal": "2024-08-01",
        "link": "https://a.id/1",
    },
    {"judul": "Dua", "isi_berita": 'Teks "dua"; titik koma', "tanggal": "", "link": "https://a.id/2"},
]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        pq.write_table(pa.Table.from_pylist(rows), path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json", ".parquet"])
def test_every_format_reads_the_same_rows(tmp_path: Path, suffix: str) -> None:
    collection = open_collection(_write(tmp_path / f"berita{suffix}", ROWS))
    assert collection.header() == list(ROWS[0])
    rows = list(collection.rows())
    assert [dict(r.values) for r in rows] == ROWS
    assert [r.number for r in rows] == [1, 2] and all(r.problem is None for r in rows)
    assert rows[1].where.startswith(f"berita{suffix} row 2")
    assert collection.count() in (2, None)


def test_a_semicolon_csv_is_read_and_a_ragged_row_is_named(tmp_path: Path) -> None:
    path = tmp_path / "berita.csv"
    path.write_text('judul;isi\nA;"satu\ndua"\nB;x;y\n\nC;z\n', encoding="utf-8")
    rows = list(open_collection(path).rows())
    assert [(r.number, r.where, r.problem is None) for r in rows] == [
        (1, "berita.csv row 1 (line 2)", True),
        (2, "berita.csv row 2 (line 4)", False),
        (3, "berita.csv row 3 (line 6)", True),
    ]
    assert rows[0].values == {"judul": "A", "isi": "satu\ndua"}
    assert rows[1].problem == "has 3 fields, the header 2: a quote may be unbalanced"


def test_a_long_csv_field_is_read(tmp_path: Path) -> None:
    text = "kata " * 60_000  # 300 KB: over the csv module's default field limit of 128 KiB
    rows = list(open_collection(_write(tmp_path / "long.csv", [{"isi": text}])).rows())
    assert rows[0].values["isi"] == text


def test_a_bad_json_line_is_a_row_problem(tmp_path: Path) -> None:
    path = tmp_path / "berita.jsonl"
    path.write_text('{"isi": "a"}\n{"isi": \n\n[1, 2]\n{"isi": "b"}\n', encoding="utf-8")
    rows = list(open_collection(path).rows())
    assert [(r.number, r.where) for r in rows] == [
        (1, "berita.jsonl row 1 (line 1)"),
        (2, "berita.jsonl row 2 (line 2)"),
        (3, "berita.jsonl row 3 (line 4)"),
        (4, "berita.jsonl row 4 (line 5)"),
    ]
    assert rows[1].problem is not None and rows[1].problem.startswith("not valid JSON")
    assert rows[2].problem == "is a JSON list, not an object of fields"
    assert rows[3].values == {"isi": "b"}


def test_a_folder_of_texts_with_its_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "hasil"
    folder.mkdir()
    (folder / "b.txt").write_text("teks b", encoding="utf-8")
    (folder / "a.txt").write_text("teks a", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\xff\xfe")
    _write(folder / "metadata.csv", [{"file": "a.txt", "judul": "A", "link": "https://x.id/a"}])
    collection = open_collection(folder)
    assert collection.format == "folder" and collection.header() == ["file", "text", "judul", "link"]
    rows = list(collection.rows())
    assert rows[0].values == {"file": "a.txt", "judul": "A", "link": "https://x.id/a", "text": "teks a"}
    assert rows[1].values == {"file": "b.txt", "text": "teks b"}
    assert rows[2].where == "hasil/c.txt" and rows[2].problem == "file is UTF-16/32, not UTF-8"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("berita.xlsx", b"PK", r"cannot tell the format of .*berita.xlsx from its name.*--format"),
        ("berita.parquet", b"not parquet", r"cannot read .*berita.parquet as Parquet"),
        ("berita.json", b'{"isi": 1}', r"is not a JSON array of objects.*name it .jsonl"),
        ("berita.csv", b"", r"is empty: a CSV collection needs a header row"),
    ],
)
def test_a_collection_unreadable_as_a_whole_is_one_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CollectionError, match=message):
        list(open_collection(path).rows())


# --- importing --------------------------------------------------------------------------------


def test_every_row_gets_its_planted_outcome_and_the_corpus_builds(planted: tuple[Path, list[str]], mine: Path) -> None:
    path, expected = planted
    report = import_articles(path, corpus=mine, today=TODAY)
    assert _outcomes(report) == expected
    accepted = report.of("accepted")
    assert report.written and report.counts == {
        "accepted": expected.count("accepted"),
        "present": 0,
        "refused": N - expected.count("accepted"),
    }
    seeds = mine / "seeds"
    doc = json.loads((seeds / "metadata.json").read_text())
    assert [e["file"] for e in doc["articles"]] == [f"{r.id}.txt" for r in accepted]
    assert sorted(p.name for p in seeds.glob("*.txt")) == [f"{r.id}.txt" for r in accepted]
    assert check_seeds(seeds, today=TODAY).ok
    data = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    first = data[accepted[0].number - 1]
    assert (seeds / f"{accepted[0].id}.txt").read_bytes() == first["isi_berita"].encode()
    entry = doc["articles"][0]
    assert entry["title"] == first["judul"] and entry["url"] == first["link"]
    assert entry["outlet"] == (first["sumber"] or outlet_from_url(first["link"]))
    assert entry["published_date"] == parse_date(first["tanggal"]).isoformat()  # type: ignore[union-attr]
    vc.build("0.1.0", corpus=mine, today=TODAY)
    ds = vc.load_corpus("0.1.0", path=mine)
    assert ds.num_rows == len(accepted) and ds.features == vc.load_corpus().features
    assert vc.pin("0.1.0", path=mine).startswith("mine==0.1.0@sha256:")


def test_refusals_name_the_row_and_the_earlier_text(planted: tuple[Path, list[str]], mine: Path) -> None:
    report = import_articles(planted[0], corpus=mine, dry_run=True, today=TODAY)
    by_check = {r.problems[0].check: r for r in report.of("refused")}

    def repeated(number: int) -> int:  # the row a planted repetition repeats: the last one without trouble
        return max(k for k in range(1, number) if make_scraped.trouble(k) is None)

    dup = by_check["duplicate"]
    assert re.fullmatch(rf"berita\.csv row {dup.number} \(line \d+\)", dup.where)
    assert dup.problems[0].message == f"same text as row {repeated(dup.number)}"
    assert dup.problems[0].hint == "the collection repeats it: keep one"
    near = by_check["near_duplicate"]
    assert near.problems[0].message.startswith(f"near duplicate of row {repeated(near.number)} (similarity 0.")
    assert by_check["duplicate_url"].problems[0].message.startswith("same url as row ")
    assert "'kemarin sore' is not a date" in by_check["bad_date"].reason
    assert by_check["missing_field"].reason == (
        "[missing_field] no outlet: column 'sumber' is empty and the url names none; "
        "[missing_field] no url: column 'link' is empty"
    )
    assert by_check["language"].reason.startswith("[language] language is 'en'")
    assert not report.written and _files(mine / "seeds") == {
        "metadata.json": b'{\n  "format": 1,\n  "articles": []\n}\n'
    }
    assert all(r.id is not None for r in report.of("accepted"))  # the names a real import would give


def test_a_reimport_adds_nothing(planted: tuple[Path, list[str]], mine: Path) -> None:
    path, expected = planted
    first = import_articles(path, corpus=mine, today=TODAY)
    before = _files(mine / "seeds")
    again = import_articles(path, corpus=mine, today=TODAY)
    assert _outcomes(again) == ["present" if e == "accepted" else e for e in expected]
    assert [r.id for r in again.of("present")] == [r.id for r in first.of("accepted")]
    assert not again.written and _files(mine / "seeds") == before


def test_duplicates_of_the_corpus_are_refused_and_the_same_article_is_present(seeds: Path, tmp_path: Path) -> None:
    """Against the package's seeds: a seed's text from another URL, its clean text, and itself."""
    doc = json.loads((SEEDS / "metadata.json").read_text())
    a, b = doc["articles"][0], doc["articles"][1]
    golden = (ROOT / "tests" / "golden" / b["file"]).read_text(encoding="utf-8")
    rows = [
        {"judul": a["title"], "isi": (SEEDS / a["file"]).read_text(encoding="utf-8"), "link": a["url"]},
        {"judul": "Salinan", "isi": (SEEDS / a["file"]).read_text(encoding="utf-8"), "link": "https://x.id/salinan"},
        {"judul": "Bersih", "isi": golden, "link": "https://x.id/bersih"},
        {"judul": "Lagi", "isi": "Teks lain sama sekali.", "link": b["url"]},
    ]
    report = import_articles(_write(tmp_path / "c.csv", rows), seeds=seeds, today=TODAY)
    assert (report.rows[0].status, report.rows[0].id) == ("present", a["file"].removesuffix(".txt"))
    assert [(p.check, p.message) for r in report.rows[1:] for p in r.problems if p.severity == "error"] == [
        ("duplicate", f"same text as {a['file'].removesuffix('.txt')}"),
        ("duplicate", f"same text as {b['file'].removesuffix('.txt')}"),  # the same clean text
        ("duplicate_url", f"the corpus holds {b['file'].removesuffix('.txt')} from the same url, with another text"),
    ]
    assert report.rows[2].problems[0].hint == "already in the corpus: leave the row out"


def test_duplicates_of_a_corpus_without_seeds_in_its_snapshot(tmp_path: Path) -> None:
    """A corpus whose seeds went in a snapshot: its clean texts come from the snapshot's rows."""
    corpus = init(tmp_path / "c", name="c").root
    assert corpus is not None
    golden = sorted((ROOT / "tests" / "golden").glob("*.txt"))
    rows = [
        {"judul": p.stem, "isi": p.read_text(encoding="utf-8"), "link": f"https://x.id/{i}"}
        for i, p in enumerate(golden)
    ]
    first = import_articles(_write(tmp_path / "a.csv", rows[:2]), corpus=corpus, today=TODAY)
    vc.build("0.1.0", corpus=corpus, today=TODAY)
    again = [{**r, "isi": r["isi"] + "\n\n", "link": r["link"] + "?lagi"} for r in rows]  # other bytes, same clean text
    second = import_articles(_write(tmp_path / "b.csv", again), corpus=corpus, today=TODAY)
    assert [r.problems[0].message for r in second.rows[:2]] == [f"same text as {r.id}" for r in first.rows]
    assert [r.status for r in second.rows[2:]] == ["accepted"] * (len(rows) - 2)


def test_the_metadata_document_is_written_as_add_writes_it(tmp_path: Path) -> None:
    doc = json.loads((SEEDS / "metadata.json").read_text())
    new = [{**doc["articles"][0], "file": f"{i:03d}_x.txt", "title": "Ünïcode “kutip”"} for i in range(3)]
    for old, added in ([], new), (doc["articles"], []), (doc["articles"], new), ([], []):
        path = tmp_path / "m.json"
        with path.open("wb") as fh:
            write_document(fh, {**doc, "articles": old}, iter(added))
        expected = json.dumps({**doc, "articles": old + added}, indent=2, ensure_ascii=False) + "\n"
        assert path.read_text(encoding="utf-8") == expected


def test_workers_give_the_same_import(planted: tuple[Path, list[str]], tmp_path: Path) -> None:
    path, _ = planted
    one, two = (init(tmp_path / name, name=name).root for name in ("one", "two"))
    assert one is not None and two is not None
    a = import_articles(path, corpus=one, today=TODAY)
    b = import_articles(path, corpus=two, today=TODAY, workers=2)
    assert a.rows == b.rows and _files(one / "seeds") == _files(two / "seeds")


def test_a_folder_of_texts_is_imported(tmp_path: Path, mine: Path) -> None:
    folder = tmp_path / "hasil"
    folder.mkdir()
    doc = json.loads((SEEDS / "metadata.json").read_text())
    entries = []
    for e in doc["articles"]:
        (folder / e["file"]).write_bytes((SEEDS / e["file"]).read_bytes())
        entries.append({k: v for k, v in e.items() if k != "notes"})
    (folder / "metadata.json").write_text(json.dumps({"format": 1, "articles": entries}))
    report = import_articles(folder, corpus=mine, today=TODAY)
    assert [r.status for r in report.rows] == ["accepted"] * 4
    written = json.loads((mine / "seeds" / "metadata.json").read_text())["articles"]
    assert [(w["title"], w["outlet"], w["author"]) for w in written] == [
        (e["title"], e["outlet"], e["author"]) for e in doc["articles"]
    ]
    assert report.rows[3].problems[0].check == "machine_translated"  # translated_from came along


def test_a_refused_value_is_named_by_row(tmp_path: Path, mine: Path) -> None:
    path = tmp_path / "rusak.csv"
    good = (ROOT / "tests" / "golden" / "000_d3f9cf7e7d47adc1.txt").read_bytes()
    path.write_bytes(b'judul,isi,link\nA,"' + good.replace(b'"', b'""') + b'\xff",https://x.id/a\nB,,https://x.id/b\n')
    report = import_articles(path, corpus=mine, today=TODAY)
    second_line = 3 + good.count(b"\n")  # row 1 starts on line 2 and spans its newlines
    assert [(r.where, r.reason) for r in report.rows] == [
        ("rusak.csv row 1 (line 2)", "[bad_value] text is not valid UTF-8 (byte 0xff)"),
        (f"rusak.csv row 2 (line {second_line})", "[empty] the row has no text"),
    ]
    assert not report.written


def test_an_import_never_writes_into_installed_packages(planted: tuple[Path, list[str]]) -> None:
    inside = Path(sysconfig.get_path("purelib")) / "venezuela_corpus_test_seeds"
    with pytest.raises(ReadOnlyCorpusError, match="refusing to write seeds into"):
        import_articles(planted[0], seeds=inside)
    assert not inside.exists()


HOLD = textwrap.dedent("""
    import pathlib, sys
    from venezuela_corpus.seedstore import seeds_lock
    with seeds_lock(pathlib.Path(sys.argv[1])):
        print("holding", flush=True)
        sys.stdin.readline()
""")


@pytest.fixture
def held(mine: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(mine / "seeds")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    yield proc
    proc.kill()
    proc.wait()


def test_an_import_waits_for_the_seeds_lock(
    planted: tuple[Path, list[str]], mine: Path, held: subprocess.Popen[str]
) -> None:
    before = _files(mine / "seeds")
    with pytest.raises(LockTimeoutError, match="seeds"):
        import_articles(planted[0], corpus=mine, lock_timeout=0.2)
    assert _files(mine / "seeds") == before


# --- the command ----------------------------------------------------------------------------


def test_the_command_reports_and_exits_1_on_refusals(planted: tuple[Path, list[str]], mine: Path) -> None:
    path, expected = planted
    out = _cli("import", str(path), "--corpus", str(mine))
    assert out.returncode == 1, out.stderr
    assert "columns: text=isi_berita, title=judul, outlet=sumber, url=link, published_date=tanggal" in out.stdout
    accepted, refused = expected.count("accepted"), N - expected.count("accepted")
    assert f"imported {accepted} of {N} rows into {mine / 'seeds'} ({refused} refused, 0 already in the corpus)" in (
        out.stdout
    )
    assert "same text as row" in out.stdout and "berita.csv row 23" in out.stdout
    again = _cli("import", str(path), "--corpus", str(mine), "--json")
    report = json.loads(again.stdout)
    assert again.returncode == 1 and report["present"] == accepted and report["accepted"] == 0
    assert [r["status"] for r in report["rows"]] == ["present" if e == "accepted" else "refused" for e in expected]
    assert report["rows"][22]["reason"].startswith("[language]")


def test_the_command_with_columns_named_and_a_dry_run(tmp_path: Path, mine: Path) -> None:
    golden = sorted((ROOT / "tests" / "golden").glob("*.txt"))[:2]
    rows = [{"body": p.read_text(encoding="utf-8"), "head": p.stem, "where": f"https://x.id/{p.stem}"} for p in golden]
    path = _write(tmp_path / "x.jsonl", rows)
    out = _cli("import", str(path), "--corpus", str(mine), "--dry-run")
    message = "no column for title, url among body, head, where: name it with --title-column, --url-column"
    assert out.returncode == 3 and message in out.stderr and "Traceback" not in out.stderr
    args = ("--title-column", "head", "--url-column", "where")  # body: guessed as the text
    out = _cli("import", str(path), "--corpus", str(mine), *args, "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "outlet from the url's domain" in out.stdout and "would import 2 of 2 rows" in out.stdout
    assert _files(mine / "seeds") == {"metadata.json": b'{\n  "format": 1,\n  "articles": []\n}\n'}


def test_the_commands_options_match_the_fields() -> None:
    from venezuela_corpus import cli, mapping, sources

    assert tuple(cli.column_options().values()) == mapping.FIELDS and set(mapping.GUESSES) == set(mapping.FIELDS)
    assert cli.COLLECTION_FORMATS == sources.FORMATS
    assert all(f"--{option}-column" in _cli("import", "--help").stdout for option in cli.column_options())


def test_a_kill_at_any_point_leaves_all_or_nothing(tmp_path: Path, mine: Path) -> None:
    """The child pauses at its k-th write, rename or removal inside seeds/ (as in test_add) and is killed there."""
    from .test_add import PAUSE, _state

    golden = sorted((ROOT / "tests" / "golden").glob("*.txt"))[:2]
    rows = [{"judul": p.stem, "isi": p.read_text(encoding="utf-8"), "link": f"https://x.id/{p.stem}"} for p in golden]
    path = _write(tmp_path / "dua.jsonl", rows)
    seeds = mine / "seeds"
    original = _files(seeds)
    killed_at = []
    for stop in range(1, 40):
        for p in list(seeds.iterdir()):  # back to the original seeds
            if p.name not in original and p.name != LOCK_FILE:
                p.unlink()
        for name, data in original.items():
            (seeds / name).write_bytes(data)
        args = ["import", str(path), "--corpus", str(mine)]
        proc = subprocess.Popen(
            [sys.executable, "-c", PAUSE, str(seeds), str(stop), *args], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("paused"):  # no such point: the import ran to its end
            assert proc.wait() == 0 and line.startswith("columns:"), line
            break
        proc.kill()
        proc.wait()
        killed_at.append(line.split(" ", 2)[2].strip())
        assert check_seeds(seeds).ok, line  # the next command finishes or undoes the import first
        texts, entries, others = _state(seeds)
        assert others == [] and texts == entries, (line, others)
        assert len(texts) in (0, 2), line
        assert {seeds.joinpath(t).read_bytes() for t in texts} <= {p.read_bytes() for p in golden}, line
    assert len(killed_at) >= 6, killed_at  # the lock, two staged texts, metadata.json, the commit, two renames
    assert sum("rename" in point for point in killed_at) >= 3, killed_at
